/**
 * Which ReplicaSets and pods belong to a Deployment: getReplicaSetsForDeployment and
 * getPodMapForDeployment of pkg/controller/deployment/deployment_controller.go, with the
 * ControllerRefManager's ClaimReplicaSets (adopt matching orphans, release non-matching).
 */
import { deepClone } from "../../../k8s/clone.ts";
import type { Deployment, ReplicaSet } from "../../../k8s/types.ts";
import { labelsMatch, selectorMatcher } from "../../../k8s/labels.ts";
import { namespaceOf } from "../../../k8s/namespaces.ts";
import type { StoreView, Write } from "../../controller.ts";
import { getControllerOf, isControlledBy, newControllerRef } from "../replicaset/controllerRef.ts";
import { replicaSetKey, type PodMap } from "./recreate.ts";

export function claimReplicaSets(d: Deployment, store: StoreView): { rsList: ReplicaSet[]; writes: Write[] } {
  const rsList: ReplicaSet[] = [];
  const writes: Write[] = [];
  const deleting = d.metadata.deletionTimestamp !== undefined;
  // The selector's requirements read once per sync, not once per ReplicaSet (the sync's copy of
  // the Deployment is new each time, so labelsMatch's memo of them never holds).
  const selects = selectorMatcher(d.spec.selector);
  for (const rs of store.list("ReplicaSet", namespaceOf(d))) {
    const matches = selects(rs.metadata.labels);
    if (getControllerOf(rs.metadata) !== undefined) {
      if (!isControlledBy(rs.metadata, "Deployment", d.metadata)) continue;
      if (matches) rsList.push(rs);
      else if (!deleting) {
        const released = deepClone(rs);
        released.metadata.ownerReferences = (released.metadata.ownerReferences ?? []).filter(
          (r) => r.controller !== true,
        );
        writes.push({ op: "update", object: released });
      }
      continue;
    }
    if (!matches || deleting) continue;
    const adopted = deepClone(rs);
    adopted.metadata.ownerReferences = [
      ...(adopted.metadata.ownerReferences ?? []),
      newControllerRef("apps/v1", "Deployment", d.metadata),
    ];
    writes.push({ op: "update", object: adopted });
    rsList.push(adopted);
  }
  return { rsList, writes };
}

/**
 * getPodMapForDeployment: every pod the Deployment's selector matches, grouped by the
 * ReplicaSet (of rsList) that controls it — inactive pods included, because Recreate must see
 * that old pods are gone before it starts new ones.
 */
export function getPodMapForDeployment(
  d: Deployment,
  rsList: readonly ReplicaSet[],
  store: StoreView,
): PodMap {
  const map: PodMap = new Map();
  for (const rs of rsList) map.set(replicaSetKey(rs), []);
  for (const pod of store.list("Pod", namespaceOf(d))) {
    if (!labelsMatch(d.spec.selector, pod.metadata.labels)) continue;
    const owner = rsList.find((rs) => isControlledBy(pod.metadata, "ReplicaSet", rs.metadata));
    if (owner !== undefined) map.get(replicaSetKey(owner))?.push(pod);
  }
  return map;
}
