/**
 * `-f FILE` as the objects a command works on (cli-runtime builder FilenameParam): `get -f`,
 * `describe -f`, `scale -f` (kubectl scale's own example: `kubectl scale --replicas=3 -f
 * foo.yaml`), and `get TYPE1,TYPE2 NAME` (the builder's type × name pairs).
 */
import { describe, expect, it } from "vitest";
import type { Deployment } from "../../src/k8s/types.ts";
import { parseKubectl } from "../../src/kubectl/parse.ts";
import { runKubectl } from "../../src/kubectl/run.ts";
import { FakeCluster } from "./fakeCluster.ts";

// A repository's k8s/ file: the Deployment and its Service, as many READMEs ship them.
const files: Record<string, string> = {
  "app.yaml": `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: "nginx:1.25"}]
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports: [{port: 80}]
`,
  "deploy-only.yaml": `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: "nginx:1.25"}]
`,
};
const readFile = (p: string) => files[p];
const k = (c: FakeCluster, line: string) => runKubectl(line, c, { readFile });
const created = () => {
  const c = new FakeCluster();
  k(c, "apply -f app.yaml");
  return c;
};

describe("get -f (get.go with FilenameOptions)", () => {
  it("one kind prints as `get TYPE NAME` does", () => {
    const r = k(created(), "get -f deploy-only.yaml -o name");
    expect(r).toMatchObject({ exitCode: 0, stdout: "deployment.apps/web\n" });
  });
  it("several kinds print one table each, names with their type (multipleGVKsRequested)", () => {
    const r = k(created(), "get -f app.yaml");
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toMatch(/^NAME\s+READY\s+UP-TO-DATE/);
    expect(lines[1]).toMatch(/^deployment\.apps\/web\s/);
    expect(lines[2]).toBe("");
    expect(lines[3]).toMatch(/^NAME\s+TYPE\s+CLUSTER-IP/);
    expect(lines[4]).toMatch(/^service\/web\s+ClusterIP/);
  });
  it("what the file names but the cluster lacks is NotFound, after what was found", () => {
    const c = created();
    c.api.delete("Service", "default", "web");
    const r = k(c, "get -f app.yaml -o name");
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe("deployment.apps/web\n");
    expect(r.stderr).toBe('Error from server (NotFound): services "web" not found\n');
  });
  it("refuses TYPE words beside -f", () => {
    expect(parseKubectl("kubectl get -f app.yaml pods").diagnostics[0].message).toBe(
      "error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well",
    );
  });
});

describe("describe -f and describe TYPE1,TYPE2", () => {
  it("describes every object the file names, in file order", () => {
    const r = k(created(), "describe -f app.yaml");
    expect(r.exitCode).toBe(0);
    const names = r.stdout.split("\n").filter((l) => l.startsWith("Name:"));
    expect(names).toHaveLength(2);
    expect(r.stdout.indexOf("StrategyType:")).toBeLessThan(r.stdout.indexOf("Session Affinity:"));
  });
  it("describes each type of a comma list, not only the first", () => {
    const r = k(created(), "describe deploy,svc web");
    expect(r.stdout).toContain("StrategyType:");
    expect(r.stdout).toContain("Session Affinity:");
  });
});

describe("scale -f (scale.go's example `kubectl scale --replicas=3 -f foo.yaml`)", () => {
  it("scales the object the file names", () => {
    const c = created();
    expect(k(c, "scale --replicas=3 -f deploy-only.yaml")).toMatchObject({
      exitCode: 0,
      stdout: "deployment.apps/web scaled\n",
    });
    expect((c.api.get("Deployment", "default", "web") as Deployment).spec.replicas).toBe(3);
  });
  it("an object with no scale subresource is the API server's NotFound; the rest are scaled", () => {
    const c = created();
    const r = k(c, "scale --replicas=4 -f app.yaml");
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe("deployment.apps/web scaled\n");
    expect(r.stderr).toBe("Error from server (NotFound): the server could not find the requested resource\n");
  });
});

describe("get TYPE1,TYPE2 NAME (the resource builder's type x name pairs)", () => {
  it("looks the name up in every type, and reports the types that lack it", () => {
    const r = k(created(), "get deploy,svc,hpa web -o name");
    expect(r.stdout).toBe("deployment.apps/web\nservice/web\n");
    expect(r.stderr).toBe(
      'Error from server (NotFound): horizontalpodautoscalers.autoscaling "web" not found\n',
    );
    expect(r.exitCode).toBe(1);
  });
});
