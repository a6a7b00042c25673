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
import type { KubeObject, Pod, ReplicaSet } from "../../../k8s/types.ts";
import { NO_WAKE_UP, type StoreView, type Watch, type WakeUp } from "../../controller.ts";
import type { WatchEvent } from "../../store.ts";

/** The name of the object's controller of this kind (in the object's own namespace). */
function ownerName(obj: KubeObject | undefined, kind: string): string | undefined {
  const ref = obj ? controllerOf(obj) : undefined;
  return ref && ref.kind === kind ? ref.name : undefined;
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
  const rsName = ownerName(ev.object as Pod, "ReplicaSet");
  const rs = rsName !== undefined ? store.get("ReplicaSet", ns, rsName) : undefined;
  const dName = rs ? ownerName(rs, "Deployment") : undefined;
  const d = dName !== undefined ? store.get("Deployment", ns, dName) : undefined;
  if (!d || d.spec.strategy?.type !== "Recreate") return NO_WAKE_UP;
  const rsUids = new Set<string>();
  for (const r of store.list("ReplicaSet", ns)) {
    const ref = controllerOf(r);
    if (ref?.kind === "Deployment" && ref.uid === d.metadata.uid && r.metadata.uid)
      rsUids.add(r.metadata.uid);
  }
  for (const p of store.list("Pod", ns)) {
    const ref = controllerOf(p);
    if (ref && rsUids.has(ref.uid)) return NO_WAKE_UP;
  }
  return [{ key: qualifiedNameOf(d) }];
}

export const deploymentWatches: readonly Watch[] = [
  { kind: "ReplicaSet", route: routeReplicaSet },
  // deletePod only, and only for a Deployment's pods.
  { kind: "Pod", route: routePod, filter: { types: ["DELETED"], whileAny: "Deployment" } },
];
