import { describe, expect, it } from "vitest";
import { Store } from "../../src/engine/store.ts";
import type { WatchEvent } from "../../src/engine/store.ts";
import { pod, replicaSet } from "./fakes.ts";

const named = <T extends { metadata: { name: string } }>(o: T, name: string): T => ({
  ...o,
  metadata: { ...o.metadata, name },
});

describe("Store", () => {
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
