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

/**
 * The `image [CONTAINER=]IMAGE` quantity of a workload summary. Without a container name the
 * image matches when any container runs it, as a reader of `kubectl describe … | grep Image:`
 * would check it.
 */
export function imageQuantity<
  S extends ObjectSummary & { images: Record<string, string> },
>(): QuantityReading<S> {
  return {
    read(s, q): Observed {
      if (q.container !== undefined) return s.images[q.container];
      const all = Object.values(s.images);
      if (q.wantedString !== undefined && all.includes(q.wantedString)) return q.wantedString;
      return all.join(",");
    },
    name: (q) => (q.container ? `image ${q.container}` : "image"),
  };
}

/**
 * What `condition TYPE` reads while the object exists but has no condition of that type. The
 * API conventions (kubernetes/community, sig-architecture/api-conventions.md, "Typical status
 * properties") read an absent condition as Unknown: it is neither True nor False, so `!= True`
 * and `!= False` hold and `== True`, `== False` do not. It has no "/", so no status matches it.
 */
export const ABSENT_CONDITION = "absent";

/**
 * `condition TYPE [== STATUS] [reason REASON]` on a kind whose summary keeps its conditions
 * (an HPA's, a Deployment's, a Job's): the condition's "Status/Reason", ABSENT_CONDITION when
 * it has none (undefined is kept for an object that does not exist).
 */
export function conditionQuantity<
  S extends ObjectSummary & { conditions: ConditionSummary[] },
>(): QuantityReading<S> {
  return {
    read: (s, q) => {
      const c = s.conditions.find((x) => x.type === q.type);
      return c ? `${c.status}/${c.reason}` : ABSENT_CONDITION;
    },
    name: (q) => `condition ${q.type}`,
    show: (v) => (v === undefined ? "<none>" : String(v).replace("/", " reason ")),
  };
}

/** Reads one field of the summary, named as the quantity: `replicas` → summary.replicas. */
export function field<S extends ObjectSummary>(key: keyof S & string): QuantityReading<S> {
  return { read: (s) => s[key] as Observed };
}
