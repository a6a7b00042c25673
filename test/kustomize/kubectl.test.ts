/**
 * `-k` in kubectl (cli-runtime's KustomizeVisitor: the build is one source, named after the
 * folder) and in a scenario (the planner builds the kustomization before the run, so its
 * errors come in the caret form at their own file and line).
 */
import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../src/dsl/codeFrame.ts";
import { Simulation } from "../../src/engine/simulation.ts";
import { buildKustomization, renderBuild } from "../../src/kustomize/index.ts";
import { parseKubectl } from "../../src/kubectl/parse.ts";
import { runKubectl } from "../../src/kubectl/run.ts";
import { checkScenario, runScenario } from "../../src/scenario/index.ts";
import { memoryHost } from "../../src/scenario/host.ts";
import { nodeHost } from "../../src/scenario/nodeHost.ts";

const root = "test/kustomize/fixtures/webapp/";
const host = nodeHost();
const io = {
  readFile: (p: string) => host.readFile(root + p),
  listDir: (p: string) => host.listDir?.(root + p),
};

const PROD = [
  "namespace/prod",
  "configmap/prod-web-config-4k84m6bd2h",
  "secret/prod-web-secret-59c2974d57",
  "service/prod-web",
  "deployment.apps/prod-web",
  "horizontalpodautoscaler.autoscaling/prod-web",
];

describe("kubectl -k", () => {
  it("apply -k creates the build in kustomize's order; a second apply finds every object unchanged", () => {
    const s = new Simulation();
    const first = runKubectl("apply -k overlays/prod", s, io);
    expect([first.exitCode, first.stdout, first.stderr]).toEqual([
      0,
      PROD.map((p) => `${p} created\n`).join(""),
      "",
    ]);
    const again = runKubectl("apply -k overlays/prod", s, io);
    expect(again.stdout).toBe(PROD.map((p) => `${p} unchanged\n`).join(""));
  });

  it("create -k names the folder as the source of its errors (KustomizeVisitor's Source)", () => {
    const s = new Simulation();
    runKubectl("apply -k overlays/prod", s, io);
    const r = runKubectl("create -k overlays/prod", s, io);
    expect(r.exitCode).toBe(1);
    expect(r.stderr.split("\n")[4]).toBe(
      'Error from server (AlreadyExists): error when creating "overlays/prod": deployments.apps "prod-web" already exists',
    );
  });

  it("delete -k deletes what the build names", () => {
    const s = new Simulation();
    runKubectl("apply -k overlays/prod", s, io);
    const r = runKubectl("delete -k overlays/prod", s, io);
    expect(r.stdout.split("\n").slice(3, 6)).toEqual([
      'service "prod-web" deleted',
      'deployment.apps "prod-web" deleted',
      'horizontalpodautoscaler.autoscaling "prod-web" deleted',
    ]);
  });

  it("kubectl kustomize prints the build; a build error is kubectl's error line", () => {
    const s = new Simulation();
    const r = runKubectl("kustomize overlays/dev", s, io);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(renderBuild(buildKustomization("overlays/dev", io).objects!));
    expect(r.readOnly).toBe(true);
    expect(runKubectl("kustomize overlays/none", s, io).stderr).toBe(
      "error: must build at directory: not a valid directory: 'overlays/none': no such file or directory\n",
    );
    expect(parseKubectl("kustomize a b").diagnostics.map((d) => d.message)).toEqual([
      "error: specify one path to kustomization.yaml",
    ]);
  });

  it("diff -k compares the overlay's build with the cluster: everything new, then nothing once applied", () => {
    const s = new Simulation();
    runKubectl("create namespace prod", s, io);
    const before = runKubectl("diff -k overlays/prod", s, io);
    // kubectl diff exits 1 when there are differences (diff.go's DiffProgram status).
    expect(before.exitCode).toBe(1);
    expect(before.stdout).toMatch(/^diff -u -N \/tmp\/LIVE-\d+\/apps\.v1\.Deployment\.prod\.prod-web /m);
    expect(runKubectl("apply -k overlays/prod", s, io).exitCode).toBe(0);
    const after = runKubectl("diff -k overlays/prod", s, io);
    expect([after.exitCode, after.stdout]).toEqual([0, ""]);
  });
});

describe("-k in a scenario", () => {
  it("microservices-demo: kubectl apply -k kustomize/ runs its Deployments", async () => {
    const file = "test/kustomize/fixtures/microservices-demo/shop.scn";
    const r = await runScenario({ text: host.readFile(file)!, file }, { host });
    expect(r.diagnostics).toEqual([]);
    expect(r.failures).toEqual([]);
    expect(r.output[0].text.split("\n")).toEqual([
      "serviceaccount/cartservice created",
      "serviceaccount/frontend created",
      "service/cartservice created",
      "service/frontend created",
      "service/redis-cart created",
      "deployment.apps/cartservice created",
      "deployment.apps/frontend created",
      "deployment.apps/redis-cart created",
    ]);
  });

  it("what the build creates is known before the run: an expectation may name it", () => {
    const files = {
      "app/k/kustomization.yaml":
        "resources: [web.yaml]\nnamePrefix: prod-\nreplicas:\n- name: web\n  count: 2\n",
      "app/k/web.yaml":
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: web, image: nginx:1.25}]}\n",
    };
    const ok = checkScenario(
      {
        text: "at 0s kubectl apply -k k\nexpect deployment/prod-web available 2 within 1m\n",
        file: "app/s.scn",
      },
      { host: memoryHost(files) },
    );
    expect(ok.diagnostics).toEqual([]);
  });

  it("a kustomization error shows before the run, in the caret form at its own file and line", () => {
    const files = {
      "app/k/kustomization.yaml": "resources:\n- web.yaml\nnamePrefx: prod-\n",
      "app/k/web.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web}\n",
    };
    const r = checkScenario(
      { text: "at 0s kubectl apply -k k/\n", file: "app/s.scn" },
      { host: memoryHost(files) },
    );
    expect(r.diagnostics).toHaveLength(1);
    const d = r.diagnostics[0];
    expect([d.code, d.file]).toEqual(["RC4067", "app/k/kustomization.yaml"]);
    expect(formatDiagnostic(d, files["app/k/kustomization.yaml"])).toBe(
      [
        'app/k/kustomization.yaml:3:1: error: invalid Kustomization: json: unknown field "namePrefx"',
        "  3 | namePrefx: prod-",
        "    | ^^^^^^^^^",
        "hint: did you mean `namePrefix`?",
      ].join("\n"),
    );
  });

  it("a folder without a kustomization points at the command line", () => {
    const r = checkScenario(
      { text: "at 0s kubectl apply -k k/\n", file: "app/s.scn" },
      { host: memoryHost({ "app/k/web.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web}\n" }) },
    );
    expect(r.diagnostics.map((d) => [d.code, d.file, d.span.line, d.message])).toEqual([
      [
        "RC4066",
        "app/s.scn",
        1,
        "unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory 'k'",
      ],
    ]);
  });

  it("a resource file is checked as `apply -f` checks its files", () => {
    const files = {
      "app/k/kustomization.yaml": "resources: [web.yaml]\n",
      "app/k/web.yaml":
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: many\n",
    };
    const r = checkScenario(
      { text: "at 0s kubectl apply -k k\n", file: "app/s.scn" },
      { host: memoryHost(files) },
    );
    expect(r.diagnostics.length).toBeGreaterThan(0);
    expect(r.diagnostics.every((d) => d.file === "app/k/web.yaml")).toBe(true);
  });
});
