/**
 * The resource quota controller: pkg/controller/resourcequota/resource_quota_controller.go
 * (syncResourceQuota, replenishQuota) and resource_quota_monitor.go (which changes replenish).
 *
 * - A quota added, or changed, is synced: status.hard becomes spec.hard and status.used the
 *   namespace's usage of every resource it tracks, recalculated from the objects
 *   (k8s/kinds/resourceQuota/admission.ts quotaStatus). The status is written only when it
 *   differs.
 * - Replenishment: an object of a namespace with quotas added or deleted, a pod that stops
 *   counting for quota (Succeeded or Failed), or a Service whose type changes, syncs each quota
 *   of its namespace that tracks a resource of its kind. Between those, the quota admission's
 *   own charges (apiserver.ts) keep status.used up to date.
 * - The full resync every 5 minutes (--resource-quota-sync-period) is not modelled: it only
 *   corrects what those miss (a pod stuck terminating past its grace period on a lost node).
 *
 * When: in a real cluster within milliseconds; here in the same instant. A namespace without
 * quotas costs a look at the changed object's kind (and, for a pod update, its phase) and an
 * empty list.
 */
import type { AnyKind, KindRegistry } from "../../../k8s/kinds/registry.ts";
import { quotaStatus } from "../../../k8s/kinds/resourceQuota/admission.ts";
import {
  evaluatorOf,
  hardNames,
  podCountsForQuota,
  podEvaluator,
  type QuotaEvaluator,
} from "../../../k8s/kinds/resourceQuota/usage.ts";
import { namespaceOf, parseQualifiedName, qualifiedName } from "../../../k8s/namespaces.ts";
import type { KubeObject } from "../../../k8s/types.ts";
import { sameJson } from "../../apiserver.ts";
import { emptyResult, NO_WAKE_UP, type Controller, type Watch, type WakeUp } from "../../controller.ts";
import type { WatchEvent } from "../../store.ts";

const phaseOf = (o: KubeObject | undefined): unknown =>
  (o as { status?: { phase?: unknown } })?.status?.phase;
const typeOf = (o: KubeObject | undefined): unknown => (o as { spec?: { type?: unknown } })?.spec?.type;

/** Whether a change replenishes quota (resource_quota_monitor.go's update filters; adds and deletes always). */
function replenishes(ev: WatchEvent): boolean {
  if (ev.type !== "MODIFIED") return true;
  const kind = ev.object.kind;
  if (kind === "Pod") {
    // QuotaV1Pod true before and false after; the time part (stuck terminating) only by resync.
    const phase = phaseOf(ev.object);
    return (
      (phase === "Succeeded" || phase === "Failed") &&
      phaseOf(ev.old) !== phase &&
      ev.old !== undefined &&
      podCountsForQuota(ev.old, Number.NEGATIVE_INFINITY)
    );
  }
  return kind === "Service" && typeOf(ev.old) !== typeOf(ev.object);
}

/** The resources a quota's spec limits (what its next sync takes up as status.hard). */
const hardOf = (q: KubeObject): string[] =>
  Object.keys((q as { spec?: { hard?: Record<string, unknown> } }).spec?.hard ?? {});

/**
 * The controller. It tracks every namespaced kind the cluster serves at the time it is asked,
 * a custom resource's from its CRD's creation on: resource_quota_monitor.go syncs its monitors
 * with discovery (GetQuotableResources, every 30 s) and gives a resource without an evaluator
 * of its own the object count evaluator (generic.NewObjectCountEvaluator), so a quota's
 * `count/certificates.cert-manager.io` is counted and replenished like `count/deployments.apps`.
 * In a real cluster the monitor starts within that 30 s; here at once.
 */
export function resourceQuotaController(kinds: KindRegistry): Controller {
  /** Each tracked kind's evaluator, listing its objects by the kind's key (`Kind.group` where shared). */
  const keyed = new WeakMap<object, QuotaEvaluator>();
  const evaluatorFor = (d: AnyKind): QuotaEvaluator => {
    let e = keyed.get(d);
    if (e === undefined) {
      const base = d.kind === "Pod" && d.group === "" ? podEvaluator : evaluatorOf(d);
      const key = kinds.key(d);
      keyed.set(d, (e = key === base.kind ? base : { ...base, kind: key }));
    }
    return e;
  };
  // Computed again only when the registry has changed (a CRD's kind registered or taken back).
  let trackedAt = -1;
  let trackedKinds: AnyKind[] = [];
  const tracked = (): AnyKind[] => {
    if (trackedAt !== kinds.generation) {
      trackedKinds = kinds.all().filter((d) => d.namespaced && d.kind !== "ResourceQuota");
      trackedAt = kinds.generation;
    }
    return trackedKinds;
  };
  let evaluatorsAt = -1;
  let trackedEvaluators: QuotaEvaluator[] = [];
  const evaluators = (): QuotaEvaluator[] => {
    if (evaluatorsAt !== kinds.generation) {
      trackedEvaluators = tracked().map(evaluatorFor);
      evaluatorsAt = kinds.generation;
    }
    return trackedEvaluators;
  };
  const route = (ev: WatchEvent, store: Parameters<Watch["route"]>[1]): readonly WakeUp[] => {
    if (!replenishes(ev)) return NO_WAKE_UP;
    const ns = namespaceOf(ev.object);
    const quotas = store.list("ResourceQuota", ns);
    if (quotas.length === 0) return NO_WAKE_UP;
    const d = kinds.forObject(ev.object);
    if (d === undefined) return NO_WAKE_UP;
    const e = evaluatorFor(d);
    return quotas
      .filter((q) => e.matching(hardNames(q)).length > 0)
      .map((q) => ({ key: qualifiedName(ns, q.metadata.name) }));
  };
  /** One watch per tracked kind, kept so that the engine sees the same watch each time it asks. */
  const watchOf = new WeakMap<object, Watch>();
  const watchFor = (d: AnyKind): Watch => {
    let w = watchOf.get(d);
    if (w === undefined)
      watchOf.set(
        d,
        (w = { kind: kinds.key(d), route, filter: { whileAny: "ResourceQuota" }, cohort: "each" as const }),
      );
    return w;
  };
  // A CRD created or changed: the quotas that count its kind are synced now that the kind is
  // served (the monitor's discovery sync, at once), so their status.used has the count.
  const crdWatch: Watch = {
    kind: "CustomResourceDefinition",
    filter: { whileAny: "ResourceQuota" },
    route(ev, store) {
      if (ev.type === "DELETED") return NO_WAKE_UP;
      const spec = (ev.object as { spec?: { group?: unknown; names?: { plural?: unknown } } }).spec;
      const counted = `count/${String(spec?.names?.plural)}.${String(spec?.group)}`;
      return store
        .listAll("ResourceQuota")
        .filter((q) => hardOf(q).includes(counted))
        .map((q) => ({ key: qualifiedName(namespaceOf(q), q.metadata.name) }));
    },
  };
  return {
    name: "resourcequota",
    kind: "ResourceQuota",
    // It reads the quotas only, never the changed object's kind from the store, and wakes none
    // while there is no quota. Read when the engine first routes a kind's changes: a CRD's kind
    // is registered before its first object is written.
    get watches(): readonly Watch[] {
      return [crdWatch, ...tracked().map(watchFor)];
    },
    reconcile(ctx, key) {
      const result = emptyResult();
      const { namespace, name } = parseQualifiedName(key);
      const quota = ctx.store.get("ResourceQuota", namespace, name);
      if (!quota) return result;
      const status = quotaStatus(quota, evaluators(), (kind) => ctx.store.list(kind, namespace), ctx.now);
      const current = (quota as { status?: unknown }).status;
      if (!sameJson(status, current))
        result.writes.push({ op: "updateStatus", object: { ...quota, status } as KubeObject });
      return result;
    },
  };
}
