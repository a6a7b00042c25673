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
