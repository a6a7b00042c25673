// A walk-through that switches namespace with `kubectl config set-context --current
// --namespace=NS` (kubernetes.io "Namespaces Walkthrough" does it with set-context and
// use-context): the kubectl lines after it work in that namespace, those before it do not,
// and an expectation that names the object without its namespace gets a hint.
import { describe, expect, it } from "vitest";
import { checkScenario, runScenario } from "../../src/scenario/index.ts";
import { memoryHost } from "../../src/scenario/host.ts";

const host = memoryHost({
  "app.yaml": [
    "apiVersion: apps/v1",
    "kind: Deployment",
    "metadata:",
    "  name: web",
    "spec:",
    "  replicas: 2",
    "  selector: { matchLabels: { app: web } }",
    "  template:",
    "    metadata: { labels: { app: web } }",
    "    spec:",
    "      containers:",
    "      - { name: web, image: nginx:1.25 }",
    "",
  ].join("\n"),
});

const SCENARIO = [
  "at 0s kubectl create namespace development",
  "kubectl create deployment before --image=nginx:1.25",
  "kubectl config set-context --current --namespace=development",
  "kubectl apply -f app.yaml",
  "at 30s kubectl get deploy",
  "kubectl get deploy -n default",
  "kubectl config view --minify -o jsonpath={..namespace}",
  "expect rollout development/deployment/web complete within 1m",
].join("\n");

describe("a context's namespace", () => {
  it("puts the kubectl lines after `config set-context --namespace` in that namespace", async () => {
    const r = await runScenario({ text: SCENARIO, file: "ns.scn" }, { host });
    const out = (command: string) => r.output.find((o) => o.command === command)?.text ?? "";
    expect(out("kubectl config set-context --current --namespace=development")).toBe(
      'Context "kubernetes-admin@kubernetes" modified.',
    );
    expect(
      out("kubectl get deploy")
        .split("\n")
        .map((l) => l.split(/\s+/)[0]),
    ).toEqual(["NAME", "web"]);
    expect(
      out("kubectl get deploy -n default")
        .split("\n")
        .map((l) => l.split(/\s+/)[0]),
    ).toEqual(["NAME", "before"]);
    expect(out("kubectl config view --minify -o jsonpath={..namespace}")).toBe("development");
    expect(r.expectations.map((e) => e.passed)).toEqual([true]);
    expect(r.passed).toBe(true);
  });

  it("hints at the namespace when an expectation names the object without it", () => {
    const text = SCENARIO.replace("development/deployment/web", "deployment/web");
    const d = checkScenario({ text, file: "ns.scn" }, { host }).diagnostics.find((x) => x.code === "RC4012");
    expect(d?.message).toBe("deployment/web is not created by this scenario");
    expect(d?.hint).toBe(
      "it is made in another namespace: write development/deployment/web (a name without a namespace is in default)",
    );
  });
});
