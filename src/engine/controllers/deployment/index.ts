/**
 * The Deployment controller: pkg/controller/deployment/deployment_controller.go syncDeployment
 * (v1.28), over a snapshot of the store. Each call is one sync of one Deployment; the writes,
 * events and decisions come back in the order Kubernetes makes its API calls.
 */
import { parseQualifiedName } from "../../../k8s/namespaces.ts";
import type { Deployment } from "../../../k8s/types.ts";
import { isEmptySelector } from "../../../k8s/labels.ts";
import type { Controller, ReconcileContext, ReconcileResult, StoreView } from "../../controller.ts";
import { emptyResult } from "../../controller.ts";
import { claimReplicaSets, getPodMapForDeployment } from "./claim.ts";
import { SyncSession } from "./client.ts";
import * as msg from "./messages.ts";
import { rolloutRecreate } from "./recreate.ts";
import { rollback } from "./rollback.ts";
import { rolloutRolling } from "./rolling.ts";
import { deploymentWatches } from "./watches.ts";
import { checkPausedConditions, getRollbackTo, isScalingEvent, sync, syncStatusOnly } from "./sync.ts";

export { SyncSession } from "./client.ts";

/** The deployment controller as the engine runs it: a work queue of Deployments (watches.ts). */
export const deploymentController: Controller = {
  name: "deployment",
  kind: "Deployment",
  watches: deploymentWatches,
  reconcile: (ctx, key) => reconcileDeployment(ctx, key),
};

/** One sync of the Deployment `key` (its qualified name: `web`, `prod/web`). */
export function reconcileDeployment(ctx: ReconcileContext, key: string): ReconcileResult {
  const { namespace, name } = parseQualifiedName(key);
  const stored = ctx.store.get("Deployment", namespace, name);
  if (stored === undefined) return emptyResult();
  const d = workingCopy(stored);
  const s = new SyncSession(ctx.now, d, stored);
  s.lookupReplicaSet = (n) => ctx.store.get("ReplicaSet", namespace, n);
  syncDeployment(s, d, ctx.store);
  return s.result;
}

/**
 * The sync's private copy of the Deployment (Go's `d := d.DeepCopy()` in syncDeployment), new
 * only where a sync changes it: its own metadata, annotations, spec and status objects, the rest
 * shared with the stored Deployment. A sync changes nothing else in place — the rollback
 * replaces the template whole (setFromReplicaSetTemplate), a condition is set by replacing the
 * list (setDeploymentCondition), a new ReplicaSet's template and selector are copies, every
 * write sends a deep copy (client.ts forWrite) — so the shared parts are the stored ones. The
 * template and the selector stay the same objects from sync to sync while the spec does not
 * change, and what is kept per object (EqualIgnoreHash's answers, util.ts; the selector's
 * requirements, labels.ts) is found again instead of recomputed. Keys keep their order (a
 * written Deployment serialises as before).
 */
function workingCopy(stored: Deployment): Deployment {
  const copy = { ...stored };
  const metadata = { ...stored.metadata };
  if (isObject(metadata.annotations)) metadata.annotations = { ...metadata.annotations };
  copy.metadata = metadata;
  if (isObject(stored.spec)) copy.spec = { ...stored.spec };
  if (isObject(stored.status)) copy.status = { ...stored.status };
  return copy;
}

const isObject = (v: unknown): v is object => typeof v === "object" && v !== null;

/**
 * syncDeployment, in Kubernetes' order (deploy-semantics §3):
 * empty selector → warn and stop; claim ReplicaSets; being deleted → status only; paused
 * conditions; paused → sync; legacy rollback → rollback; scaling event → sync; else the strategy.
 */
export function syncDeployment(s: SyncSession, d: Deployment, store: StoreView): void {
  if (isEmptySelector(d.spec.selector)) {
    s.event("Warning", "SelectingAll", msg.selectingAll);
    if ((d.status.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) {
      d.status.observedGeneration = d.metadata.generation;
      s.updateDeploymentStatus();
    }
    return;
  }
  const { rsList, writes } = claimReplicaSets(d, store);
  for (const item of writes) s.result.writes.push(item);

  if (d.metadata.deletionTimestamp !== undefined) return syncStatusOnly(s, d, rsList);

  checkPausedConditions(s, d);
  if (d.spec.paused) return sync(s, d, rsList);

  // Rollback is not re-entrant: the template must be restored before any ReplicaSet is touched.
  if (getRollbackTo(d) !== undefined) return rollback(s, d, rsList);

  const scaling = isScalingEvent(s, d, rsList);
  if (scaling.error !== undefined) return;
  // sync and the rollout ask getAllReplicaSetsAndSyncRevision again, as Go does; when the
  // scaling check's call found the new ReplicaSet and wrote nothing, nothing has been written
  // since, so the answer is the same (the ReplicaSets and a fresh copy of the new one; with the
  // new one found, whether the call may create one does not matter).
  const known = scaling.all?.quiet === true ? scaling.all : undefined;
  if (scaling.scaling) return sync(s, d, rsList, known);

  // Go lists the pod map right after claiming the ReplicaSets, but only rolloutRecreate reads
  // it and the store snapshot does not change during a sync: a RollingUpdate sync skips the
  // walk over every pod in the namespace.
  if (d.spec.strategy.type === "Recreate")
    return rolloutRecreate(s, d, rsList, getPodMapForDeployment(d, rsList, store));
  return rolloutRolling(s, d, rsList, known);
}
