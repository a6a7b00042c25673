// updateStatefulSet as a pure function (pkg/controller/statefulset/stateful_set_control.go,
// Kubernetes 1.28: updateStatefulSet, processReplica, processCondemned, the RollingUpdate
// loop, updateStatefulSetAfterInvariantEstablished), tested by tables of pod states: what one
// sync creates, deletes, and waits for.
import { describe, expect, it } from "vitest";
import {
  completeRollingUpdate,
  maxUnavailableOf,
  newVersionedStatefulSetPod,
  parentNameAndOrdinal,
  updateStatefulSet,
} from "../../../src/engine/controllers/statefulset/index.ts";
import { newRevision } from "../../../src/engine/controllers/statefulset/revisions.ts";
import { defaultStatefulSet } from "../../../src/k8s/defaults.ts";
import type { ControllerRevision, Pod, StatefulSet } from "../../../src/k8s/types.ts";

function statefulSet(replicas: number, spec: Record<string, unknown> = {}): StatefulSet {
  return defaultStatefulSet({
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: { name: "web", namespace: "default", uid: "uid-web", generation: 1 },
    spec: {
      replicas,
      serviceName: "nginx",
      selector: { matchLabels: { app: "nginx" } },
      template: {
        metadata: { labels: { app: "nginx" } },
        spec: { containers: [{ name: "nginx", image: "nginx:1.25" }] },
      },
      ...spec,
    },
  }) as unknown as StatefulSet;
}

const NOW = 100;
const rev = (set: StatefulSet, n: number): ControllerRevision => newRevision(set, n, 0);

/**
 * A pod of `web` at an ordinal: `R` Running and Ready (since t=0), `P` Pending, `N` Running not
 * Ready, `T` terminating, `F` Failed; `old` for the current revision instead of the update one.
 */
type State = "R" | "P" | "N" | "T" | "F";
function pod(set: StatefulSet, ordinal: number, state: State, revision: string): Pod {
  const p = newVersionedStatefulSetPod(set, set, revision, revision, ordinal, 0);
  p.status = {
    phase: state === "P" ? "Pending" : state === "F" ? "Failed" : "Running",
    conditions: [
      { type: "Ready", status: state === "R" || state === "T" ? "True" : "False", lastTransitionTime: 0 },
    ],
  };
  if (state === "T") p.metadata.deletionTimestamp = NOW - 1;
  return p;
}

interface Row {
  name: string;
  replicas: number;
  spec?: Record<string, unknown>;
  /** ordinal → state, and whether the pod is at the old (current) revision */
  pods: [number, State, ("old" | "new")?][];
  creates?: string[];
  deletes?: string[];
  wait?: string;
  gate?: boolean;
}

/** Two revisions: "old" is the current revision, "new" the update revision. */
function sync(row: Row) {
  const set = statefulSet(row.replicas, row.spec);
  const oldRev = rev(
    statefulSet(1, {
      template: {
        ...set.spec.template,
        metadata: { labels: { app: "nginx" } },
        spec: { containers: [{ name: "nginx", image: "nginx:1.24" }] },
      },
    }),
    1,
  );
  const newRev = rev(set, 2);
  const pods = row.pods.map(([o, s, r]) =>
    pod(set, o, s, r === "old" ? oldRev.metadata.name : newRev.metadata.name),
  );
  const hasOld = row.pods.some(([, , r]) => r === "old");
  return updateStatefulSet(set, set, set, hasOld ? oldRev : newRev, newRev, 0, pods, NOW, {
    maxUnavailableGate: row.gate ?? false,
  });
}

const ordered = { podManagementPolicy: "OrderedReady" };
const parallel = { podManagementPolicy: "Parallel" };

// Each row: stateful_set_control.go's rule it exercises, in its words.
const rows: Row[] = [
  {
    name: "OrderedReady: creates web-0 only, then stops",
    replicas: 3,
    spec: ordered,
    pods: [],
    creates: ["web-0"],
  },
  {
    name: "OrderedReady: waits for web-0 to be Running and Ready before web-1",
    replicas: 3,
    spec: ordered,
    pods: [[0, "N"]],
    wait: "web-0 to be Running and Ready",
  },
  {
    name: "OrderedReady: web-0 Ready → creates web-1",
    replicas: 3,
    spec: ordered,
    pods: [[0, "R"]],
    creates: ["web-1"],
  },
  {
    name: "OrderedReady: a Pending pod blocks too",
    replicas: 3,
    spec: ordered,
    pods: [
      [0, "R"],
      [1, "P"],
    ],
    wait: "web-1 to be Running and Ready",
  },
  {
    name: "OrderedReady: a terminating replica blocks (waiting for Pod to Terminate)",
    replicas: 2,
    spec: ordered,
    pods: [
      [0, "T"],
      [1, "R"],
    ],
    wait: "web-0 to Terminate",
  },
  {
    name: "OrderedReady: a missing lower ordinal is created before anything else happens",
    replicas: 3,
    spec: ordered,
    pods: [
      [1, "R"],
      [2, "R"],
    ],
    creates: ["web-0"],
  },
  {
    name: "minReadySeconds: Ready for 0s of 200 is not Available, so web-1 waits",
    replicas: 2,
    spec: { ...ordered, minReadySeconds: 200 },
    pods: [[0, "R"]],
    wait: "web-0 to be Available",
  },
  {
    name: "Parallel: creates every missing pod at once",
    replicas: 3,
    spec: parallel,
    pods: [],
    creates: ["web-0", "web-1", "web-2"],
    // The RollingUpdate loop runs in the same sync and finds web-2 not yet healthy.
    wait: "web-2 to update",
  },
  {
    name: "Parallel: an unready pod does not block the others",
    replicas: 3,
    spec: parallel,
    pods: [[0, "P"]],
    creates: ["web-1", "web-2"],
    wait: "web-2 to update",
  },
  {
    name: "OrderedReady scale down: the highest ordinal first, one per sync",
    replicas: 1,
    spec: ordered,
    pods: [
      [0, "R"],
      [1, "R"],
      [2, "R"],
    ],
    deletes: ["web-2"],
  },
  {
    name: "OrderedReady scale down: waits for the terminating one (to Terminate prior to scale down)",
    replicas: 1,
    spec: ordered,
    pods: [
      [0, "R"],
      [1, "R"],
      [2, "T"],
    ],
    wait: "web-2 to Terminate prior to scale down",
  },
  {
    name: "OrderedReady scale down: an unready condemned pod is deleted when it is the first unhealthy one",
    replicas: 1,
    spec: ordered,
    pods: [
      [0, "R"],
      [1, "R"],
      [2, "N"],
    ],
    deletes: ["web-2"],
  },
  {
    name: "OrderedReady scale down: blocks while a lower condemned pod is the first unhealthy one",
    replicas: 1,
    spec: ordered,
    pods: [
      [0, "R"],
      [1, "N"],
      [2, "R"],
    ],
    deletes: ["web-2"],
  },
  {
    name: "OrderedReady scale down: an unhealthy replica stops everything before the condemned",
    replicas: 1,
    spec: ordered,
    pods: [
      [0, "N"],
      [1, "R"],
      [2, "R"],
    ],
    wait: "web-0 to be Running and Ready",
  },
  {
    name: "Parallel scale down: every condemned pod at once, highest first",
    replicas: 1,
    spec: parallel,
    pods: [
      [0, "R"],
      [1, "R"],
      [2, "R"],
    ],
    deletes: ["web-2", "web-1"],
  },
  {
    name: "RollingUpdate: the highest ordinal not at the update revision is deleted first",
    replicas: 3,
    pods: [
      [0, "R", "old"],
      [1, "R", "old"],
      [2, "R", "old"],
    ],
    deletes: ["web-2"],
  },
  {
    name: "RollingUpdate: web-2 updated and Ready → web-1",
    replicas: 3,
    pods: [
      [0, "R", "old"],
      [1, "R", "old"],
      [2, "R"],
    ],
    deletes: ["web-1"],
  },
  {
    name: "RollingUpdate: waits for the updated pod to be healthy (waiting for Pod to update)",
    replicas: 3,
    spec: parallel,
    pods: [
      [0, "R", "old"],
      [1, "R", "old"],
      [2, "N"],
    ],
    wait: "web-2 to update",
  },
  {
    name: "RollingUpdate with partition 2: ordinals below 2 keep the old revision",
    replicas: 3,
    spec: { updateStrategy: { type: "RollingUpdate", rollingUpdate: { partition: 2 } } },
    pods: [
      [0, "R", "old"],
      [1, "R", "old"],
      [2, "R"],
    ],
  },
  {
    name: "OnDelete: nothing is deleted for an update",
    replicas: 3,
    spec: { updateStrategy: { type: "OnDelete" } },
    pods: [
      [0, "R", "old"],
      [1, "R", "old"],
      [2, "R", "old"],
    ],
  },
  {
    name: "MaxUnavailableStatefulSet on, maxUnavailable 2: two pods at once, highest first",
    replicas: 3,
    spec: { updateStrategy: { type: "RollingUpdate", rollingUpdate: { partition: 0, maxUnavailable: 2 } } },
    pods: [
      [0, "R", "old"],
      [1, "R", "old"],
      [2, "R", "old"],
    ],
    gate: true,
    deletes: ["web-2", "web-1"],
  },
  {
    name: "the gate off, maxUnavailable 2 is ignored (alpha in 1.28): one at a time",
    replicas: 3,
    spec: { updateStrategy: { type: "RollingUpdate", rollingUpdate: { partition: 0, maxUnavailable: 2 } } },
    pods: [
      [0, "R", "old"],
      [1, "R", "old"],
      [2, "R", "old"],
    ],
    deletes: ["web-2"],
  },
  {
    name: "Failed pod: deleted, to be recreated once it is gone (RecreatingFailedPod)",
    replicas: 2,
    spec: ordered,
    pods: [
      [0, "F"],
      [1, "R"],
    ],
    deletes: ["web-0"],
  },
];

describe("updateStatefulSet: one sync's creates, deletes and waits", () => {
  it.each(rows)("$name", (row) => {
    const out = sync(row);
    expect(out.creates.map((p) => p.metadata.name)).toEqual(row.creates ?? []);
    expect(out.deletes.map((d) => d.pod.metadata.name)).toEqual(row.deletes ?? []);
    expect(out.wait ? `${out.wait.pod} ${out.wait.reason}` : undefined).toEqual(row.wait);
  });

  it("counts status as computeReplicaStatus: terminating pods are replicas but neither current nor updated", () => {
    const out = sync({
      name: "",
      replicas: 3,
      spec: ordered,
      pods: [
        [0, "R"],
        [1, "R"],
        [2, "T"],
      ],
    });
    expect(out.status).toMatchObject({
      replicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
      updatedReplicas: 2,
    });
  });

  it("a new pod gets its identity: hostname, subdomain, pod-name and pod-index labels, a claim per template", () => {
    const set = statefulSet(2, {
      volumeClaimTemplates: [{ metadata: { name: "www" }, spec: { accessModes: ["ReadWriteOnce"] } }],
    });
    const p = newVersionedStatefulSetPod(set, set, "web-a", "web-b", 1, 0);
    expect(p.metadata.name).toBe("web-1");
    expect(p.spec.hostname).toBe("web-1");
    expect(p.spec.subdomain).toBe("nginx");
    expect(p.metadata.labels).toEqual({
      app: "nginx",
      "statefulset.kubernetes.io/pod-name": "web-1",
      "apps.kubernetes.io/pod-index": "1",
      "controller-revision-hash": "web-b",
    });
    expect(p.spec.volumes).toEqual([{ name: "www", persistentVolumeClaim: { claimName: "www-web-1" } }]);
  });

  it("newVersionedStatefulSetPod: ordinals below the partition get the current revision", () => {
    const set = statefulSet(4, {
      updateStrategy: { type: "RollingUpdate", rollingUpdate: { partition: 2 } },
    });
    const revisions = [0, 1, 2, 3].map(
      (o) =>
        newVersionedStatefulSetPod(set, set, "cur", "upd", o, 0).metadata.labels?.[
          "controller-revision-hash"
        ],
    );
    expect(revisions).toEqual(["cur", "cur", "upd", "upd"]);
  });
});

describe("the arithmetic of stateful_set_utils.go", () => {
  it.each([
    ["web-0", "web", 0],
    ["my-db-12", "my-db", 12],
    ["web", "", -1],
    ["web-99999999999", "web", -1],
  ] as const)("getParentNameAndOrdinal(%s) = %s, %d", (name, parent, ordinal) => {
    expect(parentNameAndOrdinal(name)).toEqual([parent, ordinal]);
  });

  // getStatefulSetMaxUnavailable: intstr scaled against replicas, rounded down, at least 1.
  it.each([
    [5, "50%", 2],
    [5, "10%", 1],
    [5, 3, 3],
    [5, undefined, 1],
  ] as const)("maxUnavailable of %d replicas at %s is %d", (replicas, maxUnavailable, want) => {
    const rollingUpdate = maxUnavailable === undefined ? { partition: 0 } : { partition: 0, maxUnavailable };
    expect(
      maxUnavailableOf(statefulSet(replicas, { updateStrategy: { type: "RollingUpdate", rollingUpdate } })),
    ).toBe(want);
  });

  it("completeRollingUpdate: the update revision becomes current once every replica is updated and ready", () => {
    const set = statefulSet(2);
    const status = {
      replicas: 2,
      readyReplicas: 2,
      updatedReplicas: 2,
      currentReplicas: 0,
      currentRevision: "a",
      updateRevision: "b",
    };
    completeRollingUpdate(set, status);
    expect(status).toMatchObject({ currentRevision: "b", currentReplicas: 2 });
    const partial = {
      replicas: 2,
      readyReplicas: 1,
      updatedReplicas: 2,
      currentReplicas: 0,
      currentRevision: "a",
      updateRevision: "b",
    };
    completeRollingUpdate(set, partial);
    expect(partial.currentRevision).toBe("a");
  });
});
