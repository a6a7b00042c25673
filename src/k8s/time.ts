/**
 * Simulated time → wall-clock text. A run starts at a fixed epoch so that printed timestamps
 * (creationTimestamp, lastTransitionTime, `kubectl get -o yaml`) are the same on every run.
 */
import type { Time } from "./types.ts";

/** 2024-01-01T00:00:00Z, in Unix milliseconds. */
export const EPOCH_MS = Date.UTC(2024, 0, 1, 0, 0, 0);

/**
 * metav1.Time marshals as RFC 3339 with whole seconds in UTC ("2024-01-01T00:01:30Z");
 * fractions of a simulated second are truncated, as the apiserver truncates to seconds.
 */
export function toRFC3339(t: Time): string {
  const ms = EPOCH_MS + Math.floor(t) * 1000;
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** metav1.MicroTime (events' eventTime): RFC 3339 with microseconds. */
export function toRFC3339Micro(t: Time): string {
  const micros = Math.floor(t * 1e6);
  const seconds = Math.floor(micros / 1e6);
  const frac = String(micros - seconds * 1e6).padStart(6, "0");
  return `${toRFC3339(seconds).slice(0, -1)}.${frac}Z`;
}
