/**
 * The endpoints controller (pkg/controller/endpoint/endpoints_controller.go syncService,
 * v1.28): for each Service with a selector, an Endpoints object of the same name listing the
 * pods the selector picks.
 *
 * - A Service without a selector (or an ExternalName one) is left alone: its Endpoints are the
 *   ones a client writes. A Service that is gone takes the Endpoints of its name with it.
 * - Each pod with an IP that is not terminating (ShouldPodBeInEndpoints) is an address — in
 *   `addresses` when Ready (or when the Service sets publishNotReadyAddresses, which also keeps
 *   terminating pods), else in `notReadyAddresses` — for each Service port whose target port
 *   the pod has (FindPort); RepackSubsets folds them into subsets (repack.ts).
 * - Labels are the Service's, plus service.kubernetes.io/headless for a Service without a
 *   ClusterIP; the endpoints.kubernetes.io/last-change-trigger-time annotation says when the
 *   change this write publishes began (TriggerTimeTracker, util.ts).
 * - Over 1000 addresses, the list is cut (truncateEndpoints: ready ones first, each subset
 *   keeping its share) and endpoints.kubernetes.io/over-capacity says "truncated".
 * - Nothing is written when the subsets, the labels and that annotation are already right.
 *
 * Example: Service web (selector app=web, port 80 → 8080) over two Ready pods and one not
 * yet Ready → subsets [{addresses: [10.244.0.5, 10.244.1.7], notReadyAddresses:
 * [10.244.2.3], ports: [{port: 8080, protocol: TCP}]}].
 */
import { canonicalJSON } from "../../../k8s/hash.ts";
import { parseQualifiedName, qualifiedNameOf } from "../../../k8s/namespaces.ts";
import { toRFC3339 } from "../../../k8s/time.ts";
import type { KubeObject, ObjectMeta, Pod, Service } from "../../../k8s/types.ts";
import type { Controller, ControllerContext, ReconcileResult, WakeUp } from "../../controller.ts";
import { emptyResult } from "../../controller.ts";
import type { WatchEvent } from "../../store.ts";
import { endpointSliceController } from "../endpointslice/index.ts";
import { isPodReady } from "../replicaset/pods.ts";
import { repackSubsets, type EndpointAddress, type EndpointPort, type EndpointSubset } from "./repack.ts";
import {
  findPort,
  HEADLESS_LABEL,
  hasClusterIP,
  LAST_CHANGE_TRIGGER_TIME,
  managed,
  namespaceTerminating,
  servicePorts,
  servicesToUpdate,
  servicesToUpdateInCohort,
  setSelects,
  shouldPodBeInEndpoints,
  shouldSetHostname,
  streamFor,
  TriggerTimeTracker,
} from "./util.ts";

/** maxCapacity: the most addresses one Endpoints object lists. */
export const MAX_CAPACITY = 1000;
/** v1.EndpointsOverCapacity. */
export const OVER_CAPACITY = "endpoints.kubernetes.io/over-capacity";

interface EndpointsObject {
  metadata: ObjectMeta;
  subsets?: EndpointSubset[];
}

/** podToEndpointAddressForService: the pod's IP of the Service's first IP family, or none. */
function addressOf(svc: Service, pod: Pod): EndpointAddress | undefined {
  const families = svc.spec.ipFamilies as string[] | undefined;
  const v6 = families?.length
    ? families[0] === "IPv6"
    : hasClusterIP(svc)
      ? String(svc.spec.clusterIP).includes(":")
      : (pod.status.podIP ?? "").includes(":");
  const ip = pod.status.podIP ?? "";
  if (ip.includes(":") !== v6) return undefined;
  return {
    ip,
    ...(shouldSetHostname(pod, svc) ? { hostname: pod.spec.hostname as string } : {}),
    nodeName: pod.spec.nodeName ?? "",
    targetRef: {
      kind: "Pod",
      namespace: pod.metadata.namespace ?? "",
      name: pod.metadata.name,
      uid: pod.metadata.uid ?? "",
    },
  };
}

/** endpointPortFromServicePort. */
export function endpointPort(
  sp: { name?: string; protocol?: string; appProtocol?: string },
  port: number,
): EndpointPort {
  return {
    ...(sp.name ? { name: sp.name } : {}),
    port,
    protocol: sp.protocol ?? "TCP",
    ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}),
  };
}

/** The subsets syncService computes for the Service over its pods, repacked. */
export function desiredSubsets(svc: Service, pods: readonly Pod[]): EndpointSubset[] {
  const publishNotReady = svc.spec.publishNotReadyAddresses === true;
  const ports = servicePorts(svc);
  const subsets: EndpointSubset[] = [];
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, publishNotReady)) continue;
    const epa = addressOf(svc, pod);
    if (!epa) continue;
    const ready = publishNotReady || isPodReady(pod);
    const add = (ports: EndpointPort[]) =>
      subsets.push(ready ? { addresses: [epa], ports } : { notReadyAddresses: [epa], ports });
    if (ports.length === 0) {
      // A headless Service may have no ports: its addresses alone.
      if (svc.spec.clusterIP === "None") add([]);
      continue;
    }
    for (const sp of ports) {
      const n = findPort(pod, sp);
      if (n !== undefined) add([endpointPort(sp, n)]);
    }
  }
  return repackSubsets(subsets);
}

const countOf = (subsets: readonly EndpointSubset[] | undefined) =>
  (subsets ?? []).reduce((n, ss) => n + (ss.addresses?.length ?? 0) + (ss.notReadyAddresses?.length ?? 0), 0);

/** capacityAnnotationSetCorrectly. */
function capacityAnnotationSetCorrectly(ep: EndpointsObject): boolean {
  if (countOf(ep.subsets) > MAX_CAPACITY) return false;
  return ep.metadata.annotations?.[OVER_CAPACITY] === undefined;
}

/**
 * truncateEndpoints: over capacity, each subset keeps its share (rounded up, the last one what
 * is left) of the ready addresses when they alone are over, dropping every not-ready one;
 * otherwise every ready address stays and the not-ready ones are shared out.
 */
export function truncateEndpoints(subsets: EndpointSubset[]): boolean {
  let totalReady = 0;
  let totalNotReady = 0;
  for (const ss of subsets) {
    totalReady += ss.addresses?.length ?? 0;
    totalNotReady += ss.notReadyAddresses?.length ?? 0;
  }
  if (totalReady + totalNotReady <= MAX_CAPACITY) return false;
  const truncateReady = totalReady > MAX_CAPACITY;
  const max = truncateReady ? MAX_CAPACITY : MAX_CAPACITY - totalReady;
  const numTotal = truncateReady ? totalReady : totalNotReady;
  let canBeAdded = max;
  for (const ss of subsets) {
    const inSubset = (truncateReady ? ss.addresses?.length : ss.notReadyAddresses?.length) ?? 0;
    const toBeAdded = Math.min(Math.ceil((inSubset / numTotal) * max), canBeAdded);
    if (truncateReady) {
      if (ss.addresses) ss.addresses = ss.addresses.slice(0, toBeAdded);
      delete ss.notReadyAddresses;
      canBeAdded -= ss.addresses?.length ?? 0;
    } else {
      if (ss.notReadyAddresses) ss.notReadyAddresses = ss.notReadyAddresses.slice(0, toBeAdded);
      canBeAdded -= ss.notReadyAddresses?.length ?? 0;
    }
  }
  return true;
}

const withoutHeadless = (labels: Record<string, string> | undefined): Record<string, string> => {
  const out = { ...labels };
  delete out[HEADLESS_LABEL];
  return out;
};

/** syncService for one Service key. */
export function syncEndpoints(
  ctx: ControllerContext,
  key: string,
  tracker: TriggerTimeTracker,
): ReconcileResult {
  const result = emptyResult();
  const { namespace, name } = parseQualifiedName(key);
  const svc = ctx.store.get("Service", namespace, name) as Service | undefined;
  if (!svc) {
    // The Service is gone: so are the Endpoints of its name.
    tracker.forget(key);
    if (ctx.store.get("Endpoints", namespace, name))
      result.writes.push({ op: "delete", kind: "Endpoints", namespace, name });
    return result;
  }
  const selector = managed(svc);
  if (!selector) return result;
  const pods = (ctx.store.list("Pod", namespace) as readonly Pod[]).filter((p) =>
    setSelects(selector, p.metadata.labels),
  );
  // Computed even when nothing is written, so the tracker sees every sync.
  const trigger = tracker.compute(key, svc, pods);
  const subsets = desiredSubsets(svc, pods);
  const current = ctx.store.get("Endpoints", namespace, name) as unknown as EndpointsObject | undefined;
  if (!current && namespaceTerminating(ctx.store, namespace)) return result;
  if (
    current &&
    canonicalJSON(current.subsets ?? []) === canonicalJSON(subsets) &&
    canonicalJSON(withoutHeadless(current.metadata.labels)) === canonicalJSON(svc.metadata.labels ?? {}) &&
    capacityAnnotationSetCorrectly(current)
  )
    return result;
  const annotations: Record<string, string> = { ...current?.metadata.annotations };
  if (trigger !== undefined) annotations[LAST_CHANGE_TRIGGER_TIME] = toRFC3339(trigger);
  else delete annotations[LAST_CHANGE_TRIGGER_TIME];
  if (truncateEndpoints(subsets)) annotations[OVER_CAPACITY] = "truncated";
  else delete annotations[OVER_CAPACITY];
  const labels: Record<string, string> = { ...svc.metadata.labels };
  if (hasClusterIP(svc)) delete labels[HEADLESS_LABEL];
  else labels[HEADLESS_LABEL] = "";
  const metadata = {
    ...(current ? structuredClone(current.metadata) : { name, namespace }),
    labels,
    annotations,
  };
  if (!Object.keys(labels).length) delete (metadata as { labels?: unknown }).labels;
  if (!Object.keys(annotations).length) delete (metadata as { annotations?: unknown }).annotations;
  const object = {
    apiVersion: "v1",
    kind: "Endpoints",
    metadata,
    ...(subsets.length ? { subsets } : {}),
  } as unknown as KubeObject;
  result.writes.push(
    current
      ? { op: "update", object }
      : { op: "create", object, uids: streamFor(svc, `Endpoints ${ctx.now}`) },
  );
  return result;
}

const NONE: WakeUp[] = [];

/** onEndpointsDelete: Endpoints deleted under a Service are written again. */
const endpointsDeleted = (ev: WatchEvent): WakeUp[] =>
  ev.type === "DELETED" ? [{ key: qualifiedNameOf(ev.object) }] : NONE;

/** The endpoints controller as the engine runs it: a work queue of Services, with its own trigger-time tracker. */
export function endpointsController(): Controller {
  const tracker = new TriggerTimeTracker();
  return {
    name: "endpoint",
    kind: "Service",
    watches: [
      // No whileAny filter on Service: a cluster always holds its default Services.
      { kind: "Pod", route: servicesToUpdate, cohort: servicesToUpdateInCohort },
      { kind: "Endpoints", route: endpointsDeleted, filter: { types: ["DELETED"] } },
    ],
    reconcile: (ctx, key) => syncEndpoints(ctx, key, tracker),
  };
}

/**
 * The two controllers that publish a Service's pods, in kube-controller-manager's order: the
 * endpoints controller, then the EndpointSlice controller (each a fresh one, with its own
 * trigger-time tracker).
 */
export function endpointControllers(): Controller[] {
  return [endpointsController(), endpointSliceController()];
}
