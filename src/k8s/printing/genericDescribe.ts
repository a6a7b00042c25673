/**
 * kubectl's generic describer (k8s.io/kubectl/pkg/describe/describe.go genericDescriber,
 * printUnstructuredContent, smartLabelFor): what `kubectl describe` prints for a kind without
 * a describer of its own — a CustomResource, a ServiceAccount, a Role, an Ingress. Name,
 * Namespace, Labels and Annotations, then every field of the object as the API server returns
 * it (the unstructured content), keys sorted, nested maps indented a level, then the Events.
 */
import type { DescribeContext } from "../kinds/descriptor.ts";
import type { KubeObject } from "../types.ts";
import { eventsFor } from "./describe.ts";
import {
  PrefixWriter,
  printAnnotationsMultiline,
  printLabelsMultiline,
  type Writer,
} from "./describeWriter.ts";

/** Fields the header already printed, and managedFields (skipped by path). */
const SKIP = new Set([
  ".metadata.managedFields",
  ".metadata.name",
  ".metadata.namespace",
  ".metadata.labels",
  ".metadata.annotations",
]);

/**
 * `obj` as stored (for the events) and `wire`, the same object as the API server returns it
 * (times as RFC 3339 text: src/kubectl/serialize.ts toWire).
 */
export function describeGeneric(
  obj: KubeObject,
  wire: Record<string, unknown>,
  ctx: DescribeContext,
): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${obj.metadata.name}\n`);
  w.write(0, `Namespace:\t${obj.metadata.namespace ?? ""}\n`);
  printLabelsMultiline(w, "Labels", obj.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", obj.metadata.annotations);
  printUnstructuredContent(w, 0, wire, "");
  eventsFor(w, obj, ctx);
  return w.toString();
}

const isMap = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** printUnstructuredContent: sorted keys (Go's sort.Strings, by bytes), maps and lists nested. */
function printUnstructuredContent(
  w: Writer,
  level: number,
  content: Record<string, unknown>,
  prefix: string,
): void {
  const fields = Object.keys(content).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const field of fields) {
    const value = content[field];
    const path = `${prefix}.${field}`;
    if (SKIP.has(path)) continue;
    if (isMap(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      printUnstructuredContent(w, level + 1, value, path);
    } else if (Array.isArray(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      for (const child of value) {
        if (isMap(child)) printUnstructuredContent(w, level + 1, child, path);
        else w.write(level + 1, `${goValue(child)}\n`);
      }
    } else {
      w.write(level, `${smartLabelFor(field)}:\t${goValue(value)}\n`);
    }
  }
}

/**
 * fmt's %v of a JSON value as the dynamic client decodes it: integers as int64, other numbers
 * as float64 ('g' format with the shortest representation: 0.5, 1e+06, 1.5e-07), null as <nil>.
 */
export function goValue(v: unknown): string {
  if (v === null || v === undefined) return "<nil>";
  if (typeof v === "number") return Number.isInteger(v) && Math.abs(v) < 2 ** 63 ? String(v) : goFloat(v);
  if (Array.isArray(v)) return `[${v.map(goValue).join(" ")}]`;
  if (isMap(v))
    return `map[${Object.keys(v)
      .sort()
      .map((k) => `${k}:${goValue(v[k])}`)
      .join(" ")}]`;
  return String(v);
}

/** strconv.FormatFloat(f, 'g', -1, 64): exponent when it is < -4 or ≥ 21 (the shortest digits). */
function goFloat(f: number): string {
  if (!Number.isFinite(f)) return f > 0 ? "+Inf" : f < 0 ? "-Inf" : "NaN";
  const [mantissa, exp] = f.toExponential().split("e");
  const e = Number(exp);
  if (e < -4 || e >= 21) return `${mantissa}e${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
  return String(f);
}

const ACRONYMS = new Set(["API", "URL", "UID", "OSB", "GUID"]);

/**
 * smartLabelFor: a field of letters (and '-') split at its camel-case boundaries
 * (github.com/fatih/camelcase), each part title-cased, the common acronyms upper-cased; a field
 * with any other character is printed as it is. Examples: "apiVersion" → "API Version",
 * "creationTimestamp" → "Creation Timestamp", "uid" → "UID", "targetCPUUtilization" →
 * "Target CPU Utilization", "my-field" → "My - Field", "v1" → "v1".
 */
export function smartLabelFor(field: string): string {
  if (/[^\p{L}-]/u.test(field)) return field;
  return camelcaseSplit(field)
    .filter((p) => p !== "_")
    .map((p) => (ACRONYMS.has(p.toUpperCase()) ? p.toUpperCase() : p.charAt(0).toUpperCase() + p.slice(1)))
    .join(" ");
}

/**
 * camelcase.Split: runs of lower-case letters, upper-case letters, digits and other characters;
 * an upper-case run followed by lower-case letters gives its last letter to the next word
 * ("PDFLoader" → "PDF", "Loader").
 */
function camelcaseSplit(s: string): string[] {
  const classOf = (c: string): number =>
    /\p{Ll}/u.test(c) ? 1 : /\p{Lu}/u.test(c) ? 2 : /\p{Nd}/u.test(c) ? 3 : 4;
  const runs: string[][] = [];
  let last = 0;
  for (const c of s) {
    const k = classOf(c);
    if (k === last) runs[runs.length - 1].push(c);
    else runs.push([c]);
    last = k;
  }
  for (let i = 0; i < runs.length - 1; i++) {
    if (classOf(runs[i][0]) === 2 && classOf(runs[i + 1][0]) === 1) runs[i + 1].unshift(runs[i].pop()!);
  }
  return runs.filter((r) => r.length > 0).map((r) => r.join(""));
}
