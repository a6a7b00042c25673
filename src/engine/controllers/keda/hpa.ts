/**
 * The HorizontalPodAutoscaler KEDA writes for a ScaledObject (kedacore/keda
 * controllers/keda/hpa.go newHPAForScaledObject, getScaledObjectMetricSpecs,
 * updateHPAIfNeeded):
 *
 * - named `keda-hpa-<name>`, or advanced.horizontalPodAutoscalerConfig.name;
 * - labels app.kubernetes.io/name (the HPA's name), /version (KEDA's), /part-of (the
 *   ScaledObject's name), /managed-by keda-operator, then the ScaledObject's own labels;
 *   annotations the ScaledObject's; the ScaledObject its controller owner;
 * - minReplicas the minReplicaCount when above 0, else 1; maxReplicas the maxReplicaCount
 *   (default 100); with paused-replicas both are the paused count (at least 1);
 * - metrics one per trigger, each External metric's selector naming the ScaledObject
 *   (`scaledobject.keda.sh/name`, how KEDA's metrics adapter knows whose metric the HPA asks
 *   for), sorted by type (Resource, ContainerResource, External… in string order); behavior
 *   advanced.horizontalPodAutoscalerConfig.behavior as written.
 *
 * An existing HPA is updated when the wanted spec is not semantically derived from it
 * (equality.Semantic.DeepDerivative: fields the wanted spec leaves unset do not count, so the
 * API server's defaults do not cause a write), or its metrics count differs, or its labels do.
 */
import { obj, str, type Obj } from "../../../k8s/kinds/stored/fields.ts";
import type { KubeObject } from "../../../k8s/types.ts";
import {
  hpaBehaviorOf,
  hpaMaxReplicas,
  hpaMinReplicas,
  hpaNameOf,
  KEDA_VERSION,
  SCALED_OBJECT_LABEL,
  type TargetRef,
} from "./scaledObject.ts";
import type { Scaler } from "./scalers.ts";

/** The HPA's metrics: each scaler's, External ones with the ScaledObject's selector, sorted by type. */
export function metricSpecsOf(so: KubeObject, scalers: readonly Scaler[]): Obj[] {
  const specs = scalers.map((s) => {
    const spec = structuredClone(s.metricSpec);
    if (spec.type === "External") {
      const metric = obj(obj(spec.external).metric);
      metric.selector = { matchLabels: { [SCALED_OBJECT_LABEL]: so.metadata.name.slice(0, 63) } };
    }
    return spec;
  });
  // sort.Slice by Type; a stable sort keeps the triggers' order within a type.
  return specs.sort((a, b) => (str(a.type) < str(b.type) ? -1 : str(a.type) > str(b.type) ? 1 : 0));
}

/** newHPAForScaledObject. `paused`: the paused-replicas count, when set. */
export function newHPAForScaledObject(
  so: KubeObject,
  target: TargetRef,
  scalers: readonly Scaler[],
  paused: number | undefined,
): KubeObject {
  const name = hpaNameOf(so);
  const labels: Record<string, string> = {
    "app.kubernetes.io/name": name,
    "app.kubernetes.io/version": KEDA_VERSION,
    "app.kubernetes.io/part-of": so.metadata.name.slice(0, 63),
    "app.kubernetes.io/managed-by": "keda-operator",
    ...(so.metadata.labels ?? {}),
  };
  let min = hpaMinReplicas(so);
  let max = hpaMaxReplicas(so);
  if (paused !== undefined) {
    // MinReplicas on an HPA cannot be 0.
    min = Math.max(paused, 1);
    max = min;
  }
  const behavior = hpaBehaviorOf(so);
  const spec: Obj = {
    scaleTargetRef: { apiVersion: target.apiVersion, kind: target.kind, name: target.name },
    minReplicas: min,
    maxReplicas: max,
    metrics: metricSpecsOf(so, scalers),
    ...(behavior ? { behavior: structuredClone(behavior) } : {}),
  };
  const metadata: Obj = {
    name,
    labels,
    ownerReferences: [
      {
        apiVersion: so.apiVersion,
        kind: so.kind,
        name: so.metadata.name,
        uid: so.metadata.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ],
  };
  if (so.metadata.namespace !== undefined) metadata.namespace = so.metadata.namespace;
  if (so.metadata.annotations !== undefined) metadata.annotations = { ...so.metadata.annotations };
  return {
    apiVersion: "autoscaling/v2",
    kind: "HorizontalPodAutoscaler",
    metadata,
    spec,
  } as unknown as KubeObject;
}

/**
 * equality.Semantic.DeepDerivative(a, b): every field `a` sets equals `b`'s (a map's unset
 * keys and an empty list in `a` are ignored).
 */
export function deepDerivative(a: unknown, b: unknown): boolean {
  if (a === undefined || a === null) return true;
  if (Array.isArray(a)) {
    if (a.length === 0) return true;
    return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepDerivative(x, b[i]));
  }
  if (typeof a === "object") {
    if (typeof b !== "object" || b === null || Array.isArray(b)) return false;
    const bo = b as Obj;
    return Object.entries(a as Obj).every(([k, v]) => deepDerivative(v, bo[k]));
  }
  return a === b;
}

/** updateHPAIfNeeded: the HPA to write over `found`, or undefined when it is up to date. */
export function hpaUpdate(wanted: KubeObject, found: KubeObject): KubeObject | undefined {
  const w = obj((wanted as unknown as Obj).spec);
  const f = obj((found as unknown as Obj).spec);
  const metricsDiffer = (w.metrics as unknown[]).length !== (Array.isArray(f.metrics) ? f.metrics.length : 0);
  const specDiffers = metricsDiffer || !deepDerivative(w, f);
  const labelsDiffer = !deepDerivative(wanted.metadata.labels, found.metadata.labels ?? {});
  if (!specDiffers && !labelsDiffer) return undefined;
  const next = structuredClone(found) as unknown as Obj;
  if (specDiffers) next.spec = w;
  if (labelsDiffer) (next.metadata as Obj).labels = { ...wanted.metadata.labels };
  return next as unknown as KubeObject;
}
