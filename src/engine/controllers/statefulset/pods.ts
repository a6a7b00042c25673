/**
 * Pod predicates of the StatefulSet controller (stateful_set_utils.go: isRunningAndReady,
 * isRunningAndAvailable, isCreated, isPending, isFailed, isTerminating, isHealthy).
 */
import type { Pod, Time } from "../../../k8s/types.ts";
import { isPodAvailable, isPodReady } from "../replicaset/pods.ts";

/** isRunningAndReady: phase Running and the Ready condition True. */
export const isRunningAndReady = (pod: Pod): boolean => pod.status.phase === "Running" && isPodReady(pod);

/** isRunningAndAvailable: podutil.IsPodAvailable (Ready for more than minReadySeconds). */
export const isRunningAndAvailable = (pod: Pod, minReadySeconds: number, now: Time): boolean =>
  isPodAvailable(pod, minReadySeconds, now);

export const isPending = (pod: Pod): boolean => pod.status.phase === "Pending";
export const isFailed = (pod: Pod): boolean => pod.status.phase === "Failed";
export const isTerminating = (pod: Pod): boolean => pod.metadata.deletionTimestamp !== undefined;

/** isHealthy: running, ready and not terminating. */
export const isHealthy = (pod: Pod): boolean => isRunningAndReady(pod) && !isTerminating(pod);
