/**
 * The scale subresource (`/apis/apps/v1/namespaces/NS/deployments/NAME/scale`) as the API server
 * serves it, for the HPA controller's ScaleClient: GET converts a Deployment or ReplicaSet to
 * an autoscaling/v1 Scale (registry/apps/deployment/storage.go scaleFromDeployment:
 * spec.replicas, status.replicas, and status.selector = LabelSelectorAsSelector(spec.selector).String());
 * UPDATE writes spec.replicas through the API server (validation and generation apply, as
 * for any update of the object).
 *
 * Engine-level faults (faults.ts) are consulted first: a fault window makes the request fail
 * with its error, exactly where a real API server's refusal would reach the controller.
 *
 * Examples: GET of a missing Deployment "web" → NotFound `deployments/scale.apps "web" not found`;
 * GET with scaleTargetRef kind "Rollout" → `no matches for kind "Rollout" in group "argoproj.io"`.
 */
import type { Deployment, Kind, KubeObject, ObjectOfKind, ReplicaSet, Time } from "../k8s/types.ts";
import type { ApiError } from "./cluster.ts";
import { isApiError } from "./cluster.ts";
import type { Scale, ScaleClient, ScaleTargetRef } from "./controllers/hpa/scaleClient.ts";
import { selectorString } from "./controllers/hpa/selector.ts";
import type { ApiFaults } from "./faults.ts";

/** The kinds with a scale subresource in this cluster, and their REST mapping. */
const RESOURCES: Record<string, { resource: string; group: string; kind: "Deployment" | "ReplicaSet" }> = {
  Deployment: { resource: "deployments", group: "apps", kind: "Deployment" },
  ReplicaSet: { resource: "replicasets", group: "apps", kind: "ReplicaSet" },
};

/** The scale subresource's NotFound text, e.g. `deployments/scale.apps "web" not found`. */
export const scaleNotFound = (resource: string, group: string, name: string): string =>
  `${resource}/scale${group ? "." + group : ""} "${name}" not found`;

/** What the scale subresource needs of the API server. */
export interface ScaleBackend {
  get<K extends Kind>(kind: K, name: string): ObjectOfKind<K> | undefined;
  update(object: KubeObject): KubeObject | ApiError;
}

function scaleOf(ref: ScaleTargetRef, target: Deployment | ReplicaSet): Scale {
  return {
    target: ref,
    specReplicas: target.spec.replicas,
    statusReplicas: target.status?.replicas ?? 0,
    selector: selectorString(target.spec.selector),
  };
}

/**
 * The ScaleClient the engine gives the HPA controller. `now` is read at each request, so a
 * fault window applies to the requests made inside it.
 */
export function apiScaleClient(
  api: ScaleBackend,
  faults?: ApiFaults,
  now: () => Time = () => 0,
): ScaleClient {
  const lookup = (
    ref: ScaleTargetRef,
  ): { mapping: (typeof RESOURCES)[string]; target?: Deployment | ReplicaSet } | ApiError => {
    const mapping = RESOURCES[ref.kind];
    if (!mapping) {
      const group = ref.apiVersion?.includes("/") ? ref.apiVersion.split("/")[0] : "";
      return { reason: "NotFound", message: `no matches for kind "${ref.kind}" in group "${group}"` };
    }
    return { mapping, target: api.get(mapping.kind, ref.name) };
  };
  return {
    get(ref) {
      const fault = faults?.rejection("get", "scale", ref, now());
      if (fault) return fault;
      const found = lookup(ref);
      if (isApiError(found)) return found;
      if (!found.target)
        return {
          reason: "NotFound",
          message: scaleNotFound(found.mapping.resource, found.mapping.group, ref.name),
        };
      return scaleOf(ref, found.target);
    },
    update(scale) {
      const ref = scale.target;
      const fault = faults?.rejection("update", "scale", ref, now());
      if (fault) return fault;
      const found = lookup(ref);
      if (isApiError(found)) return found;
      if (!found.target)
        return {
          reason: "NotFound",
          message: scaleNotFound(found.mapping.resource, found.mapping.group, ref.name),
        };
      const copy = structuredClone(found.target);
      copy.spec.replicas = scale.specReplicas;
      const stored = api.update(copy);
      return isApiError(stored) ? stored : scaleOf(ref, stored as Deployment | ReplicaSet);
    },
  };
}
