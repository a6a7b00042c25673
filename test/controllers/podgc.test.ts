/**
 * The pod GC's orphaned pods (src/engine/controllers/podgc), after
 * pkg/controller/podgc/gc_controller.go gcOrphaned (v1.31): checks every gcCheckPeriod (20 s)
 * from the start, a missing node quarantined for quarantineTime (40 s), then each of its pods
 * patched Failed with DisruptionTarget True (DeletionByPodGC, "PodGC: node no longer exists")
 * and deleted with grace period 0 (markFailedAndDeletePodWithCondition).
 */
import { describe, expect, it } from "vitest";
import { nextCheck, QUARANTINE_TIME } from "../../src/engine/controllers/podgc/index.ts";
import { byEvictionAndCreation, terminatedBeyond } from "../../src/engine/controllers/podgc/passes.ts";
import { Simulation } from "../../src/engine/simulation.ts";
import type { Job } from "../../src/k8s/kinds/job/types.ts";
import type { KubeObject, Node, Pod } from "../../src/k8s/types.ts";
import { applyObjects } from "../../src/kubectl/commands/apply.ts";
import { pod } from "../engine/fakes.ts";
import { jobOf } from "./jobCluster.ts";

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

/** A batch/v1 Job of one pod that sleeps 5 s (it succeeds at 8 s after its creation). */
const job = (name: string, spec: Record<string, unknown> = {}): KubeObject =>
  jobOf(
    { name: "work", image: "busybox:1.36", command: ["sleep", "5"] },
    name,
    spec,
  ) as unknown as KubeObject;

const podNames = (sim: Simulation): string[] =>
  (sim.api.list("Pod", "default") as Pod[]).map((p) => p.metadata.name);

describe("the pod GC: terminated pods beyond --terminated-pod-gc-threshold (gcTerminated)", () => {
  it("keeps them all under the default threshold of 12,500", () => {
    const sim = new Simulation();
    expect(applyObjects([job("a", { completions: 3, parallelism: 3 })], sim, "a.yaml").stderr).toBe("");
    sim.runUntil(100);
    expect(podNames(sim)).toHaveLength(3);
  });

  it("deletes the oldest beyond the threshold at the next check; the Job's counts stay as they were", () => {
    const sim = new Simulation({ settings: { "podgc.terminated-pod-threshold": 1 } });
    applyObjects([job("first")], sim, "first.yaml");
    sim.runUntil(30);
    // One terminated pod (Succeeded at 8 s): not beyond the threshold at the 20 s check.
    const [first] = podNames(sim);
    expect(first).toMatch(/^first-/);
    applyObjects([job("second")], sim, "second.yaml");
    sim.runUntil(39.9);
    expect(podNames(sim)).toHaveLength(2);
    // The second pod succeeds at 38 s; the 40 s check finds two and deletes the older.
    sim.runUntil(40);
    expect(podNames(sim)).toEqual([expect.stringMatching(/^second-/)]);
    const status = (sim.api.get("Job", "default", "first") as unknown as Job).status;
    expect(status).toMatchObject({ succeeded: 1, active: 0 });
  });

  it("0 turns it off", () => {
    const sim = new Simulation({ settings: { "podgc.terminated-pod-threshold": 0 } });
    applyObjects([job("a", { completions: 3, parallelism: 3 })], sim, "a.yaml");
    sim.runUntil(100);
    expect(podNames(sim)).toHaveLength(3);
  });

  it("orders evicted pods first, then by creation, then by name (byEvictionAndCreationTimestamp)", () => {
    const at = (name: string, t: number, evicted = false): Pod => {
      const p = pod(name);
      p.metadata.creationTimestamp = t;
      p.status = evicted ? { phase: "Failed", reason: "Evicted" } : { phase: "Succeeded" };
      return p;
    };
    const pods = [at("c", 5), at("b", 1), at("a", 1), at("late-evicted", 9, true), at("running", 0)];
    pods[4].status = { phase: "Running" };
    expect(terminatedBeyond(pods, 1).map((p) => p.metadata.name)).toEqual(["late-evicted", "a", "b"]);
    expect([...pods].sort(byEvictionAndCreation).map((p) => p.metadata.name)).toEqual([
      "late-evicted",
      "running",
      "a",
      "b",
      "c",
    ]);
  });
});

describe("the pod GC: terminating pods bound to no node (gcUnscheduledTerminating)", () => {
  it("a Pending pod a finalizer holds after its delete is marked Failed and force-deleted at the next check", () => {
    // No node: the pod stays unscheduled. The API server deletes an unbound pod at once, so only
    // a finalizer keeps one to be found (pkg/registry/core/pod/strategy.go CheckGracefulDelete).
    const sim = new Simulation({ capacity: true });
    const seen = statuses(sim, "held");
    const p = pod("held");
    p.metadata.finalizers = ["example.com/keep"];
    sim.api.create(p);
    sim.runUntil(5);
    sim.api.delete("Pod", "default", "held");
    sim.runUntil(19.9);
    expect(sim.api.get("Pod", "default", "held")?.status.phase).toBe("Pending");
    sim.runUntil(20);
    // markFailedAndDeletePod: phase Failed, no condition; the delete with 0 leaves it to its finalizer.
    expect(seen.at(-1)?.phase).toBe("Failed");
    expect(seen.at(-1)?.conditions?.map((c) => c.type)).not.toContain("DisruptionTarget");
    const held = sim.api.get("Pod", "default", "held");
    expect(held?.metadata.deletionGracePeriodSeconds).toBe(0);
    expect(held?.metadata.finalizers).toEqual(["example.com/keep"]);
  });

  it("a Job that replaces only Failed pods gets its deleted Pending pod back once the pod GC marks it Failed", () => {
    const sim = new Simulation({ capacity: true });
    applyObjects([job("migrate", { podReplacementPolicy: "Failed" })], sim, "job.yaml");
    sim.runUntil(5);
    const [stuck] = podNames(sim);
    sim.api.delete("Pod", "default", stuck);
    sim.runUntil(19.9);
    // The tracking finalizer holds it; a pod not Failed is not replaced under this policy.
    expect(podNames(sim)).toEqual([stuck]);
    expect((sim.api.get("Job", "default", "migrate") as unknown as Job).status?.failed).toBeUndefined();
    sim.runUntil(21);
    // Failed at the 20 s check; a second later (syncJobBatchPeriod) the Job counts it and lets it go.
    expect(podNames(sim)).not.toContain(stuck);
    expect((sim.api.get("Job", "default", "migrate") as unknown as Job).status).toMatchObject({ failed: 1 });
  });
});

describe("the pod GC: terminating pods on an out-of-service node (gcTerminating)", () => {
  /** Node `name` not Ready, and tainted out-of-service. */
  const shutDown = (sim: Simulation, name: string): void => {
    const node = sim.api.get("Node", "", name) as Node;
    const conditions = (node.status?.conditions ?? []).map((c) =>
      c.type === "Ready" ? { ...c, status: "False" as const } : c,
    );
    sim.api.updateStatus({ ...node, status: { ...node.status, conditions } } as unknown as KubeObject);
    const now = sim.api.get("Node", "", name) as Node;
    const taints = [
      { key: "node.kubernetes.io/out-of-service", value: "nodeshutdown", effect: "NoExecute" as const },
    ];
    sim.api.update({ ...now, spec: { ...now.spec, taints } } as unknown as KubeObject);
  };

  it("force-deletes them at the next check, marked Failed with no condition of its own", () => {
    // pod.shutdown 100 s: the kubelet would take that long to stop it.
    const sim = new Simulation({ capacity: true, settings: { "pod.shutdown": 100 } });
    sim.addNodes({ name: "node", cpu: 2000, memory: 4 * GiB, maxPods: 110 }, 2);
    const seen = statuses(sim, "db-1");
    sim.api.create(boundTo("db-1", "node-2"));
    sim.runUntil(25);
    shutDown(sim, "node-2");
    sim.runUntil(25);
    // The taint eviction controller deletes the pod at once (no toleration of the taint).
    expect(sim.api.get("Pod", "default", "db-1")?.metadata.deletionTimestamp).toBe(55);
    sim.runUntil(39.9);
    expect(sim.api.get("Pod", "default", "db-1")).toBeDefined();
    sim.runUntil(40);
    expect(sim.api.get("Pod", "default", "db-1")).toBeUndefined();
    expect(seen.at(-1)?.phase).toBe("Failed");
    // The condition is the taint eviction controller's, given with its delete; the collector adds none.
    expect(seen.at(-1)?.conditions?.filter((c) => c.type === "DisruptionTarget")).toEqual([
      {
        type: "DisruptionTarget",
        status: "True",
        lastTransitionTime: 25,
        reason: "DeletionByTaintManager",
        message: "Taint manager: deleting due to NoExecute taint",
      },
    ]);
  });

  it("leaves the terminating pods of a Ready node to their kubelet, tainted or not", () => {
    const sim = new Simulation({ capacity: true, settings: { "pod.shutdown": 100 } });
    sim.addNodes({ name: "node", cpu: 2000, memory: 4 * GiB, maxPods: 110 }, 1);
    sim.api.create(boundTo("db-0", "node-1"));
    sim.runUntil(5);
    const node = sim.api.get("Node", "", "node-1") as Node;
    const taints = [
      { key: "node.kubernetes.io/out-of-service", value: "nodeshutdown", effect: "NoSchedule" as const },
    ];
    sim.api.update({ ...node, spec: { ...node.spec, taints } } as unknown as KubeObject);
    sim.api.delete("Pod", "default", "db-0");
    // The kubelet kills it at the end of its 30 s grace period; the 20 s check leaves it.
    sim.runUntil(34.9);
    expect(sim.api.get("Pod", "default", "db-0")?.metadata.deletionTimestamp).toBe(35);
    sim.runUntil(35);
    expect(sim.api.get("Pod", "default", "db-0")).toBeUndefined();
  });
});
