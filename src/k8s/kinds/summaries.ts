/**
 * Pieces the kinds' trace summaries share: conditions as the trace keeps them, a pod
 * template's images, the revision annotation, and the plain quantity readers.
 */
import type { ObjectSummary, Observed, QuantityReading } from "./descriptor.ts";
import type { KubeObject, PodTemplateSpec } from "../types.ts";
import { revision } from "./deployment/annotations.ts";
import { dict } from "../safeKeys.ts";

export interface ConditionSummary {
  type: string;
  status: string;
  reason: string;
  message: string;
}

export function conditionSummaries(
  conditions: readonly { type: string; status: string; reason?: string; message?: string }[] | undefined,
): ConditionSummary[] {
  return (conditions ?? []).map((c) => ({
    type: c.type,
    status: c.status,
    reason: c.reason ?? "",
    message: c.message ?? "",
  }));
}

/** container name → image, from a pod template (the names are the user's: no prototype, safeKeys.ts). */
export function images(template: PodTemplateSpec | undefined): Record<string, string> {
  const out: Record<string, string> = dict();
  for (const c of template?.spec?.containers ?? []) out[c.name] = c.image;
  return out;
}

/** The revision annotation as a number, as the trace keeps it: 0 when missing or unparseable. */
export const revisionOf = (obj: KubeObject): number => revision(obj) ?? 0;

/** A value as reports print it; "<none>" for an object that did not exist. */
export const showPlain = (v: Observed): string => (v === undefined ? "<none>" : String(v));

/** Reads one field of the summary, named as the quantity: `replicas` → summary.replicas. */
export function field<S extends ObjectSummary>(key: keyof S & string): QuantityReading<S> {
  return { read: (s) => s[key] as Observed };
}
