// The legacy server-side rollback (rollback.go, annotation deprecated.deployment.rollback.to)
// and the hash-collision path of getNewReplicaSet (sync.go).
import { describe, expect, it } from "vitest";
import { reconcileDeployment } from "../../../src/engine/controllers/deployment/index.ts";
import { MiniCluster, deployment } from "./harness.ts";

function twoRevisions(): MiniCluster {
  const c = new MiniCluster();
  c.add(deployment("web", 1, "app:v1"));
  for (let i = 0; i < 4; i++) c.run(reconcileDeployment(c.ctx(), "web"));
  c.edit("Deployment", "web", (d) => (d.spec.template.spec.containers[0].image = "app:v2"));
  for (let i = 0; i < 4; i++) c.run(reconcileDeployment(c.ctx(), "web"));
  return c;
}

const warnings = (c: MiniCluster) =>
  c.events.filter((e) => e.type === "Warning").map((e) => [e.reason, e.message]);

describe("legacy rollback (deprecated.deployment.rollback.to)", () => {
  it("revision 0 goes back to the second-highest revision, clears the annotation and reports DeploymentRollback", () => {
    const c = twoRevisions();
    c.edit(
      "Deployment",
      "web",
      (d) =>
        (d.metadata.annotations = { ...d.metadata.annotations, "deprecated.deployment.rollback.to": "0" }),
    );
    c.run(reconcileDeployment(c.ctx(), "web"));
    const d = c.deployment();
    expect(d.spec.template.spec.containers[0].image).toBe("app:v1");
    expect(d.spec.template.metadata.labels).toEqual({ app: "web" });
    expect(d.metadata.annotations?.["deprecated.deployment.rollback.to"]).toBeUndefined();
    expect(c.events.at(-1)).toMatchObject({
      type: "Normal",
      reason: "DeploymentRollback",
      message: 'Rolled back deployment "web" to revision 1',
    });
    // The next sync finds revision 1's ReplicaSet new again and makes it revision 3.
    c.run(reconcileDeployment(c.ctx(), "web"));
    const v1 = c.replicaSets().find((rs) => rs.spec.template.spec.containers[0].image === "app:v1");
    expect(v1?.metadata.annotations?.["deployment.kubernetes.io/revision"]).toBe("3");
  });

  it("warns DeploymentRollbackRevisionNotFound for a revision that does not exist", () => {
    const c = twoRevisions();
    c.edit(
      "Deployment",
      "web",
      (d) =>
        (d.metadata.annotations = { ...d.metadata.annotations, "deprecated.deployment.rollback.to": "7" }),
    );
    c.run(reconcileDeployment(c.ctx(), "web"));
    expect(warnings(c)).toEqual([
      ["DeploymentRollbackRevisionNotFound", "Unable to find the revision to rollback to."],
    ]);
    expect(c.deployment().spec.template.spec.containers[0].image).toBe("app:v2");
    expect(c.deployment().metadata.annotations?.["deprecated.deployment.rollback.to"]).toBeUndefined();
  });

  it("warns DeploymentRollbackTemplateUnchanged when the revision is the current template", () => {
    const c = twoRevisions();
    c.edit(
      "Deployment",
      "web",
      (d) =>
        (d.metadata.annotations = { ...d.metadata.annotations, "deprecated.deployment.rollback.to": "2" }),
    );
    c.run(reconcileDeployment(c.ctx(), "web"));
    expect(warnings(c)).toEqual([
      [
        "DeploymentRollbackTemplateUnchanged",
        'The rollback revision contains the same template as current deployment "web"',
      ],
    ]);
  });

  it("warns 'Unable to find last revision.' with only one revision", () => {
    const c = new MiniCluster();
    c.add(deployment("web", 1, "app:v1"));
    c.run(reconcileDeployment(c.ctx(), "web"));
    c.edit(
      "Deployment",
      "web",
      (d) => (d.metadata.annotations = { "deprecated.deployment.rollback.to": "0" }),
    );
    c.run(reconcileDeployment(c.ctx(), "web"));
    expect(warnings(c)).toEqual([["DeploymentRollbackRevisionNotFound", "Unable to find last revision."]]);
  });
});

describe("hash collisions (getNewReplicaSet)", () => {
  it("bumps status.collisionCount when <name>-<hash> is taken by another template, then creates under a new hash", () => {
    const c = new MiniCluster();
    c.add(deployment("web", 1, "app:v1"));
    c.run(reconcileDeployment(c.ctx(), "web"));
    const first = c.replicaSets()[0];
    // Someone else's ReplicaSet with that name and another template.
    c.objects.delete(`ReplicaSet/${first.metadata.name}`);
    c.add({
      ...first,
      metadata: { name: first.metadata.name, labels: { app: "other" } },
      spec: {
        ...first.spec,
        template: {
          metadata: { labels: { app: "other" } },
          spec: { containers: [{ name: "x", image: "other" }] },
        },
      },
    });
    const r = c.run(reconcileDeployment(c.ctx(), "web"));
    expect(r.writes.filter((w) => w.op === "create")).toHaveLength(0);
    expect(c.deployment().status.collisionCount).toBe(1);
    c.run(reconcileDeployment(c.ctx(), "web"));
    const ours = c.replicaSets().filter((rs) => rs.metadata.name !== first.metadata.name);
    expect(ours).toHaveLength(1);
    expect(ours[0].metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]+$/);
  });
});
