/**
 * What the Deployment controller records in the trace besides its writes: the budgets each
 * rollout step was computed from, and — when a sync takes no step while the rollout is not
 * done — what it waited for. The explainer (src/explain) reads these fields; it never
 * recomputes a budget.
 *
 * Decisions (controller "deployment", object "Deployment/NAME"):
 * - "create-rs", "scale-up", "scale-down": a ReplicaSet was created or resized (sync.ts),
 *   with the step's name and the numbers below that it used;
 * - "rollout-wait": a rolling, recreate or paused sync changed no ReplicaSet although old
 *   pods remain or new ones are not all available (RolloutWait);
 * - "progress-check", "rollback", "cleanup", "hash-collision".
 */
import type { Deployment, IntOrString, ReplicaSet, Time } from "../../../k8s/types.ts";
import { getDeploymentCondition } from "./conditions.ts";
import { maxSurge, maxUnavailable } from "./util.ts";

/** The strategy's budgets as this sync resolved them (ResolveFenceposts), next to what was written. */
export type RolloutBudgets = {
  deploymentReplicas: number;
  strategy: Deployment["spec"]["strategy"]["type"];
  /** maxSurge resolved against spec.replicas (a percentage rounds up). */
  maxSurge: number;
  /** maxUnavailable resolved against spec.replicas (a percentage rounds down; both 0 → 1). */
  maxUnavailable: number;
  /** As the manifest says it ("25%", 1); undefined when unset or Recreate. */
  maxSurgeSpec?: IntOrString;
  maxUnavailableSpec?: IntOrString;
  minReadySeconds: number;
};

export function rolloutBudgets(d: Deployment): RolloutBudgets {
  const ru = d.spec.strategy.rollingUpdate;
  const b: RolloutBudgets = {
    deploymentReplicas: d.spec.replicas,
    strategy: d.spec.strategy.type,
    maxSurge: maxSurge(d),
    maxUnavailable: maxUnavailable(d),
    minReadySeconds: d.spec.minReadySeconds,
  };
  if (ru?.maxSurge !== undefined) b.maxSurgeSpec = ru.maxSurge;
  if (ru?.maxUnavailable !== undefined) b.maxUnavailableSpec = ru.maxUnavailable;
  return b;
}

/** The step a "scale-up"/"scale-down" decision took (its `step` input), by the function that took it. */
export const ScaleStep = {
  /** rolling.go reconcileNewReplicaSet: the new ReplicaSet grows into the surge budget. */
  "scale up new ReplicaSet": 1,
  /** reconcileNewReplicaSet: a new ReplicaSet above spec.replicas goes straight down to it. */
  "new ReplicaSet above spec.replicas": 1,
  /** cleanupUnhealthyReplicas: old ReplicaSets lose their unavailable pods first. */
  "clean up unhealthy old replicas": 1,
  /** scaleDownOldReplicaSetsForRollingUpdate: old ReplicaSets shrink by what is available above minAvailable. */
  "scale down old ReplicaSet": 1,
  /** recreate.go: every old ReplicaSet to 0, then the new one to spec.replicas. */
  "scale down old ReplicaSet (Recreate)": 1,
  "scale up new ReplicaSet (Recreate)": 1,
  /** sync.go scale: a resize with one active ReplicaSet, or a saturated new one. */
  "scale (single active ReplicaSet)": 1,
  "scale (new ReplicaSet saturated)": 1,
  /** sync.go scale: a resize spread over the ReplicaSets in proportion to their sizes. */
  "proportional scaling": 1,
  scale: 1,
} as const;
export type ScaleStep = keyof typeof ScaleStep;

/**
 * The inputs of a "scale-up"/"scale-down" decision: the ReplicaSet and its sizes, the step,
 * the budgets, and the numbers of the step that took it (absent when that step does not use them).
 */
export type ScaleStepInputs = Partial<RolloutBudgets> & {
  replicaSet: string;
  from: number;
  to: number;
  step: ScaleStep;
  /** reconcileNewReplicaSet: replicas + maxSurge, and Σ spec.replicas before the step. */
  maxTotalPods?: number;
  allPods?: number;
  /** reconcileOldReplicaSets: replicas − maxUnavailable, new RS spec − available, and the budget. */
  minAvailable?: number;
  newUnavailable?: number;
  maxScaledDown?: number;
  /** cleanupUnhealthyReplicas: this RS's unavailable pods and the budget left when it was reached. */
  unavailableInRS?: number;
  budgetLeft?: number;
  /** scaleDownOldReplicaSetsForRollingUpdate: pods available and how many may go in all. */
  availablePods?: number;
  totalScaleDownCount?: number;
  /** Proportional scaling: replicas + maxSurge, Σ spec before, the difference and each RS's share. */
  allowedSize?: number;
  currentTotal?: number;
  toAdd?: number;
  proportions?: Record<string, number>;
  leftover?: number;
};

/** The inputs of a "create-rs" decision. */
export type CreateReplicaSetInputs = RolloutBudgets & {
  replicaSet: string;
  replicas: number;
  revision: number;
  podTemplateHash: string;
  maxTotalPods: number;
  /** Σ spec.replicas of the old ReplicaSets when the new one was sized. */
  allPods: number;
};

/** A ReplicaSet's counts as the sync read them (spec, and the status its controller wrote). */
export interface ReplicaSetCounts {
  name: string;
  replicas: number;
  pods: number;
  ready: number;
  available: number;
}

export const replicaSetCounts = (rs: ReplicaSet): ReplicaSetCounts => ({
  name: rs.metadata.name,
  replicas: rs.spec.replicas,
  pods: rs.status.replicas ?? 0,
  ready: rs.status.readyReplicas ?? 0,
  available: rs.status.availableReplicas ?? 0,
});

/**
 * Why a rolling sync could not grow the new ReplicaSet: it already has spec.replicas, or
 * every ReplicaSet's spec together already fills replicas + maxSurge (NewRSNewReplicas).
 */
export type ScaleUpBlock =
  | { reason: "new ReplicaSet at spec.replicas" }
  | { reason: "surge budget used"; allPods: number; maxTotalPods: number };

/**
 * Why a rolling sync could not shrink old ReplicaSets (reconcileOldReplicaSets): the budget
 * allPods − minAvailable − newUnavailable is spent, or the pods available do not exceed
 * minAvailable (and no old pod was unhealthy to clean up).
 */
export type ScaleDownBlock =
  | { reason: "no old pods" }
  | {
      reason: "availability budget used";
      allPods: number;
      minAvailable: number;
      newUnavailable: number;
      maxScaledDown: number;
    }
  | {
      reason: "not enough available pods";
      maxScaledDown: number;
      minAvailable: number;
      availablePods: number;
    };

/** The inputs of a "rollout-wait" decision. */
export interface RolloutWait extends RolloutBudgets {
  /** What held the rollout: rolling steps blocked, Recreate waiting for old pods, or a pause. */
  waitingFor: "rolling" | "old pods to terminate" | "paused";
  newReplicaSet?: ReplicaSetCounts;
  oldReplicaSets: ReplicaSetCounts[];
  scaleUp?: ScaleUpBlock;
  scaleDown?: ScaleDownBlock;
  /** Recreate: pods of old ReplicaSets that still run (any phase but Succeeded/Failed). */
  oldPodsRunning?: number;
  /** The Progressing condition as the sync read it, with the deadline. */
  progressing?: { status: string; reason: string; lastUpdateTime: Time };
  progressDeadlineSeconds: number;
}

export function progressingOf(d: Deployment): RolloutWait["progressing"] {
  const c = getDeploymentCondition(d.status, "Progressing");
  return c ? { status: c.status, reason: c.reason, lastUpdateTime: c.lastUpdateTime } : undefined;
}
