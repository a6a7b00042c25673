/**
 * Which pods a ReplicaSet owns: the ControllerRefManager's ClaimPods
 * (pkg/controller/controller_ref_manager.go) and getIndirectlyRelatedPods (replica_set.go).
 */
import { deepClone } from "../../../k8s/clone.ts";
import type { Pod, ReplicaSet } from "../../../k8s/types.ts";
import { labelsMatch } from "../../../k8s/labels.ts";
import { namespaceOf } from "../../../k8s/namespaces.ts";
import type { StoreView, Write } from "../../controller.ts";
import { getControllerOf, isControlledBy, newControllerRef } from "./controllerRef.ts";

export interface ClaimResult {
  /** Pods this ReplicaSet controls after adoption and release, in store order. */
  claimed: Pod[];
  /** Adoption / release patches, as the API calls the claim makes. */
  writes: Write[];
}

/**
 * ClaimPods: a pod the ReplicaSet controls stays claimed while the selector matches it and is
 * released (ownerRef removed) when it no longer does; an orphan that matches is adopted —
 * unless the ReplicaSet is being deleted. Pods controlled by anyone else are left alone.
 */
export function claimPods(rs: ReplicaSet, pods: readonly Pod[]): ClaimResult {
  const claimed: Pod[] = [];
  const writes: Write[] = [];
  const deleting = rs.metadata.deletionTimestamp !== undefined;
  for (const pod of pods) {
    const matches = labelsMatch(rs.spec.selector, pod.metadata.labels);
    const ref = getControllerOf(pod.metadata);
    if (ref !== undefined) {
      if (!isControlledBy(pod.metadata, "ReplicaSet", rs.metadata)) continue;
      if (matches) claimed.push(pod);
      else if (!deleting) {
        const released = deepClone(pod);
        released.metadata.ownerReferences = (released.metadata.ownerReferences ?? []).filter(
          (r) => r.controller !== true,
        );
        writes.push({ op: "update", object: released });
      }
      continue;
    }
    if (!matches || deleting) continue;
    const adopted = deepClone(pod);
    adopted.metadata.ownerReferences = [
      ...(adopted.metadata.ownerReferences ?? []),
      newControllerRef("apps/v1", "ReplicaSet", rs.metadata),
    ];
    writes.push({ op: "update", object: adopted });
    claimed.push(adopted);
  }
  return { claimed, writes };
}

/**
 * getIndirectlyRelatedPods: the pods selected by every ReplicaSet that shares this one's
 * controller (a Deployment's old and new ReplicaSets), each pod once. A ReplicaSet with no
 * controller has no related pods, so all its pods rank 0.
 */
export function getIndirectlyRelatedPods(rs: ReplicaSet, store: StoreView): Pod[] {
  const owner = getControllerOf(rs.metadata);
  if (owner === undefined) return [];
  const seen = new Set<string>();
  const related: Pod[] = [];
  const ownerMeta = { name: owner.name, uid: owner.uid };
  const ns = namespaceOf(rs);
  for (const other of store.list("ReplicaSet", ns)) {
    if (!isControlledBy(other.metadata, owner.kind, ownerMeta)) continue;
    for (const pod of store.list("Pod", ns)) {
      if (!labelsMatch(other.spec.selector, pod.metadata.labels)) continue;
      const key = pod.metadata.uid || pod.metadata.name;
      if (seen.has(key)) continue;
      seen.add(key);
      related.push(pod);
    }
  }
  return related;
}
