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

/** strconv.ParseInt(s, 10, 64) for the values annotations carry; undefined on a parse error. */
export function parseInt64(s: string): number | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  return Number.parseInt(s, 10);
}

/**
 * deploymentutil.Revision, as the controller and kubectl read it: the revision annotation; a
 * missing one is 0; an unparseable one is undefined (an error in Go). Example: "3" → 3, "x" → undefined.
 */
export function revision(obj: { metadata: { annotations?: Record<string, string> } }): number | undefined {
  const v = obj.metadata.annotations?.[DeploymentAnnotations.revision];
  if (v === undefined) return 0;
  return parseInt64(v);
}

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
