/**
 * The EndpointSlice controller (pkg/controller/endpointslice/endpointslice_controller.go
 * syncService over staging/src/k8s.io/endpointslice reconciler.go, v1.28): for each Service
 * with a selector, discovery.k8s.io/v1 EndpointSlices of at most 100 endpoints listing the pods
 * the selector picks, one group of slices per set of ports the pods resolve the Service's
 * ports to.
 *
 * - Each pod with an IP is an endpoint (terminating ones too), with its conditions: `serving`
 *   is Ready, `terminating` is being deleted, `ready` is serving and not terminating (or always,
 *   with publishNotReadyAddresses); its node and the node's zone; its targetRef.
 * - A slice is named `<service>-` plus five characters (generateName), drawn here from the
 *   Service's uid (util.ts streamFor), not the run's generator; it is owned by the Service (the
 *   garbage collector deletes it with the Service) and labelled with the Service's labels,
 *   kubernetes.io/service-name and endpointslice.kubernetes.io/managed-by.
 * - reconcileByPortMapping: endpoints stay in the slice that has them (updated in place when
 *   their conditions change), slices left empty are deleted, slices changed anyway are filled
 *   up first, then what remains goes into the unchanged slice closest to full, or new slices;
 *   finalize turns a create plus a delete into an update of the slice to delete. A Service
 *   whose pods give no endpoints keeps one empty placeholder slice.
 * - Nothing is written when every slice is as wanted.
 *
 * Where upstream iterates a Go map (the desired endpoints, the slices to update), the order
 * here is the pods' order and the slices' creation order.
 */
import { canonicalJSON, fnv32a, utf8 } from "../../../k8s/hash.ts";
import { parseQualifiedName, qualifiedName } from "../../../k8s/namespaces.ts";
import { toRFC3339 } from "../../../k8s/time.ts";
import type { KubeObject, ObjectMeta, OwnerReference, Pod, Service, Time } from "../../../k8s/types.ts";
import type {
  Controller,
  ControllerContext,
  ReconcileResult,
  StoreView,
  WakeUp,
  Write,
} from "../../controller.ts";
import { emptyResult } from "../../controller.ts";
import { generateName } from "../../names.ts";
import type { WatchEvent } from "../../store.ts";
import { isPodReady } from "../replicaset/pods.ts";
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
} from "../endpoints/util.ts";

/** --max-endpoints-per-slice's default. */
export const MAX_ENDPOINTS_PER_SLICE = 100;
/** discovery.LabelServiceName. */
export const SERVICE_NAME_LABEL = "kubernetes.io/service-name";
/** discovery.LabelManagedBy. */
export const MANAGED_BY_LABEL = "endpointslice.kubernetes.io/managed-by";
/** The controller's name in that label. */
export const CONTROLLER_NAME = "endpointslice-controller.k8s.io";
/** v1.LabelTopologyZone: the node label an endpoint's zone comes from. */
const ZONE_LABEL = "topology.kubernetes.io/zone";

/** discovery.EndpointPort, keys in the Go struct's order. */
export interface SlicePort {
  name: string;
  protocol: string;
  port: number;
  appProtocol?: string;
}

/** discovery.Endpoint, keys in the Go struct's order. */
export interface SliceEndpoint {
  addresses: string[];
  conditions: { ready: boolean; serving: boolean; terminating: boolean };
  hostname?: string;
  targetRef: { kind: string; namespace: string; name: string; uid: string };
  nodeName?: string;
  zone?: string;
}

export interface EndpointSlice {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  addressType: string;
  endpoints: SliceEndpoint[];
  ports: SlicePort[];
}

const hashOf = (v: unknown) => fnv32a(utf8(canonicalJSON(v)));

/** getEndpointPorts: the Service's ports this pod has, in NewPortMapKey's (hash) order. */
function endpointPorts(svc: Service, pod: Pod): SlicePort[] {
  const ports: SlicePort[] = [];
  if (servicePorts(svc).length === 0 && svc.spec.clusterIP === "None") return ports;
  for (const sp of servicePorts(svc)) {
    const n = findPort(pod, sp);
    if (n === undefined) continue;
    ports.push({
      name: sp.name ?? "",
      protocol: sp.protocol ?? "TCP",
      port: n,
      ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}),
    });
  }
  return ports
    .map((p) => ({ p, h: hashOf(p) }))
    .sort((a, b) => a.h - b.h)
    .map((x) => x.p);
}

const portMapKey = (ports: readonly SlicePort[]) => canonicalJSON(ports);

/** podToEndpoint. */
function podToEndpoint(
  pod: Pod,
  node: KubeObject | undefined,
  svc: Service,
  addressType: string,
): SliceEndpoint {
  const serving = isPodReady(pod);
  const terminating = pod.metadata.deletionTimestamp !== undefined;
  const ready = svc.spec.publishNotReadyAddresses === true || (serving && !terminating);
  const ip = pod.status.podIP ?? "";
  const zone = node?.metadata.labels?.[ZONE_LABEL];
  return {
    addresses: ip.includes(":") === (addressType === "IPv6") ? [ip] : [],
    conditions: { ready, serving, terminating },
    ...(shouldSetHostname(pod, svc) ? { hostname: pod.spec.hostname as string } : {}),
    targetRef: {
      kind: "Pod",
      namespace: pod.metadata.namespace ?? "",
      name: pod.metadata.name,
      uid: pod.metadata.uid ?? "",
    },
    ...(pod.spec.nodeName ? { nodeName: pod.spec.nodeName } : {}),
    ...(zone ? { zone } : {}),
  };
}

/** hashEndpoint: an endpoint's identity (its addresses, hostname and pod), not its conditions. */
const endpointKey = (ep: SliceEndpoint) =>
  `${[...ep.addresses].sort().join(",")}\u0000${ep.hostname ?? ""}\u0000${ep.targetRef.namespace}/${ep.targetRef.name}`;

/** EndpointsEqualBeyondHash. */
const sameBeyondHash = (a: SliceEndpoint, b: SliceEndpoint) =>
  a.nodeName === b.nodeName &&
  a.zone === b.zone &&
  a.conditions.ready === b.conditions.ready &&
  a.conditions.serving === b.conditions.serving &&
  a.conditions.terminating === b.conditions.terminating &&
  canonicalJSON(a.targetRef) === canonicalJSON(b.targetRef);

const sortedLabels = (labels: Record<string, string>): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const k of Object.keys(labels).sort()) out[k] = labels[k];
  return out;
};

const RESERVED = new Set([SERVICE_NAME_LABEL, MANAGED_BY_LABEL, HEADLESS_LABEL]);

/** setEndpointSliceLabels: the labels a slice should have, and whether the Service's own ones changed. */
function sliceLabels(slice: EndpointSlice | undefined, svc: Service): [Record<string, string>, boolean] {
  const own = (labels: Record<string, string> | undefined) => {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(labels ?? {})) if (!RESERVED.has(k)) out[k] = v;
    return out;
  };
  const svcLabels = own(svc.metadata.labels);
  const updated = canonicalJSON(own(slice?.metadata.labels)) !== canonicalJSON(svcLabels);
  if (!hasClusterIP(svc)) svcLabels[HEADLESS_LABEL] = "";
  svcLabels[SERVICE_NAME_LABEL] = svc.metadata.name;
  svcLabels[MANAGED_BY_LABEL] = CONTROLLER_NAME;
  return [sortedLabels(svcLabels), updated];
}

function ownerRefOf(svc: Service): OwnerReference {
  return {
    apiVersion: "v1",
    kind: "Service",
    name: svc.metadata.name,
    uid: svc.metadata.uid ?? "",
    controller: true,
    blockOwnerDeletion: true,
  };
}

const ownedBy = (slice: EndpointSlice, svc: Service) =>
  (slice.metadata.ownerReferences ?? []).some(
    (o) => o.uid === svc.metadata.uid && o.kind === "Service" && o.apiVersion === "v1",
  );

/** newEndpointSlice: no name yet (finalize names it, or reuses a slice to delete). */
function newSlice(svc: Service, ports: SlicePort[], addressType: string): EndpointSlice {
  return {
    apiVersion: "discovery.k8s.io/v1",
    kind: "EndpointSlice",
    metadata: {
      name: "",
      namespace: svc.metadata.namespace,
      labels: sliceLabels(undefined, svc)[0],
      ownerReferences: [ownerRefOf(svc)],
    },
    addressType,
    endpoints: [],
    ports,
  };
}

/** getAddressTypesForService: the Service's IP families as address types. */
function addressTypes(svc: Service): string[] {
  const families = (svc.spec.ipFamilies as string[] | undefined) ?? [];
  const types = families.filter((f) => f === "IPv4" || f === "IPv6");
  if (types.length) return types;
  if (hasClusterIP(svc)) return [String(svc.spec.clusterIP).includes(":") ? "IPv6" : "IPv4"];
  return ["IPv4", "IPv6"];
}

interface Plan {
  create: EndpointSlice[];
  update: EndpointSlice[];
  remove: EndpointSlice[];
}

/** reconcileByPortMapping over one set of ports. */
function reconcileByPortMapping(
  svc: Service,
  existing: readonly EndpointSlice[],
  desired: Map<string, SliceEndpoint>,
  ports: SlicePort[],
  addressType: string,
): Plan {
  const byName = new Map<string, EndpointSlice>();
  const unchanged: string[] = [];
  const toUpdate: string[] = [];
  const toDelete: string[] = [];
  // 1. Keep the endpoints still wanted where they are, updating those that changed.
  for (const slice of existing) {
    byName.set(slice.metadata.name, slice);
    const kept: SliceEndpoint[] = [];
    let updated = false;
    for (const ep of slice.endpoints ?? []) {
      const k = endpointKey(ep);
      const got = desired.get(k);
      if (!got) continue;
      kept.push(got);
      if (!sameBeyondHash(got, ep)) updated = true;
      desired.delete(k);
    }
    const [labels, labelsChanged] = sliceLabels(slice, svc);
    if (updated || kept.length !== (slice.endpoints ?? []).length) {
      if (kept.length === 0) toDelete.push(slice.metadata.name);
      else {
        const copy = structuredClone(slice);
        copy.endpoints = kept;
        copy.metadata.labels = labels;
        byName.set(copy.metadata.name, copy);
        toUpdate.push(copy.metadata.name);
      }
    } else if (labelsChanged) {
      const copy = structuredClone(slice);
      copy.metadata.labels = labels;
      byName.set(copy.metadata.name, copy);
      toUpdate.push(copy.metadata.name);
    } else unchanged.push(slice.metadata.name);
  }
  const pop = (): SliceEndpoint => {
    const [k, ep] = desired.entries().next().value as [string, SliceEndpoint];
    desired.delete(k);
    return ep;
  };
  // 2. Fill up the slices being updated anyway, the fullest first.
  if (desired.size > 0 && toUpdate.length > 0) {
    const slices = toUpdate
      .map((n) => byName.get(n) as EndpointSlice)
      .sort((a, b) => b.endpoints.length - a.endpoints.length);
    for (const slice of slices)
      while (desired.size > 0 && slice.endpoints.length < MAX_ENDPOINTS_PER_SLICE)
        slice.endpoints.push(pop());
  }
  // 3. The rest: into the unchanged slice closest to full (when it all fits in one), else new slices.
  const create: EndpointSlice[] = [];
  while (desired.size > 0) {
    let fill: EndpointSlice | undefined;
    if (desired.size < MAX_ENDPOINTS_PER_SLICE && unchanged.length > 0) {
      // getSliceToFill.
      let closest = MAX_ENDPOINTS_PER_SLICE;
      for (const n of unchanged) {
        const s = byName.get(n) as EndpointSlice;
        const diff = MAX_ENDPOINTS_PER_SLICE - (desired.size + s.endpoints.length);
        if (diff >= 0 && diff < closest) {
          closest = diff;
          fill = s;
          if (diff === 0) break;
        }
      }
    }
    if (!fill) fill = newSlice(svc, ports, addressType);
    else {
      fill = structuredClone(fill);
      byName.set(fill.metadata.name, fill);
    }
    while (desired.size > 0 && fill.endpoints.length < MAX_ENDPOINTS_PER_SLICE) fill.endpoints.push(pop());
    if (fill.metadata.name) {
      if (!toUpdate.includes(fill.metadata.name)) toUpdate.push(fill.metadata.name);
      unchanged.splice(unchanged.indexOf(fill.metadata.name), 1);
    } else create.push(fill);
  }
  return {
    create,
    update: toUpdate.map((n) => byName.get(n) as EndpointSlice),
    remove: toDelete.map((n) => byName.get(n) as EndpointSlice),
  };
}

/** placeholderSliceCompare: the same namespace, labels, owners, address type, and no ports or endpoints. */
const samePlaceholder = (a: EndpointSlice, b: EndpointSlice) =>
  a.metadata.namespace === b.metadata.namespace &&
  canonicalJSON(a.metadata.labels ?? {}) === canonicalJSON(b.metadata.labels ?? {}) &&
  canonicalJSON(a.metadata.ownerReferences ?? []) === canonicalJSON(b.metadata.ownerReferences ?? []) &&
  a.addressType === b.addressType &&
  (a.endpoints ?? []).length === 0 &&
  (a.ports ?? []).length === 0 &&
  (b.endpoints ?? []).length === 0 &&
  (b.ports ?? []).length === 0;

/** reconcileByAddressType: what to create, update and delete for one address type. */
function reconcileByAddressType(
  store: StoreView,
  svc: Service,
  pods: readonly Pod[],
  existing: readonly EndpointSlice[],
  addressType: string,
): Plan {
  const plan: Plan = { create: [], update: [], remove: [] };
  const existingByPorts = new Map<string, EndpointSlice[]>();
  for (const slice of existing) {
    if (!ownedBy(slice, svc)) {
      plan.remove.push(slice);
      continue;
    }
    const k = portMapKey(slice.ports ?? []);
    existingByPorts.set(k, [...(existingByPorts.get(k) ?? []), slice]);
  }
  const desired = new Map<string, { ports: SlicePort[]; endpoints: Map<string, SliceEndpoint> }>();
  // Without Node objects (a cluster of implicit nodes) every pod's node counts as there.
  const nodesDeclared = store.listAll("Node").length > 0;
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, true)) continue;
    const ports = endpointPorts(svc, pod);
    const k = portMapKey(ports);
    let group = desired.get(k);
    if (!group) {
      group = { ports, endpoints: new Map() };
      desired.set(k, group);
    }
    const node = store.get("Node", "", pod.spec.nodeName ?? "");
    // A pod on a Node that is gone is left out, unless the Service publishes every address.
    if (!node && nodesDeclared && svc.spec.publishNotReadyAddresses !== true) continue;
    const ep = podToEndpoint(pod, node, svc, addressType);
    if (ep.addresses.length > 0) group.endpoints.set(endpointKey(ep), ep);
  }
  for (const [k, group] of desired) {
    const p = reconcileByPortMapping(
      svc,
      existingByPorts.get(k) ?? [],
      group.endpoints,
      group.ports,
      addressType,
    );
    plan.create.push(...p.create);
    plan.update.push(...p.update);
    plan.remove.push(...p.remove);
  }
  for (const [k, slices] of existingByPorts) if (!desired.has(k)) plan.remove.push(...slices);
  // When no slice would exist, a placeholder does.
  if (existing.length === plan.remove.length && plan.create.length < 1) {
    const placeholder = newSlice(svc, [], addressType);
    if (plan.remove.length === 1 && samePlaceholder(plan.remove[0], placeholder)) plan.remove = [];
    else plan.create.push(placeholder);
  }
  return plan;
}

function withTriggerTime(slice: EndpointSlice, trigger: Time | undefined): EndpointSlice {
  const annotations: Record<string, string> = { ...slice.metadata.annotations };
  if (trigger !== undefined) annotations[LAST_CHANGE_TRIGGER_TIME] = toRFC3339(trigger);
  else delete annotations[LAST_CHANGE_TRIGGER_TIME];
  const metadata = { ...slice.metadata, annotations };
  if (!Object.keys(annotations).length) delete (metadata as { annotations?: unknown }).annotations;
  return { ...slice, metadata };
}

/** finalize: a create and a delete become an update of the slice to delete; then the writes, in that order. */
function finalize(svc: Service, plan: Plan, trigger: Time | undefined, store: StoreView, now: Time): Write[] {
  const create = [...plan.create];
  const update = [...plan.update];
  const remove = [...plan.remove];
  for (let i = 0; i < remove.length && create.length > 0;) {
    const old = remove[i];
    const slice = create[create.length - 1];
    if (old.addressType === slice.addressType && ownedBy(old, svc)) {
      slice.metadata.name = old.metadata.name;
      create.pop();
      update.push(slice);
      remove.splice(i, 1);
    } else i++;
  }
  const writes: Write[] = [];
  if (
    svc.metadata.deletionTimestamp === undefined &&
    !namespaceTerminating(store, svc.metadata.namespace ?? "")
  ) {
    const names = streamFor(svc, `EndpointSlice names ${now}`);
    const taken = new Set<string>();
    for (const slice of create) {
      let name: string;
      do name = generateName(names, `${svc.metadata.name}-`);
      while (taken.has(name) || store.get("EndpointSlice", svc.metadata.namespace ?? "", name));
      taken.add(name);
      slice.metadata.name = name;
      writes.push({
        op: "create",
        object: withTriggerTime(slice, trigger) as unknown as KubeObject,
        uids: streamFor(svc, `EndpointSlice ${name} ${now}`),
      });
    }
  }
  for (const slice of update)
    writes.push({ op: "update", object: withTriggerTime(slice, trigger) as unknown as KubeObject });
  for (const slice of remove)
    writes.push({
      op: "delete",
      kind: "EndpointSlice",
      namespace: slice.metadata.namespace ?? "",
      name: slice.metadata.name,
    });
  return writes;
}

/** The slices this controller manages for a Service: by its two labels, not being deleted. */
function slicesOf(store: StoreView, svc: Service): EndpointSlice[] {
  return (
    store.list("EndpointSlice", svc.metadata.namespace ?? "") as unknown as readonly EndpointSlice[]
  ).filter(
    (s) =>
      s.metadata.labels?.[SERVICE_NAME_LABEL] === svc.metadata.name &&
      s.metadata.labels?.[MANAGED_BY_LABEL] === CONTROLLER_NAME &&
      s.metadata.deletionTimestamp === undefined,
  );
}

/** syncService for one Service key. */
export function syncEndpointSlices(
  ctx: ControllerContext,
  key: string,
  tracker: TriggerTimeTracker,
): ReconcileResult {
  const result = emptyResult();
  const { namespace, name } = parseQualifiedName(key);
  const svc = ctx.store.get("Service", namespace, name) as Service | undefined;
  if (!svc) {
    // Its slices go with it: the garbage collector follows their owner reference.
    tracker.forget(key);
    return result;
  }
  const selector = managed(svc);
  if (!selector) return result;
  const pods = (ctx.store.list("Pod", namespace) as readonly Pod[]).filter((p) =>
    setSelects(selector, p.metadata.labels),
  );
  const slices = slicesOf(ctx.store, svc);
  const trigger = tracker.compute(key, svc, pods);
  const types = addressTypes(svc);
  const plan: Plan = { create: [], update: [], remove: [] };
  for (const t of types) {
    const p = reconcileByAddressType(
      ctx.store,
      svc,
      pods,
      slices.filter((s) => s.addressType === t),
      t,
    );
    plan.create.push(...p.create);
    plan.update.push(...p.update);
    plan.remove.push(...p.remove);
  }
  // Slices of an address type the Service no longer has go.
  plan.remove.push(...slices.filter((s) => !types.includes(s.addressType)));
  result.writes.push(...finalize(svc, plan, trigger, ctx.store, ctx.now));
  return result;
}

const NONE: WakeUp[] = [];

/** onEndpointSliceDelete: a managed slice deleted by someone else is written again. */
function sliceDeleted(ev: WatchEvent): WakeUp[] {
  if (ev.type !== "DELETED") return NONE;
  const labels = ev.object.metadata.labels;
  const service = labels?.[SERVICE_NAME_LABEL];
  if (!service || labels?.[MANAGED_BY_LABEL] !== CONTROLLER_NAME) return NONE;
  return [{ key: qualifiedName(ev.object.metadata.namespace ?? "", service) }];
}

/** The EndpointSlice controller as the engine runs it: a work queue of Services, with its own trigger-time tracker. */
export function endpointSliceController(): Controller {
  const tracker = new TriggerTimeTracker();
  return {
    name: "endpointslice",
    kind: "Service",
    watches: [
      // No whileAny filter on Service: a cluster always holds its default Services.
      { kind: "Pod", route: servicesToUpdate, cohort: servicesToUpdateInCohort },
      { kind: "EndpointSlice", route: sliceDeleted, filter: { types: ["DELETED"] } },
    ],
    reconcile: (ctx, key) => syncEndpointSlices(ctx, key, tracker),
  };
}
