/**
 * backoffLimitPerIndex for an Indexed Job (Kubernetes 1.34, pkg/controller/job
 * indexed_job_utils.go, backoff_utils.go getRemainingTimePerIndex): each index has its own
 * failure count, carried from a failed pod to its replacement in the annotation
 * batch.kubernetes.io/job-index-failure-count (failures an Ignore rule matched go to
 * job-index-ignored-failure-count instead). An index whose count reached the limit, or whose pod
 * a FailIndex rule matched, has failed for good: it is in status.failedIndexes and gets no new
 * pod. The failed pod of an index waiting for its replacement keeps its tracking finalizer
 * until the replacement exists, so that the count can be read from it; the replacement waits
 * out a back-off of its own (10 s doubling per failure of the index, to 10 minutes).
 */
import {
  INDEX_FAILURE_COUNT_ANNOTATION,
  INDEX_IGNORED_FAILURE_COUNT_ANNOTATION,
  type Job,
} from "../../../k8s/kinds/job/types.ts";
import type { Pod, Time } from "../../../k8s/types.ts";
import { matchPodFailurePolicy } from "./policies.ts";

/** DefaultJobPodFailureBackOff and MaxJobPodFailureBackOff. */
export const POD_FAILURE_BACKOFF = { initial: 10, max: 600 } as const;

/** parseInt32 of an annotation: 0 when absent, unreadable, negative or above MaxInt32. */
function annotationCount(pod: Pod, key: string): number {
  const v = pod.metadata.annotations?.[key];
  if (v === undefined || !/^[+-]?\d+$/.test(v)) return 0;
  const n = Number(v);
  return n < 0 || n > 2147483647 ? 0 : n;
}

/** getIndexFailureCount: the failures of the index counted before this pod. */
export const indexFailureCount = (pod: Pod): number => annotationCount(pod, INDEX_FAILURE_COUNT_ANNOTATION);

/** getIndexAbsoluteFailureCount: counted and ignored failures of the index before this pod. */
export const indexAbsoluteFailureCount = (pod: Pod): number =>
  indexFailureCount(pod) + annotationCount(pod, INDEX_IGNORED_FAILURE_COUNT_ANNOTATION);

/**
 * isIndexFailed: the failed pod's index has failed for good — a FailIndex rule matched it, or
 * its counted failure is the backoffLimitPerIndex-th one past the first (the count before it
 * reached the limit).
 */
export function isIndexFailed(job: Job, pod: Pod, failed: boolean): boolean {
  if (!failed) return false;
  let counted = true;
  if (job.spec.podFailurePolicy !== undefined) {
    const match = matchPodFailurePolicy(job, pod);
    if (match.action === "FailIndex") return true;
    counted = match.countFailed;
  }
  return counted && indexFailureCount(pod) >= (job.spec.backoffLimitPerIndex ?? 0);
}

/**
 * getNewIndexFailureCounts and addIndexFailureCountAnnotation: the annotations of a new pod for
 * an index — its failure count, one more than the replaced pod's when that failure counted;
 * the ignored count, when any. Example: replacing a pod with count 1 whose failure counted →
 * {job-index-failure-count: "2"}.
 */
export function indexFailureAnnotations(job: Job, replaced: Pod | undefined): Record<string, string> {
  let count = 0;
  let ignored = 0;
  if (replaced !== undefined) {
    count = indexFailureCount(replaced);
    ignored = annotationCount(replaced, INDEX_IGNORED_FAILURE_COUNT_ANNOTATION);
    if (job.spec.podFailurePolicy === undefined || matchPodFailurePolicy(job, replaced).countFailed) count++;
    else ignored++;
  }
  return {
    [INDEX_FAILURE_COUNT_ANNOTATION]: String(count),
    ...(ignored > 0 ? { [INDEX_IGNORED_FAILURE_COUNT_ANNOTATION]: String(ignored) } : {}),
  };
}

/**
 * getRemainingTimeForFailuresCount: the back-off after `failures` failures (10 s, doubling per
 * failure after the first, capped at 10 minutes) less the time since the last one.
 */
export function remainingBackoff(failures: number, lastFailure: Time, now: Time): number {
  if (failures === 0) return 0;
  let backoff: number = POD_FAILURE_BACKOFF.initial;
  for (let i = 1; i < failures; i++) {
    backoff *= 2;
    if (backoff >= POD_FAILURE_BACKOFF.max) {
      backoff = POD_FAILURE_BACKOFF.max;
      break;
    }
  }
  const elapsed = now - lastFailure;
  return backoff < elapsed ? 0 : backoff - elapsed;
}
