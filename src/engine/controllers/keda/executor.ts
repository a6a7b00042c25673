/**
 * One poll of a ScaledObject's scale loop (kedacore/keda pkg/scaling/scale_handler.go
 * checkScalers → getScaledObjectState, then pkg/scaling/executor/scale_scaledobjects.go
 * RequestScale), every pollingInterval from the loop's start:
 *
 * - Each trigger with an External metric is read (GetMetricsAndActivity): the ScaledObject is
 *   active when one is, in error when one fails (Warning KEDAScalerFailed with the error). A
 *   ScaledObject whose triggers are all cpu or memory is always active (they have no activity).
 * - Active: a target at 0 (or, with idleReplicaCount, below minReplicaCount) is scaled to
 *   max(minReplicaCount, 1) (KEDAScaleTargetActivated "Scaled apps/v1.Deployment default/web
 *   from 0 to 1, triggered by prometheusScaler"); otherwise status.lastActiveTime is now.
 * - Inactive: a target above idleReplicaCount, or above 0 with minReplicaCount 0, goes to
 *   idleReplicaCount (else minReplicaCount, else 0) once cooldownPeriod has passed since
 *   lastActiveTime (strictly: LastActiveTime.Add(cooldown).Before(now)), or initialCooldownPeriod
 *   (default 0) since the creation when it was never active (KEDAScaleTargetDeactivated
 *   "Deactivated apps/v1.Deployment default/web from 3 to 0"); before that, Active is False
 *   ScalerCooldown. A target below minReplicaCount without idleReplicaCount is raised to it.
 * - In error: Ready False TriggerError (no trigger active, no fallback) or Unknown
 *   PartialTriggerError (some active); a poll without error sets Ready back to True.
 * - Then Active: True ScalerActive, or False ScalerNotActive, when it changed.
 */
import { timeSeconds } from "../../../k8s/kinds/stored/fields.ts";
import { toRFC3339 } from "../../../k8s/time.ts";
import type { KubeObject, Time } from "../../../k8s/types.ts";
import { isApiError } from "../../cluster.ts";
import type { ScaleClient } from "../hpa/scaleClient.ts";
import {
  conditionOf,
  cooldownPeriod,
  idleReplicaCount,
  minReplicaCount,
  setCondition,
  specOf,
  type Condition,
  type TargetRef,
} from "./scaledObject.ts";
import type { LoadMetric, Scaler } from "./scalers.ts";

/** The ScaledObject's status as the poll reads and writes it. */
export interface PollStatus {
  conditions: Condition[];
  lastActiveTime?: string;
  scaleTargetKind?: string;
}

export interface PollContext {
  now: Time;
  so: KubeObject;
  target: TargetRef;
  status: PollStatus;
  scalers: readonly { scaler: Scaler; trigger: { name?: string } }[];
  scales: ScaleClient;
  load: LoadMetric;
  event(type: "Normal" | "Warning", reason: string, message: string): void;
}

const READY_MESSAGE = "ScaledObject is defined correctly and is ready for scaling";

/** getScaledObjectState: whether any trigger is active, whether one failed, and the active ones' names. */
function triggersState(p: PollContext): { active: boolean; error: boolean; activeTriggers: string[] } {
  const namespace = p.so.metadata.namespace ?? "default";
  let active = false;
  let error = false;
  let resourceOnly = 0;
  const activeTriggers: string[] = [];
  for (const { scaler, trigger } of p.scalers) {
    if (scaler.read === undefined) {
      resourceOnly++;
      continue;
    }
    const r = scaler.read(namespace, p.now, p.load);
    if ("error" in r) {
      error = true;
      p.event("Warning", "KEDAScalerFailed", r.error);
    } else if (r.active) {
      active = true;
      // getScalerState: the trigger's name, else the scaler's Go type (`prometheusScaler`).
      activeTriggers.push(trigger.name || `${scaler.type}Scaler`);
    }
  }
  // cpu and memory triggers alone: always active (they cannot scale to zero).
  if (p.scalers.length <= resourceOnly && !error) active = true;
  return { active, error, activeTriggers };
}

/** RequestScale. */
export function requestScale(p: PollContext): void {
  const { active, error, activeTriggers } = triggersState(p);
  const namespace = p.so.metadata.namespace ?? "default";
  const scale = p.scales.get(namespace, p.target);
  if (isApiError(scale)) return;
  const current = scale.specReplicas;
  const conditions = p.status.conditions;
  const ready = conditionOf(conditions, "Ready");
  if (!error && ready.status !== "True")
    setCondition(conditions, "Ready", "True", "ScaledObjectReady", READY_MESSAGE);
  const min = minReplicaCount(p.so) ?? 0;
  const idle = idleReplicaCount(p.so);
  const kindText = p.status.scaleTargetKind ?? "";
  const what = `${kindText} ${namespace}/${p.target.name}`;
  const update = (replicas: number): boolean => {
    const r = p.scales.update({ ...scale, specReplicas: replicas });
    return !isApiError(r);
  };
  const hasFallback = specOf(p.so).fallback !== undefined && specOf(p.so).fallback !== null;

  if (active) {
    if ((idle !== undefined && current < min) || current === 0) {
      // scaleFromZeroOrIdle
      const replicas = min > 0 ? min : 1;
      if (update(replicas)) {
        p.event(
          "Normal",
          "KEDAScaleTargetActivated",
          `Scaled ${what} from ${current} to ${replicas}, triggered by ${activeTriggers.join(";")}`,
        );
        p.status.lastActiveTime = toRFC3339(p.now);
      } else
        p.event(
          "Warning",
          "KEDAScaleTargetActivationFailed",
          `Failed to scaled ${what} from ${current} to ${replicas}`,
        );
    } else if (error) {
      if (ready.status !== "Unknown")
        setCondition(
          conditions,
          "Ready",
          "Unknown",
          "PartialTriggerError",
          "Some triggers defined in ScaledObject are not working correctly",
        );
    } else p.status.lastActiveTime = toRFC3339(p.now);
  } else if (error && hasFallback) {
    // Fallback replicas come from the HPA after failureThreshold; nothing to do here.
  } else if (error) {
    if (ready.status !== "False")
      setCondition(
        conditions,
        "Ready",
        "False",
        "TriggerError",
        "Triggers defined in ScaledObject are not working correctly",
      );
  } else if ((idle !== undefined && current > idle) || (current > 0 && min === 0)) {
    scaleToZeroOrIdle(p, current, update, what);
  } else if (current < min && idle === undefined) {
    update(min);
  }

  const activeCondition = conditionOf(conditions, "Active");
  if (activeCondition.status === "Unknown" || (activeCondition.status === "True") !== active) {
    if (active)
      setCondition(
        conditions,
        "Active",
        "True",
        "ScalerActive",
        "Scaling is performed because triggers are active",
      );
    else
      setCondition(
        conditions,
        "Active",
        "False",
        "ScalerNotActive",
        "Scaling is not performed because triggers are not active",
      );
  }
}

/** scaleToZeroOrIdle. */
function scaleToZeroOrIdle(
  p: PollContext,
  current: number,
  update: (n: number) => boolean,
  what: string,
): void {
  const cooldown = cooldownPeriod(p.so);
  const initial =
    typeof specOf(p.so).initialCooldownPeriod === "number"
      ? (specOf(p.so).initialCooldownPeriod as number)
      : 0;
  const created = timeSeconds(p.so.metadata.creationTimestamp) ?? p.now;
  const last = timeSeconds(p.status.lastActiveTime);
  const cooled = last === undefined ? created + initial < p.now : last + cooldown < p.now;
  const conditions = p.status.conditions;
  if (cooled) {
    const idle = idleReplicaCount(p.so);
    const to = idle ?? minReplicaCount(p.so) ?? 0;
    if (update(to)) {
      p.event("Normal", "KEDAScaleTargetDeactivated", `Deactivated ${what} from ${current} to ${to}`);
      setCondition(
        conditions,
        "Active",
        "False",
        "ScalerNotActive",
        "Scaling is not performed because triggers are not active",
      );
    } else
      p.event(
        "Warning",
        "KEDAScaleTargetDeactivationFailed",
        `Failed to deactivate ${what} from ${current} to ${to}`,
      );
    return;
  }
  const a = conditionOf(conditions, "Active");
  if (a.status !== "False" || a.reason !== "ScalerCooldown")
    setCondition(
      conditions,
      "Active",
      "False",
      "ScalerCooldown",
      "Scaler cooling down because triggers are not active",
    );
}
