/**
 * A CustomResourceDefinition and its objects in one `kubectl apply -f` (or `create -f`): kubectl
 * maps every object before it sends the first (staging/src/k8s.io/kubectl/pkg/cmd/apply/
 * apply.go Run: GetObjects, the resource builder with ContinueOnError and its Infos, then
 * applyOneObject for each), so the objects of a kind only that CRD defines are refused by the
 * RESTMapper (cli-runtime resource/mapper.go infoForData: `resource mapping not found for name:
 * … ensure CRDs are installed first`, wrapping meta.NoKindMatchError) while the CRD and the other
 * objects are applied; run again, the kind is served and they are applied.
 *
 * How the errors print: the mapper's errors are gathered by EagerVisitorList into one
 * utilerrors aggregate, which GetObjects returns first among apply.go's errors; checkErr
 * (kubectl/pkg/cmd/util/helpers.go) unwraps an aggregate of one and prints a lone error after
 * `error: `, while MultipleErrors prints each error of an aggregate by its Error() alone, and an
 * aggregate nested in it as `[a, b]` (apimachinery pkg/util/errors aggregate.Error).
 */
import { describe, expect, it } from "vitest";
import { Simulation } from "../../src/engine/simulation.ts";
import { runKubectl } from "../../src/kubectl/run.ts";
import { runWith } from "../../src/scenario/api.ts";
import { defaultServices } from "../../src/scenario/defaultServices.ts";
import { memoryHost } from "../../src/scenario/host.ts";
import { crdYaml, INVALID_DEPLOYMENT, unmapped, widget } from "./widgetManifests.ts";

const CRD = crdYaml("widgets", "Widget", ", singular: widget");
const CONFIG_MAP = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\n";

const FILES: Record<string, string> = {
  "crd.yaml": CRD,
  "one.yaml": `${CRD}---\n${widget("w1")}`,
  "all.yaml": `${CRD}---\n${widget("w1")}---\n${CONFIG_MAP}---\n${widget("w2")}`,
  "with-invalid.yaml": `${CRD}---\n${widget("w1")}---\n${INVALID_DEPLOYMENT}`,
  "two-with-invalid.yaml": `${CRD}---\n${widget("w1")}---\n${widget("w2")}---\n${INVALID_DEPLOYMENT}`,
  "gadget.yaml": `${CRD}---\napiVersion: example.com/v1\nkind: Gadget\nmetadata: {name: g}\n`,
};

const NOTE =
  "replicast: Widget is defined by crd/widgets.example.com in this same command, which kubectl maps before it sends any object: apply the CustomResourceDefinitions first (then `kubectl wait --for condition=established crd/widgets.example.com`), or run the command again";

function cluster() {
  const s = new Simulation();
  return (line: string) => runKubectl(line, s, { readFile: (p: string) => FILES[p] });
}

const result = (r: { exitCode: number; stdout: string; stderr: string; note?: string }) => [
  r.exitCode,
  r.stdout,
  r.stderr,
  r.note,
];

describe("kubectl apply -f of a CRD and its objects at once", () => {
  it("the first run applies the CRD and refuses its object (one error: `error: `), the second applies it", () => {
    const run = cluster();
    expect(result(run("apply -f one.yaml"))).toEqual([
      1,
      "customresourcedefinition.apiextensions.k8s.io/widgets.example.com created\n",
      `error: ${unmapped("w1", "one.yaml")}\n`,
      NOTE,
    ]);
    expect(result(run("apply -f one.yaml"))).toEqual([
      0,
      "customresourcedefinition.apiextensions.k8s.io/widgets.example.com unchanged\nwidget.example.com/w1 created\n",
      "",
      undefined,
    ]);
  });

  it("the other objects are applied; two refusals are an aggregate, each printed alone", () => {
    expect(result(cluster()("apply -f all.yaml"))).toEqual([
      1,
      "customresourcedefinition.apiextensions.k8s.io/widgets.example.com created\nconfigmap/settings created\n",
      `${unmapped("w1", "all.yaml")}\n${unmapped("w2", "all.yaml")}\n`,
      NOTE,
    ]);
  });

  it("the mapping error comes before the objects' own errors (GetObjects' error is apply.go's first)", () => {
    const r = cluster()("apply -f with-invalid.yaml");
    expect(r.stdout).toBe("customresourcedefinition.apiextensions.k8s.io/widgets.example.com created\n");
    expect(r.stderr.split("\n").slice(0, 3)).toEqual([
      ...unmapped("w1", "with-invalid.yaml").split("\n"),
      expect.stringMatching(
        /^Error from server \(Invalid\): error when creating "with-invalid.yaml": Deployment.apps "web" is invalid: /,
      ),
    ]);
  });

  it("two mapping errors beside another error: their aggregate prints as one `[a, b]`", () => {
    const r = cluster()("apply -f two-with-invalid.yaml");
    expect(
      r.stderr.startsWith(
        `[${unmapped("w1", "two-with-invalid.yaml")}, ${unmapped("w2", "two-with-invalid.yaml")}]\n`,
      ),
    ).toBe(true);
  });

  it("applying the CRD first, as users do, maps its objects", () => {
    const run = cluster();
    expect(run("apply -f crd.yaml").exitCode).toBe(0);
    expect(result(run("apply -f all.yaml"))).toEqual([
      0,
      "customresourcedefinition.apiextensions.k8s.io/widgets.example.com unchanged\nwidget.example.com/w1 created\nconfigmap/settings created\nwidget.example.com/w2 created\n",
      "",
      undefined,
    ]);
  });

  it("a new CRD is Established at once, so `kubectl wait --for condition=established` returns (naming_controller.go, establishing_controller.go)", () => {
    const run = cluster();
    run("apply -f crd.yaml");
    expect(
      run(
        `get crd widgets.example.com -o 'jsonpath={.status.storedVersions} {.status.acceptedNames.listKind} {.status.conditions[?(@.type=="Established")].reason}'`,
      ).stdout,
    ).toBe('["v1"] WidgetList InitialNamesAccepted');
    expect(result(run("wait --for condition=established crd/widgets.example.com"))).toEqual([
      0,
      "customresourcedefinition.apiextensions.k8s.io/widgets.example.com condition met\n",
      "",
      undefined,
    ]);
  });

  it("no note for a kind no CRD of the command defines", () => {
    const r = cluster()("apply -f gadget.yaml");
    expect([r.exitCode, r.stderr, r.note]).toEqual([
      1,
      `error: ${unmapped("g", "gadget.yaml", "Gadget")}\n`,
      undefined,
    ]);
  });

  it("create -f maps every object before its first POST too (create.go: the same builder)", () => {
    const run = cluster();
    expect(result(run("create -f one.yaml"))).toEqual([
      1,
      "customresourcedefinition.apiextensions.k8s.io/widgets.example.com created\n",
      `error: ${unmapped("w1", "one.yaml")}\n`,
      NOTE,
    ]);
  });
});

describe("in a scenario", () => {
  const run = (text: string) =>
    runWith(defaultServices, text, "s.scn", { host: memoryHost({ "one.yaml": FILES["one.yaml"] }) });

  it("the kubectl line fails and Replicast's note follows kubectl's output", async () => {
    const r = await run(
      'scenario "crd"\nat 0s kubectl apply -f one.yaml\nat 1s kubectl apply -f one.yaml\nrun for 2s\n',
    );
    expect(r.output.map((o) => [o.time, o.text, o.error ?? false, o.note ?? false])).toEqual([
      [0, "customresourcedefinition.apiextensions.k8s.io/widgets.example.com created", false, false],
      [0, `error: ${unmapped("w1", "one.yaml")}`, true, false],
      [0, NOTE, false, true],
      [
        1,
        "customresourcedefinition.apiextensions.k8s.io/widgets.example.com unchanged\nwidget.example.com/w1 created",
        false,
        false,
      ],
    ]);
    expect(r.failures.map((f) => f.line)).toEqual([2]);
  });

  it("the scenario's own `apply file` applies the CRD and its objects (the language's contract)", async () => {
    const r = await run('scenario "crd"\nat 0s apply file "one.yaml"\nrun for 1s\n');
    expect(r.output.map((o) => o.text)).toEqual([
      "customresourcedefinition.apiextensions.k8s.io/widgets.example.com created\nwidget.example.com/w1 created",
    ]);
    expect(r.failures).toEqual([]);
  });
});
