// The cluster autoscaler's status ConfigMap (kube-system/cluster-autoscaler-status) as
// cluster-autoscaler v1.28 writes it: clusterstate/clusterstate.go's conditions, the text of
// clusterstate/api/utils.go GetReadableString, utils/status.go WriteStatusConfigMap's header and
// annotation, and Go's time formats — compared with the status quoted in kubernetes/autoscaler#6316.
import { describe, expect, it } from "vitest";
import {
  buildStatus,
  countNode,
  emptyReadiness,
  goTime,
  goTimeWithMonotonic,
  isClusterHealthy,
  isNodeGroupHealthy,
  readableStatus,
  statusConfigMapContent,
} from "../../../src/engine/nodes/autoscalerStatus.ts";
import { Simulation } from "../../../src/engine/simulation.ts";
import { runKubectl } from "../../../src/kubectl/index.ts";
import type { ConfigMap } from "../../../src/k8s/types.ts";

describe("Go's time formats", () => {
  it.each([
    [0, "2024-01-01 00:00:00 +0000 UTC"],
    [600, "2024-01-01 00:10:00 +0000 UTC"],
    [90.5, "2024-01-01 00:01:30.5 +0000 UTC"],
    [86400 + 0.000000001, "2024-01-02 00:00:00.000000001 +0000 UTC"],
  ])("Format(2006-01-02 15:04:05.999999999 -0700 MST) of %s", (t, text) => {
    expect(goTime(t)).toBe(text);
  });

  it("String() carries the monotonic reading since the process started, nine decimals; the zero time has none", () => {
    expect(goTimeWithMonotonic(4514.5, 0)).toBe("2024-01-01 01:15:14.5 +0000 UTC m=+4514.500000000");
    expect(goTimeWithMonotonic(130, 60)).toBe("2024-01-01 00:02:10 +0000 UTC m=+70.000000000");
    expect(goTimeWithMonotonic(undefined, 60)).toBe("0001-01-01 00:00:00 +0000 UTC");
  });
});

describe("clusterstate readiness and health", () => {
  it("a node is ready, else still starting for MaxNodeStartupTime (15 min) after its creation, else unready", () => {
    const r = emptyReadiness();
    countNode(r, true, 0, 1000);
    countNode(r, false, 200, 1000);
    countNode(r, false, 0, 1000);
    expect(r).toEqual({ ready: 1, unready: 1, notStarted: 1, registered: 3 });
  });

  it.each([
    // IsClusterHealthy: unhealthy only past both --ok-total-unready-count (3) and 45 % of the nodes.
    [{ ready: 7, unready: 3, notStarted: 0, registered: 10 }, true],
    [{ ready: 6, unready: 4, notStarted: 0, registered: 10 }, true],
    [{ ready: 5, unready: 5, notStarted: 0, registered: 10 }, false],
    [{ ready: 4, unready: 6, notStarted: 0, registered: 10 }, false],
    [{ ready: 0, unready: 3, notStarted: 0, registered: 3 }, true],
  ])("cluster %o healthy: %s", (r, healthy) => {
    expect(isClusterHealthy(r)).toBe(healthy);
  });

  it("a node group is unhealthy when more of its expected nodes are missing than the allowances tolerate", () => {
    const r = { ready: 2, unready: 8, notStarted: 0, registered: 10 };
    expect(isNodeGroupHealthy(r, 10, 0)).toBe(false);
    // Machines still coming up are not missing.
    expect(isNodeGroupHealthy({ ready: 2, unready: 0, notStarted: 0, registered: 2 }, 10, 8)).toBe(true);
  });
});

describe("GetStatus and GetReadableString", () => {
  const group = {
    id: "pool-a",
    min: 1,
    max: 6,
    target: 4,
    upcoming: 1,
    readiness: { ready: 3, unready: 0, notStarted: 0, registered: 3 },
    candidates: 0,
  };
  const input = (now: number, upcoming: number) => ({
    now,
    readiness: { ready: 3, unready: 0, notStarted: 0, registered: 3 },
    groups: [{ ...group, upcoming }],
    scaleDownProbe: now,
  });

  it("prints Cluster-wide and each node group as cluster-autoscaler does (the layout of kubernetes/autoscaler#6316)", () => {
    const text = readableStatus(buildStatus(input(130, 1)), 60);
    const probe = "2024-01-01 00:02:10 +0000 UTC m=+70.000000000";
    const times = `               LastProbeTime:      ${probe}\n               LastTransitionTime: ${probe}\n`;
    expect(text).toBe(
      "Cluster-wide:\n" +
        "  Health:      Healthy (ready=3 unready=0 notStarted=0 longNotStarted=0 registered=3 longUnregistered=0)\n" +
        times +
        "  ScaleUp:     InProgress (ready=3 registered=3)\n" +
        times +
        "  ScaleDown:   NoCandidates (candidates=0)\n" +
        times +
        "\nNodeGroups:\n" +
        "  Name:        pool-a\n" +
        "  Health:      Healthy (ready=3 unready=0 notStarted=0 longNotStarted=0 registered=3 longUnregistered=0 cloudProviderTarget=4 (minSize=1, maxSize=6))\n" +
        times +
        "  ScaleUp:     InProgress (ready=3 cloudProviderTarget=4)\n" +
        times +
        "  ScaleDown:   NoCandidates (candidates=0)\n" +
        times +
        "\n",
    );
  });

  it("a condition keeps its LastTransitionTime while its status stays (updateLastTransition)", () => {
    const first = buildStatus(input(100, 1));
    const second = buildStatus(input(110, 1), first);
    const third = buildStatus(input(120, 0), second);
    const scaleUp = (s: typeof first) => s.clusterWide.find((c) => c.type === "ScaleUp")!;
    expect(scaleUp(second)).toMatchObject({
      status: "InProgress",
      lastProbeTime: 110,
      lastTransitionTime: 100,
    });
    expect(scaleUp(third)).toMatchObject({
      status: "NoActivity",
      lastProbeTime: 120,
      lastTransitionTime: 120,
    });
    expect(third.clusterWide[0]).toMatchObject({ type: "Health", lastTransitionTime: 100 });
  });

  it("WriteStatusConfigMap: the header and the last-updated annotation share one timestamp", () => {
    expect(statusConfigMapContent(600, "Initializing")).toEqual({
      data: { status: "Cluster-autoscaler status at 2024-01-01 00:10:00 +0000 UTC:\nInitializing" },
      lastUpdated: "2024-01-01 00:10:00 +0000 UTC",
    });
  });
});

describe("the status ConfigMap in a running cluster", () => {
  const GiB = 1024 ** 3;
  function cluster() {
    const sim = new Simulation({ capacity: true });
    expect(sim.addNodes({ name: "node", cpu: 1000, memory: 2 * GiB, maxPods: 110 }, 2)).toBeUndefined();
    sim.at(0, "create", () => {
      runKubectl("create deployment web --image=nginx --replicas=7", sim);
      const d = sim.api.get("Deployment", "default", "web")!;
      d.spec.template.spec.containers[0].resources = { requests: { cpu: "400m", memory: "100Mi" } };
      sim.api.update(d);
    });
    expect(sim.autoscaleNodes("node", { min: 2, max: 4, provision: 60 })).toBeUndefined();
    return sim;
  }
  const status = (sim: Simulation) =>
    (sim.api.get("ConfigMap", "kube-system", "cluster-autoscaler-status") as ConfigMap | undefined)?.data
      ?.status ?? "";

  it("is rewritten every scan: InProgress while the machines come up, NoActivity once they joined", () => {
    const sim = cluster();
    sim.runUntil(15);
    expect(status(sim)).toMatch(
      /^Cluster-autoscaler status at 2024-01-01 00:00:10 \+0000 UTC:\nCluster-wide:\n/,
    );
    expect(status(sim)).toContain("  ScaleUp:     InProgress (ready=2 registered=2)\n");
    expect(status(sim)).toContain(
      "  Health:      Healthy (ready=2 unready=0 notStarted=0 longNotStarted=0 registered=2 longUnregistered=0 cloudProviderTarget=4 (minSize=2, maxSize=4))\n",
    );
    sim.runUntil(95);
    expect(status(sim)).toContain("  ScaleUp:     NoActivity (ready=4 registered=4)\n");
    const yaml = runKubectl("get configmap cluster-autoscaler-status -n kube-system -o yaml", sim).stdout;
    expect(yaml).toContain("  status: |+\n    Cluster-autoscaler status at 2024-01-01 00:01:30 +0000 UTC:\n");
    expect(yaml).toContain(
      "    cluster-autoscaler.kubernetes.io/last-updated: 2024-01-01 00:01:30 +0000 UTC\n",
    );
  });

  it("does not exist in a cluster without the autoscaler", () => {
    const sim = new Simulation({ capacity: true });
    sim.runUntil(30);
    // Only each namespace's kube-root-ca.crt (the root CA publisher's).
    expect(new Set(sim.api.listAll("ConfigMap").map((c) => c.metadata.name))).toEqual(
      new Set(["kube-root-ca.crt"]),
    );
  });
});
