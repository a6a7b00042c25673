// The DaemonSet controller's choices as pure functions (pkg/controller/daemon, Kubernetes 1.28:
// daemon_controller.go NodeShouldRunDaemonPod, podsShouldBeOnNode, manage,
// updateDaemonSetStatus; update.go rollingUpdate; util/daemonset_util.go
// AddOrUpdateDaemonPodTolerations, ReplaceDaemonSetPodNodeNameNodeAffinity, GetTargetNodeName),
// the watches' cost in a cluster without DaemonSets, and the API server's admission of the kind
// (apps/v1 defaults.go SetDefaults_DaemonSet, validation.go ValidateDaemonSetSpec).
import { describe, expect, it } from "vitest";
import {
  manage,
  newDaemonPod,
  nodeShouldRunDaemonPod,
  nodesToDaemonPods,
  rollingUpdate,
  statusCounts,
  targetNodeName,
  verdicts,
  withDaemonTolerations,
} from "../../src/engine/controllers/daemonset/index.ts";
import { daemonSetWatches } from "../../src/engine/controllers/daemonset/watches.ts";
import { admitDaemonSet } from "../../src/k8s/kinds/daemonSet/admit.ts";
import type { DaemonSet } from "../../src/k8s/kinds/daemonSet/types.ts";
import { fieldErrorString } from "../../src/k8s/fieldErrors.ts";
import type { Node, Pod, Taint } from "../../src/k8s/types.ts";
import type { StoreView } from "../../src/engine/controller.ts";
import type { WatchEvent } from "../../src/engine/store.ts";

function daemonSet(spec: Record<string, unknown> = {}, podSpec: Record<string, unknown> = {}): DaemonSet {
  const { object, errors } = admitDaemonSet(
    {
      apiVersion: "apps/v1",
      kind: "DaemonSet",
      metadata: { name: "agent", namespace: "kube-system", uid: "uid-agent", generation: 1 },
      spec: {
        selector: { matchLabels: { app: "agent" } },
        template: {
          metadata: { labels: { app: "agent" } },
          spec: { containers: [{ name: "agent", image: "agent:1" }], ...podSpec },
        },
        ...spec,
      },
    },
    undefined,
  );
  expect(errors).toEqual([]);
  return object as unknown as DaemonSet;
}

function node(name: string, labels: Record<string, string> = {}, taints: Taint[] = []): Node {
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: { name, labels: { "kubernetes.io/hostname": name, ...labels } },
    spec: taints.length ? { taints } : {},
    status: {},
  } as unknown as Node;
}

const NOW = 100;
let seq = 0;
/** A daemon pod on `node`: `R` Running and Ready since 0, `N` Running not Ready, `F` Failed, `T` terminating. */
function pod(
  ds: DaemonSet,
  nodeName: string,
  hash: string,
  state: "R" | "N" | "F" | "T" = "R",
  created = 0,
): Pod {
  const p = newDaemonPod(ds, hash, nodeName, created, true);
  p.metadata.name = `agent-${++seq}`;
  p.status = {
    phase: state === "F" ? "Failed" : "Running",
    conditions: [
      { type: "Ready", status: state === "R" || state === "T" ? "True" : "False", lastTransitionTime: 0 },
    ],
  };
  if (state === "T") p.metadata.deletionTimestamp = NOW - 1;
  return p;
}

const nodes3 = [node("node-1"), node("node-2"), node("node-3")];

describe("which nodes a DaemonSet runs on (NodeShouldRunDaemonPod)", () => {
  it("honours the nodeSelector and the required node affinity", () => {
    const ds = daemonSet({}, { nodeSelector: { disk: "ssd" } });
    expect(nodeShouldRunDaemonPod(ds, node("a", { disk: "ssd" }))).toEqual({
      shouldRun: true,
      shouldContinueRunning: true,
    });
    expect(nodeShouldRunDaemonPod(ds, node("b"))).toEqual({ shouldRun: false, shouldContinueRunning: false });
    const affinity = daemonSet(
      {},
      {
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [
                { matchExpressions: [{ key: "pool", operator: "NotIn", values: ["gpu"] }] },
              ],
            },
          },
        },
      },
    );
    expect(nodeShouldRunDaemonPod(affinity, node("g", { pool: "gpu" })).shouldRun).toBe(false);
    expect(nodeShouldRunDaemonPod(affinity, node("c", { pool: "cpu" })).shouldRun).toBe(true);
  });

  it("a NoSchedule taint stops new pods but keeps a running one; an untolerated NoExecute removes it", () => {
    const ds = daemonSet();
    const noSchedule = node("a", {}, [{ key: "dedicated", value: "gpu", effect: "NoSchedule" }]);
    expect(nodeShouldRunDaemonPod(ds, noSchedule)).toEqual({ shouldRun: false, shouldContinueRunning: true });
    const noExecute = node("b", {}, [{ key: "dedicated", value: "db", effect: "NoExecute" }]);
    expect(nodeShouldRunDaemonPod(ds, noExecute)).toEqual({ shouldRun: false, shouldContinueRunning: false });
    const tolerating = daemonSet({}, { tolerations: [{ key: "dedicated", operator: "Exists" }] });
    expect(nodeShouldRunDaemonPod(tolerating, noExecute)).toEqual({
      shouldRun: true,
      shouldContinueRunning: true,
    });
  });

  it("the daemon tolerations let it run on a cordoned, not-ready or pressured node", () => {
    const ds = daemonSet();
    for (const taint of [
      { key: "node.kubernetes.io/unschedulable", effect: "NoSchedule" },
      { key: "node.kubernetes.io/not-ready", effect: "NoExecute" },
      { key: "node.kubernetes.io/unreachable", effect: "NoExecute" },
      { key: "node.kubernetes.io/memory-pressure", effect: "NoSchedule" },
    ] as Taint[])
      expect(nodeShouldRunDaemonPod(ds, node("n", {}, [taint])).shouldRun).toBe(true);
    // network-unavailable is tolerated only on the host network (AddOrUpdateDaemonPodTolerations).
    const network = node("n", {}, [{ key: "node.kubernetes.io/network-unavailable", effect: "NoSchedule" }]);
    expect(nodeShouldRunDaemonPod(ds, network).shouldRun).toBe(false);
    expect(nodeShouldRunDaemonPod(daemonSet({}, { hostNetwork: true }), network).shouldRun).toBe(true);
  });

  it("a template that names a node runs only there", () => {
    const ds = daemonSet({}, { nodeName: "node-2" });
    expect(verdicts(ds, nodes3).map((v) => v.shouldRun)).toEqual([false, true, false]);
  });
});

describe("the daemon pod (CreatePodTemplate, ReplaceDaemonSetPodNodeNameNodeAffinity)", () => {
  it("adds the six daemon tolerations once, replacing an equal one", () => {
    const spec = withDaemonTolerations({
      containers: [],
      tolerations: [{ key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute" }],
    });
    expect(spec.tolerations?.map((t) => `${t.key}:${t.effect}`)).toEqual([
      "node.kubernetes.io/not-ready:NoExecute",
      "node.kubernetes.io/unreachable:NoExecute",
      "node.kubernetes.io/disk-pressure:NoSchedule",
      "node.kubernetes.io/memory-pressure:NoSchedule",
      "node.kubernetes.io/pid-pressure:NoSchedule",
      "node.kubernetes.io/unschedulable:NoSchedule",
    ]);
  });

  it("pins the pod to its node by affinity, labels it with the revision hash and template generation", () => {
    const ds = daemonSet();
    const p = newDaemonPod(ds, "6d4f9c7b8", "node-2", 5, false);
    expect(p.metadata.generateName).toBe("agent-");
    expect(p.metadata.labels).toEqual({
      app: "agent",
      "controller-revision-hash": "6d4f9c7b8",
      "pod-template-generation": "1",
    });
    expect(p.spec.nodeName).toBeUndefined();
    expect(p.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution).toEqual({
      nodeSelectorTerms: [{ matchFields: [{ key: "metadata.name", operator: "In", values: ["node-2"] }] }],
    });
    expect(targetNodeName(p)).toBe("node-2");
    expect(p.metadata.ownerReferences?.[0]).toMatchObject({
      kind: "DaemonSet",
      name: "agent",
      controller: true,
    });
  });
});

describe("manage (podsShouldBeOnNode)", () => {
  const ds = daemonSet();
  it("creates a pod on each node that has none, in node order", () => {
    const pods = [pod(ds, "node-2", "h")];
    const plan = manage(ds, nodes3, verdicts(ds, nodes3), nodesToDaemonPods(pods, false), "h", NOW);
    expect(plan.createOn).toEqual(["node-1", "node-3"]);
    expect(plan.deletes).toEqual([]);
  });

  it("keeps the oldest of two running pods, deletes failed ones and those on a node it may not run on", () => {
    const oldest = pod(ds, "node-1", "h", "R", 0);
    const younger = pod(ds, "node-1", "h", "R", 10);
    const failed = pod(ds, "node-2", "h", "F");
    const tainted = node("node-3", {}, [{ key: "dedicated", value: "db", effect: "NoExecute" }]);
    const nodes = [nodes3[0], nodes3[1], tainted];
    const onTainted = pod(ds, "node-3", "h");
    const pods = [younger, oldest, failed, onTainted];
    const plan = manage(ds, nodes, verdicts(ds, nodes), nodesToDaemonPods(pods, false), "h", NOW);
    expect(plan.deletes.map((d) => [d.pod.metadata.name, d.why])).toEqual([
      [younger.metadata.name, "duplicate"],
      [failed.metadata.name, "failed"],
      [onTainted.metadata.name, "misscheduled"],
    ]);
    expect(plan.failed.map((d) => d.pod.metadata.name)).toEqual([failed.metadata.name]);
    // node-2's only pod failed: it exists, so nothing is created until it is gone.
    expect(plan.createOn).toEqual([]);
  });

  it("waits for a terminating pod to be gone before creating its replacement", () => {
    const pods = nodes3.map((n) => pod(ds, n.metadata.name, "h", n.metadata.name === "node-1" ? "T" : "R"));
    const plan = manage(ds, nodes3, verdicts(ds, nodes3), nodesToDaemonPods(pods, false), "h", NOW);
    expect(plan).toMatchObject({ createOn: [], deletes: [] });
  });

  it("deletes an unscheduled pod meant for a node that is gone (getUnscheduledPodsWithoutNode)", () => {
    const ghost = pod(ds, "node-9", "h");
    delete ghost.spec.nodeName;
    const plan = manage(ds, nodes3, verdicts(ds, nodes3), nodesToDaemonPods([ghost], false), "h", NOW);
    expect(plan.deletes.map((d) => d.why)).toEqual(["no-node"]);
  });
});

describe("rollingUpdate (update.go)", () => {
  it("maxUnavailable 1: deletes one old available pod, oldest node first", () => {
    const ds = daemonSet();
    const pods = nodes3.map((n) => pod(ds, n.metadata.name, "old"));
    const r = rollingUpdate(ds, nodes3, verdicts(ds, nodes3), nodesToDaemonPods(pods, false), "new", NOW);
    expect(r.deletes.map((d) => d.node)).toEqual(["node-1"]);
    expect(r.maxUnavailable).toBe(1);
  });

  it("a node without a pod counts as unavailable, so nothing more is deleted", () => {
    const ds = daemonSet();
    const pods = [pod(ds, "node-2", "old"), pod(ds, "node-3", "old")];
    const r = rollingUpdate(ds, nodes3, verdicts(ds, nodes3), nodesToDaemonPods(pods, false), "new", NOW);
    expect(r.deletes).toEqual([]);
    expect(r.unavailable).toBe(1);
  });

  it("an old pod that is not available is replaced whatever the budget", () => {
    const ds = daemonSet();
    const pods = [pod(ds, "node-1", "new", "N"), pod(ds, "node-2", "old", "N"), pod(ds, "node-3", "old")];
    const r = rollingUpdate(ds, nodes3, verdicts(ds, nodes3), nodesToDaemonPods(pods, false), "new", NOW);
    expect(r.deletes.map((d) => d.node)).toEqual(["node-2"]);
  });

  it("maxUnavailable 50% of 3 nodes rounds up to 2", () => {
    const ds = daemonSet({
      updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: "50%" } },
    });
    const pods = nodes3.map((n) => pod(ds, n.metadata.name, "old"));
    const r = rollingUpdate(ds, nodes3, verdicts(ds, nodes3), nodesToDaemonPods(pods, false), "new", NOW);
    expect(r.deletes.map((d) => d.node)).toEqual(["node-1", "node-2"]);
  });

  it("maxSurge 1: creates an updated pod beside an old one, and deletes the old one once the new is available", () => {
    const ds = daemonSet({
      updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
    });
    const pods = nodes3.map((n) => pod(ds, n.metadata.name, "old"));
    const r = rollingUpdate(ds, nodes3, verdicts(ds, nodes3), nodesToDaemonPods(pods, false), "new", NOW);
    expect(r).toMatchObject({ createOn: ["node-1"], deletes: [] });
    const surged = [...pods, pod(ds, "node-1", "new", "R", 50)];
    const next = manage(ds, nodes3, verdicts(ds, nodes3), nodesToDaemonPods(surged, false), "new", NOW);
    expect(next.deletes.map((d) => [d.node, d.why])).toEqual([["node-1", "surge"]]);
  });
});

describe("the status counts (updateDaemonSetStatus)", () => {
  it("counts desired, current, ready, available, updated and misscheduled nodes", () => {
    const ds = daemonSet({ minReadySeconds: 30 }, { nodeSelector: { role: "worker" } });
    const nodes = [
      node("a", { role: "worker" }),
      node("b", { role: "worker" }),
      node("c", { role: "worker" }),
      node("d"),
    ];
    const pods = [
      pod(ds, "a", "new"), // ready since 0: available at 100 with minReadySeconds 30
      pod(ds, "b", "old", "N"),
      pod(ds, "d", "new"), // misscheduled: d has no role=worker
    ];
    expect(statusCounts(ds, nodes, verdicts(ds, nodes), nodesToDaemonPods(pods, false), "new", NOW)).toEqual({
      desiredNumberScheduled: 3,
      currentNumberScheduled: 2,
      numberMisscheduled: 1,
      numberReady: 1,
      updatedNumberScheduled: 1,
      numberAvailable: 1,
      numberUnavailable: 2,
    });
  });
});

describe("the watches in a cluster without DaemonSets", () => {
  const untouchable: StoreView = new Proxy({} as StoreView, {
    get: () => () => {
      throw new Error("the store was read");
    },
  });
  it("a pod another controller owns costs no store read", () => {
    const route = daemonSetWatches.find((w) => w.kind === "Pod")!.route;
    const owned = {
      metadata: {
        name: "web-1",
        namespace: "default",
        ownerReferences: [{ kind: "ReplicaSet", name: "web", controller: true }],
      },
      spec: {},
      status: {},
    };
    for (const type of ["ADDED", "MODIFIED", "DELETED"] as const)
      expect(route({ type, object: owned, old: owned } as unknown as WatchEvent, untouchable)).toEqual([]);
  });
  it("a Node change lists the DaemonSets once and wakes none", () => {
    const route = daemonSetWatches.find((w) => w.kind === "Node")!.route;
    let lists = 0;
    const empty = { listAll: () => (lists++, []) } as unknown as StoreView;
    expect(route({ type: "ADDED", object: node("n") } as unknown as WatchEvent, empty)).toEqual([]);
    expect(lists).toBe(1);
  });
});

describe("admission (SetDefaults_DaemonSet, ValidateDaemonSetSpec)", () => {
  it("defaults RollingUpdate with maxUnavailable 1 and maxSurge 0, revisionHistoryLimit 10, template generation 1", () => {
    const ds = daemonSet();
    expect(ds.spec.updateStrategy).toEqual({
      type: "RollingUpdate",
      rollingUpdate: { maxUnavailable: 1, maxSurge: 0 },
    });
    expect(ds.spec.revisionHistoryLimit).toBe(10);
    expect(ds.metadata.annotations).toEqual({ "deprecated.daemonset.template.generation": "1" });
  });

  it("bumps the template generation only when the template changes", () => {
    const old = daemonSet() as unknown as Record<string, unknown>;
    const same = admitDaemonSet(structuredClone(old), old).object as unknown as DaemonSet;
    expect(same.metadata.annotations?.["deprecated.daemonset.template.generation"]).toBe("1");
    const changed = structuredClone(old) as unknown as DaemonSet;
    changed.spec.template.spec.containers[0].image = "agent:2";
    const next = admitDaemonSet(changed as unknown as Record<string, unknown>, old)
      .object as unknown as DaemonSet;
    expect(next.metadata.annotations?.["deprecated.daemonset.template.generation"]).toBe("2");
  });

  it("refuses both maxSurge and maxUnavailable, a selector that misses the template, a changed selector", () => {
    const errs = (spec: Record<string, unknown>, old?: Record<string, unknown>) =>
      admitDaemonSet(
        {
          apiVersion: "apps/v1",
          kind: "DaemonSet",
          metadata: { name: "agent" },
          spec: {
            selector: { matchLabels: { app: "agent" } },
            template: {
              metadata: { labels: { app: "agent" } },
              spec: { containers: [{ name: "a", image: "a" }] },
            },
            ...spec,
          },
        },
        old,
      ).errors.map(fieldErrorString);
    expect(
      errs({ updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1, maxSurge: 1 } } }),
    ).toEqual([
      "spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero",
    ]);
    expect(errs({ updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0 } } })).toEqual(
      ["spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0"],
    );
    expect(errs({ selector: { matchLabels: { app: "other" } } })).toEqual([
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"agent"}: `selector` does not match template `labels`',
    ]);
    const old = daemonSet() as unknown as Record<string, unknown>;
    expect(
      errs(
        {
          selector: { matchLabels: { app: "agent", tier: "x" } },
          template: {
            metadata: { labels: { app: "agent", tier: "x" } },
            spec: { containers: [{ name: "a", image: "a" }] },
          },
        },
        old,
      )[0],
    ).toMatch(/^spec\.selector: Invalid value: .*: field is immutable$/);
  });
});
