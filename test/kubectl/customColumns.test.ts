// `-o custom-columns` (kubectl/pkg/cmd/get/customcolumn.go: RelaxedJSONPathExpression,
// NewCustomColumnsPrinterFromSpec, printOneObject's fmt.Sprint and `<none>`) and
// `--field-selector` (apimachinery fields.ParseSelector; the selectable fields of each kind's
// registry strategy; EnhanceListError's message).
import { describe, expect, it } from "vitest";
import { goSprint, parseCustomColumns, relaxedJsonPath } from "../../src/kubectl/printers/customColumns.ts";
import { escapeTerminal } from "../../src/kubectl/printers/terminal.ts";
import { parseFieldSelector } from "../../src/kubectl/fieldSelector.ts";
import { parseKubectl } from "../../src/kubectl/parse.ts";
import { runKubectl } from "../../src/kubectl/run.ts";
import { FakeCluster } from "./fakeCluster.ts";
import { deployment, event, replicaSetFor, runningPod } from "./fixtures.ts";

function cluster(): FakeCluster {
  const c = new FakeCluster();
  const d = c.put(deployment("web", "nginx:1.25", 2));
  const rs = c.put(replicaSetFor(d, "6d4cf56db6", 2, 1));
  c.put(runningPod("web-6d4cf56db6-abcde", rs, 0));
  const pending = runningPod("web-6d4cf56db6-fghij", rs, 5, { phase: "Pending" });
  pending.spec.nodeName = "node-2";
  c.put(pending);
  c.events.push(
    event(
      0,
      "Deployment",
      "web",
      "Normal",
      "ScalingReplicaSet",
      "Scaled up replica set web-6d4cf56db6 to 2",
      "deployment-controller",
    ),
    event(
      5,
      "Pod",
      "web-6d4cf56db6-fghij",
      "Warning",
      "FailedScheduling",
      "0/3 nodes are available",
      "default-scheduler",
    ),
  );
  c.now = 60;
  return c;
}

describe("-o custom-columns", () => {
  it("relaxes each path to a JSONPath action, as RelaxedJSONPathExpression does", () => {
    for (const p of ["metadata.name", ".metadata.name", "{metadata.name}", "{.metadata.name}"])
      expect(relaxedJsonPath(p)).toBe("{.metadata.name}");
    expect(parseCustomColumns("NAME:.metadata.name,NODE:spec.nodeName")).toEqual([
      { header: "NAME", fieldSpec: "{.metadata.name}" },
      { header: "NODE", fieldSpec: "{.spec.nodeName}" },
    ]);
    expect(parseCustomColumns("NAME")).toEqual({
      error: "error: unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>",
    });
    expect(parseCustomColumns("")).toEqual({
      error: "error: custom-columns format specified but no custom columns given",
    });
  });

  it("prints a row per object: several values joined by commas, none as <none>, maps as Go prints them", () => {
    const out = runKubectl(
      "get pods -o custom-columns=NAME:.metadata.name,PHASE:.status.phase,IMAGES:.spec.containers[*].image,IP:.status.podIPs,LABELS:.metadata.labels",
      cluster(),
    );
    expect(out.stdout).toBe(
      [
        "NAME                   PHASE     IMAGES       IP       LABELS",
        "web-6d4cf56db6-abcde   Running   nginx:1.25   <none>   map[app:web pod-template-hash:6d4cf56db6]",
        "web-6d4cf56db6-fghij   Pending   nginx:1.25   <none>   map[app:web pod-template-hash:6d4cf56db6]",
        "",
      ].join("\n"),
    );
    expect(goSprint({ b: [1, "x"], a: { c: true }, n: null })).toBe("map[a:map[c:true] b:[1 x] n:<nil>]");
    // EscapeTerminal (kubernetes issue #101695): a value cannot send the terminal escapes.
    expect(escapeTerminal("a\u001b[31mb\rc")).toBe("a^[[31mb\\rc");
  });

  it("--no-headers leaves the header out; a kubectl error for a bad spec points at -o", () => {
    expect(runKubectl("get pods -o custom-columns=N:.metadata.name --no-headers", cluster()).stdout).toBe(
      "web-6d4cf56db6-abcde\nweb-6d4cf56db6-fghij\n",
    );
    expect(runKubectl("get pods -o custom-columns=N:{.a}{.b}", cluster()).stderr).toContain(
      "unexpected path string, expected a 'name1.name2'",
    );
  });
});

describe("--field-selector", () => {
  it("parses =, == and != terms, comma-separated", () => {
    expect(parseFieldSelector("status.phase=Running,spec.nodeName!=node-1,metadata.name==x")).toEqual([
      { field: "status.phase", op: "=", value: "Running" },
      { field: "spec.nodeName", op: "!=", value: "node-1" },
      { field: "metadata.name", op: "=", value: "x" },
    ]);
    expect(parseFieldSelector("nonsense")).toEqual({
      error: "invalid selector: 'nonsense'; can't understand 'nonsense'",
    });
  });

  it("filters a pod list by the pod strategy's fields", () => {
    const names = (line: string) =>
      runKubectl(line, cluster())
        .stdout.trimEnd()
        .split("\n")
        .slice(1)
        .map((l) => l.split(/\s+/)[0]);
    expect(names("get pods --field-selector status.phase=Running")).toEqual(["web-6d4cf56db6-abcde"]);
    expect(names("get pods --field-selector=spec.nodeName=node-2")).toEqual(["web-6d4cf56db6-fghij"]);
    expect(
      names("get pods --field-selector status.phase!=Running,metadata.name=web-6d4cf56db6-fghij"),
    ).toEqual(["web-6d4cf56db6-fghij"]);
  });

  it("a field the kind cannot be selected by is the server's BadRequest, as kubectl words it", () => {
    const r = runKubectl("get deploy --field-selector spec.replicas=2", cluster());
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(
      'Error from server (BadRequest): Unable to find "apps/v1, Resource=deployments" that match label selector "", field selector "spec.replicas=2": field label not supported: spec.replicas\n',
    );
    expect(runKubectl("get pods --field-selector spec.replicas=2", cluster()).stderr).toContain(
      '"/v1, Resource=pods"',
    );
    // The server refuses the field before it lists anything: an empty list is no excuse.
    expect(runKubectl("get events --field-selector spec.x=1", new FakeCluster()).stderr).toBe(
      'Error from server (BadRequest): Unable to find "/v1, Resource=events" that match label selector "", field selector "spec.x=1": field label not supported: spec.x\n',
    );
  });

  it("selects events by type and involved object; delete takes it in place of names", () => {
    const events = runKubectl(
      "get events --field-selector type=Warning,involvedObject.kind=Pod",
      cluster(),
    ).stdout;
    expect(events).toContain("FailedScheduling");
    expect(events).not.toContain("ScalingReplicaSet");
    const c = cluster();
    expect(runKubectl("delete pods --field-selector status.phase=Pending", c).stdout).toBe(
      'pod "web-6d4cf56db6-fghij" deleted\n',
    );
    expect(c.api.list("Pod", "default").map((p) => p.metadata.name)).toEqual(["web-6d4cf56db6-abcde"]);
  });
});

describe("get -w with an -o format", () => {
  it("parses, as kubectl prints each change with that printer (watch.test.ts); --output-watch-events needs a watch", () => {
    expect(parseKubectl("get pods -w -o custom-columns=N:.metadata.name").diagnostics).toEqual([]);
    expect(parseKubectl("get pods -w -o name --output-watch-events").diagnostics).toEqual([]);
    // get.go Validate: a usage error.
    expect(
      parseKubectl("get pods --output-watch-events").diagnostics.map((x) => [x.message, x.usage]),
    ).toEqual([
      [
        "error: --output-watch-events option can only be used with --watch or --watch-only",
        "See 'kubectl get -h' for help and examples",
      ],
    ]);
  });
});
