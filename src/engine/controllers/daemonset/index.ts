/**
 * The DaemonSet controller: pkg/controller/daemon (Kubernetes 1.28) daemon_controller.go
 * syncDaemonSet, as an outline:
 *
 * 1. claim the set's pods (getDaemonPods) and ControllerRevisions (controlledHistories);
 * 2. constructHistory (history.ts): the current revision, whose hash up-to-date pods carry;
 * 3. unless the set is being deleted: manage (sync.ts) creates a pod on each node that should
 *    run one and has none, and deletes what should not run; then, when manage had nothing to
 *    do, rollingUpdate replaces old pods within maxUnavailable (or surges within maxSurge);
 *    cleanupHistory deletes revisions beyond revisionHistoryLimit;
 * 4. updateDaemonSetStatus: the counts, written when they changed (observedGeneration too,
 *    except while the set is being deleted);
 * 5. with minReadySeconds, look again while some ready pod is not yet available.
 *
 * Pods are made as controller_utils.go's RealPodControl makes them — generateName `<ds>-`, so
 * their names come from the run's seeded name stream in the order the nodes are visited — with
 * the events it records: SuccessfulCreate "Created pod: agent-x7k2p", SuccessfulDelete
 * "Deleted pod: agent-x7k2p"; a failed daemon pod is deleted with Warning FailedDaemonPod (the
 * controller's backoff before killing a failed pod again is not modelled: pods here do not fail
 * on admission). Like the ReplicaSet controller, expectations are not modelled: the engine
 * applies every write before the next sync.
 */
import { DaemonSetLabels, type DaemonSet, type DaemonSetStatus } from "../../../k8s/kinds/daemonSet/types.ts";
import {
  involvedObjectOf,
  namespaceOf,
  parseQualifiedName,
  qualifiedNameOf,
} from "../../../k8s/namespaces.ts";
import type { ControllerRevision, EventDraft, KubeObject, Pod } from "../../../k8s/types.ts";
import {
  emptyResult,
  type Controller,
  type ControllerContext,
  type ReconcileResult,
} from "../../controller.ts";
import { claim, constructHistory, revisionsToCleanUp } from "./history.ts";
import { clusterNodes } from "./nodes.ts";
import { newDaemonPod } from "./pods.ts";
import {
  manage,
  nodesToDaemonPods,
  rollingUpdate,
  statusCounts,
  verdicts,
  type PodDelete,
  type StatusCounts,
} from "./sync.ts";
import { daemonSetWatches } from "./watches.ts";

export { nodeShouldRunDaemonPod, clusterNodes } from "./nodes.ts";
export { newDaemonPod, withDaemonTolerations, targetNodeName } from "./pods.ts";
export { manage, rollingUpdate, statusCounts, nodesToDaemonPods, verdicts } from "./sync.ts";

const SOURCE = "daemonset-controller";

/** The DaemonSet controller as the engine runs it: a work queue of DaemonSets (watches.ts). */
export const daemonSetController: Controller = {
  name: "daemonset",
  kind: "DaemonSet",
  watches: daemonSetWatches,
  reconcile: (ctx, key) => reconcileDaemonSet(ctx, key),
};

/** One sync of the DaemonSet a work-queue key names (its qualified name: `agent`, `kube-system/agent`). */
export function reconcileDaemonSet(ctx: ControllerContext, key: string): ReconcileResult {
  const result = emptyResult();
  const { namespace, name } = parseQualifiedName(key);
  const ds = ctx.store.get("DaemonSet", namespace, name) as unknown as DaemonSet | undefined;
  if (ds === undefined) return result;
  const object = `DaemonSet/${key}`;
  const nodes = clusterNodes(ctx);

  const revisions = claim(ds, ctx.store.list("ControllerRevision", namespace), true);
  const claimed = claim(ds, ctx.store.list("Pod", namespace) as readonly Pod[], true);
  result.writes.push(...revisions.writes, ...claimed.writes);
  const pods = claimed.claimed;
  const history = constructHistory(ds, revisions.claimed, pods, ctx.store);
  result.writes.push(...history.writes);
  if (history.created)
    result.decisions.push({
      controller: "daemonset",
      object,
      action: "create-revision",
      summary: `create ControllerRevision ${history.current.metadata.name} (revision ${history.current.revision}) for the current template`,
      inputs: {
        revision: history.current.metadata.name,
        number: history.current.revision,
        hash: history.hash,
      },
    });
  const hash = history.hash;
  const byNode = nodesToDaemonPods(pods, false);
  const verdict = verdicts(ds, nodes);
  const deleting = ds.metadata.deletionTimestamp !== undefined;

  if (!deleting) {
    const plan = manage(ds, nodes, verdict, byNode, hash, ctx.now);
    for (const d of plan.failed)
      result.events.push({
        ...dsEvent(
          ds,
          "FailedDaemonPod",
          `Found failed daemon pod ${namespaceOf(d.pod)}/${d.pod.metadata.name} on node ${d.node}, will try to kill it`,
        ),
        type: "Warning",
      });
    syncNodes(ctx, ds, hash, plan.deletes, plan.createOn, result, "manage");
    if (
      plan.createOn.length === 0 &&
      plan.deletes.length === 0 &&
      ds.spec.updateStrategy.type === "RollingUpdate"
    ) {
      const update = rollingUpdate(ds, nodes, verdict, byNode, hash, ctx.now);
      syncNodes(ctx, ds, hash, update.deletes, update.createOn, result, "rolling-update");
      if (update.deletes.length === 0 && update.createOn.length === 0 && hasOldPods(byNode, hash))
        result.decisions.push({
          controller: "daemonset",
          object,
          action: "wait",
          summary: `DaemonSet ${name} is waiting: ${update.unavailable} nodes unavailable, maxUnavailable ${update.maxUnavailable}, maxSurge ${update.maxSurge}`,
          inputs: {
            unavailable: update.unavailable,
            maxUnavailable: update.maxUnavailable,
            maxSurge: update.maxSurge,
          },
        });
    }
    for (const cr of revisionsToCleanUp(ds, history.old, pods))
      result.writes.push({ op: "delete", kind: "ControllerRevision", namespace, name: cr.metadata.name });
  }

  const counts = statusCounts(ds, nodes, verdict, byNode, hash, ctx.now);
  const status = nextStatus(ds, counts, !deleting, history.collisionCount);
  if (status !== undefined) {
    const updated = structuredClone(ds);
    updated.status = status;
    result.writes.push({ op: "updateStatus", object: updated as unknown as KubeObject });
  }
  // updateDaemonSetStatus: a last look once a ready pod may have become available.
  const minReady = ds.spec.minReadySeconds ?? 0;
  if (minReady > 0 && counts.numberReady !== counts.numberAvailable) result.requeueAfter = minReady;
  return result;
}

const hasOldPods = (byNode: ReadonlyMap<string, Pod[]>, hash: string): boolean => {
  for (const pods of byNode.values())
    for (const p of pods)
      if (
        p.metadata.deletionTimestamp === undefined &&
        p.metadata.labels?.[DaemonSetLabels.revisionHash] !== hash
      )
        return true;
  return false;
};

/**
 * storeDaemonSetStatus: nothing is written when every count is the stored one and the
 * generation has been observed; otherwise the counts, with observedGeneration when this sync
 * processed the set's generation.
 */
function nextStatus(
  ds: DaemonSet,
  counts: StatusCounts,
  observe: boolean,
  collisionCount: number | undefined,
): DaemonSetStatus | undefined {
  const s = ds.status ?? {};
  const same =
    (Object.keys(counts) as (keyof StatusCounts)[]).every((k) => (s[k] ?? 0) === counts[k]) &&
    (s.observedGeneration ?? 0) >= (ds.metadata.generation ?? 0) &&
    collisionCount === undefined;
  if (same) return undefined;
  const next: DaemonSetStatus = { ...s, ...counts };
  if (observe) next.observedGeneration = ds.metadata.generation ?? 0;
  if (collisionCount !== undefined) next.collisionCount = collisionCount;
  return next;
}

/** syncNodes: the deletions and the creations (each pod pinned to its node), with their events and one decision each. */
function syncNodes(
  ctx: ControllerContext,
  ds: DaemonSet,
  hash: string,
  deletes: readonly PodDelete[],
  createOn: readonly string[],
  result: ReconcileResult,
  phase: "manage" | "rolling-update",
): void {
  const object = `DaemonSet/${qualifiedNameOf(ds as unknown as KubeObject)}`;
  const bind = ctx.implicitNodes !== undefined;
  if (createOn.length > 0) {
    for (const node of createOn)
      result.writes.push({
        op: "create",
        object: newDaemonPod(ds, hash, node, ctx.now, bind),
        createdEvent: (pod) => dsEvent(ds, "SuccessfulCreate", `Created pod: ${pod.metadata.name}`),
        // RealPodControl's Warning FailedCreate on a refused create (a quota, a LimitRange), and
        // syncNodes' error: the DaemonSet is synced again after the work queue's rate limit.
        then: (outcome) =>
          "error" in outcome
            ? {
                ...emptyResult(),
                events: [
                  {
                    ...dsEvent(ds, "FailedCreate", `Error creating: ${outcome.error.message}`),
                    type: "Warning",
                  },
                ],
                failed: true,
              }
            : undefined,
      });
    result.decisions.push({
      controller: "daemonset",
      object,
      action: "create-pods",
      summary:
        phase === "manage"
          ? `create daemon pods on ${createOn.length} node${createOn.length === 1 ? "" : "s"} that should run one: ${createOn.join(", ")}`
          : `surge: create updated daemon pods on ${createOn.join(", ")}`,
      inputs: { nodes: [...createOn], hash, phase },
    });
  }
  if (deletes.length > 0) {
    for (const d of deletes) {
      result.writes.push({
        op: "delete",
        kind: "Pod",
        namespace: namespaceOf(d.pod),
        name: d.pod.metadata.name,
      });
      result.events.push(dsEvent(ds, "SuccessfulDelete", `Deleted pod: ${d.pod.metadata.name}`));
    }
    result.decisions.push({
      controller: "daemonset",
      object,
      action: "delete-pods",
      summary: `delete daemon pods ${deletes.map((d) => `${d.pod.metadata.name} (${d.node}, ${d.why})`).join(", ")}`,
      inputs: {
        phase,
        deleted: deletes.map((d) => ({ name: d.pod.metadata.name, node: d.node, why: d.why })),
      },
    });
  }
}

/** An event about the DaemonSet, from the daemonset-controller. */
function dsEvent(ds: DaemonSet, reason: string, message: string): EventDraft {
  return {
    type: "Normal",
    reason,
    message,
    involvedObject: involvedObjectOf(ds as unknown as KubeObject),
    source: SOURCE,
  };
}

export type { ControllerRevision };
