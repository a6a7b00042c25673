/**
 * Which pods and revisions belong to a StatefulSet: stateful_set.go getPodsForStatefulSet (the
 * ControllerRefManager's ClaimPods, filtered by isMemberOf: a pod is claimed only when its
 * name says it belongs to the set) and adoptOrphanRevisions + ListRevisions (history
 * ListControllerRevisions: the revisions the selector picks that the set controls).
 *
 * Every pod counts, terminating and finished ones included: OrderedReady waits on them.
 */
import { labelsMatch } from "../../../k8s/labels.ts";
import { namespaceOf } from "../../../k8s/namespaces.ts";
import type { ControllerRevision, Pod, StatefulSet } from "../../../k8s/types.ts";
import type { StoreView, Write } from "../../controller.ts";
import { getControllerOf, isControlledBy, newControllerRef } from "../replicaset/controllerRef.ts";
import { isMemberOf } from "./identity.ts";

/**
 * ClaimObject for each pod: a pod the set controls stays while selector and name match, and is
 * released otherwise (unless the set is being deleted); a matching orphan that is not being
 * deleted is adopted. Pods controlled by anyone else are left alone.
 */
export function claimPods(set: StatefulSet, store: StoreView): { pods: Pod[]; writes: Write[] } {
  const pods: Pod[] = [];
  const writes: Write[] = [];
  const deleting = set.metadata.deletionTimestamp !== undefined;
  for (const pod of store.list("Pod", namespaceOf(set))) {
    const match = labelsMatch(set.spec.selector, pod.metadata.labels) && isMemberOf(set, pod);
    if (getControllerOf(pod.metadata) !== undefined) {
      if (!isControlledBy(pod.metadata, "StatefulSet", set.metadata)) continue;
      if (match) pods.push(pod);
      else if (!deleting) {
        const released = structuredClone(pod);
        released.metadata.ownerReferences = (released.metadata.ownerReferences ?? []).filter(
          (r) => r.controller !== true,
        );
        writes.push({ op: "update", object: released });
      }
      continue;
    }
    if (deleting || !match || pod.metadata.deletionTimestamp !== undefined) continue;
    const adopted = structuredClone(pod);
    adopted.metadata.ownerReferences = [
      ...(adopted.metadata.ownerReferences ?? []),
      newControllerRef("apps/v1", "StatefulSet", set.metadata),
    ];
    writes.push({ op: "update", object: adopted });
    pods.push(adopted);
  }
  return { pods, writes };
}

/**
 * adoptOrphanRevisions, then ListRevisions: orphan revisions the selector picks are adopted;
 * the set's revisions are those it controls that the selector picks.
 */
export function claimRevisions(
  set: StatefulSet,
  store: StoreView,
): { revisions: ControllerRevision[]; writes: Write[] } {
  const revisions: ControllerRevision[] = [];
  const writes: Write[] = [];
  for (const cr of store.list("ControllerRevision", namespaceOf(set))) {
    if (!labelsMatch(set.spec.selector, cr.metadata.labels)) continue;
    if (getControllerOf(cr.metadata) === undefined) {
      if (set.metadata.deletionTimestamp !== undefined) continue;
      const adopted = structuredClone(cr);
      adopted.metadata.ownerReferences = [
        ...(adopted.metadata.ownerReferences ?? []),
        newControllerRef("apps/v1", "StatefulSet", set.metadata),
      ];
      writes.push({ op: "update", object: adopted });
      revisions.push(adopted);
    } else if (isControlledBy(cr.metadata, "StatefulSet", set.metadata)) revisions.push(cr);
  }
  return { revisions, writes };
}
