/**
 * Pod spec and pod template validation: the parts of pkg/apis/core/validation/validation.go
 * (ValidatePodSpec, validateContainers, ValidatePodTemplateSpec) that a manifest for this
 * simulator can get wrong. Fields Replicast does not model are not checked.
 */
import { duplicate, invalid, notSupported, required, type FieldError } from "./fieldErrors.ts";
import { isQuantityError, parseQuantity } from "./quantity.ts";
import {
  isDNS1123Label,
  validateContainerResourceName,
  validateLabels,
  validateNonnegative,
} from "./validateMeta.ts";

const RESTART_POLICIES = ["Always", "OnFailure", "Never"];
const PULL_POLICIES = ["Always", "IfNotPresent", "Never"];

/** ValidatePodTemplateSpec: template labels, then the pod spec. */
export function validatePodTemplateSpec(template: unknown, field: string): FieldError[] {
  if (template === undefined || template === null || typeof template !== "object")
    return [required(field, "")];
  const t = template as Record<string, unknown>;
  const meta = (t.metadata ?? {}) as Record<string, unknown>;
  return [
    ...validateLabels(meta.labels, `${field}.metadata.labels`),
    ...validatePodSpec(t.spec, `${field}.spec`),
  ];
}

/** ValidatePodSpec (the modelled subset). */
export function validatePodSpec(spec: unknown, field: string): FieldError[] {
  if (spec === undefined || spec === null || typeof spec !== "object")
    return [required(`${field}.containers`, "")];
  const s = spec as Record<string, unknown>;
  const errs: FieldError[] = [];
  const names = new Set<string>();
  for (const e of validateContainers(s.initContainers, `${field}.initContainers`, names, false)) errs.push(e);
  for (const e of validateContainers(s.containers, `${field}.containers`, names, true)) errs.push(e);
  if (s.restartPolicy !== undefined && !RESTART_POLICIES.includes(s.restartPolicy as string)) {
    errs.push(notSupported(`${field}.restartPolicy`, s.restartPolicy, RESTART_POLICIES));
  }
  errs.push(
    ...validateNonnegative(s.terminationGracePeriodSeconds, `${field}.terminationGracePeriodSeconds`),
  );
  return errs;
}

/**
 * validateContainers: at least one container; each with a DNS-1123 label name unique across
 * init and app containers, an image, a known pull policy and parseable resource quantities.
 * Example: containers[1] reusing "web" → `spec.template.spec.containers[1].name: Duplicate value: "web"`.
 */
function validateContainers(
  list: unknown,
  field: string,
  names: Set<string>,
  requireOne: boolean,
): FieldError[] {
  if (list === undefined || list === null || (Array.isArray(list) && list.length === 0)) {
    return requireOne ? [required(field, "")] : [];
  }
  if (!Array.isArray(list)) return [invalid(field, list, "must be a list of containers")];
  const errs: FieldError[] = [];
  list.forEach((c, i) => {
    const path = `${field}[${i}]`;
    const ctr = (c ?? {}) as Record<string, unknown>;
    const name = ctr.name;
    if (name === undefined || name === null || name === "") errs.push(required(`${path}.name`, ""));
    else if (typeof name !== "string") errs.push(invalid(`${path}.name`, name, "must be a string"));
    else {
      for (const msg of isDNS1123Label(name)) errs.push(invalid(`${path}.name`, name, msg));
      if (names.has(name)) errs.push(duplicate(`${path}.name`, name));
      names.add(name);
    }
    if (ctr.image === undefined || ctr.image === null || ctr.image === "")
      errs.push(required(`${path}.image`, ""));
    else if (typeof ctr.image !== "string")
      errs.push(invalid(`${path}.image`, ctr.image, "must be a string"));
    if (ctr.imagePullPolicy !== undefined && !PULL_POLICIES.includes(ctr.imagePullPolicy as string)) {
      errs.push(notSupported(`${path}.imagePullPolicy`, ctr.imagePullPolicy, PULL_POLICIES));
    }
    for (const e of validateResources(ctr.resources, `${path}.resources`)) errs.push(e);
  });
  return errs;
}

/**
 * ValidateResourceRequirements (subset): every quantity parses and is not negative, and a
 * request does not exceed its limit ("must be less than or equal to cpu limit of 500m").
 */
function validateResources(resources: unknown, field: string): FieldError[] {
  if (resources === undefined || resources === null || typeof resources !== "object") return [];
  const r = resources as Record<string, unknown>;
  const errs: FieldError[] = [];
  const parsed: Record<"limits" | "requests", Record<string, ReturnType<typeof parseQuantity>>> = {
    limits: {},
    requests: {},
  };
  for (const part of ["limits", "requests"] as const) {
    const list = r[part];
    if (list === undefined || list === null) continue;
    if (typeof list !== "object" || Array.isArray(list)) {
      errs.push(invalid(`${field}.${part}`, list, "must be a map of resource names to quantities"));
      continue;
    }
    for (const [res, v] of Object.entries(list as Record<string, unknown>)) {
      const path = `${field}.${part}[${res}]`;
      for (const e of validateContainerResourceName(res, path)) errs.push(e);
      if (typeof v !== "string" && typeof v !== "number") {
        errs.push(invalid(path, v, "must be a quantity"));
        continue;
      }
      const q = parseQuantity(v);
      parsed[part][res] = q;
      if (isQuantityError(q)) errs.push(invalid(path, String(v), q.message));
      else if (q.sign() < 0) errs.push(invalid(path, q.toString(), "must be greater than or equal to 0"));
    }
  }
  for (const [res, req] of Object.entries(parsed.requests)) {
    const lim = parsed.limits[res];
    if (lim === undefined || isQuantityError(lim) || isQuantityError(req)) continue;
    if (req.cmp(lim) > 0) {
      errs.push(
        invalid(
          `${field}.requests[${res}]`,
          req.toString(),
          `must be less than or equal to ${res} limit of ${lim.toString()}`,
        ),
      );
    }
  }
  return errs;
}
