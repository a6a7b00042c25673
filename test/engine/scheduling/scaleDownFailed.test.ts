// A scale-down whose drain fails, as cluster-autoscaler v1.28 handles it:
// core/scaledown/actuation/drain.go evictPod (a refused eviction asked again every
// DefaultEvictionRetryTime, 10 s, until --max-pod-eviction-time, 2 min; then Warning
// ScaleDownFailed "failed to delete pod for ScaleDown" on the pod and the drain error
// "failed to evict pod NS/POD within allowed timeout (last error: …)"), actuator.go
// CleanUpAndRecordFailedScaleDownEvent (Warning ScaleDownFailed "failed to drain and delete node:
// Failed to drain node /NAME, due to following errors: […]" on the node, the
// ToBeDeletedByClusterAutoscaler taint cleaned), and the FAQ's --scale-down-delay-after-failure
// (3 min) before scale-down resumes. The event texts match the one quoted in deckhouse/deckhouse#6098.
import { describe, expect, it } from "vitest";
import { EVICTION_RETRY_TIME, MAX_POD_EVICTION_TIME } from "../../../src/engine/nodes/clusterAutoscaler.ts";
import { Simulation } from "../../../src/engine/simulation.ts";
import { runKubectl } from "../../../src/kubectl/index.ts";

const GiB = 1024 ** 3;

/**
 * Two 1-CPU nodes under the autoscaler (min 1), web's two pods one per node, and `budgets`
 * PodDisruptionBudgets selecting them (two make every eviction fail: the eviction subresource
 * refuses a pod with more than one budget, which the autoscaler's own check does not see).
 */
function cluster(budgets: number, settings: Record<string, number> = {}) {
  const sim = new Simulation({ capacity: true, settings });
  expect(sim.addNodes({ name: "node", cpu: 1000, memory: 2 * GiB, maxPods: 110 }, 2)).toBeUndefined();
  sim.at(0, "create", () => {
    runKubectl("create deployment web --image=nginx --replicas=2", sim);
    const d = sim.api.get("Deployment", "default", "web")!;
    d.spec.template.spec.containers[0].resources = { requests: { cpu: "200m", memory: "100Mi" } };
    sim.api.update(d);
    for (let i = 0; i < budgets; i++)
      sim.api.create({
        apiVersion: "policy/v1",
        kind: "PodDisruptionBudget",
        metadata: { name: `web-${i}` },
        spec: { maxUnavailable: 1, selector: { matchLabels: { app: "web" } } },
      } as never);
  });
  expect(
    sim.autoscaleNodes("node", { min: 1, max: 2, provision: 60, scaleDownUnneededTime: 60 }),
  ).toBeUndefined();
  return sim;
}
const events = (sim: Simulation, reason: string) =>
  sim.events
    .filter((e) => e.reason === reason && e.source === "cluster-autoscaler")
    .map((e) => [e.time, e.type, e.involvedObject.kind, e.message]);

describe("a scale-down whose drain fails (ScaleDownFailed)", () => {
  it("retries the eviction for --max-pod-eviction-time, then records ScaleDownFailed on the pod and the node", () => {
    expect([EVICTION_RETRY_TIME, MAX_POD_EVICTION_TIME]).toEqual([10, 120]);
    const sim = cluster(2);
    // Unneeded from the first scans, marked after the unneeded time (60 s), failed 2 min later;
    // the next attempt is 3 min after that.
    sim.runUntil(300);
    const marked = events(sim, "ScaleDown").filter((e) => e[2] === "Node");
    const start = marked[0][0] as number;
    const failed = events(sim, "ScaleDownFailed");
    const refused = sim.events.find(
      (e) => e.reason === "ScaleDownFailed" && e.involvedObject.kind === "Pod",
    )!;
    const pod = sim.api.get("Pod", "default", refused.involvedObject.name)!;
    expect(failed.slice(0, 2)).toEqual([
      [start + 120, "Warning", "Pod", "failed to delete pod for ScaleDown"],
      [
        start + 120,
        "Warning",
        "Node",
        `failed to drain and delete node: Failed to drain node /${pod.spec.nodeName}, due to following errors: [failed to evict pod default/${pod.metadata.name} within allowed timeout (last error: This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.)]`,
      ],
    ]);
    // The node stays, its pod too, and the ToBeDeletedByClusterAutoscaler taint is gone.
    expect(sim.api.listAll("Node")).toHaveLength(2);
    expect(start + 120).toBeLessThan(300);
    const node = sim.api.get("Node", "", pod.spec.nodeName!)!;
    expect(node.spec?.taints ?? []).toEqual([]);
  });

  it("rests for --scale-down-delay-after-failure (3 min) before the next attempt", () => {
    const attempts = (sim: Simulation) =>
      events(sim, "ScaleDown")
        .filter((e) => e[3] === "marked the node as toBeDeleted/unschedulable")
        .map((e) => e[0] as number);
    const sim = cluster(2);
    sim.runUntil(900);
    const [first, second] = attempts(sim);
    expect(second - (first + 120)).toBe(180);
    const quick = cluster(2, { "autoscaler.scale-down-delay-after-failure": 60 });
    quick.runUntil(900);
    const [a, b] = attempts(quick);
    expect(b - (a + 120)).toBe(60);
  });

  it("with one budget the same drain succeeds at once and the node goes", () => {
    const sim = cluster(1);
    sim.runUntil(400);
    expect(events(sim, "ScaleDownFailed")).toEqual([]);
    expect(sim.api.listAll("Node")).toHaveLength(1);
    expect(events(sim, "ScaleDown").some((e) => e[3] === "nodes removed by cluster autoscaler")).toBe(true);
  });
});
