/**
 * Where a DaemonSet's rollout stands, as kubectl's DaemonSetStatusViewer reads it
 * (kubectl/pkg/polymorphichelpers/rollout_status.go): `kubectl rollout status ds/NAME` prints
 * the message, and the trace's "rollout complete" is its `done`. One definition for both.
 *
 * Worked examples (3 nodes):
 * - generation 2, observedGeneration 1 → "Waiting for daemon set spec update to be observed...";
 * - updatedNumberScheduled 1 → `Waiting for daemon set "agent" rollout to finish: 1 out of 3
 *   new pods have been updated...`;
 * - 3 updated, numberAvailable 2 → `Waiting for daemon set "agent" rollout to finish: 2 of 3
 *   updated pods are available...`;
 * - all available → `daemon set "agent" successfully rolled out`;
 * - OnDelete → the error "rollout status is only available for RollingUpdate strategy type".
 */
import type { DaemonSet } from "./types.ts";

export interface DaemonSetRolloutStatus {
  message: string;
  done: boolean;
  /** Set when kubectl refuses to report (the OnDelete strategy). */
  error?: string;
}

export function daemonSetRolloutStatus(ds: DaemonSet): DaemonSetRolloutStatus {
  if (ds.spec.updateStrategy?.type !== "RollingUpdate")
    return {
      message: "",
      done: true,
      error: "rollout status is only available for RollingUpdate strategy type",
    };
  const s = ds.status;
  const name = ds.metadata.name;
  if ((ds.metadata.generation ?? 0) > (s?.observedGeneration ?? 0))
    return { message: "Waiting for daemon set spec update to be observed...\n", done: false };
  const desired = s.desiredNumberScheduled ?? 0;
  const updated = s.updatedNumberScheduled ?? 0;
  const available = s.numberAvailable ?? 0;
  if (updated < desired)
    return {
      message: `Waiting for daemon set "${name}" rollout to finish: ${updated} out of ${desired} new pods have been updated...\n`,
      done: false,
    };
  if (available < desired)
    return {
      message: `Waiting for daemon set "${name}" rollout to finish: ${available} of ${desired} updated pods are available...\n`,
      done: false,
    };
  return { message: `daemon set "${name}" successfully rolled out\n`, done: true };
}
