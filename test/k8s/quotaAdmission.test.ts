/**
 * The ResourceQuota admission plug-in's decision (k8s.io/apiserver/pkg/admission/plugin/
 * resourcequota/controller.go checkRequest, prettyPrint) over the pod and object count
 * evaluators (pkg/quota/v1/evaluator/core/pods.go PodUsageFunc, Constraints; services.go).
 */
import { describe, expect, it } from "vitest";
import { admitToQuotas, quotaStatus } from "../../src/k8s/kinds/resourceQuota/admission.ts";
import { evaluatorOf, podEvaluator } from "../../src/k8s/kinds/resourceQuota/usage.ts";
import { builtinKinds } from "../../src/k8s/kinds/builtin.ts";
import type { KubeObject } from "../../src/k8s/types.ts";

type Obj = Record<string, unknown>;

const quota = (name: string, hard: Obj, used?: Obj, spec: Obj = {}) =>
  ({
    apiVersion: "v1",
    kind: "ResourceQuota",
    metadata: { name, namespace: "team" },
    spec: { hard, ...spec },
    status: used ? { hard, used } : {},
  }) as unknown as KubeObject;

const pod = (containers: Obj[], extra: Obj = {}, status: Obj = { phase: "Running" }) =>
  ({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "web-1", namespace: "team" },
    spec: { containers, ...extra },
    status,
  }) as unknown as KubeObject;

const app = (requests: Obj, limits?: Obj) => ({
  name: "app",
  resources: { requests, ...(limits ? { limits } : {}) },
});

const decide = (obj: KubeObject, quotas: KubeObject[]) =>
  admitToQuotas(obj, quotas, podEvaluator, 'pods "web-1"', 0);

describe("quota admission of a pod", () => {
  it("charges every quota that tracks it, status.used in canonical form", () => {
    const q = quota("compute", { pods: "10", "requests.cpu": "2" }, { pods: "1", "requests.cpu": "500m" });
    const r = decide(pod([app({ cpu: "750m", memory: "64Mi" })]), [q]);
    expect(r).toEqual({ charged: [[q, { pods: "2", "requests.cpu": "1250m" }]] });
  });

  it("refuses what goes past a hard limit, naming only the resources exceeded", () => {
    const q = quota("compute", { pods: "10", "requests.cpu": "1" }, { pods: "4", "requests.cpu": "1" });
    expect(decide(pod([app({ cpu: "250m" })]), [q])).toEqual({
      refused:
        'pods "web-1" is forbidden: exceeded quota: compute, requested: requests.cpu=250m, used: requests.cpu=1, limited: requests.cpu=1',
    });
  });

  it("wants every container to set a tracked cpu or memory resource", () => {
    const q = quota(
      "compute",
      { "limits.cpu": "4", "requests.memory": "1Gi" },
      { "limits.cpu": "0", "requests.memory": "0" },
    );
    const p = pod([app({ cpu: "100m" }), { name: "sidecar", resources: { limits: { cpu: "100m" } } }]);
    expect(decide(p, [q])).toEqual({
      refused:
        'pods "web-1" is forbidden: failed quota: compute: must specify limits.cpu for: app; requests.memory for: app,sidecar',
    });
  });

  it("refuses while a tracked resource has no used value yet", () => {
    const q = quota("compute", { pods: "10", "requests.cpu": "1" }, { pods: "0" });
    expect(decide(pod([app({ cpu: "100m" })]), [q])).toEqual({
      refused: 'pods "web-1" is forbidden: status unknown for quota: compute, resources: requests.cpu',
    });
  });

  it("ignores a quota its controller has not taken up (no status.hard) and one whose scopes do not select the pod", () => {
    const fresh = quota("fresh", { pods: "0" });
    const bestEffort = quota("be", { pods: "0" }, { pods: "0" }, { scopes: ["BestEffort"] });
    expect(decide(pod([app({ cpu: "100m" })]), [fresh, bestEffort])).toEqual({ charged: [] });
    expect(decide(pod([{ name: "app" }]), [bestEffort])).toHaveProperty("refused");
  });
});

describe("the resource quota controller's status", () => {
  const objects = (kind: string, list: KubeObject[]) => (k: string) => (k === kind ? list : []);

  it("counts pods until they end, count/pods for every pod in storage", () => {
    const q = quota("compute", { pods: "10", "count/pods": "10", "requests.memory": "1Gi" });
    const running = pod([app({ memory: "256Mi" })]);
    const done = pod([app({ memory: "256Mi" })], {}, { phase: "Succeeded" });
    const s = quotaStatus(q, [podEvaluator], objects("Pod", [running, running, done]), 0);
    expect(s).toEqual({
      hard: { "count/pods": "10", pods: "10", "requests.memory": "1Gi" },
      used: { "count/pods": "3", pods: "2", "requests.memory": "512Mi" },
    });
  });

  it("counts Services by type (services.go): node ports for NodePort and LoadBalancer", () => {
    const svc = (type: string, ports: number) =>
      ({
        kind: "Service",
        metadata: { name: type },
        spec: { type, ports: Array.from({ length: ports }, (_, i) => ({ port: 80 + i })) },
      }) as unknown as KubeObject;
    const q = quota("objects", { services: "5", "services.nodeports": "5", "services.loadbalancers": "1" });
    const e = evaluatorOf(builtinKinds.of("Service"));
    const s = quotaStatus(
      q,
      [e],
      objects("Service", [svc("ClusterIP", 1), svc("NodePort", 2), svc("LoadBalancer", 1)]),
      0,
    );
    expect(s.used).toEqual({ services: "3", "services.loadbalancers": "1", "services.nodeports": "3" });
  });
});
