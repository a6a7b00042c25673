/**
 * What the scheduler's plugins read of the cluster besides nodes and pods (the informers'
 * listers a plugin gets from its framework handle): Services, ReplicaSets and StatefulSets
 * for PodTopologySpread's system-default selector (plugins/helper/spread.go DefaultSelector),
 * and namespace labels for pod affinity's namespaceSelector
 * (interpodaffinity/plugin.go GetNamespaceLabelsSnapshot).
 */
import { NAMESPACE_NAME_LABEL } from "../../k8s/kinds/namespace/index.ts";
import type { ReplicaSet, Service, StatefulSet } from "../../k8s/types.ts";
import type { SimApiServer } from "../apiserver.ts";

export interface SchedulingListers {
  services(namespace: string): readonly Service[];
  replicaSet(namespace: string, name: string): ReplicaSet | undefined;
  statefulSet(namespace: string, name: string): StatefulSet | undefined;
  namespaceLabels(namespace: string): Record<string, string>;
}

/** Listers over nothing: no Service, no controller; a namespace has only its name label. */
export const emptyListers: SchedulingListers = {
  services: () => [],
  replicaSet: () => undefined,
  statefulSet: () => undefined,
  namespaceLabels: (namespace) => ({ [NAMESPACE_NAME_LABEL]: namespace }),
};

/** Listers over the API server's store. A namespace not stored (default) still carries its name label, as every real one does. */
export function apiListers(api: SimApiServer): SchedulingListers {
  return {
    services: (namespace) => api.list("Service", namespace),
    replicaSet: (namespace, name) => api.get("ReplicaSet", namespace, name),
    statefulSet: (namespace, name) => api.get("StatefulSet", namespace, name),
    namespaceLabels: (namespace) =>
      api.get("Namespace", "", namespace)?.metadata.labels ?? { [NAMESPACE_NAME_LABEL]: namespace },
  };
}
