/**
 * Rollout progress: pkg/controller/deployment/progress.go (v1.28) — the Progressing condition,
 * the ReplicaFailure condition, and the timer that checks the progress deadline.
 */
import type {
  Deployment,
  DeploymentCondition,
  DeploymentStatus,
  ReplicaSet,
  Time,
} from "../../../k8s/types.ts";
import type { SyncSession } from "./client.ts";
import {
  NewRSAvailableReason,
  ReplicaSetUpdatedReason,
  TimedOutReason,
  getDeploymentCondition,
  newDeploymentCondition,
  removeDeploymentCondition,
  setDeploymentCondition,
} from "./conditions.ts";
import * as msg from "./messages.ts";
import { calculateStatus, statusEqual } from "./sync.ts";
import {
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  hasProgressDeadline,
} from "./util.ts";

/**
 * The new status with its Progressing condition, for syncRolloutStatus. With no deadline the
 * condition is removed. When the rollout already finished (reason NewReplicaSetAvailable and
 * replicas == updated) nothing is estimated. Otherwise the first that holds wins:
 * complete → True/NewReplicaSetAvailable; progressing → True/ReplicaSetUpdated (lastUpdateTime
 * always refreshed, lastTransitionTime kept if it was True); timed out →
 * False/ProgressDeadlineExceeded. A ReplicaFailure condition of the new RS (or else of any RS)
 * is copied; otherwise removed. Passing the deadline records no event: upstream's
 * syncRolloutStatus (pkg/controller/deployment/progress.go) sets the condition and nothing
 * else, and `kubectl rollout status` reads that condition.
 */
export function rolloutStatus(
  allRSs: readonly (ReplicaSet | undefined)[],
  newRS: ReplicaSet | undefined,
  d: Deployment,
  now: Time,
): DeploymentStatus {
  const next = calculateStatus(allRSs, newRS, d, now);
  if (!hasProgressDeadline(d)) removeDeploymentCondition(next, "Progressing");
  const current = getDeploymentCondition(d.status, "Progressing");
  const isCompleteDeployment =
    next.replicas === next.updatedReplicas &&
    current !== undefined &&
    current.reason === NewRSAvailableReason;
  const rsName = newRS?.metadata.name;
  const name = d.metadata.name;
  if (hasProgressDeadline(d) && !isCompleteDeployment) {
    switch (true) {
      case deploymentComplete(d, next):
        setDeploymentCondition(
          next,
          newDeploymentCondition(
            "Progressing",
            "True",
            NewRSAvailableReason,
            msg.successfullyProgressed(name, rsName),
            now,
          ),
        );
        break;
      case deploymentProgressing(d, next): {
        const cond = newDeploymentCondition(
          "Progressing",
          "True",
          ReplicaSetUpdatedReason,
          msg.isProgressing(name, rsName),
          now,
        );
        if (current !== undefined) {
          if (current.status === "True") cond.lastTransitionTime = current.lastTransitionTime;
          removeDeploymentCondition(next, "Progressing");
        }
        setDeploymentCondition(next, cond);
        break;
      }
      case deploymentTimedOut(d, next, now):
        setDeploymentCondition(
          next,
          newDeploymentCondition(
            "Progressing",
            "False",
            TimedOutReason,
            msg.timedOutProgressing(name, rsName),
            now,
          ),
        );
        break;
    }
  }
  const failures = getReplicaFailures(allRSs, newRS);
  if (failures.length > 0) setDeploymentCondition(next, failures[0]);
  else removeDeploymentCondition(next, "ReplicaFailure");
  return next;
}

/**
 * syncRolloutStatus: write the new status if it changed; otherwise, if the rollout is still
 * under way, ask to be synced again when the deadline passes (requeueStuckDeployment).
 */
export function syncRolloutStatus(
  s: SyncSession,
  allRSs: readonly (ReplicaSet | undefined)[],
  newRS: ReplicaSet | undefined,
  d: Deployment,
): void {
  const next = rolloutStatus(allRSs, newRS, d, s.now);
  if (statusEqual(d.status, next)) {
    if (requeueStuckDeployment(d, next, s.now) < 0) return;
    const lastUpdateTime = getDeploymentCondition(d.status, "Progressing")?.lastUpdateTime ?? s.now;
    const remaining = lastUpdateTime + d.spec.progressDeadlineSeconds - s.now;
    const delay = progressCheckDelay(remaining);
    if (delay === undefined) return;
    s.result.requeueAfter =
      s.result.requeueAfter === undefined ? delay : Math.min(s.result.requeueAfter, delay);
    s.decide("progress-check", `Check the progress deadline again in ${delay}s`, {
      progressDeadlineSeconds: d.spec.progressDeadlineSeconds,
      lastUpdateTime,
      remaining,
      requeueAfter: delay,
    });
    return;
  }
  d.status = next;
  s.updateDeploymentStatus();
}

/**
 * getReplicaFailures: ReplicaFailure conditions of the new RS, else of all RSs, as Deployment
 * conditions. By loops that make nothing when no ReplicaSet has one (every sync of a healthy
 * rollout), where filter and flatMap made arrays and closures per ReplicaSet.
 */
export function getReplicaFailures(
  allRSs: readonly (ReplicaSet | undefined)[],
  newRS: ReplicaSet | undefined,
): DeploymentCondition[] {
  if (newRS !== undefined) {
    const own = replicaFailuresOf(newRS, undefined);
    if (own !== undefined) return own;
  }
  let all: DeploymentCondition[] | undefined;
  for (let i = 0; i < allRSs.length; i++) {
    const rs = allRSs[i];
    if (rs !== undefined) all = replicaFailuresOf(rs, all);
  }
  return all ?? [];
}

/** `rs`'s ReplicaFailure conditions as Deployment conditions, appended to `into` (made when one is found). */
function replicaFailuresOf(
  rs: ReplicaSet,
  into: DeploymentCondition[] | undefined,
): DeploymentCondition[] | undefined {
  const conditions = rs.status.conditions;
  if (conditions === undefined || conditions === null) return into;
  for (let i = 0; i < conditions.length; i++) {
    const c = conditions[i];
    if (c.type !== "ReplicaFailure") continue;
    (into ??= []).push({
      type: "ReplicaFailure",
      status: c.status,
      reason: c.reason,
      message: c.message,
      lastUpdateTime: c.lastTransitionTime,
      lastTransitionTime: c.lastTransitionTime,
    });
  }
  return into;
}

/**
 * requeueStuckDeployment: seconds until the progress deadline passes (lastUpdateTime + deadline
 * − now), 0 for "now (rate-limited)" when under a second remains, −1 when no check is needed
 * (no deadline, no Progressing condition, complete, or already timed out).
 * Worked example from progress.go: last update 00:00:00, now 00:03:00, deadline 600 s →
 * 00:10:00 − 00:03:00 = 420 s.
 */
export function requeueStuckDeployment(d: Deployment, newStatus: DeploymentStatus, now: Time): number {
  const current = getDeploymentCondition(d.status, "Progressing");
  if (!hasProgressDeadline(d) || current === undefined) return -1;
  if (deploymentComplete(d, newStatus) || current.reason === TimedOutReason) return -1;
  const after = current.lastUpdateTime + d.spec.progressDeadlineSeconds - now;
  return after < 1 ? 0 : after;
}

/** The work queue's per-item base delay (workqueue.DefaultControllerRateLimiter: 5 ms). */
export const RATE_LIMITED_DELAY = 0.005;

/**
 * The delay the controller actually waits for a progress check, given the seconds remaining
 * until the deadline:
 * - ≥ 1 s: remaining + 1 s ("to avoid milliseconds skew in AddAfter", kubernetes#39785);
 * - under 1 s: rate-limited re-queues every 5 ms, so the first check strictly past the deadline
 *   is the first 5 ms step beyond it (0.3 s → 0.305 s);
 * - already past: Kubernetes keeps re-queueing every 5 ms, but that only happens while the
 *   condition reads NewReplicaSetAvailable (any other reason would have timed out in this very
 *   sync), which can never time out — those polls change nothing, so none is scheduled.
 * Examples: 420 → 421; 0 → 0.005; −3 → undefined.
 */
export function progressCheckDelay(remaining: number): number | undefined {
  if (remaining >= 1) return remaining + 1;
  if (remaining < 0) return undefined;
  return RATE_LIMITED_DELAY * (Math.floor(remaining / RATE_LIMITED_DELAY) + 1);
}
