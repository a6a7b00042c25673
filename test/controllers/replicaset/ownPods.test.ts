// A ReplicaSet's claim and status counts kept across syncs (ownPods.ts) must be what
// syncReplicaSet (replica_set.go) gets from its whole pods list — FilterActivePods, ClaimPods
// (controller_ref_manager.go) and calculateStatus (replica_set_utils.go) — whenever the claim
// would write nothing, and must step aside (undefined) whenever it would adopt or release a
// pod. Over a run of store writes that add, rewrite and remove pods, each answer is checked
// against claimPods and calculateStatus over the store's list at that moment.
import { describe, expect, it } from "vitest";
import { claimPods } from "../../../src/engine/controllers/replicaset/claim.ts";
import { steadyOwnPods } from "../../../src/engine/controllers/replicaset/ownPods.ts";
import { activeRelatedPodsPerNode } from "../../../src/engine/controllers/replicaset/ranking.ts";
import { calculateStatus } from "../../../src/engine/controllers/replicaset/status.ts";
import { labelsMatch } from "../../../src/k8s/labels.ts";
import { intn, mulberry32 } from "../../../src/engine/rng.ts";
import { readerOf, Store } from "../../../src/engine/store.ts";
import type { OwnerReference, Pod, ReplicaSet } from "../../../src/k8s/types.ts";

const ref = (kind: string, name: string, uid: string): OwnerReference => ({
  apiVersion: "apps/v1",
  kind,
  name,
  uid,
  controller: true,
});

function replicaSet(minReadySeconds = 0, deleting = false): ReplicaSet {
  return {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: {
      name: "a",
      namespace: "default",
      uid: "uid-a",
      ...(deleting ? { deletionTimestamp: 1 } : {}),
    },
    spec: {
      replicas: 2,
      minReadySeconds,
      selector: { matchLabels: { app: "web" } },
      template: {
        metadata: { labels: { app: "web", tier: "front" } },
        spec: { containers: [{ name: "app", image: "nginx" }] },
      },
    },
    status: { replicas: 0 },
  } as ReplicaSet;
}

const owners: (OwnerReference | undefined)[] = [
  ref("ReplicaSet", "a", "uid-a"),
  ref("ReplicaSet", "a", "uid-a"),
  ref("ReplicaSet", "a", "uid-a"),
  ref("ReplicaSet", "b", "uid-b"),
  ref("Job", "a", "uid-a"),
  ref("ReplicaSet", "a", ""),
  ref("ReplicaSet", "c", ""),
  undefined,
];
const labelSets: Record<string, string>[] = [
  { app: "web", tier: "front" },
  { app: "web", tier: "front" },
  { app: "web" },
  { other: "y" },
];
const phases: Pod["status"]["phase"][] = ["Running", "Running", "Pending", "Succeeded", "Failed"];

function randomPod(
  rng: ReturnType<typeof mulberry32>,
  name: string,
  namespace: string,
  steadyOnly: boolean,
): Pod {
  const pick = <T>(xs: readonly T[]): T => xs[intn(rng, xs.length)];
  // Mostly pods the ReplicaSet keeps; now and then one it would adopt or release.
  const owner = steadyOnly && rng.next() < 0.9 ? owners[intn(rng, 3)] : pick(owners);
  const labels = steadyOnly && rng.next() < 0.9 ? labelSets[intn(rng, 3)] : pick(labelSets);
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      namespace,
      uid: `uid-${name}`,
      labels: { ...labels },
      ...(owner ? { ownerReferences: [{ ...owner }] } : {}),
      ...(rng.next() < 0.1 ? { deletionTimestamp: 5 } : {}),
    },
    spec: { containers: [{ name: "app", image: "nginx" }], nodeName: pick(["n1", "n2", undefined]) },
    status: {
      phase: pick(phases),
      conditions: [{ type: "Ready", status: pick(["True", "False"]), lastTransitionTime: 0 }],
    },
  } as Pod;
}

describe("steadyOwnPods", () => {
  it.each([
    [1, false, false],
    [2, true, false],
    [3, false, true],
  ])(
    "counts as claiming the whole list does, or steps aside (seed %i, steady-leaning %s, deleting %s)",
    (seed, steadyOnly, deleting) => {
      const rng = mulberry32(seed);
      const store = new Store();
      const rs = replicaSet(0, deleting);
      const names: string[] = [];
      let steadyAnswers = 0;
      let stepsAside = 0;
      let carried = 0;
      for (let step = 0; step < 400; step++) {
        // A few writes between two syncs, or none.
        for (let w = intn(rng, 4); w > 0; w--) {
          const r = rng.next();
          if (r < 0.35 || names.length === 0) {
            const name = `p${step}-${w}`;
            // Now and then in another namespace, whose writes the journal holds too.
            const namespace = rng.next() < 0.1 ? "other" : "default";
            if (namespace === "default") names.push(name);
            store.add(randomPod(rng, name, namespace, steadyOnly));
          } else if (r < 0.6) {
            const name = names[intn(rng, names.length)];
            store.replace(randomPod(rng, name, "default", steadyOnly));
          } else if (r < 0.85) {
            // A status write as the API server's commitStatus makes it: the metadata copied
            // shallowly (the same labels and references objects), a new status, and now and
            // then the deletion mark; or the stored object written again as it is.
            const old = store.get("Pod", "default", names[intn(rng, names.length)])!;
            const fresh = randomPod(rng, old.metadata.name, "default", steadyOnly);
            const marked = rng.next() < 0.1 ? { deletionTimestamp: 7 } : {};
            // Bound to a node now and then (a new spec, the same metadata parts).
            const bound = rng.next() < 0.2 ? { spec: fresh.spec } : {};
            store.replace(
              rng.next() < 0.2
                ? old
                : { ...old, ...bound, metadata: { ...old.metadata, ...marked }, status: fresh.status },
            );
          } else {
            const at = intn(rng, names.length);
            store.remove("Pod", "default", names[at]);
            names.splice(at, 1);
          }
        }
        const got = steadyOwnPods(rs, store, "default");
        const claim = claimPods(rs, store.list("Pod", "default"));
        // A claim that adopts or releases must be made from the list; a by-name reference may
        // also send it there (the kept counts do not follow names).
        if (claim.writes.length > 0) expect(got).toBeUndefined();
        if (got === undefined) {
          stepsAside++;
          continue;
        }
        const status = calculateStatus(rs, claim.claimed, 10);
        expect(claim.writes).toEqual([]);
        const { claimed, fullyLabeled, ready, available } = got;
        expect({ claimed, fullyLabeled, ready, available }).toEqual({
          claimed: status.replicas,
          fullyLabeled: status.fullyLabeledReplicas,
          ready: status.readyReplicas,
          available: status.availableReplicas,
        });
        // What a scale-down reads: the claimed pods themselves, in the list's order, and the
        // active pods the selector selects per node (getPodsRankedByRelatedPodsOnSameNode,
        // replica_set.go, with the ReplicaSet alone under its controller).
        const list = store.list("Pod", "default");
        let read = false;
        const pods = got.claimedPods(() => ((read = true), list));
        expect(pods).toBeDefined();
        expect(pods!.length).toBe(claim.claimed.length);
        pods!.forEach((pod, i) => expect(pod).toBe(claim.claimed[i]));
        // Without a pod created since the last answer, the answer is carried from it, the
        // store's list unread.
        if (!read) carried++;
        // Where each pod was in the answer before, for the scale-down's sort (ranking.ts).
        const carry = got.carryOf(pods!);
        if (carry !== undefined) {
          expect(carry.from.length).toBe(pods!.length);
          pods!.forEach((pod, i) => expect(carry.from[i]).toBe(carry.prev.indexOf(pod)));
        }
        expect(got.carryOf([...pods!])).toBeUndefined();
        const related = activeRelatedPodsPerNode(
          list.filter((pod) => labelsMatch(rs.spec.selector, pod.metadata.labels)),
        );
        const byNode = (m: Map<string, number>) => [...m].sort((a, b) => a[0].localeCompare(b[0]));
        expect(byNode(got.relatedPodsPerNode())).toEqual(byNode(related));
        steadyAnswers++;
      }
      expect(steadyAnswers).toBeGreaterThan(steadyOnly ? 20 : 0);
      if (steadyOnly) expect(carried).toBeGreaterThan(5);
      if (!steadyOnly) expect(stepsAside).toBeGreaterThan(100);
    },
  );

  it("steps aside where a count would need the time or the pods list", () => {
    const store = new Store();
    expect(steadyOwnPods(replicaSet(5), store, "default")).toBeUndefined();
    const noUid = { ...replicaSet(), metadata: { name: "a", namespace: "default" } } as ReplicaSet;
    expect(steadyOwnPods(noUid, store, "default")).toBeUndefined();
    expect(steadyOwnPods(replicaSet(), readerOf([]), "default")).toBeUndefined();
    expect(steadyOwnPods(replicaSet(), store, "default")).toMatchObject({
      claimed: 0,
      fullyLabeled: 0,
      ready: 0,
      available: 0,
    });
  });
});

describe("steadyOwnPods past the journal's reach", () => {
  it("counts from the list again when its mark was forgotten", () => {
    const store = new Store();
    const rs = replicaSet();
    const readyPod = (name: string, ready: boolean): Pod =>
      ({
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name, namespace: "default", labels: { app: "web" }, ownerReferences: [owners[0]!] },
        spec: { containers: [{ name: "app", image: "nginx" }] },
        status: {
          phase: "Running",
          conditions: [{ type: "Ready", status: ready ? "True" : "False", lastTransitionTime: 0 }],
        },
      }) as Pod;
    for (let i = 0; i < 10; i++) store.add(readyPod(`p${i}`, false));
    expect(steadyOwnPods(rs, store, "default")).toMatchObject({ claimed: 10, ready: 0 });
    const start = store.journalOf("Pod").start;
    // More writes than the journal holds: the last of each pod's leaves p0–p4 Ready.
    for (let w = 0; w < 40_000; w++) store.replace(readyPod(`p${w % 10}`, w % 10 < 5 && w >= 39_990));
    expect(store.journalOf("Pod").start).toBeGreaterThan(start);
    expect(steadyOwnPods(rs, store, "default")).toMatchObject({ claimed: 10, ready: 5, available: 5 });
  });
});

describe("steadyOwnPods' key, found again by the selector object", () => {
  // The counts depend on the ReplicaSet's uid, name, deletion, selector and template labels
  // (replica_set.go syncReplicaSet: FilterActivePods, ClaimPods, calculateStatus): two
  // ReplicaSets holding the same selector and labels objects are still two keys.
  it("tells apart ReplicaSets that share their selector and labels objects", () => {
    const store = new Store();
    const a = replicaSet();
    const b: ReplicaSet = {
      ...a,
      metadata: { ...a.metadata, name: "b", uid: "uid-b" },
      spec: { ...a.spec, selector: a.spec.selector, template: a.spec.template },
    };
    const pod = (name: string, owner: OwnerReference): Pod =>
      ({
        apiVersion: "v1",
        kind: "Pod",
        metadata: {
          name,
          namespace: "default",
          labels: { app: "web", tier: "front" },
          ownerReferences: [owner],
        },
        spec: { containers: [{ name: "app", image: "nginx" }], nodeName: "n1" },
        status: { phase: "Running", conditions: [{ type: "Ready", status: "True", lastTransitionTime: 0 }] },
      }) as Pod;
    store.add(pod("p1", ref("ReplicaSet", "a", "uid-a")));
    store.add(pod("p2", ref("ReplicaSet", "b", "uid-b")));
    store.add(pod("p3", ref("ReplicaSet", "b", "uid-b")));
    for (let round = 0; round < 2; round++) {
      expect(steadyOwnPods(a, store, "default")).toMatchObject({ claimed: 1, ready: 1 });
      expect(steadyOwnPods(b, store, "default")).toMatchObject({ claimed: 2, ready: 2 });
    }
    // Being deleted is another key: a pod the selector no longer selects is then not released.
    const deleting: ReplicaSet = { ...a, metadata: { ...a.metadata, deletionTimestamp: 9 } };
    expect(steadyOwnPods(deleting, store, "default")).toMatchObject({ claimed: 1 });
    // The same selector object with other template labels: no pod is fully labeled.
    const relabeled: ReplicaSet = {
      ...a,
      spec: {
        ...a.spec,
        template: { ...a.spec.template, metadata: { labels: { app: "web", tier: "back" } } },
      },
    };
    expect(steadyOwnPods(relabeled, store, "default")).toMatchObject({ claimed: 1, fullyLabeled: 0 });
    expect(steadyOwnPods(a, store, "default")).toMatchObject({ claimed: 1, fullyLabeled: 1 });
  });
});

describe("steadyOwnPods' claimed pods carried from the last answer", () => {
  // getPodsToDelete (replica_set.go) sorts the claimed pods in the order ClaimPods gives them,
  // the informer's list order, which the sort's ties keep: a pod stored again goes to the end
  // of the store's creation order, so an answer carried from the last must not keep its place.
  it("follows a pod removed and stored again to the end of the list", () => {
    const store = new Store();
    const rs = replicaSet();
    const pod = (name: string): Pod =>
      ({
        apiVersion: "v1",
        kind: "Pod",
        metadata: {
          name,
          namespace: "default",
          uid: `uid-${name}`,
          labels: { app: "web" },
          ownerReferences: [owners[0]!],
        },
        spec: { containers: [{ name: "app", image: "nginx" }], nodeName: "n1" },
        status: { phase: "Running" },
      }) as Pod;
    for (const name of ["p1", "p2", "p3"]) store.add(pod(name));
    const names = (): string[] | undefined =>
      steadyOwnPods(rs, store, "default")
        ?.claimedPods(() => store.list("Pod", "default"))
        ?.map((p) => p.metadata.name);
    expect(names()).toEqual(["p1", "p2", "p3"]);
    const p1 = store.get("Pod", "default", "p1")!;
    store.remove("Pod", "default", "p1");
    // The very object again, before the next sync: its slot, and its part, are those it had.
    store.add(p1);
    expect(names()).toEqual(["p2", "p3", "p1"]);
    expect(store.list("Pod", "default").map((p) => p.metadata.name)).toEqual(["p2", "p3", "p1"]);
  });
});
