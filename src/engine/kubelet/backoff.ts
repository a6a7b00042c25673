/**
 * The kubelet's CrashLoopBackOff: client-go's flowcontrol.Backoff as pkg/kubelet/kubelet.go
 * builds it for container restarts — `flowcontrol.NewBackOff(backOffPeriod, MaxContainerBackOff)`,
 * 10 s doubling to 300 s, no jitter — and as kuberuntime_manager.go's doBackOff consults it,
 * keyed by the pod and container (getStableKey).
 *
 * - `IsInBackOffSince(key, finishedAt)`: an entry exists, it has not expired, and less than
 *   its backoff has passed since the container finished.
 * - `Next(key, finishedAt)`: a new entry (10 s) when there is none or it expired, else the
 *   backoff doubles, capped at 300 s; `lastUpdate` becomes now (the restart).
 * - `hasExpired(eventTime, lastUpdate, max)`: eventTime − lastUpdate > 2 × max, so a container
 *   that ran more than 10 minutes since its last restart starts again from 10 s.
 *
 * A container that exits at once every time is therefore restarted at once the first time,
 * then 10 s, 20 s, 40 s, 80 s, 160 s, 300 s, 300 s … after each exit.
 */
import type { Time } from "../../k8s/types.ts";

/** pkg/kubelet/kubelet.go: backOffPeriod (the first back-off) and MaxContainerBackOff. */
export const CONTAINER_BACKOFF = { initial: 10, max: 300 } as const;

/**
 * pkg/kubelet/pod_workers.go: a pod whose sync failed (ErrCrashLoopBackOff among its errors) is
 * synced again after backOffPeriod, 10 s (its 0.5 jitter factor is not modelled: every wait
 * is the 10 s itself, so the restart comes exactly when the back-off ends — every back-off
 * is a multiple of 10 s).
 */
export const POD_WORKER_BACKOFF = 10;

export interface BackoffEntry {
  /** The current back-off, seconds. */
  backoff: number;
  /** When Next last ran: the last restart. */
  lastUpdate: Time;
}

type Limits = { initial: number; max: number };

/** flowcontrol's hasExpired: quiet for more than twice the maximum since the last update. */
export const hasExpired = (eventTime: Time, lastUpdate: Time, max: number): boolean =>
  eventTime - lastUpdate > max * 2;

/** IsInBackOffSince: still inside the back-off window that started when the container finished. */
export function isInBackOffSince(
  entry: BackoffEntry | undefined,
  finishedAt: Time,
  now: Time,
  limits: Limits = CONTAINER_BACKOFF,
): boolean {
  if (!entry) return false;
  if (hasExpired(finishedAt, entry.lastUpdate, limits.max)) return false;
  return now - finishedAt < entry.backoff;
}

/**
 * IsInBackOffSinceUpdate, the image manager's check (pkg/kubelet/images/image_manager.go
 * EnsureImageExists): still inside the back-off that began at the last update (the failed
 * pull), unless the entry has expired.
 */
export function isInBackOffSinceUpdate(
  entry: BackoffEntry | undefined,
  now: Time,
  limits: Limits = CONTAINER_BACKOFF,
): boolean {
  if (!entry) return false;
  if (hasExpired(now, entry.lastUpdate, limits.max)) return false;
  return now - entry.lastUpdate < entry.backoff;
}

/** Next: the entry after a restart at `now` of a container that finished at `finishedAt`. */
export function nextBackoff(
  entry: BackoffEntry | undefined,
  finishedAt: Time,
  now: Time,
  limits: Limits = CONTAINER_BACKOFF,
): BackoffEntry {
  if (!entry || hasExpired(finishedAt, entry.lastUpdate, limits.max))
    return { backoff: limits.initial, lastUpdate: now };
  return { backoff: Math.min(entry.backoff * 2, limits.max), lastUpdate: now };
}
