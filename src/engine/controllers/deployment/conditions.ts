/**
 * Deployment conditions: the reasons the controller writes (the Deployment kind's,
 * src/k8s/kinds/deployment/conditions.ts) and the helpers that set them
 * (pkg/controller/deployment/util/deployment_util.go).
 */
import { getDeploymentCondition } from "../../../k8s/kinds/deployment/conditions.ts";
import type { DeploymentCondition, DeploymentStatus, ConditionStatus, Time } from "../../../k8s/types.ts";

export {
  NewRSReason,
  FailedRSCreateReason,
  FoundNewRSReason,
  ReplicaSetUpdatedReason,
  NewRSAvailableReason,
  TimedOutReason,
  PausedDeployReason,
  ResumedDeployReason,
  MinimumReplicasAvailable,
  MinimumReplicasUnavailable,
  RollbackRevisionNotFound,
  RollbackTemplateUnchanged,
  RollbackDone,
  getDeploymentCondition,
} from "../../../k8s/kinds/deployment/conditions.ts";

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
