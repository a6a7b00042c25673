/**
 * The Recreate strategy: pkg/controller/deployment/recreate.go (v1.28). Old ReplicaSets go to 0;
 * only when no old pod runs any more is the new ReplicaSet created and scaled up.
 */
import type { Deployment, Pod, ReplicaSet } from "../../../k8s/types.ts";
import type { SyncSession } from "./client.ts";
import { progressingOf, replicaSetCounts, rolloutBudgets, type RolloutWait } from "./decision.ts";
import { syncRolloutStatus } from "./progress.ts";
import {
  cleanupDeployment,
  getAllReplicaSetsAndSyncRevision,
  scaleReplicaSetAndRecordEvent,
} from "./sync.ts";
import { deploymentComplete, filterActiveReplicaSets, getActualReplicaCountForReplicaSets } from "./util.ts";

/** Pods of the Deployment grouped by the key (UID, or name without one) of the ReplicaSet controlling them. */
export type PodMap = Map<string, Pod[]>;

export const replicaSetKey = (rs: ReplicaSet): string => rs.metadata.uid || rs.metadata.name;

export function rolloutRecreate(
  s: SyncSession,
  d: Deployment,
  rsList: readonly ReplicaSet[],
  podMap: PodMap,
): void {
  // Don't create a new RS if not already existed, so that we avoid scaling up before scaling down.
  const first = getAllReplicaSetsAndSyncRevision(s, d, rsList, false);
  if (first.error !== undefined) return;
  let { newRS, oldRSs } = first;
  let allRSs = [...oldRSs, newRS];

  if (scaleDownOldReplicaSetsForRecreate(s, filterActiveReplicaSets(oldRSs), d))
    return syncRolloutStatus(s, allRSs, newRS, d);

  // Do not process a deployment when it has old pods running.
  if (oldPodsRunning(newRS, oldRSs, podMap)) {
    recordRecreateWait(s, d, newRS, oldRSs, podMap);
    return syncRolloutStatus(s, allRSs, newRS, d);
  }

  if (newRS === undefined) {
    const created = getAllReplicaSetsAndSyncRevision(s, d, rsList, true);
    if (created.error !== undefined || created.newRS === undefined) return;
    ({ newRS, oldRSs } = created);
    allRSs = [...oldRSs, newRS];
  }
  if (newRS === undefined) return;

  scaleReplicaSetAndRecordEvent(s, newRS, d.spec.replicas, d, {
    step: "scale up new ReplicaSet (Recreate)",
    inputs: rolloutBudgets(d),
  });

  if (deploymentComplete(d, d.status)) cleanupDeployment(s, oldRSs, d);

  syncRolloutStatus(s, allRSs, newRS, d);
}

/** scaleDownOldReplicaSetsForRecreate: every active old ReplicaSet straight to 0. */
export function scaleDownOldReplicaSetsForRecreate(
  s: SyncSession,
  oldRSs: readonly ReplicaSet[],
  d: Deployment,
): boolean {
  let scaled = false;
  for (const rs of oldRSs) {
    if (rs.spec.replicas === 0) continue;
    if (
      scaleReplicaSetAndRecordEvent(s, rs, 0, d, {
        step: "scale down old ReplicaSet (Recreate)",
        inputs: rolloutBudgets(d),
      }).scaled
    )
      scaled = true;
  }
  return scaled;
}

/**
 * oldPodsRunning: old ReplicaSets still report pods, or some pod not owned by the new ReplicaSet
 * is in any phase but Failed/Succeeded — Pending, Running, Unknown, even unset. Terminating pods
 * count until they are gone, which is what makes Recreate wait for them.
 */
export function oldPodsRunning(
  newRS: ReplicaSet | undefined,
  oldRSs: readonly ReplicaSet[],
  podMap: PodMap,
): boolean {
  if (getActualReplicaCountForReplicaSets(oldRSs) > 0) return true;
  for (const [key, pods] of podMap) {
    if (newRS !== undefined && replicaSetKey(newRS) === key) continue;
    for (const pod of pods) {
      if (pod.status.phase === "Failed" || pod.status.phase === "Succeeded") continue;
      return true;
    }
  }
  return false;
}

/** The "rollout-wait" decision of a Recreate sync: old pods still run, so no new ReplicaSet yet. */
function recordRecreateWait(
  s: SyncSession,
  d: Deployment,
  newRS: ReplicaSet | undefined,
  oldRSs: readonly ReplicaSet[],
  podMap: PodMap,
): void {
  let running = 0;
  for (const [key, pods] of podMap) {
    if (newRS !== undefined && replicaSetKey(newRS) === key) continue;
    running += pods.filter((p) => p.status.phase !== "Failed" && p.status.phase !== "Succeeded").length;
  }
  const inputs: RolloutWait = Object.assign(
    rolloutBudgets(d),
    { waitingFor: "old pods to terminate" as const },
    newRS ? { newReplicaSet: replicaSetCounts(newRS) } : undefined,
    {
      oldReplicaSets: oldRSs
        .filter((rs) => rs.spec.replicas > 0 || (rs.status.replicas ?? 0) > 0)
        .map(replicaSetCounts),
      oldPodsRunning: running,
      progressing: progressingOf(d),
      progressDeadlineSeconds: d.spec.progressDeadlineSeconds,
    },
  );
  s.decide(
    "rollout-wait",
    `wait: ${running} old pod${running === 1 ? "" : "s"} still running (Recreate)`,
    inputs as unknown as Record<string, unknown>,
  );
}
