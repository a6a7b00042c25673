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
import { podPriority } from "../../k8s/priority.ts";
import type { Pod, PodDisruptionBudget } from "../../k8s/types.ts";
import type { Rng } from "../controller.ts";
import { runFilters, type FilterStatus } from "./filters.ts";
import { ErrNoNodesAvailable, fitErrorText } from "./fitError.ts";
import { affinityScores, checkAffinity, preFilterAffinity } from "./interPodAffinity.ts";
import { emptyListers, type SchedulingListers } from "./listers.ts";
import { addPod, nodeInfo, type NodeInfo } from "./nodeInfo.ts";
import { checkSpread, preFilterSpread, spreadScores } from "./podTopologySpread.ts";
import { preempt, type NodeFilter } from "./preemption.ts";
import { scoreNodes } from "./score.ts";
import { localSignature } from "./signature.ts";

/** The weights of PodTopologySpread and InterPodAffinity in the default profile. */
const SPREAD_WEIGHT = 2;
const INTER_POD_AFFINITY_WEIGHT = 2;

/** One node in one cycle: what NodeResourcesFit compared, and the filter that refused it or its score. */
export interface NodeOutcome {
  node: string;
  /** Millicores, bytes, pods. */
  allocatable: { cpu: number; memory: number; pods: number };
  /** What the pods bound there request (millicores, bytes). */
  requested: { cpu: number; memory: number };
  pods: number;
  /** The refusal; absent when the node passed every filter. */
  status?: FilterStatus;
  /** The total score, when several nodes passed. */
  score?: number;
}

export type ScheduleResult =
  | { node: string; score?: number; nodes: NodeOutcome[] }
  | {
      nodes: NodeOutcome[];
      /** The FailedScheduling message. */
      unschedulable: string;
      /** Each node's failure, in node order (the cluster autoscaler reads them too). */
      statuses: { node: string; status: FilterStatus }[];
      /** Preemption made room: the node the pod is nominated to and the pods to delete. */
      preemption?: { nominated: string; victims: Pod[] };
      /** Preemption found no candidate: the pod's nominated node, if any, is cleared. */
      clearNomination?: boolean;
    };

/** What a cycle knows besides nodes and pods. */
export interface CycleContext {
  listers?: SchedulingListers;
  /** PodDisruptionBudgets, which preemption tries not to overdraw. */
  pdbs?: readonly PodDisruptionBudget[];
  /** Pending pods nominated to a node by an earlier preemption (status.nominatedNodeName). */
  nominated?: readonly Pod[];
  /** VolumeBinding's Filter for the pod's claims (volumeBinding.ts), for a pod that mounts any. */
  volumes?: (info: NodeInfo) => FilterStatus | undefined;
}

/**
 * The filters on one node with the cluster around it: the node-local plugins, then
 * PodTopologySpread and InterPodAffinity, whose PreFilter state is computed over `infos`.
 * Preemption calls it with a node's pods taken away.
 */
export function filterOnNode(listers: SchedulingListers): NodeFilter {
  return (pod, infos, index) => filterCycle(pod, infos, listers)(infos[index]);
}

/** One cycle's filters: the PreFilter states once, then a check per node (RunFilterPlugins). */
export function filterCycle(
  pod: Pod,
  infos: readonly NodeInfo[],
  listers: SchedulingListers,
  volumes?: (info: NodeInfo) => FilterStatus | undefined,
): ((info: NodeInfo) => FilterStatus | undefined) & {
  cluster: (info: NodeInfo) => FilterStatus | undefined;
} {
  const spread = preFilterSpread(pod, infos, listers);
  const affinity = preFilterAffinity(pod, infos, listers);
  /**
   * VolumeBinding (after NodeResourcesFit in the default profile), then PodTopologySpread and
   * InterPodAffinity, for a node the node-local filters passed.
   */
  const cluster = (info: NodeInfo): FilterStatus | undefined => {
    const vol = volumes?.(info);
    if (vol) return vol;
    const skew = checkSpread(spread, pod, info);
    if (skew)
      return { ...skew.status, plugin: "PodTopologySpread", ...(skew.check ? { skew: skew.check } : {}) };
    const inter = affinity && checkAffinity(affinity, info);
    return inter ? { ...inter, plugin: "InterPodAffinity" } : undefined;
  };
  return Object.assign((info: NodeInfo) => runFilters(pod, info) ?? cluster(info), { cluster });
}

/**
 * RunFilterPluginsWithNominatedPods, for the node-local filters: pods nominated to the node with
 * a priority at least the pod's hold their room there, so the room a preemption made is not
 * taken by a pod of lower priority. (Upstream also runs the cluster-wide plugins with them.)
 */
function withNominated(pod: Pod, info: NodeInfo, nominated: readonly Pod[]): NodeInfo | undefined {
  const priority = podPriority(pod);
  const uid = pod.metadata.uid;
  const here = nominated.filter(
    (p) =>
      p.status?.nominatedNodeName === info.node.metadata.name &&
      p.metadata.uid !== uid &&
      podPriority(p) >= priority,
  );
  if (!here.length) return undefined;
  const copy = nodeInfo(info.node, info.boundPods);
  for (const p of here) addPod(copy, p);
  return copy;
}

/**
 * What a node-local filter said of a NodeInfo for pods alike in what those filters read
 * (estimator.ts localSignature), with the outcome record made of it, kept while the NodeInfo
 * is unchanged: the scheduler's cache hands out the same NodeInfo until something on the node
 * changes, so a storm of like pods against full nodes filters and records each node once per
 * change, not once per pod. (The counts are checked too: a NodeInfo a simulation adds pods to
 * is not the same node any more.)
 */
interface LocalVerdict {
  pods: number;
  cpu: number;
  memory: number;
  status: FilterStatus | undefined;
  outcome?: NodeOutcome;
}
const verdicts = new WeakMap<NodeInfo, Map<string, LocalVerdict>>();

function localVerdict(pod: Pod, info: NodeInfo): LocalVerdict {
  let bySignature = verdicts.get(info);
  if (!bySignature) verdicts.set(info, (bySignature = new Map()));
  const sig = localSignature(pod);
  const known = bySignature.get(sig);
  const { pods, requested } = info;
  if (known && known.pods === pods && known.cpu === requested.cpu && known.memory === requested.memory)
    return known;
  const made: LocalVerdict = {
    pods,
    cpu: requested.cpu,
    memory: requested.memory,
    status: runFilters(pod, info),
  };
  bySignature.set(sig, made);
  return made;
}

export function schedulePod(
  pod: Pod,
  infos: readonly NodeInfo[],
  rng: Rng,
  ctx: CycleContext = {},
): ScheduleResult {
  const listers = ctx.listers ?? emptyListers;
  const check = filterCycle(pod, infos, listers, ctx.volumes);
  const feasible: NodeInfo[] = [];
  /** Each feasible node's index in `infos`. */
  const feasibleAt: number[] = [];
  const failed: { node: string; status: FilterStatus }[] = [];
  const nodes: NodeOutcome[] = new Array<NodeOutcome>(infos.length);
  infos.forEach((info, i) => {
    const augmented = ctx.nominated?.length ? withNominated(pod, info, ctx.nominated) : undefined;
    let s = augmented && runFilters(pod, augmented);
    if (!s) {
      // The node-local filters first (check() runs them first too), remembered per NodeInfo.
      const local = localVerdict(pod, info);
      if (local.status) {
        local.outcome ??= { ...outcomeOf(info), status: local.status };
        failed.push({ node: info.node.metadata.name, status: local.status });
        nodes[i] = local.outcome;
        return;
      }
      s = check.cluster(info);
    }
    nodes[i] = outcomeOf(info);
    if (s) {
      failed.push({ node: info.node.metadata.name, status: s });
      nodes[i].status = s;
    } else {
      feasible.push(info);
      feasibleAt.push(i);
    }
  });
  if (feasible.length === 0) {
    const statuses = failed.map((f) => f.status);
    if (!infos.length) return { unschedulable: ErrNoNodesAvailable, statuses: failed, nodes };
    const fitError = fitErrorText(infos.length, statuses);
    const post = preempt(pod, infos, statuses, ctx.pdbs ?? [], filterOnNode(listers), rng);
    if ("nominated" in post) return { unschedulable: fitError, statuses: failed, nodes, preemption: post };
    return {
      unschedulable: `${fitError} preemption: ${post.message}.`,
      statuses: failed,
      nodes,
      ...(post.clearNomination ? { clearNomination: true } : {}),
    };
  }
  if (feasible.length === 1) return { node: feasible[0].node.metadata.name, nodes };
  const scores = scoreNodes(pod, feasible);
  const spreadScore = spreadScores(pod, feasible, infos, listers);
  const affinityScore = affinityScores(pod, feasible, infos, listers);
  for (let i = 0; i < scores.length; i++)
    scores[i] +=
      (spreadScore?.[i] ?? 0) * SPREAD_WEIGHT + (affinityScore?.[i] ?? 0) * INTER_POD_AFFINITY_WEIGHT;
  feasible.forEach((f, i) => {
    nodes[feasibleAt[i]].score = scores[i];
  });
  const chosen = selectHost(
    feasible.map((f) => f.node.metadata.name),
    scores,
    rng,
  );
  return { ...chosen, nodes };
}

/** What the cycle saw of a node before placing the pod (the numbers explain prints). */
function outcomeOf(info: NodeInfo): NodeOutcome {
  return {
    node: info.node.metadata.name,
    allocatable: { ...info.allocatable },
    requested: { ...info.requested },
    pods: info.pods,
  };
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
