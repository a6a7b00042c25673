/**
 * A Deployment's rollout explained from the Deployment controller's decisions: why the new
 * ReplicaSet grew by N (the surge budget: replicas + maxSurge against every ReplicaSet's
 * spec), why an old one shrank by M (the availability budget: minAvailable = replicas −
 * maxUnavailable, less the new ReplicaSet's unavailable pods; unhealthy old pods first), and,
 * between steps, what the rollout waited for (pods not yet created, ready or available —
 * minReadySeconds —, old pods terminating under Recreate, a pause, the progress deadline),
 * as rolling.go, recreate.go and sync.go (v1.28) decide them. Every number is the decision's.
 */
import type {
  CreateReplicaSetInputs,
  ReplicaSetCounts,
  RolloutWait,
  ScaleStepInputs,
} from "../engine/controllers/deployment/decision.ts";
import type { Decision, Trace } from "../engine/trace.ts";
import { formatTime, listText, plural } from "./words.ts";

/** The Deployment controller's decisions about `name`, in order (progress-check timers left out). */
export function deploymentDecisions(trace: Trace, name: string): Decision[] {
  const object = `Deployment/${name}`;
  return trace.decisions.filter(
    (d) => d.controller === "deployment" && d.object === object && d.action !== "progress-check",
  );
}

export const isWait = (d: Decision): boolean => d.action === "rollout-wait";

/** "4 replicas + maxSurge 1 (25% of 4, rounded up)": ResolveFenceposts rounds a surge percentage up. */
const budgetText = (i: Partial<CreateReplicaSetInputs>): string => {
  const spec = i.maxSurgeSpec;
  const surge =
    typeof spec === "string" && spec.endsWith("%")
      ? `maxSurge ${i.maxSurge} (${spec} of ${i.deploymentReplicas}, rounded up)`
      : `maxSurge ${i.maxSurge}`;
  return `${plural(i.deploymentReplicas ?? 0, "replica")} + ${surge}`;
};

/**
 * "minAvailable 3 = 3 replicas − maxUnavailable 0 (25% of 3, rounded down)". With maxSurge 0
 * too, ResolveFenceposts makes maxUnavailable at least 1 ("surge might not work due to quota").
 */
const availabilityText = (i: Partial<ScaleStepInputs>): string => {
  const spec = i.maxUnavailableSpec;
  const fencepost = i.maxSurge === 0 && i.maxUnavailable === 1 ? "; at least 1 when maxSurge is 0" : "";
  const unavailable =
    typeof spec === "string" && spec.endsWith("%")
      ? `maxUnavailable ${i.maxUnavailable} (${spec} of ${i.deploymentReplicas}, rounded down${fencepost})`
      : `maxUnavailable ${i.maxUnavailable}${fencepost ? ` (${fencepost.slice(2)})` : ""}`;
  return `minAvailable ${i.minAvailable} = ${plural(i.deploymentReplicas ?? 0, "replica")} − ${unavailable}`;
};

/** The headline of a step: "created web-55d49578db (revision 2) with 1 replica". */
export function deploymentTitle(d: Decision): string {
  switch (d.action) {
    case "create-rs": {
      const i = d.inputs as CreateReplicaSetInputs;
      return `created ReplicaSet ${i.replicaSet} (revision ${i.revision}) with ${plural(i.replicas, "replica")}`;
    }
    case "scale-up":
    case "scale-down": {
      const i = d.inputs as ScaleStepInputs;
      return `${d.action === "scale-up" ? "grew" : "shrank"} ReplicaSet ${i.replicaSet} ${i.from} → ${i.to}`;
    }
    case "rollout-wait":
      return "waited";
    default:
      return d.summary;
  }
}

/** The lines of a step: the budget it spent, with the numbers it was computed from. */
export function deploymentLines(d: Decision): string[] {
  switch (d.action) {
    case "create-rs":
      return createLines(d.inputs as CreateReplicaSetInputs);
    case "scale-up":
    case "scale-down":
      return scaleLines(d.inputs as ScaleStepInputs);
    case "rollout-wait":
      return waitLines(d.inputs as unknown as RolloutWait);
    default:
      return [d.summary];
  }
}

function createLines(i: CreateReplicaSetInputs): string[] {
  if (i.strategy === "Recreate")
    return [`Recreate: created at ${i.replicas} replicas once no old pod was left`];
  return [
    `surge budget: at most ${i.maxTotalPods} pods (${budgetText(i)})`,
    `the old ReplicaSets held ${i.allPods} → room for min(${i.maxTotalPods} − ${i.allPods}, ${i.deploymentReplicas} − 0) = ${i.replicas}`,
  ];
}

function scaleLines(i: ScaleStepInputs): string[] {
  const by = Math.abs(i.to - i.from);
  switch (i.step) {
    case "scale up new ReplicaSet":
      return [
        `surge budget: at most ${i.maxTotalPods} pods (${budgetText(i)})`,
        `the ReplicaSets held ${i.allPods} → room for min(${i.maxTotalPods} − ${i.allPods}, ${i.deploymentReplicas} − ${i.from}) = ${by}`,
      ];
    case "new ReplicaSet above spec.replicas":
      return [`the new ReplicaSet was above spec.replicas ${i.deploymentReplicas}: straight down to it`];
    case "clean up unhealthy old replicas":
      return [
        `${plural(i.unavailableInRS ?? 0, "pod")} of it not available: unhealthy old pods go first, at no cost to availability`,
        `budget maxScaledDown = ${i.allPods} pods − ${i.minAvailable} minAvailable − ${i.newUnavailable} new unavailable = ${i.maxScaledDown}${i.budgetLeft !== i.maxScaledDown ? ` (${i.budgetLeft} left after older ReplicaSets)` : ""} → ${by} removed`,
        availabilityText(i),
      ];
    case "scale down old ReplicaSet":
      return [
        `availability budget: ${availabilityText(i)}`,
        `${i.availablePods} pods available → ${i.availablePods} − ${i.minAvailable} = ${i.totalScaleDownCount} may go; ${by} from this ReplicaSet`,
      ];
    case "scale down old ReplicaSet (Recreate)":
      return ["Recreate: every old pod goes before a new one starts"];
    case "scale up new ReplicaSet (Recreate)":
      return [`Recreate: no old pod left, the new ReplicaSet goes to ${i.deploymentReplicas} at once`];
    case "scale (single active ReplicaSet)":
      return [`spec.replicas is ${i.deploymentReplicas}: the only active ReplicaSet follows`];
    case "scale (new ReplicaSet saturated)":
      return ["the new ReplicaSet is saturated (all its pods available): the old ones go to 0"];
    case "proportional scaling": {
      const shares = Object.entries(i.proportions ?? {}).map(([rs, p]) => `${rs} ${p >= 0 ? "+" : ""}${p}`);
      return [
        `spec.replicas changed to ${i.deploymentReplicas} mid-rollout (by hand or by an HPA): proportional scaling`,
        `allowed ${i.allowedSize} pods (${budgetText(i)}), the ReplicaSets held ${i.currentTotal} → ${(i.toAdd ?? 0) >= 0 ? "+" : ""}${i.toAdd} shared by size: ${listText(shares, 6)}${i.leftover ? `, leftover ${i.leftover} to the largest` : ""}`,
      ];
    }
    default:
      return [`to ${i.to}`];
  }
}

function podsText(rs: ReplicaSetCounts, minReadySeconds: number): string {
  const parts: string[] = [];
  const notCreated = rs.replicas - rs.pods;
  const notReady = rs.pods - rs.ready;
  const notAvailable = rs.ready - rs.available;
  if (notCreated > 0) parts.push(`${notCreated} not created yet`);
  if (notReady > 0) parts.push(`${notReady} not ready`);
  if (notAvailable > 0)
    parts.push(`${notAvailable} ready but not yet available (minReadySeconds ${minReadySeconds})`);
  const state = parts.length === 0 ? "all available" : parts.join(", ");
  return `${rs.name} ${rs.available}/${rs.replicas} available: ${state}`;
}

/** What a sync without a step waited for, in a line or two. */
export function waitLines(w: RolloutWait): string[] {
  const lines: string[] = [];
  if (w.waitingFor === "paused")
    lines.push("paused: no rollout step until `kubectl rollout resume` (resizes still apply)");
  else if (w.waitingFor === "old pods to terminate")
    lines.push(
      `Recreate: ${plural(w.oldPodsRunning ?? 0, "old pod")} still running; the new ReplicaSet waits for them to go`,
    );
  else if (w.newReplicaSet)
    lines.push(`waiting for new pods: ${podsText(w.newReplicaSet, w.minReadySeconds)}`);
  const up = w.scaleUp;
  if (up?.reason === "surge budget used")
    lines.push(
      `surge budget full: ${up.allPods} of ${up.maxTotalPods} pods (${w.deploymentReplicas} + maxSurge ${w.maxSurge})`,
    );
  const down = w.scaleDown;
  if (down?.reason === "availability budget used")
    lines.push(
      `no old pod may go: ${down.allPods} pods − minAvailable ${down.minAvailable} − ${down.newUnavailable} new unavailable = ${down.maxScaledDown}`,
    );
  if (down?.reason === "not enough available pods")
    lines.push(
      `no old pod may go: ${down.availablePods} available, not above minAvailable ${down.minAvailable}`,
    );
  if (w.oldReplicaSets.length > 0 && w.waitingFor === "rolling")
    lines.push(
      `old ${listText(w.oldReplicaSets.map((rs) => `${rs.name} at ${rs.replicas} (${rs.available} available)`))}`,
    );
  if (w.progressing?.reason === "ProgressDeadlineExceeded")
    lines.push(
      `progress deadline ${formatTime(w.progressDeadlineSeconds)} exceeded (Progressing=False, ProgressDeadlineExceeded): reported, the rollout goes on`,
    );
  return lines;
}

/** Consecutive waits in the same state fold together: the key is that state. */
export function waitKey(d: Decision): string {
  const w = d.inputs as unknown as RolloutWait;
  return JSON.stringify([
    w.waitingFor,
    w.newReplicaSet,
    w.oldReplicaSets,
    w.scaleUp,
    w.scaleDown,
    w.oldPodsRunning,
    w.progressing?.reason,
  ]);
}
