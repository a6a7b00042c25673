/**
 * batch/v1 Job (k8s.io/api/batch/v1 types.go) after SetDefaults_Job, and the labels,
 * annotations and finalizer the API server and the Job controller put on it and its pods,
 * each defined here once.
 */
import type { LabelSelector, ObjectMeta, PodTemplateSpec, Time } from "../../types.ts";

/**
 * The labels the API server adds to a Job's template (strategy.go generateSelector): the
 * `batch.kubernetes.io/` forms (Kubernetes 1.27 and later) and the legacy unprefixed ones,
 * which every version since still adds.
 */
export const JobLabels = {
  jobName: "batch.kubernetes.io/job-name",
  controllerUid: "batch.kubernetes.io/controller-uid",
  legacyJobName: "job-name",
  legacyControllerUid: "controller-uid",
  /** PodIndexLabel (beta in 1.28, on): an Indexed Job's pod carries its completion index as a label too. */
  completionIndex: "batch.kubernetes.io/job-completion-index",
} as const;

/** JobCompletionIndexAnnotation: the completion index of an Indexed Job's pod. */
export const COMPLETION_INDEX_ANNOTATION = "batch.kubernetes.io/job-completion-index";

/** JobTrackingFinalizer: a pod keeps it until the Job controller has counted it. */
export const JOB_TRACKING_FINALIZER = "batch.kubernetes.io/job-tracking";

export type CompletionMode = "NonIndexed" | "Indexed";

/** JobIndexFailureCountAnnotation: how many pods of the index failed before this one (backoffLimitPerIndex). */
export const INDEX_FAILURE_COUNT_ANNOTATION = "batch.kubernetes.io/job-index-failure-count";
/** JobIndexIgnoredFailureCountAnnotation: the failures of the index an Ignore rule did not count. */
export const INDEX_IGNORED_FAILURE_COUNT_ANNOTATION = "batch.kubernetes.io/job-index-ignored-failure-count";

export type PodFailurePolicyAction = "FailJob" | "FailIndex" | "Ignore" | "Count";

/** PodFailurePolicyOnExitCodesRequirement: the failed pod's non-zero exit codes (of one container, or any). */
export interface OnExitCodes {
  containerName?: string;
  operator: "In" | "NotIn";
  values: number[];
}

/** PodFailurePolicyOnPodConditionsPattern: a pod condition of this type and status (True by default). */
export interface OnPodCondition {
  type: string;
  status: "True" | "False" | "Unknown";
}

export interface PodFailurePolicyRule {
  action: PodFailurePolicyAction;
  onExitCodes?: OnExitCodes;
  onPodConditions?: OnPodCondition[];
}

export interface SuccessPolicyRule {
  succeededIndexes?: string;
  succeededCount?: number;
}

export interface JobSpec {
  parallelism: number;
  completions?: number;
  activeDeadlineSeconds?: number;
  backoffLimit: number;
  selector?: LabelSelector;
  manualSelector?: boolean;
  template: PodTemplateSpec;
  ttlSecondsAfterFinished?: number;
  completionMode: CompletionMode;
  suspend: boolean;
  podReplacementPolicy?: "TerminatingOrFailed" | "Failed";
  podFailurePolicy?: { rules: PodFailurePolicyRule[] };
  successPolicy?: { rules: SuccessPolicyRule[] };
  backoffLimitPerIndex?: number;
  maxFailedIndexes?: number;
  [other: string]: unknown;
}

export interface JobCondition {
  type: string;
  status: "True" | "False" | "Unknown";
  lastProbeTime?: Time;
  lastTransitionTime?: Time;
  reason?: string;
  message?: string;
}

export interface UncountedTerminatedPods {
  succeeded?: string[];
  failed?: string[];
}

/** The status fields the controller writes (encoding/json omits the empty ones). */
export interface JobStatus {
  conditions?: JobCondition[];
  startTime?: Time;
  completionTime?: Time;
  active?: number;
  succeeded?: number;
  failed?: number;
  terminating?: number;
  completedIndexes?: string;
  /** Set (possibly "") when backoffLimitPerIndex is: the indexes that failed for good. */
  failedIndexes?: string;
  uncountedTerminatedPods?: UncountedTerminatedPods;
  ready?: number;
  [other: string]: unknown;
}

export interface Job {
  apiVersion: "batch/v1";
  kind: "Job";
  metadata: ObjectMeta;
  spec: JobSpec;
  status?: JobStatus;
}

/** FinishedCondition (pkg/controller/job/util): the Complete or Failed condition with status True. */
export function finishedCondition(job: Pick<Job, "status">): JobCondition | undefined {
  return (job.status?.conditions ?? []).find(
    (c) => (c.type === "Complete" || c.type === "Failed") && c.status === "True",
  );
}

/** IsJobFinished (pkg/controller/job/util): a Complete or Failed condition with status True. */
export function isJobFinished(job: Pick<Job, "status">): boolean {
  return finishedCondition(job) !== undefined;
}

/** The finished condition's time, if the Job has finished (the TTL counts from it). */
export function jobFinishTime(job: Pick<Job, "status">): Time | undefined {
  return finishedCondition(job)?.lastTransitionTime;
}
