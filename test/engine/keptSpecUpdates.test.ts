/**
 * The API server's update of a Deployment or ReplicaSet that keeps the stored spec but for its
 * replicas (apiserver.ts keptSpecAdmission, k8s/admission.ts admitKeptSpec): the HPA's scale
 * through the scale subresource (registry/apps/deployment/storage.go ScaleREST.Update, which
 * runs the Deployment's own ValidateUpdate) and the Deployment controller's scaling and
 * annotating of its ReplicaSets (sync.go scaleReplicaSet). It must store, refuse and answer
 * exactly as admission afresh does (defaults.go SetDefaults_Deployment, validation.go
 * ValidateDeployment/ValidateDeploymentUpdate, ValidateReplicaSet/ValidateReplicaSetUpdate):
 * resourceVersion, generation, key order, errors' wording.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SimApiServer } from "../../src/engine/apiserver.ts";
import { isApiError, type ApiError } from "../../src/engine/cluster.ts";
import { mulberry32 } from "../../src/engine/rng.ts";
import { apiScaleClient } from "../../src/engine/scaleSubresource.ts";
import { Store } from "../../src/engine/store.ts";
import { admit } from "../../src/k8s/admission.ts";
import { deepClone } from "../../src/k8s/clone.ts";
import { builtinKinds } from "../../src/k8s/kinds/builtin.ts";
import type { KubeObject } from "../../src/k8s/types.ts";

type Obj = Record<string, unknown>;

/** The API server with src/k8s's admission (`own`), or with admission given as a function (the reference). */
function server(own: boolean) {
  const store = new Store();
  const kinds = builtinKinds.extend();
  const api = new SimApiServer({
    store,
    kinds,
    rng: mulberry32(1),
    clock: () => 0,
    admit: own ? undefined : (raw, old, k, gates) => admit(raw, old, { ...gates, kinds: k }),
  });
  const scales = apiScaleClient(api, undefined, () => 0, kinds);
  return { store, api, scales };
}

const manifest = (kind: "Deployment" | "ReplicaSet") =>
  ({
    apiVersion: "apps/v1",
    kind,
    metadata: {
      name: "web",
      labels: { app: "web" },
      annotations: { "kubectl.kubernetes.io/last-applied-configuration": '{"kind":"' + kind + '"}' },
    },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: "web" } },
      template: {
        metadata: { labels: { app: "web" } },
        spec: {
          containers: [{ name: "app", image: "nginx:1.25", resources: { requests: { cpu: "100m" } } }],
        },
      },
    },
  }) as unknown as KubeObject;

/** One request, as a controller or a user makes it of the stored object. */
type Op =
  | { op: "scale"; replicas: number }
  | { op: "replicas"; kind: "Deployment" | "ReplicaSet"; replicas: unknown; annotation?: string }
  | { op: "label"; kind: "Deployment" | "ReplicaSet"; value: string }
  | { op: "image"; kind: "Deployment" | "ReplicaSet"; image: string }
  | { op: "selector"; kind: "Deployment" | "ReplicaSet" }
  | { op: "reordered"; kind: "Deployment" | "ReplicaSet"; replicas: number }
  | { op: "status"; kind: "Deployment" | "ReplicaSet"; replicas: number };

/** The stored object as a controller copies it for a write (deployment/client.ts forWrite: no resourceVersion). */
function copyOf(api: SimApiServer, kind: string): Obj & { metadata: Obj; spec: Obj } {
  const copy = deepClone(api.get(kind, "default", "web")) as unknown as Obj & { metadata: Obj; spec: Obj };
  delete copy.metadata.resourceVersion;
  return copy;
}

function apply(s: ReturnType<typeof server>, o: Op): unknown {
  const { api } = s;
  const update = (obj: Obj) => api.update(obj as unknown as KubeObject);
  switch (o.op) {
    case "scale":
      return s.scales.update({
        namespace: "default",
        target: { apiVersion: "apps/v1", kind: "Deployment", name: "web" },
        specReplicas: o.replicas,
        statusReplicas: 0,
        selector: "",
      });
    case "replicas": {
      const c = copyOf(api, o.kind);
      c.spec.replicas = o.replicas;
      if (o.annotation !== undefined)
        c.metadata.annotations = {
          ...(c.metadata.annotations as Obj),
          "deployment.kubernetes.io/desired-replicas": o.annotation,
        };
      return update(c);
    }
    case "label": {
      const c = copyOf(api, o.kind);
      c.metadata.labels = { ...(c.metadata.labels as Obj), tier: o.value };
      c.spec.replicas = 7;
      return update(c);
    }
    case "image": {
      const c = copyOf(api, o.kind);
      ((c.spec.template as Obj).spec as { containers: Obj[] }).containers[0].image = o.image;
      return update(c);
    }
    case "selector": {
      const c = copyOf(api, o.kind);
      c.spec.selector = { matchLabels: { app: "api" } };
      return update(c);
    }
    case "reordered": {
      // The same spec but for replicas, its keys in another order (a manifest written by hand).
      const c = copyOf(api, o.kind);
      const { replicas: _replicas, ...rest } = c.spec;
      return update({ ...c, spec: { ...rest, replicas: o.replicas } });
    }
    case "status":
      return api.updateStatus({
        ...api.get(o.kind, "default", "web")!,
        status: { replicas: o.replicas },
      } as KubeObject);
  }
}

/** Every answer and the stored objects after each request, as JSON text (keys in order). */
function run(own: boolean, ops: readonly Op[]): string[] {
  const s = server(own);
  const out: string[] = [];
  for (const kind of ["Deployment", "ReplicaSet"] as const)
    out.push(JSON.stringify(s.api.create(manifest(kind))));
  for (const o of ops) {
    const answer = apply(s, o);
    out.push(
      JSON.stringify(answer),
      JSON.stringify([...s.store.listAll("Deployment"), ...s.store.listAll("ReplicaSet")]),
    );
  }
  return out;
}

const kind = fc.constantFrom("Deployment" as const, "ReplicaSet" as const);
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant("scale" as const), replicas: fc.integer({ min: -2, max: 6 }) }),
  fc.record(
    {
      op: fc.constant("replicas" as const),
      kind,
      replicas: fc.oneof(fc.integer({ min: -2, max: 6 }), fc.constantFrom(2.5, "3", null)),
      annotation: fc.constantFrom("3", "4"),
    },
    { requiredKeys: ["op", "kind", "replicas"] },
  ),
  fc.record({ op: fc.constant("label" as const), kind, value: fc.constantFrom("front", "not valid!") }),
  fc.record({ op: fc.constant("image" as const), kind, image: fc.constantFrom("nginx:1.25", "nginx:1.26") }),
  fc.record({ op: fc.constant("selector" as const), kind }),
  fc.record({ op: fc.constant("reordered" as const), kind, replicas: fc.integer({ min: 0, max: 4 }) }),
  fc.record({ op: fc.constant("status" as const), kind, replicas: fc.integer({ min: 0, max: 4 }) }),
);

describe("an update that keeps the stored spec but for replicas", () => {
  it("stores, answers and refuses as admission afresh does, byte for byte", () => {
    const ops: Op[] = [
      { op: "scale", replicas: 5 },
      { op: "scale", replicas: 5 },
      { op: "status", kind: "Deployment", replicas: 5 },
      { op: "scale", replicas: 0 },
      { op: "replicas", kind: "ReplicaSet", replicas: 4, annotation: "4" },
      { op: "replicas", kind: "ReplicaSet", replicas: 4, annotation: "4" },
      { op: "replicas", kind: "Deployment", replicas: -1 },
      { op: "replicas", kind: "ReplicaSet", replicas: 2.5 },
      { op: "scale", replicas: -1 },
      { op: "label", kind: "Deployment", value: "not valid!" },
      { op: "label", kind: "ReplicaSet", value: "front" },
      { op: "image", kind: "Deployment", image: "nginx:1.26" },
      { op: "scale", replicas: 2 },
      { op: "reordered", kind: "Deployment", replicas: 3 },
      { op: "scale", replicas: 4 },
      { op: "selector", kind: "ReplicaSet" },
    ];
    const kept = run(true, ops);
    expect(kept).toEqual(run(false, ops));
    // The refusals are there to compare: -1 and 2.5 replicas, an invalid label, a new selector.
    const refusals = kept.filter((t) => t.includes('"reason":"Invalid"'));
    expect(refusals).toHaveLength(5);
  });

  it("does so for any sequence of scales, annotations, relabels, rollouts and status writes", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 12 }), (ops) => {
        expect(run(true, ops)).toEqual(run(false, ops));
      }),
      { numRuns: 150 },
    );
  });

  it("takes the stored spec's parts as they are, so only a scale's replicas and generation move", () => {
    const s = server(true);
    s.api.create(manifest("Deployment"));
    const before = s.api.get("Deployment", "default", "web")!;
    apply(s, { op: "scale", replicas: 6 });
    const after = s.api.get("Deployment", "default", "web")!;
    expect(after.spec.replicas).toBe(6);
    expect(after.metadata.generation).toBe(2);
    expect(after.metadata.resourceVersion).not.toBe(before.metadata.resourceVersion);
    // Not admitted again: the template is the stored one itself (admission afresh copies it).
    expect(after.spec.template).toBe(before.spec.template);
    const reference = server(false);
    reference.api.create(manifest("Deployment"));
    const was = reference.api.get("Deployment", "default", "web")!;
    apply(reference, { op: "scale", replicas: 6 });
    expect(reference.api.get("Deployment", "default", "web")!.spec.template).not.toBe(was.spec.template);
  });

  it("refuses -1 replicas from the scale subresource in the Deployment's words", () => {
    const s = server(true);
    s.api.create(manifest("Deployment"));
    const answer = apply(s, { op: "scale", replicas: -1 }) as ApiError;
    expect(isApiError(answer)).toBe(true);
    expect(answer.message).toBe(
      'Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    );
  });
});
