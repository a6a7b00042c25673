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
import { runFilters, type FilterStatus } from "../scheduling/filters.ts";
import { filterCycle } from "../scheduling/framework.ts";
import { emptyListers, type SchedulingListers } from "../scheduling/listers.ts";
import { LabelHostname } from "../scheduling/podTopologySpread.ts";
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

/**
 * What the simulations know of the cluster besides its nodes: the listers the scheduler's
 * cluster-wide plugins read (the system-default spread selector, namespace labels).
 */
export interface SimulationContext {
  listers?: SchedulingListers;
  /**
   * The pods a new node of the pool starts with: those of the DaemonSets that would run there
   * (core/utils GetNodeInfoFromTemplate adds daemonset.GetDaemonSetPodsForNode to the
   * template's NodeInfo), so a new node's room is what is left beside them.
   */
  templatePods?: readonly Pod[];
}

/**
 * Whether the cluster-wide filters (PodTopologySpread, InterPodAffinity) can refuse the pod:
 * it has DoNotSchedule spread constraints of its own or required pod (anti-)affinity terms, or
 * a pod in the snapshot has required anti-affinity terms. Otherwise they pass on every node
 * (the system-default constraints only score), and the node-local filters decide alone.
 */
function clusterFiltersApply(pod: Pod, snapshotHasAntiAffinity: boolean): boolean {
  if (snapshotHasAntiAffinity || hasRequiredAntiAffinity(pod)) return true;
  const a = pod.spec.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (a?.length) return true;
  return (pod.spec.topologySpreadConstraints ?? []).some((c) => c.whenUnsatisfiable === "DoNotSchedule");
}

const hasRequiredAntiAffinity = (pod: Pod): boolean =>
  (pod.spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.length ?? 0) > 0;

const snapshotAntiAffinity = (infos: readonly NodeInfo[]): boolean =>
  infos.some((i) => i.boundPods.some(hasRequiredAntiAffinity));

/**
 * The pods that fit nowhere in `infos` (which gain the pods that do fit), each on the first
 * node it fits, by the scheduler's filters: the node-local ones, and PodTopologySpread and
 * InterPodAffinity with their PreFilter over the whole snapshot as it fills (a pod kept off
 * every node by its zone spread is not "schedulable on existing nodes", so it may ask for a
 * node of the right zone).
 */
export function fitOnExisting(
  pods: readonly Pod[],
  infos: readonly NodeInfo[],
  ctx: SimulationContext = {},
): Pod[] {
  const listers = ctx.listers ?? emptyListers;
  const left: Pod[] = [];
  const fit = firstFit();
  let antiAffinity = snapshotAntiAffinity(infos);
  for (const pod of pods) {
    let info: NodeInfo | undefined;
    if (clusterFiltersApply(pod, antiAffinity)) {
      const check = filterCycle(pod, infos, listers);
      info = infos.find((i) => check(i) === undefined);
    } else info = fit(pod, infos);
    if (!info) {
      left.push(pod);
      continue;
    }
    addPod(info, pod);
    antiAffinity ||= hasRequiredAntiAffinity(pod);
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

/**
 * The k-th new node of a pool in a simulation: the template under a name of its own, its
 * hostname label with it (NodeInfoSanitizer gives every simulated node a unique name), so
 * that spreading by hostname sees each new node as its own domain.
 */
export function templateNode(template: Node, name: string): Node {
  return {
    ...template,
    metadata: {
      ...template.metadata,
      name,
      labels: { ...template.metadata.labels, [LabelHostname]: name },
    },
  };
}

/**
 * BinpackingNodeEstimator.Estimate for one pool's template. `cluster` is the snapshot the new
 * nodes join (the nodes there are, with their pods, and those coming up): the cluster-wide
 * filters count its pods, as upstream's estimator runs the framework over the whole
 * ClusterSnapshot.
 */
export function estimateNodes(
  pods: readonly Pod[],
  template: Node,
  limit: number,
  cluster: readonly NodeInfo[] = [],
  ctx: SimulationContext = {},
): Estimate {
  const listers = ctx.listers ?? emptyListers;
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
  let antiAffinity = snapshotAntiAffinity(cluster);
  const name = (k: number) => `${template.metadata.name}-${k}`;
  const newNode = () =>
    nodeInfo(templateNode(template, name(added.length + 1)), [...(ctx.templatePods ?? [])]);
  for (const { p } of sorted) {
    const wide = clusterFiltersApply(p, antiAffinity);
    let empty = wide ? newNode() : undefined;
    let fits: NodeInfo | undefined;
    let status: FilterStatus | undefined;
    if (empty) {
      // One PreFilter over the snapshot with the nodes added so far and the next empty one.
      const check = filterCycle(p, [...cluster, ...added, empty], listers);
      fits = added.find((i) => check(i) === undefined);
      if (!fits) status = check(empty);
    } else {
      fits = fit(p, added);
      if (!fits) status = runFilters(p, (empty = newNode()));
    }
    if (fits) {
      addPod(fits, p);
      out.helped.push(p);
      antiAffinity ||= hasRequiredAntiAffinity(p);
      continue;
    }
    if (status) {
      out.rejected.push({ pod: p, reasons: status.reasons });
      continue;
    }
    if (added.length >= limit) {
      out.overLimit.push(p);
      continue;
    }
    if (!empty) continue;
    addPod(empty, p);
    added.push(empty);
    out.helped.push(p);
    antiAffinity ||= hasRequiredAntiAffinity(p);
  }
  out.nodes = added.length;
  return out;
}
