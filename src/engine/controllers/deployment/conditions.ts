/**
 * Deployment conditions: the reasons the controller writes, grouped by condition as in
 * pkg/controller/deployment/util/deployment_util.go, and the helpers that set them.
 */
import type { DeploymentCondition, DeploymentStatus, ConditionStatus, Time } from "../../../k8s/types.ts";

// ---- Progressing
/** A new ReplicaSet was created for the current template. */
export const NewRSReason = "NewReplicaSetCreated";
/** Creating the new ReplicaSet failed. */
export const FailedRSCreateReason = "ReplicaSetCreateError";
/** The new ReplicaSet was found (for Deployments that gained a deadline after their rollout began). */
export const FoundNewRSReason = "FoundNewReplicaSet";
/** A ReplicaSet of the Deployment made progress (pods updated, ready or available). */
export const ReplicaSetUpdatedReason = "ReplicaSetUpdated";
/** The rollout is complete: every replica updated and available. */
export const NewRSAvailableReason = "NewReplicaSetAvailable";
/** No progress within progressDeadlineSeconds. */
export const TimedOutReason = "ProgressDeadlineExceeded";
/** `kubectl rollout pause`. */
export const PausedDeployReason = "DeploymentPaused";
/** `kubectl rollout resume`. */
export const ResumedDeployReason = "DeploymentResumed";

// ---- Available
/** availableReplicas ≥ replicas − maxUnavailable. */
export const MinimumReplicasAvailable = "MinimumReplicasAvailable";
/** availableReplicas < replicas − maxUnavailable. */
export const MinimumReplicasUnavailable = "MinimumReplicasUnavailable";

// ---- Legacy rollback events (reasons of Warning/Normal events, not conditions)
export const RollbackRevisionNotFound = "DeploymentRollbackRevisionNotFound";
export const RollbackTemplateUnchanged = "DeploymentRollbackTemplateUnchanged";
export const RollbackDone = "DeploymentRollback";

/** NewDeploymentCondition: both times are now. */
export function newDeploymentCondition(
  type: DeploymentCondition["type"],
  status: ConditionStatus,
  reason: string,
  message: string,
  now: Time,
): DeploymentCondition {
  return { type, status, reason, message, lastUpdateTime: now, lastTransitionTime: now };
}

export function getDeploymentCondition(
  status: DeploymentStatus,
  type: DeploymentCondition["type"],
): DeploymentCondition | undefined {
  return status.conditions?.find((c) => c.type === type);
}

/**
 * SetDeploymentCondition: nothing changes when status and reason are both unchanged;
 * lastTransitionTime is kept when only the reason changes; the condition moves to the end of
 * the list. Example: Progressing True/ReplicaSetUpdated (since t=5) set to True/NewReplicaSetAvailable
 * at t=40 → lastUpdateTime 40, lastTransitionTime 5.
 */
export function setDeploymentCondition(status: DeploymentStatus, condition: DeploymentCondition): void {
  const current = getDeploymentCondition(status, condition.type);
  if (current !== undefined && current.status === condition.status && current.reason === condition.reason)
    return;
  const next = { ...condition };
  if (current !== undefined && current.status === condition.status)
    next.lastTransitionTime = current.lastTransitionTime;
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== condition.type), next];
}

export function removeDeploymentCondition(status: DeploymentStatus, type: DeploymentCondition["type"]): void {
  if (status.conditions === undefined) return;
  status.conditions = status.conditions.filter((c) => c.type !== type);
}
