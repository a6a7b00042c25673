/**
 * The annotations the deployment controller and kubectl write on Deployments and their
 * ReplicaSets (pkg/controller/deployment/util/deployment_util.go, kubectl rollback.go).
 */
import { KubectlAnnotations } from "../../annotations.ts";

export const DeploymentAnnotations = {
  /** RevisionAnnotation: the revision of a ReplicaSet, and of its Deployment. */
  revision: "deployment.kubernetes.io/revision",
  /** RevisionHistoryAnnotation: earlier revisions a ReplicaSet held. */
  revisionHistory: "deployment.kubernetes.io/revision-history",
  /** DesiredReplicasAnnotation: the Deployment's replicas when the ReplicaSet was last scaled. */
  desiredReplicas: "deployment.kubernetes.io/desired-replicas",
  /** MaxReplicasAnnotation: replicas + maxSurge at that time. */
  maxReplicas: "deployment.kubernetes.io/max-replicas",
  /** The extensions/v1beta1 rollback request (rollbackTo). */
  deprecatedRollbackTo: "deprecated.deployment.rollback.to",
} as const;

/**
 * annotationsToSkip (deployment_util.go; kubectl's rollback.go keeps the same list): never
 * copied from a Deployment to its ReplicaSets, nor from a ReplicaSet back on rollback.
 */
export const annotationsToSkip: readonly string[] = [
  KubectlAnnotations.lastAppliedConfiguration,
  DeploymentAnnotations.revision,
  DeploymentAnnotations.revisionHistory,
  DeploymentAnnotations.desiredReplicas,
  DeploymentAnnotations.maxReplicas,
  DeploymentAnnotations.deprecatedRollbackTo,
];
