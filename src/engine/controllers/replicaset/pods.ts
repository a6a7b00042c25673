/**
 * Pod predicates the ReplicaSet and Deployment controllers share:
 * pkg/api/v1/pod/util.go (IsPodReady, IsPodAvailable) and pkg/controller/controller_utils.go
 * (IsPodActive, podReadyTime, maxContainerRestarts).
 */
import type { Pod, Time } from "../../../k8s/types.ts";

/**
 * Go's zero time.Time. Simulated times start at 0, so "zero" cannot be 0: an absent time
 * (undefined) or -Infinity (a condition whose lastTransitionTime was never set) stands for it.
 */
export const ZERO_TIME = Number.NEGATIVE_INFINITY;

export const isZeroTime = (t: Time | undefined | null): boolean =>
  t === undefined || t === null || t === ZERO_TIME;

/** IsPodActive: not Succeeded, not Failed, and not being deleted. */
export function isPodActive(pod: Pod): boolean {
  return (
    pod.status.phase !== "Succeeded" &&
    pod.status.phase !== "Failed" &&
    pod.metadata.deletionTimestamp === undefined
  );
}

/** The pod's first Ready condition (what `conditions.find` gives), by a loop: no closure per pod. */
function readyCondition(pod: Pod): NonNullable<Pod["status"]["conditions"]>[number] | undefined {
  const conditions = pod.status.conditions;
  if (conditions === undefined || conditions === null) return undefined;
  for (let i = 0; i < conditions.length; i++) if (conditions[i].type === "Ready") return conditions[i];
  return undefined;
}

/** IsPodReady: the Ready condition is True. */
export function isPodReady(pod: Pod): boolean {
  return readyCondition(pod)?.status === "True";
}

/** podReadyTime: when a Ready pod became ready; zero for a pod that is not Ready. */
export function podReadyTime(pod: Pod): Time | undefined {
  if (!isPodReady(pod)) return undefined;
  return readyCondition(pod)?.lastTransitionTime;
}

/**
 * IsPodAvailable: Ready, and either minReadySeconds is 0 or it has been Ready for *strictly*
 * more than minReadySeconds. Example: Ready at t=10 with minReadySeconds 5 → not available at
 * t=15 (10+5 is not before 15), available at t=15.001.
 */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now: Time): boolean {
  if (!isPodReady(pod)) return false;
  if (minReadySeconds === 0) return true;
  const since = readyCondition(pod)?.lastTransitionTime;
  return !isZeroTime(since) && (since as Time) + minReadySeconds < now;
}

/**
 * IsPodReady and IsPodAvailable together, from one look-up of the Ready condition (a status
 * count reads both for every pod): "available" ⊂ "ready", by the rules above.
 */
export function podReadiness(
  pod: Pod,
  minReadySeconds: number,
  now: Time,
): "unready" | "ready" | "available" {
  const cond = readyCondition(pod);
  if (cond?.status !== "True") return "unready";
  if (minReadySeconds === 0) return "available";
  const since = cond.lastTransitionTime;
  return !isZeroTime(since) && (since as Time) + minReadySeconds < now ? "available" : "ready";
}

/** maxContainerRestarts: the highest restartCount among the pod's containers. */
export function maxContainerRestarts(pod: Pod): number {
  let max = 0;
  for (const c of pod.status.containerStatuses ?? []) max = Math.max(max, c.restartCount);
  return max;
}
