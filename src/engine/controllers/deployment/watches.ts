/**
 * The deployment controller's informer event handlers (pkg/controller/deployment/
 * deployment_controller.go addReplicaSet/updateReplicaSet/deleteReplicaSet and deletePod;
 * docs/kubernetes/deploy-semantics.md §3). Its own Deployments wake it directly.
 *
 * - ReplicaSet add/update/delete → the Deployment named by its controller ownerRef (both the
 *   old and the new owner when the ref changed); an orphan added or updated wakes every
 *   Deployment whose selector matches its labels; an orphan deleted wakes nobody.
 * - Pod delete: the deployment controller watches no other pod change, but a pod deleted from
 *   a Recreate Deployment that has no pods left wakes that Deployment, so the new ReplicaSet is
 *   created as soon as the last old pod is gone.
 */
import { labelsMatch } from "../../../k8s/labels.ts";
import { namespaceOf, qualifiedName, qualifiedNameOf } from "../../../k8s/namespaces.ts";
import { controllerOf } from "../../../k8s/owners.ts";
import type { Deployment, KubeObject, ReplicaSet } from "../../../k8s/types.ts";
import { NO_WAKE_UP, type CohortWakes, type StoreView, type Watch, type WakeUp } from "../../controller.ts";
import type { WatchEvent } from "../../store.ts";

/**
 * The name of the object's controller of this kind (in the object's own namespace): its first
 * reference marked controller (metav1.GetControllerOf), by a loop, without a closure per pod.
 */
function ownerName(obj: KubeObject | undefined, kind: string): string | undefined {
  const refs = obj?.metadata.ownerReferences;
  if (refs === undefined) return undefined;
  for (let i = 0; i < refs.length; i++)
    if (refs[i].controller === true) return refs[i].kind === kind ? refs[i].name : undefined;
  return undefined;
}

function routeReplicaSet(ev: WatchEvent, store: StoreView): WakeUp[] {
  const rs = ev.object as ReplicaSet;
  const ns = namespaceOf(rs);
  const out: WakeUp[] = [];
  const owner = ownerName(rs, "Deployment");
  const oldOwner = ownerName(ev.old, "Deployment");
  if (ev.type === "MODIFIED" && oldOwner !== undefined && oldOwner !== owner)
    out.push({ key: qualifiedName(ns, oldOwner) });
  if (owner !== undefined) out.push({ key: qualifiedName(ns, owner) });
  else if (ev.type !== "DELETED") {
    for (const d of store.list("Deployment", ns))
      if (labelsMatch(d.spec.selector, rs.metadata.labels)) out.push({ key: qualifiedNameOf(d) });
  }
  return out;
}

/** deletePod: a Recreate Deployment with no pods left is synced. */
function routePod(ev: WatchEvent, store: StoreView): readonly WakeUp[] {
  if (ev.type !== "DELETED") return NO_WAKE_UP;
  const ns = namespaceOf(ev.object);
  const d = recreateOwner(ev.object, store);
  if (!d) return NO_WAKE_UP;
  const rsUids = replicaSetUids(d, store);
  for (const p of store.list("Pod", ns)) {
    const ref = controllerOf(p);
    if (ref && rsUids.has(ref.uid)) return NO_WAKE_UP;
  }
  return [{ key: qualifiedNameOf(d) }];
}

/**
 * deletePod over a cohort's changes. A deleted pod of a Recreate Deployment wakes it when none of
 * its pods is left after that change: the store holds them as the cohort left them, so the count
 * after each change is the count at the end with the later changes taken back, walked from the
 * last change to the first (each change moves one pod into or out of the Deployment's).
 */
function routePods(changes: readonly WatchEvent[], store: StoreView, out: CohortWakes): void {
  let recreate: Map<Deployment, number[]> | undefined;
  // A cohort's pods come in runs of one ReplicaSet's: its Deployment is looked up once per run.
  // ReplicaSets and Deployments are at the cohort's end as at each of its changes (a write of
  // another kind ends a cohort's delivery first: Watch.cohort).
  let lastNs: string | undefined;
  let lastRs: string | undefined;
  let lastOwner: Deployment | undefined;
  for (let i = 0; i < changes.length; i++) {
    const ev = changes[i];
    if (ev.type !== "DELETED") continue;
    const ns = namespaceOf(ev.object);
    const rsName = ownerName(ev.object, "ReplicaSet");
    if (rsName === undefined) continue;
    if (rsName !== lastRs || ns !== lastNs) {
      lastNs = ns;
      lastRs = rsName;
      lastOwner = recreateOwnerOf(ns, rsName, store);
    }
    const d = lastOwner;
    if (d === undefined) continue;
    recreate ??= new Map();
    const at = recreate.get(d);
    if (at === undefined) recreate.set(d, [i]);
    else at.push(i);
  }
  if (recreate === undefined) return;
  const wakes: { at: number; key: string }[] = [];
  for (const [d, deleted] of recreate) {
    const ns = namespaceOf(d);
    const rsUids = replicaSetUids(d, store);
    const owned = (p: KubeObject | undefined): number => {
      if (p === undefined || namespaceOf(p) !== ns) return 0;
      const ref = controllerOf(p);
      return ref && rsUids.has(ref.uid) ? 1 : 0;
    };
    let left = 0;
    for (const p of store.list("Pod", ns)) left += owned(p);
    let next = deleted.length - 1;
    for (let i = changes.length - 1; i >= 0 && next >= 0; i--) {
      const ev = changes[i];
      if (deleted[next] === i) {
        if (left === 0) wakes.push({ at: i, key: qualifiedNameOf(d) });
        next--;
      }
      // Before this change: its old object in place of its new one.
      const before = ev.type === "ADDED" ? 0 : owned(ev.type === "DELETED" ? ev.object : ev.old);
      const after = ev.type === "DELETED" ? 0 : owned(ev.object);
      left += before - after;
    }
  }
  wakes.sort((a, b) => a.at - b.at);
  for (const w of wakes) out.push(w.at, { key: w.key });
}

/** The Recreate Deployment that controls a pod's ReplicaSet, if any. */
function recreateOwner(pod: KubeObject, store: StoreView): Deployment | undefined {
  const rsName = ownerName(pod, "ReplicaSet");
  return rsName !== undefined ? recreateOwnerOf(namespaceOf(pod), rsName, store) : undefined;
}

/** The Recreate Deployment that controls the ReplicaSet `rsName` of namespace `ns`, if any. */
function recreateOwnerOf(ns: string, rsName: string, store: StoreView): Deployment | undefined {
  const rs = store.get("ReplicaSet", ns, rsName);
  const dName = rs ? ownerName(rs, "Deployment") : undefined;
  const d = dName !== undefined ? store.get("Deployment", ns, dName) : undefined;
  return d && d.spec.strategy?.type === "Recreate" ? d : undefined;
}

/** The uids of the ReplicaSets a Deployment controls. */
function replicaSetUids(d: Deployment, store: StoreView): Set<string> {
  const rsUids = new Set<string>();
  for (const r of store.list("ReplicaSet", namespaceOf(d))) {
    const ref = controllerOf(r);
    if (ref?.kind === "Deployment" && ref.uid === d.metadata.uid && r.metadata.uid)
      rsUids.add(r.metadata.uid);
  }
  return rsUids;
}

export const deploymentWatches: readonly Watch[] = [
  { kind: "ReplicaSet", route: routeReplicaSet },
  // deletePod only, and only for a Deployment's pods.
  {
    kind: "Pod",
    route: routePod,
    filter: { types: ["DELETED"], whileAny: "Deployment" },
    cohort: routePods,
  },
];
