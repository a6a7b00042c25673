/**
 * kube-apiserver's kubernetesservice controller (pkg/controlplane/controller/kubernetesservice/
 * controller.go Run → UpdateKubernetesService, every EndpointInterval: pkg/controlplane/
 * instance.go DefaultEndpointReconcilerInterval, 10 s). Each round it creates `default/kubernetes`
 * if it is missing (CreateOrUpdateMasterServiceIfNeeded: 10.96.0.1, port https 443 → 6443; a
 * Service that exists is left as it is) and reconciles its Endpoints through the lease reconciler
 * (pkg/controlplane/reconcilers/lease.go doReconcile, reconcilePorts false after the first
 * round): created when missing; one subset listing the API server's address, with
 * endpointslice.kubernetes.io/skip-mirror; the EndpointSlice made from them
 * (endpointsadapter.go EnsureEndpointSliceFromEndpoints) created or replaced when its endpoints,
 * ports or labels differ.
 *
 * The rounds run from the API server's start (t = 0: the objects are there from the start,
 * defaultServices.ts) every 10 s. Instead of a sync every 10 s of every run, a change of one of
 * the three objects (a delete, an edit) wakes the controller, which acts at the next round after
 * it. Example: `kubectl delete svc kubernetes` at 3s; the endpoints controller deletes its
 * Endpoints at once (endpoints_controller.go syncService: the Service is gone); at 10s both are
 * back, the Service with a new uid. A write the API server refuses (10.96.0.1 taken by a user's
 * Service meanwhile) is tried again each round, as the controller logs the error and goes on.
 */
import { canonicalJSON } from "../../../k8s/hash.ts";
import type { KubeObject } from "../../../k8s/types.ts";
import type { Controller, ControllerContext, WakeUp, Write } from "../../controller.ts";
import { emptyResult } from "../../controller.ts";
import {
  API_SERVER_ADDRESS,
  fnv,
  kubernetesEndpoints,
  kubernetesEndpointSlice,
  kubernetesService,
} from "../../defaultServices.ts";
import { mulberry32 } from "../../rng.ts";
import type { WatchEvent } from "../../store.ts";

/** DefaultEndpointReconcilerInterval. */
export const ENDPOINT_INTERVAL = 10;
const NAMESPACE = "default";
const NAME = "kubernetes";
const SKIP_MIRROR = "endpointslice.kubernetes.io/skip-mirror";

interface Subset {
  addresses?: { ip: string }[];
  notReadyAddresses?: { ip: string }[];
  ports?: { name?: string; port: number; protocol?: string }[];
}
type EndpointsObject = KubeObject & { subsets?: Subset[] };

const NONE: readonly WakeUp[] = [];
const WAKE: readonly WakeUp[] = [{ key: NAME }];

/** A change of the `kubernetes` Endpoints or EndpointSlice wakes the controller. */
const ours = (ev: WatchEvent): readonly WakeUp[] =>
  ev.object.metadata.name === NAME && ev.object.metadata.namespace === NAMESPACE ? WAKE : NONE;

/** A uid stream of its own per object and instant: a recreated object moves no other uid or name. */
const uidsFor = (kind: string, now: number) => mulberry32(fnv(`${NAMESPACE}/${kind} ${NAME} ${now}`));

/**
 * doReconcile's Endpoints for the one API server, or undefined when the stored ones are right:
 * the skip-mirror label set; one subset (else it is remade with the ports); its addresses the
 * API server's (else replaced, the ports kept).
 */
export function reconciledEndpoints(current: EndpointsObject | undefined): EndpointsObject | undefined {
  if (current === undefined) return structuredClone(kubernetesEndpoints) as unknown as EndpointsObject;
  const skipMirrorChanged = current.metadata.labels?.[SKIP_MIRROR] !== "true";
  const subsets = current.subsets ?? [];
  const formatCorrect = subsets.length === 1;
  const addresses = formatCorrect ? (subsets[0].addresses ?? []) : [];
  const ipsCorrect = formatCorrect && addresses.length === 1 && addresses[0].ip === API_SERVER_ADDRESS;
  if (!skipMirrorChanged && formatCorrect && ipsCorrect) return undefined;
  const next = structuredClone(current);
  next.metadata.labels = { ...next.metadata.labels, [SKIP_MIRROR]: "true" };
  if (!formatCorrect) next.subsets = structuredClone(kubernetesEndpoints.subsets);
  else if (!ipsCorrect) next.subsets = [{ ...next.subsets![0], addresses: [{ ip: API_SERVER_ADDRESS }] }];
  return next;
}

/** endpointSliceFromEndpoints: the slice's endpoints, ports and labels. */
function sliceFrom(endpoints: EndpointsObject): Pick<typeof kubernetesEndpointSlice, "endpoints" | "ports"> {
  const subset = endpoints.subsets?.length === 1 ? endpoints.subsets[0] : undefined;
  const of = (ips: { ip: string }[] | undefined, ready: boolean) =>
    (ips ?? []).map((a) => ({ addresses: [a.ip], conditions: { ready } }));
  return {
    endpoints: [...of(subset?.addresses, true), ...of(subset?.notReadyAddresses, false)],
    ports: (subset?.ports ?? []).map((p) => ({
      name: p.name ?? "",
      port: p.port,
      protocol: p.protocol ?? "TCP",
    })),
  };
}

const same = (a: unknown, b: unknown) => canonicalJSON(a ?? null) === canonicalJSON(b ?? null);

/** One round of UpdateKubernetesService: the writes that put the three objects right. */
export function kubernetesServiceWrites(ctx: ControllerContext): Write[] {
  const { store, now } = ctx;
  const writes: Write[] = [];
  if (!store.get("Namespace", "", NAMESPACE)) return writes;
  const create = (raw: object, kind: string): Write => ({
    op: "create",
    object: structuredClone(raw) as KubeObject,
    uids: uidsFor(kind, now),
  });
  if (!store.get("Service", NAMESPACE, NAME)) writes.push(create(kubernetesService, "Service"));
  const current = store.get("Endpoints", NAMESPACE, NAME) as EndpointsObject | undefined;
  const endpoints = reconciledEndpoints(current);
  if (endpoints !== undefined)
    writes.push(current ? { op: "update", object: endpoints } : create(endpoints, "Endpoints"));
  const want = sliceFrom(endpoints ?? current!);
  const slice = store.get("EndpointSlice", NAMESPACE, NAME) as (KubeObject & typeof want) | undefined;
  const labels = kubernetesEndpointSlice.metadata.labels;
  if (!slice) writes.push(create({ ...kubernetesEndpointSlice, ...want }, "EndpointSlice"));
  else if (
    !same(slice.endpoints, want.endpoints) ||
    !same(slice.ports, want.ports) ||
    !same(slice.metadata.labels, labels)
  )
    writes.push({
      op: "update",
      object: {
        ...structuredClone(slice),
        ...want,
        metadata: { ...structuredClone(slice.metadata), labels },
      },
    });
  return writes;
}

/**
 * The controller as the engine runs it, keyed by the `kubernetes` Service (a change of another
 * Service reaches it as its own key and does nothing). `due` is the round it waits for.
 */
export function kubernetesServiceController(): Controller {
  let due: number | undefined;
  return {
    name: "kubernetesservice",
    kind: "Service",
    watches: [
      { kind: "Endpoints", route: ours, filter: { types: ["MODIFIED", "DELETED"] } },
      { kind: "EndpointSlice", route: ours, filter: { types: ["MODIFIED", "DELETED"] } },
    ],
    reconcile(ctx, key) {
      if (key !== NAME) return emptyResult();
      const writes = kubernetesServiceWrites(ctx);
      if (writes.length === 0) {
        due = undefined;
        return emptyResult();
      }
      // The rounds are at multiples of the interval; one at this instant ran before the change.
      if (due === undefined || due < ctx.now - 1e-9) {
        due = (Math.floor(ctx.now / ENDPOINT_INTERVAL) + 1) * ENDPOINT_INTERVAL;
        return { ...emptyResult(), requeueAfter: due - ctx.now };
      }
      if (ctx.now < due - 1e-9) return emptyResult();
      // The next round looks again: a write refused now is tried then.
      due += ENDPOINT_INTERVAL;
      return { ...emptyResult(), writes, requeueAfter: ENDPOINT_INTERVAL };
    },
  };
}
