/**
 * The annotation keys the Deployment controller reads and writes, under the names
 * pkg/controller/deployment/util/deployment_util.go gives them; each key is defined once, by
 * the Deployment kind (src/k8s/kinds/deployment/annotations.ts) or kubectl's (src/k8s/annotations.ts).
 */
import { KubectlAnnotations } from "../../../k8s/annotations.ts";
import { annotationsToSkip, DeploymentAnnotations } from "../../../k8s/kinds/deployment/annotations.ts";

export const RevisionAnnotation = DeploymentAnnotations.revision;
export const RevisionHistoryAnnotation = DeploymentAnnotations.revisionHistory;
export const DesiredReplicasAnnotation = DeploymentAnnotations.desiredReplicas;
export const MaxReplicasAnnotation = DeploymentAnnotations.maxReplicas;
export const DeprecatedRollbackTo = DeploymentAnnotations.deprecatedRollbackTo;
export const ChangeCauseAnnotation = KubectlAnnotations.changeCause;

/** maxRevHistoryLengthInChars (sync.go): the revision-history annotation is cut to 2000 characters. */
export const MAX_REV_HISTORY_LENGTH_IN_CHARS = 2000;

const skipped: ReadonlySet<string> = new Set(annotationsToSkip);

export const skipCopyAnnotation = (key: string): boolean => skipped.has(key);
