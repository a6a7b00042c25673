/**
 * One DaemonSet sync's choices, as pure functions of the nodes and the set's pods
 * (pkg/controller/daemon, Kubernetes 1.28):
 *
 * - manage + podsShouldBeOnNode (daemon_controller.go): a node that should run a daemon pod and
 *   has none gets one; on a node where it may keep running, failed and succeeded pods are
 *   deleted, and of several running pods all but the oldest (with maxSurge, all but the oldest
 *   updated and the oldest old one, and the old one too once the updated one is available);
 *   on a node where it may not run, every pod goes; so do unscheduled pods whose node is gone
 *   (getUnscheduledPodsWithoutNode);
 * - rollingUpdate (update.go), only when manage had nothing to do (the expectations of its
 *   creations and deletions are not yet satisfied otherwise): without maxSurge, old pods are
 *   deleted while the unavailable nodes stay within maxUnavailable (an old pod that is not
 *   available anyway is always replaced); with maxSurge, updated pods are created beside old
 *   ones on up to maxSurge nodes at a time;
 * - updateDaemonSetStatus: the counts kubectl shows.
 *
 * Upstream walks a Go map of node → pods, in random order; here the nodes are taken in the
 * order the node lister lists them, so which node goes first is the first node.
 */
import type { DaemonSet, DaemonSetStatus } from "../../../k8s/kinds/daemonSet/types.ts";
import { getScaledValueFromIntOrPercent, isIntOrStringError } from "../../../k8s/intstr.ts";
import type { Node, Pod, Time } from "../../../k8s/types.ts";
import { isPodAvailable, isPodReady } from "../replicaset/pods.ts";
import { nodeShouldRunDaemonPod, type NodeVerdict } from "./nodes.ts";
import { byCreationTimestampAndPhase, isPodUpdated, targetNodeName } from "./pods.ts";

/** burstReplicas: at most 500 creations and 500 deletions per sync (syncNodes). */
export const BURST_REPLICAS = 500;

export type DeleteReason =
  "failed" | "succeeded" | "duplicate" | "misscheduled" | "no-node" | "update" | "surge";

export interface PodDelete {
  pod: Pod;
  why: DeleteReason;
  node: string;
}

export interface SyncPlan {
  /** The nodes to create a daemon pod on, in order. */
  createOn: string[];
  deletes: PodDelete[];
}

const isTerminal = (p: Pod): boolean => p.status.phase === "Failed" || p.status.phase === "Succeeded";

/**
 * getNodesToDaemonPods: the pods by the node they are on or meant for; unless asked, a finished
 * pod that is already being deleted is left out (nothing is left to do with it).
 */
export function nodesToDaemonPods(pods: readonly Pod[], includeDeletedTerminal: boolean): Map<string, Pod[]> {
  const out = new Map<string, Pod[]>();
  for (const pod of pods) {
    if (!includeDeletedTerminal && isTerminal(pod) && pod.metadata.deletionTimestamp !== undefined) continue;
    const node = targetNodeName(pod);
    if (node === undefined) continue;
    const list = out.get(node);
    if (list) list.push(pod);
    else out.set(node, [pod]);
  }
  return out;
}

/** The node verdicts of one sync, computed once per node. */
export function verdicts(ds: DaemonSet, nodes: readonly Node[]): NodeVerdict[] {
  return nodes.map((n) => nodeShouldRunDaemonPod(ds, n));
}

/** SurgeCount and UnavailableCount over the nodes that should run a pod (at least one unavailable when both are 0). */
export function updateBudget(ds: DaemonSet, desired: number): { maxSurge: number; maxUnavailable: number } {
  const ru =
    ds.spec.updateStrategy.type === "RollingUpdate" ? ds.spec.updateStrategy.rollingUpdate : undefined;
  const scaled = (v: number | string | undefined) => {
    if (v === undefined) return 0;
    const r = getScaledValueFromIntOrPercent(v, desired, true);
    return isIntOrStringError(r) ? 0 : r;
  };
  const maxSurge = scaled(ru?.maxSurge);
  let maxUnavailable = scaled(ru?.maxUnavailable);
  if (desired > 0 && maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable };
}

/** manage: what to create and delete so that each node runs exactly what it should. */
export function manage(
  ds: DaemonSet,
  nodes: readonly Node[],
  verdict: readonly NodeVerdict[],
  byNode: ReadonlyMap<string, Pod[]>,
  hash: string,
  now: Time,
): SyncPlan & { failed: PodDelete[] } {
  const createOn: string[] = [];
  const deletes: PodDelete[] = [];
  const failed: PodDelete[] = [];
  const surge = updateBudget(ds, 1).maxSurge > 0;
  const minReady = ds.spec.minReadySeconds ?? 0;
  nodes.forEach((node, i) => {
    const name = node.metadata.name;
    const { shouldRun, shouldContinueRunning } = verdict[i];
    const pods = byNode.get(name);
    if (shouldRun && pods === undefined) {
      createOn.push(name);
      return;
    }
    if (pods === undefined) return;
    if (!shouldContinueRunning) {
      for (const pod of pods)
        if (pod.metadata.deletionTimestamp === undefined)
          deletes.push({ pod, why: "misscheduled", node: name });
      return;
    }
    const running: Pod[] = [];
    for (const pod of pods) {
      if (pod.metadata.deletionTimestamp !== undefined) continue;
      if (pod.status.phase === "Failed") {
        const d: PodDelete = { pod, why: "failed", node: name };
        deletes.push(d);
        failed.push(d);
      } else if (pod.status.phase === "Succeeded") deletes.push({ pod, why: "succeeded", node: name });
      else running.push(pod);
    }
    if (running.length <= 1) return;
    running.sort(byCreationTimestampAndPhase);
    if (!surge) {
      for (const pod of running.slice(1)) deletes.push({ pod, why: "duplicate", node: name });
      return;
    }
    let oldestNew: Pod | undefined;
    let oldestOld: Pod | undefined;
    for (const pod of running) {
      if (isPodUpdated(pod, hash)) {
        if (oldestNew === undefined) {
          oldestNew = pod;
          continue;
        }
      } else if (oldestOld === undefined) {
        oldestOld = pod;
        continue;
      }
      deletes.push({ pod, why: "duplicate", node: name });
    }
    if (oldestNew && oldestOld && isPodAvailable(oldestNew, minReady, now))
      deletes.push({ pod: oldestOld, why: "surge", node: name });
  });
  // getUnscheduledPodsWithoutNode: pods meant for a node that is not (or no longer) there.
  const names = new Set(nodes.map((n) => n.metadata.name));
  for (const [node, pods] of byNode) {
    if (names.has(node)) continue;
    for (const pod of pods) if (!pod.spec.nodeName) deletes.push({ pod, why: "no-node", node });
  }
  return {
    createOn: createOn.slice(0, BURST_REPLICAS),
    deletes: deletes.slice(0, BURST_REPLICAS),
    failed,
  };
}

/**
 * findUpdatedPodsOnNode: the node's one updated and one old pod (not terminating); not ok when
 * there are two of either.
 */
function updatedAndOld(pods: readonly Pod[], hash: string): { updated?: Pod; old?: Pod; ok: boolean } {
  let updated: Pod | undefined;
  let old: Pod | undefined;
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp !== undefined) continue;
    if (isPodUpdated(pod, hash)) {
      if (updated) return { ok: false };
      updated = pod;
    } else {
      if (old) return { ok: false };
      old = pod;
    }
  }
  return { updated, old, ok: true };
}

/**
 * rollingUpdate. Example (3 nodes, maxUnavailable 1, every pod old and available): one old pod
 * is deleted; the next sync finds its node unavailable (no pod) and deletes nothing more until
 * the new pod there is available.
 */
export function rollingUpdate(
  ds: DaemonSet,
  nodes: readonly Node[],
  verdict: readonly NodeVerdict[],
  byNode: ReadonlyMap<string, Pod[]>,
  hash: string,
  now: Time,
): SyncPlan & { maxSurge: number; maxUnavailable: number; unavailable: number } {
  // updatedDesiredNodeCounts: the nodes that want a pod join the map with no pods.
  const wanted = new Map<string, Pod[]>(byNode);
  let desired = 0;
  nodes.forEach((node, i) => {
    if (!verdict[i].shouldRun) return;
    desired++;
    if (!wanted.has(node.metadata.name)) wanted.set(node.metadata.name, []);
  });
  const { maxSurge, maxUnavailable } = updateBudget(ds, desired);
  const minReady = ds.spec.minReadySeconds ?? 0;
  const order = orderedNodes(nodes, wanted);
  if (maxSurge === 0) {
    let unavailable = 0;
    const replace: PodDelete[] = [];
    const candidates: PodDelete[] = [];
    for (const name of order) {
      const { updated, old, ok } = updatedAndOld(wanted.get(name) ?? [], hash);
      if (!ok || (updated === undefined) === (old === undefined)) {
        unavailable++;
        continue;
      }
      if (updated) {
        if (!isPodAvailable(updated, minReady, now)) unavailable++;
        continue;
      }
      if (!old) continue;
      if (!isPodAvailable(old, minReady, now)) replace.push({ pod: old, why: "update", node: name });
      else if (unavailable < maxUnavailable) candidates.push({ pod: old, why: "update", node: name });
    }
    const remaining = Math.min(Math.max(0, maxUnavailable - unavailable), candidates.length);
    return {
      createOn: [],
      deletes: [...replace, ...candidates.slice(0, remaining)].slice(0, BURST_REPLICAS),
      maxSurge,
      maxUnavailable,
      unavailable,
    };
  }
  let surged = 0;
  const allowed: string[] = [];
  const candidates: string[] = [];
  const deletes: PodDelete[] = [];
  const runs = new Map(nodes.map((n, i) => [n.metadata.name, verdict[i].shouldRun]));
  for (const name of order) {
    const { updated, old, ok } = updatedAndOld(wanted.get(name) ?? [], hash);
    if (!ok) {
      surged++;
      continue;
    }
    if (old === undefined) continue;
    if (updated === undefined) {
      // An old pod that is not available anyway is replaced at once, or removed where no
      // daemon pod should run any more.
      if (!isPodAvailable(old, minReady, now)) {
        if (runs.get(name)) allowed.push(name);
        else deletes.push({ pod: old, why: "update", node: name });
      } else if (surged < maxSurge) candidates.push(name);
      continue;
    }
    if (!isPodAvailable(updated, minReady, now)) {
      surged++;
      continue;
    }
    deletes.push({ pod: old, why: "update", node: name });
  }
  const remaining = Math.min(Math.max(0, maxSurge - surged), candidates.length);
  return {
    createOn: [...allowed, ...candidates.slice(0, remaining)].slice(0, BURST_REPLICAS),
    deletes: deletes.slice(0, BURST_REPLICAS),
    maxSurge,
    maxUnavailable,
    unavailable: surged,
  };
}

/** The map's nodes in the node list's order, then the ones no longer listed. */
function orderedNodes(nodes: readonly Node[], byNode: ReadonlyMap<string, Pod[]>): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const n of nodes)
    if (byNode.has(n.metadata.name)) {
      out.push(n.metadata.name);
      seen.add(n.metadata.name);
    }
  for (const name of byNode.keys()) if (!seen.has(name)) out.push(name);
  return out;
}

/** The counts of updateDaemonSetStatus (the oldest pod of each node stands for it). */
export type StatusCounts = Required<
  Pick<
    DaemonSetStatus,
    | "desiredNumberScheduled"
    | "currentNumberScheduled"
    | "numberMisscheduled"
    | "numberReady"
    | "updatedNumberScheduled"
    | "numberAvailable"
    | "numberUnavailable"
  >
>;

export function statusCounts(
  ds: DaemonSet,
  nodes: readonly Node[],
  verdict: readonly NodeVerdict[],
  byNode: ReadonlyMap<string, Pod[]>,
  hash: string,
  now: Time,
): StatusCounts {
  let desired = 0;
  let current = 0;
  let misscheduled = 0;
  let ready = 0;
  let updated = 0;
  let available = 0;
  const minReady = ds.spec.minReadySeconds ?? 0;
  nodes.forEach((node, i) => {
    const pods = byNode.get(node.metadata.name);
    const scheduled = pods !== undefined && pods.length > 0;
    if (!verdict[i].shouldRun) {
      if (scheduled) misscheduled++;
      return;
    }
    desired++;
    if (!scheduled) return;
    current++;
    const pod = [...pods].sort(byCreationTimestampAndPhase)[0];
    if (isPodReady(pod)) {
      ready++;
      if (isPodAvailable(pod, minReady, now)) available++;
    }
    if (isPodUpdated(pod, hash)) updated++;
  });
  return {
    desiredNumberScheduled: desired,
    currentNumberScheduled: current,
    numberMisscheduled: misscheduled,
    numberReady: ready,
    updatedNumberScheduled: updated,
    numberAvailable: available,
    numberUnavailable: desired - available,
  };
}
