/**
 * A namespace's LimitRange and ResourceQuota as a cluster enforces them: the LimitRanger and
 * ResourceQuota admission plug-ins on the API server's create path, the resource quota
 * controller (pkg/controller/resourcequota/resource_quota_controller.go syncResourceQuota,
 * replenishQuota), and the ReplicaSet's ReplicaFailure condition
 * (pkg/controller/replicaset/replica_set_utils.go calculateStatus) that the Deployment copies
 * (pkg/controller/deployment/util/deployment_util.go via sync.go getReplicaFailures).
 */
import { describe, expect, it } from "vitest";
import { Simulation } from "../../src/engine/simulation.ts";
import type { KubeObject, ReplicaSet } from "../../src/k8s/types.ts";
import { runKubectl } from "../../src/kubectl/run.ts";

type Obj = Record<string, unknown>;

const ns = { apiVersion: "v1", kind: "Namespace", metadata: { name: "team" } } as unknown as KubeObject;

const quota = (hard: Obj) =>
  ({
    apiVersion: "v1",
    kind: "ResourceQuota",
    metadata: { name: "compute", namespace: "team" },
    spec: { hard },
  }) as unknown as KubeObject;

const limitRange = {
  apiVersion: "v1",
  kind: "LimitRange",
  metadata: { name: "defaults", namespace: "team" },
  spec: { limits: [{ type: "Container", defaultRequest: { cpu: "250m" }, default: { cpu: "500m" } }] },
} as unknown as KubeObject;

const deployment = (replicas: number, resources: Obj = {}) =>
  ({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", namespace: "team" },
    spec: {
      replicas,
      selector: { matchLabels: { app: "web" } },
      template: {
        metadata: { labels: { app: "web" } },
        spec: { containers: [{ name: "app", image: "nginx", resources }] },
      },
    },
  }) as unknown as KubeObject;

function created(s: Simulation, o: KubeObject): void {
  expect(s.api.create(o)).toHaveProperty("kind");
}

const status = (s: Simulation) =>
  (s.api.get("ResourceQuota", "team", "compute") as unknown as { status: Obj }).status;
const replicaSet = (s: Simulation) => s.api.list("ReplicaSet", "team")[0] as ReplicaSet;
const condition = (o: KubeObject | undefined, type: string) =>
  ((o as unknown as { status: { conditions?: Obj[] } }).status.conditions ?? []).find((c) => c.type === type);

describe("a ResourceQuota", () => {
  it("gets its status from the quota controller at once, and admission charges each pod", () => {
    const s = new Simulation();
    s.at(0, "set up", () => {
      created(s, ns);
      created(s, quota({ pods: "10", "requests.cpu": "2" }));
    });
    s.runUntil(1);
    expect(status(s)).toEqual({
      hard: { pods: "10", "requests.cpu": "2" },
      used: { pods: "0", "requests.cpu": "0" },
    });
    s.at(2, "deploy", () => created(s, deployment(3, { requests: { cpu: "300m" } })));
    s.runUntil(30);
    expect(status(s).used).toEqual({ pods: "3", "requests.cpu": "900m" });
  });

  it("stops a scale-up: FailedCreate, then the ReplicaSet's and the Deployment's ReplicaFailure condition", () => {
    const s = new Simulation();
    s.at(0, "set up", () => {
      created(s, ns);
      created(s, quota({ pods: "2" }));
      created(s, deployment(3));
    });
    s.runUntil(30);
    expect(s.api.list("Pod", "team")).toHaveLength(2);
    const rs = replicaSet(s);
    const failure = condition(rs, "ReplicaFailure");
    expect(failure).toMatchObject({ status: "True", reason: "FailedCreate" });
    expect(failure?.message).toMatch(
      /^pods "web-[a-z0-9]+-[a-z0-9]{5}" is forbidden: exceeded quota: compute, requested: pods=1, used: pods=2, limited: pods=2$/,
    );
    expect(condition(s.api.get("Deployment", "team", "web"), "ReplicaFailure")).toMatchObject({
      status: "True",
      reason: "FailedCreate",
      message: failure?.message,
    });
    const warning = s.events.find((e) => e.reason === "FailedCreate");
    expect(warning?.message).toBe(`Error creating: ${String(failure?.message)}`);
    // The quota raised: the ReplicaSet's retry creates the pod and the conditions go.
    s.at(31, "raise the quota", () => {
      const q = s.api.get("ResourceQuota", "team", "compute") as unknown as { spec: Obj };
      expect(s.api.update({ ...q, spec: { hard: { pods: "5" } } } as unknown as KubeObject)).toHaveProperty(
        "kind",
      );
    });
    s.runUntil(2000);
    expect(s.api.list("Pod", "team")).toHaveLength(3);
    expect(condition(replicaSet(s), "ReplicaFailure")).toBeUndefined();
    expect(condition(s.api.get("Deployment", "team", "web"), "ReplicaFailure")).toBeUndefined();
    expect(status(s).used).toEqual({ pods: "3" });
  });

  it("is replenished when a pod goes", () => {
    const s = new Simulation();
    s.at(0, "set up", () => {
      created(s, ns);
      created(s, quota({ pods: "10" }));
      created(s, deployment(3));
    });
    s.runUntil(30);
    expect(status(s).used).toEqual({ pods: "3" });
    s.at(31, "scale down", () =>
      expect(runKubectl("kubectl scale deployment web --replicas=1 -n team", s).exitCode).toBe(0),
    );
    s.runUntil(120);
    expect(status(s).used).toEqual({ pods: "1" });
  });
});

describe("a LimitRange", () => {
  it("gives pods without requests its defaults, so a quota on requests.cpu admits them", () => {
    const s = new Simulation();
    s.at(0, "set up", () => {
      created(s, ns);
      created(s, limitRange);
      created(s, quota({ "requests.cpu": "1", "limits.cpu": "2" }));
      created(s, deployment(2));
    });
    s.runUntil(30);
    const pods = s.api.list("Pod", "team");
    expect(pods).toHaveLength(2);
    const c = (pods[0] as unknown as { spec: { containers: { resources: Obj }[] } }).spec.containers[0];
    expect(c.resources).toEqual({ limits: { cpu: "500m" }, requests: { cpu: "250m" } });
    expect(pods[0].metadata.annotations?.["kubernetes.io/limit-ranger"]).toBe(
      "LimitRanger plugin set: cpu request for container app; cpu limit for container app",
    );
    expect(status(s).used).toEqual({ "limits.cpu": "1", "requests.cpu": "500m" });
  });

  it("without it, a quota on requests.cpu refuses pods that set none", () => {
    const s = new Simulation();
    s.at(0, "set up", () => {
      created(s, ns);
      created(s, quota({ "requests.cpu": "1" }));
      created(s, deployment(1));
    });
    s.runUntil(30);
    expect(s.api.list("Pod", "team")).toHaveLength(0);
    expect(condition(replicaSet(s), "ReplicaFailure")?.message).toMatch(
      /is forbidden: failed quota: compute: must specify requests\.cpu for: app$/,
    );
  });
});

describe("other workload controllers refused by a quota", () => {
  it("a Job records FailedCreate and retries with the work queue's back-off until the quota allows", () => {
    const s = new Simulation();
    s.at(0, "set up", () => {
      created(s, ns);
      created(s, quota({ pods: "0" }));
      created(s, {
        apiVersion: "batch/v1",
        kind: "Job",
        metadata: { name: "migrate", namespace: "team" },
        spec: { template: { spec: { restartPolicy: "Never", containers: [{ name: "m", image: "m" }] } } },
      } as unknown as KubeObject);
    });
    s.runUntil(10);
    const failed = s.events.filter((e) => e.reason === "FailedCreate");
    // One refused create per sync: 0 s, then 5 ms, 10 ms, 20 ms … later (more than one retry in 10 s).
    expect(failed.length).toBeGreaterThan(1);
    expect(failed[0].message).toMatch(
      /^Error creating: pods "migrate-[a-z0-9]{5}" is forbidden: exceeded quota: compute, requested: pods=1, used: pods=0, limited: pods=0$/,
    );
    s.at(11, "raise the quota", () => {
      const q = s.api.get("ResourceQuota", "team", "compute") as unknown as { spec: Obj };
      expect(s.api.update({ ...q, spec: { hard: { pods: "1" } } } as unknown as KubeObject)).toHaveProperty(
        "kind",
      );
    });
    s.runUntil(2000);
    expect(s.api.list("Pod", "team")).toHaveLength(1);
  });
});
