/**
 * The garbage collector's cascading deletion with background propagation
 * (pkg/controller/garbagecollector): once an owner is gone, every object whose
 * ownerReferences name the owner's uid is deleted in turn. Deleting a Deployment therefore
 * deletes its ReplicaSets, and deleting those gives their Pods a deletionTimestamp (Pods
 * terminate gracefully; the kubelet removes them later).
 *
 * The simulator runs the collector at the instant of the owner's deletion; a real cluster
 * takes a few hundred milliseconds, which no controller decision depends on. Orphan and
 * foreground propagation (a delete's propagationPolicy) are the API server's
 * `orphanDependents` and `deleteDependentsFirst`, over the same dependents.
 */
import type { KubeObject } from "../k8s/types.ts";
import type { Store } from "./store.ts";

/** The order the collector visits dependents of one owner in; other kinds come after these. */
const DEPENDENT_KINDS: readonly string[] = [
  "ReplicaSet",
  "Pod",
  "HorizontalPodAutoscaler",
  "Service",
  "ConfigMap",
  "Deployment",
];

/**
 * Objects whose ownerReferences name `ownerUid`: ReplicaSets before Pods before the rest,
 * each kind in the order it was first owned (creation order, for the controllers' children).
 * Uses the store's owner index, so a deletion costs its dependents, not the whole store.
 */
export function dependentsOf(store: Store, ownerUid: string | undefined): KubeObject[] {
  if (!ownerUid) return [];
  const rank = (k: string) => {
    const i = DEPENDENT_KINDS.indexOf(k);
    return i < 0 ? DEPENDENT_KINDS.length : i;
  };
  return store.ownedBy(ownerUid).sort((a, b) => rank(a.kind) - rank(b.kind));
}
