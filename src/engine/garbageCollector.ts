/**
 * The garbage collector's cascading deletion with background propagation
 * (pkg/controller/garbagecollector): once an owner is gone, every object whose
 * ownerReferences name the owner's uid is deleted in turn. Deleting a Deployment therefore
 * deletes its ReplicaSets, and deleting those gives their Pods a deletionTimestamp (Pods
 * terminate gracefully; the kubelet removes them later).
 *
 * The simulator runs the collector at the instant of the owner's deletion; a real cluster
 * takes a few hundred milliseconds, which no controller decision depends on.
 */
import type { Kind, KubeObject } from "../k8s/types.ts";
import type { StoreView } from "./controller.ts";

/** Kinds that can be dependents, in the order the collector visits them. */
const DEPENDENT_KINDS: readonly Kind[] = [
  "ReplicaSet",
  "Pod",
  "HorizontalPodAutoscaler",
  "Service",
  "ConfigMap",
  "Deployment",
];

/** Objects whose ownerReferences name `ownerUid`, in creation order per kind. */
export function dependentsOf(store: StoreView, ownerUid: string | undefined): KubeObject[] {
  if (!ownerUid) return [];
  const out: KubeObject[] = [];
  for (const kind of DEPENDENT_KINDS) {
    for (const obj of store.list(kind)) {
      if (obj.metadata.ownerReferences?.some((r) => r.uid === ownerUid)) out.push(obj);
    }
  }
  return out;
}
