/**
 * The Job controller: pkg/controller/job/job_controller.go syncJob, manageJob and
 * trackJobStatusAndRemoveFinalizers (Kubernetes 1.34, JobPodReplacementPolicy and the delayed
 * terminal conditions on), as an outline:
 *
 * 1. A finished Job (Complete or Failed) is left alone.
 * 2. Its pods are those whose controller reference is the Job; active ones are neither
 *    Succeeded nor Failed nor being deleted. New finished pods (still carrying the tracking
 *    finalizer) are added to the counts: succeeded = status.succeeded + new; failed likewise,
 *    a pod being deleted counting as failed unless it succeeded (isPodFailed). startTime is set
 *    on the first sync of a Job that is not suspended.
 * 3. The Job fails — FailureTarget first, then Failed once no pod terminates — when failed
 *    exceeds backoffLimit (or, under restartPolicy OnFailure, its pods' restarts reach it):
 *    BackoffLimitExceeded "Job has reached the specified backoff limit"; or when it has been
 *    active activeDeadlineSeconds: DeadlineExceeded "Job was active longer than specified
 *    deadline". Its active pods are deleted then. With a deadline to come, it looks again then.
 * 4. Otherwise manageJob: a suspended Job's pods are deleted; else it wants
 *    min(completions - succeeded, parallelism) pods (parallelism while none succeeded, for a
 *    Job without completions), deletes the surplus, and creates the missing ones — NonIndexed
 *    `<job>-<rand5>`, Indexed the lowest pending indexes `<job>-<index>-<rand5>` (pods.ts) —
 *    unless the pod-failure back-off holds: 10 s after one failure since the last success,
 *    doubling per further failure up to 10 minutes, counted from the last failure
 *    (backoff_utils.go; it is read from the pods here, which stay until the Job goes).
 * 5. It succeeds — SuccessCriteriaMet, then Complete — once succeeded reaches completions
 *    (any success, for a Job without completions) and nothing is active.
 * 6. The status: finished pods go into uncountedTerminatedPods, the interim condition with
 *    them (one status write), their tracking finalizers are removed (one pod write each), then
 *    the counts move to succeeded/failed and the terminal condition with completionTime is set
 *    (a second status write), with the event Completed "Job completed", or the Warning of the
 *    failure's reason and message.
 *
 * Events follow RealPodControl (SuccessfulCreate "Created pod: x", SuccessfulDelete "Deleted
 * pod: x") from job-controller. Expectations are not modelled: the engine applies every write
 * before the next sync.
 *
 * The policies (policies.ts, perIndex.ts): a podFailurePolicy's FailJob rule fails the Job at
 * step 3 (reason PodFailurePolicy), an Ignore rule keeps a failure out of the counts, and with
 * a policy only failed pods are replaced; under backoffLimitPerIndex an Indexed Job's indexes
 * fail one by one (status.failedIndexes; FailedIndexes once every index is done,
 * MaxFailedIndexesExceeded beyond maxFailedIndexes), each with its own back-off; a
 * successPolicy rule met by the succeeded indexes ends the Job as SuccessCriteriaMet (reason
 * SuccessPolicy) and deletes the pods still running.
 *
 * The tracking finalizer holds a deleted pod in the API server (Terminating, then with the
 * kubelet's terminal status) until step 6 has counted it and taken the finalizer off, so no pod
 * leaves uncounted; the pods of a Job deleted or finished, and pods whose controller reference
 * was taken away, lose it through syncOrphanPod (orphans.ts). Not modelled: manualSelector's
 * adoption of orphans, managedBy.
 */
import { isJobFinished, type Job, type JobCondition, type JobStatus } from "../../../k8s/kinds/job/types.ts";
import { involvedObjectOf, parseQualifiedName } from "../../../k8s/namespaces.ts";
import type { EventDraft, KubeObject, Pod, Time } from "../../../k8s/types.ts";
import {
  emptyResult,
  type Controller,
  type ControllerContext,
  type ReconcileResult,
} from "../../controller.ts";
import { isControlledBy } from "../replicaset/controllerRef.ts";
import { isPodActive, isPodReady } from "../replicaset/pods.ts";
import { activePodsLess, sortByLess } from "../replicaset/ranking.ts";
import { firstPendingIndexes, indexesText, parseIndexes } from "./indexes.ts";
import {
  indexAbsoluteFailureCount,
  indexFailureAnnotations,
  isIndexFailed,
  remainingBackoff,
} from "./perIndex.ts";
import { matchPodFailurePolicy, matchSuccessPolicy } from "./policies.ts";
import { orphanFinalizerRemovals, tracked, withoutFinalizer } from "./orphans.ts";
import { completionIndexOf, newJobPod } from "./pods.ts";
import { SYNC_JOB_BATCH_PERIOD, jobWatches } from "./watches.ts";

export { newJobPod, completionIndexOf } from "./pods.ts";
export { indexesText, parseIndexes } from "./indexes.ts";

const SOURCE = "job-controller";

export { POD_FAILURE_BACKOFF } from "./perIndex.ts";

/** MaxPodCreateDeletePerSync and MaxUncountedPods. */
const MAX_POD_CREATE_DELETE_PER_SYNC = 500;
const MAX_UNCOUNTED_PODS = 500;

export const JobReasons = {
  backoffLimitExceeded: {
    reason: "BackoffLimitExceeded",
    message: "Job has reached the specified backoff limit",
  },
  deadlineExceeded: { reason: "DeadlineExceeded", message: "Job was active longer than specified deadline" },
  completionsReached: { reason: "CompletionsReached", message: "Reached expected number of succeeded pods" },
  failedIndexes: { reason: "FailedIndexes", message: "Job has failed indexes" },
  maxFailedIndexesExceeded: {
    reason: "MaxFailedIndexesExceeded",
    message: "Job has exceeded the specified maximal number of failed indexes",
  },
} as const;

/** JobReasonPodFailurePolicy and JobReasonSuccessPolicy: the conditions' reasons when a policy decided. */
export const POD_FAILURE_POLICY_REASON = "PodFailurePolicy";
export const SUCCESS_POLICY_REASON = "SuccessPolicy";

/** The Job controller as the engine runs it: a work queue of Jobs (watches.ts). */
export const jobController: Controller = {
  name: "job",
  kind: "Job",
  watches: jobWatches,
  reconcile: (ctx, key) => reconcileJob(ctx, key),
};

/**
 * onlyReplaceFailedPods: podReplacementPolicy Failed, or a pod failure policy (whose rules
 * need the pod's end state, so a terminating pod is waited for).
 */
const onlyReplaceFailedPods = (job: Job): boolean =>
  job.spec.podReplacementPolicy === "Failed" || job.spec.podFailurePolicy !== undefined;

/**
 * isPodFailed: Failed, or — unless only failed pods are replaced — being deleted without
 * having succeeded (a pod that never got to its end counts as a failure).
 */
export function isPodFailed(p: Pod, job: Job): boolean {
  if (p.status.phase === "Failed") return true;
  if (onlyReplaceFailedPods(job)) return false;
  return p.metadata.deletionTimestamp !== undefined && p.status.phase !== "Succeeded";
}

/**
 * getFinishedTime (backoff_utils.go): when the Ready condition turned False after the pod's
 * creation, else its containers' last finishedAt, else its deletionTimestamp, else now.
 */
export function finishedTime(p: Pod, now: Time): Time {
  const ready = p.status.conditions?.find((c) => c.type === "Ready");
  if (ready && ready.status === "False" && ready.lastTransitionTime > (p.metadata.creationTimestamp ?? 0))
    return ready.lastTransitionTime;
  let last: Time | undefined;
  for (const cs of [...(p.status.initContainerStatuses ?? []), ...(p.status.containerStatuses ?? [])]) {
    const t = cs.state?.terminated?.finishedAt;
    if (t !== undefined && (last === undefined || t > last)) last = t;
  }
  return last ?? p.metadata.deletionTimestamp ?? now;
}

/**
 * The pod-failure back-off left before the Job may create pods again (newBackoffRecord,
 * getRemainingTimeForFailuresCount): failures since the last success, the back-off doubling
 * from 10 s per failure after the first, capped at 10 minutes, less the time since the last
 * failure. Example: 2 failures, the last 5 s ago → 20 - 5 = 15 s.
 */
export function backoffRemaining(pods: readonly Pod[], job: Job, now: Time): number {
  let lastSuccess = Number.NEGATIVE_INFINITY;
  for (const p of pods)
    if (p.status.phase === "Succeeded") lastSuccess = Math.max(lastSuccess, finishedTime(p, now));
  let failures = 0;
  let lastFailure = Number.NEGATIVE_INFINITY;
  for (const p of pods) {
    if (p.status.phase === "Succeeded" || !isPodFailed(p, job)) continue;
    const t = finishedTime(p, now);
    if (t <= lastSuccess) continue;
    failures++;
    lastFailure = Math.max(lastFailure, t);
  }
  return remainingBackoff(failures, lastFailure, now);
}

/** pastBackoffLimitOnFailure: under OnFailure, the restarts of the pods still running reach backoffLimit. */
function pastBackoffLimitOnFailure(job: Job, pods: readonly Pod[]): boolean {
  if (job.spec.template.spec.restartPolicy !== "OnFailure") return false;
  let restarts = 0;
  for (const p of pods)
    if (p.status.phase === "Running" || p.status.phase === "Pending")
      for (const cs of [...(p.status.initContainerStatuses ?? []), ...(p.status.containerStatuses ?? [])])
        restarts += cs.restartCount ?? 0;
  return job.spec.backoffLimit === 0 ? restarts > 0 : restarts >= job.spec.backoffLimit;
}

const condition = (type: string, reason: string, message: string, now: Time): JobCondition => ({
  type,
  status: "True",
  lastProbeTime: now,
  lastTransitionTime: now,
  reason,
  message,
});

const findTrue = (status: JobStatus, type: string): JobCondition | undefined =>
  status.conditions?.find((c) => c.type === type && c.status === "True");

/**
 * ensureJobConditionStatus: an existing condition of the type takes the status (a new
 * transition time when it changes) and the reason and message; a True one is appended when
 * missing (a False one is not: from nothing to False says nothing). Whether anything changed.
 */
function ensureCondition(status: JobStatus, c: JobCondition, now: Time): boolean {
  const list = (status.conditions ??= []);
  const i = list.findIndex((x) => x.type === c.type);
  if (i === -1) {
    if (c.status !== "True") return false;
    list.push({ ...c, lastProbeTime: now, lastTransitionTime: now });
    return true;
  }
  const old = list[i];
  if (old.status !== c.status) {
    list[i] = {
      ...old,
      status: c.status,
      reason: c.reason,
      message: c.message,
      lastProbeTime: now,
      lastTransitionTime: now,
    };
    return true;
  }
  if (old.reason !== c.reason || old.message !== c.message) {
    list[i] = { ...old, reason: c.reason, message: c.message, lastProbeTime: now };
    return true;
  }
  return false;
}

/** One sync of the Job a work-queue key names (its qualified name: `migrate`, `prod/migrate`). */
export function reconcileJob(ctx: ControllerContext, key: string): ReconcileResult {
  const result = emptyResult();
  const { namespace, name } = parseQualifiedName(key);
  const stored = ctx.store.get("Job", namespace, name) as unknown as Job | undefined;
  // A Job gone or finished counts no more pods: its pods' finalizers come off (orphans.ts).
  if (stored === undefined || isJobFinished(stored)) {
    result.writes = orphanFinalizerRemovals(ctx.store, namespace, name, stored);
    return result;
  }
  const job = structuredClone(stored);
  const status: JobStatus = (job.status ??= {});
  const now = ctx.now;
  const object = `Job/${key}`;
  const spec = job.spec;
  const indexed = spec.completionMode === "Indexed";
  const completions = spec.completions;
  const suspended = spec.suspend === true;
  const event = (type: "Normal" | "Warning", reason: string, message: string): EventDraft => ({
    type,
    reason,
    message,
    involvedObject: involvedObjectOf(stored as unknown as KubeObject),
    source: SOURCE,
  });

  const uncounted = {
    succeeded: new Set(status.uncountedTerminatedPods?.succeeded ?? []),
    failed: new Set(status.uncountedTerminatedPods?.failed ?? []),
  };
  const pods = (ctx.store.list("Pod", namespace) as readonly Pod[]).filter((p) =>
    isControlledBy(p.metadata, "Job", job.metadata),
  );
  const validIndex = (p: Pod): boolean => {
    if (!indexed) return true;
    const ix = completionIndexOf(p);
    return ix !== undefined && ix < (completions ?? 0);
  };
  const activePods = pods.filter(isPodActive);
  let active = activePods.length;
  let ready = activePods.filter(isPodReady).length;
  let terminating = pods.filter(
    (p) =>
      p.metadata.deletionTimestamp !== undefined &&
      p.status.phase !== "Succeeded" &&
      p.status.phase !== "Failed",
  ).length;
  const uidOf = (p: Pod): string => p.metadata.uid ?? "";
  const newSucceeded = pods.filter(
    (p) =>
      tracked(p) && !uncounted.succeeded.has(uidOf(p)) && validIndex(p) && p.status.phase === "Succeeded",
  );
  const newFailed = pods.filter(
    (p) => tracked(p) && !uncounted.failed.has(uidOf(p)) && validIndex(p) && isPodFailed(p, job),
  );
  let succeeded = (status.succeeded ?? 0) + newSucceeded.length + uncounted.succeeded.size;
  const policy = spec.podFailurePolicy;
  // nonIgnoredFailedPodsCount: a failure an Ignore rule matched does not count.
  const newCounted =
    policy === undefined
      ? newFailed.length
      : newFailed.filter((p) => matchPodFailurePolicy(job, p).countFailed).length;
  const failed = (status.failed ?? 0) + newCounted + uncounted.failed.size;
  if (status.startTime === undefined && !suspended) status.startTime = now;

  // The terminal condition this sync reaches, if any (jobCtx.finishedCondition).
  let finished: JobCondition | undefined = findTrue(status, "SuccessCriteriaMet");
  if (finished === undefined) {
    const target = findTrue(status, "FailureTarget");
    if (target) finished = condition("Failed", target.reason ?? "", target.message ?? "", now);
    else if (policy !== undefined) {
      // getFailJobMessage: the first failed pod (in the informer's order) a FailJob rule matches.
      for (const p of pods) {
        if (!isPodFailed(p, job)) continue;
        const message = matchPodFailurePolicy(job, p).failJobMessage;
        if (message === undefined) continue;
        finished = condition("FailureTarget", POD_FAILURE_POLICY_REASON, message, now);
        break;
      }
    }
  }
  if (finished === undefined) {
    const startTime = status.startTime;
    const deadline = spec.activeDeadlineSeconds;
    if (failed > spec.backoffLimit || pastBackoffLimitOnFailure(job, pods)) {
      const r = JobReasons.backoffLimitExceeded;
      finished = condition("FailureTarget", r.reason, r.message, now);
    } else if (
      deadline !== undefined &&
      startTime !== undefined &&
      !suspended &&
      now - startTime >= deadline
    ) {
      const r = JobReasons.deadlineExceeded;
      finished = condition("FailureTarget", r.reason, r.message, now);
    } else if (deadline !== undefined && startTime !== undefined && !suspended) {
      result.requeueAfter = deadline - (now - startTime);
    }
  }

  let prevSucceededIndexes = new Set<number>();
  let succeededIndexes = new Set<number>();
  const perIndex = indexed && spec.backoffLimitPerIndex !== undefined;
  let failedIndexes: Set<number> | undefined;
  let delayedPerIndex = new Map<number, Pod>();
  if (indexed) {
    prevSucceededIndexes = parseIndexes(status.completedIndexes, completions ?? 0);
    succeededIndexes = new Set(prevSucceededIndexes);
    for (const p of pods)
      if (p.status.phase === "Succeeded" && tracked(p) && validIndex(p))
        succeededIndexes.add(completionIndexOf(p)!);
    succeeded = succeededIndexes.size;
    if (perIndex) {
      // calculateFailedIndexes: the recorded ones and those whose pod failed for good since.
      failedIndexes = parseIndexes(status.failedIndexes, completions ?? 0);
      for (const p of pods)
        if (tracked(p) && validIndex(p) && isIndexFailed(job, p, isPodFailed(p, job)))
          failedIndexes.add(completionIndexOf(p)!);
      if (finished === undefined) {
        const max = spec.maxFailedIndexes;
        if (max !== undefined && failedIndexes.size > max) {
          const r = JobReasons.maxFailedIndexesExceeded;
          finished = condition("FailureTarget", r.reason, r.message, now);
        } else if (
          failedIndexes.size > 0 &&
          failedIndexes.size + succeededIndexes.size >= (completions ?? 0)
        ) {
          const r = JobReasons.failedIndexes;
          finished = condition("FailureTarget", r.reason, r.message, now);
        }
      }
      delayedPerIndex = podsWithDelayedDeletionPerIndex(failedIndexes);
    }
    // matchSuccessPolicy: the first rule the succeeded indexes meet ends the Job as a success,
    // and its pods still running are deleted (deleteActivePods below).
    if (finished === undefined && spec.successPolicy !== undefined) {
      const message = matchSuccessPolicy(spec.successPolicy.rules, completions ?? 0, succeededIndexes);
      if (message !== undefined)
        finished = condition("SuccessCriteriaMet", SUCCESS_POLICY_REASON, message, now);
    }
  }

  /**
   * getPodsWithDelayedDeletionPerIndex: per index neither done, failed for good nor running,
   * its latest failed pod (by failure count, then finish time), whose finalizer stays until
   * the replacement carries the count on.
   */
  function podsWithDelayedDeletionPerIndex(failedIx: ReadonlySet<number>): Map<number, Pod> {
    const activeIx = new Set<number>();
    for (const p of activePods) {
      const ix = completionIndexOf(p);
      if (ix !== undefined) activeIx.add(ix);
    }
    const out = new Map<number, Pod>();
    for (const p of pods) {
      if (!tracked(p) || !validIndex(p) || !isPodFailed(p, job)) continue;
      const ix = completionIndexOf(p)!;
      if (succeededIndexes.has(ix) || failedIx.has(ix) || activeIx.has(ix)) continue;
      const last = out.get(ix);
      if (
        last === undefined ||
        (indexAbsoluteFailureCount(last) <= indexAbsoluteFailureCount(p) &&
          finishedTime(p, now) >= finishedTime(last, now))
      )
        out.set(ix, p);
    }
    return out;
  }

  let suspendChanged = false;
  const deletePods = (victims: readonly Pod[], removeFinalizer: boolean): void => {
    for (const p of victims) {
      if (removeFinalizer && tracked(p)) result.writes.push({ op: "update", object: withoutFinalizer(p) });
      result.writes.push({ op: "delete", kind: "Pod", namespace, name: p.metadata.name });
      result.events.push(event("Normal", "SuccessfulDelete", `Deleted pod: ${p.metadata.name}`));
      if (isPodReady(p)) ready--;
    }
    active -= victims.length;
    terminating += victims.length;
  };

  if (finished !== undefined) {
    // deleteActivePods: the finalizers stay, trackJobStatusAndRemoveFinalizers takes them off.
    if (activePods.length > 0) {
      deletePods(activePods, false);
      result.decisions.push({
        controller: "job",
        object,
        action: "delete-pods",
        summary: `delete the active pods of a Job that ${finished.type === "SuccessCriteriaMet" ? "succeeded" : `failed (${finished.reason})`}: ${activePods.map((p) => p.metadata.name).join(", ")}`,
        inputs: { reason: finished.reason ?? "", pods: activePods.map((p) => p.metadata.name) },
      });
    }
  } else {
    let managed = false;
    if (job.metadata.deletionTimestamp === undefined) {
      managed = true;
      if (suspended) {
        const victims = sortByLess(activePods, activePodsLess);
        if (victims.length > 0) {
          deletePods(victims, true);
          result.decisions.push({
            controller: "job",
            object,
            action: "delete-pods",
            summary: `delete the pods of a suspended Job: ${victims.map((p) => p.metadata.name).join(", ")}`,
            inputs: { suspended: true, pods: victims.map((p) => p.metadata.name) },
          });
        }
      } else {
        manageJob();
      }
    }
    const complete =
      completions === undefined ? succeeded > 0 && active === 0 : succeeded >= completions && active === 0;
    if (complete) {
      const r = JobReasons.completionsReached;
      finished = condition("SuccessCriteriaMet", r.reason, r.message, now);
    } else if (managed) {
      if (suspended) {
        if (
          ensureCondition(
            status,
            { type: "Suspended", status: "True", reason: "JobSuspended", message: "Job suspended" },
            now,
          )
        ) {
          suspendChanged = true;
          result.events.push(event("Normal", "Suspended", "Job suspended"));
        }
      } else if (
        ensureCondition(
          status,
          { type: "Suspended", status: "False", reason: "JobResumed", message: "Job resumed" },
          now,
        )
      ) {
        suspendChanged = true;
        result.events.push(event("Normal", "Resumed", "Job resumed"));
        // A resumed Job's activeDeadlineSeconds counts from now.
        status.startTime = now;
      }
    }
  }

  function manageJob(): void {
    const parallelism = spec.parallelism;
    let wantActive: number;
    if (completions === undefined) wantActive = succeeded > 0 ? active : parallelism;
    else wantActive = Math.max(0, Math.min(completions - succeeded, parallelism));
    const rmAtLeast = Math.max(0, active - wantActive);
    const victims = podsForRemoval(activePods, rmAtLeast).slice(0, MAX_POD_CREATE_DELETE_PER_SYNC);
    if (victims.length > 0) {
      deletePods(victims, true);
      result.decisions.push({
        controller: "job",
        object,
        action: "delete-pods",
        summary: `too many pods for the Job (${active + victims.length} active, ${wantActive} wanted): delete ${victims.map((p) => p.metadata.name).join(", ")}`,
        inputs: { active: active + victims.length, wantActive, pods: victims.map((p) => p.metadata.name) },
      });
      return;
    }
    const waiting = onlyReplaceFailedPods(job) ? terminating : 0;
    let diff = wantActive - waiting - active;
    if (diff <= 0) return;
    // With backoffLimitPerIndex each index waits out its own back-off (below).
    const remaining = perIndex ? 0 : backoffRemaining(pods, job, now);
    if (remaining > 0) {
      result.requeueAfter = Math.min(
        result.requeueAfter ?? Infinity,
        Math.max(remaining, SYNC_JOB_BATCH_PERIOD),
      );
      result.decisions.push({
        controller: "job",
        object,
        action: "wait",
        summary: `Job ${name} waits ${remaining}s (pod failure back-off) before creating ${diff} pod${diff === 1 ? "" : "s"}`,
        inputs: { remaining, missing: diff },
      });
      // manageJob returns 0 active pods when the back-off holds (upstream's quirk: the status
      // shows 0 active until the next sync).
      active = 0;
      return;
    }
    diff = Math.min(diff, MAX_POD_CREATE_DELETE_PER_SYNC);
    let indexes: (number | undefined)[] = Array.from({ length: diff }, () => undefined);
    if (indexed) {
      const taken = new Set(succeededIndexes);
      for (const p of activePods) {
        const ix = completionIndexOf(p);
        if (ix !== undefined) taken.add(ix);
      }
      if (onlyReplaceFailedPods(job))
        for (const p of pods)
          if (
            p.metadata.deletionTimestamp !== undefined &&
            p.status.phase !== "Succeeded" &&
            p.status.phase !== "Failed"
          ) {
            const ix = completionIndexOf(p);
            if (ix !== undefined) taken.add(ix);
          }
      for (const ix of failedIndexes ?? []) taken.add(ix);
      indexes = firstPendingIndexes(taken, diff, completions ?? 0);
      if (perIndex) {
        // getPodCreationInfoForIndependentIndexes: the indexes whose back-off is over; if none
        // is, a sync when the first one's ends.
        let soonest = Infinity;
        const ready = (indexes as number[]).filter((ix) => {
          const last = delayedPerIndex.get(ix);
          const wait =
            last === undefined
              ? 0
              : remainingBackoff(indexAbsoluteFailureCount(last) + 1, finishedTime(last, now), now);
          if (wait > 0) soonest = Math.min(soonest, wait);
          return wait === 0;
        });
        if (ready.length === 0 && soonest < Infinity) {
          result.requeueAfter = Math.min(
            result.requeueAfter ?? Infinity,
            Math.max(soonest, SYNC_JOB_BATCH_PERIOD),
          );
          result.decisions.push({
            controller: "job",
            object,
            action: "wait",
            summary: `Job ${name} waits ${soonest}s (the back-off of index ${indexesText(indexes as number[])}) before creating its pod`,
            inputs: { remaining: soonest, indexes: indexes as number[] },
          });
          active = 0;
          return;
        }
        indexes = ready;
      }
      diff = indexes.length;
    }
    for (const ix of indexes)
      result.writes.push({
        op: "create",
        object: newJobPod(
          job,
          ix,
          now,
          perIndex && ix !== undefined ? indexFailureAnnotations(job, delayedPerIndex.get(ix)) : undefined,
        ) as unknown as KubeObject,
        createdEvent: (pod) => event("Normal", "SuccessfulCreate", `Created pod: ${pod.metadata.name}`),
        // RealPodControl's Warning FailedCreate on a refused create (a quota, a LimitRange); the
        // sync fails and the Job is synced again after the work queue's rate limit.
        then: (outcome) =>
          "error" in outcome
            ? {
                ...emptyResult(),
                events: [event("Warning", "FailedCreate", `Error creating: ${outcome.error.message}`)],
                failed: true,
              }
            : undefined,
      });
    active += diff;
    if (diff > 0)
      result.decisions.push({
        controller: "job",
        object,
        action: "create-pods",
        summary: `create ${diff} pod${diff === 1 ? "" : "s"} for the Job (${succeeded} succeeded${completions === undefined ? "" : ` of ${completions}`}, parallelism ${parallelism})${indexed ? `: indexes ${indexesText(indexes as number[])}` : ""}`,
        inputs: {
          create: diff,
          succeeded,
          failed,
          parallelism,
          ...(indexed ? { indexes: indexes as number[] } : {}),
        },
      });
  }

  const terminatingBefore = status.terminating;
  const needsStatusUpdate =
    suspendChanged ||
    active !== (status.active ?? 0) ||
    ready !== status.ready ||
    terminating !== terminatingBefore;
  status.active = active;
  status.ready = ready;
  status.terminating = terminating;
  trackStatus(needsStatusUpdate);
  return result;

  /** trackJobStatusAndRemoveFinalizers and flushUncountedAndRemoveFinalizers, all writes succeeding. */
  function trackStatus(needsUpdate: boolean): void {
    let needsFlush = needsUpdate;
    const withFinalizer = new Set(pods.filter(tracked).map(uidOf));
    const uncountedStatus = {
      succeeded: [...(status.uncountedTerminatedPods?.succeeded ?? [])],
      failed: [...(status.uncountedTerminatedPods?.failed ?? [])],
    };
    status.uncountedTerminatedPods = uncountedStatus;
    if (cleanUncounted(withFinalizer)) needsFlush = true;
    const toRemove: Pod[] = [];
    const newIndexes: number[] = [];
    let reachedMax = false;
    const ordered = indexed
      ? [...pods].sort((a, b) => (completionIndexOf(a) ?? -1) - (completionIndexOf(b) ?? -1))
      : pods;
    for (const p of ordered) {
      if (!tracked(p)) continue;
      const considerFailed = isPodFailed(p, job);
      const ix = completionIndexOf(p);
      const canRemove =
        job.metadata.deletionTimestamp !== undefined ||
        finished !== undefined ||
        p.status.phase === "Succeeded" ||
        (considerFailed && !(ix !== undefined && delayedPerIndex.get(ix) === p));
      if (!canRemove) continue;
      toRemove.push(p);
      const uid = uidOf(p);
      if (p.status.phase === "Succeeded" && !uncounted.failed.has(uid)) {
        if (indexed) {
          const ix = completionIndexOf(p);
          if (ix !== undefined && ix < (completions ?? 0) && !prevSucceededIndexes.has(ix)) {
            newIndexes.push(ix);
            needsFlush = true;
          }
        } else if (!uncounted.succeeded.has(uid)) {
          uncountedStatus.succeeded.push(uid);
          needsFlush = true;
        }
      } else if (considerFailed || (finished !== undefined && finished.type !== "SuccessCriteriaMet")) {
        // When the Job is finished every pod not terminated counts as failed — unless an Ignore
        // rule matched it.
        if (
          !uncounted.failed.has(uid) &&
          validIndex(p) &&
          (policy === undefined || matchPodFailurePolicy(job, p).countFailed)
        ) {
          uncountedStatus.failed.push(uid);
          needsFlush = true;
        }
      }
      if (
        newIndexes.length + uncountedStatus.succeeded.length + uncountedStatus.failed.length >=
        MAX_UNCOUNTED_PODS
      ) {
        reachedMax = true;
        break;
      }
    }
    if (indexed) {
      for (const ix of newIndexes) succeededIndexes.add(ix);
      const text = indexesText(succeededIndexes);
      if (text !== (status.completedIndexes ?? "")) needsFlush = true;
      status.succeeded = succeededIndexes.size;
      status.completedIndexes = text;
      const failedText = failedIndexes === undefined ? undefined : indexesText(failedIndexes);
      if (failedText !== status.failedIndexes) {
        if (failedText === undefined) delete status.failedIndexes;
        else status.failedIndexes = failedText;
        needsFlush = true;
      }
    }
    if (finished?.type === "FailureTarget") {
      (status.conditions ??= []).push(finished);
      needsFlush = true;
      finished = condition("Failed", finished.reason ?? "", finished.message ?? "", now);
    }
    if (finished?.type === "SuccessCriteriaMet") {
      if (findTrue(status, "SuccessCriteriaMet") === undefined) {
        (status.conditions ??= []).push(finished);
        needsFlush = true;
      }
      finished = condition("Complete", finished.reason ?? "", finished.message ?? "", now);
    }
    if (needsFlush) {
      result.writes.push({ op: "updateStatus", object: snapshot() });
      needsFlush = false;
    }
    for (const p of toRemove) {
      // A pod deleted in this sync is updated as stored: the API server keeps its deletionTimestamp.
      result.writes.push({ op: "update", object: withoutFinalizer(p) });
      withFinalizer.delete(uidOf(p));
    }
    if (cleanUncounted(withFinalizer)) needsFlush = true;
    let jobFinished = false;
    const pending = uncountedStatus.succeeded.length + uncountedStatus.failed.length;
    if (!reachedMax && finished !== undefined && pending === 0 && terminating === 0) {
      ensureCondition(status, finished, now);
      if (finished.type === "Complete") status.completionTime = finished.lastTransitionTime;
      jobFinished = true;
      needsFlush = true;
    }
    if (!needsFlush) return;
    result.writes.push({ op: "updateStatus", object: snapshot() });
    if (!jobFinished || finished === undefined) return;
    if (finished.type === "Complete") {
      if (completions !== undefined && (status.succeeded ?? 0) > completions)
        result.events.push(
          event(
            "Warning",
            "TooManySucceededPods",
            "Too many succeeded pods running after completion count reached",
          ),
        );
      result.events.push(event("Normal", "Completed", "Job completed"));
    } else result.events.push(event("Warning", finished.reason ?? "", finished.message ?? ""));
    result.decisions.push({
      controller: "job",
      object,
      action: finished.type === "Complete" ? "complete" : "fail",
      summary:
        finished.type === "Complete"
          ? `Job ${name} completed: ${status.succeeded ?? 0} succeeded, ${status.failed ?? 0} failed`
          : finished.reason === JobReasons.backoffLimitExceeded.reason ||
              finished.reason === JobReasons.deadlineExceeded.reason
            ? `Job ${name} failed (${finished.reason}): ${status.failed ?? 0} failed, backoffLimit ${spec.backoffLimit}`
            : `Job ${name} failed (${finished.reason}): ${finished.message}`,
      inputs: { succeeded: status.succeeded ?? 0, failed: status.failed ?? 0, reason: finished.reason ?? "" },
    });

    /** cleanUncountedPodsWithoutFinalizers: uncounted pods whose finalizer is gone move to the counts. */
    function cleanUncounted(withFinalizerNow: ReadonlySet<string>): boolean {
      let changed = false;
      const keepS = uncountedStatus.succeeded.filter((u) => withFinalizerNow.has(u));
      if (keepS.length !== uncountedStatus.succeeded.length) {
        changed = true;
        status.succeeded = (status.succeeded ?? 0) + uncountedStatus.succeeded.length - keepS.length;
        uncountedStatus.succeeded = keepS;
      }
      const keepF = uncountedStatus.failed.filter((u) => withFinalizerNow.has(u));
      if (keepF.length !== uncountedStatus.failed.length) {
        changed = true;
        status.failed = (status.failed ?? 0) + uncountedStatus.failed.length - keepF.length;
        uncountedStatus.failed = keepF;
      }
      status.uncountedTerminatedPods = uncountedStatus;
      return changed;
    }
  }

  /** The Job as the status write sends it: encoding/json's view (empty lists left out). */
  function snapshot(): KubeObject {
    const out = structuredClone(job);
    const s = out.status!;
    const u = s.uncountedTerminatedPods ?? {};
    s.uncountedTerminatedPods = {
      ...(u.succeeded && u.succeeded.length > 0 ? { succeeded: u.succeeded } : {}),
      ...(u.failed && u.failed.length > 0 ? { failed: u.failed } : {}),
    };
    return out as unknown as KubeObject;
  }
}

/**
 * activePodsForRemoval in controller.ActivePods order (not ready before ready, unscheduled
 * before scheduled, pending before running, …). An Indexed Job's pods of a repeated index,
 * which upstream removes first, do not arise here: every create succeeds.
 */
function podsForRemoval(active: readonly Pod[], rmAtLeast: number): Pod[] {
  if (rmAtLeast <= 0) return [];
  return sortByLess(active, activePodsLess).slice(0, rmAtLeast);
}
