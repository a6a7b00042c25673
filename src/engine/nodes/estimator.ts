/**
 * The cluster autoscaler's simulations over a snapshot of the cluster, with kube-scheduler's
 * own filters (framework.ts, filters.ts), as cluster-autoscaler runs the scheduler framework
 * in-process (simulator/clustersnapshot, simulator/scheduling/hinting_simulator.go):
 *
 * - fitOnExisting (core/podlistprocessor/filter_out_schedulable.go): which pending pods would
 *   fit somewhere already — on a node with room now, or on a node that is coming up — so they
 *   do not ask for more nodes. Pods are placed one after the other, each taking its room.
 * - estimateNodes (estimator/binpacking_estimator.go): how many new nodes of a pool's template
 *   the rest need, first-fit onto the nodes added so far, pods sorted by how much of a node they
 *   take (cpu share + memory share of the template's allocatable, largest first), never more
 *   than `limit` nodes. A pod that does not fit an empty template node is not helped by the
 *   pool, with the filter's reasons ("Insufficient cpu", "node(s) didn't match Pod's node
 *   affinity/selector") as scale_up.go reports them in NotTriggerScaleUp.
 */
import type { Node, Pod } from "../../k8s/types.ts";
import { runFilters } from "../scheduling/filters.ts";
import { addPod, allocatableOf, nodeInfo, podResources, type NodeInfo } from "../scheduling/nodeInfo.ts";
import { localSignature } from "../scheduling/signature.ts";

/**
 * First fit over `infos` for pods placed one after the other. The node-local filters only
 * refuse a node more as it fills, so once a node has refused a pod it refuses every pod of the
 * same group for the rest of the pass: each group's search goes on from where the last one
 * ended, and a pass costs the pods plus the nodes, not their product.
 */
function firstFit(): (pod: Pod, infos: readonly NodeInfo[]) => NodeInfo | undefined {
  const from = new Map<string, number>();
  return (pod, infos) => {
    const sig = localSignature(pod);
    let i = from.get(sig) ?? 0;
    while (i < infos.length && runFilters(pod, infos[i]) !== undefined) i++;
    from.set(sig, i);
    return infos[i];
  };
}

/** The pods that fit nowhere in `infos` (which gain the pods that do fit), each on the first node it fits. */
export function fitOnExisting(pods: readonly Pod[], infos: readonly NodeInfo[]): Pod[] {
  const left: Pod[] = [];
  const fit = firstFit();
  for (const pod of pods) {
    const info = fit(pod, infos);
    if (info) addPod(info, pod);
    else left.push(pod);
  }
  return left;
}

export interface Estimate {
  /** New nodes the pods need (at most the limit). */
  nodes: number;
  /** The pods the new nodes would take. */
  helped: Pod[];
  /** Pods an empty template node cannot take, with the filter's reasons. */
  rejected: { pod: Pod; reasons: string[] }[];
  /** Pods that would fit a template node but for the limit. */
  overLimit: Pod[];
}

/** BinpackingNodeEstimator.Estimate for one pool's template. */
export function estimateNodes(pods: readonly Pod[], template: Node, limit: number): Estimate {
  const alloc = allocatableOf(template);
  const share = (p: Pod) => {
    const r = podResources(p).requests;
    return (alloc.cpu ? r.cpu / alloc.cpu : 0) + (alloc.memory ? r.memory / alloc.memory : 0);
  };
  // sort.Slice by score, largest first; equal scores keep their order here (determinism).
  const sorted = pods.map((p, i) => ({ p, i, s: share(p) })).sort((a, b) => b.s - a.s || a.i - b.i);
  const added: NodeInfo[] = [];
  const out: Estimate = { nodes: 0, helped: [], rejected: [], overLimit: [] };
  const fit = firstFit();
  for (const { p } of sorted) {
    const fits = fit(p, added);
    if (fits) {
      addPod(fits, p);
      out.helped.push(p);
      continue;
    }
    const empty = nodeInfo(template, []);
    const status = runFilters(p, empty);
    if (status) {
      out.rejected.push({ pod: p, reasons: status.reasons });
      continue;
    }
    if (added.length >= limit) {
      out.overLimit.push(p);
      continue;
    }
    addPod(empty, p);
    added.push(empty);
    out.helped.push(p);
  }
  out.nodes = added.length;
  return out;
}
