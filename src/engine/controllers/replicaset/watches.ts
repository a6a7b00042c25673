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
import { controllerOf } from "../../../k8s/owners.ts";
import type { KubeObject, Pod } from "../../../k8s/types.ts";
import type { StoreView, Watch, WakeUp } from "../../controller.ts";
import type { WatchEvent } from "../../store.ts";

/** Ready, read defensively: a watch sees objects as any writer stored them. */
const isReady = (pod: Pod | undefined): boolean =>
  pod?.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;

function ownerName(obj: KubeObject | undefined): string | undefined {
  const ref = obj ? controllerOf(obj) : undefined;
  return ref && ref.kind === "ReplicaSet" ? ref.name : undefined;
}

function routePod(ev: WatchEvent, store: StoreView): WakeUp[] {
  const pod = ev.object as Pod;
  const ns = namespaceOf(pod);
  const out: WakeUp[] = [];
  const rsName = ownerName(pod);
  const oldRs = ownerName(ev.old);
  if (ev.type === "MODIFIED" && oldRs !== undefined && oldRs !== rsName)
    out.push({ key: qualifiedName(ns, oldRs) });
  if (rsName !== undefined) {
    const key = qualifiedName(ns, rsName);
    out.push({ key });
    const rs = store.get("ReplicaSet", ns, rsName);
    if (
      ev.type === "MODIFIED" &&
      rs &&
      rs.spec.minReadySeconds > 0 &&
      !isReady(ev.old as Pod) &&
      isReady(pod)
    ) {
      out.push({ key, after: rs.spec.minReadySeconds + 1 });
    }
  } else if (ev.type !== "DELETED" && pod.metadata.deletionTimestamp === undefined) {
    for (const rs of store.list("ReplicaSet", ns))
      if (labelsMatch(rs.spec.selector, pod.metadata.labels)) out.push({ key: qualifiedNameOf(rs) });
  }
  return out;
}

export const replicaSetWatches: readonly Watch[] = [{ kind: "Pod", route: routePod }];
