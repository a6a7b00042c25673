// `kubectl config` over a run's kubeconfig (kubectl/pkg/cmd/config: create_context.go,
// use_context.go, current_context.go, get_contexts.go, view.go) and the namespace a command
// takes from its context (client-go clientcmd DirectClientConfig.Namespace: -n, else the
// context's namespace, else default).
import { describe, expect, it } from "vitest";
import { parseKubectl } from "../../src/kubectl/parse.ts";
import { DEFAULT_KUBECONFIG, type Kubeconfig } from "../../src/kubectl/kubeconfig.ts";
import { FakeCluster } from "./fakeCluster.ts";

const withDev: Kubeconfig = {
  current: "kubernetes-admin@kubernetes",
  contexts: [
    {
      name: "kubernetes-admin@kubernetes",
      cluster: "kubernetes",
      user: "kubernetes-admin",
      namespace: "dev",
    },
    { name: "ops", cluster: "kubernetes", user: "kubernetes-admin" },
  ],
};

/** A line read against a kubeconfig, and the kubeconfig it leaves. */
function line(text: string, kubeconfig: Kubeconfig = DEFAULT_KUBECONFIG) {
  const parsed = parseKubectl(text, { kubeconfig });
  return { parsed, leaves: parsed.facts?.kubeconfig };
}

describe("the namespace a command works in", () => {
  it("is -n, else its context's namespace, else default", () => {
    expect(parseKubectl("get pods").command?.namespace).toBe("default");
    expect(parseKubectl("get pods", { kubeconfig: withDev }).command?.namespace).toBe("dev");
    expect(parseKubectl("get pods -n prod", { kubeconfig: withDev }).command?.namespace).toBe("prod");
    // --context picks another context, and its namespace (none: default).
    expect(parseKubectl("get pods --context ops", { kubeconfig: withDev }).command?.namespace).toBe(
      "default",
    );
    // -n given is enforced by apply; a context's namespace is only the default.
    expect(parseKubectl("apply -f x.yaml", { kubeconfig: withDev }).command?.namespaceGiven).toBe(false);
  });

  it("a --context that does not exist is kubectl's error", () => {
    const d = parseKubectl("get pods --context nope").diagnostics;
    expect(d.map((x) => x.message)).toEqual(["error: context was not found for specified context: nope"]);
    expect(d[0].col).toBe("get pods --context ".length + 1);
  });
});

describe("kubectl config", () => {
  it('set-context --current --namespace changes the current context: `Context "…" modified.`', () => {
    const { parsed, leaves } = line("config set-context --current --namespace=dev");
    expect(parsed.diagnostics).toEqual([]);
    expect(leaves?.contexts[0]).toEqual({
      name: "kubernetes-admin@kubernetes",
      cluster: "kubernetes",
      user: "kubernetes-admin",
      namespace: "dev",
    });
    expect(parsed.command!.command.run(parsed.command!, new FakeCluster(), {}).stdout).toBe(
      'Context "kubernetes-admin@kubernetes" modified.\n',
    );
    // The next lines read the namespace from it.
    expect(parseKubectl("get pods", { kubeconfig: leaves }).command?.namespace).toBe("dev");
  });

  it("set-context NAME makes a context (`created`), use-context switches to it", () => {
    const made = line(
      "config set-context staging --cluster=kubernetes --user=kubernetes-admin --namespace=staging",
    );
    expect(made.parsed.command!.command.run(made.parsed.command!, new FakeCluster(), {}).stdout).toBe(
      'Context "staging" created.\n',
    );
    const used = line("config use-context staging", made.leaves);
    expect(used.leaves?.current).toBe("staging");
    expect(used.parsed.command!.command.run(used.parsed.command!, new FakeCluster(), {}).stdout).toBe(
      'Switched to context "staging".\n',
    );
    expect(parseKubectl("get pods", { kubeconfig: used.leaves }).command?.namespace).toBe("staging");
    // `use` is use-context's alias.
    expect(line("config use staging", made.leaves).leaves?.current).toBe("staging");
  });

  it("get-contexts prints kubectl's table, the current one starred, by name; -o name the names", () => {
    const p = parseKubectl("config get-contexts", { kubeconfig: withDev }).command!;
    expect(p.command.run(p, new FakeCluster(), {}).stdout).toBe(
      [
        "CURRENT   NAME                          CLUSTER      AUTHINFO           NAMESPACE",
        "*         kubernetes-admin@kubernetes   kubernetes   kubernetes-admin   dev",
        "          ops                           kubernetes   kubernetes-admin   ",
        "",
      ].join("\n"),
    );
    const names = parseKubectl("config get-contexts -o name", { kubeconfig: withDev }).command!;
    expect(names.command.run(names, new FakeCluster(), {}).stdout).toBe("kubernetes-admin@kubernetes\nops\n");
  });

  it("current-context and view --minify -o jsonpath={..namespace} (the usual way to ask for the namespace)", () => {
    const cur = parseKubectl("config current-context", { kubeconfig: withDev }).command!;
    expect(cur.command.run(cur, new FakeCluster(), {}).stdout).toBe("kubernetes-admin@kubernetes\n");
    const ns = parseKubectl("config view --minify -o jsonpath={..namespace}", {
      kubeconfig: withDev,
    }).command!;
    expect(ns.command.run(ns, new FakeCluster(), {}).stdout).toBe("dev");
    const view = parseKubectl("config view", { kubeconfig: withDev }).command!;
    const yaml = view.command.run(view, new FakeCluster(), {}).stdout;
    expect(yaml).toContain("current-context: kubernetes-admin@kubernetes\nkind: Config\npreferences: {}\n");
    expect(yaml).toContain("client-key-data: DATA+OMITTED");
  });

  it("reports kubectl's errors, and refuses what it does not model", () => {
    const errors = (text: string, kubeconfig?: Kubeconfig) =>
      parseKubectl(text, kubeconfig ? { kubeconfig } : {}).diagnostics.map((d) => d.message);
    expect(errors("config set-context --namespace=x")).toEqual([
      "error: you must specify a non-empty context name or --current",
    ]);
    expect(errors("config set-context a --current")).toEqual([
      "error: you cannot specify both a context name and --current",
    ]);
    expect(errors("config use-context nope")).toEqual(['error: no context exists with the name: "nope"']);
    expect(errors("config get-contexts nope")).toEqual(["error: context nope not found"]);
    expect(errors("config current-context", { current: "", contexts: [] })).toEqual([
      "error: current-context is not set",
    ]);
    expect(errors("config view --raw")[0]).toContain("is not supported by the Replicast simulator");
    expect(errors("config delete-context ops")[0]).toContain('"kubectl config delete-context"');
  });
});
