// Which pods a ReplicaSet's sync visits (podIndex.ts): ClaimPods (controller_ref_manager.go)
// skips pods another controller owns and FilterActivePods (controller_utils.go) drops the
// finished and terminating ones, so only the ReplicaSet's own active pods and the orphans are
// candidates — by uid when both references carry one, by name otherwise (metav1.IsControlledBy
// compares UIDs). The claim of a pods list is kept while the list lives.
import { describe, expect, it } from "vitest";
import {
  claimPods,
  getIndirectlyRelatedPods,
  relatedPodsPerNode,
} from "../../../src/engine/controllers/replicaset/claim.ts";
import { activeRelatedPodsPerNode } from "../../../src/engine/controllers/replicaset/ranking.ts";
import { readerOf } from "../../../src/engine/store.ts";
import { intn, mulberry32 } from "../../../src/engine/rng.ts";
import { calculateStatus } from "../../../src/engine/controllers/replicaset/status.ts";
import { activePodIndex, claimCandidates } from "../../../src/engine/controllers/replicaset/podIndex.ts";
import type { OwnerReference, Pod, ReplicaSet } from "../../../src/k8s/types.ts";

const ref = (kind: string, name: string, uid: string): OwnerReference => ({
  apiVersion: "apps/v1",
  kind,
  name,
  uid,
  controller: true,
});

function pod(
  name: string,
  owner: OwnerReference | undefined,
  state: { phase?: Pod["status"]["phase"]; deleting?: boolean; labels?: Record<string, string> } = {},
): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      uid: `uid-${name}`,
      labels: state.labels ?? { app: "web" },
      ...(owner ? { ownerReferences: [owner] } : {}),
      ...(state.deleting ? { deletionTimestamp: 5 } : {}),
    },
    spec: { containers: [{ name: "app", image: "nginx" }] },
    status: { phase: state.phase ?? "Running" },
  } as Pod;
}

function replicaSet(name: string, uid: string | undefined): ReplicaSet {
  return {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: { name, ...(uid ? { uid } : {}) },
    spec: {
      replicas: 2,
      minReadySeconds: 0,
      selector: { matchLabels: { app: "web" } },
      template: {
        metadata: { labels: { app: "web" } },
        spec: { containers: [{ name: "app", image: "nginx" }] },
      },
    },
    status: { replicas: 0 },
  } as ReplicaSet;
}

// Positions: 0 a's, 1 b's, 2 orphan, 3 a's by name only, 4 a's but Succeeded, 5 a's but
// terminating, 6 a Job's, 7 a's.
const pods: readonly Pod[] = Object.freeze([
  pod("a-1", ref("ReplicaSet", "a", "uid-a")),
  pod("b-1", ref("ReplicaSet", "b", "uid-b")),
  pod("stray", undefined),
  pod("a-hand", ref("ReplicaSet", "a", "")),
  pod("a-done", ref("ReplicaSet", "a", "uid-a"), { phase: "Succeeded" }),
  pod("a-going", ref("ReplicaSet", "a", "uid-a"), { deleting: true }),
  pod("job-1", ref("Job", "a", "uid-a")),
  pod("a-2", ref("ReplicaSet", "a", "uid-a")),
]);

describe("claimCandidates", () => {
  const index = activePodIndex(pods);
  it.each([
    [
      "its own by uid, the uid-less reference by name, the orphan; in list order",
      "uid-a",
      "a",
      false,
      [0, 2, 3, 7],
    ],
    ["no orphan while the ReplicaSet is being deleted", "uid-a", "a", true, [0, 3, 7]],
    ["a ReplicaSet without a uid: every reference naming it", undefined, "a", false, [0, 2, 3, 7]],
    ["another ReplicaSet's pods only", "uid-b", "b", true, [1]],
    ["a uid nobody references, the same name", "uid-other", "a", true, [3]],
  ])("%s", (_what, uid, name, deleting, expected) => {
    expect(claimCandidates(index, uid, name, deleting)).toEqual(expected);
  });
  it("is built once per list", () => {
    expect(activePodIndex(pods)).toBe(index);
    expect(activePodIndex([...pods])).not.toBe(index);
  });
});

describe("claimPods with the index", () => {
  it("claims what the full walk claims, and keeps the answer for the same list", () => {
    const rs = replicaSet("a", "uid-a");
    const first = claimPods(rs, pods);
    expect(first.claimed.map((p) => p.metadata.name)).toEqual(["a-1", "stray", "a-hand", "a-2"]);
    // The orphan is adopted: a write, so nothing is kept.
    expect(first.writes).toHaveLength(1);
    expect(claimPods(rs, pods).claimed).not.toBe(first.claimed);

    const owned = Object.freeze(pods.filter((p) => p.metadata.name !== "stray"));
    const claim = claimPods(rs, owned);
    expect(claim.writes).toEqual([]);
    expect(claimPods(rs, owned).claimed).toBe(claim.claimed);
    // A new selector object is asked again (here it no longer selects a-1: released).
    const narrowed = { ...rs, spec: { ...rs.spec, selector: { matchLabels: { app: "web", tier: "x" } } } };
    const released = claimPods(narrowed, owned);
    expect(released.claimed).toEqual([]);
    expect(released.writes.map((w) => (w.op === "update" ? w.object.metadata.name : w.op))).toEqual([
      "a-1",
      "a-hand",
      "a-2",
    ]);
  });
});

describe("calculateStatus over a kept claim", () => {
  // replica_set_utils.go calculateStatus: availability is IsPodAvailable at the sync's time,
  // so counts kept for a frozen claim must follow minReadySeconds and the time.
  const readyAt = (name: string, since: number): Pod => ({
    ...pod(name, ref("ReplicaSet", "a", "uid-a")),
    status: { phase: "Running", conditions: [{ type: "Ready", status: "True", lastTransitionTime: since }] },
  });
  const claimed = Object.freeze([readyAt("a-1", 0), readyAt("a-2", 8)]);
  it("counts again when the time or minReadySeconds changes", () => {
    const rs = replicaSet("a", "uid-a");
    const slow = { ...rs, spec: { ...rs.spec, minReadySeconds: 5 } };
    expect(calculateStatus(slow, claimed, 10).availableReplicas).toBe(1);
    expect(calculateStatus(slow, claimed, 14).availableReplicas).toBe(2);
    expect(calculateStatus(rs, claimed, 10).availableReplicas).toBe(2);
    expect(calculateStatus(slow, claimed, 10)).toMatchObject({ readyReplicas: 2, availableReplicas: 1 });
  });
});

// getPodsRankedByRelatedPodsOnSameNode (replica_set.go) ranks by the active pods of every
// ReplicaSet under the same controller, each pod once (getIndirectlyRelatedPods); the counts
// are taken without the list of related pods when one ReplicaSet is under the controller.
describe("relatedPodsPerNode", () => {
  const deploymentRef = ref("Deployment", "web", "uid-web");
  const owned = (rs: ReplicaSet, owner: OwnerReference | undefined): ReplicaSet => ({
    ...rs,
    metadata: { ...rs.metadata, ...(owner ? { ownerReferences: [owner] } : {}) },
  });
  const onNode = (p: Pod, node: string | undefined): Pod => ({ ...p, spec: { ...p.spec, nodeName: node } });
  const rsA = owned(replicaSet("a", "uid-a"), deploymentRef);
  const rsB = {
    ...owned(replicaSet("b", "uid-b"), deploymentRef),
    spec: { ...rsA.spec, selector: { matchLabels: { tier: "x" } } },
  } as ReplicaSet;
  const listed = [
    onNode(pod("p1", ref("ReplicaSet", "a", "uid-a")), "n1"),
    onNode(pod("p2", ref("ReplicaSet", "a", "uid-a")), "n2"),
    onNode(pod("p3", undefined, { labels: { app: "web", tier: "x" } }), "n1"),
    onNode(pod("p4", ref("ReplicaSet", "b", "uid-b"), { labels: { tier: "x" } }), "n1"),
    onNode(pod("p5", ref("ReplicaSet", "a", "uid-a"), { deleting: true }), "n2"),
    onNode(pod("p6", ref("ReplicaSet", "a", "uid-a"), { phase: "Failed" }), "n1"),
    onNode(pod("p7", ref("ReplicaSet", "a", "uid-a")), undefined),
    onNode(pod("p8", undefined, { labels: { other: "y" } }), "n3"),
  ];
  const cases: [string, ReplicaSet[], ReplicaSet, Record<string, number>][] = [
    ["one ReplicaSet under the Deployment", [rsA], rsA, { n1: 2, n2: 1, "": 1 }],
    ["two whose selectors overlap: p3 counted once", [rsA, rsB], rsA, { n1: 3, n2: 1, "": 1 }],
    [
      "a ReplicaSet without a controller ranks nothing",
      [replicaSet("a", "uid-a")],
      replicaSet("a", "uid-a"),
      {},
    ],
  ];
  it.each(cases)("%s", (_, replicaSets, rs, expected) => {
    const store = readerOf([...replicaSets, ...listed]);
    const counts = relatedPodsPerNode(rs, store);
    expect(Object.fromEntries(counts)).toEqual(expected);
    expect([...counts]).toEqual([...activeRelatedPodsPerNode(getIndirectlyRelatedPods(rs, store))]);
  });
});

// relatedPodsPerNode carries each pod's answer (selected and active, on which node) from its
// last count with the same selector for a pod that is the same object: over a run of lists
// that keep, rewrite, drop, add and reorder pods, the counts — keys in order included — must
// be those of getIndirectlyRelatedPods and activeRelatedPodsPerNode over that list alone.
describe("relatedPodsPerNode over a run of lists", () => {
  it("counts each list as counting it alone does", () => {
    const rng = mulberry32(53);
    const rs = {
      ...replicaSet("a", "uid-a"),
      metadata: { name: "a", uid: "uid-a", ownerReferences: [ref("Deployment", "web", "uid-web")] },
    } as ReplicaSet;
    const nodes = ["n1", "n2", "n3", undefined];
    const labels: Record<string, string>[] = [{ app: "web" }, { app: "web", tier: "x" }, { other: "y" }];
    const phases: Pod["status"]["phase"][] = ["Running", "Pending", "Succeeded", "Failed"];
    const made = (name: string): Pod => {
      const p = pod(name, ref("ReplicaSet", "a", "uid-a"), {
        labels: labels[intn(rng, labels.length)],
        phase: phases[intn(rng, phases.length)],
        deleting: intn(rng, 8) === 0,
      });
      return { ...p, spec: { ...p.spec, nodeName: nodes[intn(rng, nodes.length)] } };
    };
    let list: Pod[] = Array.from({ length: 25 }, (_, i) => made(`p${i}`));
    for (let round = 0; round < 300; round++) {
      list = list
        .filter(() => intn(rng, 12) > 0)
        .map((p) => (intn(rng, 6) === 0 ? made(p.metadata.name) : p));
      for (let n = intn(rng, 4); n > 0; n--) list.push(made(`q${round}-${n}`));
      if (intn(rng, 10) === 0) list.reverse();
      // Frozen, as the store hands its lists out: only then is anything carried (listAlign.ts).
      const frozen = Object.freeze([...list]);
      const store = {
        ...readerOf([rs, ...frozen]),
        list: (kind: string) => (kind === "Pod" ? frozen : [rs]),
      } as ReturnType<typeof readerOf>;
      const counts = relatedPodsPerNode(rs, store);
      expect([...counts]).toEqual([...activeRelatedPodsPerNode(getIndirectlyRelatedPods(rs, store))]);
    }
  });
});

// The index of a list carries each pod's kind from the last index when the pod is the same
// object (listAlign.ts): over lists that keep, write, drop, add and reorder pods, every index
// must be the one a walk of the list alone gives.
describe("activePodIndex over a run of lists", () => {
  const fromScratch = (list: readonly Pod[]) => {
    const byUid = new Map<string, number[]>();
    const byNameNoUid = new Map<string, number[]>();
    const orphans: number[] = [];
    list.forEach((p, at) => {
      if (
        p.status.phase === "Succeeded" ||
        p.status.phase === "Failed" ||
        p.metadata.deletionTimestamp !== undefined
      )
        return;
      const r = p.metadata.ownerReferences?.find((o) => o.controller === true);
      if (r === undefined) orphans.push(at);
      else if (r.kind !== "ReplicaSet") return;
      else if (r.uid) byUid.set(r.uid, [...(byUid.get(r.uid) ?? []), at]);
      else byNameNoUid.set(r.name, [...(byNameNoUid.get(r.name) ?? []), at]);
    });
    return { byUid, byNameNoUid, orphans };
  };

  it("gives each list the index a walk of that list gives", () => {
    const rng = mulberry32(28);
    const owners = [
      ref("ReplicaSet", "a", "uid-a"),
      ref("ReplicaSet", "b", "uid-b"),
      ref("ReplicaSet", "a", ""),
      ref("Job", "j", "uid-j"),
      undefined,
    ];
    const phases: Pod["status"]["phase"][] = ["Running", "Pending", "Succeeded", "Failed"];
    const made = (name: string) =>
      pod(name, owners[intn(rng, owners.length)], {
        phase: phases[intn(rng, phases.length)],
        deleting: intn(rng, 6) === 0,
      });
    let list: Pod[] = Array.from({ length: 30 }, (_, i) => made(`p${i}`));
    for (let round = 0; round < 300; round++) {
      list = list
        .filter(() => intn(rng, 12) > 0)
        .map((p) => (intn(rng, 6) === 0 ? made(p.metadata.name) : p));
      if (intn(rng, 5) === 0) list.splice(intn(rng, list.length + 1), intn(rng, 12));
      for (let n = intn(rng, 4); n > 0; n--) list.push(made(`q${round}-${n}`));
      if (intn(rng, 10) === 0) list.reverse();
      const frozen = Object.freeze([...list]);
      const { byUid, byNameNoUid, orphans } = activePodIndex(frozen);
      expect({ byUid, byNameNoUid, orphans }).toEqual(fromScratch(frozen));
    }
  });
});

// calculateStatus carries each pod's answers (fully labeled, Ready, available) from the last
// count for a pod that is the same object: over a run of lists and times its counts must be a
// fresh count's (replica_set_utils.go calculateStatus; IsPodReady/IsPodAvailable, pod/util.go).
describe("calculateStatus over a run of lists", () => {
  it("counts each list as counting it alone does", () => {
    const rng = mulberry32(41);
    const made = (name: string, t: number): Pod => {
      const p = pod(name, ref("ReplicaSet", "a", "uid-a"), {
        labels:
          intn(rng, 5) === 0
            ? { app: "web", extra: "1" }
            : intn(rng, 5) === 0
              ? { other: "x" }
              : { app: "web" },
      });
      const ready = intn(rng, 3);
      return {
        ...p,
        status: {
          ...p.status,
          conditions:
            ready === 0
              ? []
              : [
                  {
                    type: "Ready",
                    status: ready === 1 ? "True" : "False",
                    lastTransitionTime: t - intn(rng, 20),
                  },
                ],
        },
      } as Pod;
    };
    for (const minReadySeconds of [0, 10]) {
      const rs = {
        ...replicaSet("a", "uid-a"),
        spec: { ...replicaSet("a", "uid-a").spec, minReadySeconds },
      } as ReplicaSet;
      let list: Pod[] = Array.from({ length: 20 }, (_, i) => made(`p${i}`, 0));
      for (let t = 1; t <= 200; t++) {
        list = list
          .filter(() => intn(rng, 15) > 0)
          .map((p) => (intn(rng, 5) === 0 ? made(p.metadata.name, t) : p));
        for (let n = intn(rng, 3); n > 0; n--) list.push(made(`q${t}-${n}`, t));
        if (intn(rng, 12) === 0) list.reverse();
        const now = t - (intn(rng, 3) === 0 ? 1 : 0);
        const frozen = Object.freeze([...list]);
        const status = calculateStatus(rs, frozen, now);
        const fresh = calculateStatus(rs, [...frozen], now);
        const expected = {
          fullyLabeled: frozen.filter((p) => p.metadata.labels?.app === "web").length,
          ready: frozen.filter((p) => p.status.conditions?.[0]?.status === "True").length,
          available: frozen.filter((p) => {
            const c = p.status.conditions?.[0];
            return (
              c?.status === "True" &&
              (minReadySeconds === 0 || (c.lastTransitionTime as number) + minReadySeconds < now)
            );
          }).length,
        };
        expect([status.fullyLabeledReplicas, status.readyReplicas, status.availableReplicas]).toEqual([
          expected.fullyLabeled,
          expected.ready,
          expected.available,
        ]);
        expect(fresh).toEqual(status);
      }
    }
  });
});
