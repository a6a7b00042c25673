/**
 * `kubectl create -f` (kubectl/pkg/cmd/create/create.go RunCreate) beside the `create`
 * subcommands, and apply's warning for objects made without it (apply.go
 * warningNoLastAppliedConfigAnnotation).
 */
import { describe, expect, it } from "vitest";
import { KubectlAnnotations } from "../../src/k8s/annotations.ts";
import type { Deployment } from "../../src/k8s/types.ts";
import { parseKubectl } from "../../src/kubectl/parse.ts";
import { runKubectl } from "../../src/kubectl/run.ts";
import type { Cluster } from "../../src/engine/cluster.ts";
import { Simulation } from "../../src/engine/simulation.ts";
import { FakeCluster } from "./fakeCluster.ts";

// The shape of the Deployments docs' nginx-deployment.yaml, with a Service after it.
const files: Record<string, string> = {
  "nginx-deployment.yaml": `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx-deployment
  labels:
    app: nginx
spec:
  replicas: 3
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:1.14.2
        ports:
        - containerPort: 80
---
apiVersion: v1
kind: Service
metadata:
  name: nginx
spec:
  selector:
    app: nginx
  ports:
  - port: 80
`,
  "empty.yaml": "# nothing here yet\n",
};
const readFile = (p: string) => files[p];
const k = (c: Cluster, line: string) => runKubectl(line, c, { readFile });
const dep = (c: Cluster) => c.api.get("Deployment", "default", "nginx-deployment") as Deployment;

describe("kubectl create -f (create.go RunCreate)", () => {
  it("creates every object of the file, in order, as written", () => {
    const c = new FakeCluster();
    const r = k(c, "create -f nginx-deployment.yaml");
    expect(r).toMatchObject({
      exitCode: 0,
      stdout: "deployment.apps/nginx-deployment created\nservice/nginx created\n",
      stderr: "",
    });
    expect(dep(c).spec.replicas).toBe(3);
    // Only --save-config writes the annotation apply needs (create.go CreateOrUpdateAnnotation).
    expect(dep(c).metadata.annotations?.[KubectlAnnotations.lastAppliedConfiguration]).toBeUndefined();
  });

  it("refuses what exists, with the file in the message (cmdutil.AddSourceToErr), and goes on", () => {
    const c = new FakeCluster();
    k(c, "create -f nginx-deployment.yaml");
    c.api.delete("Service", "default", "nginx");
    const r = k(c, "create -f nginx-deployment.yaml");
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe("service/nginx created\n");
    expect(r.stderr).toBe(
      'Error from server (AlreadyExists): error when creating "nginx-deployment.yaml": deployments.apps "nginx-deployment" already exists\n',
    );
  });

  it("--record writes the command line as the change-cause (the Deployments docs' old example)", () => {
    const c = new FakeCluster();
    const r = k(c, "create -f nginx-deployment.yaml --record");
    expect(r.exitCode).toBe(0);
    expect(dep(c).metadata.annotations?.[KubectlAnnotations.changeCause]).toBe(
      "kubectl create --filename=nginx-deployment.yaml --record=true",
    );
  });

  it("--save-config stores the manifest as apply would, so a later apply is silent", () => {
    const c = new FakeCluster();
    k(c, "create -f nginx-deployment.yaml --save-config");
    expect(dep(c).metadata.annotations?.[KubectlAnnotations.lastAppliedConfiguration]).toContain(
      '"name":"nginx-deployment"',
    );
    expect(k(c, "apply -f nginx-deployment.yaml")).toMatchObject({
      exitCode: 0,
      stdout: "deployment.apps/nginx-deployment unchanged\nservice/nginx unchanged\n",
      stderr: "",
    });
  });

  it("a dry run creates nothing and prints what it would have", () => {
    const c = new FakeCluster();
    expect(k(c, "create -f nginx-deployment.yaml --dry-run=client -o name")).toMatchObject({
      exitCode: 0,
      stdout: "deployment.apps/nginx-deployment\nservice/nginx\n",
      readOnly: true,
    });
    expect(c.api.get("Deployment", "default", "nginx-deployment")).toBeUndefined();
  });

  it("a file with no objects is create.go's own error", () => {
    expect(k(new FakeCluster(), "create -f empty.yaml")).toMatchObject({
      exitCode: 1,
      stderr: "error: no objects passed to create\n",
    });
  });
});

describe("create's words: the parent command beside its subcommands (cobra stripFlags)", () => {
  const parsed = (line: string) => parseKubectl(line);
  it("a flag's value is no subcommand: `create -f deployment` reads a file named deployment", () => {
    const r = parsed("kubectl create -f deployment");
    expect(r.diagnostics).toEqual([]);
    expect(r.command?.sub).toBeUndefined();
    expect(r.command?.flags.filename).toEqual(["deployment"]);
  });
  it("the subcommands still win their word", () => {
    expect(parsed("kubectl create deployment web --image=nginx").command?.sub).toBe("deployment");
    expect(parsed("kubectl create ns prod").command?.sub).toBe("namespace");
  });
  it("a stray word beside -f is an unexpected argument; alone, a mistyped subcommand", () => {
    expect(parsed("kubectl create -f a.yaml extra").diagnostics[0].message).toBe(
      "error: Unexpected args: [extra]",
    );
    expect(parsed("kubectl create deploymnet web").diagnostics[0].message).toBe(
      'error: unknown command "deploymnet" for "kubectl create"',
    );
    expect(parsed("kubectl create").diagnostics[0].message).toBe("error: must specify one of -f and -k");
  });
});

describe("apply on an object made without apply (apply.go warningNoLastAppliedConfigAnnotation)", () => {
  it("warns on stderr and still configures it; the next apply is silent", () => {
    const c = new FakeCluster();
    k(c, "create -f nginx-deployment.yaml");
    const r = k(c, "apply -f nginx-deployment.yaml");
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe(
      "Warning: resource deployments/nginx-deployment is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n" +
        "Warning: resource services/nginx is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n",
    );
    expect(k(c, "apply -f nginx-deployment.yaml").stderr).toBe("");
  });
});

describe("kubectl delete -f (delete.go with FilenameOptions)", () => {
  it("deletes what the file names, and says the file when one is gone already", () => {
    const c = new FakeCluster();
    k(c, "create -f nginx-deployment.yaml");
    c.api.delete("Service", "default", "nginx");
    const r = k(c, "delete -f nginx-deployment.yaml");
    expect(r.stdout).toBe('deployment.apps "nginx-deployment" deleted\n');
    expect(r.stderr).toBe(
      'Error from server (NotFound): error when deleting "nginx-deployment.yaml": services "nginx" not found\n',
    );
    expect(c.api.get("Deployment", "default", "nginx-deployment")).toBeUndefined();
  });

  it("--ignore-not-found makes the missing ones silent", () => {
    expect(k(new FakeCluster(), "delete -f nginx-deployment.yaml --ignore-not-found")).toMatchObject({
      exitCode: 0,
      stdout: "",
      stderr: "",
    });
  });

  it("refuses TYPE/NAME words beside -f, as the resource builder does", () => {
    expect(parseKubectl("kubectl delete -f a.yaml deployment/web").diagnostics[0].message).toBe(
      "error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well",
    );
  });
});

describe("kubectl replace -f (replace.go)", () => {
  it("replaces the live object as a whole: what the file leaves out is gone, the UID is kept", () => {
    // The real API server (the fake one keeps no server-owned fields).
    const c = new Simulation();
    k(c, "create -f nginx-deployment.yaml --record");
    expect(dep(c).metadata.annotations?.[KubectlAnnotations.changeCause]).toBeDefined();
    const uid = dep(c).metadata.uid;
    const r = k(c, "replace -f nginx-deployment.yaml");
    expect(r).toMatchObject({
      exitCode: 0,
      stdout: "deployment.apps/nginx-deployment replaced\nservice/nginx replaced\n",
    });
    // The change-cause annotation was not in the file: a PUT drops it.
    expect(dep(c).metadata.annotations?.[KubectlAnnotations.changeCause]).toBeUndefined();
    expect(dep(c).metadata.uid).toBe(uid);
  });
  it("what does not exist is NotFound, with the file", () => {
    expect(k(new FakeCluster(), "replace -f nginx-deployment.yaml").stderr).toBe(
      'Error from server (NotFound): error when replacing "nginx-deployment.yaml": deployments.apps "nginx-deployment" not found\n' +
        'Error from server (NotFound): error when replacing "nginx-deployment.yaml": services "nginx" not found\n',
    );
  });
});
