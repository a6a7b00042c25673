/**
 * The legacy server-side rollback: pkg/controller/deployment/rollback.go (v1.28). Deployments
 * written through extensions/v1beta1 or apps/v1beta1 `rollbackTo` carry the annotation
 * deprecated.deployment.rollback.to; `kubectl rollout undo` patches the template instead.
 */
import type { Deployment, ReplicaSet } from "../../../k8s/types.ts";
import { DeprecatedRollbackTo } from "./annotations.ts";
import type { SyncSession } from "./client.ts";
import { RollbackDone, RollbackRevisionNotFound, RollbackTemplateUnchanged } from "./conditions.ts";
import * as msg from "./messages.ts";
import { getAllReplicaSetsAndSyncRevision, getRollbackTo } from "./sync.ts";
import {
  equalIgnoreHash,
  lastRevision,
  revision,
  setDeploymentAnnotationsTo,
  setFromReplicaSetTemplate,
} from "./util.ts";

/**
 * rollback: revision 0 means the last revision (the second highest). The Deployment takes the
 * target ReplicaSet's template and annotations and the annotation is cleared, in one Update;
 * the revision itself is bumped on the next sync, when that ReplicaSet is found to be new.
 * Example: revisions 1 and 2 (current), rollback.to "0" → template of revision 1, event
 * "Rolled back deployment "d" to revision 1"; that RS becomes revision 3 next sync.
 */
export function rollback(s: SyncSession, d: Deployment, rsList: readonly ReplicaSet[]): void {
  const { newRS, oldRSs, error } = getAllReplicaSetsAndSyncRevision(s, d, rsList, true);
  if (error !== undefined) return;
  const allRSs = [...oldRSs, newRS].filter((rs): rs is ReplicaSet => rs !== undefined);
  let target = getRollbackTo(d) ?? 0;
  if (target === 0) {
    target = lastRevision(allRSs);
    if (target === 0) {
      s.event("Warning", RollbackRevisionNotFound, msg.unableToFindLastRevision);
      return updateDeploymentAndClearRollbackTo(s, d);
    }
  }
  for (const rs of allRSs) {
    if (revision(rs) !== target) continue;
    if (rollbackToTemplate(s, d, rs))
      s.event("Normal", RollbackDone, msg.rolledBack(d.metadata.name, target));
    return;
  }
  s.event("Warning", RollbackRevisionNotFound, msg.unableToFindRevision);
  updateDeploymentAndClearRollbackTo(s, d);
}

/** rollbackToTemplate: copy the template and annotations unless the template is already current. */
export function rollbackToTemplate(s: SyncSession, d: Deployment, rs: ReplicaSet): boolean {
  let performed = false;
  if (!equalIgnoreHash(d.spec.template, rs.spec.template)) {
    setFromReplicaSetTemplate(d, rs.spec.template);
    setDeploymentAnnotationsTo(d, rs);
    performed = true;
    s.decide("rollback", `Rolled back to the template of ${rs.metadata.name}`, {
      replicaSet: rs.metadata.name,
      revision: revision(rs) ?? null,
    });
  } else {
    s.event("Warning", RollbackTemplateUnchanged, msg.rollbackTemplateUnchanged(d.metadata.name));
  }
  updateDeploymentAndClearRollbackTo(s, d);
  return performed;
}

/** updateDeploymentAndClearRollbackTo: drop the annotation and Update the Deployment. */
export function updateDeploymentAndClearRollbackTo(s: SyncSession, d: Deployment): void {
  if (d.metadata.annotations) delete d.metadata.annotations[DeprecatedRollbackTo];
  s.updateDeployment();
}
