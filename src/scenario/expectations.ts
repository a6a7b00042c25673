/**
 * Expectations, checked after the run over the recorded trace (the engine knows nothing of
 * them). State quantities are step functions evaluated exactly over their timing's window
 * (timing.ts); events and the aggregate quantities (scaleEvents, podMinutes,
 * rolloutDuration) are computed over the window once.
 *
 * A failing expectation says what the value actually was over its window, with times:
 *   replicas was 1 from 0s, 3 from 75s; wanted 3 within 30s of 1m
 */
import { parseQualifiedName, qualifiedName } from "../k8s/namespaces.ts";
import type { CompareOp, ExpectValue, Quantity, Span, Timing } from "../dsl/ast.ts";
import type { Point, Trace } from "../engine/trace.ts";
import { pendingPodsSeries, readyNodesSeries } from "../engine/traceCounts.ts";
import { explainDeployment, explainHpa, explanationText, nearestExplanation } from "../explain/index.ts";
import { builtinKinds } from "../k8s/kinds/builtin.ts";
import { ABSENT_CONDITION } from "../k8s/kinds/summaries.ts";
import type { KindRegistry } from "../k8s/kinds/registry.ts";
import { formatNumber, formatTime } from "../text/format.ts";
import { normalize, quantitySeries, type Observed, type QuantitySeries } from "./quantities.ts";
import { targetText, type ResolvedTarget } from "./target.ts";
import { evaluateWindow, timingText, timingWindow, type Stretch, type Window } from "./timing.ts";

export interface PlannedExpectation {
  line: number;
  span: Span;
  /** The expectation as written. */
  text: string;
  /** The statement's resolved time. */
  t: number;
  /** Undefined only for `expect event` with no target (any object). */
  target?: ResolvedTarget;
  quantity: Quantity;
  op: CompareOp;
  value?: ExpectValue;
  timing: Timing;
  /** One pod's CPU request of the target Deployment, millicores (for `unserved` in %). */
  requestMilli?: number;
}

export interface ExpectationResult {
  line: number;
  text: string;
  passed: boolean;
  message: string;
  /**
   * A failing expectation about replica counts: the explanation (text lines) of the decision
   * nearest to where it failed — the HPA's sync for `replicas`/`current`/`desired` under an
   * HPA, the Deployment controller's step or wait for its pods' counts.
   */
  explanation?: string[];
}

/** Check one expectation against a finished run (`kinds`: the run's, for a target of a kind it added). */
export function checkExpectation(
  e: PlannedExpectation,
  trace: Trace,
  kinds: KindRegistry = builtinKinds,
): ExpectationResult {
  const base = { line: e.line, text: e.text };
  const q = e.quantity;
  if (q.kind === "event") return { ...base, ...checkEvent(e, q.text, trace) };
  if (q.kind === "scaleEvents" || q.kind === "podMinutes" || q.kind === "rolloutDuration")
    return { ...base, ...checkAggregate(e, trace, kinds) };
  const counted = countedSeries(e, trace, kinds);
  if (counted)
    return {
      ...base,
      ...("error" in counted
        ? { passed: false, message: counted.error }
        : checkState(e, counted, trace, kinds)),
    };
  if (!e.target) return { ...base, passed: false, message: `"${q.kind}" needs a target` };
  const series = quantitySeries(
    trace,
    e.target,
    q,
    {
      wantedString: e.value?.kind === "string" ? e.value.value : undefined,
      percent: e.value?.kind === "number" && e.value.unit === "%",
      requestMilli: e.requestMilli,
    },
    kinds,
  );
  if ("error" in series) return { ...base, passed: false, message: series.error };
  return { ...base, ...checkState(e, series, trace, kinds) };
}

export function checkExpectations(
  list: readonly PlannedExpectation[],
  trace: Trace,
  kinds: KindRegistry = builtinKinds,
): ExpectationResult[] {
  return list.map((e) => checkExpectation(e, trace, kinds));
}

// ---------------------------------------------------------------- states

/**
 * The quantities counted over many objects (engine/traceCounts.ts): `nodes [POOL]` — Ready
 * nodes — and `pending` — Pending pods, of the target Deployment or of the whole cluster.
 */
function countedSeries(
  e: PlannedExpectation,
  trace: Trace,
  kinds: KindRegistry,
): QuantitySeries | { error: string } | undefined {
  const q = e.quantity;
  const plain = (v: Observed) => (v === undefined ? "<none>" : String(v));
  if (q.kind === "nodes")
    return {
      name: q.pool === undefined ? "Ready nodes" : `Ready nodes of pool ${q.pool}`,
      points: readyNodesSeries(trace, q.pool),
      show: plain,
    };
  if (q.kind !== "pending") return undefined;
  if (e.target === undefined) return { name: "Pending pods", points: pendingPodsSeries(trace), show: plain };
  if (e.target.kind !== "Deployment")
    return {
      error: `pending counts the pods of a Deployment or of the cluster, not of ${targetText(e.target, kinds)}`,
    };
  return { name: "Pending pods", points: pendingPodsSeries(trace, e.target.name), show: plain };
}

function checkState(
  e: PlannedExpectation,
  series: QuantitySeries,
  trace: Trace,
  kinds: KindRegistry,
): { passed: boolean; message: string } {
  const w = timingWindow(e.timing, e.t, trace.end);
  const test = predicate(e);
  const wanted = `wanted ${wantedText(e)} ${timingText(e.timing, e.t)}`;
  const who = e.target ? `${targetText(e.target, kinds)} ` : "";
  if (w.from > trace.end) {
    return {
      passed: false,
      message: `the run ended at ${formatTime(trace.end)}, before the window began; ${wanted}`,
    };
  }
  const out = evaluateWindow<Observed>(series.points, { ...w, to: Math.min(w.to, trace.end) }, test);
  const history = historyText(out.stretches, series.show);
  if (out.passed && w.every && w.to > trace.end) {
    return {
      passed: false,
      message: `${who}${series.name} was ${history}, but the run ended at ${formatTime(trace.end)}; ${wanted}`,
    };
  }
  if (out.passed) {
    if (out.witness !== undefined) {
      const shown = series.show(valueAtWitness(out.stretches, out.witness));
      return { passed: true, message: `${who}${series.name} was ${shown} at ${formatTime(out.witness)}` };
    }
    const range = `${formatTime(w.from)} to ${formatTime(Math.min(w.to, trace.end))}`;
    // One value over the whole window reads "was 6 from 5m5s to 8m5s"; several keep their
    // change times and name the window once.
    const shown =
      out.stretches.length === 1
        ? `${series.show(out.stretches[0].value)} from ${range}`
        : `${history} (window ${range})`;
    return { passed: true, message: `${who}${series.name} was ${shown}` };
  }
  const failedAt = out.witness ?? Math.min(w.to, trace.end);
  const explanation = explainFailure(e, trace, failedAt);
  return {
    passed: false,
    message: `${who}${series.name} was ${history}; ${wanted}`,
    ...(explanation ? { explanation } : {}),
  };
}

const HPA_COUNTS = new Set(["replicas", "current", "desired"]);
const POD_COUNTS = new Set(["pods", "ready", "available", "updated", "unavailable"]);

/**
 * Why a replica count was not what was wanted: the decision nearest to `t` of the controller
 * that sets it. A Deployment's replicas under an HPA are the HPA's to decide; its pod counts
 * follow the Deployment controller's steps and waits.
 */
function explainFailure(e: PlannedExpectation, trace: Trace, t: number): string[] | undefined {
  const q = e.quantity.kind;
  const target = e.target;
  if (!target) return undefined;
  let found;
  if (target.kind === "HorizontalPodAutoscaler" && HPA_COUNTS.has(q))
    found = nearestExplanation(trace, explainHpa, target.name, t);
  else if (target.kind === "Deployment" && q === "replicas") {
    // Without an HPA, spec.replicas is whatever was applied: no controller decided it.
    const hpa = Object.entries(trace.series.HorizontalPodAutoscaler).find(([hpaKey, points]) =>
      // An HPA scales a Deployment of its own namespace; its summary names the target by name.
      points.some(
        (p) =>
          p.value.target === `Deployment/${parseQualifiedName(target.name).name}` &&
          parseQualifiedName(hpaKey).namespace === parseQualifiedName(target.name).namespace,
      ),
    )?.[0];
    if (hpa !== undefined) found = nearestExplanation(trace, explainHpa, hpa, t);
  } else if (target.kind === "Deployment" && POD_COUNTS.has(q))
    found = nearestExplanation(trace, explainDeployment, target.name, t);
  return found ? explanationText(found) : undefined;
}

function valueAtWitness(stretches: Stretch<Observed>[], t: number): Observed {
  let v: Observed;
  for (const s of stretches) if (s.t <= t) v = s.value;
  return v;
}

/** "1 from 0s, 3 from 75s"; long histories keep their first and last changes. */
function historyText(stretches: readonly Stretch<Observed>[], show: (v: Observed) => string): string {
  const parts = stretches.map((s) => `${show(s.value)} from ${formatTime(s.t)}`);
  if (parts.length <= 12) return parts.join(", ");
  return [...parts.slice(0, 5), `… (${parts.length - 10} more)`, ...parts.slice(-5)].join(", ");
}

/**
 * The test an observed value must pass. Absent objects pass no test (not even `!=`); an absent
 * condition of an existing object is neither True nor False (summaries.ts ABSENT_CONDITION),
 * so only `!=` passes on it.
 */
function predicate(e: PlannedExpectation): (v: Observed) => boolean {
  const q = e.quantity;
  if (q.kind === "rolloutComplete") return (v) => v === true;
  if (q.kind === "condition") {
    const wantStatus = conditionStatus(e.value);
    return (v) => {
      if (typeof v !== "string") return false;
      if (v === ABSENT_CONDITION) return e.op === "!=";
      const [status, reason] = v.split("/");
      const same = status === wantStatus && (q.reason === undefined || reason === q.reason);
      return e.op === "!=" ? !same : same;
    };
  }
  const want = wantedValue(e);
  return (v) => v !== undefined && compare(v, e.op, want);
}

function conditionStatus(v: ExpectValue | undefined): string {
  if (!v) return "True";
  if (v.kind === "bool") return v.value ? "True" : "False";
  return String(v.value);
}

function wantedValue(e: PlannedExpectation): number | string | boolean | undefined {
  const v = e.value;
  if (!v) return undefined;
  return v.value;
}

/** Compare an observed value with the wanted one; numbers compare numerically, others only by ==/!=. */
export function compare(
  actual: number | string | boolean,
  op: CompareOp,
  wanted: number | string | boolean | undefined,
): boolean {
  if (wanted === undefined) return false;
  if (typeof actual === "number" && typeof wanted === "number") {
    switch (op) {
      case "==":
        return Math.abs(actual - wanted) < 1e-9;
      case "!=":
        return Math.abs(actual - wanted) >= 1e-9;
      case ">=":
        return actual >= wanted - 1e-9;
      case "<=":
        return actual <= wanted + 1e-9;
      case ">":
        return actual > wanted + 1e-9;
      case "<":
        return actual < wanted - 1e-9;
    }
  }
  const same = String(actual) === String(wanted);
  if (op === "==") return same;
  if (op === "!=") return !same;
  return false;
}

function wantedText(e: PlannedExpectation): string {
  const q = e.quantity;
  if (q.kind === "rolloutComplete") return "rollout complete";
  if (q.kind === "condition") {
    const status = conditionStatus(e.value);
    return `${e.op === "!=" ? "not " : ""}${status}${q.reason ? ` reason ${q.reason}` : ""}`;
  }
  const v = e.value ? valueText(e.value) : "";
  return e.op === "==" ? v : `${e.op} ${v}`;
}

function valueText(v: ExpectValue): string {
  if (v.kind === "number") {
    if (v.unit === "s") return formatTime(v.value);
    return `${formatNumber(v.value)}${v.unit === "%" ? "%" : v.unit === "m" ? "m" : ""}`;
  }
  return String(v.value);
}

// ---------------------------------------------------------------- events

/**
 * `expect event "TEXT"`: an event whose message contains TEXT is emitted in the window
 * (for `within`, `for`, `always`, `from…to`: at least one in it; `at T`: one at T; `never`:
 * none from t to the end). Events of other objects count only when no target was written.
 */
function checkEvent(e: PlannedExpectation, text: string, trace: Trace): { passed: boolean; message: string } {
  const w = timingWindow(e.timing, e.t, trace.end);
  const matching = trace.events.filter(
    (ev) =>
      ev.message.includes(text) &&
      (!e.target || (ev.involvedObject.kind === e.target.kind && involvedName(ev) === e.target.name)),
  );
  const inWindow = matching.filter((ev) => ev.time >= w.from && ev.time <= w.to);
  const where = e.timing.kind === "never" ? `from ${formatTime(w.from)} on` : windowText(w);
  const seen = (evs: typeof matching): string =>
    evs
      .slice(0, 5)
      .map(
        (ev) =>
          `${formatTime(ev.time)} ${ev.reason} ${ev.involvedObject.kind.toLowerCase()}/${ev.involvedObject.name}: ${ev.message}`,
      )
      .join("; ");
  if (w.negate) {
    return inWindow.length === 0
      ? { passed: true, message: `no event with "${text}" ${where}` }
      : { passed: false, message: `event "${text}" was emitted ${where}: ${seen(inWindow)}` };
  }
  if (inWindow.length > 0) return { passed: true, message: `${seen(inWindow.slice(0, 1))}` };
  const elsewhere =
    matching.length > 0
      ? `; it was emitted at ${matching
          .slice(0, 5)
          .map((ev) => formatTime(ev.time))
          .join(", ")}`
      : "";
  return {
    passed: false,
    message: `no event with "${text}" ${where}${elsewhere}; wanted one ${timingText(e.timing, e.t)}`,
  };
}

const windowText = (w: Window): string =>
  w.from === w.to ? `at ${formatTime(w.from)}` : `from ${formatTime(w.from)} to ${formatTime(w.to)}`;

// ---------------------------------------------------------------- aggregates

/**
 * The window an aggregate is computed over. `within D` / `for D`: [t, t+D]; the default
 * `within 0s`, `always`, `never`: [t, end]; `at T`: [0, T]; `from A to B`: [A, B].
 */
function aggregateWindow(timing: Timing, t: number, end: number): { from: number; to: number } {
  switch (timing.kind) {
    case "within":
      return timing.d === 0 ? { from: t, to: end } : { from: t, to: t + timing.d };
    case "for":
      return { from: t, to: t + timing.d };
    case "at":
      return { from: 0, to: timing.t };
    case "always":
    case "never":
      return { from: t, to: end };
    case "fromTo":
      return { from: timing.from, to: timing.to };
  }
}

function checkAggregate(
  e: PlannedExpectation,
  trace: Trace,
  kinds: KindRegistry,
): { passed: boolean; message: string } {
  if (!e.target) return { passed: false, message: `"${e.quantity.kind}" needs a target` };
  const w = aggregateWindow(e.timing, e.t, trace.end);
  const to = Math.min(w.to, trace.end);
  const range = `from ${formatTime(w.from)} to ${formatTime(to)}`;
  let actual: number | undefined;
  let shown: string;
  const q = e.quantity;
  if (q.kind === "scaleEvents") {
    const times = scaleEventTimes(trace, e.target).filter((t) => t >= w.from && t <= to);
    const worst = maxInWindow(times, q.per);
    actual = worst.count;
    shown = `scale events per ${formatTime(q.per)} reached ${worst.count}${worst.count > 0 ? ` (from ${formatTime(worst.from)})` : ""} ${range}`;
  } else if (q.kind === "podMinutes") {
    const pts = normalize(
      (trace.series.Deployment[e.target.name] ?? []).map((p) => ({
        t: p.t,
        value: p.value.exists ? p.value.pods : 0,
      })),
    );
    actual = integrate(pts, w.from, to) / 60;
    shown = `pod-minutes were ${formatNumber(actual)} ${range}`;
  } else {
    const r = latestRollout(trace, e.target.name, w.from, to);
    actual = r?.duration;
    shown = !r
      ? `no rollout started by ${formatTime(to)}`
      : r.duration === undefined
        ? `the rollout that started at ${formatTime(r.start)} had not completed by ${formatTime(trace.end)}`
        : `the rollout that started at ${formatTime(r.start)} took ${formatTime(r.duration)}`;
  }
  const want = wantedValue(e);
  let passed = actual !== undefined && compare(actual, e.op, want);
  if (e.timing.kind === "never") passed = actual !== undefined && !passed;
  const who = `${targetText(e.target, kinds)} `;
  return passed
    ? { passed, message: `${who}${shown}` }
    : {
        passed,
        message: `${who}${shown}; wanted ${e.timing.kind === "never" ? "never " : ""}${wantedText(e)}`,
      };
}

/** Times the target's scale changed: an HPA's SuccessfulRescale events, a Deployment's spec.replicas changes. */
function scaleEventTimes(trace: Trace, target: ResolvedTarget): number[] {
  if (target.kind === "HorizontalPodAutoscaler") {
    return trace.events
      .filter(
        (ev) =>
          ev.reason === "SuccessfulRescale" &&
          ev.involvedObject.kind === "HorizontalPodAutoscaler" &&
          involvedName(ev) === target.name,
      )
      .map((ev) => ev.time);
  }
  const pts = normalize(
    (trace.series.Deployment[target.name] ?? [])
      .filter((p) => p.value.exists)
      .map((p) => ({ t: p.t, value: p.value.replicas })),
  );
  return pts.slice(1).map((p) => p.t);
}

/**
 * The most events in any half-open window [s, s + per) — the worst case is always a window
 * that starts at an event. Example: times 0, 15, 30, 90 with per = 60 → 3 (from 0s).
 */
export function maxInWindow(times: readonly number[], per: number): { count: number; from: number } {
  const sorted = [...times].sort((a, b) => a - b);
  let best = { count: 0, from: 0 };
  let j = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (j < i) j = i;
    while (j < sorted.length && sorted[j] < sorted[i] + per) j++;
    if (j - i > best.count) best = { count: j - i, from: sorted[i] };
  }
  return best;
}

/** ∫ of a step function over [from, to]. Example: (0,1) (60,3) over [30, 90] → 30·1 + 30·3 = 120. */
export function integrate(points: readonly Point<number>[], from: number, to: number): number {
  let sum = 0;
  for (let i = 0; i < points.length; i++) {
    const a = Math.max(points[i].t, from);
    const b = Math.min(i + 1 < points.length ? points[i + 1].t : Infinity, to);
    if (b > a) sum += points[i].value * (b - a);
  }
  return sum;
}

/**
 * The latest rollout that started in [from, to] (else the latest before `from`): it starts
 * when the Deployment appears or its revision changes, and ends at the first instant after
 * that at which the rollout is complete.
 */
function latestRollout(
  trace: Trace,
  name: string,
  from: number,
  to: number,
): { start: number; duration?: number } | undefined {
  const pts = normalize(
    trace.series.Deployment[name] ?? [],
    (a, b) => a.exists === b.exists && a.revision === b.revision && a.complete === b.complete,
  );
  const starts: number[] = [];
  for (let i = 0; i < pts.length; i++) {
    const prev = i > 0 ? pts[i - 1].value : undefined;
    const cur = pts[i].value;
    if (cur.exists && (!prev || !prev.exists || prev.revision !== cur.revision)) starts.push(pts[i].t);
  }
  const eligible = starts.filter((s) => s <= to);
  if (eligible.length === 0) return undefined;
  const inWindow = eligible.filter((s) => s >= from);
  const start = inWindow.length > 0 ? inWindow[inWindow.length - 1] : eligible[eligible.length - 1];
  const done = pts.find((p) => p.t >= start && p.value.exists && p.value.complete);
  return done ? { start, duration: done.t - start } : { start };
}

/** The qualified name of an event's object (`web`, `prod/web`), as targets name it. */
function involvedName(ev: Trace["events"][number]): string {
  return qualifiedName(ev.involvedObject.namespace, ev.involvedObject.name);
}
