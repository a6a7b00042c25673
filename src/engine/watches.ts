/**
 * Which controller key a store change wakes: the informer event handlers of the deployment
 * and ReplicaSet controllers (docs/kubernetes/deploy-semantics.md §3; pkg/controller/deployment/
 * deployment_controller.go add/update/deleteReplicaSet and deletePod,
 * pkg/controller/replicaset/replica_set.go add/update/deletePod).
 *
 * - Deployment add/update/delete → that Deployment.
 * - ReplicaSet add/update/delete → the Deployment named by its controller ownerRef (both the
 *   old and the new owner when the ref changed); an orphan added or updated wakes every
 *   Deployment whose selector matches its labels; an orphan deleted wakes nobody. The
 *   ReplicaSet controller gets the ReplicaSet itself.
 * - Pod add/update/delete → its owning ReplicaSet (an orphan added or updated: every
 *   ReplicaSet whose selector matches it). A pod that turns Ready under minReadySeconds > 0
 *   also wakes its ReplicaSet minReadySeconds + 1 s later, to see it become available.
 *   The deployment controller does not watch pods, except: a pod deleted from a Recreate
 *   Deployment that has no pods left wakes that Deployment (so the new ReplicaSet is created
 *   as soon as the last old pod is gone).
 */
import type { Deployment, KubeObject, Pod, ReplicaSet } from "../k8s/types.ts";
import { labelsMatch } from "../k8s/labels.ts";
import type { StoreView } from "./controller.ts";
import { controllerOf } from "../k8s/owners.ts";
import type { WatchEvent } from "./store.ts";

export type WorkController = "deployment" | "replicaset";

export interface WorkItem {
  controller: WorkController;
  key: string;
  /** Enqueue this many seconds from now instead of at once (AddAfter). */
  after?: number;
}

export function route(ev: WatchEvent, store: StoreView): WorkItem[] {
  switch (ev.object.kind) {
    case "Deployment":
      return [{ controller: "deployment", key: ev.object.metadata.name }];
    case "ReplicaSet":
      return routeReplicaSet(ev, ev.object, store);
    case "Pod":
      return routePod(ev, ev.object, store);
    default:
      return [];
  }
}

function ownerName(obj: KubeObject | undefined, kind: "Deployment" | "ReplicaSet"): string | undefined {
  const ref = obj ? controllerOf(obj) : undefined;
  return ref && ref.kind === kind ? ref.name : undefined;
}

function routeReplicaSet(ev: WatchEvent, rs: ReplicaSet, store: StoreView): WorkItem[] {
  const out: WorkItem[] = [];
  const owner = ownerName(rs, "Deployment");
  const oldOwner = ownerName(ev.old, "Deployment");
  if (ev.type === "MODIFIED" && oldOwner !== undefined && oldOwner !== owner)
    out.push({ controller: "deployment", key: oldOwner });
  if (owner !== undefined) out.push({ controller: "deployment", key: owner });
  else if (ev.type !== "DELETED") {
    for (const d of store.list("Deployment") as readonly Deployment[]) {
      if (labelsMatch(d.spec.selector, rs.metadata.labels))
        out.push({ controller: "deployment", key: d.metadata.name });
    }
  }
  out.push({ controller: "replicaset", key: rs.metadata.name });
  return out;
}

const isReady = (pod: Pod | undefined): boolean =>
  pod?.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;

function routePod(ev: WatchEvent, pod: Pod, store: StoreView): WorkItem[] {
  const out: WorkItem[] = [];
  const rsName = ownerName(pod, "ReplicaSet");
  const oldRs = ownerName(ev.old, "ReplicaSet");
  if (ev.type === "MODIFIED" && oldRs !== undefined && oldRs !== rsName)
    out.push({ controller: "replicaset", key: oldRs });
  if (rsName !== undefined) {
    out.push({ controller: "replicaset", key: rsName });
    const rs = store.get("ReplicaSet", rsName);
    if (
      ev.type === "MODIFIED" &&
      rs &&
      rs.spec.minReadySeconds > 0 &&
      !isReady(ev.old as Pod) &&
      isReady(pod)
    ) {
      out.push({ controller: "replicaset", key: rsName, after: rs.spec.minReadySeconds + 1 });
    }
    if (ev.type === "DELETED") out.push(...recreateWake(rs, store));
  } else if (ev.type !== "DELETED" && pod.metadata.deletionTimestamp === undefined) {
    for (const rs of store.list("ReplicaSet") as readonly ReplicaSet[]) {
      if (labelsMatch(rs.spec.selector, pod.metadata.labels))
        out.push({ controller: "replicaset", key: rs.metadata.name });
    }
  }
  return out;
}

/** deletePod in deployment_controller.go: a Recreate Deployment with no pods left is synced. */
function recreateWake(rs: ReplicaSet | undefined, store: StoreView): WorkItem[] {
  const dName = rs ? ownerName(rs, "Deployment") : undefined;
  const d = dName !== undefined ? store.get("Deployment", dName) : undefined;
  if (!d || d.spec.strategy?.type !== "Recreate") return [];
  const rsUids = new Set<string>();
  for (const r of store.list("ReplicaSet")) {
    const ref = controllerOf(r);
    if (ref?.kind === "Deployment" && ref.uid === d.metadata.uid && r.metadata.uid)
      rsUids.add(r.metadata.uid);
  }
  for (const p of store.list("Pod")) {
    const ref = controllerOf(p);
    if (ref && rsUids.has(ref.uid)) return [];
  }
  return [{ controller: "deployment", key: d.metadata.name }];
}
