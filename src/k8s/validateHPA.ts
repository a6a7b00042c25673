/**
 * HorizontalPodAutoscaler validation on the internal (v2, defaulted) form, as
 * pkg/apis/autoscaling/validation/validation.go words it (validateHorizontalPodAutoscalerSpec,
 * ValidateCrossVersionObjectReference, validateMetrics, validateMetricSpec, validateMetricTarget,
 * validateBehavior, validateScalingRules, validateScalingPolicy).
 */
import { forbidden, invalid, notSupported, required, type FieldError } from "./fieldErrors.ts";
import { isQuantityError, parseQuantity } from "./quantity.ts";
import { isDNS1123Subdomain, validateContainerResourceName, validateObjectMeta } from "./validateMeta.ts";
import { isObj, type Obj } from "./jsonObject.ts";

const isSet = (v: unknown): boolean => v !== undefined && v !== null;

/** validation.go MaxPeriodSeconds and MaxStabilizationWindowSeconds. */
export const MAX_PERIOD_SECONDS = 1800;
export const MAX_STABILIZATION_WINDOW_SECONDS = 3600;

const METRIC_SOURCE_TYPES = ["Object", "Pods", "Resource", "External", "ContainerResource"];
const SELECT_POLICIES = ["Disabled", "Max", "Min"];
const POLICY_TYPES = ["Percent", "Pods"];
const SOURCE_FIELD: Record<string, string> = {
  Object: "object",
  Pods: "pods",
  Resource: "resource",
  External: "external",
  ContainerResource: "containerResource",
};

export interface HPAValidationOptions {
  /** Feature gate HPAScaleToZero: allows minReplicas 0 (with an Object or External metric). */
  scaleToZero?: boolean;
}

export function validateHPA(hpa: Obj, opts: HPAValidationOptions = {}): FieldError[] {
  const spec: Obj = isObj(hpa.spec) ? hpa.spec : {};
  return [...validateObjectMeta(hpa.metadata, isDNS1123Subdomain), ...validateHPASpec(spec, "spec", opts)];
}

/**
 * validateHorizontalPodAutoscalerSpec. Example: minReplicas 5, maxReplicas 2 →
 * `spec.maxReplicas: Invalid value: 2: must be greater than or equal to \`minReplicas\``.
 * As upstream, metrics are checked only when scaleTargetRef is valid, and behavior only
 * when the metrics are.
 */
export function validateHPASpec(spec: Obj, field: string, opts: HPAValidationOptions = {}): FieldError[] {
  const errs: FieldError[] = [];
  const lower = opts.scaleToZero ? 0 : 1;
  const min = spec.minReplicas;
  const max = spec.maxReplicas;
  if (typeof min === "number" && min < lower) {
    errs.push(invalid(`${field}.minReplicas`, min, `must be greater than or equal to ${lower}`));
  }
  if (typeof max !== "number") errs.push(invalid(`${field}.maxReplicas`, max ?? 0, "must be greater than 0"));
  else if (max < 1) errs.push(invalid(`${field}.maxReplicas`, max, "must be greater than 0"));
  if (typeof min === "number" && typeof max === "number" && max < min) {
    errs.push(invalid(`${field}.maxReplicas`, max, "must be greater than or equal to `minReplicas`"));
  }
  const refErrs = validateCrossVersionObjectReference(spec.scaleTargetRef, `${field}.scaleTargetRef`);
  if (refErrs.length > 0) return [...errs, ...refErrs];
  const metricErrs = validateMetrics(
    spec.metrics,
    `${field}.metrics`,
    typeof min === "number" ? min : undefined,
  );
  if (metricErrs.length > 0) return [...errs, ...metricErrs];
  return [...errs, ...validateBehavior(spec.behavior, `${field}.behavior`)];
}

/** ValidateCrossVersionObjectReference: kind and name required, each a valid path segment. */
function validateCrossVersionObjectReference(ref: unknown, field: string): FieldError[] {
  const r: Obj = isObj(ref) ? ref : {};
  const errs: FieldError[] = [];
  for (const key of ["kind", "name"] as const) {
    const v = r[key];
    if (!isSet(v) || v === "") errs.push(required(`${field}.${key}`, ""));
    else for (const msg of pathSegmentErrors(String(v))) errs.push(invalid(`${field}.${key}`, v, msg));
  }
  return errs;
}

/** IsValidPathSegmentName (apimachinery/pkg/api/validation/path). */
function pathSegmentErrors(name: string): string[] {
  if (name === "." || name === "..") return [`may not be '${name}'`];
  const errs: string[] = [];
  for (const bad of ["/", "%"]) if (name.includes(bad)) errs.push(`may not contain '${bad}'`);
  return errs;
}

function validateMetrics(metrics: unknown, field: string, minReplicas: number | undefined): FieldError[] {
  const list = Array.isArray(metrics) ? metrics : [];
  const errs: FieldError[] = [];
  let objectOrExternal = false;
  list.forEach((m, i) => {
    for (const e of validateMetricSpec(m, `${field}[${i}]`)) errs.push(e);
    const t = isObj(m) ? m.type : undefined;
    if (t === "Object" || t === "External") objectOrExternal = true;
  });
  if (minReplicas === 0 && !objectOrExternal) {
    errs.push(
      forbidden(
        field,
        "must specify at least one Object or External metric to support scaling to zero replicas",
      ),
    );
  }
  return errs;
}

function validateMetricSpec(raw: unknown, field: string): FieldError[] {
  const m: Obj = isObj(raw) ? raw : {};
  const errs: FieldError[] = [];
  const type = m.type;
  if (!isSet(type) || type === "") errs.push(required(`${field}.type`, "must specify a metric source type"));
  const present = Object.values(SOURCE_FIELD).filter((k) => isSet(m[k]));
  const expected = typeof type === "string" ? SOURCE_FIELD[type] : undefined;
  if (expected === undefined) {
    errs.push(notSupported(`${field}.type`, type ?? "", METRIC_SOURCE_TYPES));
  } else if (!isSet(m[expected])) {
    errs.push(required(`${field}.${expected}`, "must populate information for the given metric source"));
  }
  if (present.length !== 1) {
    for (const k of present)
      if (k !== expected) errs.push(forbidden(`${field}.${k}`, "must populate the given metric source only"));
  }
  if (isObj(m.resource))
    for (const e of validateResourceSource(m.resource, `${field}.resource`, false)) errs.push(e);
  if (isObj(m.containerResource))
    for (const e of validateResourceSource(m.containerResource, `${field}.containerResource`, true))
      errs.push(e);
  if (isObj(m.pods)) for (const e of validatePodsSource(m.pods, `${field}.pods`)) errs.push(e);
  if (isObj(m.object)) for (const e of validateObjectSource(m.object, `${field}.object`)) errs.push(e);
  if (isObj(m.external))
    for (const e of validateExternalSource(m.external, `${field}.external`)) errs.push(e);
  return errs;
}

function targetOf(src: Obj): Obj {
  return isObj(src.target) ? src.target : {};
}

function validateResourceSource(src: Obj, field: string, container: boolean): FieldError[] {
  const errs: FieldError[] = [];
  if (!isSet(src.name) || src.name === "") {
    errs.push(required(`${field}.name`, "must specify a resource name"));
  } else {
    for (const e of validateContainerResourceName(String(src.name), `${field}.name`)) errs.push(e);
  }
  if (container && (!isSet(src.container) || src.container === "")) {
    errs.push(required(`${field}.container`, "must specify a container"));
  }
  const t = targetOf(src);
  for (const e of validateMetricTarget(t, `${field}.target`)) errs.push(e);
  if (!isSet(t.averageUtilization) && !isSet(t.averageValue)) {
    errs.push(
      required(
        `${field}.target.averageUtilization`,
        "must set either a target raw value or a target utilization",
      ),
    );
  }
  if (isSet(t.averageUtilization) && isSet(t.averageValue)) {
    errs.push(
      forbidden(
        `${field}.target.averageValue`,
        "may not set both a target raw value and a target utilization",
      ),
    );
  }
  return errs;
}

function validateMetricIdentifier(id: unknown, field: string): FieldError[] {
  const m: Obj = isObj(id) ? id : {};
  return !isSet(m.name) || m.name === "" ? [required(`${field}.name`, "must specify a metric name")] : [];
}

function validatePodsSource(src: Obj, field: string): FieldError[] {
  const t = targetOf(src);
  const errs = [
    ...validateMetricIdentifier(src.metric, `${field}.metric`),
    ...validateMetricTarget(t, `${field}.target`),
  ];
  if (!isSet(t.averageValue))
    errs.push(required(`${field}.target.averageValue`, "must specify a positive target averageValue"));
  return errs;
}

function validateObjectSource(src: Obj, field: string): FieldError[] {
  const t = targetOf(src);
  const errs = [
    ...validateCrossVersionObjectReference(src.describedObject, `${field}.describedObject`),
    ...validateMetricIdentifier(src.metric, `${field}.metric`),
    ...validateMetricTarget(t, `${field}.target`),
  ];
  if (!positive(t.value) && !positive(t.averageValue)) {
    errs.push(required(`${field}.target.value`, "must set either a target value or averageValue"));
  }
  return errs;
}

function validateExternalSource(src: Obj, field: string): FieldError[] {
  const t = targetOf(src);
  const errs = [
    ...validateMetricIdentifier(src.metric, `${field}.metric`),
    ...validateMetricTarget(t, `${field}.target`),
  ];
  if (isSet(t.value) && isSet(t.averageValue)) {
    errs.push(
      forbidden(`${field}.target.value`, "may not set both a target value for metric and a per-pod target"),
    );
  }
  if (!isSet(t.value) && !isSet(t.averageValue)) {
    errs.push(
      required(
        `${field}.target.averageValue`,
        "must set either a target value for metric or a per-pod target",
      ),
    );
  }
  return errs;
}

function positive(q: unknown): boolean {
  if (typeof q !== "string" && typeof q !== "number") return false;
  const p = parseQuantity(q);
  return !isQuantityError(p) && p.sign() === 1;
}

/** validateMetricTarget: a known type; quantities positive; utilization at least 1. */
function validateMetricTarget(t: Obj, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!isSet(t.type) || t.type === "")
    errs.push(required(`${field}.type`, "must specify a metric target type"));
  if (t.type !== "Utilization" && t.type !== "Value" && t.type !== "AverageValue") {
    errs.push(invalid(`${field}.type`, t.type ?? "", "must be either Utilization, Value, or AverageValue"));
  }
  for (const key of ["value", "averageValue"] as const) {
    const v = t[key];
    if (!isSet(v)) continue;
    const q = typeof v === "string" || typeof v === "number" ? parseQuantity(v) : undefined;
    if (q === undefined || isQuantityError(q)) {
      errs.push(invalid(`${field}.${key}`, v, q?.message ?? "must be a quantity"));
    } else if (q.sign() !== 1) {
      errs.push(invalid(`${field}.${key}`, q.toString(), "must be positive"));
    }
  }
  const u = t.averageUtilization;
  if (isSet(u) && (typeof u !== "number" || u < 1)) {
    errs.push(invalid(`${field}.averageUtilization`, u, "must be greater than 0"));
  }
  return errs;
}

function validateBehavior(behavior: unknown, field: string): FieldError[] {
  if (!isObj(behavior)) return [];
  return [
    ...validateScalingRules(behavior.scaleUp, `${field}.scaleUp`),
    ...validateScalingRules(behavior.scaleDown, `${field}.scaleDown`),
  ];
}

/**
 * validateScalingRules: stabilizationWindowSeconds in [0, 3600], a known selectPolicy,
 * at least one policy; each policy a known type with value > 0 and periodSeconds in (0, 1800].
 * Example: periodSeconds 3600 →
 * `spec.behavior.scaleUp.policies[0].periodSeconds: Invalid value: 3600: must be less than or equal to 1800`.
 */
function validateScalingRules(rules: unknown, field: string): FieldError[] {
  if (!isObj(rules)) return [];
  const errs: FieldError[] = [];
  const w = rules.stabilizationWindowSeconds;
  if (typeof w === "number" && w < 0) {
    errs.push(invalid(`${field}.stabilizationWindowSeconds`, w, "must be greater than or equal to zero"));
  }
  if (typeof w === "number" && w > MAX_STABILIZATION_WINDOW_SECONDS) {
    errs.push(
      invalid(
        `${field}.stabilizationWindowSeconds`,
        w,
        `must be less than or equal to ${MAX_STABILIZATION_WINDOW_SECONDS}`,
      ),
    );
  }
  if (isSet(rules.selectPolicy) && !SELECT_POLICIES.includes(rules.selectPolicy as string)) {
    errs.push(notSupported(`${field}.selectPolicy`, rules.selectPolicy, SELECT_POLICIES));
  }
  const policies = Array.isArray(rules.policies) ? rules.policies : [];
  if (policies.length === 0) errs.push(required(`${field}.policies`, "must specify at least one Policy"));
  policies.forEach((p, i) => errs.push(...validateScalingPolicy(p, `${field}.policies[${i}]`)));
  if (isSet(rules.tolerance)) {
    const q =
      typeof rules.tolerance === "string" || typeof rules.tolerance === "number"
        ? parseQuantity(rules.tolerance)
        : undefined;
    if (q === undefined || isQuantityError(q))
      errs.push(invalid(`${field}.tolerance`, rules.tolerance, q?.message ?? "must be a quantity"));
    else if (q.sign() < 0)
      errs.push(invalid(`${field}.tolerance`, q.toString(), "must be greater than or equal to 0"));
  }
  return errs;
}

function validateScalingPolicy(raw: unknown, field: string): FieldError[] {
  const p: Obj = isObj(raw) ? raw : {};
  const errs: FieldError[] = [];
  if (p.type !== "Pods" && p.type !== "Percent")
    errs.push(notSupported(`${field}.type`, p.type ?? "", POLICY_TYPES));
  const value = typeof p.value === "number" ? p.value : 0;
  if (value <= 0) errs.push(invalid(`${field}.value`, value, "must be greater than zero"));
  const period = typeof p.periodSeconds === "number" ? p.periodSeconds : 0;
  if (period <= 0) errs.push(invalid(`${field}.periodSeconds`, period, "must be greater than zero"));
  if (period > MAX_PERIOD_SECONDS) {
    errs.push(
      invalid(`${field}.periodSeconds`, period, `must be less than or equal to ${MAX_PERIOD_SECONDS}`),
    );
  }
  return errs;
}
