/**
 * The default profile's filter plugins that a simulated cluster can fail, in the profile's
 * order (pkg/scheduler/apis/config/v1 default_plugins.go): NodeUnschedulable, TaintToleration,
 * NodeAffinity, NodeResourcesFit. A node passes when every plugin passes; the framework stops
 * at the first plugin that fails (RunFilterPlugins), so a cordoned node is reported as
 * unschedulable, never also as full.
 *
 * A failure is "Unschedulable" when preemption could help (a full node) and
 * "UnschedulableAndUnresolvable" when it cannot (a cordoned node, a taint, the node affinity).
 */
import { TaintKeys } from "../../k8s/kinds/node/conditions.ts";
import {
  findUntoleratedTaint,
  isFilterTaint,
  matchesRequiredNodeAffinity,
  tolerationsTolerate,
} from "../../k8s/scheduling.ts";
import type { Pod } from "../../k8s/types.ts";
import { podResources, type NodeInfo } from "./nodeInfo.ts";
import type { SkewCheck } from "./podTopologySpread.ts";

export type FilterCode = "Unschedulable" | "UnschedulableAndUnresolvable";

export interface FilterStatus {
  code: FilterCode;
  /** The reasons FitError counts ("Insufficient cpu", "node(s) were unschedulable"). */
  reasons: string[];
  /** The plugin that failed the node (framework.Status.Plugin), as the cycle records it. */
  plugin?: string;
  /** PodTopologySpread's numbers for the constraint the node broke. */
  skew?: SkewCheck;
}

/** nodeunschedulable.ErrReasonUnschedulable */
export const ErrReasonUnschedulable = "node(s) were unschedulable";
/** nodeaffinity.ErrReasonPod */
export const ErrReasonNodeAffinity = "node(s) didn't match Pod's node affinity/selector";

/**
 * NodeUnschedulable (nodeunschedulable/node_unschedulable.go): a cordoned node refuses pods,
 * unless the pod tolerates node.kubernetes.io/unschedulable:NoSchedule.
 */
export function nodeUnschedulable(pod: Pod, info: NodeInfo): FilterStatus | undefined {
  if (!info.node.spec?.unschedulable) return undefined;
  const tolerates = tolerationsTolerate(pod.spec.tolerations, {
    key: TaintKeys.unschedulable,
    effect: "NoSchedule",
  });
  return tolerates ? undefined : { code: "UnschedulableAndUnresolvable", reasons: [ErrReasonUnschedulable] };
}

/**
 * TaintToleration (tainttoleration/taint_toleration.go Filter): the first NoSchedule or
 * NoExecute taint the pod does not tolerate, as "node(s) had untolerated taint {key: value}".
 */
export function taintToleration(pod: Pod, info: NodeInfo): FilterStatus | undefined {
  const taint = findUntoleratedTaint(info.node.spec?.taints, pod.spec.tolerations, isFilterTaint);
  if (!taint) return undefined;
  return {
    code: "UnschedulableAndUnresolvable",
    reasons: [`node(s) had untolerated taint {${taint.key}: ${taint.value ?? ""}}`],
  };
}

/** NodeAffinity (nodeaffinity/node_affinity.go Filter): nodeSelector and required node affinity. */
export function nodeAffinity(pod: Pod, info: NodeInfo): FilterStatus | undefined {
  return matchesRequiredNodeAffinity(pod, info.node)
    ? undefined
    : { code: "UnschedulableAndUnresolvable", reasons: [ErrReasonNodeAffinity] };
}

/**
 * NodeResourcesFit (noderesources/fit.go fitsRequest): every resource the node is short of.
 * The pod count first ("Too many pods" when the node already holds allocatable.pods); then,
 * only for a pod that requests anything, each resource the pod requests more of than the node
 * has left (allocatable − requested by the pods already bound).
 * Example: allocatable 4 CPUs, 3500m requested, a pod asking 1 → ["Insufficient cpu"].
 */
export function nodeResourcesFit(pod: Pod, info: NodeInfo): FilterStatus | undefined {
  const reasons: string[] = [];
  if (info.pods + 1 > info.allocatable.pods) reasons.push("Too many pods");
  const req = podResources(pod).requests;
  if (req.cpu > 0 && req.cpu > info.allocatable.cpu - info.requested.cpu) reasons.push("Insufficient cpu");
  if (req.memory > 0 && req.memory > info.allocatable.memory - info.requested.memory)
    reasons.push("Insufficient memory");
  return reasons.length ? { code: "Unschedulable", reasons } : undefined;
}

const FILTERS = [
  ["NodeUnschedulable", nodeUnschedulable],
  ["TaintToleration", taintToleration],
  ["NodeAffinity", nodeAffinity],
  ["NodeResourcesFit", nodeResourcesFit],
] as const;

/** RunFilterPlugins: the first failing plugin's status, or undefined when the node fits. */
export function runFilters(pod: Pod, info: NodeInfo): FilterStatus | undefined {
  for (const [plugin, f] of FILTERS) {
    const s = f(pod, info);
    if (s) return { ...s, plugin };
  }
  return undefined;
}
