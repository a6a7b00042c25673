/**
 * The pod garbage collector (pkg/controller/podgc/gc_controller.go, v1.31). Every gcCheckPeriod
 * (20 s, from the controller's start: checks at 0, 20, 40 … s) it lists pods and nodes and runs
 * its passes in turn: gcTerminated, gcTerminating, gcOrphaned, gcUnscheduledTerminating
 * (passes.ts; each pod it takes is marked Failed and force-deleted).
 *
 * gcOrphaned: a pod bound to a node that does not exist has no kubelet to run or stop it. Each
 * missing node a check finds waits in a queue for quarantineTime (40 s); a node still missing
 * when it leaves the queue is taken as deleted, and each of its pods is marked Failed with the
 * condition DisruptionTarget True, reason DeletionByPodGC, "PodGC: node no longer exists"
 * (unless it already ended), then deleted with grace period 0. So a pod first seen on a missing
 * node by the check at T goes at the check of T + 40 s: a pod restored from a `kubectl get -o
 * yaml` export (its spec.nodeName a node of the old cluster) at t = 0 goes at 60 s, and the pods
 * left on a Node deleted at 100 s go at 160 s.
 *
 * Here the checks run only where something is to be found, at the check a change is first seen
 * by (a sync between checks holds its due check in memory and comes back then):
 * - keyed by node (the collector's own orphan queue is): a pod bound to a missing node, a Node
 *   deleted (gcOrphaned), a pod deleted on a node out of service, a Node changed (gcTerminating);
 * - one key for the cluster-wide passes: a pod that terminated (gcTerminated, which counts
 *   them only then), a pod deleted while bound to no node (gcUnscheduledTerminating).
 * In the real collector one check runs all passes over one listing; here the node keys and the
 * cluster-wide key each list what they need at the same check, which differs only for a pod two
 * passes would both take (the second delete of the real one finds it gone).
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
import type { Node, Pod, PodCondition, Time } from "../../../k8s/types.ts";
import type { WatchEvent } from "../../store.ts";
import {
  byEvictionAndCreation,
  isOutOfService,
  markFailedAndDelete,
  terminatedBeyond,
  unscheduledTerminating,
} from "./passes.ts";

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

/** The key of the cluster-wide passes (not a node name: names are DNS subdomains). */
export const CLUSTER_PASSES = "(terminated and unscheduled pods)";

/**
 * The pod GC as the engine runs it, keyed by node name (and CLUSTER_PASSES). `implicitNodes`
 * gives the nodes of a cluster without Node objects, so that binding a pod to one wakes nothing
 * (without it, each binding costs a sync that finds the node in its context's `implicitNodes`).
 */
export function podGCController(implicitNodes: () => readonly string[] | undefined): Controller {
  /** Node → the check at which its quarantine ends (the node queue's AddAfter). */
  const quarantined = new Map<string, Time>();
  /** Key → the check a seen change waits for (gcTerminating's nodes, CLUSTER_PASSES). */
  const dueCheck = new Map<string, Time>();
  let implicit: ReadonlySet<string> | undefined;
  const exists = (store: StoreView, node: string, nodes = implicitNodes()): boolean => {
    if (nodes !== undefined && nodes.length > 0) {
      if (implicit === undefined || implicit.size !== nodes.length) implicit = new Set(nodes);
      if (implicit.has(node)) return true;
    }
    return store.get("Node", "", node) !== undefined;
  };

  /** Whether `now` is the check a key waits for; if not, the result asks to come back then. */
  const atCheck = (key: string, now: Time, result: ReconcileResult): boolean => {
    let due = dueCheck.get(key);
    if (due === undefined) dueCheck.set(key, (due = nextCheck(now)));
    if (now < due) {
      result.requeueAfter = due - now;
      return false;
    }
    dueCheck.delete(key);
    return true;
  };

  /**
   * A pod change the collector's next check would act on: bound now to a node that does not
   * exist (gcOrphaned), deleted on a node out of service (gcTerminating), terminated
   * (gcTerminated), deleted while bound to no node (gcUnscheduledTerminating).
   */
  const routePod = (ev: WatchEvent, store: StoreView): readonly WakeUp[] => {
    // A deleted pod wakes nothing (what the filter leaves out, answered alike).
    if (ev.type === "DELETED") return NO_WAKE_UP;
    const pod = ev.object as Pod;
    const old = ev.type === "MODIFIED" ? (ev.old as Pod | undefined) : undefined;
    const node = pod.spec.nodeName;
    let wakes: readonly WakeUp[] = NO_WAKE_UP;
    const phase = pod.status.phase;
    if ((phase === "Succeeded" || phase === "Failed") && old?.status.phase !== phase)
      wakes = wakeUpOnly(CLUSTER_PASSES);
    if (pod.metadata.deletionTimestamp !== undefined && old?.metadata.deletionTimestamp === undefined) {
      if (!node) wakes = wakeUpOnly(CLUSTER_PASSES);
      else {
        const n = store.get("Node", "", node) as Node | undefined;
        if (n !== undefined && isOutOfService(n)) wakes = also(wakes, node);
      }
    }
    if (node === undefined || (old !== undefined && old.spec.nodeName === node)) return wakes;
    return exists(store, node) ? wakes : also(wakes, node);
  };

  const reconcile = (ctx: ControllerContext, key: string): ReconcileResult => {
    if (key === CLUSTER_PASSES) return clusterPasses(ctx);
    const { store, now } = ctx;
    const node = key;
    const result = emptyResult();
    // The sync's own context names the implicit nodes, should the route have lacked them.
    if (exists(store, node, ctx.implicitNodes ?? implicitNodes())) {
      quarantined.delete(node);
      terminatingOn(ctx, node, result);
      return result;
    }
    dueCheck.delete(node);
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
    for (const pod of pods) result.writes.push(...markFailedAndDelete(pod, deletionByPodGC(now)));
    return result;
  };

  /** gcTerminating for one node that exists: its terminating pods, if it is out of service. */
  const terminatingOn = (ctx: ControllerContext, name: string, result: ReconcileResult): void => {
    const node = ctx.store.get("Node", "", name) as Node | undefined;
    const pods =
      node !== undefined && isOutOfService(node)
        ? ctx.store
            .listAll("Pod")
            .filter((p) => p.spec.nodeName === name && p.metadata.deletionTimestamp !== undefined)
        : [];
    if (pods.length === 0) {
      dueCheck.delete(name);
      return;
    }
    if (!atCheck(name, ctx.now, result)) return;
    for (const pod of pods.sort(byEvictionAndCreation)) result.writes.push(...markFailedAndDelete(pod));
  };

  /** gcTerminated, then gcUnscheduledTerminating, at the check. */
  const clusterPasses = (ctx: ControllerContext): ReconcileResult => {
    const result = emptyResult();
    if (!atCheck(CLUSTER_PASSES, ctx.now, result)) return result;
    const pods = ctx.store.listAll("Pod") as readonly Pod[];
    const gone = terminatedBeyond(pods, ctx.settings["podgc.terminated-pod-threshold"]);
    for (const pod of gone) result.writes.push(...markFailedAndDelete(pod));
    const taken = new Set(gone);
    for (const pod of unscheduledTerminating(pods))
      if (!taken.has(pod)) result.writes.push(...markFailedAndDelete(pod));
    return result;
  };

  return {
    name: "podgc",
    kind: "Node",
    watches: [
      {
        kind: "Pod",
        route: routePod,
        filter: { types: ["ADDED", "MODIFIED"] },
        // A function rather than "each": an "each" route that takes every pod write would make
        // the engine weigh each change of every cohort against all its "each" routes.
        cohort: (changes, store, out) => {
          for (let i = 0; i < changes.length; i++) {
            const wakes = routePod(changes[i], store);
            for (let j = 0; j < wakes.length; j++) out.push(i, wakes[j]);
          }
        },
      },
    ],
    reconcile,
  };
}

/** `wakes` and the node's key (a list of its own only in the rare change that wakes two). */
function also(wakes: readonly WakeUp[], node: string): readonly WakeUp[] {
  return wakes.length === 0 ? wakeUpOnly(node) : [...wakes, { key: node }];
}
