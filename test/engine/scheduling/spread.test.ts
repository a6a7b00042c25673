// PodTopologySpread as the simulated scheduler applies it, against
// pkg/scheduler/framework/plugins/podtopologyspread (v1.28: common.go, filtering.go, scoring.go,
// plugin.go systemDefaultConstraints) and plugins/helper/spread.go DefaultSelector.
import { describe, expect, it } from "vitest";
import { poolNode } from "../../../src/engine/nodes/template.ts";
import { schedulePod } from "../../../src/engine/scheduling/framework.ts";
import { emptyListers, type SchedulingListers } from "../../../src/engine/scheduling/listers.ts";
import { nodeInfo, type NodeInfo } from "../../../src/engine/scheduling/nodeInfo.ts";
import {
  checkSpread,
  defaultSelector,
  ErrReasonConstraintsNotMatch,
  ErrReasonNodeLabelNotMatch,
  minMatchNum,
  normalizeSpread,
  preFilterSpread,
  scoreForCount,
  spreadConstraints,
  spreadScores,
  topologyNormalizingWeight,
} from "../../../src/engine/scheduling/podTopologySpread.ts";
import type { Node, Pod, ReplicaSet, Service, TopologySpreadConstraint } from "../../../src/k8s/types.ts";

const GiB = 1024 ** 3;
const ZONE = "topology.kubernetes.io/zone";

const node = (name: string, zone?: string, extra: Partial<Node["spec"]> = {}): Node => {
  const n = poolNode(
    { name: "n", cpu: 4000, memory: 8 * GiB, maxPods: 110, ...(zone ? { labels: { [ZONE]: zone } } : {}) },
    name,
    1,
    0,
  );
  n.spec = { ...n.spec, ...extra };
  return n;
};

const pod = (
  name: string,
  labels: Record<string, string>,
  spec: Partial<Pod["spec"]> = {},
  meta: Partial<Pod["metadata"]> = {},
): Pod =>
  ({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default", labels, ...meta },
    spec: { containers: [{ name: "c", image: "i", resources: { requests: { cpu: "100m" } } }], ...spec },
    status: {},
  }) as unknown as Pod;

const web = (name: string) => pod(name, { app: "web" });
const zoneSpread = (
  maxSkew = 1,
  extra: Partial<TopologySpreadConstraint> = {},
): TopologySpreadConstraint => ({
  maxSkew,
  topologyKey: ZONE,
  whenUnsatisfiable: "DoNotSchedule",
  labelSelector: { matchLabels: { app: "web" } },
  ...extra,
});
const incoming = (c: TopologySpreadConstraint[]) =>
  pod("new", { app: "web" }, { topologySpreadConstraints: c });

/** Three zones: a holds two web pods, b one, c none (one node each unless said otherwise). */
function zones(): NodeInfo[] {
  return [
    nodeInfo(node("a-1", "a"), [web("w1"), web("w2")]),
    nodeInfo(node("b-1", "b"), [web("w3")]),
    nodeInfo(node("c-1", "c"), []),
  ];
}

const seq = { next: () => 0 };

describe("PodTopologySpread filter (filtering.go: matchNum + selfMatch − minMatch <= maxSkew)", () => {
  it("with zones at 2/1/0 and maxSkew 1 only the empty zone passes", () => {
    const infos = zones();
    const p = incoming([zoneSpread(1)]);
    const state = preFilterSpread(p, infos, emptyListers);
    const results = infos.map((i) => checkSpread(state, p, i));
    expect(results[0]?.status).toEqual({ code: "Unschedulable", reasons: [ErrReasonConstraintsNotMatch] });
    expect(results[0]?.check).toEqual({
      topologyKey: ZONE,
      domain: "a",
      matchNum: 2,
      selfMatch: 1,
      minMatch: 0,
      maxSkew: 1,
    });
    expect(results[1]?.status.reasons).toEqual([ErrReasonConstraintsNotMatch]);
    expect(results[2]).toBeUndefined();
  });

  it("maxSkew 2 lets zone b in as well (1 + 1 − 0 = 2)", () => {
    const infos = zones();
    const p = incoming([zoneSpread(2)]);
    const state = preFilterSpread(p, infos, emptyListers);
    expect(infos.map((i) => checkSpread(state, p, i) === undefined)).toEqual([false, true, true]);
  });

  it("a node without the topology key fails as unresolvable, '(missing required label)'", () => {
    const infos = [...zones(), nodeInfo(node("bare-1"), [])];
    const p = incoming([zoneSpread(1)]);
    const state = preFilterSpread(p, infos, emptyListers);
    expect(checkSpread(state, p, infos[3])?.status).toEqual({
      code: "UnschedulableAndUnresolvable",
      reasons: [ErrReasonNodeLabelNotMatch],
    });
  });

  it("a pod its own selector does not match adds no self-match; terminating and other-namespace pods are not counted (#87621)", () => {
    const infos = [
      nodeInfo(node("a-1", "a"), [web("w1"), pod("t", { app: "web" }, {}, { deletionTimestamp: 5 })]),
      nodeInfo(node("b-1", "b"), [pod("other", { app: "web" }, {}, { namespace: "prod" })]),
    ];
    const p = pod("new", { app: "api" }, { topologySpreadConstraints: [zoneSpread(1)] });
    const state = preFilterSpread(p, infos, emptyListers);
    expect(state.matchNum[0]).toEqual(
      new Map([
        ["a", 1],
        ["b", 0],
      ]),
    );
    // a: 1 + 0 − 0 = 1 <= 1
    expect(checkSpread(state, p, infos[0])).toBeUndefined();
  });

  it("minDomains: fewer domains than minDomains makes the global minimum 0 (minMatchNum)", () => {
    const counts = new Map([
      ["a", 2],
      ["b", 2],
    ]);
    expect(minMatchNum(counts, 1)).toBe(2);
    expect(minMatchNum(counts, 3)).toBe(0);
    const infos = [nodeInfo(node("a-1", "a"), [web("w1")]), nodeInfo(node("b-1", "b"), [web("w2")])];
    // Without minDomains both zones pass (1 + 1 − 1 = 1); with minDomains 3 neither does (1 + 1 − 0 = 2).
    for (const [minDomains, pass] of [
      [undefined, true],
      [3, false],
    ] as const) {
      const p = incoming([zoneSpread(1, minDomains ? { minDomains } : {})]);
      const state = preFilterSpread(p, infos, emptyListers);
      expect(infos.map((i) => checkSpread(state, p, i) === undefined)).toEqual([pass, pass]);
    }
  });

  it("nodeAffinityPolicy Honor (the default) leaves nodes the pod cannot go to out of the domains; Ignore counts them", () => {
    const infos = [nodeInfo(node("a-1", "a"), [web("w1"), web("w2")]), nodeInfo(node("b-1", "b"), [])];
    infos[1].node.metadata.labels = { ...infos[1].node.metadata.labels, disk: "hdd" };
    infos[0].node.metadata.labels = { ...infos[0].node.metadata.labels, disk: "ssd" };
    const spec = (policy?: "Honor" | "Ignore") => ({
      nodeSelector: { disk: "ssd" },
      topologySpreadConstraints: [zoneSpread(1, policy ? { nodeAffinityPolicy: policy } : {})],
    });
    // Honor: only zone a is a domain, its minimum is 2 → 2 + 1 − 2 = 1 passes.
    const honor = pod("new", { app: "web" }, spec());
    expect(checkSpread(preFilterSpread(honor, infos, emptyListers), honor, infos[0])).toBeUndefined();
    // Ignore: zone b (0) counts → 2 + 1 − 0 = 3 fails.
    const ignore = pod("new", { app: "web" }, spec("Ignore"));
    expect(checkSpread(preFilterSpread(ignore, infos, emptyListers), ignore, infos[0])?.status.code).toBe(
      "Unschedulable",
    );
  });

  it("nodeTaintsPolicy Honor leaves tainted nodes the pod does not tolerate out; the default Ignore counts them", () => {
    const infos = [
      nodeInfo(node("a-1", "a"), [web("w1")]),
      nodeInfo(node("b-1", "b", { taints: [{ key: "dedicated", value: "db", effect: "NoSchedule" }] }), []),
    ];
    const ignore = incoming([zoneSpread(1)]);
    expect(checkSpread(preFilterSpread(ignore, infos, emptyListers), ignore, infos[0])?.status.code).toBe(
      "Unschedulable",
    );
    const honor = incoming([zoneSpread(1, { nodeTaintsPolicy: "Honor" })]);
    expect(checkSpread(preFilterSpread(honor, infos, emptyListers), honor, infos[0])).toBeUndefined();
  });

  it("matchLabelKeys narrow the selector to the pod's own values (pod-template-hash: one ReplicaSet's pods)", () => {
    const old = (n: string) => pod(n, { app: "web", "pod-template-hash": "old" });
    const infos = [nodeInfo(node("a-1", "a"), [old("o1"), old("o2")]), nodeInfo(node("b-1", "b"), [])];
    const c = zoneSpread(1, { matchLabelKeys: ["pod-template-hash"] });
    const p = pod("new", { app: "web", "pod-template-hash": "new" }, { topologySpreadConstraints: [c] });
    const state = preFilterSpread(p, infos, emptyListers);
    expect(state.matchNum[0]).toEqual(
      new Map([
        ["a", 0],
        ["b", 0],
      ]),
    );
    expect(checkSpread(state, p, infos[0])).toBeUndefined();
  });

  it("ScheduleAnyway constraints never filter", () => {
    const infos = zones();
    const p = incoming([zoneSpread(1, { whenUnsatisfiable: "ScheduleAnyway" })]);
    const state = preFilterSpread(p, infos, emptyListers);
    expect(state.constraints).toEqual([]);
    expect(infos.every((i) => checkSpread(state, p, i) === undefined)).toBe(true);
  });

  it("a cordoned node still counts as a domain: with zone c cordoned, a and b are refused for skew (the FailedScheduling text)", () => {
    const infos = zones();
    infos[2].node.spec = { ...infos[2].node.spec, unschedulable: true };
    const result = schedulePod(incoming([zoneSpread(1)]), infos, seq);
    expect("unschedulable" in result && result.unschedulable).toBe(
      "0/3 nodes are available: 1 node(s) were unschedulable, 2 node(s) didn't match pod topology spread constraints. " +
        "preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod..",
    );
  });
});

describe("PodTopologySpread score (scoring.go)", () => {
  it("scoreForCount and topologyNormalizingWeight: count × log(domains + 2) + maxSkew − 1", () => {
    expect(topologyNormalizingWeight(3)).toBeCloseTo(Math.log(5));
    expect(scoreForCount(2, 1, Math.log(5))).toBeCloseTo(2 * Math.log(5));
    expect(scoreForCount(0, 3, 1)).toBe(2);
  });

  it("NormalizeScore reverses: 100 × (max + min − s) / max; all zero → 100; ignored → 0", () => {
    expect(normalizeSpread([2, 3, 5], [false, false, false])).toEqual([100, 80, 40]);
    expect(normalizeSpread([0, 0], [false, false])).toEqual([100, 100]);
    expect(normalizeSpread([4, 9], [false, true])).toEqual([100, 0]);
  });

  it("zones at 2/1/0 with ScheduleAnyway maxSkew 1: round(count × log 5) → 3, 2, 0 → normalised 0, 33, 100", () => {
    const infos = zones();
    const p = incoming([zoneSpread(1, { whenUnsatisfiable: "ScheduleAnyway" })]);
    // raw: a 2·1.609 = 3.22 → 3, b 1.609 → 2, c 0 → max 3, min 0: 100·(3−3)/3 = 0, 100·(3−2)/3 = 33, 100.
    expect(spreadScores(p, infos, infos, emptyListers)).toEqual([0, 33, 100]);
  });

  it("no ScheduleAnyway constraint: the plugin skips", () => {
    const infos = zones();
    expect(spreadScores(incoming([zoneSpread(1)]), infos, infos, emptyListers)).toBeUndefined();
  });
});

describe("system-default constraints (plugin.go systemDefaultConstraints, helper/spread.go DefaultSelector)", () => {
  const rs: ReplicaSet = {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: { name: "web-5d8f", namespace: "default" },
    spec: { replicas: 3, selector: { matchLabels: { app: "web", "pod-template-hash": "5d8f" } } },
  } as unknown as ReplicaSet;
  const svc: Service = {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "web", namespace: "default" },
    spec: { selector: { app: "web", tier: "front" } },
  };
  const listers: SchedulingListers = {
    ...emptyListers,
    services: () => [svc, { ...svc, metadata: { name: "headless" }, spec: {} }],
    replicaSet: (_ns, name) => (name === rs.metadata.name ? rs : undefined),
  };
  const owned = (name: string, labels: Record<string, string>) =>
    pod(
      name,
      labels,
      {},
      {
        ownerReferences: [
          { apiVersion: "apps/v1", kind: "ReplicaSet", name: "web-5d8f", uid: "u", controller: true },
        ],
      },
    );
  const labels = { app: "web", tier: "front", "pod-template-hash": "5d8f" };

  it("the selector is the matching Services' merged with the controller's; a Service without a selector selects nothing", () => {
    const sel = defaultSelector(owned("p", labels), listers);
    expect(sel).toEqual({
      matchLabels: { app: "web", "pod-template-hash": "5d8f" },
      matchExpressions: [
        { key: "app", operator: "In", values: ["web"] },
        { key: "tier", operator: "In", values: ["front"] },
      ],
    });
  });

  it("a pod without constraints is spread by hostname (maxSkew 3) and zone (maxSkew 5), ScheduleAnyway only", () => {
    const p = owned("p", labels);
    expect(spreadConstraints(p, "DoNotSchedule", listers)).toEqual([]);
    expect(spreadConstraints(p, "ScheduleAnyway", listers).map((c) => [c.topologyKey, c.maxSkew])).toEqual([
      ["kubernetes.io/hostname", 3],
      [ZONE, 5],
    ]);
  });

  it("a bare pod nothing selects has no default constraints", () => {
    expect(spreadConstraints(pod("bare", { run: "x" }), "ScheduleAnyway", listers)).toEqual([]);
  });

  it("nodes without a zone label still score by hostname: 0, 1 and 4 siblings → round(n·log 5 + 2) = 2, 4, 8 → 100, 75, 25 (normalised)", () => {
    const infos = [
      nodeInfo(node("n-1"), []),
      nodeInfo(node("n-2"), [owned("s1", labels)]),
      nodeInfo(
        node("n-3"),
        ["s2", "s3", "s4", "s5"].map((n) => owned(n, labels)),
      ),
    ];
    // raw: 2, round(1.609 + 2) = 4, round(6.44 + 2) = 8; max 8, min 2 → 100·8/8, 100·6/8, 100·2/8.
    expect(spreadScores(owned("p", labels), infos, infos, listers)).toEqual([100, 75, 25]);
  });
});
