// Pod priority and preemption, against plugin/pkg/admission/priority/admission.go (v1.28),
// pkg/scheduler/framework/preemption/preemption.go and plugins/defaultpreemption/default_preemption.go.
import { describe, expect, it } from "vitest";
import { poolNode } from "../../../src/engine/nodes/template.ts";
import { filterOnNode, schedulePod } from "../../../src/engine/scheduling/framework.ts";
import { emptyListers } from "../../../src/engine/scheduling/listers.ts";
import { nodeInfo } from "../../../src/engine/scheduling/nodeInfo.ts";
import {
  moreImportant,
  pickOneNode,
  selectVictimsOnNode,
  splitByBudget,
  type Victims,
} from "../../../src/engine/scheduling/preemption.ts";
import { Simulation } from "../../../src/engine/simulation.ts";
import { runKubectl } from "../../../src/kubectl/index.ts";
import { admitPodPriority } from "../../../src/k8s/priority.ts";
import type { KubeObject, Pod, PodDisruptionBudget } from "../../../src/k8s/types.ts";

const GiB = 1024 ** 3;
const node = (name: string, cpu = 1000) =>
  poolNode({ name: "n", cpu, memory: 4 * GiB, maxPods: 110 }, name, 1, 0);
const pod = (
  name: string,
  cpu: string,
  priority?: number,
  start?: number,
  labels: Record<string, string> = {},
): Pod =>
  ({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default", uid: `uid-${name}`, labels },
    spec: {
      containers: [{ name: "c", image: "i", resources: { requests: { cpu } } }],
      ...(priority === undefined ? {} : { priority }),
    },
    status: { phase: "Running", ...(start === undefined ? {} : { startTime: start }) },
  }) as unknown as Pod;
const pc = (name: string, value: number, extra: Record<string, unknown> = {}): KubeObject =>
  ({
    apiVersion: "scheduling.k8s.io/v1",
    kind: "PriorityClass",
    metadata: { name },
    value,
    ...extra,
  }) as unknown as KubeObject;
const pdb = (allowed: number, labels: Record<string, string>): PodDisruptionBudget =>
  ({
    apiVersion: "policy/v1",
    kind: "PodDisruptionBudget",
    metadata: { name: "b", namespace: "default" },
    spec: { selector: { matchLabels: labels } },
    status: { disruptionsAllowed: allowed, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 },
  }) as unknown as PodDisruptionBudget;
const seq = { next: () => 0 };
const filter = filterOnNode(emptyListers);

describe("the Priority admission plug-in (admission.go admitPod)", () => {
  const raw = (spec: Record<string, unknown>) =>
    ({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "p" },
      spec: { containers: [], ...spec },
    }) as unknown as KubeObject;
  it("resolves priorityClassName to priority and preemptionPolicy", () => {
    const r = admitPodPriority(raw({ priorityClassName: "high" }), [
      pc("high", 1000, { preemptionPolicy: "Never" }),
    ]);
    expect("object" in r && r.object.spec).toMatchObject({ priority: 1000, preemptionPolicy: "Never" });
  });
  it("an unknown class is Forbidden with the plug-in's words; the system classes always exist", () => {
    expect(admitPodPriority(raw({ priorityClassName: "gold" }), [])).toEqual({
      refused: 'pods "p" is forbidden: no PriorityClass with name gold was found',
    });
    const r = admitPodPriority(raw({ priorityClassName: "system-node-critical" }), []);
    expect("object" in r && r.object.spec).toMatchObject({ priority: 2000001000 });
  });
  it("without a class the lowest globalDefault applies; with none the pod is left at 0", () => {
    const r = admitPodPriority(raw({}), [
      pc("a", 50, { globalDefault: true }),
      pc("b", 10, { globalDefault: true }),
    ]);
    expect("object" in r && r.object.spec).toMatchObject({ priorityClassName: "b", priority: 10 });
    const none = admitPodPriority(raw({}), [pc("a", 50)]);
    expect("object" in none && none.object.spec).not.toHaveProperty("priority");
  });
  it("a pod's own priority must agree with its class", () => {
    expect(admitPodPriority(raw({ priorityClassName: "high", priority: 5 }), [pc("high", 1000)])).toEqual({
      refused:
        'pods "p" is forbidden: the integer value of priority (5) must not be provided in pod spec; priority admission controller computed 1000 from the given PriorityClass name',
    });
  });
});

describe("SelectVictimsOnNode (default_preemption.go)", () => {
  it("removes the lower-priority pods, gives back the most important first; the rest are victims", () => {
    // 1 CPU: a (started 0) and b (started 10), 400m each; a 500m pod of priority 1000.
    const infos = [nodeInfo(node("n-1"), [pod("a", "400m", 0, 0), pod("b", "400m", 0, 10)])];
    const r = selectVictimsOnNode(pod("hi", "500m", 1000), infos, 0, [], filter) as Victims;
    expect(r.pods.map((p) => p.metadata.name)).toEqual(["b"]);
    expect(r.numPDBViolations).toBe(0);
  });
  it("no pod of lower priority: 'No preemption victims found for incoming pod'", () => {
    const infos = [nodeInfo(node("n-1"), [pod("a", "800m", 1000)])];
    expect(selectVictimsOnNode(pod("hi", "500m", 1000), infos, 0, [], filter)).toEqual({
      code: "UnschedulableAndUnresolvable",
      reasons: ["No preemption victims found for incoming pod"],
    });
  });
  it("still no room without every lower-priority pod: the filter's own reason", () => {
    const infos = [nodeInfo(node("n-1"), [pod("a", "300m", 0), pod("sys", "600m", 2000)])];
    expect(selectVictimsOnNode(pod("hi", "500m", 1000), infos, 0, [], filter)).toEqual({
      code: "Unschedulable",
      reasons: ["Insufficient cpu"],
      plugin: "NodeResourcesFit",
    });
  });
  it("pods a budget protects are given back first, and count as violations when they cannot be", () => {
    const budget = [pdb(0, { app: "db" })];
    expect(
      splitByBudget([pod("d", "1m", 0, 0, { app: "db" }), pod("w", "1m", 0, 0, { app: "web" })], budget).map(
        (l) => l.map((p) => p.metadata.name),
      ),
    ).toEqual([["d"], ["w"]]);
    const infos = [
      nodeInfo(node("n-1"), [pod("w", "400m", 0, 0, { app: "web" }), pod("d", "400m", 0, 5, { app: "db" })]),
    ];
    // d is reprieved first (its budget allows no disruption): 400 + 500 fits; w is the victim.
    const r = selectVictimsOnNode(pod("hi", "500m", 1000), infos, 0, budget, filter) as Victims;
    expect(r.pods.map((p) => p.metadata.name)).toEqual(["w"]);
    expect(r.numPDBViolations).toBe(0);
  });
  it("MoreImportantPod: higher priority, then the earlier start", () => {
    const list = [pod("late", "1m", 0, 20), pod("high", "1m", 5, 30), pod("early", "1m", 0, 10)];
    expect(list.sort(moreImportant).map((p) => p.metadata.name)).toEqual(["high", "early", "late"]);
  });
});

describe("pickOneNodeForPreemption", () => {
  const v = (node: string, numPDBViolations: number, ...pods: Pod[]): Victims => ({
    node,
    pods,
    numPDBViolations,
  });
  it("fewest budget violations, then the lowest highest priority, the smallest sum, the fewest pods, the latest start", () => {
    expect(pickOneNode([v("a", 1, pod("x", "1m", 0)), v("b", 0, pod("y", "1m", 5))], seq).node).toBe("b");
    expect(
      pickOneNode([v("a", 0, pod("x", "1m", 5)), v("b", 0, pod("y", "1m", 3), pod("z", "1m", 3))], seq).node,
    ).toBe("b");
    expect(
      pickOneNode(
        [v("a", 0, pod("x", "1m", 3), pod("w", "1m", 3)), v("b", 0, pod("y", "1m", 3), pod("z", "1m", 1))],
        seq,
      ).node,
    ).toBe("b");
    expect(
      pickOneNode([v("a", 0, pod("x", "1m", 0), pod("w", "1m", 0)), v("b", 0, pod("y", "1m", 0))], seq).node,
    ).toBe("b");
    expect(pickOneNode([v("a", 0, pod("x", "1m", 0, 10)), v("b", 0, pod("y", "1m", 0, 50))], seq).node).toBe(
      "b",
    );
  });
});

describe("schedulePod's PostFilter message (FitError with DefaultPreemption's)", () => {
  it("preemption makes room: the FailedScheduling message has no preemption part, the pod is nominated", () => {
    const infos = [nodeInfo(node("n-1"), [pod("a", "800m", 0)])];
    const r = schedulePod(pod("hi", "500m", 1000), infos, seq);
    expect(r).toMatchObject({
      unschedulable: "0/1 nodes are available: 1 Insufficient cpu.",
      preemption: { nominated: "n-1" },
    });
  });
  it("preemptionPolicy Never: not eligible", () => {
    const p = pod("hi", "500m", 1000);
    p.spec.preemptionPolicy = "Never";
    const r = schedulePod(p, [nodeInfo(node("n-1"), [pod("a", "800m", 0)])], seq);
    expect("unschedulable" in r && r.unschedulable).toBe(
      "0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never..",
    );
  });
});

describe("preemption in a running simulation", () => {
  it("a high-priority pod preempts a low one: DisruptionTarget, Preempted event, NOMINATED NODE, then bound once the victim is gone", () => {
    const sim = new Simulation({ capacity: true });
    expect(sim.addNodes({ name: "node", cpu: 1000, memory: 2 * GiB, maxPods: 110 }, 1)).toBeUndefined();
    sim.at(0, "classes", () => {
      sim.api.create(pc("high", 1000));
      sim.api.create(pod("low", "800m"));
    });
    sim.at(10, "high", () => {
      const p = pod("urgent", "500m");
      p.spec.priorityClassName = "high";
      delete (p.metadata as { uid?: string }).uid;
      sim.api.create(p);
    });
    sim.runUntil(10);
    const urgent = sim.api.get("Pod", "default", "urgent")!;
    expect(urgent.spec.priority).toBe(1000);
    expect(urgent.status.nominatedNodeName).toBe("node-1");
    expect(urgent.spec.nodeName).toBeUndefined();
    const low = sim.api.get("Pod", "default", "low")!;
    // Deleted at 10 s with its 30 s grace period (deletionTimestamp is the period's end).
    expect(low.metadata.deletionTimestamp).toBe(40);
    expect(low.status.conditions?.find((c) => (c.type as string) === "DisruptionTarget")).toMatchObject({
      reason: "PreemptionByScheduler",
      message: "default-scheduler: preempting to accommodate a higher priority pod",
    });
    // The victim's event comes first (PostFilter), then the preemptor's FailedScheduling without a preemption part.
    const events = sim.events.filter((e) => e.reason === "Preempted" || e.reason === "FailedScheduling");
    expect(events.map((e) => `${e.reason} ${e.involvedObject.name}: ${e.message}`)).toEqual([
      `Preempted low: Preempted by pod ${urgent.metadata.uid} on node node-1`,
      "FailedScheduling urgent: 0/1 nodes are available: 1 Insufficient cpu.",
    ]);
    sim.runUntil(60);
    expect(sim.api.get("Pod", "default", "low")).toBeUndefined();
    expect(sim.api.get("Pod", "default", "urgent")!.spec.nodeName).toBe("node-1");
    // v1.28 leaves status.nominatedNodeName on the bound pod; kubectl shows it under NOMINATED NODE.
    expect(runKubectl("get pods -o wide", sim).stdout).toMatch(/urgent\s+1\/1\s+Running.*node-1\s+node-1/);
  });
});
