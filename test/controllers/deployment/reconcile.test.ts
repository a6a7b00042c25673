// reconcileDeployment over hand-built store snapshots. ReplicaSet statuses are set by hand
// (standing in for the ReplicaSet controller) so each rule of docs/kubernetes/deploy-semantics.md is seen alone.
import { describe, expect, it } from "vitest";
import { reconcileDeployment } from "../../../src/engine/controllers/deployment/index.ts";
import type { ReconcileResult } from "../../../src/engine/controller.ts";
import type { ReplicaSet } from "../../../src/k8s/types.ts";
import { MiniCluster, deployment, messages } from "./harness.ts";

/** Sync the Deployment until a sync writes nothing (each write would enqueue it again). */
function syncUntilQuiet(c: MiniCluster, name = "web"): ReconcileResult[] {
  const results: ReconcileResult[] = [];
  for (let i = 0; i < 30; i++) {
    const r = c.run(reconcileDeployment(c.ctx(), name));
    results.push(r);
    if (r.writes.length === 0) return results;
  }
  throw new Error("the Deployment never settled");
}

/** What the ReplicaSet controller would report once `available` of its pods are up. */
function setRSStatus(c: MiniCluster, rs: ReplicaSet, pods: number, available: number): void {
  const cur = c.get("ReplicaSet", rs.metadata.name);
  cur.status = {
    replicas: pods,
    readyReplicas: available,
    availableReplicas: available,
    fullyLabeledReplicas: pods,
    observedGeneration: cur.metadata.generation,
  };
}

const rsOf = (c: MiniCluster, image: string): ReplicaSet => {
  const rs = c.replicaSets().find((r) => r.spec.template.spec.containers[0].image === image);
  if (!rs) throw new Error(`no ReplicaSet for ${image}`);
  return rs;
};

/** Settle every ReplicaSet at its spec with all pods available. */
function allAvailable(c: MiniCluster): void {
  for (const rs of c.replicaSets()) setRSStatus(c, rs, rs.spec.replicas, rs.spec.replicas);
}

describe("reconcileDeployment: a new Deployment", () => {
  it("creates <name>-<pod-template-hash> already sized, at revision 1, with Progressing=NewReplicaSetCreated", () => {
    const c = new MiniCluster();
    c.add(deployment("web", 3, "nginx:1.14"));
    const r = c.run(reconcileDeployment(c.ctx(), "web"));
    const creates = r.writes.filter((w) => w.op === "create");
    expect(creates).toHaveLength(1);
    const rs = c.replicaSets()[0];
    const hash = rs.metadata.labels?.["pod-template-hash"];
    expect(rs.metadata.name).toBe(`web-${hash}`);
    expect(rs.spec.replicas).toBe(3);
    expect(rs.spec.selector.matchLabels).toEqual({ app: "web", "pod-template-hash": hash });
    expect(rs.spec.template.metadata.labels).toEqual({ app: "web", "pod-template-hash": hash });
    expect(rs.metadata.ownerReferences?.[0]).toMatchObject({
      kind: "Deployment",
      name: "web",
      controller: true,
    });
    // 25%/25% of 3: surge ceil(0.75) = 1, unavailable floor(0.75) = 0.
    expect(rs.metadata.annotations).toMatchObject({
      "deployment.kubernetes.io/revision": "1",
      "deployment.kubernetes.io/desired-replicas": "3",
      "deployment.kubernetes.io/max-replicas": "4",
    });
    expect(messages(c)).toEqual([`Scaled up replica set ${rs.metadata.name} to 3`]);
    const d = c.deployment();
    expect(d.metadata.annotations?.["deployment.kubernetes.io/revision"]).toBe("1");
    expect(d.status.conditions?.find((x) => x.type === "Progressing")).toMatchObject({
      status: "True",
      reason: "NewReplicaSetCreated",
      message: `Created new replica set "${rs.metadata.name}"`,
    });
    expect(r.decisions.some((x) => x.action === "create-rs")).toBe(true);
  });

  it("reports Available and then NewReplicaSetAvailable once the pods are up", () => {
    const c = new MiniCluster();
    c.add(deployment("web", 3, "nginx:1.14"));
    syncUntilQuiet(c);
    let d = c.deployment();
    expect(d.status.conditions?.find((x) => x.type === "Available")).toMatchObject({
      status: "False",
      reason: "MinimumReplicasUnavailable",
      message: "Deployment does not have minimum availability.",
    });
    allAvailable(c);
    c.now = 5;
    syncUntilQuiet(c);
    d = c.deployment();
    const rs = c.replicaSets()[0].metadata.name;
    expect(d.status).toMatchObject({
      replicas: 3,
      updatedReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
      unavailableReplicas: 0,
    });
    expect(d.status.conditions?.map((x) => [x.type, x.status, x.reason, x.message])).toEqual([
      ["Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability."],
      ["Progressing", "True", "NewReplicaSetAvailable", `ReplicaSet "${rs}" has successfully progressed.`],
    ]);
    // lastTransitionTime of Progressing stays at creation: it was True all along.
    expect(d.status.conditions?.[1].lastTransitionTime).toBe(0);
    expect(d.status.conditions?.[1].lastUpdateTime).toBe(5);
  });

  it("warns SelectingAll and does nothing else for an empty selector", () => {
    const c = new MiniCluster();
    const d = deployment("web", 3, "nginx");
    d.spec.selector = {};
    c.add(d);
    const r = c.run(reconcileDeployment(c.ctx(), "web"));
    expect(r.events).toEqual([
      expect.objectContaining({
        type: "Warning",
        reason: "SelectingAll",
        message: "This deployment is selecting all pods. A non-empty selector is required.",
      }),
    ]);
    expect(c.replicaSets()).toHaveLength(0);
    expect(c.deployment().status.observedGeneration).toBe(1);
  });

  it("returns nothing for a Deployment that is gone", () => {
    const c = new MiniCluster();
    expect(reconcileDeployment(c.ctx(), "nope")).toEqual({ writes: [], events: [], decisions: [] });
  });
});

describe("reconcileDeployment: the rolling update worked trace (deploy-semantics §4)", () => {
  it("replicas 10, maxSurge 3, maxUnavailable 2: new 3, old 10→8, new 3→5 in the instant; then 8→3, 5→10; then 3→0", () => {
    const c = new MiniCluster();
    c.add(
      deployment("web", 10, "app:v1", {
        strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 3, maxUnavailable: 2 } },
      }),
    );
    syncUntilQuiet(c);
    allAvailable(c);
    syncUntilQuiet(c);
    const old = rsOf(c, "app:v1").metadata.name;
    c.events.length = 0;

    c.now = 60;
    c.edit("Deployment", "web", (d) => (d.spec.template.spec.containers[0].image = "app:v2"));
    const results = syncUntilQuiet(c);
    const next = rsOf(c, "app:v2").metadata.name;
    expect(messages(c)).toEqual([
      `Scaled up replica set ${next} to 3`,
      `Scaled down replica set ${old} to 8 from 10`,
      `Scaled up replica set ${next} to 5 from 3`,
    ]);
    expect(rsOf(c, "app:v1").spec.replicas).toBe(8);
    expect(rsOf(c, "app:v2").spec.replicas).toBe(5);
    // The scale-down's decision carries its inputs: 13 − 8 − 3 = 2.
    const down = results.flatMap((r) => r.decisions).find((x) => x.action === "scale-down");
    expect(down?.inputs).toMatchObject({
      allPods: 13,
      minAvailable: 8,
      newUnavailable: 3,
      maxScaledDown: 2,
      maxSurge: 3,
      maxUnavailable: 2,
      from: 10,
      to: 8,
    });
    expect(c.deployment().metadata.annotations?.["deployment.kubernetes.io/revision"]).toBe("2");
    expect(rsOf(c, "app:v2").metadata.annotations?.["deployment.kubernetes.io/revision"]).toBe("2");

    // The 5 new pods become available (old RS reports its 8).
    c.events.length = 0;
    c.now = 70;
    setRSStatus(c, rsOf(c, "app:v1"), 8, 8);
    setRSStatus(c, rsOf(c, "app:v2"), 5, 5);
    syncUntilQuiet(c);
    expect(messages(c)).toEqual([
      `Scaled down replica set ${old} to 3 from 8`,
      `Scaled up replica set ${next} to 10 from 5`,
    ]);

    c.events.length = 0;
    c.now = 80;
    setRSStatus(c, rsOf(c, "app:v1"), 3, 3);
    setRSStatus(c, rsOf(c, "app:v2"), 10, 10);
    syncUntilQuiet(c);
    expect(messages(c)).toEqual([`Scaled down replica set ${old} to 0 from 3`]);

    c.now = 90;
    setRSStatus(c, rsOf(c, "app:v1"), 0, 0);
    syncUntilQuiet(c);
    const d = c.deployment();
    expect(d.status).toMatchObject({
      replicas: 10,
      updatedReplicas: 10,
      availableReplicas: 10,
      unavailableReplicas: 0,
    });
    expect(d.status.conditions?.find((x) => x.type === "Progressing")?.reason).toBe("NewReplicaSetAvailable");
  });

  it("does not scale old pods down while new pods are unavailable (newRSUnavailable uses the budget)", () => {
    const c = new MiniCluster();
    c.add(
      deployment("web", 10, "app:v1", {
        strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 3, maxUnavailable: 2 } },
      }),
    );
    syncUntilQuiet(c);
    allAvailable(c);
    syncUntilQuiet(c);
    c.edit("Deployment", "web", (d) => (d.spec.template.spec.containers[0].image = "app:v2"));
    syncUntilQuiet(c);
    // An old pod fails: 7 of 8 available; the crash-looping new pods hold the budget at 0.
    setRSStatus(c, rsOf(c, "app:v1"), 8, 7);
    c.events.length = 0;
    syncUntilQuiet(c);
    expect(messages(c)).toEqual([]);
    expect(rsOf(c, "app:v1").spec.replicas).toBe(8);
  });
});

describe("reconcileDeployment: scaling events (proportional scaling)", () => {
  it("scales a single ReplicaSet straight to the new size and re-stamps its annotations", () => {
    const c = new MiniCluster();
    c.add(deployment("web", 3, "nginx"));
    syncUntilQuiet(c);
    allAvailable(c);
    syncUntilQuiet(c);
    c.events.length = 0;
    c.edit("Deployment", "web", (d) => (d.spec.replicas = 10));
    const [first] = syncUntilQuiet(c);
    const rs = c.replicaSets()[0];
    expect(first.decisions[0]?.summary).toContain("single active ReplicaSet");
    expect(messages(c)).toEqual([`Scaled up replica set ${rs.metadata.name} to 10 from 3`]);
    expect(rs.metadata.annotations).toMatchObject({
      "deployment.kubernetes.io/desired-replicas": "10",
      "deployment.kubernetes.io/max-replicas": "13",
    });
  });

  it("spreads a mid-rollout scale-up over old and new ReplicaSets (TestScale: 10 → 50, surge 3 → 6 gives 22 and 34)", () => {
    const c = new MiniCluster();
    c.add(
      deployment("web", 10, "app:v1", {
        strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 3, maxUnavailable: 2 } },
      }),
    );
    syncUntilQuiet(c);
    allAvailable(c);
    syncUntilQuiet(c);
    c.edit("Deployment", "web", (d) => (d.spec.template.spec.containers[0].image = "app:v2"));
    syncUntilQuiet(c);
    expect([rsOf(c, "app:v2").spec.replicas, rsOf(c, "app:v1").spec.replicas]).toEqual([5, 8]);
    c.edit("Deployment", "web", (d) => {
      d.spec.replicas = 50;
      d.spec.strategy.rollingUpdate = { maxSurge: 6, maxUnavailable: 2 };
    });
    c.run(reconcileDeployment(c.ctx(), "web"));
    expect([rsOf(c, "app:v2").spec.replicas, rsOf(c, "app:v1").spec.replicas]).toEqual([22, 34]);
  });
});

describe("reconcileDeployment: pause and resume", () => {
  it("marks Progressing Unknown/DeploymentPaused, makes no new ReplicaSet while paused, and Resumed on resume", () => {
    const c = new MiniCluster();
    c.add(deployment("web", 2, "app:v1"));
    syncUntilQuiet(c);
    allAvailable(c);
    syncUntilQuiet(c);
    c.now = 10;
    c.edit("Deployment", "web", (d) => (d.spec.paused = true));
    syncUntilQuiet(c);
    expect(c.deployment().status.conditions?.find((x) => x.type === "Progressing")).toMatchObject({
      status: "Unknown",
      reason: "DeploymentPaused",
      message: "Deployment is paused",
      lastUpdateTime: 10,
    });
    c.edit("Deployment", "web", (d) => (d.spec.template.spec.containers[0].image = "app:v2"));
    syncUntilQuiet(c);
    expect(c.replicaSets()).toHaveLength(1);
    c.now = 20;
    c.edit("Deployment", "web", (d) => (d.spec.paused = false));
    c.run(reconcileDeployment(c.ctx(), "web"));
    expect(c.deployment().status.conditions?.find((x) => x.type === "Progressing")).toMatchObject({
      reason: "NewReplicaSetCreated",
    });
    expect(c.replicaSets()).toHaveLength(2);
  });
});

describe("reconcileDeployment: Recreate", () => {
  it("scales old to 0, waits for the old pods to be gone, then creates the new ReplicaSet at full size", () => {
    const c = new MiniCluster();
    c.add(deployment("web", 3, "app:v1", { strategy: { type: "Recreate" } }));
    syncUntilQuiet(c);
    const old = rsOf(c, "app:v1");
    allAvailable(c);
    // Three running pods of the old ReplicaSet.
    for (let i = 0; i < 3; i++) {
      c.add({
        apiVersion: "v1",
        kind: "Pod",
        metadata: {
          name: `old-${i}`,
          labels: { ...old.spec.template.metadata.labels },
          ownerReferences: [
            {
              apiVersion: "apps/v1",
              kind: "ReplicaSet",
              name: old.metadata.name,
              uid: old.metadata.uid ?? "",
              controller: true,
            },
          ],
        },
        spec: { containers: [] },
        status: { phase: "Running" },
      });
    }
    syncUntilQuiet(c);
    c.events.length = 0;
    c.edit("Deployment", "web", (d) => (d.spec.template.spec.containers[0].image = "app:v2"));
    syncUntilQuiet(c);
    expect(messages(c)).toEqual([`Scaled down replica set ${old.metadata.name} to 0 from 3`]);
    expect(c.replicaSets()).toHaveLength(1);
    // Status says 0 pods, but the pods still exist (terminating): still no new ReplicaSet.
    setRSStatus(c, old, 0, 0);
    syncUntilQuiet(c);
    expect(c.replicaSets()).toHaveLength(1);
    for (let i = 0; i < 3; i++) c.objects.delete(`Pod/old-${i}`);
    syncUntilQuiet(c);
    const next = rsOf(c, "app:v2");
    expect(next.spec.replicas).toBe(3);
    expect(messages(c)).toEqual([
      `Scaled down replica set ${old.metadata.name} to 0 from 3`,
      `Scaled up replica set ${next.metadata.name} to 3`,
    ]);
  });
});

describe("reconcileDeployment: revisions, change-cause and history", () => {
  it("copies change-cause to the new ReplicaSet and, after an undo-style template patch, re-numbers the old ReplicaSet", () => {
    const c = new MiniCluster();
    c.add(deployment("web", 1, "busybox:v1"));
    syncUntilQuiet(c);
    allAvailable(c);
    syncUntilQuiet(c);
    c.edit("Deployment", "web", (d) => {
      d.spec.template.spec.containers[0].image = "busybox:v2";
      d.metadata.annotations = {
        ...d.metadata.annotations,
        "kubernetes.io/change-cause": "kubectl set image deployment/web app=busybox:v2 --record=true",
      };
    });
    syncUntilQuiet(c);
    allAvailable(c);
    syncUntilQuiet(c);
    expect(rsOf(c, "busybox:v2").metadata.annotations?.["kubernetes.io/change-cause"]).toBe(
      "kubectl set image deployment/web app=busybox:v2 --record=true",
    );
    expect(rsOf(c, "busybox:v1").metadata.annotations?.["kubernetes.io/change-cause"]).toBeUndefined();
    // `kubectl rollout undo --to-revision=1`: the template (and annotations) of revision 1 come back.
    c.edit("Deployment", "web", (d) => {
      d.spec.template.spec.containers[0].image = "busybox:v1";
      delete d.metadata.annotations?.["kubernetes.io/change-cause"];
    });
    syncUntilQuiet(c);
    const v1 = rsOf(c, "busybox:v1");
    expect(v1.metadata.annotations?.["deployment.kubernetes.io/revision"]).toBe("3");
    expect(v1.metadata.annotations?.["deployment.kubernetes.io/revision-history"]).toBe("1");
    expect(c.deployment().metadata.annotations?.["deployment.kubernetes.io/revision"]).toBe("3");
  });

  it("deletes old ReplicaSets beyond revisionHistoryLimit once the rollout is complete", () => {
    const c = new MiniCluster();
    c.add(deployment("web", 1, "app:v1", { revisionHistoryLimit: 1 }));
    for (const [i, image] of ["app:v1", "app:v2", "app:v3", "app:v4"].entries()) {
      c.now = i * 10;
      if (i > 0) c.edit("Deployment", "web", (d) => (d.spec.template.spec.containers[0].image = image));
      for (let k = 0; k < 6; k++) {
        syncUntilQuiet(c);
        allAvailable(c);
      }
    }
    const images = c.replicaSets().map((rs) => rs.spec.template.spec.containers[0].image);
    expect(images.sort()).toEqual(["app:v3", "app:v4"]);
  });
});

describe("reconcileDeployment: progress deadline", () => {
  it("asks to be synced again just after the deadline, then reports ProgressDeadlineExceeded", () => {
    const c = new MiniCluster();
    c.add(deployment("web", 2, "app:v1", { progressDeadlineSeconds: 30 }));
    syncUntilQuiet(c);
    // Pods never become available: the status stops changing.
    const last = syncUntilQuiet(c).at(-1);
    expect(last?.requeueAfter).toBe(31);
    c.now = 31;
    const r = c.run(reconcileDeployment(c.ctx(), "web"));
    expect(r.writes.some((w) => w.op === "updateStatus")).toBe(true);
    const rs = c.replicaSets()[0].metadata.name;
    expect(c.deployment().status.conditions?.find((x) => x.type === "Progressing")).toMatchObject({
      status: "False",
      reason: "ProgressDeadlineExceeded",
      message: `ReplicaSet "${rs}" has timed out progressing.`,
    });
    // syncRolloutStatus (progress.go) only sets the condition: Kubernetes records no event
    // when a Deployment passes its deadline (kubectl rollout status reads the condition).
    expect(r.events).toEqual([]);
    expect(reconcileDeployment(c.ctx(), "web").requeueAfter).toBeUndefined();
  });
});
