/**
 * What KEDA's operator reads of a ScaledObject (keda.sh/v1alpha1, apis/keda/v1alpha1
 * scaledobject_types.go), with its defaults: pollingInterval 30 s, cooldownPeriod 300 s,
 * minReplicaCount 0, maxReplicaCount 100, scaleTargetRef apps/v1 Deployment; the pause
 * annotations; the conditions (condition_types.go: Ready, Active, Fallback, Paused; a condition
 * is type, status, reason and message, nothing else).
 */
import { list, obj, str, type Obj } from "../../../k8s/kinds/stored/fields.ts";
import type { KubeObject } from "../../../k8s/types.ts";

/** The label KEDA puts on a ScaledObject and on its External metrics' selector (ScaledObjectOwnerAnnotation). */
export const SCALED_OBJECT_LABEL = "scaledobject.keda.sh/name";
/** kedav1alpha1.PausedReplicasAnnotation and PausedAnnotation. */
export const PAUSED_REPLICAS = "autoscaling.keda.sh/paused-replicas";
export const PAUSED = "autoscaling.keda.sh/paused";
/** The KEDA release whose behaviour is modelled (the HPA's app.kubernetes.io/version label). */
export const KEDA_VERSION = "2.16.1";

/** scale_executor.go defaultCooldownPeriod; scaledobject_types.go's pollingInterval default. */
export const DEFAULT_COOLDOWN = 300;
export const DEFAULT_POLLING_INTERVAL = 30;
/** hpa.go defaultHPAMinReplicas, defaultHPAMaxReplicas. */
const DEFAULT_HPA_MIN = 1;
const DEFAULT_HPA_MAX = 100;

export interface Condition {
  type: "Ready" | "Active" | "Fallback" | "Paused";
  status: "True" | "False" | "Unknown";
  reason?: string;
  message?: string;
}

const int = (v: unknown): number | undefined =>
  typeof v === "number" && Number.isInteger(v) ? v : undefined;

export const specOf = (so: KubeObject): Obj => obj((so as unknown as Obj).spec);

export interface TargetRef {
  apiVersion: string;
  kind: string;
  name: string;
}

/** spec.scaleTargetRef with its defaults. */
export function targetRefOf(so: KubeObject): TargetRef {
  const ref = obj(specOf(so).scaleTargetRef);
  return {
    apiVersion: str(ref.apiVersion) || "apps/v1",
    kind: str(ref.kind) || "Deployment",
    name: str(ref.name),
  };
}

export const minReplicaCount = (so: KubeObject): number | undefined => int(specOf(so).minReplicaCount);
export const maxReplicaCount = (so: KubeObject): number | undefined => int(specOf(so).maxReplicaCount);
export const idleReplicaCount = (so: KubeObject): number | undefined => int(specOf(so).idleReplicaCount);
export const pollingInterval = (so: KubeObject): number =>
  int(specOf(so).pollingInterval) ?? DEFAULT_POLLING_INTERVAL;
export const cooldownPeriod = (so: KubeObject): number => int(specOf(so).cooldownPeriod) ?? DEFAULT_COOLDOWN;
export const triggersOf = (so: KubeObject): Obj[] => list(specOf(so).triggers).map(obj);

/** hpa.go getHPAMinReplicas: minReplicaCount when above 0, else 1. */
export const hpaMinReplicas = (so: KubeObject): number => {
  const m = minReplicaCount(so);
  return m !== undefined && m > 0 ? m : DEFAULT_HPA_MIN;
};
/** hpa.go getHPAMaxReplicas. */
export const hpaMaxReplicas = (so: KubeObject): number => maxReplicaCount(so) ?? DEFAULT_HPA_MAX;

const hpaConfig = (so: KubeObject): Obj => obj(obj(specOf(so).advanced).horizontalPodAutoscalerConfig);

/** getHPAName: advanced.horizontalPodAutoscalerConfig.name, else `keda-hpa-<name>` (Trim to 63). */
export function hpaNameOf(so: KubeObject): string {
  const given = str(hpaConfig(so).name);
  return given !== "" ? given : `keda-hpa-${so.metadata.name}`.slice(0, 63);
}

/** advanced.horizontalPodAutoscalerConfig.behavior, as written. */
export const hpaBehaviorOf = (so: KubeObject): Obj | undefined => {
  const b = hpaConfig(so).behavior;
  return b !== undefined && b !== null && typeof b === "object" ? (b as Obj) : undefined;
};

const annotation = (so: KubeObject, key: string): string | undefined => {
  const a = so.metadata.annotations;
  return a !== undefined && Object.hasOwn(a, key) ? a[key] : undefined;
};

/**
 * scale_scaledobjects.go GetPausedReplicaCount: the paused-replicas annotation as an int32,
 * undefined when absent, or strconv.ParseInt's error.
 */
export function pausedReplicaCount(so: KubeObject): number | undefined | { error: string } {
  const v = annotation(so, PAUSED_REPLICAS);
  if (v === undefined) return undefined;
  if (!/^[+-]?\d+$/.test(v)) return { error: `strconv.ParseInt: parsing "${v}": invalid syntax` };
  return Number(v);
}

/** NeedToBePausedByAnnotation: paused-replicas, or paused "true". */
export function needsToPause(so: KubeObject): boolean {
  const replicas = pausedReplicaCount(so);
  if (typeof replicas === "number") return true;
  const paused = annotation(so, PAUSED);
  return paused !== undefined && paused.toLowerCase() === "true";
}

/** GetInitializedConditions: the four conditions, Unknown. */
export const initializedConditions = (): Condition[] => [
  { type: "Ready", status: "Unknown" },
  { type: "Active", status: "Unknown" },
  { type: "Fallback", status: "Unknown" },
  { type: "Paused", status: "Unknown" },
];

/** Conditions.SetXCondition: the condition of that type, replaced in place. */
export function setCondition(
  conditions: Condition[],
  type: Condition["type"],
  status: Condition["status"],
  reason: string,
  message: string,
): void {
  const c = conditions.find((x) => x.type === type);
  if (c === undefined) conditions.push({ type, status, reason, message });
  else Object.assign(c, { status, reason, message });
}

export const conditionOf = (conditions: readonly Condition[], type: Condition["type"]): Condition =>
  conditions.find((c) => c.type === type) ?? { type, status: "Unknown" };

/**
 * CombinedTriggersAndAuthenticationsTypes: the trigger types and the authenticationRef names,
 * each once, in order, joined by commas (status.triggersTypes, status.authenticationsTypes).
 */
export function triggersAndAuthTypes(so: KubeObject): { triggers: string; auths: string } {
  const types: string[] = [];
  const auths: string[] = [];
  for (const t of triggersOf(so)) {
    const type = str(t.type);
    if (!types.includes(type)) types.push(type);
    const auth = str(obj(t.authenticationRef).name);
    if (auth !== "" && !auths.includes(auth)) auths.push(auth);
  }
  return { triggers: types.join(","), auths: auths.join(",") };
}

/**
 * CheckReplicaCountBoundsAreValid (scaledobject_types.go): min ≤ max, and an idle count below
 * the minimum. The error's text, or undefined.
 */
export function replicaBoundsError(so: KubeObject): string | undefined {
  const min = minReplicaCount(so) ?? 0;
  const max = hpaMaxReplicas(so);
  if (min > max) return `MinReplicaCount=${min} must be less than MaxReplicaCount=${max}`;
  const idle = idleReplicaCount(so);
  if (idle !== undefined && idle >= min)
    return `IdleReplicaCount=${idle} must be less than MinReplicaCount=${min}`;
  return undefined;
}

/** ValidateTriggers (scaledobject_types.go / identifier.go): some trigger, and trigger names unique. */
export function triggersError(so: KubeObject): string | undefined {
  const triggers = triggersOf(so);
  if (triggers.length === 0) return "no triggers defined in the ScaledObject/ScaledJob";
  const names = new Set<string>();
  for (const t of triggers) {
    const name = str(t.name);
    if (name === "") continue;
    if (names.has(name))
      return `triggerName "${name}" is defined multiple times in the ScaledObject/ScaledJob, but it must be unique`;
    names.add(name);
  }
  return undefined;
}
