// PodDisruptionBudgets: the disruption controller's arithmetic (pkg/controller/disruption
// disruption.go), the eviction subresource (pkg/registry/core/pod/storage/eviction.go) and
// kubectl drain (kubectl/pkg/drain), against a running cluster.
import { describe, expect, it } from "vitest";
import { goDurationText, parseGoDuration, podsForDeletion } from "../../../src/kubectl/commands/drain.ts";
import { Simulation } from "../../../src/engine/simulation.ts";
import { runKubectl } from "../../../src/kubectl/index.ts";
import type { KubectlResult } from "../../../src/kubectl/index.ts";
import type { Pod } from "../../../src/k8s/types.ts";

const GiB = 1024 ** 3;

/** Two nodes, a Deployment of `replicas` pods (one per node as LeastAllocated spreads them), and a budget. */
function cluster(replicas: number, budget: string) {
  const sim = new Simulation({ capacity: true });
  sim.addNodes({ name: "node", cpu: 2000, memory: 4 * GiB, maxPods: 110 }, 2);
  sim.at(0, "create", () => {
    runKubectl(`create deployment web --image=nginx --replicas=${replicas}`, sim);
    const d = sim.api.get("Deployment", "default", "web")!;
    d.spec.template.spec.containers[0].resources = { requests: { cpu: "500m" } };
    sim.api.update(d);
    sim.api.create({
      apiVersion: "policy/v1",
      kind: "PodDisruptionBudget",
      metadata: { name: "web" },
      spec: { ...JSON.parse(budget), selector: { matchLabels: { app: "web" } } },
    } as never);
  });
  sim.runUntil(30);
  return sim;
}
const pdb = (sim: Simulation) => sim.api.get("PodDisruptionBudget", "default", "web")!.status;

describe("the disruption controller's status (getExpectedPodCount, countHealthyPods, updatePdbStatus)", () => {
  it.each([
    [
      '{"minAvailable": 2}',
      3,
      { expectedPods: 3, desiredHealthy: 2, currentHealthy: 3, disruptionsAllowed: 1 },
    ],
    [
      '{"minAvailable": 3}',
      3,
      { expectedPods: 3, desiredHealthy: 3, currentHealthy: 3, disruptionsAllowed: 0 },
    ],
    [
      '{"maxUnavailable": 1}',
      3,
      { expectedPods: 3, desiredHealthy: 2, currentHealthy: 3, disruptionsAllowed: 1 },
    ],
    // A percentage is of the controller's scale, rounded up: 50% of 3 → 2 unavailable, 1 desired.
    [
      '{"maxUnavailable": "50%"}',
      3,
      { expectedPods: 3, desiredHealthy: 1, currentHealthy: 3, disruptionsAllowed: 2 },
    ],
    [
      '{"minAvailable": "50%"}',
      3,
      { expectedPods: 3, desiredHealthy: 2, currentHealthy: 3, disruptionsAllowed: 1 },
    ],
    [
      '{"minAvailable": "100%"}',
      2,
      { expectedPods: 2, desiredHealthy: 2, currentHealthy: 2, disruptionsAllowed: 0 },
    ],
  ])("%s over %i Ready pods", (budget, replicas, want) => {
    const sim = cluster(replicas, budget);
    expect(pdb(sim)).toMatchObject(want);
    const cond = pdb(sim).conditions?.[0];
    expect(cond).toMatchObject({
      type: "DisruptionAllowed",
      status: want.disruptionsAllowed > 0 ? "True" : "False",
      reason: want.disruptionsAllowed > 0 ? "SufficientPods" : "InsufficientPods",
    });
  });

  it("kubectl get pdb prints N/A for the bound the budget does not set", () => {
    const sim = cluster(3, '{"maxUnavailable": 1}');
    expect(runKubectl("get pdb", sim).stdout).toBe(
      "NAME   MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE\n" +
        "web    N/A             1                 1                     30s\n",
    );
  });

  it("admission refuses both bounds, and a percentage above 100%", () => {
    const sim = cluster(1, '{"minAvailable": 1}');
    const bad = sim.api.create({
      apiVersion: "policy/v1",
      kind: "PodDisruptionBudget",
      metadata: { name: "x" },
      spec: { minAvailable: 1, maxUnavailable: "120%" },
    } as never);
    expect(JSON.stringify(bad)).toContain("must not be greater than 100%");
    expect(JSON.stringify(bad)).toContain("minAvailable and maxUnavailable cannot be both set");
  });
});

describe("the eviction subresource", () => {
  it("spends the budget: the first eviction passes (disruptedPods), the second is refused with 429's words", () => {
    const sim = cluster(3, '{"minAvailable": 2}');
    const [a, b] = sim.api.listAll("Pod").map((p) => p.metadata.name);
    expect(sim.api.evict("default", a)).toBeUndefined();
    expect(pdb(sim).disruptionsAllowed).toBe(0);
    expect(Object.keys(pdb(sim).disruptedPods ?? {})).toEqual([a]);
    expect(sim.api.evict("default", b)).toEqual({
      reason: "TooManyRequests",
      message: "Cannot evict pod as it would violate the pod's disruption budget.",
      // checkAndDecrement changed only disruptionsAllowed and disruptedPods: currentHealthy is
      // the controller's, which has not synced since (no time has passed).
      cause: "The disruption budget web needs 2 healthy pods and has 3 currently",
    });
  });

  it("a pod no budget selects is simply deleted; an unknown pod is NotFound", () => {
    const sim = cluster(1, '{"minAvailable": 1}');
    expect(sim.api.evict("default", "nope")).toMatchObject({ reason: "NotFound" });
  });
});

describe("kubectl drain", () => {
  /** Run a command that keeps running, following it through simulated time. */
  function follow(sim: Simulation, line: string, until: number): { t: number; r: KubectlResult }[] {
    const out: { t: number; r: KubectlResult }[] = [];
    let r = runKubectl(line, sim);
    out.push({ t: sim.now, r });
    while (r.follow && sim.now + r.follow.after <= until) {
      const f = r.follow;
      sim.runUntil(sim.now + f.after);
      r = f.run(sim);
      out.push({ t: sim.now, r });
    }
    return out;
  }

  it("cordons, evicts what the budget allows, retries the rest every 5 s, and ends with 'drained'", () => {
    const sim = cluster(2, '{"maxUnavailable": 1}');
    // Both pods on one node: cordon the other one first? LeastAllocated spread them, one each.
    const onNode1 = sim.api.listAll("Pod").filter((p) => p.spec.nodeName === "node-1");
    expect(onNode1).toHaveLength(1);
    const steps = follow(sim, "drain node-1 --ignore-daemonsets", 120);
    const name = onNode1[0].metadata.name;
    expect(steps[0].r.stdout).toBe(`node/node-1 cordoned\nevicting pod default/${name}\n`);
    const all = steps.map((s) => s.r.stdout + s.r.stderr).join("");
    expect(all).toContain(`pod/${name} evicted\n`);
    expect(all.endsWith("node/node-1 drained\n")).toBe(true);
    expect(sim.api.get("Node", "", "node-1")!.spec.unschedulable).toBe(true);
  });

  it("a budget with no disruption left: the 5-second retries, then the --timeout failure", () => {
    const sim = cluster(2, '{"minAvailable": 2}');
    const name = sim.api.listAll("Pod").find((p) => p.spec.nodeName === "node-1")!.metadata.name;
    const steps = follow(sim, "drain node-1 --timeout=12s", 200);
    expect(steps.map((s) => s.t)).toEqual([30, 35, 40, 42]);
    // drain.go prints the retry on ErrOut between its `evicting pod` lines on Out: as a terminal shows them.
    expect(steps[1].r.stdout).toBe(
      `evicting pod default/${name}\n` +
        `error when evicting pods/"${name}" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.\n`,
    );
    const last = steps[steps.length - 1].r;
    expect(last.exitCode).toBe(1);
    expect(last.stderr).toContain(
      `error: unable to drain node "node-1" due to error:error when evicting pods/"${name}" -n "default": global timeout reached: 12s, continuing command...\n`,
    );
  });

  it("refuses pods no controller owns (without --force) and pods with emptyDir (without --delete-emptydir-data)", () => {
    const bare = {
      metadata: { name: "bare", namespace: "default" },
      spec: { nodeName: "n", containers: [] },
      status: {},
    } as unknown as Pod;
    const owned = (name: string, volumes: object[] = []) =>
      ({
        metadata: {
          name,
          namespace: "default",
          ownerReferences: [
            { controller: true, kind: "ReplicaSet", name: "rs", uid: "u", apiVersion: "apps/v1" },
          ],
        },
        spec: { nodeName: "n", containers: [], volumes },
        status: {},
      }) as unknown as Pod;
    const pods = [bare, owned("cache", [{ name: "tmp", emptyDir: {} }]), owned("web")];
    expect(podsForDeletion("n", pods, { force: false, deleteEmptyDirData: false }).errors).toEqual([
      "cannot delete Pods that declare no controller (use --force to override): default/bare",
      "cannot delete Pods with local storage (use --delete-emptydir-data to override): default/cache",
    ]);
    const forced = podsForDeletion("n", pods, { force: true, deleteEmptyDirData: true });
    expect(forced.pods.map((p) => p.metadata.name)).toEqual(["bare", "cache", "web"]);
    expect(forced.warnings).toEqual([
      "deleting Pods that declare no controller: default/bare",
      "deleting Pods with local storage: default/cache",
    ]);
  });

  it.each([
    ["0", 0],
    ["90s", 90],
    ["1m30s", 90],
    ["2h", 7200],
    ["5", undefined],
  ])("time.ParseDuration(%s) = %s", (text, seconds) => {
    expect(parseGoDuration(text)).toBe(seconds);
  });
  it.each([
    [5, "5s"],
    [60, "1m0s"],
    [3600, "1h0m0s"],
  ])("time.Duration(%i s).String() = %s", (seconds, text) => {
    expect(goDurationText(seconds)).toBe(text);
  });
});
