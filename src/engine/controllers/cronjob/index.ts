/**
 * The CronJob controller: pkg/controller/cronjob/cronjob_controllerv2.go sync, cleanupFinishedJobs
 * and syncCronJob (Kubernetes 1.34), as an outline:
 *
 * 1. Its Jobs are those whose controller reference names the CronJob. The finished ones beyond
 *    successfulJobsHistoryLimit (Complete) and failedJobsHistoryLimit (Failed) are deleted,
 *    oldest start first (SuccessfulDelete "Deleted job x").
 * 2. A finished Job still in status.active leaves it (SawCompletedJob "Saw completed job: x,
 *    condition: Complete"); a Complete one moves lastSuccessfulTime to its completionTime. An
 *    unfinished Job it controls but does not list is reported (UnexpectedJob), and a listed Job
 *    that is gone leaves the list (MissingJob).
 * 3. Nothing more while the CronJob is being deleted or is suspended. Otherwise the activation
 *    due now (schedule.ts; the schedule in spec.timeZone, else UTC) is started unless it is
 *    later than startingDeadlineSeconds (MissSchedule), already started, or — under Forbid — a
 *    Job is still active (JobAlreadyActive); under Replace the active Jobs are deleted first.
 *    The Job is `<cronjob>-<scheduled time in minutes since the Unix epoch>`, made from
 *    jobTemplate (jobs.ts), and joins status.active; lastScheduleTime is its scheduled time
 *    (SuccessfulCreate "Created job x").
 * 4. One status write for the sync, and a wake-up at the next activation.
 *
 * Not modelled: UnknownTimeZone and UnsupportedSchedule (the API server here refuses what
 * would cause them), the re-read of the CronJob and Job from the API server before trusting
 * the informer (the engine's store is never behind).
 */
import { parseSchedule } from "../../../k8s/kinds/cronJob/schedule.ts";
import { UTC, zoneOf } from "../../../k8s/kinds/cronJob/timeZone.ts";
import type { CronJob, CronJobStatus, JobReference } from "../../../k8s/kinds/cronJob/types.ts";
import { finishedCondition, type Job } from "../../../k8s/kinds/job/types.ts";
import { timeSeconds } from "../../../k8s/kinds/stored/fields.ts";
import { involvedObjectOf, parseQualifiedName } from "../../../k8s/namespaces.ts";
import { controllerOf } from "../../../k8s/owners.ts";
import { rfc1123z } from "../../../k8s/printing/describeWriter.ts";
import { EPOCH_MS } from "../../../k8s/time.ts";
import type { EventDraft, KubeObject } from "../../../k8s/types.ts";
import {
  emptyResult,
  type Controller,
  type ControllerContext,
  type ReconcileResult,
  type WriteOutcome,
} from "../../controller.ts";
import { isControlledBy } from "../replicaset/controllerRef.ts";
import { jobFromTemplate, jobName } from "./jobs.ts";
import { dueScheduleTime, nextScheduleIn, type ScheduleState } from "./schedule.ts";
import { cronJobWatches } from "./watches.ts";

export { jobFromTemplate, jobName } from "./jobs.ts";

const SOURCE = "cronjob-controller";

/** The run's clock as Unix seconds, and back. */
const EPOCH_S = EPOCH_MS / 1000;

export const cronJobController: Controller = {
  name: "cronjob",
  kind: "CronJob",
  watches: cronJobWatches,
  reconcile: (ctx, key) => reconcileCronJob(ctx, key),
};

/** byJobStartTime: Jobs with a startTime first, earliest first, then by name. */
function byStartTime(a: Job, b: Job): number {
  const sa = timeSeconds(a.status?.startTime);
  const sb = timeSeconds(b.status?.startTime);
  if (sa === undefined && sb !== undefined) return 1;
  if (sa !== undefined && sb === undefined) return -1;
  if (sa === sb) return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
  return (sa ?? 0) - (sb ?? 0);
}

/** One sync of the CronJob a work-queue key names. */
export function reconcileCronJob(ctx: ControllerContext, key: string): ReconcileResult {
  const result = emptyResult();
  const { namespace, name } = parseQualifiedName(key);
  const stored = ctx.store.get("CronJob", namespace, name) as unknown as CronJob | undefined;
  if (stored === undefined) return result;
  const cj = structuredClone(stored);
  const status: CronJobStatus = (cj.status ??= {});
  const spec = cj.spec;
  const now = ctx.now;
  const nowUnix = EPOCH_S + now;
  const object = `CronJob/${key}`;
  const events: EventDraft[] = [];
  const event = (type: "Normal" | "Warning", reason: string, message: string): void => {
    events.push({
      type,
      reason,
      message,
      involvedObject: involvedObjectOf(stored as unknown as KubeObject),
      source: SOURCE,
    });
  };
  const jobs = (ctx.store.list("Job", namespace) as unknown as readonly Job[]).filter(
    (j) => controllerOf(j as unknown as KubeObject)?.name === name,
  );
  const active = (): JobReference[] => (status.active ??= []);
  const removeFromActive = (uid: string | undefined): void => {
    status.active = active().filter((r) => r.uid !== uid);
  };
  const deleteJob = (job: Job, why: string): void => {
    result.writes.push({ op: "delete", kind: "Job", namespace, name: job.metadata.name });
    removeFromActive(job.metadata.uid);
    event("Normal", "SuccessfulDelete", `Deleted job ${job.metadata.name}`);
    result.decisions.push({
      controller: "cronjob",
      object,
      action: "delete-job",
      summary: `delete Job ${job.metadata.name}: ${why}`,
      inputs: { job: job.metadata.name, reason: why },
    });
  };

  // cleanupFinishedJobs
  let updateStatus = false;
  const succeeded = jobs.filter((j) => finishedCondition(j)?.type === "Complete");
  const failed = jobs.filter((j) => finishedCondition(j)?.type === "Failed");
  const removeOldest = (list: Job[], limit: number, kind: string): void => {
    const excess = list.length - limit;
    if (excess <= 0) return;
    for (const j of [...list].sort(byStartTime).slice(0, excess)) {
      deleteJob(j, `${list.length} ${kind} Jobs kept, ${kind}JobsHistoryLimit ${limit}`);
      updateStatus = true;
    }
  };
  removeOldest(succeeded, spec.successfulJobsHistoryLimit, "successful");
  removeOldest(failed, spec.failedJobsHistoryLimit, "failed");

  // syncCronJob: what the Jobs say.
  const children = new Set<string>();
  for (const j of jobs) {
    const uid = j.metadata.uid ?? "";
    children.add(uid);
    const listed = active().some((r) => r.uid === uid);
    const finished = finishedCondition(j)?.type;
    if (!listed && finished === undefined) {
      event(
        "Warning",
        "UnexpectedJob",
        `Saw a job that the controller did not create or forgot: ${j.metadata.name}`,
      );
    } else if (finished !== undefined) {
      if (listed) {
        removeFromActive(uid);
        event("Normal", "SawCompletedJob", `Saw completed job: ${j.metadata.name}, condition: ${finished}`);
        updateStatus = true;
      }
      const completion = timeSeconds(j.status?.completionTime);
      if (finished === "Complete") {
        const last = timeSeconds(status.lastSuccessfulTime);
        if (
          status.lastSuccessfulTime === undefined ||
          (completion !== undefined && last !== undefined && completion > last)
        ) {
          status.lastSuccessfulTime = completion;
          updateStatus = true;
        }
      }
    }
  }
  for (const ref of [...active()]) {
    if (children.has(ref.uid)) continue;
    if (ctx.store.get("Job", ref.namespace || namespace, ref.name) !== undefined) continue;
    event("Normal", "MissingJob", `Active job went missing: ${ref.name}`);
    removeFromActive(ref.uid);
    updateStatus = true;
  }

  const finish = (requeueAfter: number | undefined, failedSync = false): ReconcileResult => {
    if (updateStatus) result.writes.push({ op: "updateStatus", object: snapshot() });
    result.events.push(...events);
    if (requeueAfter !== undefined) result.requeueAfter = requeueAfter;
    if (failedSync) result.failed = true;
    return result;
  };
  if (cj.metadata.deletionTimestamp !== undefined || spec.suspend === true) return finish(undefined);

  const parsed = parseSchedule(spec.schedule);
  const zone = spec.timeZone === undefined ? { zone: UTC } : zoneOf(spec.timeZone);
  if ("error" in parsed || "error" in zone) {
    if ("error" in parsed)
      event(
        "Warning",
        "UnparseableSchedule",
        `unparseable schedule: ${JSON.stringify(spec.schedule)} : ${parsed.error}`,
      );
    return finish(undefined);
  }
  const sched = parsed.schedule;
  const state = (): ScheduleState => {
    const last = timeSeconds(status.lastScheduleTime);
    const sds = spec.startingDeadlineSeconds;
    return {
      created: EPOCH_S + (cj.metadata.creationTimestamp ?? 0),
      ...(last !== undefined ? { lastSchedule: EPOCH_S + last } : {}),
      ...(typeof sds === "number" ? { startingDeadlineSeconds: sds } : {}),
    };
  };
  const requeue = (): number | undefined => nextScheduleIn(state(), nowUnix, sched, zone.zone);
  const due = dueScheduleTime(state(), nowUnix, sched, zone.zone);
  if (due.error !== undefined) {
    event("Warning", "InvalidSchedule", `invalid schedule: ${spec.schedule} : ${due.error}`);
    return finish(undefined);
  }
  if (due.due === undefined) return finish(requeue());
  if (due.missed === "many")
    event(
      "Warning",
      "TooManyMissedTimes",
      "too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew",
    );
  const scheduled = due.due;
  const scheduledRun = scheduled - EPOCH_S;
  const sds = spec.startingDeadlineSeconds;
  if (typeof sds === "number" && scheduled + sds < nowUnix) {
    event("Warning", "MissSchedule", `Missed scheduled time to start a job: ${rfc1123z(scheduledRun)}`);
    return finish(requeue());
  }
  const name_ = jobName(name, scheduled);
  if (
    active().some((r) => r.name === name_ && r.namespace === namespace) ||
    timeSeconds(status.lastScheduleTime) === scheduledRun
  )
    return finish(requeue());
  if (spec.concurrencyPolicy === "Forbid" && active().length > 0) {
    event(
      "Normal",
      "JobAlreadyActive",
      "Not starting job because prior execution is running and concurrency policy is Forbid",
    );
    result.decisions.push({
      controller: "cronjob",
      object,
      action: "skip",
      summary: `skip the run scheduled at ${rfc1123z(scheduledRun)}: ${active()
        .map((r) => r.name)
        .join(", ")} still active (concurrencyPolicy Forbid)`,
      inputs: { scheduled: scheduledRun, active: active().map((r) => r.name) },
    });
    return finish(requeue());
  }
  if (spec.concurrencyPolicy === "Replace")
    for (const ref of [...active()]) {
      const job = ctx.store.get("Job", ref.namespace || namespace, ref.name) as unknown as Job | undefined;
      if (job === undefined) continue;
      deleteJob(
        job,
        `replaced by the run scheduled at ${rfc1123z(scheduledRun)} (concurrencyPolicy Replace)`,
      );
      updateStatus = true;
    }

  const job = jobFromTemplate(cj, scheduled, zone.zone, ctx.settings["kubectl.version"]);
  result.decisions.push({
    controller: "cronjob",
    object,
    action: "create-job",
    summary: `create Job ${name_} for the run scheduled at ${rfc1123z(scheduledRun)} (${spec.schedule}${spec.timeZone ? ` ${spec.timeZone}` : ""})`,
    inputs: { job: name_, scheduled: scheduledRun, active: active().length },
  });
  // The status write and the events follow the API server's answer (syncCronJob after CreateJob).
  result.writes.push({
    op: "create",
    object: job as unknown as KubeObject,
    then: (outcome) => afterCreate(outcome),
  });
  return result;

  function afterCreate(outcome: WriteOutcome): ReconcileResult {
    const more = emptyResult();
    const done = (requeueAfter: number | undefined, failedSync = false): ReconcileResult => {
      if (updateStatus) more.writes.push({ op: "updateStatus", object: snapshot() });
      more.events.push(...events);
      if (requeueAfter !== undefined) result.requeueAfter = requeueAfter;
      if (failedSync) result.failed = true;
      return more;
    };
    let created: KubeObject | undefined;
    if ("stored" in outcome) {
      created = outcome.stored;
      event("Normal", "SuccessfulCreate", `Created job ${created.metadata.name}`);
    } else if ("error" in outcome && outcome.error.reason === "AlreadyExists") {
      const existing = ctx.store.get("Job", namespace, name_);
      // Another actor's Job of that name: assume it keeps the status itself.
      if (existing === undefined || !isControlledBy(existing.metadata, "CronJob", cj.metadata))
        return done(undefined);
      if (active().some((r) => r.uid === existing.metadata.uid)) return done(undefined);
      created = existing;
    } else {
      const message = "error" in outcome ? outcome.error.message : "";
      event("Warning", "FailedCreate", `Error creating job: ${message}`);
      return done(undefined, true);
    }
    active().push({
      kind: "Job",
      namespace,
      name: created.metadata.name,
      uid: created.metadata.uid ?? "",
      apiVersion: "batch/v1",
      resourceVersion: created.metadata.resourceVersion ?? "",
    });
    status.lastScheduleTime = scheduledRun;
    updateStatus = true;
    return done(requeue());
  }

  /** The CronJob as the status write sends it: an empty active list left out (omitempty). */
  function snapshot(): KubeObject {
    const out = structuredClone(cj);
    const s = out.status!;
    if (s.active !== undefined && s.active.length === 0) delete s.active;
    if (s.lastSuccessfulTime === undefined) delete s.lastSuccessfulTime;
    return out as unknown as KubeObject;
  }
}
