/**
 * The StatefulSet controller: pkg/controller/statefulset (Kubernetes 1.28) stateful_set.go
 * sync/syncStatefulSet and stateful_set_control.go UpdateStatefulSet, as an outline:
 *
 * 1. claim the set's ControllerRevisions (adoptOrphanRevisions, ListRevisions) and pods
 *    (getPodsForStatefulSet);
 * 2. getStatefulSetRevisions: the update revision is the current template's (created, or an
 *    earlier equal one renumbered — a rollback), the current revision is status.currentRevision's;
 * 3. updateStatefulSet (update.ts): create, delete and repair pods by the ordering rules;
 * 4. updateStatefulSetStatus: completeRollingUpdate, then write the status when it changed;
 * 5. truncateHistory: delete the revisions beyond revisionHistoryLimit that nothing uses;
 * 6. with minReadySeconds, look again once a pod may have become available.
 *
 * Pod events are StatefulPodControl's (stateful_pod_control.go recordPodEvent,
 * recordClaimEvent): "create Pod web-0 in StatefulSet web successful", "delete Pod web-2 in
 * StatefulSet web successful", "create Claim www-web-0 Pod web-0 in StatefulSet web success".
 * Like the ReplicaSet controller, expectations are not modelled: the engine applies every
 * write before the next sync.
 */
import type { ControllerRevision, EventDraft, KubeObject, Pod, StatefulSet } from "../../../k8s/types.ts";
import {
  emptyResult,
  type Controller,
  type ControllerContext,
  type ReconcileResult,
  type Write,
} from "../../controller.ts";
import {
  involvedObjectOf,
  namespaceOf,
  parseQualifiedName,
  qualifiedNameOf,
} from "../../../k8s/namespaces.ts";
import { claimPods, claimRevisions } from "./claim.ts";
import { retentionWrites } from "./retention.ts";
import { claimName, ordinalOf, podRevision } from "./identity.ts";
import { applyRevision } from "../../../k8s/kinds/statefulSet/revision.ts";
import {
  findEqualRevisions,
  newRevision,
  nextRevision,
  revisionsToTruncate,
  sortRevisions,
  equalRevision,
} from "./revisions.ts";
import { completeRollingUpdate, inconsistentStatus, updateStatefulSet, type UpdateResult } from "./update.ts";
import { statefulSetWatches } from "./watches.ts";

export { updateStatefulSet, maxUnavailableOf, completeRollingUpdate } from "./update.ts";
export { parentNameAndOrdinal, newVersionedStatefulSetPod } from "./identity.ts";

const SOURCE = "statefulset-controller";

/** The StatefulSet controller as the engine runs it: a work queue of StatefulSets (watches.ts). */
export const statefulSetController: Controller = {
  name: "statefulset",
  kind: "StatefulSet",
  watches: statefulSetWatches,
  reconcile: (ctx, key) => reconcileStatefulSet(ctx, key),
};

/** One sync of the StatefulSet a work-queue key names (its qualified name: `web`, `prod/web`). */
export function reconcileStatefulSet(ctx: ControllerContext, key: string): ReconcileResult {
  const result = emptyResult();
  const { namespace, name } = parseQualifiedName(key);
  const stored = ctx.store.get("StatefulSet", namespace, name);
  if (stored === undefined) return result;
  const set = structuredClone(stored);
  const object = `StatefulSet/${key}`;

  const claimedRevisions = claimRevisions(set, ctx.store);
  const claimed = claimPods(set, ctx.store);
  result.writes.push(...claimedRevisions.writes, ...claimed.writes);
  const pods = claimed.pods;
  result.writes.push(...retentionWrites(set, pods, ctx.store));

  const revisions = sortRevisions(claimedRevisions.revisions);
  const { current, update, collisionCount } = statefulSetRevisions(ctx, set, revisions, result);
  const currentSet = applyRevision(set, current);
  const updateSet = applyRevision(set, update);
  const outcome = updateStatefulSet(
    set,
    currentSet,
    updateSet,
    current,
    update,
    collisionCount,
    pods,
    ctx.now,
    {
      maxUnavailableGate: ctx.settings["gate.max-unavailable-statefulset"],
    },
  );
  podWrites(ctx, set, outcome, result);

  const status = outcome.status;
  completeRollingUpdate(set, status);
  if (inconsistentStatus(set, status)) {
    const updated = structuredClone(stored);
    updated.status = { ...updated.status, ...status };
    result.writes.push({ op: "updateStatus", object: updated });
  }
  for (const cr of revisionsToTruncate(set, pods, revisions, current.metadata.name, update.metadata.name))
    result.writes.push({ op: "delete", kind: "ControllerRevision", namespace, name: cr.metadata.name });

  if (outcome.wait)
    result.decisions.push({
      controller: "statefulset",
      object,
      action: "wait",
      summary: `StatefulSet ${name} is waiting for Pod ${outcome.wait.pod} ${outcome.wait.reason}`,
      inputs: {
        pod: outcome.wait.pod,
        reason: outcome.wait.reason,
        podManagementPolicy: set.spec.podManagementPolicy,
        replicas: set.spec.replicas,
        ready: status.readyReplicas ?? 0,
      },
    });
  if (outcome.unavailable)
    result.decisions.push({
      controller: "statefulset",
      object,
      action: "wait",
      summary: `StatefulSet ${name} found ${outcome.unavailable.pods} unavailable pods, at or above maxUnavailable ${outcome.unavailable.maxUnavailable}`,
      inputs: { ...outcome.unavailable },
    });

  // syncStatefulSet: with minReadySeconds, look again until every replica is available.
  if (set.spec.minReadySeconds > 0 && (status.availableReplicas ?? 0) !== set.spec.replicas)
    result.requeueAfter = set.spec.minReadySeconds;
  return result;
}

/**
 * getStatefulSetRevisions: the update revision is the current template's — the last revision
 * when it is equal, an earlier equal one renumbered to the next number (a rollback), or a new
 * one (named by its hash; a name taken by other data bumps collisionCount, as
 * CreateControllerRevision retries). The current revision is status.currentRevision's, or the
 * update revision when there is none.
 * Example: revisions 1 (nginx:1.25) and 2 (nginx:1.26), the template back at nginx:1.25 →
 * revision 1 becomes revision 3 and is the update revision.
 */
function statefulSetRevisions(
  ctx: ControllerContext,
  set: StatefulSet,
  revisions: ControllerRevision[],
  result: ReconcileResult,
): { current: ControllerRevision; update: ControllerRevision; collisionCount: number } {
  let collisionCount = set.status?.collisionCount ?? 0;
  const next = nextRevision(revisions);
  let update = newRevision(set, next, collisionCount);
  const equal = findEqualRevisions(revisions, update);
  const last = revisions[revisions.length - 1];
  if (equal.length > 0 && last && equalRevision(last, equal[equal.length - 1])) {
    update = last;
  } else if (equal.length > 0) {
    const renumbered = structuredClone(equal[equal.length - 1]);
    renumbered.revision = next;
    result.writes.push({ op: "update", object: renumbered });
    result.decisions.push({
      controller: "statefulset",
      object: `StatefulSet/${qualifiedNameOf(set)}`,
      action: "rollback-revision",
      summary: `ControllerRevision ${renumbered.metadata.name} (revision ${equal[equal.length - 1].revision}) is the template again: now revision ${next}`,
      inputs: { revision: renumbered.metadata.name, from: equal[equal.length - 1].revision, to: next },
    });
    const i = revisions.indexOf(equal[equal.length - 1]);
    revisions[i] = renumbered;
    update = renumbered;
  } else {
    const ns = namespaceOf(set);
    let taken = ctx.store.get("ControllerRevision", ns, update.metadata.name);
    while (taken !== undefined && !equalRevision(taken, update)) {
      collisionCount += 1;
      update = newRevision(set, next, collisionCount);
      taken = ctx.store.get("ControllerRevision", ns, update.metadata.name);
    }
    if (taken !== undefined) update = taken;
    else {
      result.writes.push({ op: "create", object: update });
      result.decisions.push({
        controller: "statefulset",
        object: `StatefulSet/${qualifiedNameOf(set)}`,
        action: "create-revision",
        summary: `create ControllerRevision ${update.metadata.name} (revision ${next}) for the current template`,
        inputs: { revision: update.metadata.name, number: next, collisionCount },
      });
    }
    revisions.push(update);
  }
  const current = revisions.find((r) => r.metadata.name === set.status?.currentRevision) ?? update;
  return { current, update, collisionCount };
}

/** The pod writes of one sync, with their events and decisions, in the order the controller makes them. */
function podWrites(
  ctx: ControllerContext,
  set: StatefulSet,
  outcome: UpdateResult,
  result: ReconcileResult,
): void {
  const name = set.metadata.name;
  const object = `StatefulSet/${qualifiedNameOf(set)}`;
  for (const d of outcome.deletes.filter((x) => x.why === "failed")) deletePod(result, set, d.pod, "failed");
  for (const pod of outcome.creates) {
    result.writes.push(...claimWrites(ctx, set, pod));
    result.writes.push({
      op: "create",
      object: pod,
      createdEvent: () =>
        podEvent(
          set,
          "SuccessfulCreate",
          `create Pod ${pod.metadata.name} in StatefulSet ${name} successful`,
        ),
      // recordPodEvent's Warning FailedCreate on a refused create (a quota, a LimitRange); the
      // sync fails and the StatefulSet is synced again after the work queue's rate limit.
      then: (outcome) =>
        "error" in outcome
          ? {
              ...emptyResult(),
              events: [
                {
                  ...podEvent(
                    set,
                    "FailedCreate",
                    `create Pod ${pod.metadata.name} in StatefulSet ${name} failed error: ${outcome.error.message}`,
                  ),
                  type: "Warning",
                },
              ],
              failed: true,
            }
          : undefined,
    });
    result.decisions.push({
      controller: "statefulset",
      object,
      action: "create-pod",
      summary: `create Pod ${pod.metadata.name} (ordinal ${ordinalOf(pod)}, revision ${podRevision(pod)})`,
      inputs: {
        pod: pod.metadata.name,
        ordinal: ordinalOf(pod),
        revision: podRevision(pod),
        podManagementPolicy: set.spec.podManagementPolicy,
        replicas: set.spec.replicas,
      },
    });
  }
  for (const pod of outcome.repairs) {
    result.writes.push({ op: "update", object: pod });
    result.events.push(
      podEvent(set, "SuccessfulUpdate", `update Pod ${pod.metadata.name} in StatefulSet ${name} successful`),
    );
  }
  for (const d of outcome.deletes.filter((x) => x.why !== "failed")) deletePod(result, set, d.pod, d.why);
}

function deletePod(
  result: ReconcileResult,
  set: StatefulSet,
  pod: Pod,
  why: "failed" | "scale-down" | "update",
): void {
  const name = set.metadata.name;
  if (why === "failed")
    result.events.push({
      ...podEvent(
        set,
        "RecreatingFailedPod",
        `StatefulSet ${set.metadata.namespace ?? "default"}/${name} is recreating failed Pod ${pod.metadata.name}`,
      ),
      type: "Warning",
    });
  result.writes.push({ op: "delete", kind: "Pod", namespace: namespaceOf(set), name: pod.metadata.name });
  result.events.push(
    podEvent(set, "SuccessfulDelete", `delete Pod ${pod.metadata.name} in StatefulSet ${name} successful`),
  );
  result.decisions.push({
    controller: "statefulset",
    object: `StatefulSet/${qualifiedNameOf(set)}`,
    action: "delete-pod",
    summary: `delete Pod ${pod.metadata.name} (ordinal ${ordinalOf(pod)}, ${why === "update" ? "rolling update" : why === "scale-down" ? "scale down" : "failed"})`,
    inputs: { pod: pod.metadata.name, ordinal: ordinalOf(pod), why, revision: podRevision(pod) },
  });
}

/**
 * createPersistentVolumeClaims: each claim template's claim for this ordinal, when it does not
 * exist yet, labelled with the set's matchLabels — where the cluster serves
 * PersistentVolumeClaims (the PV controller binds them: controllers/persistentvolume).
 */
function claimWrites(ctx: ControllerContext, set: StatefulSet, pod: Pod): Write[] {
  const templates = set.spec.volumeClaimTemplates ?? [];
  if (templates.length === 0 || !(ctx.serves?.("PersistentVolumeClaim") ?? true)) return [];
  const ordinal = ordinalOf(pod);
  const writes: Write[] = [];
  for (const t of templates) {
    const claim = claimName(set, t.metadata.name, ordinal);
    if (ctx.store.get("PersistentVolumeClaim", namespaceOf(set), claim)) continue;
    const object = {
      ...structuredClone(t),
      apiVersion: "v1",
      kind: "PersistentVolumeClaim",
      metadata: {
        ...structuredClone(t.metadata),
        name: claim,
        namespace: namespaceOf(set),
        labels: { ...(t.metadata.labels ?? {}), ...(set.spec.selector.matchLabels ?? {}) },
      },
    };
    writes.push({
      op: "create",
      object: object as unknown as KubeObject,
      createdEvent: () =>
        podEvent(
          set,
          "SuccessfulCreate",
          `create Claim ${claim} Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} success`,
        ),
    });
  }
  return writes;
}

/** An event about the StatefulSet, from the statefulset-controller. */
function podEvent(set: StatefulSet, reason: string, message: string): EventDraft {
  return {
    type: "Normal",
    reason,
    message,
    involvedObject: involvedObjectOf(set),
    source: SOURCE,
  };
}
