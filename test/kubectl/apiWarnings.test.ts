/**
 * The API server's deprecation warnings as kubectl prints them on stderr: `Warning: <text>`
 * (client-go rest/warnings.go WarningWriter), once per command (kubectl's cmd.go sets
 * Deduplicate), the text deprecation.go WarningMessage's (k8s.io/apiserver/pkg/endpoints/
 * deprecation), from each type's prerelease lifecycle: v1 Endpoints deprecated in 1.33 with
 * discovery.k8s.io/v1 EndpointSlice as its replacement (KEP-4974), autoscaling/v2beta1
 * deprecated 1.22 and removed 1.25, autoscaling/v2beta2 deprecated 1.23 and removed 1.26
 * (staging/src/k8s.io/api/autoscaling/v2beta{1,2}/zz_generated.prerelease-lifecycle.go).
 */
import { describe, expect, it } from "vitest";
import { Simulation } from "../../src/engine/simulation.ts";
import { runKubectl } from "../../src/kubectl/run.ts";
import { runWith } from "../../src/scenario/api.ts";
import { defaultServices } from "../../src/scenario/defaultServices.ts";
import { memoryHost } from "../../src/scenario/host.ts";

const ENDPOINTS = "Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n";
const V2BETA2 =
  "Warning: autoscaling/v2beta2 HorizontalPodAutoscaler is deprecated in v1.23+, unavailable in v1.26+; use autoscaling/v2 HorizontalPodAutoscaler\n";
const V2BETA1_AT_22 =
  "Warning: autoscaling/v2beta1 HorizontalPodAutoscaler is deprecated in v1.22+, unavailable in v1.25+; use autoscaling/v2beta2 HorizontalPodAutoscaler\n";
const V2BETA1 =
  "Warning: autoscaling/v2beta1 HorizontalPodAutoscaler is deprecated in v1.22+, unavailable in v1.25+; use autoscaling/v2 HorizontalPodAutoscaler\n";

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: nginx, resources: {requests: {cpu: 100m}}}]}
`;

const hpa = (apiVersion: string, name = "web") =>
  apiVersion === "autoscaling/v2beta1"
    ? `apiVersion: ${apiVersion}
kind: HorizontalPodAutoscaler
metadata: {name: ${name}}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  maxReplicas: 3
  metrics: [{type: Resource, resource: {name: cpu, targetAverageUtilization: 50}}]
`
    : `apiVersion: ${apiVersion}
kind: HorizontalPodAutoscaler
metadata: {name: ${name}}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  maxReplicas: 3
  metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}}]
`;

const FILES: Record<string, string> = {
  "web.yaml": DEPLOYMENT,
  "v2.yaml": hpa("autoscaling/v2"),
  "v2beta2.yaml": hpa("autoscaling/v2beta2"),
  "v2beta1.yaml": hpa("autoscaling/v2beta1"),
  "both.yaml": `${hpa("autoscaling/v2beta1", "a")}---\n${hpa("autoscaling/v2beta2", "b")}---\n${hpa("autoscaling/v2beta1", "c")}`,
  "ep.yaml": `apiVersion: v1
kind: Endpoints
metadata: {name: external}
subsets: [{addresses: [{ip: 10.1.2.3}], ports: [{port: 80}]}]
`,
};

/** A kubectl of release 1.`version` against a fresh cluster holding web.yaml's Deployment. */
function kubectl(version?: number) {
  const s = new Simulation();
  const options = { readFile: (p: string) => FILES[p], ...(version === undefined ? {} : { version }) };
  runKubectl("apply -f web.yaml", s, options);
  return (line: string) => runKubectl(line, s, options);
}

describe("v1 Endpoints: deprecated from 1.33 (KEP-4974)", () => {
  it("get endpoints prints the warning before the table at the current kubectl (1.34)", () => {
    const r = kubectl()("get endpoints");
    expect(r.stderr).toBe(ENDPOINTS);
    expect(r.stdout).toMatch(/^NAME {9}ENDPOINTS/);
    expect(r.exitCode).toBe(0);
  });

  it("from 1.33 only: 1.32 prints none", () => {
    expect(kubectl(33)("get ep").stderr).toBe(ENDPOINTS);
    expect(kubectl(32)("get ep").stderr).toBe("");
  });

  it("get svc,ep and describe endpoints print it once", () => {
    const k = kubectl();
    expect(k("get svc,ep").stderr).toBe(ENDPOINTS);
    expect(k("describe endpoints kubernetes").stderr).toBe(ENDPOINTS);
  });

  it("a missing name: the warning, then the API server's NotFound (the response carries both)", () => {
    expect(kubectl()("get ep nope").stderr).toBe(
      `${ENDPOINTS}Error from server (NotFound): endpoints "nope" not found\n`,
    );
  });

  it("apply and delete of a v1 Endpoints manifest", () => {
    const k = kubectl();
    const applied = k("apply -f ep.yaml");
    expect([applied.stderr, applied.stdout]).toEqual([ENDPOINTS, "endpoints/external created\n"]);
    expect(k("delete -f ep.yaml").stderr).toBe(ENDPOINTS);
  });

  it("describe service reads EndpointSlices from kubectl 1.31 (kubernetes PR #124598): no warning", () => {
    expect(kubectl()("describe svc kubernetes").stderr).toBe("");
  });
});

describe("autoscaling/v2beta1 and v2beta2 HorizontalPodAutoscalers", () => {
  it("apply of a v2beta2 manifest warns from 1.23, and still from 1.26 where Replicast keeps serving it", () => {
    expect(kubectl(22)("apply -f v2beta2.yaml").stderr).toBe("");
    for (const v of [23, 25, 26, 34]) {
      const r = kubectl(v)("apply -f v2beta2.yaml");
      expect([v, r.stderr, r.stdout]).toEqual([
        v,
        V2BETA2,
        "horizontalpodautoscaler.autoscaling/web created\n",
      ]);
    }
  });

  it("v2beta1 names autoscaling/v2beta2 as its replacement at 1.22 and autoscaling/v2 from 1.23", () => {
    expect(kubectl(21)("apply -f v2beta1.yaml").stderr).toBe("");
    expect(kubectl(22)("apply -f v2beta1.yaml").stderr).toBe(V2BETA1_AT_22);
    expect(kubectl(23)("apply -f v2beta1.yaml").stderr).toBe(V2BETA1);
  });

  it("-k: the kustomization's built objects in their own versions", () => {
    const s = new Simulation();
    const files: Record<string, string> = {
      "k/kustomization.yaml": "resources:\n- hpa.yaml\n",
      "k/hpa.yaml": hpa("autoscaling/v2beta2"),
    };
    const r = runKubectl("apply -k k", s, {
      version: 23,
      readFile: (p) => files[p],
      listDir: (p) =>
        p === "k"
          ? [
              { name: "kustomization.yaml", dir: false },
              { name: "hpa.yaml", dir: false },
            ]
          : undefined,
    });
    expect([r.stderr, r.stdout]).toEqual([V2BETA2, "horizontalpodautoscaler.autoscaling/web created\n"]);
  });

  it("one command touching two deprecated versions prints each once, in the order sent", () => {
    expect(kubectl(23)("apply -f both.yaml").stderr).toBe(V2BETA1 + V2BETA2);
  });

  it("the warnings come after a deprecated flag's notice", () => {
    const r = kubectl(23)("apply -f v2beta2.yaml --record");
    expect(r.stderr).toBe(
      `Flag --record has been deprecated, --record will be removed in the future\n${V2BETA2}`,
    );
  });

  it("get hpa reads the preferred version (v1 at 1.22, v2 from 1.23): no warning; a named v2beta version warns", () => {
    const k = kubectl(23);
    k("apply -f v2.yaml");
    expect(k("get hpa").stderr).toBe("");
    expect(k("get hpa.v2beta2.autoscaling").stderr).toBe(V2BETA2);
    expect(k("get -f v2beta2.yaml").stderr).toBe(V2BETA2);
  });

  it("describe hpa reads v2beta2 before kubectl 1.27 (kubernetes PR #114886): 1.23 to 1.25 warn, whatever the manifest's version", () => {
    for (const [v, stderr] of [
      [22, ""],
      [23, V2BETA2],
      [25, V2BETA2],
      [26, ""],
      [27, ""],
    ] as const) {
      const k = kubectl(v);
      k("apply -f v2beta1.yaml");
      expect([v, k("describe hpa web").stderr]).toEqual([v, stderr]);
    }
    // Nothing described, nothing read by the describer.
    expect(kubectl(23)("describe hpa").stderr).toBe("No resources found in default namespace.\n");
  });

  it("a client-side dry run of create prints the objects without a request: no warning", () => {
    const r = kubectl(23)("create -f v2beta2.yaml --dry-run=client -o name");
    expect([r.stderr, r.stdout]).toEqual(["", "horizontalpodautoscaler.autoscaling/web\n"]);
    expect(kubectl(23)("apply -f v2beta2.yaml --dry-run=client").stderr).toBe(V2BETA2);
  });
});

describe("in a scenario", () => {
  const run = (text: string) =>
    runWith(defaultServices, text, "warn.scn", { host: memoryHost({ "ep.yaml": FILES["ep.yaml"] }) });

  it("the warning is printed before the line's output, and is no failure", () => {
    const r = run("at 0s kubectl apply -f ep.yaml\nat 1s kubectl get ep external\nrun for 2s\n");
    const printed = r.output.filter((o) => o.command === "kubectl get ep external").map((o) => o.text);
    expect(printed[0]).toMatch(
      /^Warning: v1 Endpoints is deprecated in v1\.33\+; use discovery\.k8s\.io\/v1 EndpointSlice\nNAME /,
    );
    expect(r.failures).toEqual([]);
  });

  it("a | grep that selects nothing exits 1, but the warning alone on stderr fails nothing", () => {
    const r = run("at 0s kubectl get ep | grep nothing-here\nrun for 1s\n");
    expect(r.failures).toEqual([]);
  });

  it("the language's apply statement prints nothing (the warnings are kubectl's)", () => {
    const r = run(`manifest ep = <<YAML\n${FILES["ep.yaml"]}YAML\nat 0s apply ep\nrun for 1s\n`);
    expect(r.output.map((o) => o.text).join("")).not.toContain("Warning:");
    expect(r.diagnostics).toEqual([]);
  });
});
