// Command lines as kubernetes.io's ZooKeeper tutorial writes them
// (docs/tutorials/stateful-application/zookeeper): `kubectl get pod zk-0 --template
// {{.spec.nodeName}}` prints the node's name, and `kubectl drain $(kubectl get pod zk-0
// --template {{.spec.nodeName}}) …` is a shell's command substitution, one command inside another.
import { describe, expect, it } from "vitest";
import { parseKubectl, runKubectl } from "../../src/kubectl/index.ts";
import { FakeCluster } from "./fakeCluster.ts";
import { deployment, replicaSetFor, runningPod } from "./fixtures.ts";

function cluster() {
  const c = new FakeCluster();
  const d = c.put(deployment("web", "nginx", 1));
  const rs = c.put(replicaSetFor(d, "abc", 1, 1));
  const p = c.put(runningPod("web-abc-1", rs, 0));
  p.spec.nodeName = "node-2";
  return c;
}

describe("--template without -o", () => {
  it("prints with the template as a go-template (cli-runtime print_flags.go ToPrinter)", () => {
    const c = cluster();
    expect(runKubectl("get pod web-abc-1 --template {{.spec.nodeName}}", c).stdout).toBe("node-2");
    expect(runKubectl("get pods --template '{{range .items}}{{.metadata.name}} {{end}}'", c).stdout).toBe(
      "web-abc-1 ",
    );
    // An explicit -o still decides: jsonpath reads the same flag as its template.
    expect(runKubectl("get pod web-abc-1 -o jsonpath --template {.spec.nodeName}", c).stdout).toBe("node-2");
    // An empty template is no template: the table.
    expect(runKubectl("get pod web-abc-1 --template ''", c).stdout).toMatch(/^NAME +READY/);
  });
});

describe("command substitution in kubectl's words", () => {
  it("is refused as a whole, with the inner command to run on its own line", () => {
    const line =
      "drain $(kubectl get pod zk-0 --template {{.spec.nodeName}}) --ignore-daemonsets --force --delete-emptydir-data";
    const d = parseKubectl(line).diagnostics;
    expect(d).toEqual([
      {
        kind: "error",
        message: "error: command substitution `$(…)` is not supported by the Replicast simulator",
        col: 7,
        length: "$(kubectl get pod zk-0 --template {{.spec.nodeName}})".length,
        hint: "a scenario line is one command: run `kubectl get pod zk-0 --template {{.spec.nodeName}}` on a line of its own to see what it prints, and write that here",
      },
    ]);
    // In double quotes too; in single quotes it is a literal word, kubectl's to read.
    expect(parseKubectl('describe pod "$(kubectl get pods -o name)"').diagnostics[0].message).toMatch(
      /command substitution/,
    );
    expect(parseKubectl("get pods -l 'app=$(x)'").diagnostics).toEqual([]);
  });
});
