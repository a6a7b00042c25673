/**
 * Which pods a ReplicaSet deletes first when it scales down: pkg/controller/controller_utils.go
 * (ActivePods, ActivePodsWithRanks) and pkg/controller/replicaset/replica_set.go
 * (getPodsToDelete, getPodsRankedByRelatedPodsOnSameNode).
 */
import type { Pod, Time } from "../../../k8s/types.ts";
import { alignByIdentity } from "../listAlign.ts";
import type { ListCarry } from "./ownPods.ts";
import { isPodActive, isZeroTime, maxContainerRestarts, ZERO_TIME } from "./pods.ts";

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

export function deletionKey(r: RankedPod, now: Time | undefined, gates: RankingGates): SortKey {
  return new KeyedPod(r.pod, gates, new NodeRanks()).rankedAt(
    r.rank,
    now,
    gates,
    new AgeBuckets(now),
    new AgeBuckets(now),
  );
}

/**
 * A DeletionKey as the sort compares it (deletionKeyCompare): rules 1–5 folded into one number,
 * and rule 6's and 8's times with Go's zero times as one value, so that sameTime is `===`.
 */
export interface SortKey extends DeletionKey {
  /**
   * Rules 1–5 as one integer, lower first: unassigned, phase, readiness, deletion cost and rank
   * as the digits of a mixed-radix number (12 × 2^32 × 2^17 < 2^53, exact in a double).
   * NaN when a value is outside the digits' ranges (a rank of 2^17 pods on one node): the sort
   * then compares by the rules one at a time.
   */
  head: number;
  /** readyTime, with ZERO_TIME for any of Go's zero times (isZeroTime). */
  readyAt: number;
  /** created, likewise. */
  createdAt: number;
}

const COST_RANGE = 2 ** 32;
const COST_OFFSET = 2 ** 31;
const RANK_RANGE = 2 ** 17;

/** SortKey.head of a key's rules 1–5 (NaN when they do not fit: see SortKey.head). */
function headOf(k: DeletionKey): number {
  const { phase, cost, rank } = k;
  if (
    !(phase === 0 || phase === 1 || phase === 2) ||
    !Number.isInteger(cost) ||
    cost < -COST_OFFSET ||
    cost >= COST_OFFSET ||
    !Number.isInteger(rank) ||
    rank < 0 ||
    rank >= RANK_RANGE
  )
    return Number.NaN;
  // Rule 1: unassigned first; 2: lower phase ordinal first; 3: not Ready first; 4: lower cost
  // first; 5: higher rank first.
  const flags = (k.unassigned ? 0 : 6) + phase * 2 + (k.ready ? 1 : 0);
  return (flags * COST_RANGE + (cost + COST_OFFSET)) * RANK_RANGE + (RANK_RANGE - 1 - rank);
}

const zeroAs = (t: Time | undefined): number => (isZeroTime(t) ? ZERO_TIME : (t as Time));

/** `key` with what the sort compares (SortKey), for a key not made from a pod (tests, vectors). */
export function sortKey(key: DeletionKey): SortKey {
  return { ...key, head: headOf(key), readyAt: zeroAs(key.readyTime), createdAt: zeroAs(key.created) };
}

/**
 * ageBucket for one `now`, remembering the last time asked for: a scale-down's pods come in
 * creation order, in cohorts created, and made Ready, at one instant, so most pods ask for the
 * time the pod before them did (Math.log2 is a call into the runtime). One for the ready times
 * and one for the creation times.
 */
class AgeBuckets {
  private lastTime: Time | undefined = ZERO_TIME;
  private lastBucket = -1;
  constructor(readonly now: Time | undefined) {}

  of(t: Time | undefined): number {
    if (t === this.lastTime) return this.lastBucket;
    this.lastTime = t;
    return (this.lastBucket = ageBucket(t, this.now));
  }
}

/**
 * A pod with its deletion key, one object per pod for the sort (not a key, a ranked pod and a
 * pair holding them: the x10 day's scale-downs sort up to 10,000 pods). What is read of the pod
 * alone is fixed; the rank and the log buckets (rankedAt) are set for each sort, so a pod's key
 * is carried from one sort to the next whatever its rank.
 */
class KeyedPod implements SortKey {
  readonly unassigned: boolean;
  readonly phase: number;
  readonly ready: boolean;
  readonly cost: number;
  readonly readyTime: Time | undefined;
  readonly restarts: number;
  readonly created: Time | undefined;
  readonly uid: string;
  readonly readyAt: number;
  readonly createdAt: number;
  /** The pod's node ("" unscheduled), whose count its rank is read from. */
  readonly node: NodeRank;
  rank = 0;
  /** Whether `head` is of `rank` (set by rankedAt). */
  private headed = false;
  logarithmic = false;
  readyBucket = -1;
  createdBucket = -1;
  head = 0;

  constructor(
    readonly pod: Pod,
    gates: RankingGates,
    nodes: NodeRanks,
  ) {
    // IsPodReady and podReadyTime from one look-up of the Ready condition.
    const condition = readyCondition(pod);
    const ready = condition?.status === "True";
    const node = pod.spec.nodeName ?? "";
    this.node = nodes.of(node);
    this.unassigned = node === "";
    this.phase = phaseOrdinal(pod);
    this.ready = ready;
    this.cost = gates.podDeletionCost ? podDeletionCost(pod) : 0;
    this.readyTime = ready ? condition!.lastTransitionTime : undefined;
    this.restarts = maxContainerRestarts(pod);
    this.created = pod.metadata.creationTimestamp;
    this.uid = pod.metadata.uid ?? "";
    this.readyAt = zeroAs(this.readyTime);
    this.createdAt = zeroAs(this.created);
  }

  /** This key for one sort: the pod's rank and the log buckets at `now`. */
  rankedAt(
    rank: number,
    now: Time | undefined,
    gates: RankingGates,
    readyBuckets: AgeBuckets,
    createdBuckets: AgeBuckets,
  ): this {
    this.logarithmic = gates.logarithmicScaleDown && now !== undefined;
    this.readyBucket = readyBuckets.of(this.readyTime);
    this.createdBucket = createdBuckets.of(this.created);
    // The head is of the pod's fixed answers and the rank: the same rank, the same head.
    if (rank !== this.rank || !this.headed) {
      this.rank = rank;
      this.head = headOf(this);
      this.headed = true;
    }
    return this;
  }
}

/** A node's count of related pods for the sort at hand (NodeRanks). */
interface NodeRank {
  readonly name: string;
  /** The count, when `sort` is the current sort's number; otherwise 0 (no related pod there). */
  count: number;
  sort: number;
}

/**
 * The nodes the carried keys name, each one object, given its count once per sort: each key
 * reads its rank from its node's object, where it looked its node's name up in the sort's map
 * (a hash of the name per pod per sort; the x10 day's scale-downs rank 164,000 keys). Carried
 * with the keys; bounded by the run's nodes.
 */
class NodeRanks {
  private readonly byName = new Map<string, NodeRank>();
  private sort = 0;

  get size(): number {
    return this.byName.size;
  }

  of(name: string): NodeRank {
    let node = this.byName.get(name);
    if (node === undefined) this.byName.set(name, (node = { name, count: 0, sort: 0 }));
    return node;
  }

  /** A new sort, its counts those of `podsOnNode` (a node absent from it counts 0). */
  rankBy(podsOnNode: ReadonlyMap<string, number>): void {
    const sort = ++this.sort;
    for (const [name, count] of podsOnNode) {
      const node = this.of(name);
      node.count = count;
      node.sort = sort;
    }
  }

  /** rankByPodsOnNode's rank of a pod on `node`: `podsOnNode.get(node) ?? 0`. */
  rankOf(node: NodeRank): number {
    return node.sort === this.sort ? node.count : 0;
  }
}

/** Nodes past which a sort starts a new NodeRanks, and carries no key (a notebook's many runs). */
const MAX_NODES = 1 << 16;

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
 * Rules 1–5 are one comparison of the keys' heads (equal heads: equal on all five, so both
 * Ready or both not); keys whose heads are NaN go to deletionKeyRulesCompare instead.
 */
export function deletionKeyCompare(a: SortKey, b: SortKey): number {
  if (a.head !== b.head) return a.head < b.head ? -1 : 1;
  if (a.ready && a.readyAt !== b.readyAt)
    return timeOrder(a.readyAt, b.readyAt, a.readyBucket, b.readyBucket, a, b);
  if (a.restarts !== b.restarts) return order(a.restarts > b.restarts, b.restarts > a.restarts);
  if (a.createdAt !== b.createdAt)
    return timeOrder(a.createdAt, b.createdAt, a.createdBucket, b.createdBucket, a, b);
  return 0;
}

/**
 * Rules 6 and 8 as a comparator, for two different times (zero times as ZERO_TIME):
 * `order(timeLess(a, b), timeLess(b, a))`. A zero time first, then without log buckets the
 * later time first; with them the lower bucket first, and within one bucket the lower UID.
 */
function timeOrder(
  t1: number,
  t2: number,
  bucket1: number,
  bucket2: number,
  a: DeletionKey,
  b: DeletionKey,
): number {
  if (t1 === ZERO_TIME) return -1;
  if (t2 === ZERO_TIME) return 1;
  if (!a.logarithmic) return order(t1 > t2, t2 > t1);
  const diff = bucket1 - bucket2;
  if (diff !== 0) return order(diff < 0, diff > 0);
  return order(a.uid < b.uid, b.uid < a.uid);
}

/** deletionKeyCompare rule by rule, for keys whose rules 1–5 do not fit a head. */
export function deletionKeyRulesCompare(a: DeletionKey, b: DeletionKey): number {
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
 * deleted pod's rank). `carry`: where each pod was in the list before, when the caller knows
 * (ownPods.ts claimedPods), so that the last sort's keys are carried without aligning the lists.
 */
export function getPodsToDeleteOnNodes(
  filteredPods: readonly Pod[],
  podsOnNode: ReadonlyMap<string, number>,
  diff: number,
  now: Time,
  gates: RankingGates = DEFAULT_RANKING_GATES,
  carry?: ListCarry,
): Pod[] {
  if (diff < filteredPods.length) {
    // Each pod's key once, then the sort compares keys: n key computations, not n log n. The
    // rank is read with the key, in one pass over the pods (rankByPodsOnNode's rank).
    const keyed: KeyedPod[] = new Array(filteredPods.length);
    // A pod that is the same object as in the last sort keeps its key (listAlign.ts), ranked
    // again: a scale-down comes in syncs of at most 500 deletions, each over nearly the same
    // pods as the last, whose ranks change as their nodes' pods go.
    const last =
      lastSort !== undefined && sameGates(lastSort.gates, gates) && lastSort.nodes.size < MAX_NODES
        ? lastSort
        : undefined;
    const nodes = last !== undefined ? last.nodes : new NodeRanks();
    nodes.rankBy(podsOnNode);
    const from =
      last === undefined
        ? undefined
        : carry !== undefined && carry.prev === last.pods
          ? carry.from
          : alignByIdentity(last.pods, filteredPods);
    const readyBuckets = new AgeBuckets(now);
    const createdBuckets = new AgeBuckets(now);
    let packed = true;
    for (let i = 0; i < filteredPods.length; i++) {
      const at = from !== undefined ? from[i] : -1;
      const key = at >= 0 ? last!.keyed[at] : new KeyedPod(filteredPods[i], gates, nodes);
      keyed[i] = key.rankedAt(nodes.rankOf(key.node), now, gates, readyBuckets, createdBuckets);
      packed &&= key.head === key.head;
    }
    lastSort = { pods: filteredPods, keyed: keyed.slice(), gates: { ...gates }, nodes };
    return keyed
      .sort(packed ? deletionKeyCompare : deletionKeyRulesCompare)
      .slice(0, diff)
      .map((k) => k.pod);
  }
  return filteredPods.slice(0, diff);
}

/**
 * The last sort's pods (in their list's order) and their keys, for the next sort to carry from.
 * One sort's worth: a run's scale-downs come one at a time.
 */
let lastSort: { pods: readonly Pod[]; keyed: KeyedPod[]; gates: RankingGates; nodes: NodeRanks } | undefined;

const sameGates = (a: RankingGates, b: RankingGates): boolean =>
  a.podDeletionCost === b.podDeletionCost && a.logarithmicScaleDown === b.logarithmicScaleDown;
