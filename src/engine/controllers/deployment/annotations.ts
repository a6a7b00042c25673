/**
 * The annotation keys the Deployment controller reads and writes
 * (pkg/controller/deployment/util/deployment_util.go, apps types, kubectl).
 */

/** The revision of a ReplicaSet (and, copied from its new ReplicaSet, of the Deployment). */
export const RevisionAnnotation = "deployment.kubernetes.io/revision";
/** Revisions a ReplicaSet held before it was rolled back to, comma-separated. */
export const RevisionHistoryAnnotation = "deployment.kubernetes.io/revision-history";
/** spec.replicas of the Deployment when it last scaled this ReplicaSet. */
export const DesiredReplicasAnnotation = "deployment.kubernetes.io/desired-replicas";
/** spec.replicas + maxSurge of the Deployment when it last scaled this ReplicaSet. */
export const MaxReplicasAnnotation = "deployment.kubernetes.io/max-replicas";
/** The legacy rollbackTo field of extensions/v1beta1 and apps/v1beta1, kept as an annotation. */
export const DeprecatedRollbackTo = "deprecated.deployment.rollback.to";
/** `kubectl apply`'s record of the applied manifest. */
export const LastAppliedConfigAnnotation = "kubectl.kubernetes.io/last-applied-configuration";
/** `--record`'s command line, shown by `kubectl rollout history`. */
export const ChangeCauseAnnotation = "kubernetes.io/change-cause";

/** maxRevHistoryLengthInChars (sync.go): the revision-history annotation is cut to 2000 characters. */
export const MAX_REV_HISTORY_LENGTH_IN_CHARS = 2000;

/** annotationsToSkip: never copied from a Deployment to its ReplicaSets (nor back on rollback). */
export const annotationsToSkip: ReadonlySet<string> = new Set([
  LastAppliedConfigAnnotation,
  RevisionAnnotation,
  RevisionHistoryAnnotation,
  DesiredReplicasAnnotation,
  MaxReplicasAnnotation,
  DeprecatedRollbackTo,
]);

export const skipCopyAnnotation = (key: string): boolean => annotationsToSkip.has(key);
