/**
 * The endpoints controller and the EndpointSlice controller
 * (pkg/controller/endpoint/endpoints_controller.go syncService,
 * staging/src/k8s.io/endpointslice reconciler.go), run in a Simulation: a Deployment behind a
 * Service, its pods going Ready, scaled down, the Service deleted.
 */
import { describe, expect, it } from "vitest";
import { Simulation } from "../../src/engine/simulation.ts";
import { repackSubsets, type EndpointSubset } from "../../src/engine/controllers/endpoints/repack.ts";
import {
  MAX_CAPACITY,
  syncEndpoints,
  truncateEndpoints,
} from "../../src/engine/controllers/endpoints/index.ts";
import { syncEndpointSlices } from "../../src/engine/controllers/endpointslice/index.ts";
import type { ControllerContext } from "../../src/engine/controller.ts";
import { findPort, TriggerTimeTracker } from "../../src/engine/controllers/endpoints/util.ts";
import type { KubeObject, Pod } from "../../src/k8s/types.ts";

const deployment = (replicas: number, labels: Record<string, string> = { app: "web" }) =>
  ({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", namespace: "default" },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [
            {
              name: "web",
              image: "nginx:1.25",
              ports: [{ name: "http", containerPort: 8080 }],
              readinessProbe: { httpGet: { path: "/", port: 8080 }, initialDelaySeconds: 5 },
            },
          ],
        },
      },
    },
  }) as unknown as KubeObject;

const service = (spec: Record<string, unknown> = {}, labels: Record<string, string> = { tier: "front" }) =>
  ({
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "web", namespace: "default", labels },
    spec: { selector: { app: "web" }, ports: [{ name: "http", port: 80, targetPort: "http" }], ...spec },
  }) as unknown as KubeObject;

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function cluster(...objects: KubeObject[]): Simulation {
  const s = new Simulation();
  for (const o of objects) {
    const r = s.api.create(o);
    expect("reason" in r ? r.message : "").toBe("");
  }
  return s;
}

const endpoints = (s: Simulation) => s.api.get("Endpoints", "default", "web") as unknown as Obj | undefined;
/** The controller's slices: not the `kubernetes` Service's, which the API server writes (defaultServices.ts). */
const slices = (s: Simulation) =>
  (s.api.list("EndpointSlice", "default") as unknown as Obj[]).filter(
    (x) =>
      x.metadata.labels?.["endpointslice.kubernetes.io/managed-by"] === "endpointslice-controller.k8s.io",
  );
const pods = (s: Simulation) => s.api.list("Pod", "default") as readonly Pod[];

describe("the endpoints controller", () => {
  it("lists a Service's pods as not ready, then ready, sorted by IP, on the port the named targetPort resolves to", () => {
    const s = cluster(deployment(3), service());
    // The pods have their IPs at 3 s (image pulled) and are Ready after 5 s and a probe.
    s.runUntil(5);
    const early = endpoints(s);
    // syncService: pods with an IP that are not Ready go to notReadyAddresses.
    expect(early?.subsets).toHaveLength(1);
    expect(early?.subsets[0].addresses).toBeUndefined();
    expect(early?.subsets[0].notReadyAddresses).toHaveLength(3);
    s.runUntil(30);
    const ep = endpoints(s) as Obj;
    const ips = ep.subsets[0].addresses.map((a: Obj) => a.ip);
    // SortSubsets: addresses by IP (byte order).
    expect(ips).toEqual([...ips].sort());
    expect(new Set(ips)).toEqual(new Set(pods(s).map((p) => p.status.podIP)));
    // FindPort: targetPort "http" is the container's named port 8080.
    expect(ep.subsets[0].ports).toEqual([{ name: "http", port: 8080, protocol: "TCP" }]);
    expect(ep.metadata.labels).toEqual({ tier: "front" });
    const pod = pods(s).find((p) => p.status.podIP === ips[0]) as Pod;
    expect(ep.subsets[0].addresses[0]).toEqual({
      ip: ips[0],
      nodeName: pod.spec.nodeName,
      targetRef: { kind: "Pod", namespace: "default", name: pod.metadata.name, uid: pod.metadata.uid },
    });
  });

  it("stamps the last-change-trigger-time: the Service's creation first, then the earliest Ready transition since", () => {
    const s = cluster(deployment(2), service());
    s.runUntil(1);
    expect(endpoints(s)?.metadata.annotations).toEqual({
      "endpoints.kubernetes.io/last-change-trigger-time": "2024-01-01T00:00:00Z",
    });
    s.runUntil(30);
    const readySince = Math.min(
      ...pods(s).map((p) => p.status.conditions?.find((c) => c.type === "Ready")?.lastTransitionTime ?? 0),
    );
    expect(readySince).toBeGreaterThan(0);
    const at = new Date(Date.UTC(2024, 0, 1) + Math.floor(readySince) * 1000)
      .toISOString()
      .replace(".000", "");
    expect(endpoints(s)?.metadata.annotations["endpoints.kubernetes.io/last-change-trigger-time"]).toBe(at);
  });

  it("does not write again when nothing it publishes changed", () => {
    const s = cluster(deployment(2), service());
    s.runUntil(30);
    const rv = endpoints(s)?.metadata.resourceVersion;
    // Pod status writes that change no address (container restarts counted, etc.) wake nothing.
    s.runUntil(120);
    expect(endpoints(s)?.metadata.resourceVersion).toBe(rv);
  });

  it("leaves terminating pods out (but publishNotReadyAddresses keeps them, as ready addresses)", () => {
    const s = cluster(deployment(3), service());
    s.runUntil(30);
    s.api.update({
      ...(s.api.get("Deployment", "default", "web") as Obj),
      spec: { ...(s.api.get("Deployment", "default", "web") as Obj).spec, replicas: 1 },
    } as KubeObject);
    s.runUntil(30.5);
    const terminating = pods(s).filter((p) => p.metadata.deletionTimestamp !== undefined);
    expect(terminating).toHaveLength(2);
    expect(endpoints(s)?.subsets[0].addresses).toHaveLength(1);

    const t = cluster(deployment(3), service({ publishNotReadyAddresses: true }));
    t.runUntil(5);
    // Not Ready yet, but published as ready addresses.
    expect(endpoints(t)?.subsets[0].addresses).toHaveLength(3);
    t.runUntil(30);
    t.api.update({
      ...(t.api.get("Deployment", "default", "web") as Obj),
      spec: { ...(t.api.get("Deployment", "default", "web") as Obj).spec, replicas: 1 },
    } as KubeObject);
    t.runUntil(30.5);
    expect(endpoints(t)?.subsets[0].addresses).toHaveLength(3);
  });

  it("labels a headless Service's Endpoints and keeps a selector-less Service's hand-written ones", () => {
    const s = cluster(deployment(1), service({ clusterIP: "None" }));
    s.runUntil(10);
    expect(endpoints(s)?.metadata.labels).toEqual({ tier: "front", "service.kubernetes.io/headless": "" });

    const manual = {
      apiVersion: "v1",
      kind: "Endpoints",
      metadata: { name: "web", namespace: "default" },
      subsets: [{ addresses: [{ ip: "192.0.2.10" }], ports: [{ port: 5432 }] }],
    } as unknown as KubeObject;
    const t = cluster(deployment(1), service({ selector: undefined }), manual);
    t.runUntil(10);
    expect(endpoints(t)?.subsets).toEqual([{ addresses: [{ ip: "192.0.2.10" }], ports: [{ port: 5432 }] }]);
  });

  it("deletes the Endpoints with the Service, and writes them again when someone deletes them", () => {
    const s = cluster(deployment(1), service());
    s.runUntil(10);
    const uid = endpoints(s)?.metadata.uid;
    s.api.delete("Endpoints", "default", "web");
    s.runUntil(11);
    expect(endpoints(s)).toBeDefined();
    expect(endpoints(s)?.metadata.uid).not.toBe(uid);
    s.api.delete("Service", "default", "web");
    s.runUntil(12);
    expect(endpoints(s)).toBeUndefined();
  });

  it("does not try to create in a namespace being deleted (upstream's create fails there and is dropped)", () => {
    const base = service() as unknown as { spec: Record<string, unknown> };
    const svc = {
      ...base,
      metadata: { name: "web", namespace: "prod", uid: "u1", creationTimestamp: 0 },
      // As the API server allocates them: one address type, one placeholder slice.
      spec: { ...base.spec, clusterIP: "10.96.0.10", ipFamilies: ["IPv4"] },
    };
    const namespace = (deleting: boolean) => ({
      kind: "Namespace",
      metadata: { name: "prod", ...(deleting ? { deletionTimestamp: 5 } : {}) },
    });
    const ctx = (deleting: boolean) =>
      ({
        now: 10,
        store: {
          get: (kind: string, _ns: string, name: string) =>
            kind === "Namespace"
              ? namespace(deleting)
              : kind === "Service" && name === "web"
                ? svc
                : undefined,
          list: () => [],
          listAll: () => [],
        },
      }) as unknown as ControllerContext;
    expect(syncEndpoints(ctx(false), "prod/web", new TriggerTimeTracker()).writes.map((w) => w.op)).toEqual([
      "create",
    ]);
    expect(syncEndpoints(ctx(true), "prod/web", new TriggerTimeTracker()).writes).toEqual([]);
    // The placeholder slice of a Service without pods.
    expect(
      syncEndpointSlices(ctx(false), "prod/web", new TriggerTimeTracker()).writes.map((w) => w.op),
    ).toEqual(["create"]);
    expect(syncEndpointSlices(ctx(true), "prod/web", new TriggerTimeTracker()).writes).toEqual([]);
  });

  it("creates its objects without drawing from the run's generator: the pods are named as beside a Service it leaves alone", () => {
    const withService = cluster(deployment(3), service());
    const without = cluster(deployment(3), service({ selector: undefined }));
    withService.runUntil(60);
    without.runUntil(60);
    expect(pods(withService).map((p) => [p.metadata.name, p.metadata.uid])).toEqual(
      pods(without).map((p) => [p.metadata.name, p.metadata.uid]),
    );
  });
});

describe("RepackSubsets and truncateEndpoints (pkg/api/v1/endpoints/util.go, endpoints_controller.go)", () => {
  const addr = (ip: string, uid: string) => ({
    ip,
    targetRef: { kind: "Pod", namespace: "default", name: uid, uid },
  });
  const port = { port: 8080, protocol: "TCP" };

  it("folds one subset per pod into one, not ready winning over ready, addresses by IP in byte order", () => {
    const out = repackSubsets([
      { addresses: [addr("10.0.0.9", "a")], ports: [port] },
      { addresses: [addr("10.0.0.10", "b")], ports: [port] },
      { notReadyAddresses: [addr("10.0.0.11", "c")], ports: [port] },
    ]);
    expect(out).toEqual([
      {
        addresses: [addr("10.0.0.10", "b"), addr("10.0.0.9", "a")],
        notReadyAddresses: [addr("10.0.0.11", "c")],
        ports: [port],
      },
    ]);
    const both = repackSubsets([
      { addresses: [addr("10.0.0.1", "a")], ports: [port] },
      { notReadyAddresses: [addr("10.0.0.1", "a")], ports: [port] },
    ]);
    expect(both).toEqual([{ notReadyAddresses: [addr("10.0.0.1", "a")], ports: [port] }]);
  });

  it("keeps the addresses of a headless Service without ports (the Port -1 sentinel)", () => {
    expect(repackSubsets([{ addresses: [addr("10.0.0.1", "a")], ports: [] }])).toEqual([
      { addresses: [addr("10.0.0.1", "a")] },
    ]);
  });

  it("gives two pods offering different ports a subset each", () => {
    const out = repackSubsets([
      { addresses: [addr("10.0.0.1", "a")], ports: [{ port: 8080, protocol: "TCP" }] },
      { addresses: [addr("10.0.0.2", "b")], ports: [{ port: 9090, protocol: "TCP" }] },
    ]);
    expect(out).toHaveLength(2);
    expect(out.map((ss) => ss.ports?.[0].port).sort()).toEqual([8080, 9090]);
  });

  it("cuts over 1000 addresses: ready ones kept first, not-ready ones share what is left", () => {
    const many = (n: number, from: number) =>
      Array.from({ length: n }, (_, i) =>
        addr(`10.1.${(from + i) >> 8}.${(from + i) & 255}`, `u${from + i}`),
      );
    const subsets: EndpointSubset[] = [
      { addresses: many(900, 0), notReadyAddresses: many(300, 900), ports: [port] },
    ];
    expect(truncateEndpoints(subsets)).toBe(true);
    expect(subsets[0].addresses).toHaveLength(900);
    expect(subsets[0].notReadyAddresses).toHaveLength(MAX_CAPACITY - 900);
    const ready: EndpointSubset[] = [
      { addresses: many(1200, 0), notReadyAddresses: many(5, 1200), ports: [port] },
    ];
    expect(truncateEndpoints(ready)).toBe(true);
    expect(ready[0].addresses).toHaveLength(MAX_CAPACITY);
    expect(ready[0].notReadyAddresses).toBeUndefined();
    expect(truncateEndpoints([{ addresses: many(10, 0), ports: [port] }])).toBe(false);
  });

  it("FindPort: a number as it is, a name among the containers' ports of the Service port's protocol", () => {
    const pod = {
      spec: {
        containers: [
          {
            name: "c",
            image: "x",
            ports: [
              { name: "dns", containerPort: 53, protocol: "UDP" },
              { name: "http", containerPort: 8080 },
            ],
          },
        ],
      },
    } as unknown as Pod;
    expect(findPort(pod, { port: 80, targetPort: 9000 })).toBe(9000);
    expect(findPort(pod, { port: 80, targetPort: "http", protocol: "TCP" })).toBe(8080);
    expect(findPort(pod, { port: 53, targetPort: "dns", protocol: "TCP" })).toBeUndefined();
    expect(findPort(pod, { port: 53, targetPort: "dns", protocol: "UDP" })).toBe(53);
  });
});

describe("the EndpointSlice controller", () => {
  it("writes one slice named <service>-xxxxx, owned by the Service, with the managed-by and service-name labels", () => {
    const s = cluster(deployment(3), service());
    s.runUntil(30);
    const all = slices(s);
    expect(all).toHaveLength(1);
    const [slice] = all;
    expect(slice.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(slice.metadata.labels).toEqual({
      "endpointslice.kubernetes.io/managed-by": "endpointslice-controller.k8s.io",
      "kubernetes.io/service-name": "web",
      tier: "front",
    });
    const svc = s.api.get("Service", "default", "web") as KubeObject;
    expect(slice.metadata.ownerReferences).toEqual([
      {
        apiVersion: "v1",
        kind: "Service",
        name: "web",
        uid: svc.metadata.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    expect(slice.addressType).toBe("IPv4");
    expect(slice.ports).toEqual([{ name: "http", protocol: "TCP", port: 8080 }]);
    expect(slice.endpoints).toHaveLength(3);
    for (const e of slice.endpoints)
      expect(e.conditions).toEqual({ ready: true, serving: true, terminating: false });
  });

  it("keeps terminating pods, with terminating: true, ready: false and serving as the pod's Ready, until they are gone", () => {
    const s = cluster(deployment(3), service());
    s.runUntil(30);
    const d = s.api.get("Deployment", "default", "web") as Obj;
    s.api.update({ ...d, spec: { ...d.spec, replicas: 1 } } as KubeObject);
    s.runUntil(30.5);
    const terminating = slices(s)[0].endpoints.filter((e: Obj) => e.conditions.terminating);
    expect(terminating).toHaveLength(2);
    for (const e of terminating) {
      const pod = pods(s).find((p) => p.metadata.name === e.targetRef.name) as Pod;
      const podReady = pod.status.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
      // podToEndpoint: serving is the pod's Ready condition; ready is serving and not terminating.
      expect(e.conditions).toEqual({ ready: false, serving: podReady, terminating: true });
    }
    s.runUntil(120);
    expect(slices(s)[0].endpoints).toHaveLength(1);
  });

  it("splits more than 100 endpoints over slices, and keeps an empty placeholder for a Service without pods", () => {
    const s = cluster(deployment(150), service());
    s.runUntil(60);
    const sizes = slices(s)
      .map((x) => x.endpoints.length)
      .sort((a: number, b: number) => b - a);
    expect(sizes).toEqual([100, 50]);
    const t = cluster(service());
    t.runUntil(5);
    expect(slices(t)).toHaveLength(1);
    expect(slices(t)[0].endpoints).toEqual([]);
    expect(slices(t)[0].ports).toEqual([]);
  });

  it("goes with its Service (the garbage collector follows the owner reference)", () => {
    const s = cluster(deployment(2), service());
    s.runUntil(30);
    expect(slices(s)).toHaveLength(1);
    s.api.delete("Service", "default", "web");
    s.runUntil(31);
    expect(slices(s)).toEqual([]);
  });

  it("writes nothing in a cluster with only its default Services: the kubernetes endpoints stay the API server's", () => {
    const s = cluster(deployment(3));
    const before = [...s.api.listAll("Endpoints"), ...s.api.listAll("EndpointSlice")];
    // Only the kubernetes Service's, which no controller manages (it has no selector); kube-dns
    // selects no pod and its Service has not changed, so nothing syncs it.
    expect(before.map((o) => `${o.kind} ${o.metadata.namespace}/${o.metadata.name}`)).toEqual([
      "Endpoints default/kubernetes",
      "EndpointSlice default/kubernetes",
    ]);
    s.runUntil(60);
    expect([...s.api.listAll("Endpoints"), ...s.api.listAll("EndpointSlice")]).toEqual(before);
  });
});
