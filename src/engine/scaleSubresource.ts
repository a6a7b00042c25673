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
 * A custom resource has /scale when its CRD declares `subresources.scale`
 * (apiextensions-apiserver's ScaleREST over the paths the CRD names: kinds/stored/crd.ts); a
 * custom resource without one answers with NotFound, as crdHandler.ServeHTTP does
 * (`scaledobjects.keda.sh "web" not found`).
 *
 * Examples: GET of a missing Deployment "web" → NotFound `deployments/scale.apps "web" not found`;
 * GET of a missing Rollout "web" → NotFound `rollouts.argoproj.io "web" not found` (the custom
 * resource's store answers for its ScaleREST); GET with scaleTargetRef kind "Widget" no CRD
 * defines → `no matches for kind "Widget" in group "example.com"` (the HPA's RESTMapper).
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
import { definitionOf, scaleFor } from "../k8s/kinds/stored/crd.ts";
import { DeploymentKind } from "../k8s/kinds/deployment/index.ts";
import { ReplicaSetKind } from "../k8s/kinds/replicaSet/index.ts";
import { StatefulSetKind } from "../k8s/kinds/statefulSet/index.ts";

/** The scale subresource's NotFound text, e.g. `deployments/scale.apps "web" not found`. */
const scaleNotFound = (resource: string, group: string, name: string): string =>
  `${resource}/scale${group ? "." + group : ""} "${name}" not found`;

/**
 * A missing target: a built-in kind's ScaleREST names the subresource
 * (`deployments/scale.apps "web" not found`), a custom resource's passes on its store's
 * NotFound (`rollouts.argoproj.io "web" not found`).
 */
const notFound = (kind: AnyKind, name: string): ApiError =>
  definitionOf(kind)
    ? customResourceNotFound(kind, name)
    : { reason: "NotFound", message: scaleNotFound(kind.plural, kind.group, name) };

/** What the scale subresource needs of the API server. */
export interface ScaleBackend {
  get(kind: string, namespace: string, name: string): KubeObject | undefined;
  update(object: KubeObject): KubeObject | ApiError;
}

/**
 * A kind with the scale subresource the request's version reaches: its descriptor's, or a
 * custom resource's version's (crd.ts scaleFor).
 */
type Scalable = AnyKind & Required<Pick<AnyKind, "scale">>;

function scaleOf(namespace: string, ref: ScaleTargetRef, kind: Scalable, target: KubeObject): Scale {
  const selector = kind.scale.selector(target);
  return {
    namespace,
    target: ref,
    specReplicas: kind.scale.specReplicas(target),
    statusReplicas: kind.scale.statusReplicas(target),
    selector: typeof selector === "string" ? selector : selectorString(selector),
  };
}

/** The kind as a request in `apiVersion` scales it; undefined when that version has no /scale. */
function scalableIn(kind: AnyKind, apiVersion: string | undefined): Scalable | undefined {
  const scale = scaleFor(kind, apiVersion);
  if (scale === undefined) return undefined;
  return scale === kind.scale ? (kind as Scalable) : { ...kind, scale };
}

/**
 * What an UPDATE of /scale asks the API server to store: the stored object with its scale's
 * replicas (registry/apps/deployment/storage.go scaleUpdatedObjectInfo). For the built-in
 * workloads whose replicas are spec.replicas, a copy of the object and its spec only, sharing
 * every other part with the stored object: the API server changes no request in place (what it
 * keeps it copies, or takes from the stored object), and nothing else holds this one. Its
 * admission then finds the stored spec's parts themselves (apiserver.ts keptSpecAdmission).
 * The kind's withReplicas, a full copy, is for a caller that goes on to change the object
 * (kubectl scale's change-cause annotation), and for a custom resource's replicas path.
 */
function scaled(kind: Scalable, target: KubeObject, replicas: number): KubeObject {
  if (kind !== DeploymentKind && kind !== ReplicaSetKind && kind !== StatefulSetKind)
    return kind.scale.withReplicas(target, replicas);
  const spec = (target as { spec: object }).spec;
  return copyWith(target, { spec: copyWith(spec, { replicas }) });
}

/**
 * A custom resource's NotFound, `rollouts.argoproj.io "web" not found`: its store's answer to a
 * missing object, and crdHandler.ServeHTTP's to /scale of a kind whose CRD declares none.
 */
function customResourceNotFound(kind: AnyKind, name: string): ApiError {
  return {
    reason: "NotFound",
    message: `${kind.plural}.${kind.group} "${name}" not found`,
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
  ): { kind: Scalable; registered: AnyKind; target?: KubeObject } | ApiError => {
    const kind = kinds.get(ref.kind);
    const scalable = kind && scalableIn(kind, ref.apiVersion);
    if (!scalable) {
      if (kind && definitionOf(kind)) return customResourceNotFound(kind, ref.name);
      const group = ref.apiVersion?.includes("/") ? ref.apiVersion.split("/")[0] : "";
      return { reason: "NotFound", message: `no matches for kind "${ref.kind}" in group "${group}"` };
    }
    return { kind: scalable, registered: kind, target: api.get(kind.kind, namespace, ref.name) };
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
      if (!found.target) return notFound(found.registered, ref.name);
      const refused = found.kind.scale.refusal?.(found.target);
      if (refused) return refused;
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
      if (!found.target) return notFound(found.registered, ref.name);
      const stored = api.update(scaled(found.kind, found.target, scale.specReplicas));
      return isApiError(stored) ? stored : scaleOf(scale.namespace, ref, found.kind, stored);
    },
  };
}
