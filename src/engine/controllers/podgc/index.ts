/**
 * The pod garbage collector's orphaned pods (pkg/controller/podgc/gc_controller.go, v1.31,
 * gcOrphaned): a pod bound to a node that does not exist has no kubelet to run or stop it. Every
 * gcCheckPeriod (20 s, from the controller's start) the collector lists pods and nodes and puts
 * each missing node it finds in a queue for quarantineTime (40 s); a node still missing when it
 * leaves the queue is taken as deleted, and each of its pods is marked and force-deleted
 * (markFailedAndDeletePodWithCondition): phase Failed with the condition DisruptionTarget True,
 * reason DeletionByPodGC, "PodGC: node no longer exists" (unless it already ended), then a
 * delete with grace period 0.
 *
 * So a pod first seen on a missing node by the check at T goes at the check of T + 40 s: a pod
 * restored from a `kubectl get -o yaml` export (its spec.nodeName a node of the old cluster) at
 * t = 0 goes at 60 s, and the pods left on a Node deleted at 100 s go at 160 s.
 *
 * The work is keyed by node, as the collector's own queue is: a pod bound to a missing node, or a
 * Node deleted, wakes the node's key; the sync holds the quarantine's end in memory (the queue's
 * delay) and comes back then. Not modelled: the collector's other passes (gcTerminated over the
 * terminated-pod threshold of 12,500, gcTerminating for out-of-service nodes,
 * gcUnscheduledTerminating, which the API server's immediate delete of an unbound pod leaves
 * nothing to).
 */
import {
  emptyResult,
  NO_WAKE_UP,
  wakeUpOnly,
  type Controller,
  type ControllerContext,
  type ReconcileResult,
  type StoreView,
  type WakeUp,
} from "../../controller.ts";
import type { Pod, PodCondition, Time } from "../../../k8s/types.ts";
import type { WatchEvent } from "../../store.ts";

/** gcCheckPeriod: the collector lists pods and nodes this often. */
export const GC_CHECK_PERIOD = 20;
/** quarantineTime: how long a node must stay missing before its pods go. */
export const QUARANTINE_TIME = 40;

/** The condition markFailedAndDeletePodWithCondition gives an orphaned pod (gcOrphaned). */
export const deletionByPodGC = (now: Time): PodCondition => ({
  type: "DisruptionTarget",
  status: "True",
  lastTransitionTime: now,
  reason: "DeletionByPodGC",
  message: "PodGC: node no longer exists",
});

/** The first check after `now` (wait.Until from t = 0: the checks are at 0, 20, 40 … s). */
export const nextCheck = (now: Time): Time => (Math.floor(now / GC_CHECK_PERIOD) + 1) * GC_CHECK_PERIOD;

/**
 * The pod GC as the engine runs it, keyed by node name. `implicitNodes` gives the nodes of a
 * cluster without Node objects, so that binding a pod to one wakes nothing (without it, each
 * binding costs a sync that finds the node in its context's `implicitNodes`).
 */
export function podGCController(implicitNodes: () => readonly string[] | undefined): Controller {
  /** Node → the check at which its quarantine ends (the node queue's AddAfter). */
  const quarantined = new Map<string, Time>();
  let implicit: ReadonlySet<string> | undefined;
  const exists = (store: StoreView, node: string, nodes = implicitNodes()): boolean => {
    if (nodes !== undefined && nodes.length > 0) {
      if (implicit === undefined || implicit.size !== nodes.length) implicit = new Set(nodes);
      if (implicit.has(node)) return true;
    }
    return store.get("Node", "", node) !== undefined;
  };

  /** A pod bound now (created bound, or bound by the scheduler) to a node that does not exist. */
  const boundToMissingNode = (ev: WatchEvent, store: StoreView): readonly WakeUp[] => {
    const node = (ev.object as Pod).spec.nodeName;
    // A deleted pod wakes nothing (what the filter leaves out, answered alike).
    if (node === undefined || ev.type === "DELETED") return NO_WAKE_UP;
    if (ev.type === "MODIFIED" && (ev.old as Pod | undefined)?.spec.nodeName === node) return NO_WAKE_UP;
    return exists(store, node) ? NO_WAKE_UP : wakeUpOnly(node);
  };

  const reconcile = (ctx: ControllerContext, node: string): ReconcileResult => {
    const { store, now } = ctx;
    const result = emptyResult();
    // The sync's own context names the implicit nodes, should the route have lacked them.
    if (exists(store, node, ctx.implicitNodes ?? implicitNodes())) {
      quarantined.delete(node);
      return result;
    }
    const pods = store.listAll("Pod").filter((p) => p.spec.nodeName === node);
    if (pods.length === 0) {
      quarantined.delete(node);
      return result;
    }
    let due = quarantined.get(node);
    if (due === undefined) quarantined.set(node, (due = nextCheck(now) + QUARANTINE_TIME));
    if (now < due) {
      result.requeueAfter = due - now;
      return result;
    }
    quarantined.delete(node);
    for (const pod of pods) {
      const phase = pod.status.phase;
      if (phase !== "Succeeded" && phase !== "Failed") {
        const status = {
          ...pod.status,
          phase: "Failed" as const,
          conditions: withCondition(pod, deletionByPodGC(now)),
        };
        result.writes.push({ op: "updateStatus", object: { ...pod, status } });
      }
      const namespace = pod.metadata.namespace ?? "";
      result.writes.push({
        op: "delete",
        kind: "Pod",
        namespace,
        name: pod.metadata.name,
        gracePeriodSeconds: 0,
      });
    }
    return result;
  };

  return {
    name: "podgc",
    kind: "Node",
    watches: [
      {
        kind: "Pod",
        route: boundToMissingNode,
        filter: { types: ["ADDED", "MODIFIED"] },
        // A function rather than "each": an "each" route that takes every pod write would make
        // the engine weigh each change of every cohort against all its "each" routes.
        cohort: (changes, store, out) => {
          for (let i = 0; i < changes.length; i++) {
            const wakes = boundToMissingNode(changes[i], store);
            for (let j = 0; j < wakes.length; j++) out.push(i, wakes[j]);
          }
        },
      },
    ],
    reconcile,
  };
}

/**
 * podutil.UpdatePodCondition: a condition of a type the pod lacks is appended; one it has is
 * replaced where it stands, keeping its lastTransitionTime while its status is the same.
 */
function withCondition(pod: Pod, condition: PodCondition): PodCondition[] {
  const conditions = pod.status.conditions ?? [];
  const i = conditions.findIndex((c) => c.type === condition.type);
  if (i < 0) return [...conditions, condition];
  const was = conditions[i];
  const next =
    was.status === condition.status
      ? { ...condition, lastTransitionTime: was.lastTransitionTime }
      : condition;
  return conditions.map((c, j) => (j === i ? next : c));
}
