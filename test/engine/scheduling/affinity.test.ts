// InterPodAffinity as the simulated scheduler applies it, against
// pkg/scheduler/framework/plugins/interpodaffinity (v1.28: filtering.go, scoring.go) and
// framework/types.go AffinityTerm.
import { describe, expect, it } from "vitest";
import { poolNode } from "../../../src/engine/nodes/template.ts";
import { schedulePod } from "../../../src/engine/scheduling/framework.ts";
import {
  affinityScores,
  checkAffinity,
  ErrReasonAffinityRulesNotMatch,
  ErrReasonAntiAffinityRulesNotMatch,
  ErrReasonExistingAntiAffinityRulesNotMatch,
  normalizeAffinity,
  preFilterAffinity,
} from "../../../src/engine/scheduling/interPodAffinity.ts";
import { emptyListers, type SchedulingListers } from "../../../src/engine/scheduling/listers.ts";
import { nodeInfo, type NodeInfo } from "../../../src/engine/scheduling/nodeInfo.ts";
import { Simulation } from "../../../src/engine/simulation.ts";
import type { Affinity, Node, Pod, PodAffinityTerm } from "../../../src/k8s/types.ts";

const GiB = 1024 ** 3;
const ZONE = "topology.kubernetes.io/zone";
const HOST = "kubernetes.io/hostname";

const node = (name: string, zone: string): Node =>
  poolNode({ name: "n", cpu: 4000, memory: 8 * GiB, maxPods: 110, labels: { [ZONE]: zone } }, name, 1, 0);

const pod = (name: string, labels: Record<string, string>, affinity?: Affinity, namespace = "default"): Pod =>
  ({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace, labels },
    spec: { containers: [{ name: "c", image: "i" }], ...(affinity ? { affinity } : {}) },
    status: {},
  }) as unknown as Pod;

const term = (
  labels: Record<string, string>,
  topologyKey = HOST,
  extra: Partial<PodAffinityTerm> = {},
): PodAffinityTerm => ({
  labelSelector: { matchLabels: labels },
  topologyKey,
  ...extra,
});
const antiSelf: Affinity = {
  podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: "web" })] },
};
const web = (name: string) => pod(name, { app: "web" }, antiSelf);

const seq = { next: () => 0 };
const passes = (p: Pod, infos: NodeInfo[], listers: SchedulingListers = emptyListers) => {
  const state = preFilterAffinity(p, infos, listers);
  return infos.map((i) => (state ? checkAffinity(state, i) : undefined));
};

describe("InterPodAffinity filter (filtering.go)", () => {
  it("required anti-affinity on hostname: one pod per node; a fourth web pod on three nodes is Pending with kube-scheduler's words", () => {
    const infos = [
      nodeInfo(node("n-1", "a"), [web("w1")]),
      nodeInfo(node("n-2", "a"), [web("w2")]),
      nodeInfo(node("n-3", "b"), []),
    ];
    expect(passes(web("w3"), infos).map((s) => s?.reasons[0])).toEqual([
      ErrReasonAntiAffinityRulesNotMatch,
      ErrReasonAntiAffinityRulesNotMatch,
      undefined,
    ]);
    infos[2] = nodeInfo(node("n-3", "b"), [web("w3")]);
    const result = schedulePod(web("w4"), infos, seq);
    expect("unschedulable" in result && result.unschedulable).toBe(
      "0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules. " +
        "preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod..",
    );
  });

  it("an existing pod's anti-affinity keeps a pod it selects out of its domain, even one without terms of its own", () => {
    const db = pod(
      "db",
      { app: "db" },
      { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: "batch" }, ZONE)] } },
    );
    const infos = [
      nodeInfo(node("n-1", "a"), [db]),
      nodeInfo(node("n-2", "a"), []),
      nodeInfo(node("n-3", "b"), []),
    ];
    expect(passes(pod("job", { app: "batch" }), infos).map((s) => s?.reasons[0])).toEqual([
      ErrReasonExistingAntiAffinityRulesNotMatch,
      ErrReasonExistingAntiAffinityRulesNotMatch,
      undefined,
    ]);
    // A pod the term does not select is not affected, and the plugin skips.
    expect(preFilterAffinity(pod("api", { app: "api" }), infos, emptyListers)).toBeUndefined();
  });

  it("required affinity to a zone: only nodes in a zone holding a matching pod; unresolvable otherwise", () => {
    const cache = pod("cache", { app: "cache" });
    const infos = [
      nodeInfo(node("n-1", "a"), [cache]),
      nodeInfo(node("n-2", "a"), []),
      nodeInfo(node("n-3", "b"), []),
    ];
    const p = pod(
      "web",
      { app: "web" },
      { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: "cache" }, ZONE)] } },
    );
    const statuses = passes(p, infos);
    expect(statuses.slice(0, 2)).toEqual([undefined, undefined]);
    expect(statuses[2]).toEqual({
      code: "UnschedulableAndUnresolvable",
      reasons: [ErrReasonAffinityRulesNotMatch],
    });
  });

  it("the first pod of a group with affinity to itself may go anywhere; once one exists the rest follow it", () => {
    const together: Affinity = {
      podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: "web" }, ZONE)] },
    };
    const infos = [nodeInfo(node("n-1", "a"), []), nodeInfo(node("n-2", "b"), [])];
    expect(passes(pod("w1", { app: "web" }, together), infos)).toEqual([undefined, undefined]);
    infos[1] = nodeInfo(node("n-2", "b"), [pod("w1", { app: "web" }, together)]);
    expect(passes(pod("w2", { app: "web" }, together), infos).map((s) => s?.code)).toEqual([
      "UnschedulableAndUnresolvable",
      undefined,
    ]);
  });

  it("a term selects pods in the pod's own namespace unless it names namespaces or has a namespaceSelector", () => {
    const infos = [
      nodeInfo(node("n-1", "a"), [pod("other", { app: "web" }, undefined, "prod")]),
      nodeInfo(node("n-2", "b"), []),
    ];
    const own = pod("w", { app: "web" }, antiSelf);
    expect(passes(own, infos)).toEqual([undefined, undefined]);
    const named = pod(
      "w",
      { app: "web" },
      {
        podAntiAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [
            term({ app: "web" }, HOST, { namespaces: ["prod"] }),
          ],
        },
      },
    );
    expect(passes(named, infos)[0]?.reasons).toEqual([ErrReasonAntiAffinityRulesNotMatch]);
    const listers: SchedulingListers = {
      ...emptyListers,
      namespaceLabels: (ns) => ({ "kubernetes.io/metadata.name": ns, team: ns === "prod" ? "shop" : "none" }),
    };
    const bySelector = pod(
      "w",
      { app: "web" },
      {
        podAntiAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [
            term({ app: "web" }, HOST, { namespaceSelector: { matchLabels: { team: "shop" } } }),
          ],
        },
      },
    );
    expect(passes(bySelector, infos, listers)[0]?.reasons).toEqual([ErrReasonAntiAffinityRulesNotMatch]);
  });
});

describe("InterPodAffinity score (scoring.go)", () => {
  it("NormalizeScore: 100 × (s − min) / (max − min); all equal → 0", () => {
    expect(normalizeAffinity([-5, 0, 5])).toEqual([0, 50, 100]);
    expect(normalizeAffinity([3, 3])).toEqual([0, 0]);
    expect(normalizeAffinity([0, 1, 3])).toEqual([0, 33, 100]);
  });

  it("preferred anti-affinity pushes away from the domains holding matching pods, by weight", () => {
    const infos = [
      nodeInfo(node("n-1", "a"), [pod("w1", { app: "web" }), pod("w2", { app: "web" })]),
      nodeInfo(node("n-2", "b"), [pod("w3", { app: "web" })]),
      nodeInfo(node("n-3", "c"), []),
    ];
    const p = pod(
      "w4",
      { app: "web" },
      {
        podAntiAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 100, podAffinityTerm: term({ app: "web" }, ZONE) },
          ],
        },
      },
    );
    // raw −200, −100, 0 → 0, 50, 100
    expect(affinityScores(p, infos, infos, emptyListers)).toEqual([0, 50, 100]);
  });

  it("an existing pod's required affinity draws the pods it selects (hardPodAffinityWeight 1)", () => {
    const follower = pod(
      "f",
      { app: "f" },
      { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: "leader" })] } },
    );
    const infos = [nodeInfo(node("n-1", "a"), [follower]), nodeInfo(node("n-2", "a"), [])];
    expect(affinityScores(pod("l", { app: "leader" }), infos, infos, emptyListers)).toEqual([100, 0]);
  });

  it("no term touches a domain: the plugin skips", () => {
    const infos = [nodeInfo(node("n-1", "a"), [pod("x", { app: "x" })])];
    expect(affinityScores(pod("y", { app: "y" }), infos, infos, emptyListers)).toBeUndefined();
  });
});

describe("InterPodAffinity in a running simulation (scheduling_queue.go AssignedPodAdded)", () => {
  const make = (name: string, labels: Record<string, string>, affinity?: Affinity) =>
    ({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name, namespace: "default", labels },
      spec: { containers: [{ name: "c", image: "nginx" }], ...(affinity ? { affinity } : {}) },
    }) as unknown as Pod;
  const withCache: Affinity = {
    podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: "cache" }, ZONE)] },
  };
  const eventsFor = (sim: Simulation, name: string) =>
    sim.events.filter((e) => e.involvedObject.name === name).map((e) => `${e.reason}: ${e.message}`);

  it("a pod waiting for a pod it requires is tried as soon as such a pod is bound, not at the 5-minute flush", () => {
    const sim = new Simulation({ capacity: true });
    expect(
      sim.addNodes({ name: "a", cpu: 2000, memory: 4 * GiB, maxPods: 110, labels: { [ZONE]: "a" } }, 1),
    ).toBeUndefined();
    expect(
      sim.addNodes({ name: "b", cpu: 2000, memory: 4 * GiB, maxPods: 110, labels: { [ZONE]: "b" } }, 1),
    ).toBeUndefined();
    sim.at(0, "web", () => void sim.api.create(make("web", { app: "web" }, withCache)));
    sim.at(40, "cache", () => void sim.api.create(make("cache", { app: "cache" })));
    sim.runUntil(41);
    expect(eventsFor(sim, "web")[0]).toBe(
      "FailedScheduling: 0/2 nodes are available: 2 node(s) didn't match pod affinity rules. " +
        "preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling..",
    );
    const cacheNode = sim.api.get("Pod", "default", "cache")!.spec.nodeName;
    expect(sim.api.get("Pod", "default", "web")!.spec.nodeName).toBe(cacheNode);
    expect(eventsFor(sim, "web")[1]).toBe(`Scheduled: Successfully assigned default/web to ${cacheNode}`);
  });
});
