/**
 * Which pods a ReplicaSet deletes first when it scales down: pkg/controller/controller_utils.go
 * (ActivePods, ActivePodsWithRanks) and pkg/controller/replicaset/replica_set.go
 * (getPodsToDelete, getPodsRankedByRelatedPodsOnSameNode).
 */
import type { Pod, Time } from "../../../k8s/types.ts";
import { alignByIdentity } from "../listAlign.ts";
import { isPodActive, isZeroTime, maxContainerRestarts } from "./pods.ts";

/** The feature gates the ranking reads; both are Beta and on by default in 1.28. */
export interface RankingGates {
  podDeletionCost: boolean;
  logarithmicScaleDown: boolean;
}

export const DEFAULT_RANKING_GATES: RankingGates = { podDeletionCost: true, logarithmicScaleDown: true };

/** The annotation users set to steer scale-down (core/v1 PodDeletionCost). */
export const POD_DELETION_COST_ANNOTATION = "controller.kubernetes.io/pod-deletion-cost";

/** A pod with its rank: the number of active related pods on its node. */
export interface RankedPod {
  pod: Pod;
  rank: number;
}

/** podPhaseToOrdinal: Pending < Unknown < Running; any other phase counts as 0. */
function phaseOrdinal(pod: Pod): number {
  switch (pod.status.phase) {
    case "Unknown":
      return 1;
    case "Running":
      return 2;
    default:
      return 0;
  }
}

/**
 * GetDeletionCostFromPodAnnotations: an int32 in the annotation; missing or invalid reads as 0
 * (the error is ignored by the comparator).
 */
export function podDeletionCost(pod: Pod): number {
  const v = pod.metadata.annotations?.[POD_DELETION_COST_ANNOTATION];
  if (v === undefined || !/^[+-]?[0-9]+$/.test(v)) return 0;
  const n = Number.parseInt(v, 10);
  return n >= -(2 ** 31) && n < 2 ** 31 ? n : 0;
}

/**
 * afterOrZero: a zero time sorts first; otherwise the later time sorts first.
 * Example: ready at zero, t=100, t=50 → order zero, 100, 50.
 */
function afterOrZero(t1: Time | undefined, t2: Time | undefined): boolean {
  if (isZeroTime(t1) || isZeroTime(t2)) return isZeroTime(t1);
  return (t1 as Time) > (t2 as Time);
}

const sameTime = (t1: Time | undefined, t2: Time | undefined): boolean =>
  (isZeroTime(t1) && isZeroTime(t2)) || t1 === t2;

/**
 * What ActivePodsWithRanks.Less reads of one pod, computed once per pod: the comparator runs
 * O(n log n) times in a sort, and each of these is a pure function of the pod, its rank, `now`
 * and the gates, so comparing keys decides exactly as comparing the pods would.
 */
export interface DeletionKey {
  unassigned: boolean;
  phase: number;
  ready: boolean;
  cost: number;
  rank: number;
  readyTime: Time | undefined;
  restarts: number;
  created: Time | undefined;
  /** Go compares UIDs as strings; a missing UID is "". */
  uid: string;
  /** Whether rules 6 and 8 use log buckets (LogarithmicScaleDown with a `now`). */
  logarithmic: boolean;
  /** The log buckets of readyTime and created (read only when `logarithmic`). */
  readyBucket: number;
  createdBucket: number;
}

/**
 * logarithmicRankDiff's bucket: floor(log2(age in nanoseconds)); an age ≤ 0 is bucket −1.
 * Example: ready 2h ago → log2(7.2e12 ns) = 42.7 → 42; 5h ago → 44.03 → 44, so the 2-hour pod
 * goes first; 5h vs 8h (44.03 vs 44.7) share bucket 44 and tie.
 */
function ageBucket(t: Time | undefined, now: Time | undefined): number {
  if (now === undefined || isZeroTime(t)) return -1;
  const ns = (now - (t as Time)) * 1e9;
  return ns > 0 ? Math.floor(Math.log2(ns)) : -1;
}

export function deletionKey(r: RankedPod, now: Time | undefined, gates: RankingGates): DeletionKey {
  return new KeyedPod(r.pod, r.rank, now, gates);
}

/**
 * A pod with its deletion key, one object per pod for the sort (not a key, a ranked pod and a
 * pair holding them: the x10 day's scale-downs sort up to 10,000 pods).
 */
class KeyedPod implements DeletionKey {
  readonly unassigned: boolean;
  readonly phase: number;
  readonly ready: boolean;
  readonly cost: number;
  readonly readyTime: Time | undefined;
  readonly restarts: number;
  readonly created: Time | undefined;
  readonly uid: string;
  readonly logarithmic: boolean;
  readonly readyBucket: number;
  readonly createdBucket: number;
  /** The pod's node ("" unscheduled): what its rank is read by. */
  readonly node: string;

  constructor(
    readonly pod: Pod,
    readonly rank: number,
    now: Time | undefined,
    gates: RankingGates,
    /** The same pod's key of an earlier sort, whose pod-only answers are taken as they are. */
    was?: KeyedPod,
  ) {
    if (was !== undefined) {
      this.unassigned = was.unassigned;
      this.phase = was.phase;
      this.ready = was.ready;
      this.cost = was.cost;
      this.readyTime = was.readyTime;
      this.restarts = was.restarts;
      this.created = was.created;
      this.uid = was.uid;
      this.node = was.node;
    } else {
      // IsPodReady and podReadyTime from one look-up of the Ready condition.
      const condition = readyCondition(pod);
      const ready = condition?.status === "True";
      this.node = pod.spec.nodeName ?? "";
      this.unassigned = this.node === "";
      this.phase = phaseOrdinal(pod);
      this.ready = ready;
      this.cost = gates.podDeletionCost ? podDeletionCost(pod) : 0;
      this.readyTime = ready ? condition!.lastTransitionTime : undefined;
      this.restarts = maxContainerRestarts(pod);
      this.created = pod.metadata.creationTimestamp;
      this.uid = pod.metadata.uid ?? "";
    }
    this.logarithmic = gates.logarithmicScaleDown && now !== undefined;
    this.readyBucket = ageBucket(this.readyTime, now);
    this.createdBucket = ageBucket(this.created, now);
  }
}

/** The pod's first Ready condition (what `conditions.find` gives), without a closure per pod. */
function readyCondition(pod: Pod): NonNullable<Pod["status"]["conditions"]>[number] | undefined {
  const conditions = pod.status.conditions;
  if (conditions === undefined) return undefined;
  for (const c of conditions) if (c.type === "Ready") return c;
  return undefined;
}

/** Rules 6 and 8 with the LogarithmicScaleDown gate: log buckets, then UID. */
function timeLess(
  t1: Time | undefined,
  t2: Time | undefined,
  bucket1: number,
  bucket2: number,
  a: DeletionKey,
  b: DeletionKey,
): boolean {
  if (!a.logarithmic || isZeroTime(t1) || isZeroTime(t2)) return afterOrZero(t1, t2);
  const diff = bucket1 - bucket2;
  if (diff === 0) return a.uid < b.uid;
  return diff < 0;
}

/**
 * ActivePodsWithRanks.Less over two pods' keys: does `a` go (is it deleted) before `b`? The
 * rules, first decider wins:
 * 1. unassigned < assigned; 2. Pending < Unknown < Running; 3. not Ready < Ready;
 * 4. lower pod-deletion-cost first (gate PodDeletionCost); 5. higher rank first (doubled-up pods);
 * 6. both Ready: ready for a shorter time first (zero first; log buckets with the gate);
 * 7. more container restarts first; 8. newer creation first (zero first; log buckets with the gate).
 * Example: two Running Ready pods with equal cost, ranks 2 and 1 → the rank-2 pod goes first
 * even if it has been Ready longer.
 */
export function deletionKeyLess(a: DeletionKey, b: DeletionKey): boolean {
  if (a.unassigned !== b.unassigned) return a.unassigned;
  if (a.phase !== b.phase) return a.phase < b.phase;
  if (a.ready !== b.ready) return !a.ready;
  if (a.cost !== b.cost) return a.cost < b.cost;
  if (a.rank !== b.rank) return a.rank > b.rank;
  if (a.ready && b.ready && !sameTime(a.readyTime, b.readyTime))
    return timeLess(a.readyTime, b.readyTime, a.readyBucket, b.readyBucket, a, b);
  if (a.restarts !== b.restarts) return a.restarts > b.restarts;
  if (!sameTime(a.created, b.created))
    return timeLess(a.created, b.created, a.createdBucket, b.createdBucket, a, b);
  return false;
}

const order = (less: boolean, greater: boolean): number => (less ? -1 : greater ? 1 : 0);

/**
 * deletionKeyLess as a sort comparator: exactly `deletionKeyLess(a, b) ? -1 :
 * deletionKeyLess(b, a) ? 1 : 0` (what sortByLess makes of it), in one pass. Each rule's
 * condition is symmetric in a and b, so both directions stop at the same rule, and that rule's
 * two comparisons are made there — a sort given this comparator decides every pair as before.
 */
export function deletionKeyCompare(a: DeletionKey, b: DeletionKey): number {
  if (a.unassigned !== b.unassigned) return a.unassigned ? -1 : 1;
  if (a.phase !== b.phase) return order(a.phase < b.phase, b.phase < a.phase);
  if (a.ready !== b.ready) return a.ready ? 1 : -1;
  if (a.cost !== b.cost) return order(a.cost < b.cost, b.cost < a.cost);
  if (a.rank !== b.rank) return order(a.rank > b.rank, b.rank > a.rank);
  if (a.ready && b.ready && !sameTime(a.readyTime, b.readyTime))
    return order(
      timeLess(a.readyTime, b.readyTime, a.readyBucket, b.readyBucket, a, b),
      timeLess(b.readyTime, a.readyTime, b.readyBucket, a.readyBucket, b, a),
    );
  if (a.restarts !== b.restarts) return order(a.restarts > b.restarts, b.restarts > a.restarts);
  if (!sameTime(a.created, b.created))
    return order(
      timeLess(a.created, b.created, a.createdBucket, b.createdBucket, a, b),
      timeLess(b.created, a.created, b.createdBucket, a.createdBucket, b, a),
    );
  return 0;
}

/** ActivePodsWithRanks.Less on two ranked pods (the rules: deletionKeyLess). */
export function podDeletionLess(
  a: RankedPod,
  b: RankedPod,
  now: Time | undefined,
  gates: RankingGates,
): boolean {
  return deletionKeyLess(deletionKey(a, now, gates), deletionKey(b, now, gates));
}

/**
 * ActivePods.Less, the older comparator (TestSortingActivePods): the ranked rules without ranks,
 * deletion cost or log buckets.
 */
export function activePodsLess(a: Pod, b: Pod): boolean {
  return podDeletionLess({ pod: a, rank: 0 }, { pod: b, rank: 0 }, undefined, {
    podDeletionCost: false,
    logarithmicScaleDown: false,
  });
}

/** Sort with a Less function; stable, so equal pods keep their list order (Go's sort.Sort is not, but any order is valid there). */
export function sortByLess<T>(items: readonly T[], less: (a: T, b: T) => boolean): T[] {
  return [...items].sort((a, b) => (less(a, b) ? -1 : less(b, a) ? 1 : 0));
}

/**
 * getPodsRankedByRelatedPodsOnSameNode: each pod's rank is the number of *active* related pods
 * (pods of every ReplicaSet with the same controller) on the same node — unscheduled pods
 * share the node "".
 */
export function rankPodsByRelatedPodsOnSameNode(
  podsToRank: readonly Pod[],
  relatedPods: readonly Pod[],
): RankedPod[] {
  return rankByPodsOnNode(podsToRank, activeRelatedPodsPerNode(relatedPods));
}

/** The counts the ranks are read from: active related pods per node ("" for unscheduled ones). */
export function activeRelatedPodsPerNode(relatedPods: readonly Pod[]): Map<string, number> {
  const podsOnNode = new Map<string, number>();
  for (const p of relatedPods) {
    if (!isPodActive(p)) continue;
    const node = p.spec.nodeName ?? "";
    podsOnNode.set(node, (podsOnNode.get(node) ?? 0) + 1);
  }
  return podsOnNode;
}

/** Each pod ranked by the count of its node. */
export function rankByPodsOnNode(
  podsToRank: readonly Pod[],
  podsOnNode: ReadonlyMap<string, number>,
): RankedPod[] {
  return podsToRank.map((pod) => ({ pod, rank: podsOnNode.get(pod.spec.nodeName ?? "") ?? 0 }));
}

/**
 * getPodsToDelete: the first `diff` pods in deletion order. When every pod goes (diff ≥ the
 * number of pods) nothing is sorted and the pods go in list order.
 */
export function getPodsToDelete(
  filteredPods: readonly Pod[],
  relatedPods: readonly Pod[],
  diff: number,
  now: Time,
  gates: RankingGates = DEFAULT_RANKING_GATES,
): Pod[] {
  if (diff >= filteredPods.length) return filteredPods.slice(0, diff);
  return getPodsToDeleteOnNodes(filteredPods, activeRelatedPodsPerNode(relatedPods), diff, now, gates);
}

/**
 * getPodsToDelete with the related pods already counted per node (activeRelatedPodsPerNode), for
 * a caller that reads the same ranks again (the ReplicaSet sync's decision reports each
 * deleted pod's rank).
 */
export function getPodsToDeleteOnNodes(
  filteredPods: readonly Pod[],
  podsOnNode: ReadonlyMap<string, number>,
  diff: number,
  now: Time,
  gates: RankingGates = DEFAULT_RANKING_GATES,
): Pod[] {
  if (diff < filteredPods.length) {
    // Each pod's key once, then the sort compares keys: n key computations, not n log n. The
    // rank is read with the key, in one pass over the pods (rankByPodsOnNode's rank).
    const keyed: KeyedPod[] = new Array(filteredPods.length);
    // A pod that is the same object as in the last sort keeps its key's pod-only answers, and
    // the key itself when its rank and buckets are the same (listAlign.ts): a scale-down comes
    // in syncs of at most 500 deletions, each over nearly the same pods as the last.
    const last = lastSort !== undefined && sameGates(lastSort.gates, gates) ? lastSort : undefined;
    const from = last !== undefined ? alignByIdentity(last.pods, filteredPods) : undefined;
    for (let i = 0; i < filteredPods.length; i++) {
      const was = from !== undefined && from[i] >= 0 ? last!.keyed[from[i]] : undefined;
      if (was === undefined) {
        const pod = filteredPods[i];
        keyed[i] = new KeyedPod(pod, podsOnNode.get(pod.spec.nodeName ?? "") ?? 0, now, gates);
        continue;
      }
      const rank = podsOnNode.get(was.node) ?? 0;
      const same =
        rank === was.rank &&
        was.logarithmic === (gates.logarithmicScaleDown && now !== undefined) &&
        was.readyBucket === ageBucket(was.readyTime, now) &&
        was.createdBucket === ageBucket(was.created, now);
      keyed[i] = same ? was : new KeyedPod(was.pod, rank, now, gates, was);
    }
    lastSort = { pods: filteredPods, keyed: keyed.slice(), gates: { ...gates } };
    return keyed
      .sort(deletionKeyCompare)
      .slice(0, diff)
      .map((k) => k.pod);
  }
  return filteredPods.slice(0, diff);
}

/**
 * The last sort's pods (in their list's order) and their keys, for the next sort to carry from.
 * One sort's worth: a run's scale-downs come one at a time.
 */
let lastSort: { pods: readonly Pod[]; keyed: KeyedPod[]; gates: RankingGates } | undefined;

const sameGates = (a: RankingGates, b: RankingGates): boolean =>
  a.podDeletionCost === b.podDeletionCost && a.logarithmicScaleDown === b.logarithmicScaleDown;
