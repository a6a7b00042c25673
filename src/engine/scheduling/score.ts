/**
 * The default profile's score plugins that can tell simulated nodes apart, with their weights
 * (pkg/scheduler/apis/config/v1 default_plugins.go): NodeResourcesFit (1, LeastAllocated over
 * cpu and memory, weight 1 each), NodeResourcesBalancedAllocation (1), TaintToleration (3,
 * PreferNoSchedule taints) and NodeAffinity (2, preferred terms). ImageLocality gives every
 * simulated node the same score (no image sizes), so it is left out; PodTopologySpread and
 * InterPodAffinity (2 each) look at the whole cluster and live in their own files.
 * Scores are integers from 0 to 100 (framework.MaxNodeScore), normalised per plugin, then
 * weighted and added up.
 */
import { preferredAffinityWeight, tolerationsTolerate } from "../../k8s/scheduling.ts";
import type { Pod } from "../../k8s/types.ts";
import { podResources, type NodeInfo } from "./nodeInfo.ts";

export const MAX_NODE_SCORE = 100;

/**
 * leastRequestedScore (noderesources/least_allocated.go): the free share of the resource
 * after placing the pod, 0–100, integer division; 0 when the node would be over-full.
 * Example: capacity 4000m, requested 1000m → (3000 × 100) / 4000 = 75.
 */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

/**
 * LeastAllocated: the weighted mean (integer division) of leastRequestedScore over cpu and
 * memory, counting the pods' non-zero requests (a pod without requests counts 100m / 200Mi).
 * Example: cpu 1100m of 4000m → (2900 × 100) / 4000 = 72, memory 1Gi of 8Gi → 87; (72 + 87) / 2 = 79.
 */
export function leastAllocatedScore(pod: Pod, info: NodeInfo): number {
  const nz = podResources(pod).nonZero;
  const pairs: [number, number][] = [
    [info.nonZeroRequested.cpu + nz.cpu, info.allocatable.cpu],
    [info.nonZeroRequested.memory + nz.memory, info.allocatable.memory],
  ];
  let score = 0;
  let weights = 0;
  for (const [requested, alloc] of pairs) {
    if (alloc === 0) continue;
    score += leastRequestedScore(requested, alloc);
    weights += 1;
  }
  return weights === 0 ? 0 : Math.trunc(score / weights);
}

/**
 * balancedResourceScorer (noderesources/balanced_allocation.go): 100 × (1 − |cpu fraction −
 * memory fraction| / 2), each fraction the node's requested share after placing the pod (its
 * actual requests, capped at 1), truncated. Example: cpu 50%, memory 10% → 100 × 0.8 = 80.
 */
export function balancedAllocationScore(pod: Pod, info: NodeInfo): number {
  const r = podResources(pod).requests;
  const fractions: number[] = [];
  const pairs: [number, number][] = [
    [info.requested.cpu + r.cpu, info.allocatable.cpu],
    [info.requested.memory + r.memory, info.allocatable.memory],
  ];
  for (const [requested, alloc] of pairs) {
    if (alloc === 0) continue;
    fractions.push(Math.min(1, requested / alloc));
  }
  const std = fractions.length === 2 ? Math.abs((fractions[0] - fractions[1]) / 2) : 0;
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

/** TaintToleration's raw score: the PreferNoSchedule taints the pod does not tolerate (fewer is better). */
export function intolerablePreferNoSchedule(pod: Pod, info: NodeInfo): number {
  return (info.node.spec?.taints ?? []).filter(
    (t) => t.effect === "PreferNoSchedule" && !tolerationsTolerate(pod.spec.tolerations, t),
  ).length;
}

/**
 * DefaultNormalizeScore (plugins/helper/normalize_score.go): scale to 0–100 by the highest
 * score (integer division), reversed when fewer is better; all zero stays zero (or becomes 100
 * when reversed). Example: [2, 1, 0] reversed → [0, 50, 100].
 */
export function defaultNormalizeScore(scores: readonly number[], reverse: boolean): number[] {
  const max = Math.max(0, ...scores);
  if (max === 0) return scores.map(() => (reverse ? MAX_NODE_SCORE : 0));
  return scores.map((s) => {
    const n = Math.trunc((MAX_NODE_SCORE * s) / max);
    return reverse ? MAX_NODE_SCORE - n : n;
  });
}

/** Each feasible node's total score (the framework's weighted sum over the score plugins). */
export function scoreNodes(pod: Pod, infos: readonly NodeInfo[]): number[] {
  const taints = defaultNormalizeScore(
    infos.map((i) => intolerablePreferNoSchedule(pod, i)),
    true,
  );
  const affinity = defaultNormalizeScore(
    infos.map((i) => preferredAffinityWeight(pod, i.node)),
    false,
  );
  return infos.map(
    (info, k) =>
      leastAllocatedScore(pod, info) * 1 +
      balancedAllocationScore(pod, info) * 1 +
      taints[k] * 3 +
      affinity[k] * 2,
  );
}
