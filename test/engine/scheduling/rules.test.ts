// kube-scheduler's rules as the simulated scheduler applies them, each against its source
// (pkg/scheduler v1.28; k8s.io/component-helpers/scheduling/corev1).
import { describe, expect, it } from "vitest";
import {
  nodeAffinity,
  nodeResourcesFit,
  nodeUnschedulable,
  runFilters,
  taintToleration,
} from "../../../src/engine/scheduling/filters.ts";
import { backoffDuration, schedulePod, selectHost } from "../../../src/engine/scheduling/framework.ts";
import { leftoverFlushAt, nodeChangeMayHelp } from "../../../src/engine/scheduling/kubeScheduler.ts";
import { nodeInfo } from "../../../src/engine/scheduling/nodeInfo.ts";
import {
  balancedAllocationScore,
  defaultNormalizeScore,
  leastAllocatedScore,
  leastRequestedScore,
} from "../../../src/engine/scheduling/score.ts";
import { poolNode } from "../../../src/engine/nodes/template.ts";
import { podNonZeroRequests, podRequests } from "../../../src/k8s/podResources.ts";
import { matchesRequiredNodeAffinity, toleratesTaint } from "../../../src/k8s/scheduling.ts";
import type { Node, Pod, PodSpec, Taint, Toleration } from "../../../src/k8s/types.ts";

const GiB = 1024 ** 3;
const node = (name = "n-1", cpu = 4000, memory = 8 * GiB, extra: Partial<Node["spec"]> = {}): Node => {
  const n = poolNode({ name: "n", cpu, memory, maxPods: 110 }, name, 1, 0);
  n.spec = { ...n.spec, ...extra };
  return n;
};
const pod = (name: string, requests?: { cpu?: string; memory?: string }, spec: Partial<PodSpec> = {}): Pod =>
  ({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default" },
    spec: {
      containers: [{ name: "c", image: "i", ...(requests ? { resources: { requests } } : {}) }],
      ...spec,
    },
    status: {},
  }) as unknown as Pod;

describe("FitError and DefaultPreemption's message (framework/types.go FitError.Error, default_preemption.go)", () => {
  const seq = { next: () => 0 };
  const message = (r: ReturnType<typeof schedulePod>) => ("unschedulable" in r ? r.unschedulable : r.node);
  const busy = (name: string) => nodeInfo(node(name, 1000, 2 * GiB), [pod(`${name}-a`, { cpu: "800m" })]);
  it("three full nodes: the brief's example, with preemption's own FitError ending in '..'", () => {
    expect(
      message(schedulePod(pod("p", { cpu: "500m" }), [busy("n-1"), busy("n-2"), busy("n-3")], seq)),
    ).toBe(
      "0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod..",
    );
  });
  it("reasons counted per node and sorted as strings; unresolvable nodes are not helped by preemption", () => {
    const cordoned = nodeInfo(node("n-1", 1000, 2 * GiB, { unschedulable: true }), []);
    const both = nodeInfo(node("n-2", 1000, 2 * GiB), [pod("x", { cpu: "800m", memory: "1900Mi" })]);
    expect(
      message(schedulePod(pod("p", { cpu: "500m", memory: "500Mi" }), [cordoned, both, busy("n-3")], seq)),
    ).toBe(
      "0/3 nodes are available: 1 Insufficient memory, 1 node(s) were unschedulable, 2 Insufficient cpu. " +
        "preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod..",
    );
  });
  it("no node at all: ErrNoNodesAvailable (schedule_one.go)", () => {
    expect(message(schedulePod(pod("p"), [], seq))).toBe("no nodes available to schedule pods");
  });
});

describe("the filter plugins (default_plugins.go order; RunFilterPlugins stops at the first failure)", () => {
  it("NodeResourcesFit: requests against allocatable minus what is bound (fit.go fitsRequest)", () => {
    const info = nodeInfo(node("n-1", 1000, 2 * GiB), [pod("a", { cpu: "800m" })]);
    expect(nodeResourcesFit(pod("b", { cpu: "200m" }), info)).toBeUndefined();
    expect(nodeResourcesFit(pod("b", { cpu: "201m", memory: "3Gi" }), info)?.reasons).toEqual([
      "Insufficient cpu",
      "Insufficient memory",
    ]);
    // A pod with no requests fits anywhere while the pod count allows.
    expect(nodeResourcesFit(pod("c"), info)).toBeUndefined();
  });
  it("NodeResourcesFit: the pod count ('Too many pods') from allocatable.pods", () => {
    const n = node();
    n.status.allocatable = { ...n.status.allocatable, pods: "1" };
    expect(nodeResourcesFit(pod("b"), nodeInfo(n, [pod("a")]))?.reasons).toEqual(["Too many pods"]);
  });
  it("NodeUnschedulable: a cordoned node, unless the pod tolerates node.kubernetes.io/unschedulable", () => {
    const cordoned = nodeInfo(node("n-1", 4000, 8 * GiB, { unschedulable: true }), []);
    expect(nodeUnschedulable(pod("a"), cordoned)?.reasons).toEqual(["node(s) were unschedulable"]);
    const tolerating = pod("b", undefined, {
      tolerations: [{ key: "node.kubernetes.io/unschedulable", operator: "Exists", effect: "NoSchedule" }],
    });
    expect(nodeUnschedulable(tolerating, cordoned)).toBeUndefined();
    // The first failing plugin is the one reported: a cordoned full node is unschedulable, not full.
    expect(runFilters(pod("c", { cpu: "8" }), cordoned)?.reasons).toEqual(["node(s) were unschedulable"]);
  });
  it("TaintToleration: the first untolerated NoSchedule/NoExecute taint; PreferNoSchedule never filters", () => {
    const taints: Taint[] = [
      { key: "soft", effect: "PreferNoSchedule" },
      { key: "dedicated", value: "gpu", effect: "NoSchedule" },
    ];
    const info = nodeInfo(node("n-1", 4000, 8 * GiB, { taints }), []);
    expect(taintToleration(pod("a"), info)?.reasons).toEqual([
      "node(s) had untolerated taint {dedicated: gpu}",
    ]);
    const ok = pod("b", undefined, { tolerations: [{ key: "dedicated", operator: "Equal", value: "gpu" }] });
    expect(taintToleration(ok, info)).toBeUndefined();
  });
  it("NodeAffinity: nodeSelector and required terms", () => {
    const info = nodeInfo(node(), []);
    expect(nodeAffinity(pod("a", undefined, { nodeSelector: { disktype: "ssd" } }), info)?.reasons).toEqual([
      "node(s) didn't match Pod's node affinity/selector",
    ]);
    expect(
      nodeAffinity(pod("b", undefined, { nodeSelector: { "kubernetes.io/os": "linux" } }), info),
    ).toBeUndefined();
  });
});

describe("Toleration.ToleratesTaint (core/v1 toleration.go)", () => {
  const taint: Taint = { key: "dedicated", value: "gpu", effect: "NoSchedule" };
  it.each<[string, Toleration, boolean]>([
    ["Exists on the key", { key: "dedicated", operator: "Exists" }, true],
    ["Equal with the value", { key: "dedicated", value: "gpu" }, true],
    ["Equal with another value", { key: "dedicated", value: "db" }, false],
    ["another effect", { key: "dedicated", operator: "Exists", effect: "NoExecute" }, false],
    ["empty key with Exists: every taint", { operator: "Exists" }, true],
    ["another key", { key: "other", operator: "Exists" }, false],
  ])("%s → %s", (_n, t, expected) => {
    expect(toleratesTaint(t, taint)).toBe(expected);
  });
});

describe("required node affinity (nodeaffinity.go)", () => {
  const n = node();
  n.metadata.labels = { ...n.metadata.labels, zone: "a", "cpu-count": "8" };
  const withTerms = (terms: object[]) =>
    pod("a", undefined, {
      affinity: {
        nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } },
      },
    } as Partial<PodSpec>);
  it.each<[string, object[], boolean]>([
    ["In", [{ matchExpressions: [{ key: "zone", operator: "In", values: ["a", "b"] }] }], true],
    ["NotIn", [{ matchExpressions: [{ key: "zone", operator: "NotIn", values: ["a"] }] }], false],
    ["Gt as integers", [{ matchExpressions: [{ key: "cpu-count", operator: "Gt", values: ["4"] }] }], true],
    ["DoesNotExist", [{ matchExpressions: [{ key: "gpu", operator: "DoesNotExist" }] }], true],
    [
      "terms are ORed",
      [
        { matchExpressions: [{ key: "zone", operator: "In", values: ["z"] }] },
        { matchFields: [{ key: "metadata.name", operator: "In", values: ["n-1"] }] },
      ],
      true,
    ],
    ["an empty term matches nothing", [{}], false],
  ])("%s → %s", (_n, terms, expected) => {
    expect(matchesRequiredNodeAffinity(withTerms(terms), n)).toBe(expected);
  });
});

describe("scores (noderesources least_allocated.go, balanced_allocation.go, helper/normalize_score.go)", () => {
  it.each([
    [1000, 4000, 75],
    [3999, 4000, 0],
    [5000, 4000, 0],
    [0, 0, 0],
  ])("leastRequestedScore(%i of %i) = %i", (requested, capacity, expected) => {
    expect(leastRequestedScore(requested, capacity)).toBe(expected);
  });
  it("LeastAllocated counts non-zero requests: a pod without requests weighs 100m / 200Mi", () => {
    expect(podNonZeroRequests(pod("a"))).toEqual({ cpu: 100, memory: 200 * 1024 * 1024 });
    // cpu (1000 + 100) of 4000 → 72; memory (1Gi + 200Mi) of 8Gi → 85; (72 + 85) / 2 = 78.
    const info = nodeInfo(node(), [pod("b", { cpu: "1", memory: "1Gi" })]);
    expect(leastAllocatedScore(pod("a"), info)).toBe(78);
  });
  it("BalancedAllocation: 100 × (1 − |cpu share − memory share| / 2)", () => {
    // cpu 2000/4000 = 0.5, memory 0.8Gi/8Gi = 0.1 → 100 × (1 − 0.2) = 80.
    const info = nodeInfo(node(), []);
    expect(balancedAllocationScore(pod("a", { cpu: "2", memory: `${0.8 * GiB}` }), info)).toBe(80);
  });
  it("DefaultNormalizeScore, reversed for 'fewer is better'", () => {
    expect(defaultNormalizeScore([2, 1, 0], true)).toEqual([0, 50, 100]);
    expect(defaultNormalizeScore([0, 0], true)).toEqual([100, 100]);
    expect(defaultNormalizeScore([0, 0], false)).toEqual([0, 0]);
  });
  it("selectHost: the top score; ties drawn from the seeded stream", () => {
    const never = { next: () => 0.99 };
    const always = { next: () => 0 };
    expect(selectHost(["a", "b", "c"], [10, 30, 20], never)).toEqual({ node: "b", score: 30 });
    expect(selectHost(["a", "b"], [30, 30], never).node).toBe("a");
    expect(selectHost(["a", "b"], [30, 30], always).node).toBe("b");
  });
});

describe("the scheduling queue (internal/queue/scheduling_queue.go)", () => {
  it.each([
    [1, 1],
    [2, 2],
    [3, 4],
    [4, 8],
    [5, 10],
    [9, 10],
  ])("calculateBackoffDuration after %i attempts = %i s (1 s doubling to 10 s)", (attempts, expected) => {
    expect(backoffDuration(attempts, 1, 10)).toBe(expected);
  });
  it("flushUnschedulablePodsLeftover: every 30 s, pods waiting longer than 5 minutes", () => {
    expect(leftoverFlushAt(0)).toBe(330);
    expect(leftoverFlushAt(12)).toBe(330);
    expect(leftoverFlushAt(30)).toBe(360);
  });
  it("a node update requeues pods only when it may help (eventhandlers.go nodeSchedulingPropertiesChange)", () => {
    const a = node();
    const heartbeat = structuredClone(a);
    heartbeat.status.conditions = heartbeat.status.conditions?.map((c) => ({ ...c, lastHeartbeatTime: 300 }));
    expect(nodeChangeMayHelp(a, heartbeat)).toBe(false);
    expect(nodeChangeMayHelp(a, { ...a, spec: { ...a.spec, unschedulable: true } })).toBe(true);
  });
});

describe("PodRequests (component-helpers/resource): containers summed, raised to any init container, plus overhead", () => {
  it.each([
    ["containers 100m + 200m", [["100m"], ["200m"]], [], 300],
    ["an init container of 500m is larger", [["100m"], ["200m"]], ["500m"], 500],
    ["an init container of 250m is smaller", [["100m"], ["200m"]], ["250m"], 300],
  ])("%s → %i m", (_n, containers, inits, expected) => {
    const p = pod("a");
    p.spec.containers = (containers as string[][]).map(([cpu], i) => ({
      name: `c${i}`,
      image: "i",
      resources: { requests: { cpu } },
    }));
    p.spec.initContainers = (inits as string[]).map((cpu, i) => ({
      name: `i${i}`,
      image: "i",
      resources: { requests: { cpu } },
    }));
    expect(podRequests(p).cpu).toBe(expected);
  });
});
