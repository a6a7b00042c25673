/**
 * What the endpoints controller and the EndpointSlice controller share
 * (staging/src/k8s.io/endpointslice/util/controller_utils.go and trigger_time_tracker.go,
 * pkg/api/v1/pod FindPort), v1.28:
 *
 * - which pods a Service publishes (ShouldPodBeInEndpoints: not Succeeded or Failed, with an
 *   IP, and not terminating unless the caller takes terminating pods, as the slices do);
 * - the container port a Service port reaches (FindPort: a number as it is, a name looked up
 *   among the containers' named ports of the same protocol, then the sidecars');
 * - which Services a pod change wakes (GetPodUpdateProjectionKey and GetServicesToUpdate: only
 *   a change of labels, deletion, readiness or IP, so a pod's many other status writes wake
 *   nothing, and a cluster without Services with selectors does no work at all);
 * - the endpoints.kubernetes.io/last-change-trigger-time annotation (TriggerTimeTracker);
 * - the uid and name streams of the objects they create, drawn from the Service's uid and not
 *   from the run's seeded generator, so that creating them renames no pod.
 */
import { qualifiedName } from "../../../k8s/namespaces.ts";
import type { Container, KubeObject, Pod, Service, Time } from "../../../k8s/types.ts";
import type { CohortWakes, Rng, StoreView, WakeUp } from "../../controller.ts";
import { mulberry32 } from "../../rng.ts";
import type { WatchEvent } from "../../store.ts";
import { isPodReady } from "../replicaset/pods.ts";

/** v1.EndpointsLastChangeTriggerTime. */
export const LAST_CHANGE_TRIGGER_TIME = "endpoints.kubernetes.io/last-change-trigger-time";
/** v1.IsHeadlessService: on the Endpoints and slices of a Service without a ClusterIP. */
export const HEADLESS_LABEL = "service.kubernetes.io/headless";

/** A Service port as the API server defaults it (protocol and targetPort filled in). */
export interface ServicePortSpec {
  name?: string;
  port: number;
  targetPort?: number | string;
  protocol?: string;
  appProtocol?: string;
}

interface ContainerPortSpec {
  name?: string;
  containerPort?: number;
  protocol?: string;
}

/** The Service's selector, or undefined when it has none (an empty one comes back from storage as none). */
export function selectorOf(svc: Service): Record<string, string> | undefined {
  const sel = svc.spec.selector;
  return sel && Object.keys(sel).length > 0 ? sel : undefined;
}

/** labels.SelectorFromSet(selector).Matches(labels): every pair of the set is among the labels. */
export function setSelects(
  selector: Record<string, string>,
  labels: Record<string, string> | undefined,
): boolean {
  if (!labels) return false;
  for (const k in selector) if (labels[k] !== selector[k]) return false;
  return true;
}

/** Services this controller manages: a selector, and not an ExternalName. */
export function managed(svc: Service): Record<string, string> | undefined {
  return svc.spec.type === "ExternalName" ? undefined : selectorOf(svc);
}

/** isServiceIPSet: a ClusterIP other than None. */
export const hasClusterIP = (svc: Service): boolean => {
  const ip = svc.spec.clusterIP;
  return typeof ip === "string" && ip !== "" && ip !== "None";
};

export const servicePorts = (svc: Service): ServicePortSpec[] => (svc.spec.ports ?? []) as ServicePortSpec[];

/** ShouldPodBeInEndpoints. */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  if (pod.status.phase === "Succeeded" || pod.status.phase === "Failed") return false;
  if (!pod.status.podIP) return false;
  return includeTerminating || pod.metadata.deletionTimestamp === undefined;
}

/** ShouldSetHostname: the pod names itself into the Service's subdomain. */
export function shouldSetHostname(pod: Pod, svc: Service): boolean {
  const hostname = pod.spec.hostname;
  return (
    typeof hostname === "string" &&
    hostname !== "" &&
    pod.spec.subdomain === svc.metadata.name &&
    pod.metadata.namespace === svc.metadata.namespace
  );
}

const portsOf = (c: Container) => (c.ports ?? []) as ContainerPortSpec[];

/**
 * FindPort: the port number a Service port reaches on this pod, or undefined ("no suitable
 * port"), in which case the pod gets no endpoint for that port.
 */
export function findPort(pod: Pod, sp: ServicePortSpec): number | undefined {
  const target = sp.targetPort ?? sp.port;
  if (typeof target === "number") return target;
  // A string that is all digits is an int-or-string's IntVal (intstr.Parse).
  if (/^\d+$/.test(target)) return Number(target);
  const protocol = sp.protocol ?? "TCP";
  const named = (cs: readonly Container[]) => {
    for (const c of cs)
      for (const p of portsOf(c))
        if (p.name === target && (p.protocol ?? "TCP") === protocol) return p.containerPort;
    return undefined;
  };
  return (
    named(pod.spec.containers) ??
    named((pod.spec.initContainers ?? []).filter((c) => c.restartPolicy === "Always"))
  );
}

/**
 * podEndpointsChanged: [pod changed in a way an endpoint shows, labels (or hostname and
 * subdomain) changed].
 */
function podEndpointsChanged(old: Pod, pod: Pod): [boolean, boolean] {
  const labelsChanged =
    !sameLabels(old.metadata.labels, pod.metadata.labels) ||
    old.spec.hostname !== pod.spec.hostname ||
    old.spec.subdomain !== pod.spec.subdomain;
  const changed =
    old.metadata.deletionTimestamp !== pod.metadata.deletionTimestamp ||
    isPodReady(old) !== isPodReady(pod) ||
    old.status.podIP !== pod.status.podIP;
  return [changed, labelsChanged];
}

function sameLabels(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  if (a === b) return true;
  const ka = Object.keys(a ?? {});
  if (ka.length !== Object.keys(b ?? {}).length) return false;
  for (const k of ka) if (a?.[k] !== b?.[k]) return false;
  return true;
}

const NONE: WakeUp[] = [];

/** The managed Services of a namespace whose selector picks these labels. */
function servicesFor(
  services: readonly KubeObject[],
  labels: Record<string, string> | undefined,
): Set<string> {
  const keys = new Set<string>();
  for (const s of services) {
    const sel = selectorOf(s as Service);
    if (sel && setSelects(sel, labels)) keys.add(qualifiedName(s.metadata.namespace ?? "", s.metadata.name));
  }
  return keys;
}

/**
 * Whether any of a namespace's Services has a selector, once per list (the store hands out a
 * new array after any change of the kind): `default` always holds the `kubernetes` Service,
 * which selects nothing, and without this every pod change would be weighed against it.
 */
const selecting = new WeakMap<readonly KubeObject[], boolean>();
function anySelector(services: readonly KubeObject[]): boolean {
  if (services.length === 0) return false;
  let any = selecting.get(services);
  if (any === undefined) selecting.set(services, (any = services.some((s) => selectorOf(s as Service))));
  return any;
}

/**
 * The pod informer's handlers (addPod, updatePod, deletePod): the Services to sync. A pod
 * whose labels changed wakes the Services it left and joined (all of both when it changed
 * otherwise too).
 */
export function servicesToUpdate(ev: WatchEvent, store: StoreView): WakeUp[] {
  const pod = ev.object as Pod;
  const services = store.list("Service", pod.metadata.namespace ?? "");
  if (!anySelector(services)) return NONE;
  const old = ev.old as Pod | undefined;
  let keys: Set<string>;
  if (ev.type !== "MODIFIED" || !old) keys = servicesFor(services, pod.metadata.labels);
  else {
    if (old.metadata.resourceVersion === pod.metadata.resourceVersion) return NONE;
    const [changed, labelsChanged] = podEndpointsChanged(old, pod);
    if (!changed && !labelsChanged) return NONE;
    keys = servicesFor(services, pod.metadata.labels);
    if (labelsChanged) {
      const before = servicesFor(services, old.metadata.labels);
      if (changed) for (const k of before) keys.add(k);
      else {
        // determineNeededServiceUpdates: the disjunctive union.
        const both = [...keys].filter((k) => before.has(k));
        for (const k of before) keys.add(k);
        for (const k of both) keys.delete(k);
      }
    }
  }
  return keys.size === 0 ? NONE : [...keys].map((key) => ({ key }));
}

/**
 * `servicesToUpdate` over a cohort's changes (controller.ts `CohortRoute`): a run of changes in
 * one namespace whose Services select nothing — `default` with only the `kubernetes` Service —
 * is passed over with one look-up, where routed change by change each was weighed on its own;
 * a cohort in a cluster whose Services select nothing, with one look-up in all.
 * No Service is written inside a cohort, so the list is the one each change would have read.
 */
export function servicesToUpdateInCohort(
  changes: readonly WatchEvent[],
  store: StoreView,
  out: CohortWakes,
): void {
  // No Service of any namespace selects (a fresh cluster's `kubernetes` alone): no change's
  // namespace has one, so no change is read at all (each was a pod object loaded for its namespace).
  if (!anySelector(store.listAll("Service"))) return;
  let namespace: string | undefined;
  let selecting = false;
  for (let i = 0; i < changes.length; i++) {
    const ev = changes[i];
    const ns = ev.object.metadata.namespace ?? "";
    if (ns !== namespace) {
      namespace = ns;
      selecting = anySelector(store.list("Service", ns));
    }
    if (!selecting) continue;
    const wakes = servicesToUpdate(ev, store);
    for (let j = 0; j < wakes.length; j++) out.push(i, wakes[j]);
  }
}

/**
 * TriggerTimeTracker: per Service, the pods' Ready transition times and the Service's
 * creation time seen at its last sync. The trigger time is the Service's creation at its
 * first sync, then the earliest of those times that moved since (none: the annotation goes).
 */
export class TriggerTimeTracker {
  private readonly states = new Map<string, { service: Time; pods: Map<string, Time> }>();

  compute(key: string, svc: Service, pods: readonly Pod[]): Time | undefined {
    const state = this.states.get(key);
    let min: Time | undefined;
    const podTimes = new Map<string, Time>();
    for (const p of pods) {
      const t = p.status.conditions?.find((c) => c.type === "Ready")?.lastTransitionTime;
      if (t === undefined) continue;
      podTimes.set(p.metadata.name, t);
      const before = state?.pods.get(p.metadata.name);
      if (before === undefined || t > before) min = min === undefined ? t : Math.min(min, t);
    }
    const created = svc.metadata.creationTimestamp ?? 0;
    if (!state || created > state.service) min = min === undefined ? created : Math.min(min, created);
    this.states.set(key, { service: created, pods: podTimes });
    return state ? min : created;
  }

  forget(key: string): void {
    this.states.delete(key);
  }
}

/**
 * The namespace is being deleted: upstream's create then fails (NamespaceLifecycle) and the
 * controllers drop the item without an event, so here they do not try.
 */
export function namespaceTerminating(store: StoreView, namespace: string): boolean {
  return store.get("Namespace", "", namespace)?.metadata.deletionTimestamp !== undefined;
}

/** FNV-1a over a string's code units: a seed for a stream of the Service's own. */
function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/**
 * A stream for what a controller creates for a Service (its Endpoints, its slices' names and
 * uids): seeded from the Service's uid and the object's role, apart from the run's generator.
 */
export function streamFor(svc: Service, role: string): Rng {
  return mulberry32(fnv(`${svc.metadata.uid ?? svc.metadata.name}/${role}`));
}
