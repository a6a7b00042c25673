/**
 * What the API server does to a DaemonSet it is sent (Kubernetes 1.28):
 * - pkg/apis/apps/v1/defaults.go SetDefaults_DaemonSet: updateStrategy RollingUpdate with
 *   maxUnavailable 1 and maxSurge 0, revisionHistoryLimit 10, the pod template defaulted;
 * - pkg/registry/apps/daemonset/strategy.go PrepareForCreate/PrepareForUpdate: the template
 *   generation starts at 1 and is bumped when the template changes (apps/v1 carries it as the
 *   deprecated.daemonset.template.generation annotation);
 * - pkg/apis/apps/validation/validation.go ValidateDaemonSet, ValidateDaemonSetSpec,
 *   ValidateDaemonSetUpdateStrategy, ValidateRollingUpdateDaemonSet, ValidateDaemonSetUpdate
 *   (the selector is immutable), with their messages.
 */
import { defaultMeta, defaultPodTemplate } from "../../defaults.ts";
import { goStringMap, invalid, notSupported, required, type FieldError } from "../../fieldErrors.ts";
import { canonicalJSON } from "../../hash.ts";
import { getIntOrPercentValueSafely, isIntOrStringError } from "../../intstr.ts";
import { isEmptySelector, labelsMatch } from "../../labels.ts";
import type { LabelSelector } from "../../types.ts";
import {
  isDNS1123Subdomain,
  regexError,
  validateNonnegative,
  validateObjectMeta,
} from "../../validateMeta.ts";
import { validatePodTemplateSpec } from "../../validatePod.ts";
import { goLabelSelector, validateLabelSelector } from "../../validateSelector.ts";
import { TEMPLATE_GENERATION_ANNOTATION } from "./types.ts";
import { isObj, type Obj } from "../../jsonObject.ts";

/** SetDefaults_DaemonSet, on a copy. */
export function defaultDaemonSet(raw: Obj): Obj {
  const ds: Obj = structuredClone(raw);
  ds.metadata = defaultMeta(ds.metadata);
  const spec: Obj = isObj(ds.spec) ? ds.spec : {};
  ds.spec = spec;
  const strategy: Obj = isObj(spec.updateStrategy) ? spec.updateStrategy : {};
  spec.updateStrategy = strategy;
  if (strategy.type === undefined || strategy.type === "") strategy.type = "RollingUpdate";
  if (strategy.type === "RollingUpdate") {
    const ru: Obj = isObj(strategy.rollingUpdate) ? strategy.rollingUpdate : {};
    strategy.rollingUpdate = ru;
    ru.maxUnavailable ??= 1;
    ru.maxSurge ??= 0;
  }
  spec.revisionHistoryLimit ??= 10;
  spec.template = defaultPodTemplate(spec.template);
  return ds;
}

/**
 * The template generation: 1 on create (whatever the client sent), the stored one on an update
 * that leaves the template alone, one more when the template changed.
 * Example: apply, then `kubectl set image ds/x …` → "1", then "2".
 */
export function stampTemplateGeneration(ds: Obj, old: Obj | undefined): void {
  const meta = ds.metadata as Obj;
  const oldAnnotations = (old?.metadata as Obj | undefined)?.annotations as
    Record<string, string> | undefined;
  const stored = Number(oldAnnotations?.[TEMPLATE_GENERATION_ANNOTATION]);
  let generation = 1;
  if (old !== undefined) {
    const base = Number.isInteger(stored) && stored > 0 ? stored : 1;
    const changed =
      canonicalJSON((ds.spec as Obj).template) !== canonicalJSON((old.spec as Obj | undefined)?.template);
    generation = changed ? base + 1 : base;
  }
  meta.annotations = {
    ...((meta.annotations as Record<string, string> | undefined) ?? {}),
    [TEMPLATE_GENERATION_ANNOTATION]: String(generation),
  };
}

const PERCENT_MSG = regexError(
  "a valid percent string must be a numeric string followed by an ending '%'",
  "[0-9]+%",
  "1%",
  "93%",
);

/** ValidateDaemonSet on create; ValidateDaemonSetUpdate (spec valid, selector unchanged) on update. */
export function validateDaemonSet(ds: Obj, old?: Obj): FieldError[] {
  const spec: Obj = isObj(ds.spec) ? ds.spec : {};
  const errs: FieldError[] = [];
  if (old === undefined) errs.push(...validateObjectMeta(ds.metadata, isDNS1123Subdomain));
  errs.push(...validateDaemonSetSpec(spec, "spec"));
  if (old !== undefined) {
    const prev = isObj(old.spec) ? old.spec.selector : undefined;
    if (canonicalJSON(spec.selector ?? null) !== canonicalJSON(prev ?? null))
      errs.push(
        invalid(
          "spec.selector",
          spec.selector,
          "field is immutable",
          goLabelSelector(spec.selector as LabelSelector),
        ),
      );
  }
  return errs;
}

/**
 * ValidateDaemonSetSpec. Example: selector name=agent, template labels app=agent →
 * `spec.template.metadata.labels: Invalid value: map[string]string{"app":"agent"}: \`selector\` does not match template \`labels\``.
 */
export function validateDaemonSetSpec(spec: Obj, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const selector = spec.selector;
  let selectorUsable = false;
  if (selector === undefined || selector === null) errs.push(required(`${field}.selector`, ""));
  else {
    const selErrs = validateLabelSelector(selector, `${field}.selector`);
    errs.push(...selErrs);
    selectorUsable = selErrs.length === 0;
  }
  const t: Obj = isObj(spec.template) ? spec.template : {};
  const labels = isObj(t.metadata) ? (t.metadata.labels as Record<string, string> | undefined) : undefined;
  if (selectorUsable && isObj(selector) && !labelsMatch(selector as LabelSelector, labels ?? {}))
    errs.push(
      invalid(
        `${field}.template.metadata.labels`,
        labels,
        "`selector` does not match template `labels`",
        goStringMap(labels),
      ),
    );
  if (isObj(selector) && isEmptySelector(selector as LabelSelector))
    errs.push(
      invalid(
        `${field}.selector`,
        selector,
        "empty selector is invalid for daemonset",
        goLabelSelector(selector as LabelSelector),
      ),
    );
  errs.push(...validatePodTemplateSpec(t, `${field}.template`));
  const podSpec: Obj = isObj(t.spec) ? t.spec : {};
  if (podSpec.restartPolicy !== undefined && podSpec.restartPolicy !== "Always")
    errs.push(notSupported(`${field}.template.spec.restartPolicy`, podSpec.restartPolicy, ["Always"]));
  if (podSpec.activeDeadlineSeconds !== undefined)
    errs.push(
      invalid(
        `${field}.template.spec.activeDeadlineSeconds`,
        podSpec.activeDeadlineSeconds,
        "activeDeadlineSeconds in DaemonSet is not Supported",
      ),
    );
  errs.push(...validateNonnegative(spec.minReadySeconds, `${field}.minReadySeconds`));
  errs.push(...validateUpdateStrategy(spec.updateStrategy, `${field}.updateStrategy`));
  errs.push(...validateNonnegative(spec.revisionHistoryLimit, `${field}.revisionHistoryLimit`));
  return errs;
}

/** ValidateDaemonSetUpdateStrategy. */
function validateUpdateStrategy(strategy: unknown, field: string): FieldError[] {
  const s: Obj = isObj(strategy) ? strategy : {};
  switch (s.type) {
    case "OnDelete":
      return [];
    case "RollingUpdate":
      if (!isObj(s.rollingUpdate)) return [required(`${field}.rollingUpdate`, "")];
      return validateRollingUpdate(s.rollingUpdate, `${field}.rollingUpdate`);
    default:
      return [notSupported(field, strategy, ["RollingUpdate", "OnDelete"])];
  }
}

/**
 * ValidateRollingUpdateDaemonSet: each of maxUnavailable and maxSurge a non-negative int or a
 * percentage of at most 100%, and exactly one of them non-zero.
 * Example: {maxUnavailable: 1, maxSurge: 1} →
 * `spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero`.
 */
function validateRollingUpdate(ru: Obj, field: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const key of ["maxUnavailable", "maxSurge"] as const) {
    const v = ru[key];
    if (typeof v === "string") {
      if (!/^[0-9]+%$/.test(v)) errs.push(invalid(`${field}.${key}`, v, PERCENT_MSG));
      else if (Number.parseInt(v, 10) > 100)
        errs.push(invalid(`${field}.${key}`, v, "must not be greater than 100%"));
    } else errs.push(...validateNonnegative(v, `${field}.${key}`));
  }
  const hasUnavailable = intOrPercentValue(ru.maxUnavailable) !== 0;
  const hasSurge = intOrPercentValue(ru.maxSurge) !== 0;
  if (hasUnavailable && hasSurge)
    errs.push(invalid(`${field}.maxSurge`, ru.maxSurge, "may not be set when maxUnavailable is non-zero"));
  else if (!hasUnavailable && !hasSurge)
    errs.push(required(`${field}.maxUnavailable`, "cannot be 0 when maxSurge is 0"));
  return errs;
}

/** getIntOrPercentValue: the number as written, ignoring '%'. */
function intOrPercentValue(v: unknown): number {
  if (typeof v === "number") return v;
  if (typeof v !== "string") return 0;
  const r = getIntOrPercentValueSafely(v);
  return isIntOrStringError(r) ? 0 : r.value;
}

/** The admitted DaemonSet: defaulted, its template generation stamped, validated. */
export function admitDaemonSet(raw: Obj, old: Obj | undefined): { object: Obj; errors: FieldError[] } {
  const object = defaultDaemonSet(raw);
  stampTemplateGeneration(object, old);
  return { object, errors: validateDaemonSet(object, old) };
}
