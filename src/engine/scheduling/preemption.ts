/**
 * DefaultPreemption, the PostFilter that runs when a pod fits nowhere
 * (pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go and
 * pkg/scheduler/framework/preemption/preemption.go Evaluator.Preempt, v1.28):
 *
 * 1. PodEligibleToPreemptOthers: not a pod with preemptionPolicy Never ("not eligible due to
 *    preemptionPolicy=Never."), nor one whose nominated node still has a lower-priority pod
 *    terminating because of an earlier preemption ("not eligible due to a terminating pod on
 *    the nominated node.").
 * 2. Candidates: the nodes the filters refused as Unschedulable (an unresolvable refusal —
 *    a taint, a cordon, node affinity — is "Preemption is not helpful for scheduling").
 *    SelectVictimsOnNode removes every pod of lower priority; if the pod still does not fit,
 *    the node is not a candidate (with that filter's reason); otherwise the pods are given
 *    back one by one — those whose PodDisruptionBudget would be overdrawn first, then the
 *    others, each list from the most important (higher priority, then earlier start) — and a
 *    pod that cannot be given back is a victim. No pod of lower priority at all: "No
 *    preemption victims found for incoming pod".
 * 3. pickOneNodeForPreemption: fewest budget violations, then the lowest highest victim
 *    priority, the smallest sum of priorities, the fewest victims, the latest start among the
 *    most important victims; still tied, the first (random in Go's map order; here from the
 *    scheduler's seeded stream).
 * 4. Without a candidate the PostFilter message is a FitError of its own over every node:
 *    "0/3 nodes are available: 3 No preemption victims found for incoming pod.".
 *
 * Example: one node of 1 CPU running a (started first) and b, 400m each, priority 0; a 500m
 * pod of priority 1000 arrives. Without both it fits; a is given back first (400m + 500m
 * fit), b cannot be (1300m), so b is the one victim and the pod is nominated to the node.
 */
import { labelsMatch } from "../../k8s/labels.ts";
import { podPreemptionPolicy, podPriority } from "../../k8s/priority.ts";
import type { Pod, PodDisruptionBudget } from "../../k8s/types.ts";
import type { Rng } from "../controller.ts";
import type { FilterStatus } from "./filters.ts";
import { fitErrorText, NoPreemptionVictims, PreemptionNotHelpful } from "./fitError.ts";
import { nodeInfo, type NodeInfo } from "./nodeInfo.ts";

/** How one node is checked for the pod with the cluster around it (framework.ts filterCycle). */
export type NodeFilter = (pod: Pod, infos: readonly NodeInfo[], index: number) => FilterStatus | undefined;

export interface Victims {
  node: string;
  pods: Pod[];
  numPDBViolations: number;
}

export type PreemptResult =
  | { nominated: string; victims: Pod[] }
  /** The PostFilter's message, without the "preemption: " prefix; no candidate clears a nomination. */
  | { message: string; clearNomination?: boolean };

const DISRUPTION_TARGET = "DisruptionTarget";
export const PodReasonPreemptionByScheduler = "PreemptionByScheduler";

/** GetPodStartTime: status.startTime, or now for a pod not started (it sorts last). */
const startTime = (p: Pod): number => p.status?.startTime ?? Number.POSITIVE_INFINITY;

/** util.MoreImportantPod: higher priority, then the earlier start. */
export const moreImportant = (a: Pod, b: Pod): number =>
  podPriority(b) - podPriority(a) || startTime(a) - startTime(b);

/** podTerminatingByPreemption */
const terminatingByPreemption = (p: Pod): boolean =>
  p.metadata.deletionTimestamp !== undefined &&
  // DisruptionTarget is not among the condition types the kubelet keeps (PodCondition["type"]).
  ((p.status?.conditions ?? []) as { type: string; status: string; reason?: string }[]).some(
    (c) => c.type === DISRUPTION_TARGET && c.status === "True" && c.reason === PodReasonPreemptionByScheduler,
  );

/** PodEligibleToPreemptOthers: undefined when eligible, else the reason. */
export function notEligible(
  pod: Pod,
  infos: readonly NodeInfo[],
  nominatedStatus: FilterStatus | undefined,
): string | undefined {
  if (podPreemptionPolicy(pod) === "Never") return "not eligible due to preemptionPolicy=Never.";
  const nominated = pod.status?.nominatedNodeName;
  if (!nominated || nominatedStatus?.code === "UnschedulableAndUnresolvable") return undefined;
  const info = infos.find((i) => i.node.metadata.name === nominated);
  const priority = podPriority(pod);
  if (info?.boundPods.some((p) => podPriority(p) < priority && terminatingByPreemption(p)))
    return "not eligible due to a terminating pod on the nominated node.";
  return undefined;
}

/**
 * filterPodsWithPDBViolation: a pod is violating when a budget of its namespace selecting it
 * (a pod without labels, a budget with an empty selector, select nothing) would go below
 * zero allowed disruptions; pods already in a budget's disruptedPods do not spend it again.
 */
export function splitByBudget(pods: readonly Pod[], pdbs: readonly PodDisruptionBudget[]): [Pod[], Pod[]] {
  const allowed = pdbs.map((b) => b.status?.disruptionsAllowed ?? 0);
  const violating: Pod[] = [];
  const fine: Pod[] = [];
  for (const p of pods) {
    let violated = false;
    if (Object.keys(p.metadata.labels ?? {}).length) {
      pdbs.forEach((b, i) => {
        if ((b.metadata.namespace ?? "default") !== (p.metadata.namespace ?? "default")) return;
        const sel = b.spec.selector;
        const empty =
          !sel || Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions ?? []).length === 0;
        if (empty || !labelsMatch(sel, p.metadata.labels)) return;
        if (b.status?.disruptedPods && Object.hasOwn(b.status.disruptedPods, p.metadata.name)) return;
        allowed[i] -= 1;
        if (allowed[i] < 0) violated = true;
      });
    }
    (violated ? violating : fine).push(p);
  }
  return [violating, fine];
}

/**
 * The lowest priority among a node's pods, kept by pod list with its length (a node's list only
 * grows at its end: nodeInfo.ts addPod), so a node with nothing below the pod is passed over
 * without walking its pods again at every cycle.
 */
const lowest = new WeakMap<readonly Pod[], { length: number; priority: number }>();

function lowestPriority(pods: readonly Pod[]): number {
  const known = lowest.get(pods);
  if (known && known.length === pods.length) return known.priority;
  let priority = Number.POSITIVE_INFINITY;
  for (const p of pods) priority = Math.min(priority, podPriority(p));
  lowest.set(pods, { length: pods.length, priority });
  return priority;
}

/** SelectVictimsOnNode: the victims on infos[index], or why the node cannot help. */
export function selectVictimsOnNode(
  pod: Pod,
  infos: readonly NodeInfo[],
  index: number,
  pdbs: readonly PodDisruptionBudget[],
  filter: NodeFilter,
): Victims | FilterStatus {
  const info = infos[index];
  const priority = podPriority(pod);
  if (lowestPriority(info.boundPods) >= priority)
    return { code: "UnschedulableAndUnresolvable", reasons: [NoPreemptionVictims] };
  const potential = info.boundPods.filter((p) => podPriority(p) < priority);
  if (!potential.length) return { code: "UnschedulableAndUnresolvable", reasons: [NoPreemptionVictims] };
  const kept = new Set(info.boundPods.filter((p) => podPriority(p) >= priority));
  const fitsWith = (): FilterStatus | undefined => {
    const trial = [...infos];
    trial[index] = nodeInfo(
      info.node,
      info.boundPods.filter((p) => kept.has(p)),
    );
    return filter(pod, trial, index);
  };
  const without = fitsWith();
  if (without) return without;
  const [violating, fine] = splitByBudget([...potential].sort(moreImportant), pdbs);
  const victims: Pod[] = [];
  let numPDBViolations = 0;
  const reprieve = (p: Pod): boolean => {
    kept.add(p);
    if (fitsWith() === undefined) return true;
    kept.delete(p);
    victims.push(p);
    return false;
  };
  for (const p of violating) if (!reprieve(p)) numPDBViolations += 1;
  for (const p of fine) reprieve(p);
  return { node: info.node.metadata.name, pods: victims, numPDBViolations };
}

/** pickOneNodeForPreemption over candidates that each have victims. */
export function pickOneNode(candidates: readonly Victims[], rng: Rng): Victims {
  const highest = (v: Victims) => Math.max(...v.pods.map(podPriority));
  // GetEarliestPodStartTime: the earliest start among the victims of the highest priority.
  const earliest = (v: Victims) => {
    const top = highest(v);
    return Math.min(...v.pods.filter((p) => podPriority(p) === top).map(startTime));
  };
  const scores: ((v: Victims) => number)[] = [
    (v) => -v.numPDBViolations,
    (v) => -highest(v),
    // MaxInt32 + 1 added to each priority so negative priorities do not favour more victims.
    (v) => -v.pods.reduce((s, p) => s + podPriority(p) + 2147483648, 0),
    (v) => -v.pods.length,
    earliest,
  ];
  let left = [...candidates];
  for (const f of scores) {
    const max = Math.max(...left.map(f));
    left = left.filter((v) => f(v) === max);
    if (left.length === 1) return left[0];
  }
  return left[Math.floor(rng.next() * left.length)];
}

/** Evaluator.Preempt for a pod the filters refused on every node (`statuses` in node order). */
export function preempt(
  pod: Pod,
  infos: readonly NodeInfo[],
  statuses: readonly FilterStatus[],
  pdbs: readonly PodDisruptionBudget[],
  filter: NodeFilter,
  rng: Rng,
): PreemptResult {
  const nominated = pod.status?.nominatedNodeName;
  const nominatedStatus = nominated
    ? statuses[infos.findIndex((i) => i.node.metadata.name === nominated)]
    : undefined;
  const why = notEligible(pod, infos, nominatedStatus);
  if (why) return { message: why };
  const outcome: FilterStatus[] = [];
  const candidates: Victims[] = [];
  infos.forEach((_, i) => {
    if (statuses[i].code === "UnschedulableAndUnresolvable") {
      outcome.push({ code: "UnschedulableAndUnresolvable", reasons: [PreemptionNotHelpful] });
      return;
    }
    const r = selectVictimsOnNode(pod, infos, i, pdbs, filter);
    if ("pods" in r && r.pods.length) candidates.push(r);
    else if (!("pods" in r)) outcome.push(r);
  });
  if (!candidates.length) return { message: fitErrorText(infos.length, outcome), clearNomination: true };
  const best = pickOneNode(candidates, rng);
  return { nominated: best.node, victims: best.pods };
}

/** The DisruptionTarget condition a victim gets before it is deleted (prepareCandidate). */
export const preemptionCondition = (schedulerName: string) => ({
  type: DISRUPTION_TARGET,
  status: "True" as const,
  reason: PodReasonPreemptionByScheduler,
  message: `${schedulerName}: preempting to accommodate a higher priority pod`,
});
