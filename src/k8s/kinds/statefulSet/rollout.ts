/**
 * Where a StatefulSet's rollout stands, as kubectl's StatefulSetStatusViewer reads it
 * (kubectl/pkg/polymorphichelpers/rollout_status.go): `kubectl rollout status` prints the
 * message, and the trace's "rollout complete" is its `done`. One definition for both.
 *
 * Worked examples (spec.replicas 3):
 * - generation 2, observedGeneration 1 → "Waiting for statefulset spec update to be observed...";
 * - readyReplicas 1 → "Waiting for 2 pods to be ready...";
 * - the default rollingUpdate block (partition 0), 3 updated → "partitioned roll out complete:
 *   3 new pods have been updated..." — apps/v1 defaulting writes that block whenever no
 *   strategy is given, so a plain rollout reads as "partitioned" (the wording has puzzled
 *   users since kubernetes/kubernetes#68573);
 * - partition 2, 0 updated → "Waiting for partitioned roll out to finish: 0 out of 1 new pods
 *   have been updated...";
 * - `type: RollingUpdate` written without a block, revisions differ → "waiting for statefulset
 *   rolling update to complete 1 pods at revision web-7b9c4d5f8...";
 * - OnDelete → the error "rollout status is only available for RollingUpdate strategy type".
 */
import type { StatefulSet } from "../../types.ts";

export interface StatefulSetRolloutStatus {
  message: string;
  done: boolean;
  /** Set when kubectl refuses to report (the OnDelete strategy). */
  error?: string;
}

export function statefulSetRolloutStatus(sts: StatefulSet): StatefulSetRolloutStatus {
  const s = sts.status ?? { replicas: 0 };
  const strategy = sts.spec.updateStrategy;
  if (strategy?.type !== "RollingUpdate")
    return {
      message: "",
      done: false,
      error: "rollout status is only available for RollingUpdate strategy type",
    };
  const observed = s.observedGeneration ?? 0;
  if (observed === 0 || (sts.metadata.generation ?? 0) > observed)
    return { message: "Waiting for statefulset spec update to be observed...\n", done: false };
  const replicas = sts.spec.replicas;
  const ready = s.readyReplicas ?? 0;
  if (ready < replicas)
    return { message: `Waiting for ${replicas - ready} pods to be ready...\n`, done: false };
  const updated = s.updatedReplicas ?? 0;
  const ru = strategy.rollingUpdate;
  if (ru) {
    if (ru.partition !== undefined && updated < replicas - ru.partition)
      return {
        message: `Waiting for partitioned roll out to finish: ${updated} out of ${replicas - ru.partition} new pods have been updated...\n`,
        done: false,
      };
    return {
      message: `partitioned roll out complete: ${updated} new pods have been updated...\n`,
      done: true,
    };
  }
  if (s.updateRevision !== s.currentRevision)
    return {
      message: `waiting for statefulset rolling update to complete ${updated} pods at revision ${s.updateRevision ?? ""}...\n`,
      done: false,
    };
  return {
    message: `statefulset rolling update complete ${s.currentReplicas ?? 0} pods at revision ${s.currentRevision ?? ""}...\n`,
    done: true,
  };
}
