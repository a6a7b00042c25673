/**
 * Deployment and ReplicaSet validation, as pkg/apis/apps/validation/validation.go
 * (ValidateDeploymentSpec, ValidateDeploymentStrategy, ValidateRollingUpdateDeployment,
 * ValidateReplicaSetSpec, ValidatePodTemplateSpecForReplicaSet, ValidateDeploymentUpdate)
 * checks a *defaulted* object, with its messages.
 */
import { forbidden, goStringMap, invalid, notSupported, required, type FieldError } from "./fieldErrors.ts";
import { getIntOrPercentValueSafely, isIntOrStringError } from "./intstr.ts";
import { isEmptySelector, labelsMatch } from "./labels.ts";
import type { LabelSelector } from "./types.ts";
import {
  isDNS1123Subdomain,
  regexError,
  validateInteger,
  validateNonnegative,
  validateObjectMeta,
} from "./validateMeta.ts";
import { validatePodTemplateSpec } from "./validatePod.ts";
import { goLabelSelector, validateLabelSelector } from "./validateSelector.ts";
import { isObj, type Obj } from "./jsonObject.ts";

export function validateDeployment(d: Obj, old?: Obj): FieldError[] {
  const spec: Obj = isObj(d.spec) ? d.spec : {};
  const errs = [
    ...validateObjectMeta(d.metadata, isDNS1123Subdomain),
    ...validateDeploymentSpec(spec, "spec"),
  ];
  if (old !== undefined)
    for (const e of validateSelectorImmutable(spec.selector, (old.spec as Obj | undefined)?.selector))
      errs.push(e);
  return errs;
}

/**
 * ValidateDeploymentSpec, in upstream's order: replicas, selector, template, strategy,
 * minReadySeconds, revisionHistoryLimit, progressDeadlineSeconds.
 * Example: minReadySeconds 600 with the default deadline 600 →
 * `spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds`.
 */
export function validateDeploymentSpec(spec: Obj, field: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const e of validateInteger(spec.replicas, `${field}.replicas`)) errs.push(e);
  for (const e of validateNonnegative(spec.replicas, `${field}.replicas`)) errs.push(e);
  for (const e of validateSelectorAndTemplate(spec, field)) errs.push(e);
  for (const e of validateDeploymentStrategy(spec.strategy, `${field}.strategy`)) errs.push(e);
  for (const e of validateInteger(spec.minReadySeconds, `${field}.minReadySeconds`)) errs.push(e);
  for (const e of validateNonnegative(spec.minReadySeconds, `${field}.minReadySeconds`)) errs.push(e);
  // Zero is a valid revisionHistoryLimit: keep no old ReplicaSets.
  for (const e of validateInteger(spec.revisionHistoryLimit, `${field}.revisionHistoryLimit`)) errs.push(e);
  for (const e of validateNonnegative(spec.revisionHistoryLimit, `${field}.revisionHistoryLimit`))
    errs.push(e);
  const pds = spec.progressDeadlineSeconds;
  if (typeof pds === "number") {
    for (const e of validateInteger(pds, `${field}.progressDeadlineSeconds`)) errs.push(e);
    for (const e of validateNonnegative(pds, `${field}.progressDeadlineSeconds`)) errs.push(e);
    const minReady = typeof spec.minReadySeconds === "number" ? spec.minReadySeconds : 0;
    if (pds <= minReady)
      errs.push(invalid(`${field}.progressDeadlineSeconds`, pds, "must be greater than minReadySeconds"));
  }
  if (spec.paused !== undefined && typeof spec.paused !== "boolean")
    errs.push(invalid(`${field}.paused`, spec.paused, "must be a boolean"));
  return errs;
}

/**
 * The selector (required, valid, non-empty) and the template (labels selected by it,
 * restartPolicy Always). Shared by Deployment and ReplicaSet — including upstream's wording
 * "empty selector is invalid for deployment", which ValidateReplicaSetSpec reuses verbatim.
 * Example: selector app=web, template labels app=api →
 * `spec.template.metadata.labels: Invalid value: map[string]string{"app":"api"}: \`selector\` does not match template \`labels\``.
 */
function validateSelectorAndTemplate(spec: Obj, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const selector = spec.selector;
  let selectorUsable = false;
  if (selector === undefined || selector === null) {
    errs.push(required(`${field}.selector`, ""));
  } else {
    const selErrs = validateLabelSelector(selector, `${field}.selector`);
    for (const e of selErrs) errs.push(e);
    if (isObj(selector) && isEmptySelector(selector as LabelSelector)) {
      errs.push(
        invalid(
          `${field}.selector`,
          selector,
          "empty selector is invalid for deployment",
          goLabelSelector(selector as LabelSelector),
        ),
      );
    }
    selectorUsable = selErrs.length === 0;
  }
  const template = spec.template;
  if (template === undefined || template === null) {
    errs.push(required(`${field}.template`, ""));
    return errs;
  }
  const t: Obj = isObj(template) ? template : {};
  const labels =
    (isObj(t.metadata) ? (t.metadata.labels as Record<string, string> | undefined) : undefined) ?? undefined;
  // LabelSelectorAsSelector(nil) is labels.Nothing(): not Empty, and matching no labels, so a
  // missing selector is also "does not match" (ValidatePodTemplateSpecForReplicaSet), as a
  // Deployment applied from a lone patch file, without its selector, is told.
  const missing = selector === undefined || selector === null;
  if (missing || (selectorUsable && isObj(selector) && !isEmptySelector(selector as LabelSelector))) {
    if (missing || !labelsMatch(selector as LabelSelector, labels ?? {})) {
      errs.push(
        invalid(
          `${field}.template.metadata.labels`,
          labels,
          "`selector` does not match template `labels`",
          goStringMap(labels),
        ),
      );
    }
  }
  for (const e of validatePodTemplateSpec(t, `${field}.template`)) errs.push(e);
  const restartPolicy = isObj(t.spec) ? t.spec.restartPolicy : undefined;
  if (restartPolicy !== undefined && restartPolicy !== "Always") {
    errs.push(notSupported(`${field}.template.spec.restartPolicy`, restartPolicy, ["Always"]));
  }
  if (isObj(t.spec) && t.spec.activeDeadlineSeconds !== undefined) {
    errs.push(
      forbidden(
        `${field}.template.spec.activeDeadlineSeconds`,
        "activeDeadlineSeconds in ReplicaSet is not Supported",
      ),
    );
  }
  return errs;
}

/**
 * ValidateDeploymentStrategy: Recreate may not carry rollingUpdate; RollingUpdate's values
 * are checked by ValidateRollingUpdateDeployment; any other type is unsupported.
 */
export function validateDeploymentStrategy(strategy: unknown, field: string): FieldError[] {
  const s: Obj = isObj(strategy) ? strategy : {};
  switch (s.type) {
    case "Recreate":
      return s.rollingUpdate !== undefined && s.rollingUpdate !== null
        ? [forbidden(`${field}.rollingUpdate`, "may not be specified when strategy `type` is 'Recreate'")]
        : [];
    case "RollingUpdate":
      if (!isObj(s.rollingUpdate))
        return [required(`${field}.rollingUpdate`, "this should be defaulted and never be nil")];
      return validateRollingUpdateDeployment(s.rollingUpdate, `${field}.rollingUpdate`);
    default:
      // Upstream reports the whole strategy struct; the type is what the user got wrong.
      return [notSupported(`${field}.type`, s.type, ["Recreate", "RollingUpdate"])];
  }
}

const PERCENT_MSG = regexError(
  "a valid percent string must be a numeric string followed by an ending '%'",
  "[0-9]+%",
  "1%",
  "93%",
);

/**
 * ValidateRollingUpdateDeployment:
 * - each of maxUnavailable, maxSurge is a non-negative int or a "N%" string;
 * - they may not both be 0 — judged on the values as written, so 0 and "0%" both count,
 *   while "1%" (which may round to 0 replicas) passes;
 * - maxUnavailable may not exceed 100%.
 * Example: {maxSurge: 0, maxUnavailable: 0} →
 * `spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when \`maxSurge\` is 0`.
 */
export function validateRollingUpdateDeployment(ru: Obj, field: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const e of validatePositiveIntOrPercent(ru.maxUnavailable, `${field}.maxUnavailable`)) errs.push(e);
  for (const e of validatePositiveIntOrPercent(ru.maxSurge, `${field}.maxSurge`)) errs.push(e);
  if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
    errs.push(invalid(`${field}.maxUnavailable`, ru.maxUnavailable, "may not be 0 when `maxSurge` is 0"));
  }
  const mu = ru.maxUnavailable;
  if (typeof mu === "string" && /^[0-9]+%$/.test(mu) && Number.parseInt(mu, 10) > 100) {
    errs.push(invalid(`${field}.maxUnavailable`, mu, "must not be greater than 100%"));
  }
  return errs;
}

/** ValidatePositiveIntOrPercent. */
function validatePositiveIntOrPercent(v: unknown, field: string): FieldError[] {
  if (v === undefined || v === null) return [];
  if (typeof v === "string") return /^[0-9]+%$/.test(v) ? [] : [invalid(field, v, PERCENT_MSG)];
  if (typeof v === "number" && Number.isInteger(v)) return validateNonnegative(v, field);
  return [invalid(field, v, "must be an integer or percentage (e.g '5%')")];
}

/** getIntOrPercentValue: the number as written, ignoring '%'; -1 for anything unparseable. */
function intOrPercentValue(v: unknown): number {
  if (typeof v === "number") return v;
  if (typeof v !== "string") return -1;
  const r = getIntOrPercentValueSafely(v);
  return isIntOrStringError(r) ? -1 : r.value;
}

/** ValidateImmutableField on spec.selector (apps/v1 forbids changing it). */
function validateSelectorImmutable(next: unknown, prev: unknown): FieldError[] {
  if (JSON.stringify(normalizeSelector(next)) === JSON.stringify(normalizeSelector(prev))) return [];
  return [
    invalid("spec.selector", next, "field is immutable", goLabelSelector(next as LabelSelector | undefined)),
  ];
}

function normalizeSelector(s: unknown): unknown {
  if (!isObj(s)) return s;
  const ml = isObj(s.matchLabels)
    ? Object.fromEntries(Object.entries(s.matchLabels).sort(([a], [b]) => (a < b ? -1 : 1)))
    : {};
  const me = Array.isArray(s.matchExpressions) ? s.matchExpressions : [];
  return { ml, me };
}

/** ValidateReplicaSet (+ ValidateReplicaSetUpdate's immutable selector). */
export function validateReplicaSet(rs: Obj, old?: Obj): FieldError[] {
  const spec: Obj = isObj(rs.spec) ? rs.spec : {};
  const errs = [...validateObjectMeta(rs.metadata, isDNS1123Subdomain)];
  for (const e of validateInteger(spec.replicas, "spec.replicas")) errs.push(e);
  for (const e of validateNonnegative(spec.replicas, "spec.replicas")) errs.push(e);
  for (const e of validateInteger(spec.minReadySeconds, "spec.minReadySeconds")) errs.push(e);
  for (const e of validateNonnegative(spec.minReadySeconds, "spec.minReadySeconds")) errs.push(e);
  for (const e of validateSelectorAndTemplate(spec, "spec")) errs.push(e);
  if (old !== undefined)
    for (const e of validateSelectorImmutable(spec.selector, (old.spec as Obj | undefined)?.selector))
      errs.push(e);
  return errs;
}
