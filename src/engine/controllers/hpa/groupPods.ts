/**
 * Which of the selected pods take part in a metric's replica calculation: groupPods in
 * pkg/controller/podautoscaler/replica_calculator.go. Each pod lands in one group, first
 * match wins (docs/kubernetes/hpa-semantics.md §5.1):
 *
 * 1. ignored: being deleted, or phase Failed — its sample is dropped;
 * 2. unready: phase Pending;
 * 3. missing: no metric sample;
 * 4. cpu only: unready if it has no Ready condition or no start time; inside the CPU
 *    initialization period, unready if Ready=False or the sample's window began before the
 *    last readiness transition; after it, unready only if Ready=False and it never became
 *    ready after its initial-readiness delay;
 * 5. otherwise ready.
 *
 * Example (cpu, init period 300 s, window 15 s): a pod started at t=0, Ready at t=20, sampled
 * at t=30 is unready (30 < 20 + 15); sampled at t=45 it is ready. After t=300, a pod that went
 * Ready=False at t=400 still counts as ready (it became ready after the 30 s delay once).
 */
import type { Pod, Time } from "../../../k8s/types.ts";
import { alignByIdentity } from "../listAlign.ts";

/** One pod's metric as the calculator sees it (milli-units). */
export interface PodMetric {
  value: number;
  timestamp: Time;
  window: number;
}

export type PodMetricsInfo = Map<string, PodMetric>;

/**
 * The same samples as a PodMetricsInfo of the selected pods, held by the pods' index instead
 * of their name: each pod's metric or undefined (computeMetrics.ts samplesByPod).
 */
export type PodMetricsByPod = readonly (PodMetric | undefined)[];

/**
 * The same samples held by runs of consecutive selected pods: the pods from `ends[k - 1]` (0
 * for the first run) up to `ends[k]` share `metrics[k]`, or have no sample when it is
 * undefined. Pods of one workload mostly share one sample (metricsServer.ts: one point per
 * scrape group), so a sync reads a few runs instead of every pod
 * (computeMetrics.ts sampledByRun).
 */
export interface PodMetricsByRun {
  ends: ArrayLike<number>;
  metrics: readonly (PodMetric | undefined)[];
}

/** Consecutive ready pods (from start up to end) whose samples have the same value. */
export interface ReadyRun {
  start: number;
  end: number;
  value: number;
}

export type PodGroup = "ready" | "unready" | "missing" | "ignored";

export interface GroupedPods {
  readyPodCount: number;
  unready: Set<string>;
  missing: Set<string>;
  ignored: Set<string>;
  /** Why each pod is where it is (for the explainer). */
  why: Record<string, { group: PodGroup; because: string }>;
  /** The same for the pods not in the ready group only, in the same order (the explainer lists these). */
  setAside: Record<string, { group: PodGroup; because: string }>;
  /** How long the same pods with the same samples would be grouped the same: see Stability. */
  stableWhile: Stability;
  /** With metrics by pod: 1 at the index of each pod in the ready group. */
  readyAt?: Uint8Array;
  /** With metrics by run: the ready pods, in runs in the pods' order. */
  readyRuns?: ReadyRun[];
}

/**
 * The grouping reads the clock and the samples' timestamps only in a CPU pod's initialization
 * period: `start + period > now` turns false once now reaches start + period, and "the sample's
 * window began before the last readiness change" (timestamp < transition + window) turns false
 * once the sample's timestamp reaches transition + window. Both only ever flip that way, as
 * time and a pod's sample timestamps only move forward. So the same pods, with samples of the
 * same values and windows, are grouped the same at any later `now` before `nowBefore` with
 * every sample's timestamp before `stampsBefore` (Infinity: no bound).
 */
export interface Stability {
  nowBefore: Time;
  stampsBefore: Time;
}

/** Every ready pod's reason: one shared, frozen object. */
const READY: { group: PodGroup; because: string } = Object.freeze({ group: "ready", because: "sample used" });

export interface ReadinessConfig {
  /** --horizontal-pod-autoscaler-cpu-initialization-period, seconds. */
  cpuInitializationPeriod: number;
  /** --horizontal-pod-autoscaler-initial-readiness-delay, seconds. */
  initialReadinessDelay: number;
}

export function groupPods(
  pods: readonly Pod[],
  metrics: PodMetricsInfo | PodMetricsByPod | PodMetricsByRun,
  resource: string,
  cfg: ReadinessConfig,
  now: Time,
): GroupedPods {
  // A pod's metric by its index, or by its run, when given so: the same metric the map holds
  // under its name.
  const byName = metrics instanceof Map ? metrics : undefined;
  const byRun = byName === undefined && "ends" in metrics ? (metrics as PodMetricsByRun) : undefined;
  const byPod = byName === undefined && byRun === undefined ? (metrics as PodMetricsByPod) : undefined;
  const g = new Grouping(pods);
  const setAside = g.setAside;
  const readyAt = byPod !== undefined ? (g.readyAt = new Uint8Array(pods.length)) : undefined;
  const stable = g.stableWhile;
  // A pod set aside takes its verdict's frozen reason, as a ready pod takes READY: one object
  // per reason, not per pod (a scale-up at 10,000 pods sets hundreds of Pending pods aside).
  const put = (name: string, verdict: Verdict) => {
    g[verdict.group].add(name);
    setAside[name] = verdict;
  };
  const views = podViews(pods);
  const names = views.names;
  if (byRun !== undefined) {
    // Runs of pods alike in every view and sharing one sample: each run's pods land in the
    // same group for the same reason, so one of them is grouped for the run, and only the
    // pods set aside are named one by one.
    const readyRuns: ReadyRun[] = (g.readyRuns = []);
    const classEnds = classRunEnds(views);
    const sampleEnds = byRun.ends;
    let k = 0;
    let j = 0;
    for (let s = 0; s < pods.length;) {
      while (classEnds[k] <= s) k++;
      while (sampleEnds[j] <= s) j++;
      const e = Math.min(classEnds[k], sampleEnds[j]);
      const metric = byRun.metrics[j];
      const verdict = classify(views, s, metric, resource, cfg, now, stable);
      if (verdict === undefined) {
        g.readyPodCount += e - s;
        const last = readyRuns.length > 0 ? readyRuns[readyRuns.length - 1] : undefined;
        if (last !== undefined && last.end === s && last.value === metric!.value) last.end = e;
        else readyRuns.push({ start: s, end: e, value: metric!.value });
      } else for (let i = s; i < e; i++) put(names[i], verdict);
      s = e;
    }
    return g;
  }
  for (let i = 0; i < pods.length; i++) {
    const verdict = classify(
      views,
      i,
      byPod !== undefined ? byPod[i] : byName!.get(names[i]),
      resource,
      cfg,
      now,
      stable,
    );
    if (verdict !== undefined) {
      put(names[i], verdict);
      continue;
    }
    g.readyPodCount++;
    if (readyAt !== undefined) readyAt[i] = 1;
  }
  return g;
}

type Verdict = Readonly<{ group: Exclude<PodGroup, "ready">; because: string }>;

/**
 * A grouping under way, with every pod's reason (`why`) written only when read: the explainer
 * reads the pods set aside only, and a 1000-pod sync would write 1000 keys at every sync. A
 * class, so that the reader is on the prototype: an object literal with a getter is made by
 * the runtime at each call until the optimiser takes the function, which a few hundred
 * computing syncs a day mostly never reach.
 */
class Grouping implements GroupedPods {
  readyPodCount = 0;
  readonly unready = new Set<string>();
  readonly missing = new Set<string>();
  readonly ignored = new Set<string>();
  readonly setAside: GroupedPods["setAside"] = {};
  readonly stableWhile: Stability = { nowBefore: Infinity, stampsBefore: Infinity };
  readyAt?: Uint8Array;
  readyRuns?: ReadyRun[];
  private reasons: GroupedPods["why"] | undefined;

  constructor(private readonly pods: readonly Pod[]) {}

  get why(): GroupedPods["why"] {
    if (!this.reasons) {
      const why: GroupedPods["why"] = {};
      const setAside = this.setAside;
      for (const { metadata } of this.pods) why[metadata.name] = setAside[metadata.name] ?? READY;
      this.reasons = why;
    }
    return this.reasons;
  }
}

const MISSING: Verdict = Object.freeze({ group: "missing", because: "no metric sample" });
const NO_READY_CONDITION: Verdict = Object.freeze({ group: "unready", because: "no Ready condition" });
const NO_START_TIME: Verdict = Object.freeze({ group: "unready", because: "no start time" });
const READY_FALSE_IN_PERIOD: Verdict = Object.freeze({
  group: "unready",
  because: "Ready=False within the CPU initialization period",
});
const WINDOW_BEFORE_TRANSITION: Verdict = Object.freeze({
  group: "unready",
  because: "sample window began before the pod's last readiness change",
});
const NEVER_READY: Verdict = Object.freeze({
  group: "unready",
  because: "Ready=False and never ready since its initial readiness delay",
});

/**
 * The group of the pod at index i with its metric, first match wins (the module's comment):
 * undefined for the ready group. Narrows `stable` by the bounds its answer holds within.
 */
function classify(
  views: PodViews,
  i: number,
  metric: PodMetric | undefined,
  resource: string,
  cfg: ReadinessConfig,
  now: Time,
  stable: Stability,
): Verdict | undefined {
  const fixed = FIXED[views.fixed[i]];
  if (fixed) return fixed;
  if (!metric) return MISSING;
  if (resource !== "cpu") return undefined;
  const ready = views.ready[i];
  const start = views.start[i];
  if (ready === NO_READY) return NO_READY_CONDITION;
  if (Number.isNaN(start)) return NO_START_TIME;
  const readyTransition = views.readyTransition[i];
  if (start + cfg.cpuInitializationPeriod > now) {
    stable.nowBefore = Math.min(stable.nowBefore, start + cfg.cpuInitializationPeriod);
    if (ready === READY_FALSE) return READY_FALSE_IN_PERIOD;
    if (metric.timestamp < readyTransition + metric.window) {
      stable.stampsBefore = Math.min(stable.stampsBefore, readyTransition + metric.window);
      return WINDOW_BEFORE_TRANSITION;
    }
  } else if (ready === READY_FALSE && start + cfg.initialReadinessDelay > readyTransition) return NEVER_READY;
  return undefined;
}

/**
 * What groupPods reads of the pods of a list, in parallel typed arrays indexed like the list:
 * no object per pod. A list comes with every pod write and an HPA that computes reads a new
 * one at nearly every sync, so objects per pod per list were most of a sync's garbage.
 */
interface PodViews {
  /** metadata.name. */
  names: string[];
  /** Its group when its metric cannot matter (an index into FIXED): being deleted, Failed, or Pending. */
  fixed: Uint8Array;
  /** The Ready condition: NO_READY, READY_FALSE, or READY_OTHER (True or Unknown). */
  ready: Uint8Array;
  /** The Ready condition's lastTransitionTime (0 without one: then never read). */
  readyTransition: Float64Array;
  /** status.startTime, NaN without one. */
  start: Float64Array;
  /** The ends of the runs of consecutive pods alike in all the above but their names (classRunEnds). */
  classEnds?: Int32Array;
}

/**
 * Where each run of consecutive pods alike in every view but the name ends: such pods with
 * the same sample are grouped alike. (A pod without a start time is a run of its own: NaN is
 * equal to nothing, which only splits runs.) Kept with the views, so once per pods list.
 */
function classRunEnds(views: PodViews): Int32Array {
  if (views.classEnds !== undefined) return views.classEnds;
  const n = views.names.length;
  const ends: number[] = [];
  for (let i = 1; i <= n; i++)
    if (
      i === n ||
      views.fixed[i] !== views.fixed[i - 1] ||
      views.ready[i] !== views.ready[i - 1] ||
      views.readyTransition[i] !== views.readyTransition[i - 1] ||
      views.start[i] !== views.start[i - 1]
    )
      ends.push(i);
  return (views.classEnds = Int32Array.from(ends));
}

const NO_READY = 0;
const READY_FALSE = 1;
const READY_OTHER = 2;

/** The fixed groups by index; 0: none (the metric decides). */
const FIXED: readonly (Readonly<{ group: "ignored" | "unready"; because: string }> | undefined)[] = [
  undefined,
  Object.freeze({ group: "ignored", because: "phase Failed" }),
  Object.freeze({ group: "ignored", because: "being deleted" }),
  Object.freeze({ group: "unready", because: "phase Pending" }),
];

/**
 * The views of a selected pods list, kept per list the store keeps (frozen): an HPA groups the
 * same pods at every sync until one of them is written, and reading each stored pod's nested
 * status fields again costs more than the grouping itself.
 */
const viewsOfPods = new WeakMap<readonly Pod[], PodViews>();

function podViews(pods: readonly Pod[]): PodViews {
  let views = viewsOfPods.get(pods);
  if (views) return views;
  const n = pods.length;
  views = {
    names: new Array<string>(n),
    fixed: new Uint8Array(n),
    ready: new Uint8Array(n),
    readyTransition: new Float64Array(n),
    start: new Float64Array(n),
  };
  // A pod that is the same object as one of the last list viewed has the same view: carried
  // (listAlign.ts), not read again — a computing sync reads a new list after nearly every pod
  // write, and the first read of a pod's fields is most of the view's cost.
  const last = lastViews;
  const from = last !== undefined ? alignPods(last.pods, pods) : undefined;
  for (let i = 0; i < n; i++) {
    const was = from !== undefined ? from[i] : -1;
    if (was >= 0) {
      const v = last!.views;
      views.names[i] = v.names[was];
      views.fixed[i] = v.fixed[was];
      views.ready[i] = v.ready[was];
      views.readyTransition[i] = v.readyTransition[was];
      views.start[i] = v.start[was];
      continue;
    }
    const { metadata, status } = pods[i];
    views.names[i] = metadata.name;
    const phase = status.phase;
    // groupPods' first match: being deleted or Failed is ignored (Failed named first), then Pending.
    views.fixed[i] =
      phase === "Failed" ? 1 : metadata.deletionTimestamp !== undefined ? 2 : phase === "Pending" ? 3 : 0;
    const ready = status.conditions?.find((c) => c.type === "Ready");
    if (ready) {
      views.ready[i] = ready.status === "False" ? READY_FALSE : READY_OTHER;
      views.readyTransition[i] = ready.lastTransitionTime;
    }
    views.start[i] = status.startTime ?? NaN;
  }
  if (Object.isFrozen(pods)) viewsOfPods.set(pods, views);
  lastViews = { pods, views };
  return views;
}

/** The names of a list's pods, in its order (from its views). */
export const podNamesOf = (pods: readonly Pod[]): readonly string[] => podViews(pods).names;

/** The last list viewed, for the next to carry views from. */
let lastViews: { pods: readonly Pod[]; views: PodViews } | undefined;

/**
 * alignByIdentity of two pods lists, the last answer kept: a sync that reads a new list
 * carries the selection, the views and the requests each from the list before, mostly the
 * very same two lists (the namespace's, when the selector selects every pod of it). The
 * answer is read, never written, by each.
 */
export function alignPods(prev: readonly Pod[], next: readonly Pod[]): Int32Array {
  const last = lastAlignment;
  if (last !== undefined && last.prev === prev && last.next === next) return last.from;
  const from = alignByIdentity(prev, next);
  lastAlignment = { prev, next, from };
  return from;
}

let lastAlignment: { prev: readonly Pod[]; next: readonly Pod[]; from: Int32Array } | undefined;
