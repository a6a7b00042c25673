/**
 * The RollingUpdate strategy: pkg/controller/deployment/rolling.go (v1.28). One sync takes at
 * most one step — a scale-up of the new ReplicaSet or a scale-down of old ones — and the
 * ReplicaSet writes it makes bring the next sync.
 */
import type { Deployment, ReplicaSet } from "../../../k8s/types.ts";
import type { SyncSession } from "./client.ts";
import {
  progressingOf,
  replicaSetCounts,
  rolloutBudgets,
  type RolloutWait,
  type ScaleDownBlock,
  type ScaleUpBlock,
} from "./decision.ts";
import { syncRolloutStatus } from "./progress.ts";
import {
  cleanupDeployment,
  getAllReplicaSetsAndSyncRevision,
  scaleReplicaSetAndRecordEvent,
  type AllReplicaSets,
} from "./sync.ts";
import {
  byCreationTimestamp,
  deploymentComplete,
  filterActiveReplicaSets,
  getAvailableReplicaCountForReplicaSets,
  getReplicaCountForReplicaSets,
  maxSurge,
  maxUnavailable,
  newRSNewReplicas,
} from "./util.ts";

/** rolloutRolling: scale up, if we can; else scale down, if we can; then status (and cleanup once complete). */
export function rolloutRolling(
  s: SyncSession,
  d: Deployment,
  rsList: readonly ReplicaSet[],
  /** What getAllReplicaSetsAndSyncRevision answers now, when already known (index.ts). */
  known?: AllReplicaSets,
): void {
  const { newRS, oldRSs, error } = known ?? getAllReplicaSetsAndSyncRevision(s, d, rsList, true);
  if (error !== undefined || newRS === undefined) return;
  const allRSs = [...oldRSs, newRS];

  const blocked: { scaleUp?: ScaleUpBlock; scaleDown?: ScaleDownBlock } = {};
  // Scale up, if we can.
  if (reconcileNewReplicaSet(s, allRSs, newRS, d, blocked)) return syncRolloutStatus(s, allRSs, newRS, d);

  // Scale down, if we can.
  const activeOld = filterActiveReplicaSets(oldRSs);
  if (reconcileOldReplicaSets(s, allRSs, activeOld, newRS, d, blocked))
    return syncRolloutStatus(s, allRSs, newRS, d);

  // Neither step was possible: say what the rollout waits for (new pods to become available).
  if (activeOld.length > 0 || (newRS.status.availableReplicas ?? 0) < d.spec.replicas)
    recordRolloutWait(s, d, newRS, activeOld, blocked);

  // The status read at the start of this sync decides, as in Kubernetes.
  if (deploymentComplete(d, d.status)) cleanupDeployment(s, oldRSs, d);

  syncRolloutStatus(s, allRSs, newRS, d);
}

/**
 * reconcileNewReplicaSet: an oversized new ReplicaSet goes straight down to spec.replicas;
 * otherwise it grows to NewRSNewReplicas (the surge budget). Returns whether it scaled.
 */
export function reconcileNewReplicaSet(
  s: SyncSession,
  allRSs: readonly ReplicaSet[],
  newRS: ReplicaSet,
  d: Deployment,
  blocked: { scaleUp?: ScaleUpBlock } = {},
): boolean {
  if (newRS.spec.replicas === d.spec.replicas) {
    blocked.scaleUp = { reason: "new ReplicaSet at spec.replicas" };
    return false;
  }
  if (newRS.spec.replicas > d.spec.replicas) {
    return scaleReplicaSetAndRecordEvent(s, newRS, d.spec.replicas, d, {
      step: "new ReplicaSet above spec.replicas",
      inputs: rolloutBudgets(d),
    }).scaled;
  }
  const count = newRSNewReplicas(d, allRSs, newRS);
  if (typeof count !== "number") return false;
  const inputs = Object.assign(rolloutBudgets(d), {
    maxTotalPods: d.spec.replicas + maxSurge(d),
    allPods: getReplicaCountForReplicaSets(allRSs),
  });
  if (count === newRS.spec.replicas)
    blocked.scaleUp = {
      reason: "surge budget used",
      allPods: inputs.allPods,
      maxTotalPods: inputs.maxTotalPods,
    };
  return scaleReplicaSetAndRecordEvent(s, newRS, count, d, { step: "scale up new ReplicaSet", inputs })
    .scaled;
}

/**
 * reconcileOldReplicaSets: how far old ReplicaSets may shrink without going below minAvailable.
 * maxScaledDown = allPods − minAvailable − newRSUnavailable: the new ReplicaSet's unavailable
 * pods count against the budget, so old pods are not removed while new ones are not up.
 * First cleanupUnhealthyReplicas (old pods that are not available cost nothing), then
 * scaleDownOldReplicaSetsForRollingUpdate (bounded by what is available).
 *
 * Concrete example (rolling.go): 10 replicas, maxUnavailable 2, maxSurge 3. The update creates
 * the new RS at 3, old goes to 8, new to 5. If the new pods crash-loop: allPods 13, minAvailable
 * 8, newRSUnavailable 5 → 13 − 8 − 5 = 0, so even a failed old pod is not scaled down. After
 * `rollout undo` to the good RS, newRSUnavailable is 1 → 4 crash-looping pods go.
 */
export function reconcileOldReplicaSets(
  s: SyncSession,
  allRSs: readonly ReplicaSet[],
  oldRSs: ReplicaSet[],
  newRS: ReplicaSet,
  d: Deployment,
  blocked: { scaleDown?: ScaleDownBlock } = {},
): boolean {
  const oldPodsCount = getReplicaCountForReplicaSets(oldRSs);
  if (oldPodsCount === 0) {
    blocked.scaleDown = { reason: "no old pods" };
    return false;
  }
  const allPodsCount = getReplicaCountForReplicaSets(allRSs);
  const unavailable = maxUnavailable(d);
  const minAvailable = d.spec.replicas - unavailable;
  const newRSUnavailablePodCount = newRS.spec.replicas - (newRS.status.availableReplicas ?? 0);
  const maxScaledDown = allPodsCount - minAvailable - newRSUnavailablePodCount;
  if (maxScaledDown <= 0) {
    blocked.scaleDown = {
      reason: "availability budget used",
      allPods: allPodsCount,
      minAvailable,
      newUnavailable: newRSUnavailablePodCount,
      maxScaledDown,
    };
    return false;
  }

  const inputs = Object.assign(rolloutBudgets(d), {
    minAvailable,
    allPods: allPodsCount,
    newUnavailable: newRSUnavailablePodCount,
    maxScaledDown,
  });
  const cleaned = cleanupUnhealthyReplicas(s, oldRSs, d, maxScaledDown, inputs);
  const allAfterCleanup = [...cleaned.oldRSs, newRS];
  const scaledDown = scaleDownOldReplicaSetsForRollingUpdate(s, allAfterCleanup, cleaned.oldRSs, d, inputs);
  if (cleaned.cleanupCount + scaledDown === 0)
    blocked.scaleDown = {
      reason: "not enough available pods",
      maxScaledDown,
      minAvailable,
      availablePods: getAvailableReplicaCountForReplicaSets(allAfterCleanup),
    };
  return cleaned.cleanupCount + scaledDown > 0;
}

/**
 * cleanupUnhealthyReplicas: oldest first, shrink each old ReplicaSet by its unavailable pods
 * (spec − available), within maxCleanupCount in total. The ReplicaSet controller then deletes
 * the not-ready pods first, so availability does not drop. Example: spec 10, available 8,
 * budget 3 → 2 cleaned up, RS at 8.
 */
export function cleanupUnhealthyReplicas(
  s: SyncSession,
  oldRSs: readonly ReplicaSet[],
  d: Deployment,
  maxCleanupCount: number,
  inputs: Record<string, unknown> = {},
): { oldRSs: ReplicaSet[]; cleanupCount: number } {
  const sorted = [...oldRSs].sort(byCreationTimestamp);
  let total = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (total >= maxCleanupCount) break;
    const rs = sorted[i];
    const available = rs.status.availableReplicas ?? 0;
    if (rs.spec.replicas === 0 || rs.spec.replicas === available) continue;
    const count = Math.min(maxCleanupCount - total, rs.spec.replicas - available);
    const next = rs.spec.replicas - count;
    const result = scaleReplicaSetAndRecordEvent(s, rs, next, d, {
      step: "clean up unhealthy old replicas",
      inputs: Object.assign({}, inputs, {
        unavailableInRS: rs.spec.replicas - available,
        budgetLeft: maxCleanupCount - total,
      }),
    });
    total += count;
    sorted[i] = result.rs;
  }
  return { oldRSs: sorted, cleanupCount: total };
}

/**
 * scaleDownOldReplicaSetsForRollingUpdate: remove available − minAvailable old pods, oldest
 * ReplicaSet first. `available` sums status.availableReplicas of allRSs (the old ones as the
 * cleanup left them — spec changed, status not yet — and the new one).
 * Example: 10 replicas, maxUnavailable 2, old RS 10 available → scale it down by 2 to 8.
 */
export function scaleDownOldReplicaSetsForRollingUpdate(
  s: SyncSession,
  allRSs: readonly ReplicaSet[],
  oldRSs: readonly ReplicaSet[],
  d: Deployment,
  inputs: Record<string, unknown> = {},
): number {
  const minAvailable = d.spec.replicas - maxUnavailable(d);
  const available = getAvailableReplicaCountForReplicaSets(allRSs);
  if (available <= minAvailable) return 0;
  const target = available - minAvailable;
  let total = 0;
  for (const rs of [...oldRSs].sort(byCreationTimestamp)) {
    if (total >= target) break;
    if (rs.spec.replicas === 0) continue;
    const count = Math.min(rs.spec.replicas, target - total);
    scaleReplicaSetAndRecordEvent(s, rs, rs.spec.replicas - count, d, {
      step: "scale down old ReplicaSet",
      inputs: Object.assign({}, inputs, { availablePods: available, totalScaleDownCount: target }),
    });
    total += count;
  }
  return total;
}

/** The "rollout-wait" decision: the ReplicaSets as this sync read them and why no step was possible. */
function recordRolloutWait(
  s: SyncSession,
  d: Deployment,
  newRS: ReplicaSet,
  oldRSs: readonly ReplicaSet[],
  blocked: { scaleUp?: ScaleUpBlock; scaleDown?: ScaleDownBlock },
): void {
  const counts = replicaSetCounts(newRS);
  const inputs: RolloutWait = Object.assign(
    rolloutBudgets(d),
    { waitingFor: "rolling" as const, newReplicaSet: counts, oldReplicaSets: oldRSs.map(replicaSetCounts) },
    blocked,
    { progressing: progressingOf(d), progressDeadlineSeconds: d.spec.progressDeadlineSeconds },
  );
  s.decide(
    "rollout-wait",
    `wait: new ReplicaSet ${counts.name} ${counts.available}/${counts.replicas} available` +
      ` (${blocked.scaleUp?.reason ?? "may grow"}; ${blocked.scaleDown?.reason ?? "may shrink"})`,
    inputs as unknown as Record<string, unknown>,
  );
}
