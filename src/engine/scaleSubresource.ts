/**
 * The scale subresource (`/apis/apps/v1/namespaces/NS/deployments/NAME/scale`) as the API server
 * serves it, for the HPA controller's ScaleClient: GET converts a Deployment or ReplicaSet to
 * an autoscaling/v1 Scale (registry/apps/deployment/storage.go scaleFromDeployment:
 * spec.replicas, status.replicas, and status.selector = LabelSelectorAsSelector(spec.selector).String());
 * UPDATE writes spec.replicas through the API server (validation and generation apply, as
 * for any update of the object).
 *
 * Engine-level faults (faults/api.ts) are consulted first: a fault window makes the request fail
 * with its error, exactly where a real API server's refusal would reach the controller.
 *
 * Examples: GET of a missing Deployment "web" → NotFound `deployments/scale.apps "web" not found`;
 * GET with scaleTargetRef kind "Rollout" → `no matches for kind "Rollout" in group "argoproj.io"`.
 */
import { builtinKinds } from "../k8s/kinds/builtin.ts";
import type { AnyKind, KindRegistry } from "../k8s/kinds/registry.ts";
import type { KubeObject, Time } from "../k8s/types.ts";
import type { ApiError } from "./cluster.ts";
import { isApiError } from "./cluster.ts";
import type { Scale, ScaleClient, ScaleTargetRef } from "./controllers/hpa/scaleClient.ts";
import { selectorString } from "./controllers/hpa/selector.ts";
import type { ApiFaults } from "./faults/api.ts";
import { copyWith } from "../k8s/clone.ts";

/** The scale subresource's NotFound text, e.g. `deployments/scale.apps "web" not found`. */
const scaleNotFound = (resource: string, group: string, name: string): string =>
  `${resource}/scale${group ? "." + group : ""} "${name}" not found`;

/** What the scale subresource needs of the API server. */
export interface ScaleBackend {
  get(kind: string, namespace: string, name: string): KubeObject | undefined;
  update(object: KubeObject): KubeObject | ApiError;
}

/** The kinds with a scale subresource are those whose descriptor has one (src/k8s/kinds). */
type Scalable = AnyKind & Required<Pick<AnyKind, "scale">>;

function scaleOf(namespace: string, ref: ScaleTargetRef, kind: Scalable, target: KubeObject): Scale {
  return {
    namespace,
    target: ref,
    specReplicas: kind.scale.specReplicas(target),
    statusReplicas: kind.scale.statusReplicas(target),
    selector: selectorString(kind.scale.selector(target)),
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
  kinds: KindRegistry = builtinKinds,
): ScaleClient {
  const lookup = (
    namespace: string,
    ref: ScaleTargetRef,
  ): { kind: Scalable; target?: KubeObject } | ApiError => {
    const kind = kinds.get(ref.kind);
    if (!kind?.scale) {
      const group = ref.apiVersion?.includes("/") ? ref.apiVersion.split("/")[0] : "";
      return { reason: "NotFound", message: `no matches for kind "${ref.kind}" in group "${group}"` };
    }
    return { kind: kind as Scalable, target: api.get(kind.kind, namespace, ref.name) };
  };
  return {
    get(namespace, ref) {
      const t = now();
      if (faults?.covers("get", "scale", t)) {
        const fault = faults.rejection("get", "scale", copyWith(ref, { namespace }), t);
        if (fault) return fault;
      }
      const found = lookup(namespace, ref);
      if (isApiError(found)) return found;
      if (!found.target)
        return { reason: "NotFound", message: scaleNotFound(found.kind.plural, found.kind.group, ref.name) };
      return scaleOf(namespace, ref, found.kind, found.target);
    },
    update(scale) {
      const ref = scale.target;
      const t = now();
      if (faults?.covers("update", "scale", t)) {
        const fault = faults.rejection("update", "scale", copyWith(ref, { namespace: scale.namespace }), t);
        if (fault) return fault;
      }
      const found = lookup(scale.namespace, ref);
      if (isApiError(found)) return found;
      if (!found.target)
        return { reason: "NotFound", message: scaleNotFound(found.kind.plural, found.kind.group, ref.name) };
      const stored = api.update(found.kind.scale.withReplicas(found.target, scale.specReplicas));
      return isApiError(stored) ? stored : scaleOf(scale.namespace, ref, found.kind, stored);
    },
  };
}
