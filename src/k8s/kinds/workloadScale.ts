/**
 * The scale subresource of the workloads whose replicas live in spec.replicas and whose pods
 * are picked by spec.selector (apps/v1 Deployment, ReplicaSet and StatefulSet:
 * registry/apps/{deployment,replicaset,statefulset}/storage.go, scaleFromDeployment /
 * scaleFromReplicaSet / scaleFromStatefulSet).
 */
import { copyWith, deepClone } from "../clone.ts";
import type { Deployment, ReplicaSet, StatefulSet } from "../types.ts";
import type { ScaleSubresource } from "./descriptor.ts";

export function specReplicasScale<O extends Deployment | ReplicaSet | StatefulSet>(): ScaleSubresource<O> {
  return {
    specReplicas: (o) => o.spec.replicas,
    statusReplicas: (o) => o.status?.replicas ?? 0,
    selector: (o) => o.spec.selector,
    // One plain copy (stored objects are JSON data, clone.ts), where two structured clones
    // serialised the whole object (its last-applied annotation included) and then its spec again
    // at every HPA scale.
    withReplicas: (o, replicas) => {
      const copy = deepClone(o);
      return copyWith(copy, { spec: copyWith(copy.spec, { replicas }) });
    },
  };
}
