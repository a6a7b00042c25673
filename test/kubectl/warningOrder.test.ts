/**
 * Where the API server's warnings land among `kubectl apply -f`'s lines. kubectl's warning
 * handler (client-go rest/warnings.go WarningWriter, deduplicated per command by cmd.go) writes
 * each response's warnings to stderr as the response arrives, and apply.go applyOneObject sends
 * each object's requests and prints its line before the next object: an object's warning comes
 * just before its own line, printed once; the errors apply.go aggregates come after the last.
 */
import { describe, expect, it } from "vitest";
import { Simulation } from "../../src/engine/simulation.ts";
import { runKubectl } from "../../src/kubectl/run.ts";
import { runWith } from "../../src/scenario/api.ts";
import { defaultServices } from "../../src/scenario/defaultServices.ts";
import { memoryHost } from "../../src/scenario/host.ts";

const V2BETA2 =
  "Warning: autoscaling/v2beta2 HorizontalPodAutoscaler is deprecated in v1.23+, unavailable in v1.26+; use autoscaling/v2 HorizontalPodAutoscaler\n";

const deployment = (name: string, image = "nginx", namespace = "default") => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${namespace}}
spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec: {containers: [{name: web, image: ${image}, resources: {requests: {cpu: 100m}}}]}
`;

const hpa = (name: string) => `apiVersion: autoscaling/v2beta2
kind: HorizontalPodAutoscaler
metadata: {name: ${name}}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  maxReplicas: 3
`;

const FILES: Record<string, string> = {
  "all.yaml": [deployment("web"), hpa("web"), hpa("api"), deployment("api")].join("---\n"),
  "one.yaml": hpa("solo"),
  "broken.yaml": [deployment("web"), hpa("web"), deployment("api", "nginx", "nope")].join("---\n"),
  "later.yaml": [deployment("web", "nginx:2"), deployment("api", "nginx:2")].join("---\n"),
};

function kubectl() {
  const s = new Simulation();
  const options = { readFile: (p: string) => FILES[p], version: 23 };
  return (line: string) => runKubectl(line, s, options);
}

describe("kubectl apply -f of several objects", () => {
  it("writes the warning just before the line of the first object whose request carried it, once", () => {
    const r = kubectl()("apply -f all.yaml");
    // Each stream as it was written: stdout the lines, stderr the one warning.
    expect(r.stdout).toBe(
      "deployment.apps/web created\nhorizontalpodautoscaler.autoscaling/web created\n" +
        "horizontalpodautoscaler.autoscaling/api created\ndeployment.apps/api created\n",
    );
    expect(r.stderr).toBe(V2BETA2);
    // Together, as a terminal shows them.
    expect(r.written).toEqual({
      out:
        "deployment.apps/web created\n" +
        V2BETA2 +
        "horizontalpodautoscaler.autoscaling/web created\nhorizontalpodautoscaler.autoscaling/api created\n" +
        "deployment.apps/api created\n",
      err: "",
    });
  });

  it("puts apply's own missing-annotation warning before its object's line too", () => {
    const k = kubectl();
    k("create deployment api --image=nginx");
    const r = k("apply -f later.yaml");
    expect(r.written?.out).toBe(
      "deployment.apps/web created\n" +
        "Warning: resource deployments/api is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n" +
        "deployment.apps/api configured\n",
    );
  });

  it("prints the errors after the last object's line", () => {
    const r = kubectl()("apply -f broken.yaml");
    expect(r.exitCode).toBe(1);
    expect(r.written?.out).toBe(
      "deployment.apps/web created\n" + V2BETA2 + "horizontalpodautoscaler.autoscaling/web created\n",
    );
    expect(r.written?.err).toBe(
      'Error from server (NotFound): error when creating "broken.yaml": namespaces "nope" not found\n',
    );
  });

  it("leaves one object's output, and output piped to a filter, with stderr first", () => {
    expect(kubectl()("apply -f one.yaml").written).toBeUndefined();
    const piped = kubectl()("apply -f all.yaml | grep api");
    expect(piped.written).toBeUndefined();
    expect(piped.stdout).toBe(
      "horizontalpodautoscaler.autoscaling/api created\ndeployment.apps/api created\n",
    );
  });
});

describe("kubectl create -f of several objects", () => {
  it("writes each warning before its object's line too (create.go prints each object after its POST)", () => {
    const r = kubectl()("create -f all.yaml");
    expect(r.written?.out).toBe(
      "deployment.apps/web created\n" +
        V2BETA2 +
        "horizontalpodautoscaler.autoscaling/web created\nhorizontalpodautoscaler.autoscaling/api created\n" +
        "deployment.apps/api created\n",
    );
  });

  it("with -o (name, yaml, json) keeps the warnings first, as before", () => {
    expect(kubectl()("create -f all.yaml -o name").written).toBeUndefined();
  });
});

describe("in a scenario", () => {
  const run = (text: string) =>
    runWith(defaultServices, `set kubectl.version = 1.23\n${text}`, "order.scn", { host: memoryHost(FILES) });

  it("the report shows the warning between the lines, a deprecated flag's notice first", () => {
    const r = run("at 0s kubectl apply -f all.yaml --record\nrun for 1s\n");
    expect(r.output.map((o) => o.text)).toEqual([
      "Flag --record has been deprecated, --record will be removed in the future\n" +
        "deployment.apps/web created\n" +
        V2BETA2 +
        "horizontalpodautoscaler.autoscaling/web created\nhorizontalpodautoscaler.autoscaling/api created\n" +
        "deployment.apps/api created",
    ]);
    expect(r.failures).toEqual([]);
  });

  it("a failed object: the lines and warnings, then the error as the line's failure", () => {
    const r = run("at 0s kubectl apply -f broken.yaml\nrun for 1s\n");
    const printed = r.output.filter((o) => o.command === "kubectl apply -f broken.yaml");
    expect(printed.map((o) => [o.error ?? false, o.text.split("\n")[0]])).toEqual([
      [false, "deployment.apps/web created"],
      [true, 'Error from server (NotFound): error when creating "broken.yaml": namespaces "nope" not found'],
    ]);
    expect(printed[0].text).toContain(V2BETA2.trim());
    expect(r.failures.map((f) => f.message)).toEqual([expect.not.stringContaining("Warning:")]);
  });
});

// delete.go DeleteResult and replace.go's visitor send each object's request and print its line
// before the next object, as apply does; the errors they aggregate come after the last line.
describe("kubectl delete -f and replace -f of several objects", () => {
  const LINES = (form: (kind: string, name: string) => string) =>
    form("deployment.apps", "web") +
    V2BETA2 +
    form("horizontalpodautoscaler.autoscaling", "web") +
    form("horizontalpodautoscaler.autoscaling", "api") +
    form("deployment.apps", "api");

  it("delete -f: the warning just before the first v2beta2 object's line", () => {
    const k = kubectl();
    k("apply -f all.yaml");
    const r = k("delete -f all.yaml");
    expect(r.stderr).toBe(V2BETA2);
    expect(r.written).toEqual({
      out: LINES((kind, name) => `${kind} "${name}" deleted\n`),
      err: "",
    });
  });

  it("delete -f --force: delete's own notice (before any request) first, then the warning at its object", () => {
    const k = kubectl();
    k("apply -f all.yaml");
    const r = k("delete -f all.yaml --grace-period=0 --force");
    const forced = LINES((kind, name) => `${kind} "${name}" force deleted\n`);
    expect(r.written?.out.endsWith(forced)).toBe(true);
    expect(r.written?.out.startsWith("warning: Immediate deletion does not wait")).toBe(true);
  });

  it("replace -f: the warning before the first v2beta2 object's line, a refused object's error after the last", () => {
    const k = kubectl();
    k("apply -f all.yaml");
    k("delete deployment api");
    const r = k("replace -f all.yaml");
    expect(r.written).toEqual({
      out:
        "deployment.apps/web replaced\n" +
        V2BETA2 +
        "horizontalpodautoscaler.autoscaling/web replaced\nhorizontalpodautoscaler.autoscaling/api replaced\n",
      err: 'Error from server (NotFound): error when replacing "all.yaml": deployments.apps "api" not found\n',
    });
  });

  it("replace --force: each delete's line after its DELETE (DeleteResult), its warning first; the creates after, warning no more (deduplicated)", () => {
    const k = kubectl();
    k("apply -f all.yaml");
    const r = k("replace --force -f all.yaml");
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe(V2BETA2);
    expect(r.written?.out).toBe(
      LINES((kind, name) => `${kind} "${name}" deleted\n`) +
        "deployment.apps/web replaced\nhorizontalpodautoscaler.autoscaling/web replaced\n" +
        "horizontalpodautoscaler.autoscaling/api replaced\ndeployment.apps/api replaced\n",
    );
  });
});

// delete.go Validate prints `warning: Immediate deletion…` before any request; the DELETE's
// response then brings the API server's warning (client-go rest/warnings.go WarningWriter).
describe("kubectl delete --force of one object", () => {
  const NOTICE =
    "warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n";

  it("TYPE NAME: delete's own notice first, then the API server's warning", () => {
    const k = kubectl();
    k("apply -f one.yaml");
    const r = k("delete hpa.v2beta2.autoscaling solo --force");
    expect([r.exitCode, r.stderr, r.stdout]).toEqual([
      0,
      NOTICE + V2BETA2,
      'horizontalpodautoscaler.autoscaling "solo" force deleted\n',
    ]);
  });

  it("-f: the same order, and a NotFound after both", () => {
    const k = kubectl();
    expect(k("delete -f one.yaml --force").stderr).toBe(
      NOTICE +
        V2BETA2 +
        'Error from server (NotFound): error when deleting "one.yaml": horizontalpodautoscalers.autoscaling "solo" not found\n',
    );
  });
});
