/**
 * apps/v1 DaemonSet (k8s.io/api/apps/v1 types.go), after SetDefaults_DaemonSet, and the labels
 * and annotations the API server and the DaemonSet controller write on it and its pods, each
 * defined here once.
 */
import type { IntOrString, LabelSelector, ObjectMeta, PodTemplateSpec } from "../../types.ts";

export const DaemonSetLabels = {
  /**
   * DefaultDaemonSetUniqueLabelKey (= ControllerRevisionHashLabelKey): the hash of the template a
   * pod was made from, on the pod and on its ControllerRevision.
   */
  revisionHash: "controller-revision-hash",
  /** DaemonSetTemplateGenerationKey: the template generation a pod was made from. */
  templateGeneration: "pod-template-generation",
} as const;

/**
 * DeprecatedTemplateGeneration: the API server counts the template's changes here
 * (registry/apps/daemonset/strategy.go keeps spec.templateGeneration, which apps/v1 carries as
 * this annotation).
 */
export const TEMPLATE_GENERATION_ANNOTATION = "deprecated.daemonset.template.generation";

export interface RollingUpdateDaemonSet {
  maxUnavailable?: IntOrString;
  maxSurge?: IntOrString;
}

export interface DaemonSetUpdateStrategy {
  type: "RollingUpdate" | "OnDelete";
  rollingUpdate?: RollingUpdateDaemonSet;
}

export interface DaemonSetSpec {
  selector: LabelSelector;
  template: PodTemplateSpec;
  updateStrategy: DaemonSetUpdateStrategy;
  minReadySeconds?: number;
  revisionHistoryLimit: number;
  [other: string]: unknown;
}

/** The four counts without omitempty are always there; the rest only when not zero. */
export interface DaemonSetStatus {
  currentNumberScheduled: number;
  numberMisscheduled: number;
  desiredNumberScheduled: number;
  numberReady: number;
  observedGeneration?: number;
  updatedNumberScheduled?: number;
  numberAvailable?: number;
  numberUnavailable?: number;
  collisionCount?: number;
  [other: string]: unknown;
}

export interface DaemonSet {
  apiVersion: "apps/v1";
  kind: "DaemonSet";
  metadata: ObjectMeta;
  spec: DaemonSetSpec;
  status: DaemonSetStatus;
}

/** PrepareForCreate: `daemonSet.Status = apps.DaemonSetStatus{}`, as apps/v1 writes it. */
export const emptyDaemonSetStatus = (): DaemonSetStatus => ({
  currentNumberScheduled: 0,
  numberMisscheduled: 0,
  desiredNumberScheduled: 0,
  numberReady: 0,
});
