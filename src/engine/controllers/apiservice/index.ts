/**
 * kube-aggregator's availability controller (staging/src/k8s.io/kube-aggregator/pkg/controllers/
 * status/remote/remote_available_controller.go AvailableConditionController.sync): an
 * APIService's Available condition, from its Service and that Service's Endpoints, each time
 * one of the three changes.
 *
 * - no spec.service: a local API, always available (apihelper
 *   NewLocalAvailableAPIServiceCondition: True, Local);
 * - the Service missing: False, ServiceNotFound;
 * - a ClusterIP Service without the APIService's port (spec.service.port): False,
 *   ServicePortError;
 * - no Endpoints: False, EndpointsNotFound; no subset with addresses (ready pods) and a port
 *   of that Service port's name: False, MissingEndpoints;
 * - else True, Passed. (The real controller then calls the extension server's discovery, which
 *   a Ready pod of the simulation answers: the FailedDiscoveryCheck of a server that is up but
 *   refuses the aggregator is not modelled.)
 *
 * SetAPIServiceCondition keeps lastTransitionTime while the status is unchanged, and
 * updateAPIServiceStatus writes nothing when the status is the same.
 */
import { parseQualifiedName } from "../../../k8s/namespaces.ts";
import {
  DEFAULT_SERVICE_PORT,
  type ApiServiceCondition,
  type ApiServiceObject,
} from "../../../k8s/kinds/apiService/index.ts";
import { toRFC3339 } from "../../../k8s/time.ts";
import type { KubeObject } from "../../../k8s/types.ts";
import type { Controller, ReconcileContext, ReconcileResult, StoreView, WakeUp } from "../../controller.ts";
import { emptyResult } from "../../controller.ts";
import type { WatchEvent } from "../../store.ts";

interface ServicePort {
  name?: string;
  port?: number;
}
type ServiceObject = KubeObject & { spec?: { type?: string; ports?: ServicePort[] } };
type EndpointsObject = KubeObject & {
  subsets?: { addresses?: unknown[]; ports?: { name?: string }[] }[];
};

/** The condition sync would set, without its time. */
export function availableCondition(
  apiService: ApiServiceObject,
  store: StoreView,
): Omit<ApiServiceCondition, "lastTransitionTime"> {
  const ref = apiService.spec?.service;
  if (!ref)
    return {
      type: "Available",
      status: "True",
      reason: "Local",
      message: "Local APIServices are always available",
    };
  const namespace = ref.namespace ?? "";
  const name = ref.name ?? "";
  const unavailable = (reason: string, message: string) => ({
    type: "Available",
    status: "False",
    reason,
    message,
  });
  const service = store.get("Service", namespace, name) as ServiceObject | undefined;
  if (!service) return unavailable("ServiceNotFound", `service/${name} in "${namespace}" is not present`);
  const type = service.spec?.type ?? "ClusterIP";
  if (type === "ClusterIP") {
    // Admission defaults the port (kinds/apiService); an object stored before that has none.
    const wanted = ref.port ?? DEFAULT_SERVICE_PORT;
    const port = (service.spec?.ports ?? []).find((p) => p.port === wanted);
    if (!port)
      return unavailable(
        "ServicePortError",
        `service/${name} in "${namespace}" is not listening on port ${wanted}`,
      );
    const portName = port.name ?? "";
    const endpoints = store.get("Endpoints", namespace, name) as EndpointsObject | undefined;
    if (!endpoints)
      return unavailable("EndpointsNotFound", `cannot find endpoints for service/${name} in "${namespace}"`);
    const active = (endpoints.subsets ?? []).some(
      (s) => (s.addresses ?? []).length > 0 && (s.ports ?? []).some((p) => (p.name ?? "") === portName),
    );
    if (!active)
      return unavailable(
        "MissingEndpoints",
        `endpoints for service/${name} in "${namespace}" have no addresses with port name "${portName}"`,
      );
  }
  return { type: "Available", status: "True", reason: "Passed", message: "all checks passed" };
}

/** One sync: the status write, if the condition changed. */
export function reconcileApiService(ctx: ReconcileContext, key: string): ReconcileResult {
  const result = emptyResult();
  const { name } = parseQualifiedName(key);
  const apiService = ctx.store.get("APIService", "", name) as ApiServiceObject | undefined;
  if (!apiService) return result;
  const want = availableCondition(apiService, ctx.store);
  const conditions = apiService.status?.conditions ?? [];
  const prev = conditions.find((c) => c.type === "Available");
  if (prev && prev.status === want.status && prev.reason === want.reason && prev.message === want.message)
    return result;
  const condition: ApiServiceCondition = {
    type: want.type,
    status: want.status,
    lastTransitionTime:
      prev && prev.status === want.status && prev.lastTransitionTime
        ? prev.lastTransitionTime
        : toRFC3339(ctx.now),
    ...(want.reason ? { reason: want.reason } : {}),
    ...(want.message ? { message: want.message } : {}),
  };
  const next = structuredClone(apiService);
  next.status = {
    ...next.status,
    conditions: prev ? conditions.map((c) => (c === prev ? condition : c)) : [...conditions, condition],
  };
  result.writes.push({ op: "updateStatus", object: next });
  return result;
}

/** The APIServices a change of a Service or its Endpoints concerns (the handlers' index by service). */
function apiServicesOf(ev: WatchEvent, store: StoreView): readonly WakeUp[] {
  const { namespace, name } = ev.object.metadata;
  return store
    .listAll("APIService")
    .filter((a) => {
      const ref = (a as ApiServiceObject).spec?.service;
      return ref && (ref.namespace ?? "") === (namespace ?? "") && ref.name === name;
    })
    .map((a) => ({ key: a.metadata.name }));
}

/** Nothing to do (no route is called) while the cluster holds no APIService. */
export const apiServiceAvailabilityController: Controller = {
  name: "apiservice-availability",
  kind: "APIService",
  watches: [
    { kind: "Service", route: apiServicesOf, filter: { whileAny: "APIService" } },
    { kind: "Endpoints", route: apiServicesOf, filter: { whileAny: "APIService" } },
  ],
  reconcile: reconcileApiService,
};
