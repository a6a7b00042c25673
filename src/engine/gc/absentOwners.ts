/**
 * The garbage collector's verdict on an object whose ownerReferences name owners that may not
 * exist (pkg/controller/garbagecollector/garbagecollector.go attemptToDeleteItem, v1.31).
 *
 * The graph builder makes a "virtual" node for every owner uid it has not seen and checks it
 * against the API server; an owner that is not found, or whose object of that name has another
 * uid, is absent, and each dependent is classified (classifyReferences, isDangling):
 * - some owner exists (solid): the dangling references, and those of owners deleting their
 *   dependents in the foreground, are patched out of the dependent's ownerReferences;
 * - no owner exists: the dependent is deleted, with the Orphan policy if it carries the orphan
 *   finalizer, Foreground if it carries foregroundDeletion, else Background.
 *
 * What reaches a user: a restored `kubectl get all -o yaml` lists ReplicaSets and Pods whose
 * ownerReferences name the uids of the old cluster's Deployment and ReplicaSets. The API server
 * gives every created object a uid of its own (rest.FillObjectMetaSystemFields), so none of
 * those owners exists: the restored ReplicaSets and Pods are collected, and the restored
 * Deployment makes its own.
 *
 * The simulator answers at the instant the object is created, or its ownerReferences change, as
 * it runs the cascading deletion at the instant an owner goes (garbageCollector.ts).
 */
import type { KubeObject, OwnerReference } from "../../k8s/types.ts";
import type { PropagationPolicy } from "../cluster.ts";

/** metav1.FinalizerOrphanDependents. */
const ORPHAN_FINALIZER = "orphan";
/** metav1.FinalizerDeleteDependents. */
const FOREGROUND_FINALIZER = "foregroundDeletion";

/**
 * What the collector reads: discovery (the restmapper) and the owners themselves. The owner
 * reference's apiVersion tells apart two groups' kinds of one name (Istio's and the Gateway
 * API's Gateway: k8s/kinds/registry.ts keys).
 */
export interface OwnerLookup {
  /** The served kind's group, versions and scope; undefined where the API server does not serve it. */
  served(
    kind: string,
    apiVersion: string,
  ): { group: string; versions: readonly string[]; namespaced: boolean } | undefined;
  get(kind: string, namespace: string, name: string, apiVersion: string): KubeObject | undefined;
}

/** What attemptToDeleteItem does to the object: delete it, patch references out, or nothing. */
export type AbsentOwnerVerdict =
  { delete: PropagationPolicy } | { dropOwnerReferences: readonly string[] } | undefined;

export function attemptToDeleteItem(obj: KubeObject, lookup: OwnerLookup): AbsentOwnerVerdict {
  const refs = obj.metadata.ownerReferences;
  if (refs === undefined || refs.length === 0) return undefined;
  // "being deleted" is a one-way trip: the collector waits for the final deletion.
  const finalizers = obj.metadata.finalizers;
  if (obj.metadata.deletionTimestamp !== undefined && !finalizers?.includes(FOREGROUND_FINALIZER))
    return undefined;
  let solid = 0;
  const notSolid: string[] = [];
  for (const ref of refs) {
    const state = ownerState(ref, obj, lookup);
    // An owner the collector cannot resolve (a kind not served, a namespaced owner of a
    // cluster-scoped object) is retried, never taken as absent: the object stays.
    if (state === "unresolved") return undefined;
    if (state === "solid") solid++;
    else notSolid.push(ref.uid);
  }
  if (notSolid.length === 0) return undefined;
  if (solid > 0) return { dropOwnerReferences: notSolid };
  if (finalizers?.includes(ORPHAN_FINALIZER)) return { delete: "Orphan" };
  if (finalizers?.includes(FOREGROUND_FINALIZER)) return { delete: "Foreground" };
  return { delete: "Background" };
}

/**
 * isDangling, then classifyReferences: absent (not found, or found with another uid), waiting
 * (deleting its dependents in the foreground), or solid.
 */
function ownerState(
  ref: OwnerReference,
  obj: KubeObject,
  lookup: OwnerLookup,
): "solid" | "dangling" | "waiting" | "unresolved" {
  const served = lookup.served(ref.kind, ref.apiVersion);
  const slash = ref.apiVersion.lastIndexOf("/");
  const group = slash < 0 ? "" : ref.apiVersion.slice(0, slash);
  const version = ref.apiVersion.slice(slash + 1);
  if (served === undefined || served.group !== group || !served.versions.includes(version))
    return "unresolved";
  const namespace = obj.metadata.namespace ?? "";
  if (served.namespaced && namespace === "") return "unresolved";
  const owner = lookup.get(ref.kind, served.namespaced ? namespace : "", ref.name, ref.apiVersion);
  if (owner === undefined || owner.metadata.uid !== ref.uid) return "dangling";
  if (
    owner.metadata.deletionTimestamp !== undefined &&
    owner.metadata.finalizers?.includes(FOREGROUND_FINALIZER)
  )
    return "waiting";
  return "solid";
}
