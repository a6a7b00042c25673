/**
 * The garbage collector's absent owners (src/engine/gc/absentOwners.ts), after
 * pkg/controller/garbagecollector/garbagecollector.go attemptToDeleteItem and isDangling
 * (v1.31): an owner not found, or found under another uid, is absent; an object whose owners
 * are all absent is deleted (Orphan / Foreground / Background after its finalizers), one with a
 * solid owner left has the absent ones patched out of its ownerReferences, and an owner whose
 * kind the API server does not serve leaves the object alone.
 */
import { describe, expect, it } from "vitest";
import { SimApiServer } from "../../src/engine/apiserver.ts";
import { isApiError } from "../../src/engine/cluster.ts";
import { attemptToDeleteItem, type OwnerLookup } from "../../src/engine/gc/absentOwners.ts";
import { builtinKinds } from "../../src/k8s/kinds/builtin.ts";
import type { KubeObject, OwnerReference } from "../../src/k8s/types.ts";
import { mulberry32 } from "../../src/engine/rng.ts";
import { Store } from "../../src/engine/store.ts";
import { pod, replicaSet } from "./fakes.ts";

function server() {
  const store = new Store();
  let now = 0;
  const api = new SimApiServer({ store, kinds: builtinKinds.extend(), rng: mulberry32(1), clock: () => now });
  return { store, api, setNow: (t: number) => (now = t) };
}

const created = <T extends KubeObject>(r: KubeObject | { reason: string }): T => {
  if (isApiError(r as never)) throw new Error(JSON.stringify(r));
  return r as T;
};

const ref = (kind: string, name: string, uid: string, apiVersion = "apps/v1"): OwnerReference => ({
  apiVersion,
  kind,
  name,
  uid,
  controller: true,
  blockOwnerDeletion: true,
});

const withOwners = <T extends KubeObject>(obj: T, ...refs: OwnerReference[]): T => ({
  ...obj,
  metadata: { ...obj.metadata, ownerReferences: refs },
});

describe("objects created with owners that do not exist (attemptToDeleteItem)", () => {
  it("a ReplicaSet whose Deployment is not found is deleted at once, its dependents with it", () => {
    const { api } = server();
    const rs = created<KubeObject>(
      api.create(withOwners(replicaSet("web-1", 1), ref("Deployment", "web", "old-uid"))),
    );
    expect(api.get("ReplicaSet", "default", "web-1")).toBeUndefined();
    // Its pods, created later with the stored uid, name an absent owner too.
    api.create(withOwners(pod("web-1-a"), ref("ReplicaSet", "web-1", rs.metadata.uid!)));
    expect(api.get("Pod", "default", "web-1-a")).toBeUndefined();
  });

  it("an owner of that name under another uid is absent (isDangling: UIDs mismatch)", () => {
    const { api } = server();
    const owner = created<KubeObject>(api.create(replicaSet("web-1", 1)));
    api.create(withOwners(pod("p"), ref("ReplicaSet", "web-1", "9e2d4a7b-5c1f-4b8e-a3d6-1f7e2c9b8a40")));
    expect(api.get("Pod", "default", "p")).toBeUndefined();
    // The owner named with its own uid is solid: the pod stays.
    api.create(withOwners(pod("q"), ref("ReplicaSet", "web-1", owner.metadata.uid!)));
    expect(api.get("Pod", "default", "q")).toBeDefined();
  });

  it("a pod bound to a node is deleted gracefully (Background: it terminates, it is not removed)", () => {
    const { api } = server();
    const p = withOwners(pod("p"), ref("ReplicaSet", "gone", "u1"));
    p.spec.nodeName = "node-1";
    api.create(p);
    const stored = api.get("Pod", "default", "p");
    expect(stored?.metadata.deletionTimestamp).toBe(30);
    expect(stored?.metadata.deletionGracePeriodSeconds).toBe(30);
  });

  it("with one owner solid, only the absent owners are patched out of ownerReferences", () => {
    const { api } = server();
    const owner = created<KubeObject>(api.create(replicaSet("web-1", 1)));
    const solid = { ...ref("ReplicaSet", "web-1", owner.metadata.uid!), controller: false };
    api.create(withOwners(pod("p"), { ...ref("ReplicaSet", "gone", "u1"), controller: false }, solid));
    expect(api.get("Pod", "default", "p")?.metadata.ownerReferences).toEqual([solid]);
  });

  it("an update that adds an absent owner deletes the object (the graph builder's added references)", () => {
    const { api } = server();
    const stored = created<KubeObject>(api.create(replicaSet("web-1", 1)));
    api.update(withOwners(structuredClone(stored), ref("Deployment", "web", "u1")));
    expect(api.get("ReplicaSet", "default", "web-1")).toBeUndefined();
  });

  it("an owner of a kind not served, or of another group, leaves the object alone (the restmapper's error is retried)", () => {
    const { api } = server();
    api.create(withOwners(pod("p"), ref("Rollout", "web", "u1", "argoproj.io/v1alpha1")));
    api.create(withOwners(pod("q"), ref("Deployment", "web", "u1", "extensions/v1beta1")));
    expect(api.get("Pod", "default", "p")).toBeDefined();
    expect(api.get("Pod", "default", "q")).toBeDefined();
  });
});

describe("attemptToDeleteItem's verdict", () => {
  const lookup = (objects: KubeObject[]): OwnerLookup => ({
    served: (kind) => builtinKinds.get(kind),
    get: (kind, ns, name) =>
      objects.find((o) => o.kind === kind && o.metadata.name === name && (o.metadata.namespace ?? "") === ns),
  });
  const item = (finalizers?: string[]) => {
    const p = withOwners(pod("p"), ref("ReplicaSet", "gone", "u1"));
    p.metadata.namespace = "default";
    if (finalizers) p.metadata.finalizers = finalizers;
    return p;
  };

  it("takes the propagation policy from the object's finalizers: orphan, foregroundDeletion, else Background", () => {
    expect(attemptToDeleteItem(item(), lookup([]))).toEqual({ delete: "Background" });
    expect(attemptToDeleteItem(item(["orphan"]), lookup([]))).toEqual({ delete: "Orphan" });
    expect(attemptToDeleteItem(item(["foregroundDeletion"]), lookup([]))).toEqual({ delete: "Foreground" });
  });

  it("leaves an object being deleted alone, and one without ownerReferences", () => {
    const deleting = item();
    deleting.metadata.deletionTimestamp = 5;
    expect(attemptToDeleteItem(deleting, lookup([]))).toBeUndefined();
    expect(attemptToDeleteItem(pod("p"), lookup([]))).toBeUndefined();
  });

  it("counts an owner deleting its dependents in the foreground as not solid (waitingForDependentsDeletion)", () => {
    const owner = replicaSet("web-1", 1);
    owner.metadata = {
      ...owner.metadata,
      namespace: "default",
      uid: "u2",
      deletionTimestamp: 1,
      finalizers: ["foregroundDeletion"],
    };
    const p = withOwners(pod("p"), ref("ReplicaSet", "web-1", "u2"));
    p.metadata.namespace = "default";
    expect(attemptToDeleteItem(p, lookup([owner]))).toEqual({ delete: "Background" });
  });
});
