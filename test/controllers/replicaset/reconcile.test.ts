// reconcileReplicaSet over hand-built store snapshots: pod creation from the template, the
// burst cap, which pods go first on scale-down (controller_utils.go ActivePodsWithRanks),
// status counting with minReadySeconds, and the re-queue that notices availability.
import { describe, expect, it } from "vitest";
import { reconcileReplicaSet } from "../../../src/engine/controllers/replicaset/index.ts";
import type { ReconcileResult, Write } from "../../../src/engine/controller.ts";
import type { Pod, ReplicaSet } from "../../../src/k8s/types.ts";
import { MiniCluster } from "../deployment/harness.ts";

function replicaSet(
  name: string,
  replicas: number,
  extra: Partial<ReplicaSet["spec"]> = {},
  owner?: string,
): ReplicaSet {
  const labels = { app: "web", "pod-template-hash": name.split("-").at(-1) ?? "h" };
  return {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: {
      name,
      labels,
      ...(owner
        ? {
            ownerReferences: [
              {
                apiVersion: "apps/v1",
                kind: "Deployment",
                name: owner,
                uid: `uid-${owner}`,
                controller: true,
              },
            ],
          }
        : {}),
    },
    spec: {
      replicas,
      minReadySeconds: 0,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels, annotations: { team: "a" } },
        spec: { containers: [{ name: "app", image: "nginx" }] },
      },
      ...extra,
    },
    status: { replicas: 0 },
  };
}

/** A pod of `rs` in the given state. */
function pod(
  c: MiniCluster,
  rs: ReplicaSet,
  name: string,
  state: {
    node?: string;
    phase?: Pod["status"]["phase"];
    readySince?: number;
    created?: number;
    cost?: number;
  },
): Pod {
  const stored = c.get("ReplicaSet", rs.metadata.name);
  const p: Pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      labels: { ...stored.spec.template.metadata.labels },
      creationTimestamp: state.created ?? 0,
      ownerReferences: [
        {
          apiVersion: "apps/v1",
          kind: "ReplicaSet",
          name: stored.metadata.name,
          uid: stored.metadata.uid ?? "",
          controller: true,
        },
      ],
      ...(state.cost !== undefined
        ? { annotations: { "controller.kubernetes.io/pod-deletion-cost": String(state.cost) } }
        : {}),
    },
    spec: { containers: [], ...(state.node ? { nodeName: state.node } : {}) },
    status: {
      phase: state.phase ?? "Running",
      ...(state.readySince !== undefined
        ? {
            conditions: [
              { type: "Ready" as const, status: "True" as const, lastTransitionTime: state.readySince },
            ],
          }
        : {}),
    },
  };
  return c.add(p);
}

/** The pods a sync creates when the API server admits every one (the slow start's batches in turn). */
function creates(r: ReconcileResult): Extract<Write, { op: "create" }>[] {
  const out: Extract<Write, { op: "create" }>[] = [];
  for (const w of r.writes) {
    if (w.op !== "create") continue;
    out.push(w);
    const more = w.then?.({ stored: w.object });
    if (more) out.push(...creates(more));
  }
  return out;
}

describe("reconcileReplicaSet: creating pods", () => {
  it("creates the missing pods from the template: generateName <rs>-, labels, annotations, controller ownerRef, Pending", () => {
    const c = new MiniCluster();
    const rs = c.add(replicaSet("web-5d847fd86c", 3));
    const r = reconcileReplicaSet(c.ctx(), rs.metadata.name);
    const created = creates(r).map((w) => w.object as Pod);
    expect(created).toHaveLength(3);
    expect(created[0]).toMatchObject({
      kind: "Pod",
      metadata: {
        name: "",
        generateName: "web-5d847fd86c-",
        labels: { app: "web", "pod-template-hash": "5d847fd86c" },
        annotations: { team: "a" },
        ownerReferences: [
          {
            kind: "ReplicaSet",
            name: "web-5d847fd86c",
            uid: rs.metadata.uid,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec: { containers: [{ name: "app", image: "nginx" }] },
      status: { phase: "Pending" },
    });
    expect(r.decisions).toEqual([
      expect.objectContaining({
        controller: "replicaset",
        action: "create-pods",
        object: "ReplicaSet/web-5d847fd86c",
      }),
    ]);
  });

  it("creates at most burstReplicas (500) pods in one sync", () => {
    const c = new MiniCluster();
    c.add(replicaSet("big-h", 600));
    const r = reconcileReplicaSet(c.ctx(), "big-h");
    expect(creates(r)).toHaveLength(500);
    c.run(r);
    expect(creates(reconcileReplicaSet(c.ctx(), "big-h"))).toHaveLength(100);
  });

  it("creates in slow-start batches of 1, 2, 4, …: a refused create ends them, with FailedCreate, and the sync fails", () => {
    // controller_utils.go slowStartBatch and RealPodControl.createPods.
    const c = new MiniCluster();
    c.add(replicaSet("web-h", 10));
    const r = reconcileReplicaSet(c.ctx(), "web-h");
    const first = r.writes.filter((w) => w.op === "create");
    expect(first).toHaveLength(1);
    const second = first[0].op === "create" ? first[0].then?.({ stored: first[0].object }) : undefined;
    expect(second?.writes).toHaveLength(2);
    const [a, b] = second?.writes ?? [];
    const refused = { error: { reason: "Forbidden", message: 'pods "web-h-" is forbidden: no' } } as const;
    // The first of the batch refused: nothing yet (the batch goes on), the event is its own.
    const afterA = a.op === "create" ? a.then?.(refused) : undefined;
    expect(afterA?.events.map((e) => `${e.type} ${e.reason} ${e.message}`)).toEqual([
      'Warning FailedCreate Error creating: pods "web-h-" is forbidden: no',
    ]);
    expect(afterA?.writes ?? []).toHaveLength(0);
    // The batch's last create succeeds, but the batch had a refusal: no next batch, the sync
    // failed, and the status written after the creates has the ReplicaFailure condition with
    // the first refusal's message (replica_set_utils.go calculateStatus).
    const afterB = b.op === "create" ? b.then?.({ stored: b.object }) : undefined;
    expect(afterB?.writes.map((w) => w.op)).toEqual(["updateStatus"]);
    const status =
      afterB?.writes[0].op === "updateStatus" ? (afterB.writes[0].object as ReplicaSet).status : undefined;
    expect(status?.conditions).toEqual([
      {
        type: "ReplicaFailure",
        status: "True",
        reason: "FailedCreate",
        message: 'pods "web-h-" is forbidden: no',
        lastTransitionTime: 0,
      },
    ]);
    expect(afterB?.failed).toBe(true);
  });

  it("adopts a matching orphan pod instead of creating another", () => {
    const c = new MiniCluster();
    const rs = c.add(replicaSet("web-h", 1));
    c.add({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "stray", labels: { app: "web", "pod-template-hash": "h" } },
      spec: { containers: [] },
      status: { phase: "Running" },
    });
    const r = reconcileReplicaSet(c.ctx(), rs.metadata.name);
    expect(r.writes.filter((w) => w.op === "create")).toHaveLength(0);
    const adopt = r.writes.find((w) => w.op === "update");
    expect(adopt && adopt.op === "update" && adopt.object.metadata.ownerReferences).toEqual([
      expect.objectContaining({ kind: "ReplicaSet", name: "web-h", controller: true }),
    ]);
  });
});

describe("reconcileReplicaSet: deleting pods (ActivePodsWithRanks)", () => {
  it("deletes unassigned, then pending, then not-ready pods before ready ones, with a SuccessfulDelete event each", () => {
    const c = new MiniCluster();
    const rs = c.add(replicaSet("web-h", 1));
    pod(c, rs, "ready", { node: "n1", readySince: 0 });
    pod(c, rs, "not-ready", { node: "n2" });
    pod(c, rs, "pending", { node: "n3", phase: "Pending" });
    pod(c, rs, "unscheduled", { phase: "Pending" });
    c.now = 100;
    const r = reconcileReplicaSet(c.ctx(), "web-h");
    expect(r.writes.filter((w) => w.op === "delete")).toEqual([
      { op: "delete", kind: "Pod", namespace: "default", name: "unscheduled" },
      { op: "delete", kind: "Pod", namespace: "default", name: "pending" },
      { op: "delete", kind: "Pod", namespace: "default", name: "not-ready" },
    ]);
    expect(r.events.map((e) => [e.reason, e.message, e.involvedObject.name, e.source])).toEqual([
      ["SuccessfulDelete", "Deleted pod: unscheduled", "web-h", "replicaset-controller"],
      ["SuccessfulDelete", "Deleted pod: pending", "web-h", "replicaset-controller"],
      ["SuccessfulDelete", "Deleted pod: not-ready", "web-h", "replicaset-controller"],
    ]);
  });

  it("prefers a pod doubled up on a node with a sibling ReplicaSet's pod (rank), over the newest one", () => {
    const c = new MiniCluster();
    const oldRS = c.add(replicaSet("web-old", 2, {}, "web"));
    const newRS = c.add(replicaSet("web-new", 1, {}, "web"));
    // Both old pods Ready at the same time; old-b shares node n2 with the new RS's pod.
    pod(c, oldRS, "old-a", { node: "n1", readySince: 10, created: 20 });
    pod(c, oldRS, "old-b", { node: "n2", readySince: 10, created: 5 });
    pod(c, newRS, "new-a", { node: "n2", readySince: 10 });
    c.now = 1000;
    c.edit("ReplicaSet", "web-old", (rs) => (rs.spec.replicas = 1));
    const r = reconcileReplicaSet(c.ctx(), "web-old");
    expect(r.writes.filter((w) => w.op === "delete")).toEqual([
      { op: "delete", kind: "Pod", namespace: "default", name: "old-b" },
    ]);
    expect(r.decisions[0].inputs.deleted).toEqual([
      expect.objectContaining({ name: "old-b", node: "n2", rank: 2 }),
    ]);
  });

  it("lets a lower pod-deletion-cost go first, and the more recently Ready pod before an older one", () => {
    const c = new MiniCluster();
    const rs = c.add(replicaSet("web-h", 2));
    pod(c, rs, "long-ready", { node: "n1", readySince: 0 });
    pod(c, rs, "just-ready", { node: "n2", readySince: 3000 });
    pod(c, rs, "cheap", { node: "n3", readySince: 0, cost: -5 });
    c.now = 3600;
    const r1 = reconcileReplicaSet(c.ctx(), "web-h");
    expect(r1.writes.filter((w) => w.op === "delete")).toEqual([
      { op: "delete", kind: "Pod", namespace: "default", name: "cheap" },
    ]);
    c.objects.delete("Pod/cheap");
    c.edit("ReplicaSet", "web-h", (x) => (x.spec.replicas = 1));
    const r2 = reconcileReplicaSet(c.ctx(), "web-h");
    expect(r2.writes.filter((w) => w.op === "delete")).toEqual([
      { op: "delete", kind: "Pod", namespace: "default", name: "just-ready" },
    ]);
  });
});

describe("reconcileReplicaSet: status", () => {
  it("counts active pods only, Ready ones, and available ones Ready strictly longer than minReadySeconds", () => {
    const c = new MiniCluster();
    const rs = c.add(replicaSet("web-h", 4, { minReadySeconds: 10 }));
    pod(c, rs, "a", { node: "n1", readySince: 0 });
    pod(c, rs, "b", { node: "n1", readySince: 5 });
    pod(c, rs, "c", { node: "n1" });
    const gone = pod(c, rs, "d", { node: "n1", readySince: 0 });
    gone.metadata.deletionTimestamp = 9;
    pod(c, rs, "e", { node: "n1", phase: "Succeeded" });
    c.now = 15;
    const r = c.run(reconcileReplicaSet(c.ctx(), "web-h"));
    // a: 0 + 10 < 15 → available; b: 5 + 10 is not before 15 → not yet.
    expect(c.get("ReplicaSet", "web-h").status).toEqual({
      replicas: 3,
      fullyLabeledReplicas: 3,
      readyReplicas: 2,
      availableReplicas: 1,
      observedGeneration: 1,
    });
    // Pod b turned Ready at 5: look again at 5 + 10 + 1 = 16, i.e. in 1 s.
    expect(r.requeueAfter).toBe(1);
    expect(r.writes.filter((w) => w.op === "create")).toHaveLength(1);
  });

  it("writes no status in the steady state", () => {
    const c = new MiniCluster();
    const rs = c.add(replicaSet("web-h", 1));
    pod(c, rs, "a", { node: "n1", readySince: 0 });
    c.run(reconcileReplicaSet(c.ctx(), "web-h"));
    expect(reconcileReplicaSet(c.ctx(), "web-h")).toEqual({ writes: [], events: [], decisions: [] });
  });

  it("re-queues after minReadySeconds + 1 s when a pod has just turned Ready", () => {
    const c = new MiniCluster();
    const rs = c.add(replicaSet("web-h", 1, { minReadySeconds: 30 }));
    pod(c, rs, "a", { node: "n1", readySince: 100 });
    c.now = 100;
    // 100 + 30 + 1 − 100 = 31, earlier than nothing else; the safety net (all ready, not all available) gives 30.
    expect(reconcileReplicaSet(c.ctx(), "web-h").requeueAfter).toBe(30);
    c.now = 130;
    const r = c.run(reconcileReplicaSet(c.ctx(), "web-h"));
    expect(r.requeueAfter).toBe(1);
    expect(c.get("ReplicaSet", "web-h").status.availableReplicas).toBe(0);
    c.now = 131;
    c.run(reconcileReplicaSet(c.ctx(), "web-h"));
    expect(c.get("ReplicaSet", "web-h").status.availableReplicas).toBe(1);
  });
});
