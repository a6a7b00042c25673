/**
 * The TTL-after-finished controller (pkg/controller/ttlafterfinished
 * ttlafterfinished_controller.go processJob): a Job with ttlSecondsAfterFinished is deleted
 * that many seconds after it finished (its Complete or Failed condition's lastTransitionTime),
 * and its pods with it; until then it looks again when the time comes (AddAfter). It records
 * no event. Upstream deletes with propagationPolicy Foreground (the Job waits, with the
 * foregroundDeletion finalizer, for its pods to go); the write here deletes in the background,
 * so the Job goes at once and its pods right after it.
 */
import { isJobFinished, jobFinishTime, type Job } from "../../../k8s/kinds/job/types.ts";
import { parseQualifiedName } from "../../../k8s/namespaces.ts";
import {
  emptyResult,
  type Controller,
  type ControllerContext,
  type ReconcileResult,
} from "../../controller.ts";

export const ttlAfterFinishedController: Controller = {
  name: "ttl-after-finished",
  kind: "Job",
  reconcile: (ctx, key) => reconcileTTL(ctx, key),
};

export function reconcileTTL(ctx: ControllerContext, key: string): ReconcileResult {
  const result = emptyResult();
  const { namespace, name } = parseQualifiedName(key);
  const job = ctx.store.get("Job", namespace, name) as unknown as Job | undefined;
  const ttl = job?.spec.ttlSecondsAfterFinished;
  if (job === undefined || ttl === undefined || job.metadata.deletionTimestamp !== undefined) return result;
  if (!isJobFinished(job)) return result;
  const finishedAt = jobFinishTime(job) ?? ctx.now;
  const expireAt = finishedAt + ttl;
  if (ctx.now < expireAt) {
    result.requeueAfter = expireAt - ctx.now;
    return result;
  }
  result.writes.push({ op: "delete", kind: "Job", namespace, name });
  result.decisions.push({
    controller: "ttl-after-finished",
    object: `Job/${key}`,
    action: "delete",
    summary: `delete Job ${name}: finished at ${finishedAt}s, ttlSecondsAfterFinished ${ttl}`,
    inputs: { finishedAt, ttl },
  });
  return result;
}
