/**
 * The ReplicaSet controller: pkg/controller/replicaset/replica_set.go syncReplicaSet.
 *
 * One sync: claim the pods, create or delete pods to meet spec.replicas (manageReplicas),
 * write the status computed from the pods as they were seen, and ask to look again when a
 * Ready pod is about to pass minReadySeconds. Expectations are not modelled: the engine
 * applies every write before the next sync, which is the state expectations wait for.
 */
import {
  involvedObjectOf,
  namespaceOf,
  parseQualifiedName,
  qualifiedNameOf,
} from "../../../k8s/namespaces.ts";
import type { EventDraft, KubeObject, Pod, ReplicaSet, ReplicaSetStatus } from "../../../k8s/types.ts";
import {
  emptyResult,
  type Controller,
  type ReconcileContext,
  type ReconcileResult,
  type Write,
  type WriteOutcome,
} from "../../controller.ts";
import { claimPods, relatedPodsPerNode } from "./claim.ts";
import { isPodReady } from "./pods.ts";
import { getPodFromTemplate } from "./podTemplate.ts";
import { DEFAULT_RANKING_GATES, getPodsToDeleteOnNodes } from "./ranking.ts";
import { BURST_REPLICAS, SLOW_START_INITIAL_BATCH_SIZE } from "./slowStart.ts";
import { steadyOwnPods, type SteadyPods } from "./ownPods.ts";
import { calculateStatus, minReadyRequeue, statusFromCounts, statusNeedsUpdate } from "./status.ts";
import { replicaSetWatches } from "./watches.ts";

export { BURST_REPLICAS, slowStartBatch } from "./slowStart.ts";
export { getPodsToDelete, podDeletionLess, activePodsLess } from "./ranking.ts";
export { calculateStatus } from "./status.ts";

/** Event reasons of controller_utils.go's RealPodControl. */
const SuccessfulCreatePodReason = "SuccessfulCreate";
const SuccessfulDeletePodReason = "SuccessfulDelete";
const FailedCreatePodReason = "FailedCreate";

const SOURCE = "replicaset-controller";

/** The ReplicaSet controller as the engine runs it: a work queue of ReplicaSets (watches.ts). */
export const replicaSetController: Controller = {
  name: "replicaset",
  kind: "ReplicaSet",
  watches: replicaSetWatches,
  reconcile: (ctx, key) => reconcileReplicaSet(ctx, key),
};

/** One sync of the ReplicaSet `key` (its qualified name: `web-5d…`, `prod/web-5d…`). */
export function reconcileReplicaSet(ctx: ReconcileContext, key: string): ReconcileResult {
  const result = emptyResult();
  const { namespace, name } = parseQualifiedName(key);
  const rs = ctx.store.get("ReplicaSet", namespace, name);
  if (rs === undefined) return result;

  // In the steady case the claim writes nothing and its pods are counted from the pods written
  // since the last sync (ownPods.ts); the pods themselves are listed only for a scale-down.
  const steady = steadyOwnPods(rs, ctx.store, namespace);
  let filteredPods: readonly Pod[] | undefined;
  if (steady === undefined) {
    const claim = claimPods(rs, ctx.store.list("Pod", namespace));
    for (const item of claim.writes) result.writes.push(item);
    filteredPods = claim.claimed;
  }
  const claimedPods = (): readonly Pod[] => {
    if (filteredPods !== undefined) return filteredPods;
    const list = (): readonly Pod[] => ctx.store.list("Pod", namespace);
    return (filteredPods = steady?.claimedPods(list) ?? claimPods(rs, list()).claimed);
  };
  const claimed = steady !== undefined ? steady.claimed : filteredPods!.length;
  const statusOf = (manageReplicasError?: string): ReplicaSetStatus =>
    steady !== undefined
      ? statusFromCounts(rs, claimed, steady, ctx.now, manageReplicasError)
      : calculateStatus(rs, filteredPods!, ctx.now, manageReplicasError);

  const status = statusOf();
  // The status is written once manageReplicas is done: after the creates, whose first refusal
  // makes its ReplicaFailure condition (calculateStatus(rs, filteredPods, manageReplicasErr)).
  const writeStatus = (manageReplicasError?: string): Write[] => {
    const next = manageReplicasError === undefined ? status : statusOf(manageReplicasError);
    if (!statusNeedsUpdate(rs, next)) return [];
    // UpdateStatus sends the whole object but the status subresource takes only `.status`, so
    // the copy is of the status alone. The write gives it up (`own`: stored as sent, not copied
    // again): it is a new object whose only part, the conditions list, is new too
    // (statusFromCounts), holding stored entries or new ones, none changed in place afterwards.
    const updated: ReplicaSet = {
      ...rs,
      status: { ...next, observedGeneration: rs.metadata.generation ?? 0 },
    };
    return [{ op: "updateStatus", object: updated, own: true }];
  };
  const creating =
    rs.metadata.deletionTimestamp === undefined &&
    manageReplicas(ctx, rs, claimed, claimedPods, steady, result, writeStatus);
  if (!creating) for (const w of writeStatus()) result.writes.push(w);
  // A steady claim is one of minReadySeconds 0, which never asks to look again.
  const requeue = steady === undefined ? minReadyRequeue(rs, status, filteredPods!, ctx.now) : undefined;
  if (requeue !== undefined) result.requeueAfter = requeue;
  return result;
}

/**
 * manageReplicas: at most BURST_REPLICAS creations (in slow-start batches) or deletions (worst
 * pods first). True when it creates: `done` then comes after the last create, with the first
 * refusal's message if any.
 */
function manageReplicas(
  ctx: ReconcileContext,
  rs: ReplicaSet,
  activePods: number,
  claimedPods: () => readonly Pod[],
  steady: SteadyPods | undefined,
  result: ReconcileResult,
  done: (error?: string) => Write[],
): boolean {
  const diff = activePods - rs.spec.replicas;
  // Most syncs (a ReplicaSet's own status write wakes it again) have nothing to manage.
  if (diff === 0) return false;
  const object = `ReplicaSet/${qualifiedNameOf(rs)}`;
  const event = podEvents(rs);
  if (diff < 0) {
    const toCreate = Math.min(-diff, BURST_REPLICAS);
    const creates: SyncCreates = {
      request: getPodFromTemplate(rs, ctx.now),
      event,
      createdEvent: (pod) => event(SuccessfulCreatePodReason, `Created pod: ${pod.metadata.name}`),
      done,
    };
    for (const w of createBatch(creates, Math.min(toCreate, SLOW_START_INITIAL_BATCH_SIZE), toCreate))
      result.writes.push(w);
    result.decisions.push({
      controller: "replicaset",
      object,
      action: "create-pods",
      summary: `Too few replicas for ReplicaSet ${rs.metadata.name}, need ${rs.spec.replicas}, creating ${toCreate}`,
      inputs: {
        replicas: rs.spec.replicas,
        activePods,
        burstReplicas: BURST_REPLICAS,
        created: toCreate,
      },
    });
    return true;
  }
  if (diff > 0) {
    const toDelete = Math.min(diff, BURST_REPLICAS);
    // Counted once: the ranks the sort reads are the ones the decision reports.
    const podsOnNode = relatedPodsPerNode(rs, ctx.store, steady);
    const filteredPods = claimedPods();
    const victims = getPodsToDeleteOnNodes(
      filteredPods,
      podsOnNode,
      toDelete,
      ctx.now,
      DEFAULT_RANKING_GATES,
      steady?.carryOf(filteredPods),
    );
    for (const pod of victims) {
      result.writes.push({ op: "delete", kind: "Pod", namespace: namespaceOf(pod), name: pod.metadata.name });
      result.events.push(event(SuccessfulDeletePodReason, `Deleted pod: ${pod.metadata.name}`));
    }
    result.decisions.push({
      controller: "replicaset",
      object,
      action: "delete-pods",
      summary: `Too many replicas for ReplicaSet ${rs.metadata.name}, need ${rs.spec.replicas}, deleting ${toDelete}`,
      inputs: {
        replicas: rs.spec.replicas,
        activePods: filteredPods.length,
        burstReplicas: BURST_REPLICAS,
        sorted: toDelete < filteredPods.length,
        deleted: victims.map((p) => ({
          name: p.metadata.name,
          node: p.spec.nodeName ?? "",
          phase: p.status.phase,
          ready: isPodReady(p),
          rank: podsOnNode.get(p.spec.nodeName ?? "") ?? 0,
        })),
      },
    });
  }
  return false;
}

/**
 * What the creates of one sync share: GetPodFromTemplate gives each the same data (the sync's
 * ReplicaSet and time), so one request (frozen, podTemplate.ts) serves them all, and so does
 * one SuccessfulCreate event maker.
 */
interface SyncCreates {
  request: Pod;
  event: PodEvents;
  createdEvent: (pod: KubeObject) => EventDraft;
  done: (error?: string) => Write[];
}

/**
 * One batch of slowStartBatch's pod creates (batches of 1, 2, 4, … of the `remaining` ones), as
 * writes whose outcomes the controller sees: the last create of a batch sends the next batch
 * if none of this one was refused. A refused create is RealPodControl's Warning FailedCreate
 * event ("Error creating: " and the API server's message), and the sync fails: the ReplicaSet
 * is synced again after the work queue's rate limit (syncReplicaSet returns the error).
 */
function createBatch(creates: SyncCreates, size: number, remaining: number): Write[] {
  let refused: string | undefined;
  const outcome = (outcome: WriteOutcome, last: boolean): ReconcileResult | undefined => {
    const failed = "error" in outcome;
    if (failed) refused ??= outcome.error.message;
    if (!failed && !last) return undefined;
    const next = emptyResult();
    if (failed)
      next.events.push(
        creates.event(FailedCreatePodReason, `Error creating: ${outcome.error.message}`, "Warning"),
      );
    if (last) {
      const left = remaining - size;
      if (refused !== undefined) next.failed = true;
      if (refused === undefined && left > 0)
        next.writes = createBatch(creates, Math.min(2 * size, left), left);
      else next.writes = creates.done(refused);
    }
    return next;
  };
  // The name comes from the API server, so the event is made once the pod exists.
  const { request: object, createdEvent } = creates;
  const then = (o: WriteOutcome) => outcome(o, false);
  const writes: Write[] = new Array(size);
  for (let i = 0; i < size - 1; i++) writes[i] = { op: "create", object, createdEvent, then };
  writes[size - 1] = { op: "create", object, createdEvent, then: (o) => outcome(o, true) };
  return writes;
}

/** RealPodControl's events on the ReplicaSet (controller_utils.go): "Created pod: x" / "Deleted pod: x". */
type PodEvents = (reason: string, message: string, type?: "Normal" | "Warning") => EventDraft;

/** The events of one sync: one involved object for all of them (the trace shares it: sharedEvents.ts). */
function podEvents(rs: ReplicaSet): PodEvents {
  let involvedObject: EventDraft["involvedObject"] | undefined;
  return (reason, message, type = "Normal") => ({
    type,
    reason,
    message,
    involvedObject: (involvedObject ??= involvedObjectOf(rs)),
    source: SOURCE,
  });
}
