// The kubelet's eviction manager under memory pressure (pkg/kubelet/eviction, v1.28): the
// default hard threshold memory.available<100Mi, rankMemoryPressure's order, evictionMessage's
// text (as kubectl describe quotes it: "The node was low on resource: memory. Threshold
// quantity: 100Mi, available: …. Container app was using …, request is …, has larger
// consumption of memory."), the MemoryPressure condition and its 5-minute transition period,
// and the evicted pod left Failed/Evicted for its ReplicaSet to replace.
import { describe, expect, it } from "vitest";
import {
  EVICTION_PRESSURE_TRANSITION_PERIOD,
  MEMORY_AVAILABLE_HARD,
  evictionMessage,
  memoryAvailable,
  nextMonitoringTick,
  rankForMemoryPressure,
} from "../../../src/engine/nodes/memoryPressure.ts";
import { Simulation } from "../../../src/engine/simulation.ts";
import { runKubectl } from "../../../src/kubectl/index.ts";
import type { Pod } from "../../../src/k8s/types.ts";

const Mi = 1024 ** 2;
const GiB = 1024 ** 3;

const pod = (name: string, request?: string, priority?: number): Pod =>
  ({
    metadata: { name, namespace: "default" },
    spec: {
      containers: [
        { name: "app", image: "nginx", resources: request ? { requests: { memory: request } } : {} },
      ],
      ...(priority !== undefined ? { priority } : {}),
    },
    status: { phase: "Running" },
  }) as unknown as Pod;

describe("the eviction manager's rules", () => {
  it("memory.available is the capacity less the pods' working sets; the threshold is 100Mi", () => {
    expect(MEMORY_AVAILABLE_HARD).toBe(100 * Mi);
    const usage = new Map([
      ["a", 3000 * Mi],
      ["b", 1000 * Mi],
    ]);
    const available = memoryAvailable(
      { capacity: 4 * GiB, pods: [pod("a"), pod("b")] },
      (p) => usage.get(p.metadata.name) ?? 0,
    );
    expect(available).toBe(96 * Mi);
  });

  it("rankMemoryPressure: pods over their requests first, then lower priority, then the most above requests", () => {
    const usage = new Map([
      ["small-over", 300 * Mi],
      ["big-over", 900 * Mi],
      ["under", 2000 * Mi],
      ["low-priority", 400 * Mi],
    ]);
    const pods = [
      pod("under", "4Gi"),
      pod("small-over", "256Mi"),
      pod("big-over", "256Mi"),
      pod("low-priority", "256Mi", -10),
    ];
    expect(
      rankForMemoryPressure(pods, (p) => usage.get(p.metadata.name) ?? 0).map((p) => p.metadata.name),
    ).toEqual(["low-priority", "big-over", "small-over", "under"]);
  });

  it("evictionMessage names the threshold, what is left, and each container over its request", () => {
    expect(evictionMessage(pod("a", "256Mi"), 4000 * Mi, 96 * Mi)).toBe(
      "The node was low on resource: memory. Threshold quantity: 100Mi, available: 96Mi. Container app was using 4000Mi, request is 256Mi, has larger consumption of memory. ",
    );
    // No request prints as 0; a size no binary suffix divides prints in bytes.
    expect(evictionMessage(pod("a"), 1000, 91244 * 1024)).toBe(
      "The node was low on resource: memory. Threshold quantity: 100Mi, available: 91244Ki. Container app was using 1000, request is 0, has larger consumption of memory. ",
    );
    // A pod within its request is evicted without a container line.
    expect(evictionMessage(pod("a", "1Gi"), 512 * Mi, 50 * Mi)).toBe(
      "The node was low on resource: memory. Threshold quantity: 100Mi, available: 50Mi. ",
    );
  });

  it("synchronizes on the 10 s housekeeping grid", () => {
    expect([0, 1, 10, 59.5, 60].map(nextMonitoringTick)).toEqual([0, 10, 10, 60, 60]);
  });
});

describe("memory pressure in a running cluster", () => {
  function cluster() {
    const sim = new Simulation({ capacity: true });
    expect(sim.addNodes({ name: "node", cpu: 2000, memory: 4 * GiB, maxPods: 110 }, 2)).toBeUndefined();
    sim.at(0, "create", () => {
      runKubectl("create deployment web --image=nginx --replicas=2", sim);
      const d = sim.api.get("Deployment", "default", "web")!;
      d.spec.template.spec.containers[0].resources = { requests: { cpu: "400m", memory: "256Mi" } };
      sim.api.update(d);
    });
    return sim;
  }

  it("a node under 100Mi available: MemoryPressure, the taint, and its biggest pod evicted, Failed with reason Evicted", () => {
    const sim = cluster();
    sim.runUntil(30);
    const victim = sim.api.listAll("Pod").find((p) => p.spec.nodeName === "node-1")!;
    // Only the node-1 pod uses memory: 4000Mi of a 4Gi node leaves 96Mi.
    sim.at(55, "load", () => sim.setLoad("web", { kind: "memoryPerPod", bytes: 4000 * Mi, onPods: 1 }));
    sim.runUntil(59);
    expect(sim.events.filter((e) => e.reason === "Evicted")).toEqual([]);
    sim.runUntil(60);
    const evicted = sim.events.filter((e) => e.reason === "Evicted");
    expect(evicted.map((e) => [e.time, e.type, e.source, e.involvedObject.name])).toContainEqual([
      60,
      "Warning",
      "kubelet",
      victim.metadata.name,
    ]);
    const after = sim.api.get("Pod", "default", victim.metadata.name)!;
    expect(after.status).toMatchObject({ phase: "Failed", reason: "Evicted" });
    expect(after.status.message).toMatch(/^The node was low on resource: memory\. Threshold quantity: 100Mi/);
    expect(after.status.conditions?.[0]).toMatchObject({
      type: "DisruptionTarget",
      reason: "TerminationByKubelet",
    });
    expect(after.status.containerStatuses?.[0].state?.terminated).toMatchObject({
      exitCode: 137,
      reason: "ContainerStatusUnknown",
    });
    const node = sim.api.get("Node", "", "node-1")!;
    expect(node.status?.conditions?.find((c) => c.type === "MemoryPressure")).toMatchObject({
      status: "True",
      reason: "KubeletHasInsufficientMemory",
    });
    sim.runUntil(61);
    expect(sim.api.get("Node", "", "node-1")!.spec?.taints).toContainEqual(
      expect.objectContaining({ key: "node.kubernetes.io/memory-pressure", effect: "NoSchedule" }),
    );
    // The ReplicaSet replaces the Failed pod.
    expect(sim.events.some((e) => e.reason === "SuccessfulCreate" && e.time === 60)).toBe(true);
  });

  it("the condition turns False only after the pressure transition period (5 min) without pressure", () => {
    expect(EVICTION_PRESSURE_TRANSITION_PERIOD).toBe(300);
    const sim = cluster();
    sim.runUntil(30);
    sim.at(55, "load", () => sim.setLoad("web", { kind: "memoryPerPod", bytes: 4000 * Mi, onPods: 1 }));
    sim.at(65, "load", () => sim.setLoad("web", { kind: "memoryPerPod", bytes: 0 }));
    sim.runUntil(700);
    const sufficient = sim.events.filter(
      (e) => e.reason === "NodeHasSufficientMemory" && e.involvedObject.name === "node-1",
    );
    // Last met at 60 s; 300 s later is the first tick at which it is False again.
    expect(sufficient.map((e) => e.time)).toEqual([360]);
  });
});
