/**
 * The Job a CronJob starts (pkg/controller/cronjob/utils.go getJobFromTemplate2, getJobName):
 * named `<cronjob>-<scheduled time in minutes since the Unix epoch>` — the same name for the
 * same activation, so that it is never started twice — with the job template's labels,
 * annotations and spec, the CronJob as controlling owner, and (from 1.28,
 * CronJobsScheduledAnnotation) the scheduled time in RFC 3339 in the CronJob's time zone.
 * Example: "backup" at 2024-01-01T03:00:00Z → "backup-28401300".
 */
import { deepClone } from "../../../k8s/clone.ts";
import { rfc3339In, type Zone } from "../../../k8s/kinds/cronJob/timeZone.ts";
import {
  SCHEDULED_TIMESTAMP_ANNOTATION,
  SCHEDULED_TIMESTAMP_SINCE,
  type CronJob,
} from "../../../k8s/kinds/cronJob/types.ts";
import type { Job } from "../../../k8s/kinds/job/types.ts";
import { newControllerRef } from "../replicaset/controllerRef.ts";

/** getJobName: the scheduled time (Unix seconds) in whole minutes. */
export const jobName = (cronJob: string, scheduledUnix: number): string =>
  `${cronJob}-${Math.floor(scheduledUnix / 60)}`;

/** getJobFromTemplate2, for the activation at `scheduledUnix` (Unix seconds). */
export function jobFromTemplate(cj: CronJob, scheduledUnix: number, zone: Zone, minorVersion: number): Job {
  const template = cj.spec.jobTemplate;
  const labels: Record<string, string> = { ...(template.metadata?.labels ?? {}) };
  const annotations: Record<string, string> = { ...(template.metadata?.annotations ?? {}) };
  if (minorVersion >= SCHEDULED_TIMESTAMP_SINCE)
    annotations[SCHEDULED_TIMESTAMP_ANNOTATION] = rfc3339In(scheduledUnix, zone);
  const job = {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: {
      name: jobName(cj.metadata.name, scheduledUnix),
      labels,
      annotations,
      ownerReferences: [newControllerRef("batch/v1", "CronJob", cj.metadata)],
      ...(cj.metadata.namespace !== undefined ? { namespace: cj.metadata.namespace } : {}),
    },
    spec: deepClone(template.spec),
  };
  return job as unknown as Job;
}
