// kube-scheduler and the cluster autoscaler in a running simulation: Pending pods with
// FailedScheduling, retried when a node joins; the autoscaler's scale-up and scale-down.
import { describe, expect, it } from "vitest";
import {
  blocksRemoval,
  exceedsBudgets,
  nodeUtilization,
  reasonsMessage,
  scaleUpInfoText,
} from "../../../src/engine/nodes/clusterAutoscaler.ts";
import { estimateNodes, fitOnExisting } from "../../../src/engine/nodes/estimator.ts";
import { poolNode, zoneLabels } from "../../../src/engine/nodes/template.ts";
import { nodeInfo } from "../../../src/engine/scheduling/nodeInfo.ts";
import { Simulation } from "../../../src/engine/simulation.ts";
import { runKubectl } from "../../../src/kubectl/index.ts";
import type { Pod, PodDisruptionBudget } from "../../../src/k8s/types.ts";

const GiB = 1024 ** 3;
const pool = { name: "node", cpu: 1000, memory: 2 * GiB, maxPods: 110 };

/** A cluster of `count` 1-CPU nodes and a Deployment of `replicas` pods requesting 400m each. */
function cluster(count: number, replicas: number, settings: Record<string, number | boolean> = {}) {
  const sim = new Simulation({ capacity: true, settings });
  expect(sim.addNodes(pool, count)).toBeUndefined();
  sim.at(0, "create", () => {
    runKubectl(`create deployment web --image=nginx --replicas=${replicas}`, sim);
    const d = sim.api.get("Deployment", "default", "web")!;
    d.spec.template.spec.containers[0].resources = { requests: { cpu: "400m", memory: "100Mi" } };
    sim.api.update(d);
  });
  return sim;
}
const pending = (sim: Simulation) => sim.api.listAll("Pod").filter((p) => !p.spec.nodeName);
const eventsOf = (sim: Simulation, reason: string) => sim.events.filter((e) => e.reason === reason);

describe("kube-scheduler in a cluster with Nodes", () => {
  it("binds pods by their requests; the ones that fit nowhere stay Pending with FailedScheduling and PodScheduled=False", () => {
    const sim = cluster(2, 5);
    sim.runUntil(30);
    // Two pods of 400m per 1-CPU node: 4 bound, 1 Pending.
    expect(pending(sim)).toHaveLength(1);
    const [p] = pending(sim);
    const failed = eventsOf(sim, "FailedScheduling").filter((e) => e.involvedObject.name === p.metadata.name);
    expect(failed[0].message).toBe(
      "0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod..",
    );
    expect(failed[0].source).toBe("default-scheduler");
    expect(p.status.conditions?.find((c) => c.type === "PodScheduled")).toMatchObject({
      status: "False",
      reason: "Unschedulable",
      message: failed[0].message,
    });
    const perNode = sim.podsPerNode();
    expect(perNode).toEqual([2, 2]);
    expect(runKubectl("get pods", sim).stdout).toContain("Pending");
  });

  it("retries a Pending pod when a node joins (MoveAllToActiveOrBackoffQueue), not before", () => {
    const sim = cluster(2, 5);
    sim.runUntil(100);
    // No cluster event: tried once at creation, then waits for the 5-minute leftover flush.
    const attempts = () =>
      eventsOf(sim, "FailedScheduling").filter(
        (e) => e.involvedObject.name === pending(sim)[0]?.metadata.name,
      ).length;
    expect(attempts()).toBe(1);
    sim.at(100, "add a node", () => {
      sim.api.create({
        apiVersion: "v1",
        kind: "Node",
        metadata: { name: "big-1" },
        spec: {},
        status: { capacity: { cpu: "2", memory: "4Gi" } },
      });
    });
    sim.runUntil(101);
    expect(pending(sim)).toHaveLength(0);
    expect(sim.api.listAll("Pod").filter((p) => p.spec.nodeName === "big-1")).toHaveLength(1);
  });

  it("does not place pods on a cordoned node (NodeUnschedulable)", () => {
    const sim = cluster(2, 0);
    sim.at(1, "cordon", () => void runKubectl("cordon node-1", sim));
    sim.at(2, "scale", () => void runKubectl("scale deployment web --replicas=2", sim));
    sim.runUntil(20);
    expect(sim.api.listAll("Pod").every((p) => p.spec.nodeName === "node-2")).toBe(true);
  });
});

describe("the cluster autoscaler's rules (cluster-autoscaler v1.28)", () => {
  it("ScaleUpInfo.String and ReasonsMessage", () => {
    expect(scaleUpInfoText("pool-a", 3, 5, 6)).toBe("{pool-a 3->5 (max: 6)}");
    expect(reasonsMessage([["max node group size reached"]])).toBe("1 max node group size reached");
    expect(reasonsMessage([["Insufficient cpu"], ["Insufficient cpu", "Insufficient memory"]])).toBe(
      "1 Insufficient memory, 2 Insufficient cpu",
    );
  });

  it("binpacking estimator: first-fit on new template nodes, largest pods first, up to the limit", () => {
    const template = poolNode(pool, "template", 0, 0);
    const pods = ["300m", "600m", "300m", "600m"].map(
      (cpu, i) =>
        ({
          metadata: { name: `p${i}` },
          spec: { containers: [{ name: "c", image: "i", resources: { requests: { cpu } } }] },
          status: {},
        }) as unknown as Pod,
    );
    // 600 + 300 on one node, 600 + 300 on another.
    expect(estimateNodes(pods, template, 10).nodes).toBe(2);
    const capped = estimateNodes(pods, template, 1);
    expect(capped.nodes).toBe(1);
    expect(capped.overLimit).toHaveLength(2);
    const huge = {
      ...pods[0],
      spec: { containers: [{ name: "c", image: "i", resources: { requests: { cpu: "2" } } }] },
    } as Pod;
    expect(estimateNodes([huge], template, 10).rejected[0].reasons).toEqual(["Insufficient cpu"]);
  });

  it("a new node starts with the pods of the DaemonSets that would run there (core/utils GetNodeInfoFromTemplate)", () => {
    const template = poolNode(pool, "template", 0, 0);
    const pod = (name: string, cpu: string) =>
      ({
        metadata: { name },
        spec: { containers: [{ name: "c", image: "i", resources: { requests: { cpu } } }] },
        status: {},
      }) as unknown as Pod;
    const pods = ["p0", "p1", "p2", "p3"].map((n) => pod(n, "400m"));
    // Two 400m pods to a 1-CPU node alone; beside a 300m agent only one fits.
    expect(estimateNodes(pods, template, 10).nodes).toBe(2);
    expect(estimateNodes(pods, template, 10, [], { templatePods: [pod("agent", "300m")] }).nodes).toBe(4);
    // An agent that leaves no room: the pods are rejected with the node's reason.
    const full = estimateNodes(pods, template, 10, [], { templatePods: [pod("agent", "700m")] });
    expect([full.nodes, full.rejected[0].reasons]).toEqual([0, ["Insufficient cpu"]]);
  });

  it("the autoscaler counts a DaemonSet's pod on every node it adds", () => {
    const sim = cluster(1, 4);
    sim.at(0, "agent", () => {
      sim.api.create({
        apiVersion: "apps/v1",
        kind: "DaemonSet",
        metadata: { name: "agent", namespace: "default" },
        spec: {
          selector: { matchLabels: { app: "agent" } },
          template: {
            metadata: { labels: { app: "agent" } },
            spec: { containers: [{ name: "a", image: "agent:1", resources: { requests: { cpu: "300m" } } }] },
          },
        },
      } as never);
    });
    expect(sim.autoscaleNodes("node", { min: 1, max: 10, provision: 60 })).toBeUndefined();
    sim.runUntil(15);
    const triggered = eventsOf(sim, "TriggeredScaleUp");
    // node-1 holds the agent (300m) and one web pod (400m): three web pods wait, one per new
    // node beside its own agent — three nodes, where two would do without the agent.
    expect(triggered[0].message).toBe("pod triggered scale-up: [{node 1->4 (max: 10)}]");
  });

  it("runs the cluster-wide filters too: a pod kept off by its zone spread needs a node of the other zone (predicatechecker over the snapshot)", () => {
    const zoneA = { ...pool, name: "zone-a", labels: zoneLabels("a") };
    const zoneB = { ...pool, name: "zone-b", labels: zoneLabels("b") };
    const web = (name: string, node?: string) =>
      ({
        metadata: { name, namespace: "default", labels: { app: "web" } },
        spec: {
          ...(node ? { nodeName: node } : {}),
          topologySpreadConstraints: [
            {
              maxSkew: 1,
              topologyKey: "topology.kubernetes.io/zone",
              whenUnsatisfiable: "DoNotSchedule",
              labelSelector: { matchLabels: { app: "web" } },
            },
          ],
          containers: [{ name: "c", image: "i", resources: { requests: { cpu: "300m" } } }],
        },
        status: {},
      }) as unknown as Pod;
    // Zone a holds two web pods with room for a third, zone b one and no room.
    const a1 = nodeInfo(poolNode(zoneA, "zone-a-1", 1, 0), [web("w1", "zone-a-1"), web("w2", "zone-a-1")]);
    const b1 = nodeInfo(poolNode(zoneB, "zone-b-1", 2, 0), [
      web("w3", "zone-b-1"),
      { ...web("big", "zone-b-1"), metadata: { name: "big", labels: {} } } as Pod,
    ]);
    b1.requested.cpu = 1000;
    const w4 = web("w4");
    // Room alone says zone-a-1; the spread (2 + 1 − 1 > 1) says no node there is, and zone b is full.
    expect(fitOnExisting([w4], [a1, b1], {})).toEqual([w4]);
    const inA = estimateNodes([w4], poolNode(zoneA, "template-node-for-zone-a", 0, 0), 10, [a1, b1]);
    expect(inA.nodes).toBe(0);
    expect(inA.rejected[0].reasons).toEqual(["node(s) didn't match pod topology spread constraints"]);
    const inB = estimateNodes([w4], poolNode(zoneB, "template-node-for-zone-b", 0, 0), 10, [a1, b1]);
    expect(inB.nodes).toBe(1);
    expect(inB.helped).toEqual([w4]);
  });

  it("utilization is the larger of the cpu and memory shares (simulator/utilization)", () => {
    const n = poolNode({ ...pool, cpu: 2000, memory: 8 * GiB + 100 * 1024 * 1024 }, "n", 1, 0);
    const p = {
      metadata: { name: "p" },
      spec: {
        containers: [{ name: "c", image: "i", resources: { requests: { cpu: "600m", memory: "1Gi" } } }],
      },
    } as unknown as Pod;
    expect(nodeUtilization(nodeInfo(n, [p]))).toBeCloseTo(0.3);
  });

  it("a pod no controller owns, or with an emptyDir, keeps its node (FAQ: what types of pods can prevent CA from removing a node)", () => {
    const bare = { metadata: { name: "p" }, spec: { containers: [] } } as unknown as Pod;
    expect(blocksRemoval(bare)).toBe("NotReplicated");
    const owned = {
      ...bare,
      metadata: {
        name: "p",
        ownerReferences: [
          { controller: true, kind: "ReplicaSet", name: "rs", uid: "u", apiVersion: "apps/v1" },
        ],
      },
    } as Pod;
    expect(blocksRemoval(owned)).toBeUndefined();
    expect(
      blocksRemoval({ ...owned, spec: { containers: [], volumes: [{ name: "v", emptyDir: {} }] } } as Pod),
    ).toBe("LocalStorageRequested");
  });

  it("scales up after a scan for unschedulable pods, and the nodes join after the provisioning time", () => {
    const sim = cluster(2, 7);
    expect(sim.autoscaleNodes("node", { min: 2, max: 4, provision: 60 })).toBeUndefined();
    sim.runUntil(5);
    expect(pending(sim)).toHaveLength(3);
    sim.runUntil(11);
    // The loop runs at 0 (pods not yet marked? they are: scheduling precedes it) and every 10 s.
    const triggered = eventsOf(sim, "TriggeredScaleUp");
    expect(triggered).toHaveLength(3);
    expect(triggered[0].message).toBe("pod triggered scale-up: [{node 2->4 (max: 4)}]");
    expect(triggered[0].source).toBe("cluster-autoscaler");
    const at = triggered[0].time;
    sim.runUntil(at + 59);
    expect(sim.api.listAll("Node")).toHaveLength(2);
    sim.runUntil(at + 60);
    expect(sim.api.listAll("Node").map((n) => n.metadata.name)).toEqual([
      "node-1",
      "node-2",
      "node-3",
      "node-4",
    ]);
    expect(pending(sim)).toHaveLength(0);
  });

  it("at its maximum: NotTriggerScaleUp with the reason", () => {
    const sim = cluster(2, 5);
    sim.autoscaleNodes("node", { min: 1, max: 2, provision: 60 });
    sim.runUntil(15);
    const not = eventsOf(sim, "NotTriggerScaleUp");
    expect(not.length).toBeGreaterThan(0);
    expect(not[0].message).toBe("pod didn't trigger scale-up: 1 max node group size reached");
  });

  it("removes a node unneeded for scale-down-unneeded-time, not below the minimum", () => {
    const sim = cluster(3, 1, { "autoscaler.scale-down-unneeded-time": 120 });
    sim.autoscaleNodes("node", { min: 1, max: 3, provision: 60 });
    sim.runUntil(119);
    expect(sim.api.listAll("Node")).toHaveLength(3);
    sim.runUntil(200);
    // Two of the three nodes are empty: both go together; the third keeps the pod (minimum 1).
    expect(sim.api.listAll("Node")).toHaveLength(1);
    const removed = eventsOf(sim, "ScaleDown").filter(
      (e) => e.message === "nodes removed by cluster autoscaler",
    );
    expect(removed).toHaveLength(2);
    expect(pending(sim)).toHaveLength(0);
  });
});

describe("the cluster autoscaler and PodDisruptionBudgets (simulator/drainability/rules/pdb)", () => {
  const pod = (name: string, app: string) =>
    ({
      metadata: { name, namespace: "default", labels: { app } },
      spec: { containers: [] },
    }) as unknown as Pod;
  const budget = (allowed: number) =>
    ({
      metadata: { name: "b", namespace: "default" },
      spec: { selector: { matchLabels: { app: "web" } } },
      status: { disruptionsAllowed: allowed, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 },
    }) as unknown as PodDisruptionBudget;
  it("a node whose pods would take more from a budget than it allows stays", () => {
    expect(exceedsBudgets([pod("a", "web"), pod("b", "web")], [budget(1)])).toBe(true);
    expect(exceedsBudgets([pod("a", "web")], [budget(1)])).toBe(false);
    expect(exceedsBudgets([pod("a", "other")], [budget(0)])).toBe(false);
  });
});

describe("pods that have finished", () => {
  // kube-scheduler's pod informer watches `status.phase!=Succeeded,status.phase!=Failed`
  // (pkg/scheduler/scheduler.go, newPodInformer): a pod that finished gives its node its room
  // back although the pod object stays until its Job goes.
  it("a Succeeded Job pod no longer holds its requests: a Pending pod is bound when it finishes", () => {
    const sim = new Simulation({ capacity: true });
    expect(sim.addNodes(pool, 1)).toBeUndefined();
    const container = (name: string, extra: object) => ({
      name,
      image: "busybox:1.36",
      resources: { requests: { cpu: "800m" } },
      ...extra,
    });
    sim.at(0, "job", () => {
      sim.api.create({
        apiVersion: "batch/v1",
        kind: "Job",
        metadata: { name: "migrate", namespace: "default" },
        spec: {
          template: {
            spec: {
              restartPolicy: "Never",
              containers: [container("migrate", { command: ["sleep", "20"] })],
            },
          },
        },
      } as never);
    });
    sim.at(5, "web", () => {
      runKubectl("create deployment web --image=nginx --replicas=1", sim);
      const d = sim.api.get("Deployment", "default", "web")!;
      d.spec.template.spec.containers[0].resources = { requests: { cpu: "800m" } };
      sim.api.update(d);
    });
    sim.runUntil(15);
    const web = () => sim.api.listAll("Pod").filter((p) => p.metadata.name.startsWith("web-"));
    expect(web().map((p) => p.spec.nodeName)).toEqual([undefined]);
    sim.runUntil(60);
    const job = sim.api.listAll("Pod").filter((p) => p.metadata.name.startsWith("migrate-"));
    expect(job.map((p) => p.status.phase)).toEqual(["Succeeded"]);
    expect(web().map((p) => [p.spec.nodeName, p.status.phase])).toEqual([["node-1", "Running"]]);
  });
});
