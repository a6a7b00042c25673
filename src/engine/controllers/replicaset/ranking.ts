/**
 * Which pods a ReplicaSet deletes first when it scales down: pkg/controller/controller_utils.go
 * (ActivePods, ActivePodsWithRanks) and pkg/controller/replicaset/replica_set.go
 * (getPodsToDelete, getPodsRankedByRelatedPodsOnSameNode).
 */
import type { Pod, Time } from "../../../k8s/types.ts";
import { isPodActive, isPodReady, isZeroTime, maxContainerRestarts, podReadyTime } from "./pods.ts";

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
const phaseOrdinal = (pod: Pod): number =>
  ({ Pending: 0, Unknown: 1, Running: 2 })[pod.status.phase as string] ?? 0;

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
 * logarithmicRankDiff: compares floor(log2(age in nanoseconds)) of two times; an age ≤ 0 is
 * bucket −1. Example: ready 2h ago → log2(7.2e12 ns) = 42.7 → 42; 5h ago → 44.03 → 44, so the
 * 2-hour pod goes first; 5h vs 8h (44.03 vs 44.7) share bucket 44 and tie.
 */
export function logarithmicRankDiff(t1: Time, t2: Time, now: Time): number {
  const bucket = (t: Time) => {
    const ns = (now - t) * 1e9;
    return ns > 0 ? Math.floor(Math.log2(ns)) : -1;
  };
  return bucket(t1) - bucket(t2);
}

/** Go compares UIDs as strings; a missing UID is "". */
const uidLess = (a: Pod, b: Pod): boolean => (a.metadata.uid ?? "") < (b.metadata.uid ?? "");

/** Rules 6 and 8 with the LogarithmicScaleDown gate: log buckets, then UID. */
function timeLess(
  t1: Time | undefined,
  t2: Time | undefined,
  a: Pod,
  b: Pod,
  now: Time | undefined,
  gates: RankingGates,
): boolean {
  if (!gates.logarithmicScaleDown || now === undefined || isZeroTime(t1) || isZeroTime(t2))
    return afterOrZero(t1, t2);
  const diff = logarithmicRankDiff(t1 as Time, t2 as Time, now);
  if (diff === 0) return uidLess(a, b);
  return diff < 0;
}

/**
 * ActivePodsWithRanks.Less: does `a` go (is it deleted) before `b`? The rules, first decider wins:
 * 1. unassigned < assigned; 2. Pending < Unknown < Running; 3. not Ready < Ready;
 * 4. lower pod-deletion-cost first (gate PodDeletionCost); 5. higher rank first (doubled-up pods);
 * 6. both Ready: ready for a shorter time first (zero first; log buckets with the gate);
 * 7. more container restarts first; 8. newer creation first (zero first; log buckets with the gate).
 * Example: two Running Ready pods with equal cost, ranks 2 and 1 → the rank-2 pod goes first
 * even if it has been Ready longer.
 */
export function podDeletionLess(
  a: RankedPod,
  b: RankedPod,
  now: Time | undefined,
  gates: RankingGates,
): boolean {
  const pa = a.pod;
  const pb = b.pod;
  const na = pa.spec.nodeName ?? "";
  const nb = pb.spec.nodeName ?? "";
  if (na !== nb && (na === "" || nb === "")) return na === "";
  if (phaseOrdinal(pa) !== phaseOrdinal(pb)) return phaseOrdinal(pa) < phaseOrdinal(pb);
  if (isPodReady(pa) !== isPodReady(pb)) return !isPodReady(pa);
  if (gates.podDeletionCost) {
    const ca = podDeletionCost(pa);
    const cb = podDeletionCost(pb);
    if (ca !== cb) return ca < cb;
  }
  if (a.rank !== b.rank) return a.rank > b.rank;
  if (isPodReady(pa) && isPodReady(pb)) {
    const ra = podReadyTime(pa);
    const rb = podReadyTime(pb);
    if (!sameTime(ra, rb)) return timeLess(ra, rb, pa, pb, now, gates);
  }
  const restartsA = maxContainerRestarts(pa);
  const restartsB = maxContainerRestarts(pb);
  if (restartsA !== restartsB) return restartsA > restartsB;
  const ca = pa.metadata.creationTimestamp;
  const cb = pb.metadata.creationTimestamp;
  if (!sameTime(ca, cb)) return timeLess(ca, cb, pa, pb, now, gates);
  return false;
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
  const podsOnNode = new Map<string, number>();
  for (const p of relatedPods) {
    if (!isPodActive(p)) continue;
    const node = p.spec.nodeName ?? "";
    podsOnNode.set(node, (podsOnNode.get(node) ?? 0) + 1);
  }
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
  if (diff < filteredPods.length) {
    const ranked = rankPodsByRelatedPodsOnSameNode(filteredPods, relatedPods);
    return sortByLess(ranked, (a, b) => podDeletionLess(a, b, now, gates))
      .slice(0, diff)
      .map((r) => r.pod);
  }
  return filteredPods.slice(0, diff);
}
