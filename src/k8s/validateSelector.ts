/**
 * LabelSelector validation (apimachinery/pkg/apis/meta/v1/validation ValidateLabelSelector)
 * and its Go rendering for "field is immutable" / "empty selector" messages.
 */
import { goStringMap, goStringSlice, invalid, forbidden, required, type FieldError } from "./fieldErrors.ts";
import type { LabelSelector, LabelSelectorRequirement } from "./types.ts";
import { isQualifiedName, validateLabels } from "./validateMeta.ts";

/** ValidateLabelSelector: matchLabels as labels, then each matchExpressions requirement. */
export function validateLabelSelector(selector: unknown, field: string): FieldError[] {
  if (selector === undefined || selector === null) return [];
  if (typeof selector !== "object" || Array.isArray(selector))
    return [invalid(field, selector, "must be a label selector")];
  const s = selector as Record<string, unknown>;
  const errs = validateLabels(s.matchLabels, `${field}.matchLabels`);
  const exprs = s.matchExpressions;
  if (exprs !== undefined && exprs !== null) {
    if (!Array.isArray(exprs)) errs.push(invalid(`${field}.matchExpressions`, exprs, "must be a list"));
    else exprs.forEach((e, i) => errs.push(...validateRequirement(e, `${field}.matchExpressions[${i}]`)));
  }
  return errs;
}

/** ValidateLabelSelectorRequirement, with its upstream wording. */
function validateRequirement(req: unknown, field: string): FieldError[] {
  const r = (req ?? {}) as Partial<LabelSelectorRequirement> & Record<string, unknown>;
  const errs: FieldError[] = [];
  const values = Array.isArray(r.values) ? r.values : [];
  switch (r.operator) {
    case "In":
    case "NotIn":
      if (values.length === 0)
        errs.push(required(`${field}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case "Exists":
    case "DoesNotExist":
      if (values.length > 0)
        errs.push(
          forbidden(`${field}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"),
        );
      break;
    default:
      errs.push(invalid(`${field}.operator`, r.operator, "not a valid selector operator"));
  }
  const key = typeof r.key === "string" ? r.key : "";
  for (const msg of isQualifiedName(key)) errs.push(invalid(`${field}.key`, key, msg));
  return errs;
}

/** %#v of a *metav1.LabelSelector after dereferencing, as ErrorBody prints it. */
export function goLabelSelector(s: LabelSelector | undefined): string {
  if (s === undefined) return "null";
  const exprs =
    s.matchExpressions === undefined
      ? "[]v1.LabelSelectorRequirement(nil)"
      : `[]v1.LabelSelectorRequirement{${s.matchExpressions
          .map(
            (e) =>
              `v1.LabelSelectorRequirement{Key:${JSON.stringify(e.key)}, Operator:${JSON.stringify(e.operator)}, Values:${goStringSlice(e.values)}}`,
          )
          .join(", ")}}`;
  return `v1.LabelSelector{MatchLabels:${goStringMap(s.matchLabels)}, MatchExpressions:${exprs}}`;
}
