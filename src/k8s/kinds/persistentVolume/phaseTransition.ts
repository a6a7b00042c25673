/**
 * A PersistentVolume's status.lastPhaseTransitionTime (feature PersistentVolumeLastPhaseTransitionTime,
 * GA in 1.31), which the API server keeps, not the PV controller
 * (pkg/registry/core/persistentvolume/strategy.go): PrepareForCreate starts the volume Pending at
 * the creation time; the status strategy's PrepareForUpdate keeps the stored time while the
 * phase stays, and sets now when the phase changes — unless the client sent a time of its own.
 * Claims have no such field.
 */
import type { KubeObject, Time } from "../../types.ts";
import type { KindDescriptor } from "../descriptor.ts";

type Status = Record<string, unknown> & { phase?: unknown; lastPhaseTransitionTime?: unknown };

const isStatus = (s: unknown): s is Status => typeof s === "object" && s !== null && !Array.isArray(s);

/** persistentvolumeStatusStrategy.PrepareForUpdate's transition time. */
export function phaseTransitionStatus(status: unknown, old: unknown, now: Time): unknown {
  if (!isStatus(status)) return status;
  const before = isStatus(old) ? old : {};
  const sent = status.lastPhaseTransitionTime;
  if (before.phase === status.phase) {
    if (sent !== undefined || before.lastPhaseTransitionTime === undefined) return status;
    return { ...status, lastPhaseTransitionTime: before.lastPhaseTransitionTime };
  }
  if (sent === undefined || sent === before.lastPhaseTransitionTime)
    return { ...status, lastPhaseTransitionTime: now };
  return status;
}

export function withPhaseTransitionTime(d: KindDescriptor<KubeObject>): KindDescriptor<KubeObject> {
  return {
    ...d,
    strategy: {
      ...d.strategy,
      initialStatus: (now: Time) => ({ phase: "Pending", lastPhaseTransitionTime: now }),
      prepareForStatusUpdate: phaseTransitionStatus,
    },
  };
}
