/**
 * Every message the Deployment controller writes into events and conditions, worded as
 * Kubernetes v1.28 words them (sync.go, progress.go, rollback.go, deployment_controller.go).
 */

/** scaleReplicaSet's event (v1.28 appends " from <old>"; older releases did not). */
export const scaledReplicaSet = (direction: "up" | "down", rs: string, to: number, from: number) =>
  `Scaled ${direction} replica set ${rs} to ${to} from ${from}`;
/** getNewReplicaSet's event when it creates the new ReplicaSet with n > 0 replicas. */
export const scaledUpNewReplicaSet = (rs: string, to: number) => `Scaled up replica set ${rs} to ${to}`;

export const createdNewReplicaSet = (rs: string) => `Created new replica set "${rs}"`;
export const foundNewReplicaSet = (rs: string) => `Found new replica set "${rs}"`;
export const failedToCreateReplicaSet = (rs: string, err: string) =>
  `Failed to create new replica set "${rs}": ${err}`;

/** progress.go: the subject is the new ReplicaSet when there is one, else the Deployment. */
const subject = (deployment: string, newRS: string | undefined) =>
  newRS !== undefined ? `ReplicaSet "${newRS}"` : `Deployment "${deployment}"`;
export const successfullyProgressed = (d: string, rs: string | undefined) =>
  `${subject(d, rs)} has successfully progressed.`;
export const isProgressing = (d: string, rs: string | undefined) => `${subject(d, rs)} is progressing.`;
export const timedOutProgressing = (d: string, rs: string | undefined) =>
  `${subject(d, rs)} has timed out progressing.`;

export const deploymentPaused = "Deployment is paused";
export const deploymentResumed = "Deployment is resumed";
export const minimumAvailability = "Deployment has minimum availability.";
export const noMinimumAvailability = "Deployment does not have minimum availability.";
export const selectingAll = "This deployment is selecting all pods. A non-empty selector is required.";

export const rolledBack = (d: string, revision: number) =>
  `Rolled back deployment "${d}" to revision ${revision}`;
export const rollbackTemplateUnchanged = (d: string) =>
  `The rollback revision contains the same template as current deployment "${d}"`;
export const unableToFindLastRevision = "Unable to find last revision.";
export const unableToFindRevision = "Unable to find the revision to rollback to.";
