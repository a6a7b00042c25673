import { describe, expect, it } from "vitest";
import { Store } from "../../src/engine/store.ts";
import type { WatchEvent } from "../../src/engine/store.ts";
import { pod, replicaSet } from "./fakes.ts";

const named = <T extends { metadata: { name: string } }>(o: T, name: string): T => ({
  ...o,
  metadata: { ...o.metadata, name },
});

describe("Store", () => {
  it("keeps a kind's scope while the scope's generation holds, and asks again when it moves", () => {
    let clusterScoped = false;
    let generation = 0;
    let asked = 0;
    const s = new Store(
      () => {
        asked++;
        return !clusterScoped;
      },
      undefined,
      () => generation,
    );
    s.add(pod("a"));
    expect(s.get("Pod", "default", "a")?.metadata.name).toBe("a");
    expect(s.get("Pod", "", "a")?.metadata.name).toBe("a");
    expect(s.list("Pod", "default")).toHaveLength(1);
    expect(asked).toBe(1);
    // The same kind cluster-scoped from now on (a registry whose kind changed): keyed by name alone.
    clusterScoped = true;
    expect(s.scopeNamespace("Pod", "default")).toBe("default");
    generation++;
    expect(s.scopeNamespace("Pod", "default")).toBe("");
    expect(s.get("Pod", "default", "a")).toBeUndefined();
    s.add({ ...pod("b"), metadata: { ...pod("b").metadata, namespace: "prod" } });
    expect(s.get("Pod", "other", "b")?.metadata.name).toBe("b");
    expect(asked).toBe(2);
  });

  it("without a scope generation asks the scope at every read", () => {
    let asked = 0;
    const s = new Store(() => {
      asked++;
      return true;
    });
    s.add(pod("a"));
    s.get("Pod", "default", "a");
    s.get("Pod", "default", "a");
    expect(asked).toBe(3);
  });

  it("lists in creation order, and a replaced object keeps its place", () => {
    const s = new Store();
    for (const n of ["c", "a", "b"]) s.add(pod(n));
    s.replace({ ...pod("a"), status: { phase: "Running" } });
    expect(s.list("Pod", "default").map((p) => p.metadata.name)).toEqual(["c", "a", "b"]);
    expect(s.get("Pod", "default", "a")?.status.phase).toBe("Running");
    s.remove("Pod", "default", "c");
    s.add(pod("c"));
    expect(s.list("Pod", "default").map((p) => p.metadata.name)).toEqual(["a", "b", "c"]);
  });

  it("the cached list is rebuilt only after a change of that kind", () => {
    const s = new Store();
    s.add(pod("a"));
    const first = s.list("Pod", "default");
    expect(s.list("Pod", "default")).toBe(first);
    s.add(replicaSet("rs", 1));
    expect(s.list("Pod", "default")).toBe(first);
    s.add(pod("b"));
    expect(s.list("Pod", "default")).not.toBe(first);
    expect(s.list("Pod", "default")).toHaveLength(2);
  });

  it("after replaces, a list read again is a new list with each object as now stored, in creation order", () => {
    const s = new Store();
    const names = Array.from({ length: 12 }, (_, i) => `p${i}`);
    for (const n of names) s.add(pod(n));
    s.add({ ...pod("other"), metadata: { ...pod("other").metadata, namespace: "prod" } });
    const everyName = [...names, "other"];
    const phases = new Map<string, string>();
    const expectAsStored = () => {
      const list = s.list("Pod", "default");
      expect(Object.isFrozen(list)).toBe(true);
      expect(list.map((p) => p.metadata.name)).toEqual(names);
      expect(list.map((p) => p.status.phase)).toEqual(names.map((n) => phases.get(n) ?? "Pending"));
      for (const p of list) expect(p).toBe(s.get("Pod", "default", p.metadata.name));
      const all = s.listAll("Pod");
      expect(all.map((p) => p.metadata.name)).toEqual(everyName);
      for (const p of all) expect(p).toBe(s.get("Pod", p.metadata.namespace ?? "", p.metadata.name));
      return list;
    };
    const prod = s.list("Pod", "prod");
    let before = expectAsStored();
    // One replace, a few, then more than the store notes before it makes the list afresh.
    const many = Array.from({ length: 40 }, (_, i) => `p${(i * 5) % 12}`);
    for (const batch of [["p3"], ["p0", "p11", "p0"], ["p1", "p2", "p4", "p5", "p6", "p7"], many]) {
      for (const [i, n] of batch.entries()) {
        const phase = `Running${i}`;
        phases.set(n, phase);
        s.replace({ ...pod(n), status: { phase } } as ReturnType<typeof pod>);
      }
      const after = expectAsStored();
      expect(after).not.toBe(before);
      before = after;
    }
    // The namespace's list read after each replace, the whole list only at the end (past the
    // point where the store stops noting replaces for it).
    for (let i = 0; i < 100; i++) {
      const n = names[(i * 7) % names.length];
      const phase: string = `Ready${i}`;
      phases.set(n, phase);
      s.replace({ ...pod(n), status: { phase } } as ReturnType<typeof pod>);
      expect(s.list("Pod", "default").find((p) => p.metadata.name === n)?.status.phase).toBe(phase);
    }
    expectAsStored();
    // Nothing in prod changed: its list is the one handed out before.
    expect(s.list("Pod", "prod")).toBe(prod);
    // An add after replaces: the new pod comes last.
    s.replace({ ...pod("p9"), status: { phase: "Running" } });
    phases.set("p9", "Running");
    s.add(pod("p12"));
    names.push("p12");
    everyName.push("p12");
    expectAsStored();
  });

  it("watchers get ADDED, MODIFIED and DELETED with the old object, in write order", () => {
    const s = new Store();
    const seen: string[] = [];
    s.watch((e: WatchEvent) =>
      seen.push(
        `${e.type} ${e.object.metadata.name} ${e.object.kind === "Pod" ? e.object.status.phase : ""} old=${e.old ? "yes" : "no"}`,
      ),
    );
    s.add(pod("a"));
    s.replace({ ...pod("a"), status: { phase: "Running" } });
    s.remove("Pod", "default", "a");
    expect(seen).toEqual([
      "ADDED a Pending old=no",
      "MODIFIED a Running old=yes",
      "DELETED a Running old=yes",
    ]);
  });

  it("a kind-filtered watch hears only its kinds; unwatching stops it", () => {
    const s = new Store();
    const pods: string[] = [];
    const stop = s.watch((e) => pods.push(e.object.metadata.name), ["Pod"]);
    s.add(replicaSet("rs", 1));
    s.add(pod("p1"));
    stop();
    s.add(pod("p2"));
    expect(pods).toEqual(["p1"]);
  });

  it("calls every-kind and kind-filtered listeners in the order they began; a watch begun in a notification hears the next change", () => {
    const s = new Store();
    const heard: string[] = [];
    s.watch((e) => heard.push(`pods ${e.object.metadata.name}`), ["Pod"]);
    let late = false;
    s.watch((e) => {
      heard.push(`all ${e.object.metadata.name}`);
      if (!late) {
        late = true;
        s.watch((e2) => heard.push(`late ${e2.object.metadata.name}`), ["Pod", "ReplicaSet"]);
      }
    });
    const stop = s.watch((e) => heard.push(`rs ${e.object.metadata.name}`), ["ReplicaSet"]);
    s.add(pod("a"));
    s.add(replicaSet("rs", 1));
    stop();
    s.add(replicaSet("rs2", 1));
    expect(heard).toEqual(["pods a", "all a", "all rs", "rs rs", "late rs", "all rs2", "late rs2"]);
  });

  describe("a cohort: batch listeners take its writes together", () => {
    it("a batch listener gets the cohort's changes at its close, in write order; the others each change as it happens", () => {
      const s = new Store();
      const heard: string[] = [];
      s.watch(
        (e) => heard.push(`one ${e.type} ${e.object.metadata.name}`),
        undefined,
        (evs) => heard.push(`batch ${evs.map((e) => `${e.type} ${e.object.metadata.name}`).join(", ")}`),
      );
      s.watch((e) => heard.push(`now ${e.object.metadata.name}`));
      s.add(pod("a"));
      s.openCohort();
      s.add(pod("b"));
      s.replace({ ...pod("a"), status: { phase: "Running" } });
      s.remove("Pod", "default", "b");
      expect(heard).toEqual(["one ADDED a", "now a", "now b", "now a", "now b"]);
      s.closeCohort();
      s.add(pod("c"));
      expect(heard.slice(5)).toEqual(["batch ADDED b, MODIFIED a, DELETED b", "one ADDED c", "now c"]);
    });

    it("hands what it holds to the batch listener before the store takes a write of another kind", () => {
      // The recorder summarises a pod with its ReplicaSet as stored: a pod's change must reach it
      // before the ReplicaSet's next write does.
      const s = new Store();
      const seen: string[] = [];
      s.watch(
        () => undefined,
        undefined,
        (evs) =>
          seen.push(
            `${evs.map((e) => e.object.metadata.name).join("+")} with rs ${s.get("ReplicaSet", "default", "rs")?.spec.replicas}`,
          ),
      );
      s.add(replicaSet("rs", 1));
      s.openCohort();
      s.add(pod("a"));
      s.add(pod("b"));
      s.replace(replicaSet("rs", 2));
      s.add(pod("c"));
      s.closeCohort();
      s.closeCohort();
      expect(seen).toEqual(["a+b with rs 1", "rs with rs 2", "c with rs 2"]);
    });
  });

  it("counts a kind's objects in every namespace", () => {
    const s = new Store();
    expect(s.count("Pod")).toBe(0);
    s.add(pod("a"));
    s.add({ ...pod("b"), metadata: { ...pod("b").metadata, namespace: "prod" } });
    expect(s.count("Pod")).toBe(2);
    s.remove("Pod", "default", "a");
    expect(s.count("Pod")).toBe(1);
    expect(s.count("ReplicaSet")).toBe(0);
  });

  it("refuses a duplicate add and a replace of a missing object; removing a missing one is undefined", () => {
    const s = new Store();
    s.add(pod("a"));
    expect(() => s.add(pod("a"))).toThrow(/already stored/);
    expect(() => s.replace(named(pod("a"), "zz"))).toThrow(/not stored/);
    expect(s.remove("Pod", "default", "zz")).toBeUndefined();
  });

  it("resourceVersions increase", () => {
    const s = new Store();
    const a = Number(s.nextResourceVersion());
    const b = Number(s.nextResourceVersion());
    expect(b).toBeGreaterThan(a);
  });

  it("indexes owners: ownedBy follows adds, owner changes and removals", () => {
    const s = new Store();
    const ref = (uid: string) => [
      { apiVersion: "apps/v1", kind: "ReplicaSet", name: uid, uid, controller: true },
    ];
    const owned = (name: string, uid: string) => ({
      ...pod(name),
      metadata: { name, ownerReferences: ref(uid) },
    });
    s.add(owned("a", "u1"));
    s.add(owned("b", "u1"));
    s.add(owned("c", "u2"));
    expect(s.ownedBy("u1").map((o) => o.metadata.name)).toEqual(["a", "b"]);
    s.replace(owned("a", "u2"));
    expect(s.ownedBy("u1").map((o) => o.metadata.name)).toEqual(["b"]);
    expect(s.ownedBy("u2").map((o) => o.metadata.name)).toEqual(["c", "a"]);
    s.remove("Pod", "default", "c");
    expect(s.ownedBy("u2").map((o) => o.metadata.name)).toEqual(["a"]);
    expect(s.ownedBy("nobody")).toEqual([]);
  });
});
