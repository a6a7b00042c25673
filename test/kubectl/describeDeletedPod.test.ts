/**
 * `kubectl describe pod` and `kubectl get pods` of a pod being deleted. describe.go
 * describePod (kubectl 1.34) prints "Status: Terminating (lasts D)" and "Termination Grace
 * Period: Ns" only while the phase is not Failed or Succeeded — a finished pod shows its phase
 * (kubernetes PR #122038, kubectl 1.31, fixing kubernetes/kubectl#1595) — then
 * pod.status.reason and .message as "Reason:" and "Message:"; D is translateTimestampSince
 * of the deletionTimestamp. printers.go printPod makes the same exception for STATUS.
 */
import { describe, expect, it } from "vitest";
import { Simulation } from "../../src/engine/simulation.ts";
import type { Pod } from "../../src/k8s/types.ts";
import { runKubectl } from "../../src/kubectl/run.ts";

// The lines about the pod's state, the tabwriter's padding after each colon made one space.
const statusLines = (out: string) =>
  out
    .split("\n")
    .filter((l) =>
      /^(Status|Termination Grace Period|Reason|Message|IP|Controlled By|NominatedNodeName):/.test(l),
    )
    .map((l) => l.replace(/^([^:]+):\s+/, "$1: "));
const row = (sim: Simulation, name: string) =>
  runKubectl("get pods", sim)
    .stdout.split("\n")
    .find((l) => l.startsWith(`${name} `))
    ?.split(/\s+/);

describe("describe pod of a pod being deleted", () => {
  it("a pod no node took, held by a finalizer, is Terminating for as long as it has been since its deletionTimestamp", () => {
    // A cluster of Nodes and none there: the pod stays Pending, so its delete has no grace
    // period (pod strategy CheckGracefulDelete: an unscheduled pod goes at once) — the
    // finalizer holds it.
    const sim = new Simulation({ capacity: true });
    sim.api.create({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "big", finalizers: ["example.com/keep"] },
      spec: { containers: [{ name: "app", image: "nginx:1.27" }] },
    } as unknown as Pod);
    sim.runUntil(10);
    runKubectl("delete pod big", sim);
    // Before the pod GC's 20 s check, which marks it Failed (gc_controller.go gcUnscheduledTerminating).
    sim.runUntil(19);
    expect(statusLines(runKubectl("describe pod big", sim).stdout)).toEqual([
      "Status: Terminating (lasts 9s)",
      "Termination Grace Period: 0s",
      "IP: ",
    ]);
    expect(row(sim, "big")?.slice(0, 3)).toEqual(["big", "0/1", "Terminating"]);
  });

  it("a Job's pod that Succeeded shows its phase while it is deleted, and get shows Completed", () => {
    const sim = new Simulation({ settings: { "pod.shutdown": 5, "job.runtime": 10 } });
    runKubectl("create job migrate --image=busybox:1.36", sim);
    sim.runUntil(30);
    const done = (sim.api.list("Pod", "default") as readonly Pod[])[0];
    expect(done.status.phase).toBe("Succeeded");
    // A terminated pod is deleted at once (pod strategy CheckGracefulDelete) unless a finalizer
    // holds it; the Job controller took its tracking finalizer off when it counted it.
    sim.api.update({ ...done, metadata: { ...done.metadata, finalizers: ["example.com/keep"] } });
    const pod = sim.api.get("Pod", "default", done.metadata.name) as Pod;
    runKubectl(`delete pod ${pod.metadata.name}`, sim);
    sim.runUntil(32);
    expect(sim.api.get("Pod", "default", pod.metadata.name)?.metadata.deletionTimestamp).toBeDefined();
    const lines = statusLines(runKubectl(`describe pod ${pod.metadata.name}`, sim).stdout);
    expect(lines[0]).toBe("Status: Succeeded");
    expect(lines.some((l) => l.startsWith("Termination Grace Period:"))).toBe(false);
    expect(row(sim, pod.metadata.name)?.slice(1, 3)).toEqual(["0/1", "Completed"]);
    // kubectl 1.30, before PR #122038: describePod's test was only `pod.DeletionTimestamp != nil`.
    const old = statusLines(runKubectl(`describe pod ${pod.metadata.name}`, sim, { version: 30 }).stdout);
    expect(old.slice(0, 2)).toEqual(["Status: Terminating (lasts 2s)", "Termination Grace Period: 0s"]);
    expect(statusLines(runKubectl(`describe pod ${pod.metadata.name}`, sim, { version: 31 }).stdout)[0]).toBe(
      "Status: Succeeded",
    );
  });

  it("prints the pod's reason and message after Status, and Controlled By before NominatedNodeName", () => {
    const sim = new Simulation();
    runKubectl("create deployment web --image=nginx:1.27", sim);
    sim.runUntil(10);
    const pod = (sim.api.list("Pod", "default") as readonly Pod[])[0];
    // What the kubelet's eviction manager writes (kubelet.ts evict): Failed, reason Evicted; and a
    // nominated node, as the scheduler's preemption leaves one.
    const message = "The node was low on resource: memory. Threshold quantity: 100Mi, available: 96Mi. ";
    sim.api.updateOwnStatus(pod, {
      ...pod.status,
      phase: "Failed",
      reason: "Evicted",
      message,
      nominatedNodeName: "node-2",
    });
    const lines = statusLines(runKubectl(`describe pod ${pod.metadata.name}`, sim).stdout);
    expect(lines).toEqual([
      "Status: Failed",
      "Reason: Evicted",
      `Message: ${message}`,
      expect.stringMatching(/^IP: 10\./),
      expect.stringMatching(/^Controlled By: ReplicaSet\/web-/),
      "NominatedNodeName: node-2",
    ]);
  });
});
