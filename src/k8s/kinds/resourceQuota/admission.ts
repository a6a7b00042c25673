/**
 * The ResourceQuota admission plug-in on a create, and on an update of the kinds whose
 * evaluator handles updates — Services and PersistentVolumeClaims — charging only what the
 * update adds: a Service turned LoadBalancer, a claim expanded (k8s.io/apiserver/pkg/admission/
 * plugin/resourcequota/controller.go checkRequest), and the status the resource quota controller
 * keeps (pkg/controller/resourcequota/resource_quota_controller.go syncResourceQuota).
 *
 * Admission, for the quotas of the object's namespace in name order that track it (a resource
 * of their status.hard — a quota its controller has not taken up yet tracks nothing — and
 * their scopes):
 * - a pod must set every tracked cpu and memory resource in each container, else Forbidden
 *   `failed quota: compute: must specify limits.cpu for: app`;
 * - a tracked resource without a used value is `status unknown for quota: compute, resources: pods`;
 * - the object's usage added to what each quota has used must stay within its hard limits,
 *   else `exceeded quota: compute, requested: pods=1, used: pods=5, limited: pods=5` (only the
 *   resources exceeded);
 * - otherwise every such quota's status.used becomes used + the object's usage: the admission
 *   charges the quota before the object is stored, so that the next create sees it.
 * The messages are admission.NewForbidden's: `pods "web-5d847fd86c-x2x9q" is forbidden: …`.
 *
 * The controller's status: hard = spec.hard, used = the namespace's usage of every tracked
 * resource, recalculated from the objects (what replenishment does when an object goes).
 */
import type { KubeObject, Time } from "../../types.ts";
import {
  addUsage,
  hardNames,
  maskUsage,
  parseUsage,
  positiveDelta,
  prettyUsage,
  quotaMatches,
  usageJson,
  usageOf,
  type QuotaEvaluator,
  type Usage,
} from "./usage.ts";

const byName = (a: KubeObject, b: KubeObject) =>
  a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;

type Obj = Record<string, unknown>;
const statusOf = (q: KubeObject): Obj => ((q as unknown as { status?: Obj }).status ?? {}) as Obj;

/** What quota admission decided: the refusal, or the quotas' new status.used, by quota. */
export type QuotaAdmission = { refused: string } | { charged: [KubeObject, Record<string, string>][] };

export function admitToQuotas(
  obj: KubeObject,
  quotas: readonly KubeObject[],
  e: QuotaEvaluator,
  /** `pods "web-5d847fd86c-x2x9q"`: how the Forbidden message names the object. */
  named: string,
  now: Time,
  /** On an update, the stored object: only what the update adds is charged. */
  previous?: KubeObject,
): QuotaAdmission {
  const forbidden = (why: string) => ({ refused: `${named} is forbidden: ${why}` });
  const interesting: KubeObject[] = [];
  for (const q of [...quotas].sort(byName)) {
    if (!quotaMatches(q, e, obj)) continue;
    const restricted = e.matching(hardNames(q));
    const missing = e.constraints?.(restricted, obj);
    if (missing !== undefined) return forbidden(`failed quota: ${q.metadata.name}: ${missing}`);
    const used = parseUsage(statusOf(q).used);
    const unknown = restricted.filter((r) => !used.has(r)).sort();
    if (unknown.length > 0)
      return forbidden(`status unknown for quota: ${q.metadata.name}, resources: ${unknown.join(",")}`);
    interesting.push(q);
  }
  if (interesting.length === 0) return { charged: [] };
  // checkRequest on an update: the usage less the old object's, only what grew.
  const delta =
    previous === undefined ? e.usage(obj, now) : positiveDelta(e.usage(obj, now), e.usage(previous, now));
  if ([...delta.values()].every((v) => v.isZero())) return { charged: [] };
  const charged: [KubeObject, Record<string, string>][] = [];
  for (const q of interesting) {
    const status = statusOf(q);
    const hard = parseUsage(status.hard);
    const used = parseUsage(status.used);
    const requested = maskUsage(delta, hard.keys());
    const next = addUsage(used, requested);
    const exceeded = [...requested.keys()].filter((k) => next.get(k)!.cmp(hard.get(k)!) > 0);
    if (exceeded.length > 0)
      return forbidden(
        `exceeded quota: ${q.metadata.name}, requested: ${prettyUsage(maskUsage(requested, exceeded))}, ` +
          `used: ${prettyUsage(maskUsage(used, exceeded))}, limited: ${prettyUsage(maskUsage(hard, exceeded))}`,
      );
    charged.push([q, usageJson(next)]);
  }
  return { charged };
}

/**
 * syncResourceQuota's status: hard from spec.hard, used recalculated for every tracked
 * resource from `objectsOf` (the namespace's objects of a kind) with `evaluators`.
 */
export function quotaStatus(
  quota: KubeObject,
  evaluators: readonly QuotaEvaluator[],
  objectsOf: (kind: string) => readonly KubeObject[],
  now: Time,
): { hard: Record<string, string>; used: Record<string, string> } {
  const hard = parseUsage(((quota as unknown as { spec?: Obj }).spec ?? {}).hard);
  let used: Usage = parseUsage(statusOf(quota).used);
  for (const e of evaluators) {
    const resources = e.matching(hard.keys());
    if (resources.length === 0) continue;
    for (const [k, v] of usageOf(quota, e, resources, objectsOf(e.kind), now)) used.set(k, v);
  }
  used = maskUsage(used, hard.keys());
  return { hard: usageJson(hard), used: usageJson(used) };
}
