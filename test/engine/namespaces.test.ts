/**
 * Namespaces end to end on a simulated cluster: object identity by namespace and name, the
 * NamespaceLifecycle admission plugin (lifecycle/admission.go), the namespace controller
 * (pkg/controller/namespace) and kubectl's -n / -A (cli-runtime, get.go's printers).
 */
import { describe, expect, it } from "vitest";
import { Simulation } from "../../src/engine/simulation.ts";
import { qualifiedName, parseQualifiedName } from "../../src/k8s/namespaces.ts";
import type { Deployment, KubeObject } from "../../src/k8s/types.ts";
import { runKubectl } from "../../src/kubectl/run.ts";

const k = (s: Simulation, line: string) => runKubectl(line, s);

function deployment(name: string, namespace: string | undefined, replicas: number): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, ...(namespace ? { namespace } : {}) },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name, image: `${name}:1`, resources: { requests: { cpu: "100m" } } }] },
      },
    },
  } as unknown as KubeObject;
}

const namespace = (name: string) =>
  ({ apiVersion: "v1", kind: "Namespace", metadata: { name } }) as unknown as KubeObject;

function twoNamespaces(): Simulation {
  const s = new Simulation();
  for (const o of [namespace("prod"), namespace("staging")]) expect(s.api.create(o)).toHaveProperty("kind");
  expect(s.api.create(deployment("api", "prod", 3))).toHaveProperty("kind");
  expect(s.api.create(deployment("api", "staging", 1))).toHaveProperty("kind");
  s.runUntil(60);
  return s;
}

describe("qualified names (src/k8s/namespaces.ts)", () => {
  it("are the plain name in default and namespace/name elsewhere, and split back", () => {
    expect(qualifiedName("default", "web")).toBe("web");
    expect(qualifiedName(undefined, "web")).toBe("web");
    expect(qualifiedName("", "node-1")).toBe("node-1");
    expect(qualifiedName("prod", "web")).toBe("prod/web");
    expect(parseQualifiedName("prod/web")).toEqual({ namespace: "prod", name: "web" });
    expect(parseQualifiedName("web")).toEqual({ namespace: "default", name: "web" });
  });
});

describe("two Deployments named api, in prod and staging", () => {
  it("are two objects, each with its own ReplicaSet and pods", () => {
    const s = twoNamespaces();
    const prod = s.api.get("Deployment", "prod", "api") as Deployment;
    const staging = s.api.get("Deployment", "staging", "api") as Deployment;
    expect(prod.metadata.uid).not.toBe(staging.metadata.uid);
    expect(prod.status.availableReplicas).toBe(3);
    expect(staging.status.availableReplicas).toBe(1);
    expect(s.api.list("Pod", "prod")).toHaveLength(3);
    expect(s.api.list("Pod", "staging")).toHaveLength(1);
    expect(s.api.list("Pod", "default")).toHaveLength(0);
    for (const ns of ["prod", "staging"])
      for (const p of s.api.list("Pod", ns)) expect(p.metadata.namespace).toBe(ns);
    // The trace keys them by qualified name.
    expect(Object.keys(s.trace().series.Deployment ?? {})).toEqual(["prod/api", "staging/api"]);
  });

  it("kubectl -n and -A show each namespace as kubectl does", () => {
    const s = twoNamespaces();
    expect(k(s, "get deploy -n prod").stdout).toBe(
      "NAME   READY   UP-TO-DATE   AVAILABLE   AGE\napi    3/3     3            3           60s\n",
    );
    expect(k(s, "get deploy -A").stdout).toBe(
      "NAMESPACE   NAME   READY   UP-TO-DATE   AVAILABLE   AGE\n" +
        "prod        api    3/3     3            3           60s\n" +
        "staging     api    1/1     1            1           60s\n",
    );
    // get.go: an empty list names the namespace it looked in.
    expect(k(s, "get deploy").stderr).toBe("No resources found in default namespace.\n");
    expect(k(s, "get deploy --namespace=staging -o name").stdout).toBe("deployment.apps/api\n");
    // A cluster-scoped kind ignores -n, and -A adds no NAMESPACE column to it.
    const ns = k(s, "get ns -n prod");
    expect(ns.stdout.split("\n")[0]).toBe("NAME              STATUS   AGE");
    expect(k(s, "get namespaces -A").stdout.split("\n")[0]).toBe("NAME              STATUS   AGE");
  });
});

describe("NamespaceLifecycle (lifecycle/admission.go)", () => {
  it("starts the cluster with default and the system namespaces", () => {
    const s = new Simulation();
    expect(s.api.listAll("Namespace").map((n) => n.metadata.name)).toEqual([
      "default",
      "kube-node-lease",
      "kube-public",
      "kube-system",
    ]);
  });

  it("refuses objects in a namespace that does not exist, before validation", () => {
    const s = new Simulation();
    expect(s.api.create(deployment("api", "prod", -1))).toEqual({
      reason: "NotFound",
      message: 'namespaces "prod" not found',
    });
    expect(k(s, "create deployment api --image=api:1 -n prod").stderr).toBe(
      'Error from server (NotFound): namespaces "prod" not found\n',
    );
  });

  it("keeps default, kube-system and kube-public", () => {
    const s = new Simulation();
    for (const n of ["default", "kube-system", "kube-public"])
      expect(k(s, `delete namespace ${n}`).stderr).toBe(
        `Error from server (Forbidden): namespaces "${n}" is forbidden: this namespace may not be deleted\n`,
      );
  });

  it("refuses new content in a terminating namespace", () => {
    const s = twoNamespaces();
    expect(k(s, "delete ns prod").stdout).toBe('namespace "prod" deleted\n');
    expect(s.api.create(deployment("web", "prod", 1))).toEqual({
      reason: "Forbidden",
      message:
        'deployments.apps "web" is forbidden: unable to create new content in namespace prod because it is being terminated',
    });
  });
});

describe("kubectl create namespace (create_namespace.go)", () => {
  it("creates an Active namespace with its name label and the kubernetes finalizer", () => {
    const s = new Simulation();
    expect(k(s, "create namespace prod").stdout).toBe("namespace/prod created\n");
    const ns = s.api.get("Namespace", "", "prod") as unknown as {
      metadata: { labels: Record<string, string>; namespace?: string };
      spec: { finalizers: string[] };
      status: { phase: string };
    };
    expect(ns.metadata.labels).toEqual({ "kubernetes.io/metadata.name": "prod" });
    expect(ns.metadata.namespace).toBeUndefined();
    expect(ns.spec.finalizers).toEqual(["kubernetes"]);
    expect(ns.status.phase).toBe("Active");
    expect(k(s, "create ns prod").stderr).toBe(
      'Error from server (AlreadyExists): namespaces "prod" already exists\n',
    );
    expect(k(s, "create namespace Prod").exitCode).toBe(1);
  });

  it("prints the object it would send on a client dry run", () => {
    const s = new Simulation();
    expect(k(s, "create namespace prod --dry-run=client -o yaml").stdout).toBe(
      "apiVersion: v1\nkind: Namespace\nmetadata:\n  creationTimestamp: null\n  name: prod\nspec: {}\nstatus: {}\n",
    );
  });

  it("describes a namespace as describe.go does", () => {
    const s = new Simulation();
    k(s, "create namespace prod");
    expect(k(s, "describe namespace prod").stdout).toBe(
      "Name:         prod\nLabels:       kubernetes.io/metadata.name=prod\nAnnotations:  <none>\nStatus:       Active\n\nNo resource quota.\n\nNo LimitRange resource.\n",
    );
  });
});

describe("deleting a namespace (pkg/controller/namespace)", () => {
  it("deletes what is in it, waits for its pods to terminate, then goes", () => {
    const s = twoNamespaces();
    k(s, "delete namespace prod");
    s.runUntil(60);
    expect(k(s, "get ns prod").stdout).toBe("NAME   STATUS        AGE\nprod   Terminating   60s\n");
    expect(s.api.list("Deployment", "prod")).toHaveLength(0);
    expect(s.api.list("ReplicaSet", "prod")).toHaveLength(0);
    // The garbage collector took the pods with their ReplicaSet; they terminate gracefully.
    const pods = s.api.list("Pod", "prod");
    expect(pods).toHaveLength(3);
    // Marked at 60 s with their 30 s grace period: deletionTimestamp is its end.
    expect(pods.every((p) => p.metadata.deletionTimestamp === 90)).toBe(true);
    s.runUntil(120);
    expect(s.api.list("Pod", "prod")).toHaveLength(0);
    expect(s.api.get("Namespace", "", "prod")).toBeUndefined();
    // staging is untouched.
    expect(s.api.list("Pod", "staging")).toHaveLength(1);
    expect(
      s
        .trace()
        .decisions.filter((d) => d.controller === "namespace")
        .map((d) => d.action),
    ).toEqual(["delete-content", "finalize"]);
  });
});
