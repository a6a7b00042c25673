/**
 * Names and labels, as k8s.io/apimachinery/pkg/util/validation/validation.go and
 * apimachinery/pkg/api/validation/objectmeta.go check them, with their exact messages.
 */
import { forbidden, invalid, required, tooLong, type FieldError } from "./fieldErrors.ts";

/** validation.go RegexError: note Go's double space before " or" when there are examples. */
export function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`;
  let out = `${msg} (e.g. `;
  examples.forEach((ex, i) => {
    if (i > 0) out += " or ";
    out += `'${ex}', `;
  });
  return `${out}regex used for validation is '${fmt}')`;
}

export const maxLenError = (n: number): string => `must be no more than ${n} characters`;

const DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const DNS1123_LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1123_SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const DNS1035_LABEL_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?";
const DNS1035_LABEL_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
const QUALIFIED_NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
const QUALIFIED_NAME_MSG =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_FMT = `(${QUALIFIED_NAME_FMT})?`;
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

const whole = (fmt: string) => new RegExp(`^${fmt}$`);
const dns1123Label = whole(DNS1123_LABEL_FMT);
const dns1123Subdomain = whole(DNS1123_SUBDOMAIN_FMT);
const dns1035Label = whole(DNS1035_LABEL_FMT);
const qualifiedName = whole(QUALIFIED_NAME_FMT);
const labelValue = whole(LABEL_VALUE_FMT);

/** IsDNS1123Label: container names, port names. */
export function isDNS1123Label(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLenError(63));
  if (!dns1123Label.test(value))
    errs.push(regexError(DNS1123_LABEL_MSG, DNS1123_LABEL_FMT, "my-name", "123-abc"));
  return errs;
}

/** IsDNS1123Subdomain: names of Deployments, ReplicaSets, Pods, ConfigMaps, HPAs. */
export function isDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 253) errs.push(maxLenError(253));
  if (!dns1123Subdomain.test(value))
    errs.push(regexError(DNS1123_SUBDOMAIN_MSG, DNS1123_SUBDOMAIN_FMT, "example.com"));
  return errs;
}

/** IsDNS1035Label: Service names. */
export function isDNS1035Label(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLenError(63));
  if (!dns1035Label.test(value))
    errs.push(regexError(DNS1035_LABEL_MSG, DNS1035_LABEL_FMT, "my-name", "abc-123"));
  return errs;
}

/** IsQualifiedName: label keys ("app", "app.kubernetes.io/name"). */
export function isQualifiedName(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split("/");
  let name: string;
  if (parts.length === 1) name = parts[0];
  else if (parts.length === 2) {
    const [prefix, n] = parts;
    name = n;
    if (prefix.length === 0) errs.push("prefix part must be non-empty");
    else for (const msg of isDNS1123Subdomain(prefix)) errs.push(`prefix part ${msg}`);
  } else {
    return [
      `a qualified name ${regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc")} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (name.length === 0) errs.push("name part must be non-empty");
  else if (name.length > 63) errs.push(`name part ${maxLenError(63)}`);
  if (name.length > 0 && !qualifiedName.test(name)) {
    errs.push(
      `name part ${regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc")}`,
    );
  }
  return errs;
}

/** IsValidLabelValue. */
export function isValidLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLenError(63));
  if (!labelValue.test(value))
    errs.push(regexError(LABEL_VALUE_MSG, LABEL_VALUE_FMT, "MyValue", "my_value", "12345"));
  return errs;
}

/** ValidateLabels (metav1 validation): keys then values, each message its own error. */
export function validateLabels(labels: unknown, field: string): FieldError[] {
  if (labels === undefined || labels === null) return [];
  if (typeof labels !== "object" || Array.isArray(labels))
    return [invalid(field, labels, "must be a map of string keys to string values")];
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(labels as Record<string, unknown>)) {
    for (const msg of isQualifiedName(k)) errs.push(invalid(field, k, msg));
    if (typeof v !== "string") {
      errs.push(invalid(`${field}.${k}`, v, "must be a string"));
      continue;
    }
    for (const msg of isValidLabelValue(v)) errs.push(invalid(field, v, msg));
  }
  return errs;
}

export type NameValidator = (name: string) => string[];

/**
 * ValidateObjectMeta (objectmeta.go): a name (or generateName) is required and must satisfy the
 * kind's name rule; labels must be valid.
 * Example: no name → `metadata.name: Required value: name or generateName is required`.
 */
export function validateObjectMeta(meta: unknown, nameRule: NameValidator): FieldError[] {
  if (meta === undefined || meta === null || typeof meta !== "object") {
    return [required("metadata.name", "name or generateName is required")];
  }
  const m = meta as Record<string, unknown>;
  const errs: FieldError[] = [];
  const name = m.name;
  const generateName = m.generateName;
  if (typeof generateName === "string" && generateName.length > 0) {
    // generateName is checked as a prefix: a trailing '-' is allowed (maskTrailingDash).
    const prefix = generateName.endsWith("-") ? generateName.slice(0, -1) : generateName;
    if (prefix.length > 0)
      for (const msg of nameRule(prefix)) errs.push(invalid("metadata.generateName", generateName, msg));
  }
  if (name === undefined || name === null || name === "") {
    if (typeof generateName !== "string" || generateName.length === 0) {
      errs.push(required("metadata.name", "name or generateName is required"));
    }
  } else if (typeof name !== "string") {
    errs.push(invalid("metadata.name", name, "must be a string"));
  } else {
    for (const msg of nameRule(name)) errs.push(invalid("metadata.name", name, msg));
  }
  if (m.namespace !== undefined && typeof m.namespace === "string" && m.namespace !== "") {
    for (const msg of isDNS1123Label(m.namespace)) errs.push(invalid("metadata.namespace", m.namespace, msg));
  }
  for (const e of validateLabels(m.labels, "metadata.labels")) errs.push(e);
  if (m.annotations !== undefined && m.annotations !== null) {
    if (typeof m.annotations !== "object" || Array.isArray(m.annotations)) {
      errs.push(
        invalid("metadata.annotations", m.annotations, "must be a map of string keys to string values"),
      );
    } else {
      for (const k of Object.keys(m.annotations)) {
        for (const msg of isQualifiedName(k.toLowerCase()))
          errs.push(invalid("metadata.annotations", k, msg));
      }
      if (annotationsSize(m.annotations as Record<string, unknown>) > TOTAL_ANNOTATION_SIZE_LIMIT_B)
        errs.push(tooLong("metadata.annotations", TOTAL_ANNOTATION_SIZE_LIMIT_B));
    }
  }
  return errs;
}

/** apimachinery objectmeta.go TotalAnnotationSizeLimitB: all annotations together, 256 KiB. */
export const TOTAL_ANNOTATION_SIZE_LIMIT_B = 256 * (1 << 10);

/** ValidateAnnotationsSize: the UTF-8 bytes of every key and value. */
function annotationsSize(annotations: Record<string, unknown>): number {
  let total = 0;
  for (const [k, v] of Object.entries(annotations)) total += utf8Length(k) + utf8Length(String(v));
  return total;
}

const NON_ASCII = /[\u0080-\uffff]/;

/**
 * How many bytes TextEncoder would make of `s`, counted without making them: every Deployment
 * and ReplicaSet write measures its annotations, and an encoder and an encoded copy per key and
 * value cost about three times this warm. A lone surrogate counts 3, as its U+FFFD does.
 */
export function utf8Length(s: string): number {
  // ASCII is one byte a character, and a regular expression scans for anything else at native
  // speed even before the loop below is compiled (a last-applied annotation is a few KiB).
  if (!NON_ASCII.test(s)) return s.length;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** ValidateNonnegativeField: "must be greater than or equal to 0". */
export function validateNonnegative(value: unknown, field: string): FieldError[] {
  if (typeof value !== "number") return [];
  return value < 0 ? [invalid(field, value, "must be greater than or equal to 0")] : [];
}

/** A field that must be a whole number when present (the apiserver rejects the JSON otherwise). */
export function validateInteger(value: unknown, field: string): FieldError[] {
  if (value === undefined || value === null) return [];
  if (typeof value !== "number" || !Number.isInteger(value)) {
    return [invalid(field, value, "must be an integer")];
  }
  return [];
}

const STANDARD_CONTAINER_RESOURCES = new Set(["cpu", "memory", "ephemeral-storage"]);

/**
 * ValidateContainerResourceName (core validation): an unprefixed name must be a standard
 * container resource (cpu, memory, ephemeral-storage, hugepages-<size>). Catches "memroy".
 */
export function validateContainerResourceName(name: string, field: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const msg of isQualifiedName(name)) errs.push(invalid(field, name, msg));
  if (!name.includes("/") && !STANDARD_CONTAINER_RESOURCES.has(name) && !name.startsWith("hugepages-")) {
    errs.push(invalid(field, name, "must be a standard resource for containers"));
  }
  return errs;
}

export { forbidden };
