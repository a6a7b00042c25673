/**
 * Every served HorizontalPodAutoscaler version converted to the one internal form
 * (autoscaling/v2, types.ts), then defaulted:
 * - autoscaling/v1: `targetCPUUtilizationPercentage: N` → one Resource cpu Utilization N metric
 *   (pkg/apis/autoscaling/v1/conversion.go); metrics and behavior kept in the
 *   `autoscaling.alpha.kubernetes.io/metrics` / `…/behavior` annotations are restored from
 *   there (other metrics first, then cpu), and the annotations removed.
 * - autoscaling/v2beta1: `targetAverageUtilization` / `targetAverageValue` / `targetValue`,
 *   `metricName`, `selector`/`metricSelector` and `target` (Object) become v2 `target` blocks and
 *   metric identifiers (pkg/apis/autoscaling/v2beta1/conversion.go). It has no `behavior`.
 * - autoscaling/v2beta2 and v2: the same shape as the internal form.
 * Then defaulting (pkg/apis/autoscaling/v2/defaults.go): minReplicas 1; no metrics → cpu 80%
 * Utilization; behavior through `defaultHPABehavior` (only when behavior is given).
 */
import { deepClone } from "./clone.ts";
import { defaultHPABehavior } from "./hpaBehaviorDefaults.ts";
import { isQuantityError, parseQuantity } from "./quantity.ts";
import type { HorizontalPodAutoscalerBehavior, MetricSpec, MetricTarget } from "./types.ts";
import { isObj, type Obj } from "./jsonObject.ts";

export const HPA_VERSIONS = [
  "autoscaling/v1",
  "autoscaling/v2",
  "autoscaling/v2beta1",
  "autoscaling/v2beta2",
] as const;
export type HPAVersion = (typeof HPA_VERSIONS)[number];

/** autoscaling.DefaultCPUUtilization */
export const DEFAULT_CPU_UTILIZATION = 80;

export const METRIC_SPECS_ANNOTATION = "autoscaling.alpha.kubernetes.io/metrics";
export const BEHAVIOR_SPECS_ANNOTATION = "autoscaling.alpha.kubernetes.io/behavior";

/**
 * Convert any served version to the internal autoscaling/v2 form and apply API defaulting.
 * Example (seed 000, autoscaling/v2beta1): `resource: {name: memory, targetAverageUtilization: 60}`
 * → `{type: Resource, resource: {name: memory, target: {type: Utilization, averageUtilization: 60}}}`.
 */
export function convertHPA(raw: Obj, apiVersion: HPAVersion): Obj {
  const src = deepClone(raw);
  const meta: Obj = isObj(src.metadata) ? { ...src.metadata } : {};
  const spec: Obj = isObj(src.spec) ? src.spec : {};
  let out: Obj;
  switch (apiVersion) {
    case "autoscaling/v1":
      out = convertV1Spec(spec, meta);
      break;
    case "autoscaling/v2beta1":
      out = convertV2beta1Spec(spec);
      break;
    default:
      out = {
        ...spec,
        metrics: Array.isArray(spec.metrics) ? spec.metrics.map(normalizeV2Metric) : spec.metrics,
      };
  }
  return {
    apiVersion: "autoscaling/v2",
    kind: "HorizontalPodAutoscaler",
    metadata: meta,
    spec: defaultHPASpec(out),
    status: isObj(src.status) ? src.status : { currentReplicas: 0, desiredReplicas: 0 },
  };
}

/** SetDefaults_HorizontalPodAutoscaler (v2). */
export function defaultHPASpec(spec: Obj): Obj {
  const out: Obj = { ...spec };
  if (out.minReplicas === undefined || out.minReplicas === null) out.minReplicas = 1;
  if (!Array.isArray(out.metrics) || out.metrics.length === 0) {
    out.metrics = [
      {
        type: "Resource",
        resource: {
          name: "cpu",
          target: { type: "Utilization", averageUtilization: DEFAULT_CPU_UTILIZATION },
        },
      },
    ];
  }
  if (isObj(out.behavior)) {
    out.behavior = defaultHPABehavior(out.behavior as HorizontalPodAutoscalerBehavior);
  } else {
    delete out.behavior;
  }
  return out;
}

function convertV1Spec(spec: Obj, meta: Obj): Obj {
  const out: Obj = { scaleTargetRef: spec.scaleTargetRef, maxReplicas: spec.maxReplicas };
  if (spec.minReplicas !== undefined) out.minReplicas = spec.minReplicas;
  const metrics: unknown[] = [];
  const annotations: Obj = isObj(meta.annotations) ? { ...meta.annotations } : {};
  const other = parseJSONAnnotation(annotations[METRIC_SPECS_ANNOTATION]);
  if (Array.isArray(other)) {
    // The annotation holds v1 MetricSpecs, which have the v2beta1 shape.
    for (const m of other) metrics.push(convertV2beta1Metric(m));
    delete annotations[METRIC_SPECS_ANNOTATION];
  }
  if (spec.targetCPUUtilizationPercentage !== undefined && spec.targetCPUUtilizationPercentage !== null) {
    metrics.push({
      type: "Resource",
      resource: {
        name: "cpu",
        target: { type: "Utilization", averageUtilization: spec.targetCPUUtilizationPercentage },
      },
    });
  }
  if (metrics.length > 0) out.metrics = metrics;
  const behavior = parseJSONAnnotation(annotations[BEHAVIOR_SPECS_ANNOTATION]);
  if (isObj(behavior)) {
    out.behavior = behavior;
    delete annotations[BEHAVIOR_SPECS_ANNOTATION];
  }
  if (isObj(meta.annotations)) {
    if (Object.keys(annotations).length > 0) meta.annotations = annotations;
    else delete meta.annotations;
  }
  return out;
}

function parseJSONAnnotation(v: unknown): unknown {
  if (typeof v !== "string") return undefined;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return undefined;
  }
}

function convertV2beta1Spec(spec: Obj): Obj {
  const out: Obj = { scaleTargetRef: spec.scaleTargetRef, maxReplicas: spec.maxReplicas };
  if (spec.minReplicas !== undefined) out.minReplicas = spec.minReplicas;
  if (Array.isArray(spec.metrics)) out.metrics = spec.metrics.map(convertV2beta1Metric);
  return out;
}

/** A quantity in its canonical text ("0.5" → "500m"), as the apiserver stores it. */
function canonicalQuantity(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string" && typeof v !== "number") return v as string;
  const q = parseQuantity(v);
  return isQuantityError(q) ? String(v) : q.toString();
}

function target(
  type: MetricTarget["type"],
  parts: { value?: unknown; averageValue?: unknown; averageUtilization?: unknown },
): MetricTarget {
  const t: MetricTarget = { type };
  const value = canonicalQuantity(parts.value);
  const averageValue = canonicalQuantity(parts.averageValue);
  if (value !== undefined) t.value = value;
  if (averageValue !== undefined) t.averageValue = averageValue;
  if (parts.averageUtilization !== undefined && parts.averageUtilization !== null) {
    t.averageUtilization = parts.averageUtilization as number;
  }
  return t;
}

/** One v2beta1 (or v1-annotation) MetricSpec in the v2 form. */
export function convertV2beta1Metric(raw: unknown): MetricSpec {
  const m: Obj = isObj(raw) ? raw : {};
  const type = m.type as MetricSpec["type"];
  const out: MetricSpec = { type };
  const ident = (name: unknown, selector: unknown) =>
    selector === undefined || selector === null
      ? { name: name as string }
      : { name: name as string, selector: selector as never };
  if (isObj(m.resource)) {
    const r = m.resource;
    // Utilization when targetAverageUtilization is set, else AverageValue.
    const t =
      r.targetAverageUtilization !== undefined && r.targetAverageUtilization !== null
        ? "Utilization"
        : "AverageValue";
    out.resource = {
      name: r.name as string,
      target: target(t, {
        averageUtilization: r.targetAverageUtilization,
        averageValue: r.targetAverageValue,
      }),
    };
  }
  if (isObj(m.containerResource)) {
    const r = m.containerResource;
    const t =
      r.targetAverageUtilization !== undefined && r.targetAverageUtilization !== null
        ? "Utilization"
        : "AverageValue";
    out.containerResource = {
      name: r.name as string,
      container: r.container as string,
      target: target(t, {
        averageUtilization: r.targetAverageUtilization,
        averageValue: r.targetAverageValue,
      }),
    };
  }
  if (isObj(m.pods)) {
    const p = m.pods;
    out.pods = {
      metric: ident(p.metricName, p.selector),
      target: target("AverageValue", { averageValue: p.targetAverageValue }),
    };
  }
  if (isObj(m.object)) {
    const o = m.object;
    // Value unless averageValue is set (Convert_v2beta1_ObjectMetricSource_To_autoscaling_ObjectMetricSource).
    const t = o.averageValue === undefined || o.averageValue === null ? "Value" : "AverageValue";
    out.object = {
      describedObject: o.target as never,
      metric: ident(o.metricName, o.selector),
      target: target(t, { value: o.targetValue, averageValue: o.averageValue }),
    };
  }
  if (isObj(m.external)) {
    const e = m.external;
    // AverageValue unless targetValue is set.
    const t = e.targetValue === undefined || e.targetValue === null ? "AverageValue" : "Value";
    out.external = {
      metric: ident(e.metricName, e.metricSelector),
      target: target(t, { value: e.targetValue, averageValue: e.targetAverageValue }),
    };
  }
  return out;
}

/** v2/v2beta2 metrics keep their shape; only target quantities are canonicalised. */
function normalizeV2Metric(raw: unknown): unknown {
  if (!isObj(raw)) return raw;
  const m: Obj = { ...raw };
  for (const key of ["resource", "containerResource", "pods", "object", "external"]) {
    const src = m[key];
    if (isObj(src) && isObj(src.target)) {
      const t: Obj = { ...src.target };
      for (const q of ["value", "averageValue"]) {
        if (t[q] !== undefined && t[q] !== null) t[q] = canonicalQuantity(t[q]);
      }
      m[key] = { ...src, target: t };
    }
  }
  return m;
}
