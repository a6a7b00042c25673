// The dashboard's nodes panel: only in a run with Nodes; Ready nodes and Pending pods as steps.
import { describe, expect, it } from "vitest";
import { dashboard, dashboardPanels } from "../../src/charts/dashboard.ts";
import { nodesLayers } from "../../src/charts/nodes.ts";
import { Simulation } from "../../src/engine/simulation.ts";
import { runKubectl } from "../../src/kubectl/index.ts";

function run(capacity: boolean) {
  const sim = new Simulation({ capacity });
  if (capacity) sim.addNodes({ name: "node", cpu: 1000, memory: 2 * 1024 ** 3, maxPods: 110 }, 1);
  sim.at(0, "create", () => {
    runKubectl("create deployment web --image=nginx --replicas=3", sim);
    const d = sim.api.get("Deployment", "default", "web")!;
    d.spec.template.spec.containers[0].resources = { requests: { cpu: "400m" } };
    sim.api.update(d);
  });
  sim.at(
    60,
    "node",
    () => void sim.addNodes({ name: "late", cpu: 1000, memory: 2 * 1024 ** 3, maxPods: 110 }, 1),
  );
  sim.runUntil(120);
  return sim.trace();
}

describe("the nodes panel", () => {
  it("is left out of a run without Nodes (the dashboard as before)", () => {
    expect(dashboardPanels(run(false))).toEqual(["rollout"]);
  });

  it("shows Ready nodes and Pending pods as steps: one Pending pod until a second node joins at 60 s", () => {
    const trace = run(true);
    expect(dashboardPanels(trace)).toEqual(["rollout", "nodes"]);
    const lines = nodesLayers(trace)[1].data as { values: { t: number; series: string; value: number }[] };
    const of = (series: string) => lines.values.filter((r) => r.series === series).map((r) => [r.t, r.value]);
    expect(of("Ready nodes")).toEqual([
      [0, 1],
      [60, 2],
      [120, 2],
    ]);
    expect(of("Pending pods")).toEqual([
      [0, 1],
      [60, 0],
      [120, 0],
    ]);
    const spec = dashboard(trace) as { vconcat: { title: { text: string } }[] };
    expect(spec.vconcat.map((p) => p.title.text)).toContain("nodes: Ready nodes and Pending pods");
  });
});

describe("the nodes panel's event rules", () => {
  it("mark a node running short of memory (NodeHasInsufficientMemory), as NodeReady and ScaleDown are", () => {
    const sim = new Simulation({ capacity: true });
    sim.addNodes({ name: "node", cpu: 2000, memory: 4 * 1024 ** 3, maxPods: 110 }, 2);
    sim.at(0, "create", () => {
      runKubectl("create deployment web --image=nginx --replicas=1", sim);
      const d = sim.api.get("Deployment", "default", "web")!;
      d.spec.template.spec.containers[0].resources = { requests: { cpu: "400m", memory: "256Mi" } };
      sim.api.update(d);
    });
    // 4000Mi on a 4Gi node leaves 96Mi: under the kubelet's 100Mi threshold.
    sim.at(30, "load", () => sim.setLoad("web", { kind: "memoryPerPod", bytes: 4000 * 1024 ** 2 }));
    sim.runUntil(60);
    const rules = nodesLayers(sim.trace())[0].data as { values: { t: number; reason: string }[] };
    // The evicted pod's replacement starts on the other node and uses as much: that node's turn
    // comes at its next 10-second check.
    expect(
      rules.values.filter((r) => r.reason.includes("NodeHasInsufficientMemory")).map((r) => r.t),
    ).toEqual([30, 40]);
  });
});
