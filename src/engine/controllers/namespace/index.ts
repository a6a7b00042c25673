/**
 * The namespace controller (pkg/controller/namespace, namespaced_resources_deleter.go): a
 * Namespace being deleted is emptied, then finalized, and the API server removes it.
 *
 * One sync of a Terminating namespace:
 * - every object of every namespaced kind in it that is not already going is deleted
 *   (deleteAllContent), except those whose controller is in it too — the garbage collector
 *   takes them with their owner, as it does in a cluster;
 * - with content left (pods terminate gracefully, claims wait for their pods), it syncs again
 *   when a pod or a claim of the namespace is gone (upstream requeues after the pods'
 *   grace-period estimate, then checks again);
 * - once nothing is left it removes the `kubernetes` finalizer (finalizeNamespace, the
 *   namespaces/finalize subresource), and the API server deletes the namespace.
 *
 * Kinds are those of the cluster's registry, CRDs' included (upstream asks discovery), in the
 * order they were registered.
 */
import { KUBERNETES_FINALIZER, finalizersOf } from "../../../k8s/kinds/namespace/index.ts";
import type { KindRegistry } from "../../../k8s/kinds/registry.ts";
import { controllerOf } from "../../../k8s/owners.ts";
import type { KubeObject } from "../../../k8s/types.ts";
import {
  emptyResult,
  type Controller,
  type ReconcileResult,
  type StoreView,
  type Watch,
} from "../../controller.ts";

/** Whether the Namespace named `ns` is Terminating (being deleted). */
const terminating = (store: StoreView, ns: string): boolean =>
  store.get("Namespace", "", ns)?.metadata.deletionTimestamp !== undefined;

/** An object of `kind` gone from a Terminating namespace wakes it: what was left may be all gone. */
const goneFrom = (kind: string, filtered: boolean): Watch => ({
  kind,
  // (Claims change rarely: their route is left unfiltered.)
  ...(filtered ? { filter: { types: ["DELETED"] } } : {}),
  route(ev, store) {
    if (ev.type !== "DELETED") return [];
    const ns = ev.object.metadata.namespace ?? "";
    return terminating(store, ns) ? [{ key: ns }] : [];
  },
  // `route` at each change, the Namespace looked up once per run of changes in one namespace:
  // it reads only Namespaces, which are at the cohort's end as at each of its changes (a write
  // of another kind ends a cohort's delivery first: Watch.cohort). The x10 day looked the
  // Namespace up for each of its 11,765 deleted pods.
  cohort(changes, store, out) {
    let ns: string | undefined;
    let wakes = false;
    for (let i = 0; i < changes.length; i++) {
      const ev = changes[i];
      if (ev.type !== "DELETED") continue;
      const name = ev.object.metadata.namespace ?? "";
      if (name !== ns) {
        ns = name;
        wakes = terminating(store, name);
      }
      if (wakes) out.push(i, { key: name });
    }
  },
});

const podGone = goneFrom("Pod", true);
/** A claim that kubernetes.io/pvc-protection held until its pods were gone (docs/storage.md). */
const claimGone = goneFrom("PersistentVolumeClaim", false);

export function namespaceController(kinds: KindRegistry): Controller {
  return {
    name: "namespace",
    kind: "Namespace",
    watches: [podGone, claimGone],
    reconcile(ctx, key): ReconcileResult {
      const result = emptyResult();
      const ns = ctx.store.get("Namespace", "", key);
      if (!ns || ns.metadata.deletionTimestamp === undefined) return result;
      if (!finalizersOf(ns).includes(KUBERNETES_FINALIZER)) return result;
      const content: KubeObject[] = kinds
        .all()
        .filter((d) => d.namespaced)
        // By each kind's key: another group's kind of a name (Knative's Service) is its own.
        .flatMap((d) => ctx.store.list(kinds.key(d), key));
      const uids = new Set(content.map((o) => o.metadata.uid));
      const doomed = content.filter((o) => {
        if (o.metadata.deletionTimestamp !== undefined) return false;
        const owner = controllerOf(o);
        return !owner || !uids.has(owner.uid);
      });
      if (content.length === 0) {
        const spec = { finalizers: finalizersOf(ns).filter((f) => f !== KUBERNETES_FINALIZER) };
        result.writes.push({ op: "update", object: { ...ns, spec } as KubeObject });
        result.decisions.push({
          controller: "namespace",
          object: `Namespace/${key}`,
          action: "finalize",
          summary: `namespace ${key} is empty: finalized, the API server deletes it`,
          inputs: {},
        });
        return result;
      }
      for (const o of doomed)
        result.writes.push({ op: "delete", kind: kinds.keyOf(o), namespace: key, name: o.metadata.name });
      if (doomed.length > 0) {
        result.decisions.push({
          controller: "namespace",
          object: `Namespace/${key}`,
          action: "delete-content",
          summary: `namespace ${key} is terminating: deleting ${doomed.length} object(s)`,
          inputs: { deleted: doomed.map((o) => `${o.kind}/${o.metadata.name}`) },
        });
        // Look again once the deletions are in: what went at once leaves the rest to wait for.
        result.requeueAfter = 0;
      }
      return result;
    },
  };
}
