/**
 * Field errors and the apiserver's "is invalid" text, as
 * k8s.io/apimachinery/pkg/util/validation/field/errors.go (Error.ErrorBody),
 * k8s.io/apimachinery/pkg/api/errors NewInvalid, and kubectl's cmd/util/helpers.go
 * (checkErr + MultilineError) word them.
 */

export const FieldErrorType = {
  Invalid: "Invalid value",
  Required: "Required value",
  Unsupported: "Unsupported value",
  Forbidden: "Forbidden",
  Duplicate: "Duplicate value",
  TooLong: "Too long",
} as const;
export type FieldErrorType = keyof typeof FieldErrorType;

export interface FieldError {
  /** The field path as Kubernetes prints it: "spec.template.spec.containers[0].image". */
  field: string;
  type: FieldErrorType;
  /**
   * The whole body, as the apiserver's StatusCause.message carries it:
   * "Invalid value: -1: must be greater than or equal to 0", "Required value".
   */
  message: string;
  /** Only the explanation ("must be greater than or equal to 0"); may be empty. */
  detail: string;
  /** The offending value, printed Go-style (numbers bare, strings quoted). */
  value?: unknown;
  /** How Go's %#v prints a value that is not a scalar (maps, structs), when it matters. */
  valueText?: string;
  /** field.OmitValueType: the body says "Invalid value" with no value after it. */
  omitValue?: boolean;
}

function make(
  field: string,
  type: FieldErrorType,
  detail: string,
  value?: unknown,
  valueText?: string,
): FieldError {
  const e: FieldError = { field, type, message: "", detail };
  if (type !== "Required" && type !== "Forbidden" && type !== "TooLong") e.value = value;
  if (valueText !== undefined) e.valueText = valueText;
  e.message = fieldErrorBody(e);
  return e;
}

export const invalid = (field: string, value: unknown, detail: string, valueText?: string): FieldError =>
  make(field, "Invalid", detail, value, valueText);

/** field.Invalid(path, field.OmitValueType{}, detail): a rule as a whole is wrong, no value printed. */
export const invalidOmitValue = (field: string, detail: string): FieldError => {
  const e: FieldError = { field, type: "Invalid", message: "", detail, omitValue: true };
  e.message = fieldErrorBody(e);
  return e;
};

export const required = (field: string, detail = ""): FieldError => make(field, "Required", detail);

export const forbidden = (field: string, detail: string): FieldError => make(field, "Forbidden", detail);

export const duplicate = (field: string, value: unknown): FieldError => make(field, "Duplicate", "", value);

/** field.TooLong (v1.28): "Too long: must have at most N bytes"; the value is not printed. */
export const tooLong = (field: string, maxBytes: number): FieldError =>
  make(field, "TooLong", `must have at most ${maxBytes} bytes`);

/** field.NotSupported: the detail lists the valid values, each quoted. */
export const notSupported = (field: string, value: unknown, valid: readonly string[]): FieldError =>
  make(
    field,
    "Unsupported",
    valid.length > 0 ? `supported values: ${valid.map((v) => JSON.stringify(v)).join(", ")}` : "",
    value,
  );

/**
 * How ErrorBody prints a bad value: int/float/bool with %v, strings with %q, nil as "null",
 * anything else with %#v (given in `valueText`, else JSON as the closest approximation).
 */
export function goValueText(value: unknown, valueText?: string): string {
  if (valueText !== undefined) return valueText;
  if (value === undefined || value === null) return "null";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value === "string") return JSON.stringify(value);
  return JSON.stringify(value);
}

/**
 * Error.ErrorBody: "Required value" and "Forbidden" never show the value; the others show it.
 * Examples: `Invalid value: -1: must be greater than or equal to 0`,
 * `Unsupported value: "Never": supported values: "Always"`, `Required value`.
 */
export function fieldErrorBody(e: Omit<FieldError, "message">): string {
  let s: string = FieldErrorType[e.type];
  if (e.type !== "Required" && e.type !== "Forbidden" && e.type !== "TooLong" && e.omitValue !== true)
    s += `: ${goValueText(e.value, e.valueText)}`;
  if (e.detail.length > 0) s += `: ${e.detail}`;
  return s;
}

/** Error.Error(): "field: body". */
export const fieldErrorString = (e: FieldError): string => `${e.field}: ${fieldErrorBody(e)}`;

/** The causes kubectl shows, without repeats (statusCausesToAggrError skips duplicates). */
function uniqueMessages(errors: readonly FieldError[]): string[] {
  return [...new Set(errors.map(fieldErrorString))];
}

/**
 * What kubectl prints for an Invalid error (checkErr → MultilineError):
 * one cause:   `The Deployment "x" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0`
 * many causes: `The Deployment "x" is invalid: \n* spec.replicas: …\n* spec.selector: Required value`
 * (kubectl ends the text with a newline; printers add their own, so it is left off here).
 */
export function formatInvalid(kind: string, name: string, errors: readonly FieldError[]): string {
  const prefix = `The ${kind} ${JSON.stringify(name)} is invalid`;
  const msgs = uniqueMessages(errors);
  if (msgs.length === 0) return prefix;
  if (msgs.length === 1) return `${prefix}: ${msgs[0]}`;
  return `${prefix}: \n${msgs.map((m) => `* ${m}`).join("\n")}`;
}

/** API group of each kind, for the apiserver's qualified kind ("Deployment.apps"). */
const GROUP_OF_KIND: Record<string, string> = {
  Deployment: "apps",
  ReplicaSet: "apps",
  HorizontalPodAutoscaler: "autoscaling",
  CronJob: "batch",
};

/**
 * The apiserver's own Status message (errors.NewInvalid), as `Error from server` shows it:
 * `Deployment.apps "x" is invalid: spec.replicas: …` for one cause,
 * `Deployment.apps "x" is invalid: [a, b]` for several (utilerrors aggregate).
 */
export function formatInvalidStatus(kind: string, name: string, errors: readonly FieldError[]): string {
  const group = GROUP_OF_KIND[kind];
  const qualified = group ? `${kind}.${group}` : kind;
  const prefix = `${qualified} ${JSON.stringify(name)} is invalid`;
  const msgs = uniqueMessages(errors);
  if (msgs.length === 0) return prefix;
  return msgs.length === 1 ? `${prefix}: ${msgs[0]}` : `${prefix}: [${msgs.join(", ")}]`;
}

// ---------------------------------------------------------------- Go %#v of common values

/** %#v of a map[string]string: keys sorted, `map[string]string{"app":"web", "tier":"x"}`. */
export function goStringMap(m: Record<string, string> | undefined | null): string {
  // YAML's `matchLabels:` with nothing after it is null: Go's nil map.
  if (m === undefined || m === null || typeof m !== "object") return "map[string]string(nil)";
  const entries = Object.keys(m)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${JSON.stringify(m[k])}`);
  return `map[string]string{${entries.join(", ")}}`;
}

/** %#v of a []string: `[]string{"a", "b"}`, nil as `[]string(nil)`. */
export function goStringSlice(s: readonly string[] | undefined): string {
  if (s === undefined) return "[]string(nil)";
  return `[]string{${s.map((v) => JSON.stringify(v)).join(", ")}}`;
}
