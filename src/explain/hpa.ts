/**
 * HPA syncs explained from their decisions (HpaSyncDecision): each metric's value, ratio and
 * proposal with the pods set aside, the tolerance verdict, the stabilization window, the
 * policy limit with the scale events its period counted (or the legacy cap), min/max, the
 * count written and the event it produced — in the stage names of horizontal.go
 * (prenormalizedDesiredReplicas → stabilizedRecommendation → desiredReplicas).
 *
 * Nothing is recomputed: a formula is printed with the operands the controller recorded, next
 * to the result it recorded. Where a decision lacks a number, the explanation says less rather
 * than work it out.
 */
import type { Decision, Trace } from "../engine/trace.ts";
import type {
  HpaBehaviorNormalization,
  HpaLegacyNormalization,
  HpaMetricDecision,
  HpaSyncDecision,
} from "../engine/controllers/hpa/decision.ts";
import type { HpaNumbers } from "./model.ts";
import { formatNumber, formatTime, listText, plural, ratioText } from "./words.ts";

/** One HPA sync: its time, the recorded inputs and the decision's own summary. */
export interface HpaSync {
  t: number;
  hpa: string;
  inputs: HpaSyncDecision;
  summary: string;
}

/** The HPA's syncs in the trace, in order. */
export function hpaSyncs(trace: Trace, hpa: string): HpaSync[] {
  const object = `HorizontalPodAutoscaler/${hpa}`;
  return trace.decisions
    .filter((d: Decision) => d.controller === "hpa" && d.object === object)
    .map((d) => ({ t: d.t, hpa, inputs: d.inputs as HpaSyncDecision, summary: d.summary }));
}

export type HpaOutcome = "scaled" | "kept" | "failed";

export function outcomeOf(s: HpaSync): HpaOutcome {
  if (s.inputs.scaleError !== undefined) return "failed";
  if (s.inputs.rescale === true) return "scaled";
  if (s.inputs.currentReplicas === undefined) return "failed";
  if (s.inputs.metricsError !== undefined && s.inputs.prenormalizedDesiredReplicas === undefined)
    return "failed";
  return "kept";
}

const isBehavior = (n: HpaSyncDecision["normalization"]): n is HpaBehaviorNormalization =>
  n?.path === "behavior";
const isLegacy = (n: HpaSyncDecision["normalization"]): n is HpaLegacyNormalization => n?.path === "legacy";

/** The numbers of a sync, stage by stage, read from its decision. */
export function hpaNumbers(s: HpaSync): HpaNumbers {
  const i = s.inputs;
  const n = i.normalization;
  const rescaled = i.events?.find((e) => e.reason === "SuccessfulRescale");
  const out: HpaNumbers = {
    currentReplicas: i.currentReplicas,
    minReplicas: i.minReplicas,
    maxReplicas: i.maxReplicas,
    metrics: (i.metrics ?? []).map((m) => ({
      name: m.name ?? m.type,
      ratio: m.ratio,
      recomputedRatio: m.calculation?.newRatio,
      proposal: m.proposal,
      withinTolerance: m.withinTolerance,
      error: m.error,
    })),
    proposal: i.prenormalizedDesiredReplicas,
    stabilized: n?.stabilization.stabilizedRecommendation,
    limit: isBehavior(n) ? n.rate.limit : isLegacy(n) ? n.limit.scaleUpLimit : undefined,
    limitReason: isBehavior(n) ? n.rate.reason : isLegacy(n) ? n.limit.reason : undefined,
    desiredReplicas: i.desiredReplicas,
    event: rescaled?.message,
    scaleError: i.scaleError,
  };
  return out;
}

// ------------------------------------------------------------------ why nothing changed

/** The ratios a quiet sync saw: first over the ready pods, then recomputed with the pods set aside. */
export interface QuietRatios {
  ratios: number[];
  recomputed: number[];
}

/**
 * Why a sync left the size alone: a key equal for syncs held by the same thing (consecutive
 * ones fold into one line), and the words, given the ratio ranges over the folded syncs.
 * Ratios stay out of the key; pod counts and sizes are in it, so a folded line stays exact.
 */
export interface QuietReason extends QuietRatios {
  key: string;
  text(ratio: string, recomputed: string): string;
}

export function quietReason(s: HpaSync): QuietReason {
  const i = s.inputs;
  const cur = i.currentReplicas;
  const metrics = (i.metrics ?? []).filter((m) => m.error === undefined);
  const ratios = metrics.flatMap((m) => (m.ratio !== undefined ? [m.ratio] : []));
  const recomputed = metrics.flatMap((m) =>
    m.calculation?.newRatio !== undefined ? [m.calculation.newRatio] : [],
  );
  const fixed = (key: string, text: string): QuietReason => ({
    key,
    text: () => text,
    ratios: [],
    recomputed: [],
  });
  if (cur === undefined) return fixed(`failed:${s.summary}`, s.summary);
  if (i.scaleError !== undefined)
    return fixed(
      `scale-error:${i.desiredReplicas}:${i.scaleError}`,
      `wanted ${i.desiredReplicas}, but the scale write was refused: ${i.scaleError}`,
    );
  if (i.prenormalizedDesiredReplicas === undefined) {
    if (i.refusedProposal !== undefined)
      return fixed(
        `refused:${i.refusedProposal}:${i.metricsError}`,
        `the valid metrics ask for ${i.refusedProposal}, but no scale-down happens while a metric fails (${i.metricsError})`,
      );
    if (i.metricsError !== undefined)
      return fixed(`failed:${i.metricsError}`, `no replica count could be computed: ${i.metricsError}`);
    return fixed(`short:${i.shortCircuit ?? s.summary}`, i.shortCircuit ?? s.summary);
  }
  const proposal = i.prenormalizedDesiredReplicas;
  const n = i.normalization;
  if (proposal === cur) {
    if (metrics.length !== 1)
      return {
        key: `equal:${cur}`,
        text: () => `the largest proposal of the metrics is the current ${cur}`,
        ratios: [],
        recomputed: [],
      };
    const m = metrics[0];
    const c = m.calculation;
    const tol = i.tolerances ?? { scaleDown: 0.1, scaleUp: 0.1 };
    const band = `${formatNumber(1 - tol.scaleDown)}–${formatNumber(1 + tol.scaleUp)}`;
    if (m.withinTolerance === true && c?.newRatio === undefined)
      return {
        key: `tolerance:${cur}`,
        text: (r) => `within tolerance (ratio ${r}, band ${band})`,
        ratios,
        recomputed: [],
      };
    const aside = Object.keys(c?.groups ?? {}).length;
    const asideText = `with ${plural(aside, "pod")} set aside counted in`;
    if (m.withinTolerance === true)
      return {
        key: `tolerance-aside:${cur}:${aside}`,
        text: (r, rr) => `ratio ${r}, and ${rr} ${asideText}: within tolerance (band ${band})`,
        ratios,
        recomputed,
      };
    if (c?.directionFlip === true)
      return {
        key: `flip:${cur}:${aside}`,
        text: (r, rr) => `ratio ${r}, but ${rr} ${asideText}: the two point different ways, so no change`,
        ratios,
        recomputed,
      };
    if (c?.path === "slow")
      return {
        key: `equal-slow:${cur}:${c.entries}`,
        text: (_r, rr) => `ceil(ratio ${rr} × ${plural(c.entries ?? 0, "pod")}) = ${cur}, the current size`,
        ratios: [],
        recomputed,
      };
    return {
      key: `equal:${cur}:${c?.readyPodCount}`,
      text: (r) =>
        c?.readyPodCount !== undefined
          ? `ceil(ratio ${r} × ${plural(c.readyPodCount, "ready pod")}) = ${cur}, the current size`
          : `ratio ${r} asks for the current ${cur}`,
      ratios,
      recomputed: [],
    };
  }
  const stabilized = n?.stabilization.stabilizedRecommendation;
  if (stabilized === cur && n !== undefined) {
    const reason = n.stabilization.reason;
    const windowText = isBehavior(n)
      ? formatTime(
          proposal < cur ? n.stabilization.scaleDownWindowSeconds : n.stabilization.scaleUpWindowSeconds,
        )
      : formatTime(n.stabilization.windowSeconds);
    const which = proposal < cur ? "highest" : "lowest";
    const held = isBehavior(n)
      ? proposal < cur
        ? n.stabilization.downRecommendation
        : n.stabilization.upRecommendation
      : cur;
    return fixed(
      `stab:${cur}:${proposal}:${reason}:${held}`,
      `${reason}: the metrics ask for ${proposal}, but the ${which} recommendation of the last ${windowText} is ${held}`,
    );
  }
  const reason = isBehavior(n) ? n.rate.reason : isLegacy(n) ? n.limit.reason : "";
  return fixed(
    `limit:${cur}:${proposal}:${reason}`,
    `${reason}: ${limitWords(reason, i, cur)} (the metrics ask for ${proposal})`,
  );
}

function limitWords(reason: string, i: HpaSyncDecision, cur: number): string {
  const n = i.normalization;
  switch (reason) {
    case "TooManyReplicas":
      return `already at maxReplicas ${i.maxReplicas ?? cur}`;
    case "TooFewReplicas":
      return `already at minReplicas ${i.minReplicas ?? cur}`;
    case "ScaleUpLimit":
      return isBehavior(n)
        ? `the scale-up policies allow ${n.rate.policyLimit ?? cur} now, no more than the current ${cur}`
        : `the scale-up cap is ${isLegacy(n) ? n.limit.scaleUpLimit : cur}`;
    case "ScaleDownLimit":
      return `the scale-down policies allow ${isBehavior(n) ? (n.rate.policyLimit ?? cur) : cur} now, no fewer than the current ${cur}`;
    default:
      return `kept ${cur}`;
  }
}

// ------------------------------------------------------------------ the block

/** The headline of a sync: "scaled Deployment/app 1 → 5", "kept Deployment/web at 4". */
export function hpaTitle(s: HpaSync): string {
  const i = s.inputs;
  const target = i.target ?? "its target";
  switch (outcomeOf(s)) {
    case "scaled":
      return `scaled ${target} ${i.currentReplicas} → ${i.desiredReplicas}`;
    case "kept":
      return `kept ${target} at ${i.currentReplicas}`;
    case "failed":
      if (i.currentReplicas === undefined) return `could not read the scale of ${target}`;
      if (i.scaleError !== undefined)
        return `could not scale ${target} ${i.currentReplicas} → ${i.desiredReplicas}: the write was refused`;
      return `kept ${target} at ${i.currentReplicas}: ${i.refusedProposal !== undefined ? "a metric failed" : "no metric could be computed"}`;
  }
}

const LABEL_WIDTH = 11;
const row = (label: string, text: string): string => `${label.padEnd(LABEL_WIDTH)} ${text}`;
const more = (text: string): string => `${" ".repeat(LABEL_WIDTH)} ${text}`;

/** The block for one sync: a line (or a few) per stage. */
export function hpaLines(s: HpaSync): string[] {
  const i = s.inputs;
  const lines: string[] = [];
  if (i.currentReplicas === undefined) {
    lines.push(row("scale", s.summary));
    lines.push(...eventLines(i));
    return lines;
  }
  lines.push(
    row(
      "current",
      `${i.target ?? "the target"} has spec.replicas ${i.currentReplicas} (min ${i.minReplicas}, max ${i.maxReplicas})`,
    ),
  );
  if (i.shortCircuit !== undefined) {
    lines.push(
      row(
        "short-cut",
        i.rescale
          ? `${i.shortCircuit}: no metrics needed, the size goes straight to ${i.desiredReplicas}`
          : `${i.shortCircuit}: no metrics computed, nothing changes`,
      ),
    );
    lines.push(...decisionLines(s));
    return lines;
  }
  for (const m of i.metrics ?? []) lines.push(...metricLines(m, i));
  if (i.prenormalizedDesiredReplicas === undefined) {
    if (i.refusedProposal !== undefined)
      lines.push(
        row(
          "proposal",
          `${i.refusedProposal} from the valid metrics, below the current ${i.currentReplicas}: refused while a metric fails (no scale-down on partial metrics)`,
        ),
      );
    lines.push(row("decision", `no change: ${i.metricsError ?? s.summary}`));
    lines.push(...eventLines(i));
    return lines;
  }
  lines.push(...proposalLines(i));
  const n = i.normalization;
  if (isBehavior(n)) lines.push(...behaviorLines(n, i));
  if (isLegacy(n)) lines.push(...legacyLines(n, i));
  lines.push(...decisionLines(s));
  return lines;
}

function valueText(v: HpaMetricDecision["current"] | undefined): string | undefined {
  if (!v) return undefined;
  if (v.averageUtilization !== undefined) return `${v.averageUtilization}%`;
  return v.averageValue ?? v.value;
}

function targetText(t: HpaMetricDecision["target"]): string | undefined {
  if (!t) return undefined;
  if (t.averageUtilization !== undefined) return `${t.averageUtilization}% of request`;
  if (t.averageValue !== undefined) return `${t.averageValue} per pod`;
  return t.value;
}

function metricLines(m: HpaMetricDecision, i: HpaSyncDecision): string[] {
  const name = m.name ?? m.type;
  if (m.error !== undefined) return [row("metric", `${name}: failed — ${m.error}`)];
  const tol = i.tolerances ?? { scaleDown: 0.1, scaleUp: 0.1 };
  const edges = [1 - tol.scaleDown, 1 + tol.scaleUp];
  const band = `${formatNumber(1 - tol.scaleDown)}–${formatNumber(1 + tol.scaleUp)}`;
  const c = m.calculation;
  const lines: string[] = [];
  const cur = valueText(m.current);
  const tgt = targetText(m.target);
  const ratio = m.ratio === undefined ? "?" : ratioText(m.ratio, edges);
  const measured = cur !== undefined && tgt !== undefined ? `${cur} against a target of ${tgt}: ` : "";
  lines.push(row("metric", `${name}`));
  lines.push(more(`${measured}ratio ${ratio}`));
  const aside = Object.entries(c?.groups ?? {});
  if (c?.readyPodCount !== undefined) {
    const asideText =
      aside.length === 0
        ? "none set aside"
        : `set aside: ${listText(aside.map(([pod, w]) => `${pod} (${w.group}: ${w.because})`))}`;
    lines.push(more(`${plural(c.readyPodCount, "ready pod")} with samples; ${asideText}`));
  }
  const current = i.currentReplicas;
  switch (c?.path) {
    case "tolerance":
      lines.push(more(`${ratio} is within the tolerance band ${band} → proposal stays ${m.proposal}`));
      break;
    case "fast":
      lines.push(
        more(
          `${ratio} is outside the tolerance band ${band} → ceil(${ratio} × ${plural(c.readyPodCount ?? 0, "ready pod")}) = ${m.proposal}`,
        ),
      );
      if (
        current !== undefined &&
        m.ratio !== undefined &&
        m.proposal !== undefined &&
        (m.ratio < 1 ? m.proposal > current : m.proposal < current)
      )
        lines.push(
          more(
            `the ratio points ${m.ratio < 1 ? "down" : "up"} but the proposal ${m.proposal} is ${m.ratio < 1 ? "above" : "below"} spec.replicas ${current}: it counts ${plural(c.readyPodCount ?? 0, "pod")}, not ${current} (surge pods count: kubernetes#72775)`,
          ),
        );
      break;
    case "slow": {
      const filled = Object.entries(c.filled ?? {});
      const filledText =
        filled.length === 0
          ? ""
          : `, counting ${listText(filled.map(([pod, v]) => `${pod} as ${v === 0 ? "idle (0)" : `using ${formatNumber(v)}m`}`))}`;
      const newRatio = c.newRatio === undefined ? "?" : ratioText(c.newRatio, edges);
      lines.push(more(`recomputed over ${plural(c.entries ?? 0, "pod")}${filledText}: ratio ${newRatio}`));
      if (c.withinTolerance)
        lines.push(more(`${newRatio} is within the tolerance band ${band} → proposal stays ${m.proposal}`));
      else if (c.directionFlip)
        lines.push(
          more(
            `${ratio} and ${newRatio} point different ways (or the count would) → proposal stays ${m.proposal} (current ${current})`,
          ),
        );
      else
        lines.push(
          more(
            `outside the band ${band} → ceil(${newRatio} × ${plural(c.entries ?? 0, "pod")}) = ${m.proposal}`,
          ),
        );
      break;
    }
    case "value":
      lines.push(
        more(
          `${ratio} is outside the tolerance band ${band} → ceil(${ratio} × ${plural(c.readyPodCount ?? 0, "ready pod")}) = ${m.proposal}`,
        ),
      );
      break;
    case "averageValue":
      lines.push(
        more(
          m.withinTolerance
            ? `${ratio} is within the tolerance band ${band} → proposal ${m.proposal} (status.replicas)`
            : `${ratio} is outside the tolerance band ${band} → ceil(total ÷ target per pod) = ${m.proposal}`,
        ),
      );
      break;
    case "fromZero":
      lines.push(more(`from zero replicas: ceil(${ratio}) = ${m.proposal}, no tolerance`));
      break;
    default:
      lines.push(more(`proposal ${m.proposal}`));
  }
  return lines;
}

function proposalLines(i: HpaSyncDecision): string[] {
  const valid = (i.metrics ?? []).filter((m) => m.error === undefined);
  const p = i.prenormalizedDesiredReplicas;
  if (valid.length <= 1) return [row("proposal", `${p}`)];
  return [
    row(
      "proposal",
      `${p}: the largest of ${listText(
        valid.map((m) => `${m.proposal} (${m.name ?? m.type})`),
        8,
      )}`,
    ),
  ];
}

function behaviorLines(n: HpaBehaviorNormalization, i: HpaSyncDecision): string[] {
  const lines: string[] = [];
  const st = n.stabilization;
  const p = i.prenormalizedDesiredReplicas;
  const up = st.window.filter((w) => w.inUpWindow).length;
  const down = st.window.filter((w) => w.inDownWindow).length;
  const windows =
    `lowest recommendation of the scale-up window (${formatTime(st.scaleUpWindowSeconds)}, ${plural(up, "earlier one")}) ${st.upRecommendation}; ` +
    `highest of the scale-down window (${formatTime(st.scaleDownWindowSeconds)}, ${plural(down, "earlier one")}) ${st.downRecommendation}`;
  if (st.reason === "ScaleDownStabilized")
    lines.push(
      row(
        "stabilized",
        `${st.stabilizedRecommendation} — ScaleDownStabilized: the scale-down window's highest recommendation holds the proposal ${p} back`,
      ),
    );
  else if (st.reason === "ScaleUpStabilized")
    lines.push(
      row(
        "stabilized",
        `${st.stabilizedRecommendation} — ScaleUpStabilized: the scale-up window's lowest recommendation holds the proposal ${p} back`,
      ),
    );
  else
    lines.push(row("stabilized", `${st.stabilizedRecommendation} — the windows leave the proposal as it is`));
  lines.push(more(windows));
  const r = n.rate;
  const cur = i.currentReplicas ?? 0;
  if (r.limit !== undefined) {
    const up = st.stabilizedRecommendation > cur;
    const dir = up ? "scale-up" : "scale-down";
    if (r.selectPolicy === "Disabled")
      lines.push(row("policies", `${dir} selectPolicy Disabled: the size may not move`));
    else {
      const parts = (r.policies ?? []).map((pl) => policyText(pl, up));
      lines.push(
        row(
          "policies",
          `${dir}, selectPolicy ${r.selectPolicy ?? "Max"} → limit ${r.policyLimit ?? r.limit}`,
        ),
      );
      for (const part of parts) lines.push(more(part));
      if (r.policyLimit !== undefined && r.policyLimit !== r.limit)
        lines.push(
          more(
            up
              ? `${r.policyLimit} is below the current ${cur}: no scale-up until the period's events age out (limit ${r.limit})`
              : `${r.policyLimit} is above the current ${cur}: no scale-down now (limit ${r.limit})`,
          ),
        );
    }
  }
  lines.push(row("limits", clampText(r.reason, r.message, i, r.limit)));
  return lines;
}

function policyText(
  pl: NonNullable<HpaBehaviorNormalization["rate"]["policies"]>[number],
  up: boolean,
): string {
  const { type, value, periodSeconds } = pl.policy;
  const per = `per ${formatTime(periodSeconds)}`;
  const start = pl.periodStartReplicas;
  const what =
    type === "Pods"
      ? `Pods ${value} ${per}: ${start} ${up ? "+" : "−"} ${value} = ${pl.limit}`
      : `Percent ${value}% ${per}: ${start} ${up ? "+" : "−"} ${value}% → ${pl.limit}${up ? " (rounded up)" : " (rounded down)"}`;
  const events = [
    ...pl.counted.up.map((e) => `+${e.replicaChange} ${formatTime(e.age)} ago`),
    ...pl.counted.down.map((e) => `−${e.replicaChange} ${formatTime(e.age)} ago`),
  ];
  const startText =
    events.length === 0
      ? "no scale events in the period"
      : `${start} at the period's start = current − ${pl.addedInPeriod} added + ${pl.removedInPeriod} removed (${listText(events, 6)})`;
  return `${what}; ${startText}`;
}

function legacyLines(n: HpaLegacyNormalization, i: HpaSyncDecision): string[] {
  const st = n.stabilization;
  const p = i.prenormalizedDesiredReplicas;
  const lines: string[] = [];
  const count = plural(st.window.length, "recommendation");
  lines.push(
    row(
      "stabilized",
      st.reason !== "ScaleDownStabilized"
        ? `${st.stabilizedRecommendation} — no higher recommendation in the last ${formatTime(st.windowSeconds)} (${count})`
        : st.stabilizedRecommendation > (i.currentReplicas ?? 0)
          ? `${st.stabilizedRecommendation} — ScaleDownStabilized: the highest of the last ${formatTime(st.windowSeconds)} (${count}) raises the proposal ${p}: without behavior the window's maximum applies upward too`
          : `${st.stabilizedRecommendation} — ScaleDownStabilized: the highest of the last ${formatTime(st.windowSeconds)} (${count}) holds the proposal ${p} back`,
    ),
  );
  const cur = i.currentReplicas ?? 0;
  if (st.stabilizedRecommendation > cur || n.limit.reason === "ScaleUpLimit")
    lines.push(
      row(
        "cap",
        `no behavior set: a scale-up goes at most to ${n.limit.scaleUpLimit} this sync (legacy cap)`,
      ),
    );
  lines.push(row("limits", clampText(n.limit.reason, n.limit.message, i, n.limit.scaleUpLimit)));
  return lines;
}

function clampText(reason: string, message: string, i: HpaSyncDecision, limit: number | undefined): string {
  const d = i.desiredReplicas;
  switch (reason) {
    case "TooManyReplicas":
      return `${d} — TooManyReplicas: ${message} (maxReplicas ${i.maxReplicas})`;
    case "TooFewReplicas":
      return `${d} — TooFewReplicas: ${message} (minReplicas ${i.minReplicas})`;
    case "ScaleUpLimit":
    case "ScaleDownLimit":
      return `${d} — ${reason}: ${message} (limit ${limit})`;
    default:
      return `${d} — ${reason}: ${message} [${i.minReplicas}, ${i.maxReplicas}]`;
  }
}

function decisionLines(s: HpaSync): string[] {
  const i = s.inputs;
  const lines = [
    row(
      "decision",
      i.scaleError !== undefined
        ? `write spec.replicas ${i.desiredReplicas} (was ${i.currentReplicas}): refused — ${i.scaleError}; status.desiredReplicas keeps its old value`
        : i.rescale
          ? `write spec.replicas ${i.desiredReplicas} (was ${i.currentReplicas})${i.rescaleReason ? `, reason "${i.rescaleReason}"` : ""}`
          : `keep ${i.currentReplicas}: no write`,
    ),
  ];
  lines.push(...eventLines(i));
  return lines;
}

function eventLines(i: HpaSyncDecision): string[] {
  return (i.events ?? []).map((e) => row("event", `${e.type} ${e.reason}: ${e.message}`));
}
