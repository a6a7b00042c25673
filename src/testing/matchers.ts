/**
 * Assertions over a finished run, for TypeScript tests: each matcher builds the expectation a
 * scenario line would (`expect replicas 3 within 30s`) and checks it with the scenario's own
 * checker (src/scenario/expectations.ts), so a matcher and a `.scn` line can never disagree,
 * and failures read the same: "deployment/web replicas was 1 from 0s, 3 from 75s; wanted 3
 * within 30s of 1m".
 *
 * Pure (no vitest, no Node API): vitest.ts adapts these to `expect.extend`. Times are seconds
 * or duration strings ("30s", "1m30s").
 */
import type { CompareOp, ExpectValue, Quantity, Span, Timing } from "../dsl/ast.ts";
import { parseDuration } from "../dsl/units.ts";
import type { Trace } from "../engine/trace.ts";
import { checkExpectation, type PlannedExpectation } from "../scenario/expectations.ts";
import { formatTime } from "../text/format.ts";
import type { ScenarioResult } from "../scenario/result.ts";
import { builtinKinds } from "../k8s/kinds/builtin.ts";
import type { ResolvedTarget } from "../scenario/target.ts";

/** Seconds, or a duration as the scenario language writes it: "30s", "5m", "1m30s". */
export type TimeSpec = number | string;

/**
 * When a matcher must hold — the scenario language's timings:
 * `{ at: T }` in the state at T; `{ within: D, from?: T }` at some instant of [T, T+D];
 * `{ for: D, from?: T }` at every instant of [T, T+D]; `{ from: A, to: B }` at every instant
 * of [A, B]; `{ from: A }` at every instant from A to the end; nothing: at the end of the run.
 */
export interface When {
  at?: TimeSpec;
  within?: TimeSpec;
  for?: TimeSpec;
  from?: TimeSpec;
  to?: TimeSpec;
}

export interface TargetOption {
  /** `deployment/web`, `hpa/web`, or a bare name; default: the run's only Deployment (or HPA). */
  target?: string;
}

export interface MatchResult {
  pass: boolean;
  /** Why it failed (for `expect(...)`), or why it passed (for `expect(...).not`). */
  message: string;
  actual?: unknown;
  expected?: unknown;
}

const SPAN: Span = { offset: 0, length: 0, line: 0, col: 0, endLine: 0, endCol: 0 };

/** Seconds from a TimeSpec. Example: "1m30s" → 90, 45 → 45; throws on "soon". */
export function seconds(t: TimeSpec, what = "a time"): number {
  if (typeof t === "number") {
    if (!Number.isFinite(t) || t < 0)
      throw new TypeError(`${what} must be a non-negative number of seconds, got ${t}`);
    return t;
  }
  const s = parseDuration(t.trim());
  if (s === undefined)
    throw new TypeError(`${what} must be seconds or a duration such as "30s" or "5m", got "${t}"`);
  return s;
}

/**
 * A When as the language's timing and the statement time it is relative to.
 * Examples: {} → at the run's end; { within: "30s", from: "1m" } → within 30s of 60;
 * { from: "1m", to: "3m" } → from 60 to 180; { from: "2m" } → always from 120.
 */
export function timingOf(when: When, end: number): { t: number; timing: Timing } {
  const from = when.from !== undefined ? seconds(when.from, "from") : undefined;
  if (when.at !== undefined) {
    const t = seconds(when.at, "at");
    return { t, timing: { kind: "at", t } };
  }
  if (when.within !== undefined)
    return { t: from ?? 0, timing: { kind: "within", d: seconds(when.within, "within") } };
  if (when.for !== undefined) return { t: from ?? 0, timing: { kind: "for", d: seconds(when.for, "for") } };
  if (when.to !== undefined) {
    const to = seconds(when.to, "to");
    const a = from ?? 0;
    if (to < a) throw new RangeError(`"to" (${formatTime(to)}) is before "from" (${formatTime(a)})`);
    return { t: a, timing: { kind: "fromTo", from: a, to } };
  }
  if (from !== undefined) return { t: from, timing: { kind: "always" } };
  return { t: end, timing: { kind: "within", d: 0 } };
}

/**
 * The object a matcher is about. "deployment/web" and "hpa/web" name it; a bare name is a
 * Deployment; without one, the only object of the default kind in the run.
 */
export function resolveTarget(
  trace: Trace,
  target: string | undefined,
  kind: "Deployment" | "HorizontalPodAutoscaler" = "Deployment",
): ResolvedTarget | { error: string } {
  if (target !== undefined) {
    const slash = target.indexOf("/");
    if (slash < 0) return { kind, name: target };
    const k = builtinKinds.languageWord(target.slice(0, slash));
    // Only kinds the trace summarises can be asked about.
    if (!k?.summary) {
      const recorded = builtinKinds
        .all()
        .flatMap((d) => (d.summary && d.language ? [`${d.language.word}/NAME`] : []));
      return {
        error: `unknown kind in target "${target}": use ${recorded.slice(0, -1).join(", ")} or ${recorded[recorded.length - 1]}`,
      };
    }
    return { kind: k.kind, name: target.slice(slash + 1) };
  }
  const names = Object.keys(trace.series[kind]);
  const word = kind === "Deployment" ? "Deployment" : "HorizontalPodAutoscaler";
  if (names.length === 1) return { kind, name: names[0] };
  if (names.length === 0) return { error: `the run has no ${word}` };
  return {
    error: `the run has ${names.length} ${word}s (${names.sort().join(", ")}): pass { target: "${kind === "Deployment" ? "deployment" : "hpa"}/NAME" }`,
  };
}

function traceOf(r: unknown): Trace | { error: string } {
  if (typeof r !== "object" || r === null || !("status" in r))
    return {
      error: "expected a scenario result (from runScenario), got " + (r === null ? "null" : typeof r),
    };
  const result = r as ScenarioResult;
  if (result.status === "error" || !result.trace) {
    const why = result.diagnostics
      .filter((d) => d.severity === "error")
      .slice(0, 3)
      .map((d) => `${d.file}:${d.span.line}:${d.span.col}: ${d.message}`)
      .join("; ");
    return {
      error: `the scenario ${result.file} did not run${why ? `: ${why}` : " (its trace is missing)"}`,
    };
  }
  return result.trace;
}

const num = (value: number, unit?: "%" | "m" | "s"): ExpectValue => ({
  kind: "number",
  value,
  unit,
  span: SPAN,
});

/** One expectation, as a scenario line would plan it, checked against the run. */
function check(
  received: unknown,
  spec: {
    text: string;
    quantity: Quantity;
    op?: CompareOp;
    value?: ExpectValue;
    when?: When;
    target?: string;
    kind?: "Deployment" | "HorizontalPodAutoscaler";
    /** Aggregates (scale events, pod-minutes, rollout duration) default to the whole run. */
    aggregate?: boolean;
    anyTarget?: boolean;
  },
): MatchResult {
  const trace = traceOf(received);
  if ("error" in trace) return { pass: false, message: trace.error };
  let target: ResolvedTarget | undefined;
  if (!(spec.anyTarget && spec.target === undefined)) {
    const t = resolveTarget(trace, spec.target, spec.kind);
    if ("error" in t) return { pass: false, message: t.error };
    target = t;
  }
  const when = spec.when ?? {};
  const noTiming =
    when.at === undefined &&
    when.within === undefined &&
    when.for === undefined &&
    when.from === undefined &&
    when.to === undefined;
  const { t, timing } =
    spec.aggregate && noTiming ? { t: 0, timing: { kind: "always" } as Timing } : timingOf(when, trace.end);
  const planned: PlannedExpectation = {
    line: 0,
    span: SPAN,
    text: spec.text,
    t,
    target,
    quantity: spec.quantity,
    op: spec.op ?? "==",
    value: spec.value,
    timing,
  };
  const r = checkExpectation(planned, trace);
  return { pass: r.passed, message: r.message };
}

const whenText = (w: When | undefined): string => {
  if (!w) return "";
  const parts: string[] = [];
  for (const k of ["at", "within", "for", "from", "to"] as const)
    if (w[k] !== undefined) parts.push(`${k} ${typeof w[k] === "number" ? formatTime(w[k]) : w[k]}`);
  return parts.length > 0 ? ` ${parts.join(" ")}` : "";
};

/** `expect(result).toHaveReplicas(3, { within: "1m", from: "2m" })`: the Deployment's spec.replicas. */
export function toHaveReplicas(received: unknown, n: number, when: When & TargetOption = {}): MatchResult {
  return check(received, {
    text: `replicas ${n}${whenText(when)}`,
    quantity: { kind: "replicas" },
    value: num(n),
    when,
    target: when.target,
  });
}

/** `expect(result).toHaveEvent("New size: 3", { within: "1m", from: "1m" })`: an event whose message contains the text (any object unless a target is given). Without a timing: anywhere in the run. */
export function toHaveEvent(received: unknown, text: string, when: When & TargetOption = {}): MatchResult {
  // An event check over `always from 0` looks at every event of the run.
  const w = Object.keys(when).some((k) => k !== "target") ? when : { from: 0 };
  return check(received, {
    text: `event "${text}"${whenText(when)}`,
    quantity: { kind: "event", text },
    when: w,
    target: when.target,
    anyTarget: true,
  });
}

/**
 * `expect(result).toCompleteRollout({ within: "2m" })`: the latest rollout completed, and
 * took at most `within` from its start. Without `within`: complete at the end of the run.
 */
export function toCompleteRollout(
  received: unknown,
  opts: { within?: TimeSpec } & TargetOption = {},
): MatchResult {
  if (opts.within === undefined)
    return check(received, {
      text: "rollout complete",
      quantity: { kind: "rolloutComplete" },
      target: opts.target,
    });
  return check(received, {
    text: `rollout duration <= ${typeof opts.within === "number" ? formatTime(opts.within) : opts.within}`,
    quantity: { kind: "rolloutDuration" },
    op: "<=",
    value: num(seconds(opts.within, "within"), "s"),
    target: opts.target,
    aggregate: true,
  });
}

/**
 * `expect(result).toStayBetween(2, 6, { from: "1m", to: "10m" })`: replicas (or another
 * count: `quantity: "ready"`) within [min, max] at every instant of the window (default: the
 * whole run).
 */
export function toStayBetween(
  received: unknown,
  min: number,
  max: number,
  opts: When & TargetOption & { quantity?: "replicas" | "pods" | "ready" | "available" | "updated" } = {},
): MatchResult {
  const quantity = opts.quantity ?? "replicas";
  const when: When =
    opts.from === undefined && opts.to === undefined && opts.for === undefined ? { ...opts, from: 0 } : opts;
  const low = check(received, {
    text: `${quantity} >= ${min}`,
    quantity: { kind: quantity },
    op: ">=",
    value: num(min),
    when,
    target: opts.target,
  });
  if (!low.pass) return low;
  const high = check(received, {
    text: `${quantity} <= ${max}`,
    quantity: { kind: quantity },
    op: "<=",
    value: num(max),
    when,
    target: opts.target,
  });
  if (!high.pass) return high;
  return { pass: true, message: `${low.message}, between ${min} and ${max}` };
}

/** `expect(result).toHaveNoUnservedLoad({ from: "1m" })`: no CPU demand went unserved in the window (default: from the first load to the end). */
export function toHaveNoUnservedLoad(received: unknown, opts: When & TargetOption = {}): MatchResult {
  // By default from the first load on the target: before it, there is no demand to serve
  // (and no load series: the checker would read "<none>").
  let when: When = opts;
  if (!Object.keys(opts).some((k) => k !== "target")) {
    const trace = traceOf(received);
    const target = "error" in trace ? undefined : resolveTarget(trace, opts.target);
    const first =
      "error" in trace || !target || "error" in target ? undefined : trace.load[target.name]?.[0]?.t;
    when = { from: first ?? 0 };
  }
  return check(received, {
    text: "unserved == 0",
    quantity: { kind: "unserved" },
    value: num(0, "m"),
    when,
    target: opts.target,
  });
}

/** The default window of a request matcher: from the first instant `pick` finds in the target's load to the end. */
function fromFirstRequest(
  received: unknown,
  opts: When & TargetOption,
  pick: (l: NonNullable<Trace["load"][string][number]["value"]["requests"]>) => boolean,
): When {
  if (Object.keys(opts).some((k) => k !== "target" && k !== "percentile")) return opts;
  const trace = traceOf(received);
  const target = "error" in trace ? undefined : resolveTarget(trace, opts.target);
  const first =
    "error" in trace || !target || "error" in target
      ? undefined
      : trace.load[target.name]?.find((p) => p.value.requests !== undefined && pick(p.value.requests))?.t;
  return { from: first ?? 0 };
}

/**
 * `expect(result).toKeepLatencyUnder("200ms", { percentile: 99, from: "10m" })`: the serving
 * model's response time (default its p95; `percentile: "mean"` the mean) stayed at or under
 * the limit at every instant of the window — by default from the first request served to the
 * end of the run (docs/latency.md).
 */
export function toKeepLatencyUnder(
  received: unknown,
  limit: TimeSpec,
  opts: When & TargetOption & { percentile?: number | "mean" } = {},
): MatchResult {
  const statistic = opts.percentile ?? 95;
  const max = seconds(limit, "the latency limit");
  return check(received, {
    text: `latency ${statistic === "mean" ? "mean" : `p${statistic}`} <= ${formatTime(max)}`,
    quantity: { kind: "latency", statistic },
    op: "<=",
    value: num(max, "s"),
    when: fromFirstRequest(received, opts, (r) => r.latency !== null),
    target: opts.target,
  });
}

/**
 * `expect(result).toDropNoRequests({ from: "1m" })`: no request was dropped in the window
 * (default: from the first request traffic to the end of the run — a request that arrives
 * before any pod is Ready is dropped, as a user would notice).
 */
export function toDropNoRequests(received: unknown, opts: When & TargetOption = {}): MatchResult {
  return check(received, {
    text: "dropped == 0",
    quantity: { kind: "dropped" },
    value: num(0),
    when: fromFirstRequest(received, opts, () => true),
    target: opts.target,
  });
}

/**
 * `expect(result).toScaleAtMost(4, { per: "10m" })`: the flapping budget — at most n scale
 * events in any window of `per` (a Deployment's replica changes, or with `target: "hpa/web"`
 * the HPA's rescales), over the whole run unless a window is given.
 */
export function toScaleAtMost(
  received: unknown,
  n: number,
  opts: { per: TimeSpec } & When & TargetOption,
): MatchResult {
  const per = seconds(opts.per, "per");
  return check(received, {
    text: `scale-events <= ${n} per ${formatTime(per)}`,
    quantity: { kind: "scaleEvents", per },
    op: "<=",
    value: num(n),
    when: opts,
    target: opts.target,
    aggregate: true,
  });
}

/** `expect(result).toCostAtMost(60, { from: "5m", to: "15m" })`: pod-minutes over the window (default: the whole run). */
export function toCostAtMost(
  received: unknown,
  podMinutes: number,
  opts: When & TargetOption = {},
): MatchResult {
  return check(received, {
    text: `pod-minutes <= ${podMinutes}`,
    quantity: { kind: "podMinutes" },
    op: "<=",
    value: num(podMinutes),
    when: opts,
    target: opts.target,
    aggregate: true,
  });
}

/** `expect(result).toPass()`: every expectation written in the scenario held; the message lists those that did not, with their lines. */
export function toPass(received: unknown): MatchResult {
  if (typeof received !== "object" || received === null || !("status" in received))
    return { pass: false, message: "expected a scenario result (from runScenario)" };
  const r = received as ScenarioResult;
  const lines: string[] = [];
  for (const d of r.diagnostics)
    if (d.severity === "error") lines.push(`${d.file}:${d.span.line}:${d.span.col}: error: ${d.message}`);
  for (const f of r.failures) lines.push(`${r.file}:${f.line}: ${f.command}\n  ${f.message.split("\n")[0]}`);
  for (const e of r.expectations) if (!e.passed) lines.push(`${r.file}:${e.line}: ${e.text}\n  ${e.message}`);
  if (r.passed) return { pass: true, message: `${r.file}: all ${r.expectations.length} expectations held` };
  return { pass: false, message: lines.join("\n") || `${r.file} failed` };
}

/**
 * `expect(result).toHaveReadyNodes(5, { within: "3m", from: "2m", pool: "pool-a" })`: Ready
 * nodes of the cluster (or of one pool) — `expect nodes [POOL] == N` (docs/nodes.md).
 */
export function toHaveReadyNodes(
  received: unknown,
  n: number,
  opts: When & { pool?: string } = {},
): MatchResult {
  const { pool, ...when } = opts;
  return check(received, {
    text: `nodes${pool === undefined ? "" : ` ${pool}`} == ${n}${whenText(when)}`,
    quantity: pool === undefined ? { kind: "nodes" } : { kind: "nodes", pool },
    value: num(n),
    when,
    anyTarget: true,
  });
}

/**
 * `expect(result).toHaveNoPendingPods({ from: "5m" })`: no pod waited for a node in the window
 * (default: at the end of the run) — of the cluster, or of `target` — `expect pending == 0`.
 */
export function toHaveNoPendingPods(received: unknown, opts: When & TargetOption = {}): MatchResult {
  const { target, ...when } = opts;
  return check(received, {
    text: `pending == 0${whenText(when)}`,
    quantity: { kind: "pending" },
    value: num(0),
    when,
    target,
    anyTarget: true,
  });
}

/** The matchers by name, pure: `(received, ...args) => MatchResult`. */
export const matchers = {
  toHaveReplicas,
  toHaveEvent,
  toCompleteRollout,
  toStayBetween,
  toHaveNoUnservedLoad,
  toScaleAtMost,
  toCostAtMost,
  toKeepLatencyUnder,
  toDropNoRequests,
  toHaveReadyNodes,
  toHaveNoPendingPods,
  toPass,
};
