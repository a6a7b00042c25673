/**
 * One scheduling cycle for one pod (pkg/scheduler/schedule_one.go schedulePod): run the
 * filters on every node (findNodesThatFitPod; a cluster this size is below
 * minFeasibleNodesToFind, so every node is checked), score the feasible ones
 * (prioritizeNodes; with a single feasible node it is chosen without scoring), and pick the
 * highest score, ties broken at random as selectHost does (reservoir sampling: the k-th node
 * with the top score replaces the choice with probability 1/k), from the seeded generator.
 *
 * The filters run in the default profile's order (default_plugins.go): the node-local ones
 * (filters.ts), then PodTopologySpread and InterPodAffinity, whose PreFilter looks at every
 * node's pods once per cycle. Their scores (weight 2 each) join the node-local ones (score.ts).
 */
import type { Pod } from "../../k8s/types.ts";
import type { Rng } from "../controller.ts";
import { runFilters, type FilterStatus } from "./filters.ts";
import { unschedulableMessage } from "./fitError.ts";
import { affinityScores, checkAffinity, preFilterAffinity } from "./interPodAffinity.ts";
import { emptyListers, type SchedulingListers } from "./listers.ts";
import type { NodeInfo } from "./nodeInfo.ts";
import { checkSpread, preFilterSpread, spreadScores } from "./podTopologySpread.ts";
import { scoreNodes } from "./score.ts";

/** The weights of PodTopologySpread and InterPodAffinity in the default profile. */
const SPREAD_WEIGHT = 2;
const INTER_POD_AFFINITY_WEIGHT = 2;

export type ScheduleResult =
  | { node: string; score?: number }
  | {
      /** The FailedScheduling message. */
      unschedulable: string;
      /** Each node's failure, in node order (the cluster autoscaler reads them too). */
      statuses: { node: string; status: FilterStatus }[];
    };

export function schedulePod(
  pod: Pod,
  infos: readonly NodeInfo[],
  rng: Rng,
  listers: SchedulingListers = emptyListers,
): ScheduleResult {
  const spread = preFilterSpread(pod, infos, listers);
  const affinity = preFilterAffinity(pod, infos, listers);
  const feasible: NodeInfo[] = [];
  const failed: { node: string; status: FilterStatus }[] = [];
  for (const info of infos) {
    const s =
      runFilters(pod, info) ??
      checkSpread(spread, pod, info)?.status ??
      (affinity && checkAffinity(affinity, info));
    if (s) failed.push({ node: info.node.metadata.name, status: s });
    else feasible.push(info);
  }
  if (feasible.length === 0)
    return { unschedulable: unschedulableMessage(failed.map((f) => f.status)), statuses: failed };
  if (feasible.length === 1) return { node: feasible[0].node.metadata.name };
  const scores = scoreNodes(pod, feasible);
  const spreadScore = spreadScores(pod, feasible, infos, listers);
  const affinityScore = affinityScores(pod, feasible, infos, listers);
  for (let i = 0; i < scores.length; i++)
    scores[i] +=
      (spreadScore?.[i] ?? 0) * SPREAD_WEIGHT + (affinityScore?.[i] ?? 0) * INTER_POD_AFFINITY_WEIGHT;
  return selectHost(
    feasible.map((f) => f.node.metadata.name),
    scores,
    rng,
  );
}

/** selectHost: the top score; among equal tops, the k-th replaces the choice with probability 1/k. */
export function selectHost(
  names: readonly string[],
  scores: readonly number[],
  rng: Rng,
): { node: string; score: number } {
  let best = 0;
  let count = 1;
  for (let i = 1; i < names.length; i++) {
    if (scores[i] > scores[best]) {
      best = i;
      count = 1;
    } else if (scores[i] === scores[best]) {
      count += 1;
      if (Math.floor(rng.next() * count) === 0) best = i;
    }
  }
  return { node: names[best], score: scores[best] };
}

/**
 * The scheduling queue's backoff (internal/queue/scheduling_queue.go calculateBackoffDuration):
 * the initial backoff doubled for every attempt after the first, never above the maximum.
 * Example (1 s, 10 s): attempts 1 → 1 s, 2 → 2 s, 3 → 4 s, 4 → 8 s, 5 and more → 10 s.
 */
export function backoffDuration(attempts: number, initial: number, max: number): number {
  let d = initial;
  for (let i = 1; i < attempts; i++) {
    d *= 2;
    if (d > max) return max;
  }
  return Math.min(d, max);
}
