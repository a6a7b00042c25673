/**
 * Pending pods explained attempt by attempt (`replicast explain FILE pod/NAME`): each attempt
 * is the decision kube-scheduler recorded, and agrees with what it did — the FailedScheduling
 * or Scheduled event it emitted at that instant (schedule_one.go handleSchedulingFailure,
 * the binding's "Successfully assigned %s/%s to %s") — and the numbers printed for a full
 * node are the node's allocatable less what its pods request, as NodeResourcesFit compared them.
 */
import { describe, expect, it } from "vitest";
import type { NodeOutcome } from "../../src/engine/scheduling/framework.ts";
import type { Trace } from "../../src/engine/trace.ts";
import {
  explainPod,
  explanationText,
  resolveExplainTarget,
  type ExplainStep,
} from "../../src/explain/index.ts";
import { Quantity } from "../../src/k8s/quantity.ts";
import { runScenario } from "../../src/scenario/node.ts";

const files = [
  "scenarios/nodes/full-nodes.scn",
  "scenarios/traps/hpa-pending-until-node.scn",
  "scenarios/scheduling/anti-affinity-rollout-stuck.scn",
  "scenarios/scheduling/preemption-ignores-pdb.scn",
];

const scheduled = (trace: Trace) => [
  ...new Set(
    trace.decisions.filter((d) => d.controller === "scheduler").map((d) => d.object.slice("Pod/".length)),
  ),
];

describe.each(files)("%s, pod by pod", (file) => {
  it("every attempt is the scheduler's event at that instant, with the numbers it compared", async () => {
    const trace = (await runScenario({ path: file })).trace!;
    const pods = scheduled(trace);
    expect(pods.length).toBeGreaterThan(0);
    for (const pod of pods) {
      const e = explainPod(trace, pod);
      expect(e.entries.length).toBeGreaterThan(0);
      for (const entry of e.entries as ExplainStep[]) {
        const events = trace.events.filter(
          (ev) => ev.time === entry.t && ev.involvedObject.name === pod.split("/").pop(),
        );
        const n = entry.numbers as { attempt: number; nodes: NodeOutcome[]; node?: string; message?: string };
        expect(entry.title).toMatch(new RegExp(`^attempt ${n.attempt} \\(`));
        if (entry.action === "bind") {
          expect(events.map((ev) => ev.message)).toContain(
            `Successfully assigned ${trace.events.find((ev) => ev.involvedObject.name === pod)?.involvedObject.namespace ?? "default"}/${pod} to ${n.node}`,
          );
        } else {
          expect(events.filter((ev) => ev.reason === "FailedScheduling").map((ev) => ev.message)).toContain(
            n.message,
          );
          expect(entry.lines[0]).toBe(n.message);
        }
        for (const node of n.nodes) {
          if (node.status?.reasons.includes("Insufficient cpu")) {
            const free = Quantity.fromMilli(node.allocatable.cpu - node.requested.cpu).toString();
            expect(entry.lines.find((l) => l.startsWith(node.node))).toContain(`${free} free of`);
          }
        }
      }
    }
  });
});

describe("the target", () => {
  it("pod/NAME resolves among the run's pods; the text has a block per attempt", async () => {
    const trace = (await runScenario({ path: "scenarios/scheduling/anti-affinity-rollout-stuck.scn" }))
      .trace!;
    const pending = scheduled(trace).find((p) => explainPod(trace, p).entries.length > 1)!;
    expect(resolveExplainTarget(`pod/${pending}`, trace)).toEqual({ ok: true, kind: "pod", name: pending });
    const text = explanationText(explainPod(trace, pending));
    // Created at 1m, tried at once, then by the leftover flush every 5½ minutes.
    expect(text.filter((l) => /^\s+\S+\s+attempt \d+/.test(l)).map((l) => l.trim())).toEqual([
      "1m  attempt 1 (created): unschedulable",
      "6m30s  attempt 2 (the leftover flush, unschedulable for over 5 minutes): unschedulable",
      "12m  attempt 3 (the leftover flush, unschedulable for over 5 minutes): unschedulable",
    ]);
    expect(text).toContain("      node-1  InterPodAffinity: node(s) didn't match pod anti-affinity rules");
  });
});
