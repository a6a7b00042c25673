/**
 * The reasons a Deployment's conditions (and the controller's rollback events) carry, grouped
 * by condition as pkg/controller/deployment/util/deployment_util.go groups them; the
 * controller sets them, `kubectl rollout status` reads them.
 */
import type { DeploymentCondition, DeploymentStatus } from "../../types.ts";

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

/** GetDeploymentCondition: the condition of that type, if the status has one. */
export function getDeploymentCondition(
  status: DeploymentStatus,
  type: DeploymentCondition["type"],
): DeploymentCondition | undefined {
  return status.conditions?.find((c) => c.type === type);
}
