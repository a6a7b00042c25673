/**
 * The ReplicaSet controller's pod event handlers (pkg/controller/replicaset/replica_set.go
 * addPod/updatePod/deletePod; docs/kubernetes/deploy-semantics.md §3). Its own ReplicaSets
 * wake it directly.
 *
 * Pod add/update/delete → its owning ReplicaSet (an orphan added or updated: every ReplicaSet
 * whose selector matches it; both the old and the new owner when the ref changed). A pod that
 * turns Ready under minReadySeconds > 0 also wakes its ReplicaSet minReadySeconds + 1 s later,
 * to see it become available (updatePod's AddAfter).
 */
import { labelsMatch } from "../../../k8s/labels.ts";
import { namespaceOf, qualifiedName, qualifiedNameOf } from "../../../k8s/namespaces.ts";
import type { KubeObject, Pod } from "../../../k8s/types.ts";
import { wakeUpOnly, type StoreView, type Watch, type WakeUp } from "../../controller.ts";
import type { WatchEvent } from "../../store.ts";

/** Ready, read defensively: a watch sees objects as any writer stored them. */
const isReady = (pod: Pod | undefined): boolean =>
  pod?.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;

/** The name of the object's controller when that is a ReplicaSet (metav1.GetControllerOf), by a loop: no closure per pod change. */
function ownerName(obj: KubeObject | undefined): string | undefined {
  const refs = obj?.metadata.ownerReferences;
  if (refs === undefined) return undefined;
  for (const ref of refs)
    if (ref.controller === true) return ref.kind === "ReplicaSet" ? ref.name : undefined;
  return undefined;
}

function routePod(ev: WatchEvent, store: StoreView): readonly WakeUp[] {
  const pod = ev.object as Pod;
  const ns = namespaceOf(pod);
  const rsName = ownerName(pod);
  const oldRs = ownerName(ev.old);
  const movedFrom =
    ev.type === "MODIFIED" && oldRs !== undefined && oldRs !== rsName ? qualifiedName(ns, oldRs) : undefined;
  if (rsName !== undefined) {
    const key = qualifiedName(ns, rsName);
    const rs = store.get("ReplicaSet", ns, rsName);
    const minReady =
      ev.type === "MODIFIED" && rs && rs.spec.minReadySeconds > 0 && !isReady(ev.old as Pod) && isReady(pod);
    // Most pod changes (a status write) wake their own ReplicaSet only.
    if (movedFrom === undefined && !minReady) return wakeUpOnly(key);
    const out: WakeUp[] = [];
    if (movedFrom !== undefined) out.push({ key: movedFrom });
    out.push({ key });
    if (minReady) out.push({ key, after: rs.spec.minReadySeconds + 1 });
    return out;
  }
  const out: WakeUp[] = [];
  if (movedFrom !== undefined) out.push({ key: movedFrom });
  if (ev.type !== "DELETED" && pod.metadata.deletionTimestamp === undefined) {
    for (const rs of store.list("ReplicaSet", ns))
      if (labelsMatch(rs.spec.selector, pod.metadata.labels)) out.push({ key: qualifiedNameOf(rs) });
  }
  return out;
}

export const replicaSetWatches: readonly Watch[] = [
  // A pod no ReplicaSet controls wakes one only by adoption, which lists the ReplicaSets.
  { kind: "Pod", route: routePod, filter: { controlledBy: "ReplicaSet", whileAny: "ReplicaSet" } },
];
