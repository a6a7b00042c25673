/**
 * `kubectl apply -f DIR [-R]` and `apply file "DIR/"`: the files kubectl's visitor reads
 * (cli-runtime resource/visitor.go ExpandPathsToFileVisitors: lexical order, subfolders only
 * with -R, .json/.yaml/.yml only, nothing skipped by name), and a repository-like k8s/ folder
 * applied into one namespace per environment.
 */
import { describe, expect, it } from "vitest";
import { Simulation } from "../../src/engine/simulation.ts";
import { expandPaths } from "../../src/kubectl/visitor.ts";
import { runKubectl } from "../../src/kubectl/run.ts";
import { runScenario } from "../../src/scenario/index.ts";
import { memoryHost } from "../../src/scenario/host.ts";
import { nodeHost } from "../../src/scenario/nodeHost.ts";
import { WEB_DEPLOYMENT_YAML } from "../fixtures/manifests.ts";

const files = {
  "app/k8s/b.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n",
  "app/k8s/a.yml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n",
  "app/k8s/notes.txt": "not a manifest",
  "app/k8s/sub/c.json": '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}}',
  "app/k8s/sub/deeper/d.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: d\n",
};

describe("which files apply -f DIR reads (visitor.go)", () => {
  const host = memoryHost(files);
  it("a folder's own files in lexical order, by extension; subfolders with -R, where they sort", () => {
    expect(expandPaths("app/k8s/", false, (p) => host.listDir?.(p))).toEqual([
      "app/k8s/a.yml",
      "app/k8s/b.yaml",
    ]);
    expect(expandPaths("app/k8s", true, (p) => host.listDir?.(p))).toEqual([
      "app/k8s/a.yml",
      "app/k8s/b.yaml",
      "app/k8s/sub/c.json",
      "app/k8s/sub/deeper/d.yaml",
    ]);
    // A file named explicitly is read whatever its extension.
    expect(expandPaths("app/k8s/notes.txt", false, (p) => host.listDir?.(p))).toEqual(["app/k8s/notes.txt"]);
  });

  it("kubectl apply -f DIR -R creates every object, each file in turn", () => {
    const s = new Simulation();
    const r = runKubectl("apply -R -f app/k8s/", s, {
      readFile: (p) => host.readFile(p),
      listDir: (p) => host.listDir?.(p),
    });
    expect(r.stdout).toBe(
      "configmap/a created\nconfigmap/b created\nconfigmap/c created\nconfigmap/d created\n",
    );
  });

  it("a kustomization.yaml is read like any file, and refused as kubectl refuses it", () => {
    const host2 = memoryHost({
      "k/kustomization.yaml":
        "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- web.yaml\n",
      "k/web.yaml": WEB_DEPLOYMENT_YAML,
    });
    const s = new Simulation();
    const r = runKubectl("apply -f k/", s, {
      readFile: (p) => host2.readFile(p),
      listDir: (p) => host2.listDir?.(p),
    });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(
      'error: resource mapping not found for name: "" namespace: "" from "k/kustomization.yaml": no matches for kind "Kustomization" in version "kustomize.config.k8s.io/v1beta1"\nensure CRDs are installed first\n',
    );
    expect(r.stdout).toBe("deployment.apps/web created\n");
  });
});

describe('apply file "DIR/" in a scenario', () => {
  it("applies the folder's files, and an empty folder is an error at its line", async () => {
    const text = 'apply file "k8s/"\nat 1s kubectl get cm\nrun for 2s';
    const r = await runScenario({ text, file: "app/s.scn" }, { host: memoryHost(files) });
    expect(r.output.map((o) => o.text)).toEqual([
      "configmap/a created\nconfigmap/b created",
      // With the root CA publisher's kube-root-ca.crt, in every namespace.
      "NAME               DATA   AGE\na                  0      1s\nb                  0      1s\nkube-root-ca.crt   1      1s",
    ]);
    const empty = await runScenario(
      { text: 'apply file "k8s/sub/deeper/nothing/"', file: "app/s.scn" },
      { host: memoryHost({ ...files, "app/k8s/sub/deeper/nothing/x.txt": "" }) },
    );
    expect(empty.diagnostics.map((d) => [d.code, d.message])).toEqual([
      [
        "RC4026",
        'no objects passed to apply: folder "k8s/sub/deeper/nothing/" holds no .json, .yaml or .yml file',
      ],
    ]);
  });

  it("a repository's k8s/ folder: one base in two namespaces, an overlay per environment", async () => {
    const file = "test/fixtures/repos/shop/shop.scn";
    const r = await runScenario({ text: nodeHost().readFile(file)!, file }, { host: nodeHost() });
    expect(r.failures).toEqual([]);
    const [deploys, hpas] = r.output.filter((o) => o.time === 120).map((o) => o.text);
    expect(deploys).toBe(
      [
        "NAMESPACE      NAME     READY   UP-TO-DATE   AVAILABLE   AGE",
        "shop-prod      api      3/3     3            3           2m",
        "shop-prod      worker   1/1     1            1           2m",
        "shop-staging   api      2/2     2            2           2m",
        "shop-staging   worker   1/1     1            1           2m",
      ].join("\n"),
    );
    expect(hpas.split("\n").map((l) => l.split(/\s+/).slice(0, 2).join(" "))).toEqual([
      "NAMESPACE NAME",
      "shop-prod api",
      "shop-staging api",
    ]);
    // A PodDisruptionBudget is simulated (the disruption controller), so it is not listed; so
    // is a ServiceAccount (the ServiceAccount admission plug-in reads it).
    expect(r.stored).toBeUndefined();
  });
});
