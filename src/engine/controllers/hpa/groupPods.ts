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

/** One pod's metric as the calculator sees it (milli-units). */
export interface PodMetric {
  value: number;
  timestamp: Time;
  window: number;
}

export type PodMetricsInfo = Map<string, PodMetric>;

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
  metrics: PodMetricsInfo,
  resource: string,
  cfg: ReadinessConfig,
  now: Time,
): GroupedPods {
  const setAside: GroupedPods["setAside"] = {};
  let why: GroupedPods["why"] | undefined;
  const g: GroupedPods = {
    readyPodCount: 0,
    unready: new Set(),
    missing: new Set(),
    ignored: new Set(),
    // Every pod's reason in pod order, written only when read (the explainer reads the pods set
    // aside only, and a 1000-pod sync would write 1000 keys at every sync).
    get why() {
      if (!why) {
        why = {};
        for (const { metadata } of pods) why[metadata.name] = setAside[metadata.name] ?? READY;
      }
      return why;
    },
    setAside,
    stableWhile: { nowBefore: Infinity, stampsBefore: Infinity },
  };
  const stable = g.stableWhile;
  const put = (name: string, group: Exclude<PodGroup, "ready">, because: string) => {
    g[group].add(name);
    setAside[name] = { group, because };
  };
  const keep = Object.isFrozen(pods);
  for (const stored of pods) {
    const pod = viewOf(stored, keep);
    const name = pod.name;
    if (pod.fixed) {
      put(name, pod.fixed.group, pod.fixed.because);
      continue;
    }
    const metric = metrics.get(name);
    if (!metric) {
      put(name, "missing", "no metric sample");
      continue;
    }
    if (resource === "cpu") {
      const readyStatus = pod.readyStatus;
      const start = pod.start;
      if (readyStatus === undefined || start === undefined) {
        put(name, "unready", readyStatus === undefined ? "no Ready condition" : "no start time");
        continue;
      }
      const readyTransition = pod.readyTransition;
      if (start + cfg.cpuInitializationPeriod > now) {
        stable.nowBefore = Math.min(stable.nowBefore, start + cfg.cpuInitializationPeriod);
        if (readyStatus === "False") {
          put(name, "unready", "Ready=False within the CPU initialization period");
          continue;
        }
        if (metric.timestamp < readyTransition + metric.window) {
          stable.stampsBefore = Math.min(stable.stampsBefore, readyTransition + metric.window);
          put(name, "unready", "sample window began before the pod's last readiness change");
          continue;
        }
      } else if (readyStatus === "False" && start + cfg.initialReadinessDelay > readyTransition) {
        put(name, "unready", "Ready=False and never ready since its initial readiness delay");
        continue;
      }
    }
    g.readyPodCount++;
  }
  return g;
}

/**
 * What groupPods reads of a pod, in one flat object of one shape (the Ready condition's two
 * fields inline, the fixed group one of three shared objects).
 */
interface PodView {
  name: string;
  /** Its group when its metric cannot matter: being deleted, Failed, or Pending. */
  fixed: FixedGroup | undefined;
  /** The Ready condition's status, undefined without one. */
  readyStatus: string | undefined;
  /** The Ready condition's lastTransitionTime (0 without one: then never read). */
  readyTransition: Time;
  start: Time | undefined;
}

type FixedGroup = Readonly<{ group: "ignored" | "unready"; because: string }>;

const FAILED: FixedGroup = Object.freeze({ group: "ignored", because: "phase Failed" });
const DELETING: FixedGroup = Object.freeze({ group: "ignored", because: "being deleted" });
const PENDING: FixedGroup = Object.freeze({ group: "unready", because: "phase Pending" });

/**
 * The view of a stored pod (one of a list the store keeps, frozen), kept per pod object: the
 * store never changes a stored object in place, an HPA groups the selected pods at every sync,
 * and a new pods list comes with every pod write. Kept per list, every pod's view was made
 * again for each new list (and the list's array of views with it); kept per pod, a view is made
 * once per pod write, however many lists hold the pod.
 */
const viewsOfPod = new WeakMap<Pod, PodView>();

function viewOf(pod: Pod, stored: boolean): PodView {
  if (!stored) return podView(pod);
  let view = viewsOfPod.get(pod);
  if (!view) viewsOfPod.set(pod, (view = podView(pod)));
  return view;
}

function podView(pod: Pod): PodView {
  const phase = pod.status.phase;
  const fixed =
    phase === "Failed"
      ? FAILED
      : pod.metadata.deletionTimestamp !== undefined
        ? DELETING
        : phase === "Pending"
          ? PENDING
          : undefined;
  const ready = pod.status.conditions?.find((c) => c.type === "Ready");
  return {
    name: pod.metadata.name,
    fixed,
    readyStatus: ready?.status,
    readyTransition: ready ? ready.lastTransitionTime : 0,
    start: pod.status.startTime,
  };
}
