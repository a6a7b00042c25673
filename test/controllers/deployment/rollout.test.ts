// Both controllers together, with a stand-in kubelet (pods Ready 2 s after creation, gone 1 s
// after deletion): seed 000's walk-through — set image v2, v3 with --record, rollout status,
// rollout history, and undo to revisions 1 and 2 — gives Kubernetes' own history tables.
import { describe, expect, it } from "vitest";
import { reconcileDeployment } from "../../../src/engine/controllers/deployment/index.ts";
import { historyTable } from "../../../src/kubectl/commands/rollout/history.ts";
import { rolloutStatusMessage } from "../../../src/kubectl/commands/rollout/status.ts";
import { reconcileReplicaSet } from "../../../src/engine/controllers/replicaset/index.ts";
import { MiniCluster, deployment, messages } from "./harness.ts";

/** Run both controllers until neither writes anything. */
function settle(c: MiniCluster): void {
  for (let i = 0; i < 200; i++) {
    let wrote = false;
    for (const rs of c.replicaSets())
      wrote = c.run(reconcileReplicaSet(c.ctx(), rs.metadata.name)).writes.length > 0 || wrote;
    for (const d of c.store.list("Deployment", "default"))
      wrote = c.run(reconcileDeployment(c.ctx(), d.metadata.name)).writes.length > 0 || wrote;
    if (!wrote) return;
  }
  throw new Error("controllers never settled");
}

/** Advance the clock second by second, with the kubelet stand-in acting each second; report the extremes seen. */
function runFor(c: MiniCluster, seconds: number): { maxPods: number; minReady: number } {
  const seen = { maxPods: 0, minReady: Infinity };
  const end = c.now + seconds;
  while (c.now < end) {
    c.now += 1;
    const started = new Set(
      c
        .pods()
        .filter((p) => (p.metadata.creationTimestamp ?? 0) <= c.now - 2)
        .map((p) => p.metadata.name),
    );
    c.startPods((p) => started.has(p.metadata.name));
    for (const p of c.pods())
      if (p.metadata.deletionTimestamp !== undefined && p.metadata.deletionTimestamp <= c.now - 1)
        c.objects.delete(`Pod/${p.metadata.name}`);
    settle(c);
    const live = c.pods().filter((p) => p.metadata.deletionTimestamp === undefined);
    seen.maxPods = Math.max(seen.maxPods, live.length);
    seen.minReady = Math.min(
      seen.minReady,
      live.filter((p) => p.status.conditions?.some((x) => x.type === "Ready" && x.status === "True")).length,
    );
  }
  return seen;
}

const CMD = (v: string) => `kubectl set image deployment/demo-rollout busybox=busybox:${v} --record=true`;

/** `kubectl set image … --record`: new image, change-cause recorded on the Deployment. */
function setImage(c: MiniCluster, v: string): void {
  c.edit("Deployment", "demo-rollout", (d) => {
    d.spec.template.spec.containers[0].image = `busybox:${v}`;
    d.metadata.annotations = { ...d.metadata.annotations, "kubernetes.io/change-cause": CMD(v) };
  });
}

/** `kubectl rollout undo --to-revision=N` (polymorphichelpers/rollback.go): template and annotations of that revision. */
function undo(c: MiniCluster, revision: number): void {
  const skip = [
    "kubectl.kubernetes.io/last-applied-configuration",
    "deployment.kubernetes.io/revision",
    "deployment.kubernetes.io/revision-history",
    "deployment.kubernetes.io/desired-replicas",
    "deployment.kubernetes.io/max-replicas",
    "deprecated.deployment.rollback.to",
  ];
  const rs = c
    .replicaSets()
    .find((x) => x.metadata.annotations?.["deployment.kubernetes.io/revision"] === String(revision));
  if (!rs) throw new Error(`no revision ${revision}`);
  c.edit("Deployment", "demo-rollout", (d) => {
    const t = structuredClone(rs.spec.template);
    delete t.metadata.labels?.["pod-template-hash"];
    d.spec.template = t;
    const annotations: Record<string, string> = {};
    for (const [k, v] of Object.entries(rs.metadata.annotations ?? {}))
      if (!skip.includes(k)) annotations[k] = v;
    for (const [k, v] of Object.entries(d.metadata.annotations ?? {}))
      if (skip.includes(k)) annotations[k] = v;
    d.metadata.annotations = annotations;
  });
}

describe("seed 000: rolling update and rollback of demo-rollout", () => {
  it("rolls out v2 and v3 one pod at a time (25%/25% of 3: surge 1, unavailable 0)", () => {
    const c = new MiniCluster();
    c.add(
      deployment("demo-rollout", 3, "busybox:v1", { selector: { matchLabels: { app: "demo-rollout" } } }),
    );
    c.edit("Deployment", "demo-rollout", (d) => (d.spec.template.metadata.labels = { app: "demo-rollout" }));
    settle(c);
    runFor(c, 5);
    expect(c.pods().filter((p) => p.status.phase === "Running")).toHaveLength(3);
    const v1 = c.replicaSets()[0].metadata.name;
    c.events.length = 0;

    setImage(c, "v2");
    settle(c);
    // maxSurge 1, maxUnavailable 0: never more than 4 pods, never fewer than 3 Ready.
    expect(runFor(c, 20)).toEqual({ maxPods: 4, minReady: 3 });
    const v2 = c.replicaSets().find((rs) => rs.spec.template.spec.containers[0].image === "busybox:v2")!
      .metadata.name;
    expect(messages(c)).toEqual([
      `Scaled up replica set ${v2} to 1`,
      `Scaled down replica set ${v1} to 2 from 3`,
      `Scaled up replica set ${v2} to 2 from 1`,
      `Scaled down replica set ${v1} to 1 from 2`,
      `Scaled up replica set ${v2} to 3 from 2`,
      `Scaled down replica set ${v1} to 0 from 1`,
    ]);
    expect(rolloutStatusMessage(c.deployment("demo-rollout"))).toEqual({
      message: 'deployment "demo-rollout" successfully rolled out\n',
      done: true,
    });
    expect(c.deployment("demo-rollout").status).toMatchObject({
      replicas: 3,
      updatedReplicas: 3,
      availableReplicas: 3,
    });

    setImage(c, "v3");
    settle(c);
    runFor(c, 20);
    expect(historyTable(c.replicaSets())).toBe(
      [
        "REVISION  CHANGE-CAUSE",
        "1         <none>",
        `2         ${CMD("v2")}`,
        `3         ${CMD("v3")}`,
        "",
      ].join("\n"),
    );

    undo(c, 1);
    settle(c);
    runFor(c, 20);
    expect(c.deployment("demo-rollout").spec.template.spec.containers[0].image).toBe("busybox:v1");
    expect(historyTable(c.replicaSets())).toBe(
      [
        "REVISION  CHANGE-CAUSE",
        `2         ${CMD("v2")}`,
        `3         ${CMD("v3")}`,
        "4         <none>",
        "",
      ].join("\n"),
    );

    undo(c, 2);
    settle(c);
    runFor(c, 20);
    expect(historyTable(c.replicaSets())).toBe(
      [
        "REVISION  CHANGE-CAUSE",
        `3         ${CMD("v3")}`,
        "4         <none>",
        `5         ${CMD("v2")}`,
        "",
      ].join("\n"),
    );
    expect(c.pods().map((p) => p.spec.containers[0].image)).toEqual([
      "busybox:v2",
      "busybox:v2",
      "busybox:v2",
    ]);
    expect(c.deployment("demo-rollout").metadata.annotations?.["deployment.kubernetes.io/revision"]).toBe(
      "5",
    );
  });
});
