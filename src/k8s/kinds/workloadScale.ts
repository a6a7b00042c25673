/**
 * The scale subresource of the workloads whose replicas live in spec.replicas and whose pods
 * are picked by spec.selector (apps/v1 Deployment and ReplicaSet: registry/apps/deployment and
 * replicaset storage.go, scaleFromDeployment / scaleFromReplicaSet).
 */
import type { Deployment, ReplicaSet } from "../types.ts";
import type { ScaleSubresource } from "./descriptor.ts";

export function specReplicasScale<O extends Deployment | ReplicaSet>(): ScaleSubresource<O> {
  return {
    specReplicas: (o) => o.spec.replicas,
    statusReplicas: (o) => o.status?.replicas ?? 0,
    selector: (o) => o.spec.selector,
    withReplicas: (o, replicas) => ({
      ...structuredClone(o),
      spec: { ...structuredClone(o.spec), replicas },
    }),
  };
}
