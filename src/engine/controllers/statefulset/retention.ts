/**
 * persistentVolumeClaimRetentionPolicy (KEP-1847, StatefulSetAutoDeletePVC, GA in 1.32):
 * stateful_set_utils.go updateClaimOwnerRefForSetAndPod, as processReplica (the pods in
 * range) and the condemned pods' loop of stateful_set_control.go call it. The claims of a pod
 * get the owner the policy names, as a controller reference, and the garbage collector does
 * the deleting: whenDeleted Delete makes the set the owner of the claims of the pods in range
 * (gone with the set); whenScaled Delete makes a condemned pod (its ordinal past the end)
 * the owner of its claims (gone with the pod). Retain on both leaves the claims unowned, as the
 * controller creates them, so a set with the default policy writes nothing here.
 */
import type { KubeObject, OwnerReference, Pod, StatefulSet } from "../../../k8s/types.ts";
import { namespaceOf } from "../../../k8s/namespaces.ts";
import type { StoreView, Write } from "../../controller.ts";
import { newControllerRef } from "../replicaset/controllerRef.ts";
import { claimName, inOrdinalRange, ordinalOf } from "./identity.ts";

/** The claim updates that bring the owners of every claimed pod's claims in line with the policy. */
export function retentionWrites(set: StatefulSet, pods: readonly Pod[], store: StoreView): Write[] {
  const templates = set.spec.volumeClaimTemplates ?? [];
  if (templates.length === 0) return [];
  const writes: Write[] = [];
  for (const pod of pods) {
    for (const t of templates) {
      const claim = store.get(
        "PersistentVolumeClaim",
        namespaceOf(set),
        claimName(set, t.metadata.name, ordinalOf(pod)),
      );
      if (claim === undefined) continue;
      const refs = claimOwners(claim.metadata.ownerReferences ?? [], set, pod);
      if (JSON.stringify(refs) === JSON.stringify(claim.metadata.ownerReferences ?? [])) continue;
      const updated = structuredClone(claim) as KubeObject;
      updated.metadata.ownerReferences = refs;
      if (refs.length === 0) delete updated.metadata.ownerReferences;
      writes.push({ op: "update", object: updated });
    }
  }
  return writes;
}

/**
 * updateClaimOwnerRefForSetAndPod: the references to this set and pod scrubbed, then the one
 * the policy wants added; another controller on the claim leaves it with neither.
 */
function claimOwners(refs: readonly OwnerReference[], set: StatefulSet, pod: Pod): OwnerReference[] {
  const ours = (r: OwnerReference) =>
    (r.kind === "StatefulSet" && r.name === set.metadata.name) ||
    (r.kind === "Pod" && r.name === pod.metadata.name);
  const unexpectedController = refs.some((r) => r.controller === true && !ours(r));
  const kept = refs.filter((r) => !ours(r));
  if (unexpectedController) return kept;
  const policy = set.spec.persistentVolumeClaimRetentionPolicy ?? {};
  const scaledDown = !inOrdinalRange(pod, set);
  if (policy.whenScaled === "Delete" && scaledDown)
    return [...kept, newControllerRef("v1", "Pod", pod.metadata)];
  if (policy.whenDeleted === "Delete" && (policy.whenScaled !== "Delete" || !scaledDown))
    return [...kept, newControllerRef("apps/v1", "StatefulSet", set.metadata)];
  return kept;
}
