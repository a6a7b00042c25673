// The API server's per-write copies (src/engine/writeCopies.ts) are the spreads they stand
// for: the same keys in the same order and the same values, whatever object they are given.
import { describe, expect, it } from "vitest";
import type { KubeObject, ObjectMeta } from "../../src/k8s/types.ts";
import {
  metaDeleting,
  metaWithVersion,
  withMetadata,
  withSpec,
  withStatus,
} from "../../src/engine/writeCopies.ts";
import { SimApiServer } from "../../src/engine/apiserver.ts";
import { Store } from "../../src/engine/store.ts";
import { builtinKinds } from "../../src/k8s/kinds/builtin.ts";
import { mulberry32 } from "../../src/engine/rng.ts";

/** The same object: keys in order, values by identity. */
function expectSame(made: object, wanted: object): void {
  expect(Object.keys(made)).toEqual(Object.keys(wanted));
  for (const k of Object.keys(wanted))
    expect((made as Record<string, unknown>)[k]).toBe((wanted as Record<string, unknown>)[k]);
}

const labels = { app: "web" };
const ownerReferences = [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: "web-1", uid: "u-rs" }];
/** A pod's metadata as a ReplicaSet's request and the API server's create leave it. */
const created: ObjectMeta = {
  name: "web-1-abcde",
  generateName: "web-1-",
  creationTimestamp: 4,
  labels,
  ownerReferences,
  namespace: "default",
  uid: "u-pod",
  resourceVersion: "7",
};
const deleting: ObjectMeta = { ...created, deletionTimestamp: 40, deletionGracePeriodSeconds: 30 };
/** Metadata of other shapes: another order, fewer keys, one more, a key left undefined. */
const otherMetas: ObjectMeta[] = [
  {
    name: "web",
    namespace: "default",
    annotations: {},
    uid: "u",
    creationTimestamp: 0,
    generation: 2,
    resourceVersion: "3",
  },
  { name: "web-1-abcde", namespace: "default", generateName: "web-1-", uid: "u", resourceVersion: "7" },
  { ...created, finalizers: ["example.com/hold"] },
  { ...deleting, finalizers: ["example.com/hold"] },
  { ...created, labels: undefined },
  { name: "n" },
];
const spec = { containers: [{ name: "app", image: "app:1" }] };
const status = { phase: "Pending" };
/** Stored objects: the five keys every kind is stored with, and other shapes. */
const objects = (metadata: ObjectMeta): KubeObject[] =>
  [
    { apiVersion: "v1", kind: "Pod", metadata, spec, status },
    { apiVersion: "v1", kind: "ConfigMap", metadata, data: { a: "1" } },
    { apiVersion: "v1", kind: "Pod", metadata, spec },
    { kind: "Pod", apiVersion: "v1", metadata, spec, status },
    { apiVersion: "v1", kind: "Pod", metadata, spec, status, extra: 1 },
  ] as unknown as KubeObject[];

describe("the API server's write copies", () => {
  it("a resourceVersion's metadata is the spread's, for a pod's and any other", () => {
    for (const meta of [created, deleting, ...otherMetas])
      expectSame(metaWithVersion(meta, "8"), { ...meta, resourceVersion: "8" });
  });

  it("a graceful delete's metadata is the spread's", () => {
    for (const meta of [created, ...otherMetas])
      expectSame(metaDeleting(meta, 60, 30), {
        ...meta,
        deletionTimestamp: 60,
        deletionGracePeriodSeconds: 30,
      });
  });

  it("a status write's, a binding's and a deletion mark's objects are the spreads'", () => {
    const next = { ...created, resourceVersion: "8" };
    const newStatus = { phase: "Running" };
    const newSpec = { ...spec, nodeName: "node-1" };
    for (const obj of [...objects(created), ...objects(otherMetas[0])]) {
      expectSame(withStatus(obj, next, newStatus), { ...obj, status: newStatus, metadata: next });
      expectSame(withSpec(obj, next, newSpec), { ...obj, spec: newSpec, metadata: next });
      expectSame(withMetadata(obj, next), { ...obj, metadata: next });
    }
  });

  it("a pod's status writes and its deletion through the API server store copies, never the stored objects changed", () => {
    const store = new Store();
    const api = new SimApiServer({ store, kinds: builtinKinds.extend(), rng: mulberry32(1), clock: () => 5 });
    // An owner that exists: the garbage collector would delete a pod whose owner is absent.
    const owner = api.create({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "owner" },
      data: {},
    } as unknown as KubeObject) as KubeObject;
    const owned = [{ apiVersion: "v1", kind: "ConfigMap", name: "owner", uid: owner.metadata.uid! }];
    const made = api.create({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { generateName: "web-1-", creationTimestamp: 5, labels, ownerReferences: owned },
      spec: { containers: [{ name: "app", image: "app:1" }] },
    } as unknown as KubeObject);
    expect("reason" in made).toBe(false);
    const pod = made as KubeObject;
    const bound = api.bind("default", pod.metadata.name, "node-1")!;
    expect(bound.metadata.resourceVersion).not.toBe(pod.metadata.resourceVersion);
    expect((pod as { spec: { nodeName?: string } }).spec.nodeName).toBeUndefined();
    expect(Object.keys(bound)).toEqual(Object.keys(pod));
    expect(Object.keys(bound.metadata)).toEqual(Object.keys(pod.metadata));
    const running = api.updateOwnStatus(bound, { phase: "Running" });
    expect(running.metadata.resourceVersion).not.toBe(bound.metadata.resourceVersion);
    expect((bound as { status: { phase: string } }).status.phase).toBe("Pending");
    expect(api.delete("Pod", "default", pod.metadata.name)).toBeUndefined();
    const marked = store.get("Pod", "default", pod.metadata.name)!;
    expect(marked.metadata.deletionGracePeriodSeconds).toBe(30);
    expect(marked.metadata.deletionTimestamp).toBe(35);
    expect(running.metadata.deletionTimestamp).toBeUndefined();
    expect(Object.keys(marked.metadata)).toEqual([
      ...Object.keys(running.metadata),
      "deletionTimestamp",
      "deletionGracePeriodSeconds",
    ]);
  });
});
