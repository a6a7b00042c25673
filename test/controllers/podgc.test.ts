/**
 * The pod GC's orphaned pods (src/engine/controllers/podgc), after
 * pkg/controller/podgc/gc_controller.go gcOrphaned (v1.31): checks every gcCheckPeriod (20 s)
 * from the start, a missing node quarantined for quarantineTime (40 s), then each of its pods
 * patched Failed with DisruptionTarget True (DeletionByPodGC, "PodGC: node no longer exists")
 * and deleted with grace period 0 (markFailedAndDeletePodWithCondition).
 */
import { describe, expect, it } from "vitest";
import { nextCheck, QUARANTINE_TIME } from "../../src/engine/controllers/podgc/index.ts";
import { Simulation } from "../../src/engine/simulation.ts";
import type { Pod } from "../../src/k8s/types.ts";
import { pod } from "../engine/fakes.ts";

const GiB = 1024 ** 3;

/** A pod bound to `node` from the start, as a restored export's pods are. */
const boundTo = (name: string, node: string): Pod => {
  const p = pod(name);
  p.spec.nodeName = node;
  return p;
};

/** What the pod GC's status patch wrote: every change of the pod's status, as the watch saw it. */
const statuses = (sim: Simulation, name: string) => {
  const seen: { phase?: string; conditions?: Pod["status"]["conditions"] }[] = [];
  sim.store.watch((ev) => {
    if (ev.object.kind === "Pod" && ev.object.metadata.name === name && ev.type === "MODIFIED")
      seen.push({ phase: (ev.object as Pod).status.phase, conditions: (ev.object as Pod).status.conditions });
  });
  return seen;
};

describe("the pod GC: pods bound to a node that does not exist (gcOrphaned)", () => {
  it("checks at 0, 20, 40 … s: a pod first seen at the 20 s check goes at the 60 s one", () => {
    expect(nextCheck(0)).toBe(20);
    expect(nextCheck(19.5)).toBe(20);
    expect(nextCheck(20)).toBe(40);
    expect(nextCheck(0) + QUARANTINE_TIME).toBe(60);
  });

  it("a pod created on a missing node is marked Failed with DisruptionTarget and force-deleted at 60 s", () => {
    const sim = new Simulation({ settings: { "cluster.nodes": 2 } });
    const seen = statuses(sim, "restored");
    sim.api.create(boundTo("restored", "kind-worker2"));
    sim.runUntil(59.9);
    // No kubelet runs on kind-worker2: the pod never starts.
    expect(sim.api.get("Pod", "default", "restored")?.status.phase).toBe("Pending");
    sim.runUntil(60);
    expect(sim.api.get("Pod", "default", "restored")).toBeUndefined();
    expect(seen.at(-1)?.phase).toBe("Failed");
    expect(seen.at(-1)?.conditions?.at(-1)).toEqual({
      type: "DisruptionTarget",
      status: "True",
      lastTransitionTime: 60,
      reason: "DeletionByPodGC",
      message: "PodGC: node no longer exists",
    });
  });

  it("leaves pods on the implicit nodes alone", () => {
    const sim = new Simulation({ settings: { "cluster.nodes": 2 } });
    sim.api.create(boundTo("on-node", "node-2"));
    sim.runUntil(120);
    expect(sim.api.get("Pod", "default", "on-node")?.status.phase).toBe("Running");
  });

  it("a pod of a missing node deleted gracefully stays Terminating (no kubelet) until the pod GC", () => {
    const sim = new Simulation({ settings: { "cluster.nodes": 2 } });
    sim.api.create(boundTo("restored", "kind-worker2"));
    sim.runUntil(5);
    sim.api.delete("Pod", "default", "restored");
    sim.runUntil(50);
    expect(sim.api.get("Pod", "default", "restored")?.metadata.deletionTimestamp).toBe(35);
    sim.runUntil(60);
    expect(sim.api.get("Pod", "default", "restored")).toBeUndefined();
  });

  it("with Nodes: the pods left on a deleted Node go 40 s after the first check that misses it", () => {
    const sim = new Simulation({ capacity: true });
    expect(sim.addNodes({ name: "node", cpu: 2000, memory: 4 * GiB, maxPods: 110 }, 2)).toBeUndefined();
    sim.api.create(boundTo("left", "node-2"));
    sim.runUntil(100);
    expect(sim.api.get("Pod", "default", "left")?.status.phase).toBe("Running");
    sim.api.delete("Node", "", "node-2");
    sim.runUntil(159.9);
    expect(sim.api.get("Pod", "default", "left")).toBeDefined();
    sim.runUntil(160);
    expect(sim.api.get("Pod", "default", "left")).toBeUndefined();
  });

  it("a Node that comes back within the quarantine keeps its pods", () => {
    const sim = new Simulation({ capacity: true });
    sim.addNodes({ name: "node", cpu: 2000, memory: 4 * GiB, maxPods: 110 }, 1);
    sim.api.create(boundTo("early", "late-1"));
    sim.runUntil(30);
    sim.addNodes({ name: "late", cpu: 2000, memory: 4 * GiB, maxPods: 110 }, 1);
    sim.runUntil(120);
    const kept = sim.api.get("Pod", "default", "early");
    expect(kept?.metadata.deletionTimestamp).toBeUndefined();
    expect(kept?.status.phase).not.toBe("Failed");
  });
});
