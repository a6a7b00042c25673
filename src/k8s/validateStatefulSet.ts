/**
 * StatefulSet validation, as pkg/apis/apps/validation/validation.go (Kubernetes 1.28) checks a
 * *defaulted* object: ValidateStatefulSet, ValidateStatefulSetSpec,
 * ValidatePodTemplateSpecForStatefulSet, validateRollingUpdateStatefulSet and
 * ValidateStatefulSetUpdate, with their messages.
 *
 * Unlike a Deployment's, a StatefulSet's pod template is not validated as a pod spec
 * (upstream's "TODO: Add validation for PodSpec"): only its labels, annotations, restartPolicy
 * and activeDeadlineSeconds. A bad container surfaces when the controller creates the pod.
 */
import { forbidden, goStringMap, invalid, notSupported, required, type FieldError } from "./fieldErrors.ts";
import { isEmptySelector, labelsMatch } from "./labels.ts";
import type { LabelSelector } from "./types.ts";
import {
  isDNS1123Subdomain,
  isQualifiedName,
  regexError,
  validateInteger,
  validateLabels,
  validateNonnegative,
  validateObjectMeta,
} from "./validateMeta.ts";
import { goLabelSelector, validateLabelSelector } from "./validateSelector.ts";
import { isObj, type Obj } from "./jsonObject.ts";

/** The only spec fields an update may change (1.28's wording, ValidateStatefulSetUpdate). */
export const MUTABLE_STATEFULSET_FIELDS = [
  "replicas",
  "ordinals",
  "template",
  "updateStrategy",
  "persistentVolumeClaimRetentionPolicy",
  "minReadySeconds",
] as const;

const FORBIDDEN_UPDATE =
  "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";

/**
 * ValidateStatefulSet on create; ValidateStatefulSetUpdate (spec valid, and nothing but the
 * mutable fields changed) on update.
 * Example: re-applying a StatefulSet with another serviceName →
 * `spec: Forbidden: updates to statefulset spec for fields other than 'replicas', …`.
 */
export function validateStatefulSet(sts: Obj, old?: Obj): FieldError[] {
  const spec: Obj = isObj(sts.spec) ? sts.spec : {};
  const errs: FieldError[] = [];
  if (old === undefined) errs.push(...validateObjectMeta(sts.metadata, isDNS1123Subdomain));
  errs.push(...validateStatefulSetSpec(spec, "spec"));
  if (old !== undefined && !sameImmutableSpec(spec, isObj(old.spec) ? old.spec : {}))
    errs.push(forbidden("spec", FORBIDDEN_UPDATE));
  return errs;
}

/** The spec with the mutable fields taken out, compared as JSON with sorted keys. */
function sameImmutableSpec(next: Obj, prev: Obj): boolean {
  const strip = (s: Obj): string => {
    const copy: Obj = { ...s };
    for (const f of MUTABLE_STATEFULSET_FIELDS) delete copy[f];
    return sortedJson(copy);
  };
  return strip(next) === strip(prev);
}

function sortedJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(sortedJson).join(",")}]`;
  if (isObj(v))
    return `{${Object.keys(v)
      .filter((k) => v[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${sortedJson(v[k])}`)
      .join(",")}}`;
  return JSON.stringify(v) ?? "null";
}

/**
 * ValidateStatefulSetSpec, in upstream's order: podManagementPolicy, updateStrategy, the
 * retention policy, replicas, minReadySeconds, ordinals.start, selector, template,
 * restartPolicy, activeDeadlineSeconds.
 */
export function validateStatefulSetSpec(spec: Obj, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const policy = spec.podManagementPolicy;
  if (policy === undefined || policy === "") errs.push(required(`${field}.podManagementPolicy`, ""));
  else if (policy !== "OrderedReady" && policy !== "Parallel")
    errs.push(invalid(`${field}.podManagementPolicy`, policy, "must be 'OrderedReady' or 'Parallel'"));

  const strategy: Obj = isObj(spec.updateStrategy) ? spec.updateStrategy : {};
  switch (strategy.type) {
    case undefined:
    case "":
      errs.push(required(`${field}.updateStrategy`, ""));
      break;
    case "OnDelete":
      if (strategy.rollingUpdate !== undefined && strategy.rollingUpdate !== null)
        errs.push(
          invalid(
            `${field}.updateStrategy.rollingUpdate`,
            strategy.rollingUpdate,
            "only allowed for updateStrategy 'RollingUpdate'",
          ),
        );
      break;
    case "RollingUpdate":
      if (isObj(strategy.rollingUpdate))
        errs.push(...validateRollingUpdate(strategy.rollingUpdate, `${field}.updateStrategy.rollingUpdate`));
      break;
    default:
      errs.push(
        invalid(
          `${field}.updateStrategy`,
          strategy,
          "must be 'RollingUpdate' or 'OnDelete'",
          goStrategy(strategy),
        ),
      );
  }

  errs.push(...validateRetentionPolicy(spec.persistentVolumeClaimRetentionPolicy, field));
  errs.push(...validateInteger(spec.replicas, `${field}.replicas`));
  errs.push(...validateNonnegative(spec.replicas, `${field}.replicas`));
  errs.push(...validateInteger(spec.minReadySeconds, `${field}.minReadySeconds`));
  errs.push(...validateNonnegative(spec.minReadySeconds, `${field}.minReadySeconds`));
  if (isObj(spec.ordinals)) errs.push(...validateNonnegative(spec.ordinals.start, `${field}.ordinals.start`));

  const selector = spec.selector;
  let selectorUsable = false;
  if (selector === undefined || selector === null) {
    errs.push(required(`${field}.selector`, ""));
  } else {
    const selErrs = validateLabelSelector(selector, `${field}.selector`);
    errs.push(...selErrs);
    if (isObj(selector) && isEmptySelector(selector as LabelSelector))
      errs.push(
        invalid(
          `${field}.selector`,
          selector,
          "empty selector is invalid for statefulset",
          goLabelSelector(selector as LabelSelector),
        ),
      );
    selectorUsable = selErrs.length === 0;
  }
  const template: Obj = isObj(spec.template) ? spec.template : {};
  if (spec.template === undefined || spec.template === null) errs.push(required(`${field}.template`, ""));
  else if (selectorUsable)
    errs.push(...validateTemplateForStatefulSet(template, selector, `${field}.template`));
  const podSpec: Obj = isObj(template.spec) ? template.spec : {};
  if (podSpec.restartPolicy !== "Always")
    errs.push(notSupported(`${field}.template.spec.restartPolicy`, podSpec.restartPolicy ?? "", ["Always"]));
  if (podSpec.activeDeadlineSeconds !== undefined && podSpec.activeDeadlineSeconds !== null)
    errs.push(
      forbidden(
        `${field}.template.spec.activeDeadlineSeconds`,
        "activeDeadlineSeconds in StatefulSet is not Supported",
      ),
    );
  return errs;
}

/**
 * ValidatePodTemplateSpecForStatefulSet: a non-empty selector must select the template's
 * labels; the labels and annotation keys must be valid.
 */
function validateTemplateForStatefulSet(template: Obj, selector: unknown, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const meta: Obj = isObj(template.metadata) ? template.metadata : {};
  const labels = isObj(meta.labels) ? (meta.labels as Record<string, string>) : undefined;
  if (isObj(selector) && !isEmptySelector(selector as LabelSelector) && !labelsMatch(selector, labels ?? {}))
    errs.push(
      invalid(
        `${field}.metadata.labels`,
        labels,
        "`selector` does not match template `labels`",
        goStringMap(labels),
      ),
    );
  errs.push(...validateLabels(meta.labels, `${field}.labels`));
  if (isObj(meta.annotations))
    for (const k of Object.keys(meta.annotations))
      for (const msg of isQualifiedName(k.toLowerCase())) errs.push(invalid(`${field}.annotations`, k, msg));
  return errs;
}

const PERCENT_MSG = regexError(
  "a valid percent string must be a numeric string followed by an ending '%'",
  "[0-9]+%",
  "1%",
  "93%",
);

/**
 * validateRollingUpdateStatefulSet: partition ≥ 0; maxUnavailable, when given, a positive int
 * or a percentage in (0%, 100%].
 * Example: maxUnavailable 0 → `spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: 0: must be greater than 0`.
 */
function validateRollingUpdate(ru: Obj, field: string): FieldError[] {
  const errs: FieldError[] = [];
  errs.push(...validateInteger(ru.partition, `${field}.partition`));
  errs.push(...validateNonnegative(ru.partition, `${field}.partition`));
  const mu = ru.maxUnavailable;
  if (mu === undefined || mu === null) return errs;
  if (typeof mu === "string") {
    if (!/^[0-9]+%$/.test(mu)) errs.push(invalid(`${field}.maxUnavailable`, mu, PERCENT_MSG));
    else {
      const n = Number.parseInt(mu, 10);
      if (n === 0) errs.push(invalid(`${field}.maxUnavailable`, mu, "must be greater than 0"));
      else if (n > 100) errs.push(invalid(`${field}.maxUnavailable`, mu, "must not be greater than 100%"));
    }
  } else if (typeof mu === "number" && Number.isInteger(mu)) {
    if (mu < 0) errs.push(invalid(`${field}.maxUnavailable`, mu, "must be greater than or equal to 0"));
    else if (mu === 0) errs.push(invalid(`${field}.maxUnavailable`, mu, "must be greater than 0"));
  } else {
    errs.push(invalid(`${field}.maxUnavailable`, mu, "must be an integer or percentage (e.g '5%')"));
  }
  return errs;
}

/** ValidatePersistentVolumeClaimRetentionPolicy: each of whenDeleted/whenScaled Retain or Delete. */
function validateRetentionPolicy(policy: unknown, field: string): FieldError[] {
  if (!isObj(policy)) return [];
  const errs: FieldError[] = [];
  for (const key of ["whenDeleted", "whenScaled"] as const) {
    const v = policy[key];
    if (v !== "Retain" && v !== "Delete")
      errs.push(
        notSupported(`${field}.persistentVolumeClaimRetentionPolicy.${key}`, v ?? "", ["Retain", "Delete"]),
      );
  }
  return errs;
}

/** %#v of apps.StatefulSetUpdateStrategy, as ErrorBody prints an invalid type. */
function goStrategy(s: Obj): string {
  return `apps.StatefulSetUpdateStrategy{Type:${JSON.stringify(String(s.type ?? ""))}, RollingUpdate:(*apps.RollingUpdateStatefulSetStrategy)(nil)}`;
}
