import { describe, expect, it } from "vitest";
import type {
  Deployment,
  HorizontalPodAutoscaler,
  Kind,
  KubeObject,
  Pod,
  ReplicaSet,
} from "../../src/k8s/types.ts";
import { SimApiServer, sameJson } from "../../src/engine/apiserver.ts";
import type { Admission } from "../../src/engine/apiserver.ts";
import { isApiError } from "../../src/engine/cluster.ts";
import type { ApiError } from "../../src/engine/cluster.ts";
import { required } from "../../src/k8s/fieldErrors.ts";
import { builtinKinds } from "../../src/k8s/kinds/builtin.ts";
import { generateName } from "../../src/engine/names.ts";
import { mulberry32 } from "../../src/engine/rng.ts";
import { Store } from "../../src/engine/store.ts";
import { pod, podFor, replicaSet } from "./fakes.ts";

function server(admit?: Admission) {
  const store = new Store();
  let now = 0;
  const api = new SimApiServer({
    store,
    kinds: builtinKinds.extend(),
    rng: mulberry32(1),
    clock: () => now,
    admit,
  });
  return { store, api, setNow: (t: number) => (now = t) };
}

function deployment(name: string, replicas = 3): Deployment {
  const rs = replicaSet(name, replicas);
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name },
    spec: {
      replicas,
      selector: rs.spec.selector,
      template: rs.spec.template,
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" } },
      minReadySeconds: 0,
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    },
    status: {},
  };
}

function hpa(name: string): HorizontalPodAutoscaler {
  return {
    apiVersion: "autoscaling/v2",
    kind: "HorizontalPodAutoscaler",
    metadata: { name },
    spec: { scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name }, maxReplicas: 5 },
    status: { currentReplicas: 0, desiredReplicas: 0 },
  };
}

const ok = <T extends KubeObject>(r: KubeObject | ApiError): T => {
  if (isApiError(r)) throw new Error(r.message);
  return r as T;
};

const owned = <T extends KubeObject>(obj: T, owner: KubeObject): T => ({
  ...obj,
  metadata: {
    ...obj.metadata,
    ownerReferences: [
      {
        apiVersion: owner.apiVersion,
        kind: owner.kind,
        name: owner.metadata.name,
        uid: owner.metadata.uid ?? "",
        controller: true,
      },
    ],
  },
});

describe("SimApiServer errors, worded as kube-apiserver (k8s.io/apimachinery/pkg/api/errors NewNotFound/NewAlreadyExists)", () => {
  const objects: [Kind, () => KubeObject, string][] = [
    ["Deployment", () => deployment("web"), "deployments.apps"],
    ["ReplicaSet", () => replicaSet("web", 1), "replicasets.apps"],
    ["Pod", () => pod("web"), "pods"],
    ["HorizontalPodAutoscaler", () => hpa("web"), "horizontalpodautoscalers.autoscaling"],
  ];
  it.each(objects)("%s: AlreadyExists, NotFound on update and delete", (kind, make, resource) => {
    const { api } = server();
    ok(api.create(make()));
    expect(api.create(make())).toEqual({
      reason: "AlreadyExists",
      message: `${resource} "web" already exists`,
    });
    expect(api.delete(kind, "default", "nope")).toEqual({
      reason: "NotFound",
      message: `${resource} "nope" not found`,
    });
    const missing = { ...make(), metadata: { name: "ghost" } } as KubeObject;
    expect(api.update(missing)).toEqual({ reason: "NotFound", message: `${resource} "ghost" not found` });
  });

  it("a nameless object without generateName is Invalid", () => {
    const { api } = server();
    const r = api.create({ ...pod(""), metadata: { name: "" } });
    expect(isApiError(r) && r.reason).toBe("Invalid");
    expect(isApiError(r) && r.message).toBe(
      'Pod "" is invalid: metadata.name: Required value: name or generateName is required',
    );
  });

  it("validation errors (src/k8s admit) come back as Invalid with causes, as the apiserver's Status words them", () => {
    const { api, store } = server();
    const r = api.create(deployment("web", -1));
    expect(r).toEqual({
      reason: "Invalid",
      message:
        'Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
      causes: [{ field: "spec.replicas", message: "Invalid value: -1: must be greater than or equal to 0" }],
    });
    expect(store.listAll("Deployment")).toHaveLength(0);
  });

  it("an injected admission replaces src/k8s's (the engine tested alone)", () => {
    const { api } = server(() => ({ errors: [required("spec.custom", "")] }));
    const r = api.create(pod("p"));
    expect(isApiError(r) && r.message).toBe('Pod "p" is invalid: spec.custom: Required value');
  });
});

describe("SimApiServer create/update (registry strategies)", () => {
  it("create stamps uid, namespace, creationTimestamp, generation 1 and a Pending pod status", () => {
    const { api, setNow } = server();
    setNow(12);
    const d = ok<Deployment>(api.create({ ...deployment("web"), status: { replicas: 99 } }));
    expect(d.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(d.metadata.namespace).toBe("default");
    expect(d.metadata.creationTimestamp).toBe(12);
    expect(d.metadata.generation).toBe(1);
    expect(d.status).toEqual({});
    const p = ok<Pod>(api.create({ ...pod("p"), status: { phase: "Running" } }));
    expect(p.status).toEqual({ phase: "Pending" });
    expect(p.metadata.generation).toBeUndefined();
  });

  it("generateName gets a 5-character suffix", () => {
    const { api } = server();
    const p = ok<Pod>(api.create({ ...pod(""), metadata: { name: "", generateName: "web-abc-" } }));
    expect(p.metadata.name).toMatch(/^web-abc-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it("a generated name already taken is drawn again (registry/store.go Create retries a generated name that exists: RetryGenerateName), and one taken by hand is AlreadyExists", () => {
    const { api, store } = server();
    // The name the server's stream (seed 1) draws first, stored beforehand under that name.
    const first = generateName(mulberry32(1), "web-abc-");
    ok(api.create({ ...pod(first), metadata: { name: first } }));
    const p = ok<Pod>(api.create({ ...pod(""), metadata: { name: "", generateName: "web-abc-" } }));
    expect(p.metadata.name).not.toBe(first);
    expect(p.metadata.name).toMatch(/^web-abc-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(store.count("Pod")).toBe(2);
    const again = api.create({ ...pod(p.metadata.name), metadata: { name: p.metadata.name } });
    expect(isApiError(again) && again.reason).toBe("AlreadyExists");
  });

  it("the caller's object is not kept: changing it later does not change the store", () => {
    const { api } = server();
    const raw = deployment("web");
    ok(api.create(raw));
    raw.spec.replicas = 42;
    expect(api.get("Deployment", "default", "web")?.spec.replicas).toBe(3);
  });

  it("pods of one template share no stored part but the token volume's projection: each is the API server's own copy, none frozen (kinds/pod/admittedSpecs.ts keeps the template's defaulted spec)", () => {
    const { api } = server();
    const rs = replicaSet("web", 2);
    const [a, b] = [ok<Pod>(api.create(podFor(rs))), ok<Pod>(api.create(podFor(rs)))];
    // Equal but for the ServiceAccount plug-in's token volume, named per pod.
    const unnamed = (p: Pod) => JSON.stringify(p.spec).replaceAll(/kube-api-access-\w{5}/g, "");
    expect(unnamed(b)).toBe(unnamed(a));
    expect(b.spec.volumes).not.toBe(a.spec.volumes);
    // TokenVolumeSource is one frozen object (serviceAccount/admission.ts): a pod's volumes never change.
    const projected = (p: Pod) => (p.spec.volumes as { projected?: object }[])[0].projected;
    expect(projected(b)).toBe(projected(a));
    expect(Object.isFrozen(projected(a))).toBe(true);
    expect(b.spec).not.toBe(a.spec);
    expect(b.spec.containers).not.toBe(a.spec.containers);
    expect(Object.isFrozen(b.spec.containers[0])).toBe(false);
    // The stored spec can be changed by whoever holds it without touching another pod's.
    b.spec.containers[0].image = "nginx:changed";
    expect(a.spec.containers[0].image).not.toBe("nginx:changed");
  });

  it.each([
    ["spec change bumps generation", (d: Deployment) => ({ ...d, spec: { ...d.spec, replicas: 5 } }), 2],
    [
      "metadata-only change keeps generation",
      (d: Deployment) => ({ ...d, metadata: { ...d.metadata, labels: { team: "a" } } }),
      1,
    ],
    ["a status sent with update is ignored", (d: Deployment) => ({ ...d, status: { replicas: 7 } }), 1],
  ])("update: %s", (_n, change, generation) => {
    const { api } = server();
    const d = ok<Deployment>(api.create(deployment("web")));
    const u = ok<Deployment>(api.update(change(structuredClone(d))));
    expect(u.metadata.generation).toBe(generation);
    expect(u.status).toEqual({});
    expect(u.metadata.uid).toBe(d.metadata.uid);
    expect(u.metadata.creationTimestamp).toBe(d.metadata.creationTimestamp);
  });

  it("a no-op update keeps the resourceVersion and wakes no watcher", () => {
    const { api, store } = server();
    const d = ok<Deployment>(api.create(deployment("web")));
    let events = 0;
    store.watch(() => events++);
    const again = ok<Deployment>(api.update(structuredClone(d)));
    expect(again.metadata.resourceVersion).toBe(d.metadata.resourceVersion);
    expect(ok<Deployment>(api.updateStatus(structuredClone(d))).metadata.resourceVersion).toBe(
      d.metadata.resourceVersion,
    );
    expect(events).toBe(0);
  });

  it("updateStatus changes only the status and not generation", () => {
    const { api } = server();
    const rs = ok<ReplicaSet>(api.create(replicaSet("web", 2)));
    const sent = structuredClone(rs);
    sent.spec.replicas = 9;
    sent.status = { replicas: 2, readyReplicas: 1 };
    const u = ok<ReplicaSet>(api.updateStatus(sent));
    expect(u.spec.replicas).toBe(2);
    expect(u.status).toEqual({ replicas: 2, readyReplicas: 1 });
    expect(u.metadata.generation).toBe(1);
    expect(Number(u.metadata.resourceVersion)).toBeGreaterThan(Number(rs.metadata.resourceVersion));
  });
});

describe("SimApiServer updateOwnStatus (the kubelet's status writes)", () => {
  it("stores the status as given, the rest of the stored object kept, with a new resourceVersion", () => {
    const { api, store } = server();
    const p = ok<Pod>(api.create(pod("web-1")));
    const seen: string[] = [];
    store.watch((e) => seen.push(e.type));
    const status = { ...p.status, phase: "Running" as const, podIP: "10.244.0.7" };
    const u = api.updateOwnStatus(p, status);
    expect(u.status).toBe(status);
    expect(u.spec).toBe(p.spec);
    expect({ ...u.metadata, resourceVersion: p.metadata.resourceVersion }).toEqual(p.metadata);
    expect(Number(u.metadata.resourceVersion)).toBeGreaterThan(Number(p.metadata.resourceVersion));
    expect(store.get("Pod", "default", "web-1")).toBe(u);
    expect(seen).toEqual(["MODIFIED"]);
  });

  it("an equal status is no write: the stored object back, no resourceVersion, no watch event (as updateStatus)", () => {
    const { api, store } = server();
    const p = ok<Pod>(api.create(pod("web-1")));
    let events = 0;
    store.watch(() => events++);
    // Key order and undefined-valued keys do not make a change (the JSON is the same).
    const same = api.updateOwnStatus(p, { podIP: undefined, ...structuredClone(p.status) });
    expect(same).toBe(p);
    expect(events).toBe(0);
    expect(store.nextResourceVersion()).toBe(String(Number(p.metadata.resourceVersion) + 1));
  });

  it("with the caller's word that the status changed: stored as the comparison would store it, without it", () => {
    const status = (p: Pod) => ({ ...p.status, phase: "Running" as const, podIP: "10.244.0.7" });
    const compared = server();
    const told = server();
    const a = ok<Pod>(compared.api.create(pod("web-1")));
    const b = ok<Pod>(told.api.create(pod("web-1")));
    const seen: string[] = [];
    told.store.watch((e) => seen.push(e.type));
    const u = told.api.updateOwnStatus(b, status(b), true);
    expect(JSON.stringify(u)).toBe(JSON.stringify(compared.api.updateOwnStatus(a, status(a))));
    expect(told.store.get("Pod", "default", "web-1")).toBe(u);
    expect(seen).toEqual(["MODIFIED"]);
    // The word is taken, not checked: an equal status said to be a change is stored anew.
    const again = told.api.updateOwnStatus(u, structuredClone(u.status), true);
    expect(again).not.toBe(u);
    expect(Number(again.metadata.resourceVersion)).toBe(Number(u.metadata.resourceVersion) + 1);
  });
});

describe("sameJson (the API server's no-op test: etcd3 GuaranteedUpdate skips identical objects)", () => {
  it.each([
    [{ a: 1, b: [1, { c: "x" }] }, { b: [1, { c: "x" }], a: 1 }, true],
    [{ a: 1, b: undefined }, { a: 1 }, true],
    [{ a: 1 }, { a: 1, b: undefined }, true],
    [{ a: 1 }, { a: 1, b: 2 }, false],
    [{ a: 1, b: 2 }, { a: 1 }, false],
    [{ a: 1, b: 2 }, { a: 1, c: 2 }, false],
    [{ a: [1, 2] }, { a: [1, 2, 3] }, false],
    [{ a: [] }, { a: {} }, false],
    [{ a: null }, { a: {} }, false],
    [{ a: { b: undefined } }, { a: {} }, true],
    [{ a: null }, {}, false],
    [{ a: 1, b: undefined, c: 2 }, { c: 2, a: 1 }, true],
    [{ a: { x: 1 }, b: 1 }, { a: { x: 2 }, b: 1 }, false],
    [{ a: 1, b: 2 }, { b: 2, a: 1, c: undefined, d: null }, false],
  ])("%j and %j: %s", (a, b, same) => {
    expect(sameJson(a, b)).toBe(same);
    expect(sameJson(b, a)).toBe(same);
    // The rule it implements: the same JSON text once keys are sorted.
    const text = (v: unknown) =>
      JSON.stringify(v, (_, x) =>
        x && typeof x === "object" && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort()) : x,
      );
    expect(text(a) === text(b)).toBe(same);
  });
});

describe("SimApiServer delete", () => {
  it("a scheduled pod gets deletionTimestamp and its grace period and stays; a second delete is a no-op", () => {
    const { api, setNow } = server();
    ok(api.create(pod("p", { grace: 45 })));
    api.bind("default", "p", "node-1");
    setNow(7);
    expect(api.delete("Pod", "default", "p")).toBeUndefined();
    const p = api.get("Pod", "default", "p")!;
    // rest/delete.go BeforeDelete: deletionTimestamp = now + the grace period (when it should be gone).
    expect(p.metadata.deletionTimestamp).toBe(52);
    expect(p.metadata.deletionGracePeriodSeconds).toBe(45);
    setNow(8);
    expect(api.delete("Pod", "default", "p")).toBeUndefined();
    expect(api.get("Pod", "default", "p")?.metadata.deletionTimestamp).toBe(52);
    // A shorter period moves it back by the difference: 52 - 45 + 5.
    expect(api.delete("Pod", "default", "p", { gracePeriodSeconds: 5 })).toBeUndefined();
    expect(api.get("Pod", "default", "p")?.metadata).toMatchObject({
      deletionTimestamp: 12,
      deletionGracePeriodSeconds: 5,
    });
  });

  it("grace defaults to 30 s; an unscheduled pod goes at once", () => {
    const { api } = server();
    ok(api.create(pod("bound")));
    api.bind("default", "bound", "node-2");
    ok(api.create(pod("unbound")));
    api.delete("Pod", "default", "bound");
    api.delete("Pod", "default", "unbound");
    expect(api.get("Pod", "default", "bound")?.metadata.deletionGracePeriodSeconds).toBe(30);
    expect(api.get("Pod", "default", "unbound")).toBeUndefined();
  });

  it("deleting a Deployment cascades (background): its ReplicaSets go, their pods start terminating", () => {
    const { api, setNow } = server();
    const d = ok<Deployment>(api.create(deployment("web")));
    const rs = ok<ReplicaSet>(api.create(owned(replicaSet("web-1", 2), d)));
    const other = ok<ReplicaSet>(api.create(replicaSet("other", 1)));
    for (const n of ["a", "b"]) {
      ok(api.create(owned(pod(n), rs)));
      api.bind("default", n, "node-1");
    }
    ok(api.create(owned(pod("c"), other)));
    setNow(3);
    expect(api.delete("Deployment", "default", "web")).toBeUndefined();
    expect(api.get("Deployment", "default", "web")).toBeUndefined();
    expect(api.get("ReplicaSet", "default", "web-1")).toBeUndefined();
    expect(api.list("Pod", "default").map((p) => [p.metadata.name, p.metadata.deletionTimestamp])).toEqual([
      ["a", 33],
      ["b", 33],
      ["c", undefined],
    ]);
    expect(api.get("ReplicaSet", "default", "other")).toBeDefined();
  });

  // registry/store.go (k8s.io/apiserver): Delete keeps an object with finalizers
  // (updateForGracefulDeletionAndFinalizers, markAsDeleting), Update deletes it once the last
  // finalizer is gone and no grace period runs (ShouldDeleteDuringUpdate).
  const configMap = (name: string, finalizers?: string[]): KubeObject =>
    ({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name, ...(finalizers ? { finalizers } : {}) },
      data: { a: "1" },
    }) as unknown as KubeObject;

  it("an object with a finalizer stays, marked deleting (now, grace 0), until an update takes the finalizer off", () => {
    const { api, setNow } = server();
    ok(api.create(configMap("settings", ["example.com/keep"])));
    setNow(10);
    expect(api.delete("ConfigMap", "default", "settings")).toBeUndefined();
    expect(api.get("ConfigMap", "default", "settings")?.metadata).toMatchObject({
      deletionTimestamp: 10,
      deletionGracePeriodSeconds: 0,
      finalizers: ["example.com/keep"],
    });
    // A second delete changes nothing: markAsDeleting keeps the earlier deletionTimestamp.
    setNow(20);
    const before = api.get("ConfigMap", "default", "settings")!.metadata.resourceVersion;
    expect(api.delete("ConfigMap", "default", "settings")).toBeUndefined();
    expect(api.get("ConfigMap", "default", "settings")?.metadata.resourceVersion).toBe(before);
    // An update that keeps a finalizer keeps the object; one that leaves none deletes it.
    const held = structuredClone(api.get("ConfigMap", "default", "settings")!);
    held.metadata.finalizers = ["example.com/other"];
    ok(api.update(held));
    expect(api.get("ConfigMap", "default", "settings")?.metadata.deletionTimestamp).toBe(10);
    const released = structuredClone(api.get("ConfigMap", "default", "settings")!);
    delete released.metadata.finalizers;
    ok(api.update(released));
    expect(api.get("ConfigMap", "default", "settings")).toBeUndefined();
  });

  it("a pod's finalizer outlasts its grace period: the kubelet's final delete (period 0) leaves it stored", () => {
    const { api, setNow } = server();
    const p = pod("p", { grace: 30 });
    p.metadata.finalizers = ["example.com/keep"];
    ok(api.create(p));
    api.bind("default", "p", "node-1");
    setNow(10);
    api.delete("Pod", "default", "p");
    // Taken off during the grace period: the pod still waits for its containers to stop.
    const released = structuredClone(api.get("Pod", "default", "p")!);
    released.metadata.finalizers = ["example.com/keep", "example.com/second"];
    ok(api.update(released));
    setNow(40);
    // rest/delete.go BeforeDelete shortens to 0 (deletionTimestamp back to the deletion's start);
    // the store does not delete what finalizers hold.
    api.delete("Pod", "default", "p", { gracePeriodSeconds: 0 });
    expect(api.get("Pod", "default", "p")?.metadata).toMatchObject({
      deletionTimestamp: 10,
      deletionGracePeriodSeconds: 0,
    });
    api.delete("Pod", "default", "p", { gracePeriodSeconds: 0 });
    expect(api.get("Pod", "default", "p")).toBeDefined();
    const first = structuredClone(api.get("Pod", "default", "p")!);
    first.metadata.finalizers = ["example.com/second"];
    ok(api.update(first));
    expect(api.get("Pod", "default", "p")).toBeDefined();
    const last = structuredClone(api.get("Pod", "default", "p")!);
    delete last.metadata.finalizers;
    ok(api.update(last));
    expect(api.get("Pod", "default", "p")).toBeUndefined();
  });

  it("an update taking the last finalizer off a pod in its grace period leaves the pod to the kubelet", () => {
    const { api, setNow } = server();
    const p = pod("p");
    p.metadata.finalizers = ["example.com/keep"];
    ok(api.create(p));
    api.bind("default", "p", "node-1");
    setNow(5);
    api.delete("Pod", "default", "p");
    const released = structuredClone(api.get("Pod", "default", "p")!);
    delete released.metadata.finalizers;
    ok(api.update(released));
    expect(api.get("Pod", "default", "p")?.metadata.deletionGracePeriodSeconds).toBe(30);
    api.delete("Pod", "default", "p", { gracePeriodSeconds: 0 });
    expect(api.get("Pod", "default", "p")).toBeUndefined();
  });

  it("foreground deletion of an owner with a finalizer of its own: the garbage collector's finalizer goes, the owner stays", () => {
    const { api } = server();
    const d = deployment("web");
    d.metadata.finalizers = ["example.com/keep"];
    const owner = ok<Deployment>(api.create(d));
    const rs = replicaSet("web-1", 0);
    const dep = owned(rs, owner);
    dep.metadata.ownerReferences = dep.metadata.ownerReferences?.map((r) => ({
      ...r,
      blockOwnerDeletion: true,
    }));
    ok(api.create(dep));
    api.delete("Deployment", "default", "web", { propagationPolicy: "Foreground" });
    expect(api.get("ReplicaSet", "default", "web-1")).toBeUndefined();
    expect(api.get("Deployment", "default", "web")?.metadata.finalizers).toEqual(["example.com/keep"]);
  });

  it("the Job controller's tracking finalizer holds an unscheduled Job pod until an update takes it off", () => {
    // registry/store.go Delete: pendingFinalizers, then ShouldDeleteDuringUpdate.
    const { api } = server();
    const p = pod("p");
    p.metadata.finalizers = ["batch.kubernetes.io/job-tracking"];
    ok(api.create(p));
    api.delete("Pod", "default", "p");
    const held = api.get("Pod", "default", "p")!;
    expect(held.metadata.deletionGracePeriodSeconds).toBe(0);
    expect(held.metadata.deletionTimestamp).toBeDefined();
    const { finalizers: _, ...metadata } = held.metadata;
    ok(api.update({ ...held, metadata }));
    expect(api.get("Pod", "default", "p")).toBeUndefined();
  });

  it("a bound pod that has already terminated goes at once, without a grace period", () => {
    // pkg/registry/core/pod/strategy.go CheckGracefulDelete: "if the pod is already terminated,
    // delete immediately" (Succeeded or Failed).
    for (const phase of ["Succeeded", "Failed"] as const) {
      const { api } = server();
      ok(api.create(pod("p")));
      api.bind("default", "p", "node-1");
      const bound = api.get("Pod", "default", "p")!;
      api.updateStatus({ ...bound, status: { ...(bound as Pod).status, phase } } as KubeObject);
      api.delete("Pod", "default", "p");
      expect(api.get("Pod", "default", "p")).toBeUndefined();
    }
    const { api } = server();
    ok(api.create(pod("p")));
    api.bind("default", "p", "node-1");
    api.delete("Pod", "default", "p");
    expect(api.get("Pod", "default", "p")?.metadata.deletionGracePeriodSeconds).toBe(30);
  });

  it("remove takes a terminating pod out for good", () => {
    const { api } = server();
    ok(api.create(pod("p")));
    api.bind("default", "p", "node-1");
    api.delete("Pod", "default", "p");
    api.remove("Pod", "default", "p");
    expect(api.get("Pod", "default", "p")).toBeUndefined();
  });
});
