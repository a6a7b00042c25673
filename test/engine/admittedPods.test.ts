/**
 * The API server's create of a pod asked for as the one before it was (apiserver.ts admitPod):
 * every pod of a ReplicaSet's create batch (controller_utils.go GetPodFromTemplate gives each
 * the template's labels, annotations, owner and spec; the API server names it). It is stored as
 * admission afresh would store it — LimitRanger, ServiceAccount, Priority, defaulting and
 * validation (plugin/pkg/admission/*, pkg/apis/core) — including after what those plug-ins read
 * changes between two creates.
 */
import { describe, expect, it } from "vitest";
import { Simulation } from "../../src/engine/simulation.ts";
import { admit } from "../../src/k8s/admission.ts";
import { isApiError, type ApiError } from "../../src/engine/cluster.ts";
import type { KubeObject, Pod, ReplicaSet } from "../../src/k8s/types.ts";
import { replicaSet, inertAutoscaling } from "./fakes.ts";
import type { ControllerContext, ReconcileResult } from "../../src/engine/controller.ts";
import { defaultControllers } from "../../src/engine/defaultControllers.ts";
import { builtinKinds } from "../../src/k8s/kinds/builtin.ts";

type Obj = Record<string, unknown>;

/**
 * The uid of the pods' ReplicaSet: `run` creates it first, as the garbage collector deletes a
 * pod whose owner does not exist (garbagecollector.go attemptToDeleteItem).
 */
let ownerUid = "u-1";

const rawPod = (labels: Obj = { app: "web" }) =>
  ({
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: "",
      generateName: "web-5d847fd86c-",
      creationTimestamp: 0,
      labels,
      ownerReferences: [
        {
          apiVersion: "apps/v1",
          kind: "ReplicaSet",
          name: "web-5d847fd86c",
          uid: ownerUid,
          controller: true,
        },
      ],
    },
    spec: {
      containers: [{ name: "app", image: "nginx:1.25", resources: { limits: { memory: "128Mi" } } }],
    },
    status: { phase: "Pending" },
  }) as unknown as KubeObject;

const limitRange = {
  apiVersion: "v1",
  kind: "LimitRange",
  metadata: { name: "defaults" },
  spec: { limits: [{ type: "Container", defaultRequest: { cpu: "250m" }, default: { cpu: "500m" } }] },
} as unknown as KubeObject;

const priorityClass = {
  apiVersion: "scheduling.k8s.io/v1",
  kind: "PriorityClass",
  metadata: { name: "high" },
  value: 1000,
  globalDefault: true,
} as unknown as KubeObject;

function must(r: KubeObject | ApiError): KubeObject {
  if (isApiError(r)) throw new Error(r.message);
  return r;
}

/** A pod's volumes (kept through admission, not modelled by the Pod type). */
const volumesOf = (p: Pod) => (p.spec as unknown as { volumes?: { name: string }[] }).volumes ?? [];

/** The same requests, and the store changes between them, on `s`; the pods it stored after each step. */
function run(s: Simulation): Pod[][] {
  const steps: Pod[][] = [];
  ownerUid = must(s.api.create(replicaSet("web-5d847fd86c", 0))).metadata.uid!;
  const create = (n: number, raw: () => KubeObject) => {
    const made: Pod[] = [];
    for (let i = 0; i < n; i++) made.push(must(s.api.create(raw())) as Pod);
    steps.push(made);
  };
  create(3, () => rawPod());
  must(s.api.create(limitRange));
  create(2, () => rawPod());
  must(s.api.create(priorityClass));
  create(2, () => rawPod());
  const account = s.api.get("ServiceAccount", "default", "default")!;
  must(s.api.update({ ...account, automountServiceAccountToken: false } as KubeObject));
  create(2, () => rawPod());
  create(2, () => rawPod({ app: "web", tier: "front" }));
  return steps;
}

describe("pods created alike, one after another", () => {
  // The reference: admission given as a function, which the API server does not keep a pod's for.
  const fresh = () =>
    new Simulation({ admit: (raw, old, kinds, gates) => admit(raw, old, { ...gates, kinds }) });

  it("are stored as admission afresh stores each, byte for byte, names and token volumes included", () => {
    const kept = run(new Simulation());
    const reference = run(fresh());
    expect(JSON.stringify(kept)).toBe(JSON.stringify(reference));
    const names = kept.flat().map((p) => p.metadata.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it("see a LimitRange, a default PriorityClass and the account's automount setting that came between them", () => {
    const [first, limited, prioritized, unmounted, relabelled] = run(new Simulation());
    const cpu = (p: Pod) => (p.spec.containers[0].resources?.requests as Obj | undefined)?.cpu;
    const tokenVolumes = (p: Pod) => volumesOf(p).filter((v) => v.name.startsWith("kube-api-access-"));
    expect(first.map(cpu)).toEqual([undefined, undefined, undefined]);
    expect(limited.map(cpu)).toEqual(["250m", "250m"]);
    expect(first.map((p) => p.spec.priority)).toEqual([undefined, undefined, undefined]);
    expect(prioritized.map((p) => p.spec.priority)).toEqual([1000, 1000]);
    expect(prioritized.map((p) => tokenVolumes(p).length)).toEqual([1, 1]);
    expect(unmounted.map((p) => tokenVolumes(p).length)).toEqual([0, 0]);
    expect(relabelled.map((p) => p.metadata.labels)).toEqual([
      { app: "web", tier: "front" },
      { app: "web", tier: "front" },
    ]);
  });

  it("share no stored part: each is its own copy, its token volume its own", () => {
    const [first] = run(new Simulation());
    const [a, b] = first;
    expect(b.metadata).not.toBe(a.metadata);
    expect(b.metadata.labels).not.toBe(a.metadata.labels);
    expect(b.metadata.ownerReferences).not.toBe(a.metadata.ownerReferences);
    expect(b.spec.containers[0]).not.toBe(a.spec.containers[0]);
    expect(b.spec.containers[0].resources).not.toBe(a.spec.containers[0].resources);
    expect(volumesOf(b)[0].name).not.toBe(volumesOf(a)[0].name);
    expect(b.metadata.uid).not.toBe(a.metadata.uid);
    // The kept admitted form is frozen; what is stored is a copy, not frozen.
    expect(Object.isFrozen(a.metadata.labels)).toBe(false);
    expect(Object.isFrozen(a.spec.containers[0].resources)).toBe(false);
  });

  it("take writes through the API server like any stored pod: a relabel, a status, a deletion", () => {
    const s = new Simulation();
    const [[a, b]] = run(s);
    const relabelled = must(
      s.api.update({ ...a, metadata: { ...a.metadata, labels: { ...a.metadata.labels, tier: "x" } } }),
    ) as Pod;
    expect(relabelled.metadata.labels).toEqual({ app: "web", tier: "x" });
    expect(s.api.get("Pod", "default", b.metadata.name)!.metadata.labels).toEqual({ app: "web" });
    const status = must(s.api.updateStatus({ ...b, status: { phase: "Running" } } as KubeObject)) as Pod;
    expect(status.status.phase).toBe("Running");
    expect(s.api.delete("Pod", "default", b.metadata.name)).toBeUndefined();
    expect(s.api.get("Pod", "default", b.metadata.name)).toBeUndefined();
  });
});

describe("pods a ReplicaSet asks for with its stored template's spec itself", () => {
  // controller_utils.go GetPodFromTemplate deep-copies the template's spec; the engine's
  // ReplicaSet sends the stored spec itself (podTemplate.ts), which nothing changes in place,
  // and the API server tells a create alike the last one by that identity (apiserver.ts admitPod).
  const template = (image: string) => ({
    metadata: { labels: { app: "web" } },
    spec: { containers: [{ name: "app", image, resources: { limits: { memory: "128Mi" } } }] },
  });
  const deployment = (image: string) =>
    ({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web" },
      spec: { replicas: 3, selector: { matchLabels: { app: "web" } }, template: template(image) },
    }) as unknown as KubeObject;

  /**
   * The run on `s`, from `image` to `next`: its stored pods and ReplicaSets' texts at each
   * checkpoint, and its trace.
   */
  function rollout(s: Simulation, image = "app:1", next = "app:2") {
    const edit = (change: (spec: Obj) => Obj) => () => {
      const d = s.api.get("Deployment", "default", "web")!;
      must(s.api.update({ ...d, spec: change(d.spec as unknown as Obj) } as KubeObject));
    };
    const scale = (replicas: number) => edit((spec) => ({ ...spec, replicas }));
    s.at(0, "apply", () => void must(s.api.create(deployment(image))));
    s.at(20, "scale 7", scale(7));
    s.at(40, "limit range", () => void must(s.api.create(limitRange)));
    s.at(50, "scale 12", scale(12));
    s.at(
      80,
      "new image",
      edit((spec) => ({ ...spec, template: template(next) })),
    );
    s.at(150, "scale 4", scale(4));
    s.at(160, "scale 9", scale(9));
    const texts: string[] = [];
    for (let t = 10; t <= 240; t += 10) {
      s.runUntil(t);
      texts.push(JSON.stringify([...s.api.listAll("ReplicaSet"), ...s.api.listAll("Pod")]));
    }
    return { texts, trace: JSON.stringify(s.trace()) };
  }

  const mapDefined = <T, U>(v: T | undefined, f: (v: T) => U): U | undefined =>
    v === undefined ? undefined : f(v);

  /** A simulation, and each pod request its ReplicaSet controller sends with the ReplicaSet's stored template spec. */
  function watched(fresh = false) {
    const requests: unknown[][] = [];
    const autoscaling = inertAutoscaling();
    const controllers = defaultControllers(autoscaling, builtinKinds.extend()).map((c) =>
      c.name !== "replicaset"
        ? c
        : {
            ...c,
            reconcile: (ctx: ControllerContext, key: string) => {
              const rs = ctx.store.get("ReplicaSet", "default", key) as ReplicaSet | undefined;
              // The slow-start batches after the first come from the last create's continuation.
              const recorded = (result: ReconcileResult): ReconcileResult => {
                for (const w of result.writes)
                  if (w.op === "create") {
                    requests.push([w.object.spec, rs?.spec.template.spec]);
                    const then = w.then;
                    if (then) w.then = (outcome) => mapDefined(then(outcome), recorded);
                  }
                return result;
              };
              return recorded(c.reconcile(ctx, key));
            },
          },
    );
    const s = new Simulation({
      autoscaling,
      controllers,
      settings: { "pod.startup": 2 },
      admit: fresh ? (raw, old, kinds, gates) => admit(raw, old, { ...gates, kinds }) : undefined,
    });
    return { s, requests };
  }

  it("are stored as admission afresh stores each, byte for byte, and the trace is the same", () => {
    const kept = watched();
    const reference = watched(true);
    const a = rollout(kept.s);
    const b = rollout(reference.s);
    expect(a.texts).toEqual(b.texts);
    expect(a.trace).toBe(b.trace);
    expect(a.texts[a.texts.length - 1]).toContain('"app:2"');
  });

  it("send the stored template's spec itself, and it stays as stored: nothing of it frozen", () => {
    const { s, requests } = watched();
    // Images no other test admits: pod admission keeps the specs it admitted last for every
    // cluster (kinds/pod/admittedSpecs.ts), and only a spec it has not kept is defaulted anew.
    rollout(s, "solo:1", "solo:2");
    expect(requests.length).toBeGreaterThan(20);
    for (const [sent, stored] of requests) expect(sent).toBe(stored);
    // Admission defaults a copy of what it is given (defaults.ts defaultPodSpec) before the spec
    // it keeps is frozen (kinds/pod/admittedSpecs.ts): a template's spec sent itself stays as stored.
    const frozen = (v: unknown): boolean =>
      typeof v === "object" && v !== null && (Object.isFrozen(v) || Object.values(v).some(frozen));
    for (const rs of s.api.listAll("ReplicaSet")) expect(frozen(rs.spec.template.spec)).toBe(false);
  });
});
