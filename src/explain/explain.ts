/**
 * Explanations built from a trace: the decisions of one object in a window, each changed one
 * explained in full, the quiet ones folded into a line per reason. Pure: reads the Trace only.
 */
import type { Decision, Trace } from "../engine/trace.ts";
import {
  deploymentDecisions,
  deploymentLines,
  deploymentTitle,
  isWait,
  waitKey,
  waitLines,
} from "./deployment.ts";
import { hpaLines, hpaNumbers, hpaSyncs, hpaTitle, outcomeOf, quietReason, type HpaSync } from "./hpa.ts";
import type { ExplainEntry, ExplainQuiet, ExplainStep, ExplainWindow, Explanation } from "./model.ts";
import { podDecisions, podExplained } from "./pod.ts";
import { statefulSetDecisions, statefulSetExplained } from "./statefulset.ts";
import { plural, rangeText, ratioText, spanText } from "./words.ts";

/** One decision as the explainer sees it: a full step, or quiet (with the reason and fold key). */
export interface Explained {
  t: number;
  /** How many decisions this stands for (waits at one instant merge into the last of them). */
  count?: number;
  step: () => ExplainStep;
  /** Present when the decision changed nothing: consecutive ones with the same key fold. */
  quiet?: {
    key: string;
    /** The reason in words, given the ranges of the ratios seen (first, and recomputed with pods set aside). */
    because(ratio: string, recomputed: string): string;
    ratios: number[];
    recomputed: number[];
    replicas?: number;
  };
}

/** Decisions in the window: `at` picks the latest at or before it (all of that instant). */
export function inWindow<T extends { t: number }>(items: readonly T[], w: ExplainWindow): T[] {
  if (w.at !== undefined) {
    const before = items.filter((x) => x.t <= w.at!);
    const last = before.length > 0 ? before[before.length - 1].t : undefined;
    return last === undefined ? [] : before.filter((x) => x.t === last);
  }
  return items.filter((x) => (w.from === undefined || x.t >= w.from) && (w.to === undefined || x.t <= w.to));
}

export function hpaExplained(s: HpaSync): Explained {
  const outcome = outcomeOf(s);
  const e: Explained = {
    t: s.t,
    step: () => ({
      kind: "step",
      t: s.t,
      action: outcome,
      title: hpaTitle(s),
      lines: hpaLines(s),
      numbers: hpaNumbers(s) as unknown as Record<string, unknown>,
    }),
  };
  if (outcome !== "scaled") {
    const q = quietReason(s);
    e.quiet = {
      key: q.key,
      because: q.text,
      ratios: q.ratios,
      recomputed: q.recomputed,
      replicas: s.inputs.currentReplicas,
    };
  }
  return e;
}

export function deploymentExplained(d: Decision & { count?: number }): Explained {
  const e: Explained = {
    t: d.t,
    count: d.count,
    step: () => ({
      kind: "step",
      t: d.t,
      action: d.action,
      title:
        d.count !== undefined && d.count > 1
          ? `${deploymentTitle(d)} (${plural(d.count, "sync")})`
          : deploymentTitle(d),
      lines: deploymentLines(d),
      numbers: d.inputs,
    }),
  };
  if (isWait(d)) {
    const text = waitLines(d.inputs as never).join("; ");
    e.quiet = { key: waitKey(d), because: () => text, ratios: [], recomputed: [] };
  }
  return e;
}

/**
 * The entries: every changed decision as a step; runs of quiet ones with one key as a line.
 * With `full`, every decision is a step (what `at T` asks for: the whole story of that moment).
 * Example line: "10m15s–12m, 8 syncs at 4 replicas: within tolerance (ratio 1.02–1.06)".
 */
export function entriesOf(items: readonly Explained[], full: boolean, unit: string): ExplainEntry[] {
  const out: ExplainEntry[] = [];
  let open:
    { first: Explained; last: Explained; count: number; ratios: number[]; recomputed: number[] } | undefined;
  const close = () => {
    if (!open) return;
    out.push(quietEntry(open.first, open.last, open.count, open.ratios, open.recomputed, unit));
    open = undefined;
  };
  for (const x of items) {
    if (full || !x.quiet) {
      close();
      out.push(x.step());
      continue;
    }
    if (open && open.first.quiet!.key === x.quiet.key) {
      open.last = x;
      open.count += x.count ?? 1;
      open.ratios.push(...x.quiet.ratios);
      open.recomputed.push(...x.quiet.recomputed);
      continue;
    }
    close();
    open = {
      first: x,
      last: x,
      count: x.count ?? 1,
      ratios: [...x.quiet.ratios],
      recomputed: [...x.quiet.recomputed],
    };
  }
  close();
  return out;
}

function quietEntry(
  first: Explained,
  last: Explained,
  count: number,
  ratios: number[],
  recomputed: number[],
  unit: string,
): ExplainQuiet {
  const q = first.quiet!;
  const show = (r: number) => ratioText(r);
  const at = q.replicas !== undefined ? ` at ${plural(q.replicas, "replica")}` : "";
  const because = q.because(rangeText(ratios, show), rangeText(recomputed, show));
  return {
    kind: "quiet",
    from: first.t,
    to: last.t,
    count,
    because,
    line: `${spanText(first.t, last.t)}, ${plural(count, unit)}${at}: ${because}`,
  };
}

/** Explain the HPA `name` over the window. */
export function explainHpa(trace: Trace, name: string, w: ExplainWindow = {}): Explanation {
  const all = hpaSyncs(trace, name);
  const syncs = inWindow(all, w);
  const about = syncs[0]?.inputs.target ?? all[0]?.inputs.target;
  return {
    target: `hpa/${name}`,
    ...(about ? { about } : {}),
    ...windowBounds(w, trace),
    decisions: syncs.length,
    entries: entriesOf(syncs.map(hpaExplained), w.at !== undefined, "sync"),
  };
}

/** Explain the StatefulSet `name`'s pod creations, deletions and waits over the window. */
export function explainStatefulSet(trace: Trace, name: string, w: ExplainWindow = {}): Explanation {
  const decisions = inWindow(statefulSetDecisions(trace, name), w);
  return {
    target: `statefulset/${name}`,
    ...windowBounds(w, trace),
    decisions: decisions.length,
    entries: entriesOf(decisions.map(statefulSetExplained), w.at !== undefined, "sync"),
  };
}

/** Explain the pod `name`'s scheduling attempts over the window (every attempt is a step). */
export function explainPod(trace: Trace, name: string, w: ExplainWindow = {}): Explanation {
  const decisions = inWindow(podDecisions(trace, name), w);
  return {
    target: `pod/${name}`,
    ...windowBounds(w, trace),
    decisions: decisions.length,
    entries: entriesOf(decisions.map(podExplained), true, "attempt"),
  };
}

/** Explain the Deployment `name`'s rollout steps and waits over the window. */
export function explainDeployment(trace: Trace, name: string, w: ExplainWindow = {}): Explanation {
  const decisions = inWindow(deploymentDecisions(trace, name), w);
  return {
    target: `deployment/${name}`,
    ...windowBounds(w, trace),
    decisions: decisions.length,
    entries: entriesOf(lastWaitPerInstant(decisions).map(deploymentExplained), w.at !== undefined, "sync"),
  };
}

/**
 * Waits at one instant, one after another, are one wait: the state after everything due at
 * that instant (the ReplicaSet controller writes a status per pod change, and each wakes the
 * Deployment). The last stands for them, with their count.
 */
function lastWaitPerInstant(decisions: readonly Decision[]): (Decision & { count?: number })[] {
  const out: (Decision & { count?: number })[] = [];
  for (const d of decisions) {
    const prev = out[out.length - 1];
    if (prev && isWait(prev) && isWait(d) && prev.t === d.t) {
      out[out.length - 1] = { ...d, count: (prev.count ?? 1) + 1 };
      continue;
    }
    out.push(d);
  }
  return out;
}

/**
 * The explanation of the decision nearest to `t`: the one in effect then (the latest at or
 * before it), else the first after it. Undefined when the object made no decision at all.
 */
export function nearestExplanation(
  trace: Trace,
  explain: (trace: Trace, name: string, w: ExplainWindow) => Explanation,
  name: string,
  t: number,
): Explanation | undefined {
  const at = explain(trace, name, { at: t });
  if (at.entries.length > 0) return at;
  const all = explain(trace, name, {});
  const after = all.entries.find((e) => (e.kind === "step" ? e.t : e.from) > t);
  if (!after) return undefined;
  return explain(trace, name, { at: after.kind === "step" ? after.t : after.from });
}

function windowBounds(w: ExplainWindow, trace: Trace): { from: number; to: number } {
  if (w.at !== undefined) return { from: w.at, to: w.at };
  return { from: w.from ?? 0, to: w.to ?? trace.end };
}

/** The explanation as text: a header, then each entry (a step's block indented under its time). */
export function explanationText(e: Explanation): string[] {
  const span = e.from === e.to ? `at ${spanText(e.from, e.to)}` : spanText(e.from, e.to);
  const lines = [
    `${e.target}${e.about ? ` → ${e.about}` : ""} · ${span} · ${plural(e.decisions, "decision")}`,
  ];
  if (e.entries.length === 0) lines.push("  no decision in this window");
  for (const entry of e.entries) {
    if (entry.kind === "quiet") {
      lines.push(`  ${entry.line}`);
      continue;
    }
    lines.push(`  ${spanText(entry.t, entry.t)}  ${entry.title}`);
    for (const l of entry.lines) lines.push(`      ${l}`);
  }
  return lines;
}
