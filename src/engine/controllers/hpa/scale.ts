/**
 * The target's scale subresource as the HPA reads it (autoscaling/v1 Scale): for a Deployment
 * or ReplicaSet, spec.replicas, status.replicas and the selector from spec.selector
 * (registry/apps/deployment/storage's scale conversion). A missing target fails as the API
 * server words it: `deployments/scale.apps "web" not found`.
 */
import type { Deployment, LabelSelector, ReplicaSet } from "../../../k8s/types.ts";
import type { StoreView } from "../../controller.ts";
import { scaleNotFound } from "./messages.ts";
import { selectorString } from "./selector.ts";

export interface Scale {
  target: Deployment | ReplicaSet;
  specReplicas: number;
  statusReplicas: number;
  /** scale.status.selector, e.g. "app=web". */
  selector: string;
  labelSelector: LabelSelector;
}

const RESOURCES: Record<string, { resource: string; group: string; kind: "Deployment" | "ReplicaSet" }> = {
  Deployment: { resource: "deployments", group: "apps", kind: "Deployment" },
  ReplicaSet: { resource: "replicasets", group: "apps", kind: "ReplicaSet" },
};

/** GET /scale of the HPA's scaleTargetRef; an error text when it fails. */
export function getScale(
  store: StoreView,
  ref: { apiVersion?: string; kind: string; name: string },
): Scale | { error: string } {
  const mapping = RESOURCES[ref.kind];
  const group = ref.apiVersion?.includes("/") ? ref.apiVersion.split("/")[0] : "";
  if (!mapping) return { error: `no matches for kind "${ref.kind}" in group "${group}"` };
  const target = store.get(mapping.kind, ref.name);
  if (!target) return { error: scaleNotFound(mapping.resource, mapping.group, ref.name) };
  return {
    target,
    specReplicas: target.spec.replicas,
    statusReplicas: target.status?.replicas ?? 0,
    selector: selectorString(target.spec.selector),
    labelSelector: target.spec.selector,
  };
}
