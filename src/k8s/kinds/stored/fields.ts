/**
 * Reading the fields of an object stored as written (a ServiceAccount, a Job, an Ingress):
 * nothing about its shape is known beyond apiVersion, kind and metadata, so every field is
 * read defensively, as the typed client would decode it (an absent field is its zero value).
 */
import { selectorToString } from "../../labels.ts";
import { rfc1123z } from "../../printing/describeWriter.ts";
import { EPOCH_MS } from "../../time.ts";
import type { LabelSelector, PodTemplateSpec } from "../../types.ts";

export type Obj = Record<string, unknown>;

export const obj = (v: unknown): Obj =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Obj) : {};
export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const str = (v: unknown): string =>
  typeof v === "string" ? v : v === undefined || v === null ? "" : String(v);
export const strings = (v: unknown): string[] => list(v).map(str);
/** A string map (labels, parameters, annotations) with every value as text. */
export const stringMap = (v: unknown): Record<string, string> =>
  Object.fromEntries(Object.entries(obj(v)).map(([k, x]) => [k, str(x)]));

/** describe.go printBoolPtr: "True", "False", or "<unset>" for a field that is absent. */
export const printBoolPtr = (v: unknown): string =>
  v === undefined || v === null ? "<unset>" : v === true ? "True" : "False";

/** fmt's %v of a []string: "[a b]", "[]" when empty. */
export const goList = (v: unknown): string => `[${strings(v).join(" ")}]`;

/** labels.FormatLabels: sorted `k=v` joined by ",", "<none>" when empty. */
export function formatLabels(m: Record<string, string>): string {
  const keys = Object.keys(m).sort();
  return keys.length ? keys.map((k) => `${k}=${m[k]}`).join(",") : "<none>";
}

/**
 * metav1.LabelSelectorAsSelector(sel).String(): "" for a missing or empty selector (labels.Nothing
 * and labels.Everything both print as ""), the sorted requirements otherwise.
 */
export function selectorAsSelectorText(sel: unknown): string {
  const s = obj(sel);
  if (Object.keys(obj(s.matchLabels)).length === 0 && list(s.matchExpressions).length === 0) return "";
  return selectorToString(s as LabelSelector);
}

/**
 * A metav1.Time as time.RFC1123Z: stored objects carry times as written (RFC 3339 text), the
 * API server's own as the run's seconds. Undefined when absent or unreadable.
 */
export function timeText(v: unknown): string | undefined {
  if (typeof v === "number") return rfc1123z(v);
  if (typeof v !== "string" || v === "") return undefined;
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? undefined : rfc1123z((ms - EPOCH_MS) / 1000);
}

/** Seconds since the run's epoch of a metav1.Time (for durations between two of them). */
export function timeSeconds(v: unknown): number | undefined {
  if (typeof v === "number") return v;
  if (typeof v !== "string") return undefined;
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? undefined : (ms - EPOCH_MS) / 1000;
}

/** A stored template read as a PodTemplateSpec (absent parts as their zero values). */
export function podTemplate(t: Obj): PodTemplateSpec {
  const spec = obj(t.spec);
  return {
    metadata: obj(t.metadata),
    spec: { ...spec, containers: Array.isArray(spec.containers) ? spec.containers : [] },
  } as unknown as PodTemplateSpec;
}
