/**
 * batch/v1 CronJob (k8s.io/api/batch/v1 types.go) after SetDefaults_CronJob, and the
 * annotations the CronJob controller and kubectl put on the Jobs made from it, each defined
 * here once.
 */
import type { ObjectMeta, Time } from "../../types.ts";
import type { JobSpec } from "../job/types.ts";

/**
 * CronJobScheduledTimestampAnnotation (feature CronJobsScheduledAnnotation, beta and on from
 * 1.28, GA in 1.32): a Job's scheduled time in RFC 3339, in the CronJob's time zone.
 */
export const SCHEDULED_TIMESTAMP_ANNOTATION = "batch.kubernetes.io/cronjob-scheduled-timestamp";

/** The Kubernetes minor version from which the controller writes it. */
export const SCHEDULED_TIMESTAMP_SINCE = 28;

/** What `kubectl create job --from=cronjob/X` marks its Job with (create_job.go). */
export const INSTANTIATE_ANNOTATION = "cronjob.kubernetes.io/instantiate";

export type ConcurrencyPolicy = "Allow" | "Forbid" | "Replace";

export interface JobTemplateSpec {
  metadata?: ObjectMeta;
  spec: Partial<JobSpec> & Pick<JobSpec, "template">;
}

export interface CronJobSpec {
  schedule: string;
  timeZone?: string;
  startingDeadlineSeconds?: number;
  concurrencyPolicy: ConcurrencyPolicy;
  suspend: boolean;
  jobTemplate: JobTemplateSpec;
  successfulJobsHistoryLimit: number;
  failedJobsHistoryLimit: number;
  [other: string]: unknown;
}

/** corev1.ObjectReference as ref.GetReference makes it for a Job (field order as the Go struct's). */
export interface JobReference {
  kind: "Job";
  namespace: string;
  name: string;
  uid: string;
  apiVersion: "batch/v1";
  resourceVersion: string;
}

export interface CronJobStatus {
  active?: JobReference[];
  lastScheduleTime?: Time;
  lastSuccessfulTime?: Time;
  [other: string]: unknown;
}

export interface CronJob {
  apiVersion: "batch/v1";
  kind: "CronJob";
  metadata: ObjectMeta;
  spec: CronJobSpec;
  status?: CronJobStatus;
}
