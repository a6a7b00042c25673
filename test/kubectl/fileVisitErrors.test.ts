/**
 * `kubectl create -f` and `replace -f` with several errors. Both visit the resource builder's
 * result (create.go RunCreate, replace.go Run; cli-runtime builder.go Do: a DecoratedVisitor
 * around a ContinueOnErrorVisitor around the files' EagerVisitorList). The ContinueOnErrorVisitor
 * collects RequireNamespace's refusals and the command's own errors (cmdutil.AddSourceToErr) in
 * visit order, then adds the EagerVisitorList's aggregate of the RESTMapper's refusals (mapper.go
 * infoForData, `resource mapping not found …`) last. checkErr (cmd/util/helpers.go) prints one
 * error alone (a mapping error after `error: `, an Invalid from its details), and an aggregate by
 * MultipleErrors: each error bare or as StandardErrorMessage words a status, an aggregate of
 * two or more among them as `[a, b]` (apimachinery pkg/util/errors aggregate.Error).
 */
import { describe, expect, it } from "vitest";
import { runKubectl } from "../../src/kubectl/run.ts";
import { Simulation } from "../../src/engine/simulation.ts";
import { INVALID_DEPLOYMENT, unmapped, widget } from "./widgetManifests.ts";

const configMap = (name: string, namespace?: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}${namespace ? `, namespace: ${namespace}` : ""}}\n`;
const FILES: Record<string, string> = {
  "one-widget.yaml": widget("w1"),
  "two-widgets.yaml": `${widget("w1")}---\n${widget("w2")}`,
  "widget-first.yaml": `${widget("w1")}---\n${configMap("a")}`,
  "widgets-and-invalid.yaml": `${widget("w1")}---\n${INVALID_DEPLOYMENT}---\n${widget("w2")}`,
  "namespaces.yaml": `${configMap("a")}---\n${configMap("b", "other")}---\n${configMap("c")}`,
};
const exists = (verb: string, file: string, name: string) =>
  `Error from server (AlreadyExists): error when ${verb} "${file}": configmaps "${name}" already exists`;
const k = (c: Simulation, line: string) => runKubectl(line, c, { readFile: (p) => FILES[p] });

describe("create -f: the builder's mapping errors as apply's aggregate", () => {
  it("one alone after `error: `", () => {
    const r = k(new Simulation(), "create -f one-widget.yaml");
    expect([r.exitCode, r.stderr]).toEqual([1, `error: ${unmapped("w1", "one-widget.yaml")}\n`]);
  });

  it("two alone: the aggregate printed by MultipleErrors, each bare", () => {
    const r = k(new Simulation(), "create -f two-widgets.yaml");
    expect(r.stderr).toBe(`${unmapped("w1", "two-widgets.yaml")}\n${unmapped("w2", "two-widgets.yaml")}\n`);
    expect(r.perObject?.failed).toBe(2);
  });

  it("after the objects' own errors, though its object came first in the file", () => {
    const c = new Simulation();
    k(c, "create -f widget-first.yaml");
    const r = k(c, "create -f widget-first.yaml");
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      `${exists("creating", "widget-first.yaml", "a")}\n${unmapped("w1", "widget-first.yaml")}\n`,
    );
  });

  it("two beside an Invalid object: the Invalid as its status, then `[a, b]`", () => {
    const r = k(new Simulation(), "create -f widgets-and-invalid.yaml");
    expect(r.stderr).toBe(
      'Error from server (Invalid): error when creating "widgets-and-invalid.yaml": Deployment.apps "web" is invalid: ' +
        '[spec.selector: Required value, spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`]\n' +
        `[${unmapped("w1", "widgets-and-invalid.yaml")}, ${unmapped("w2", "widgets-and-invalid.yaml")}]\n`,
    );
  });

  it("RequireNamespace's refusal in its place among the objects' errors (the ContinueOnErrorVisitor's order)", () => {
    const c = new Simulation();
    k(c, "create -f namespaces.yaml -n default");
    const r = k(c, "create -f namespaces.yaml -n default");
    expect(r.stderr).toBe(
      `${exists("creating", "namespaces.yaml", "a")}\n` +
        `the namespace from the provided object "other" does not match the namespace "default". You must pass '--namespace=other' to perform this operation.\n` +
        `${exists("creating", "namespaces.yaml", "c")}\n`,
    );
  });
});

describe("replace -f: the same Visit", () => {
  it("two mapping errors bare, after an object's NotFound", () => {
    const r = k(new Simulation(), "replace -f widget-first.yaml");
    expect(r.stderr).toBe(
      `Error from server (NotFound): error when replacing "widget-first.yaml": configmaps "a" not found\n` +
        `${unmapped("w1", "widget-first.yaml")}\n`,
    );
    expect(k(new Simulation(), "replace -f two-widgets.yaml").stderr).toBe(
      `${unmapped("w1", "two-widgets.yaml")}\n${unmapped("w2", "two-widgets.yaml")}\n`,
    );
  });

  it("--force deletes what it mapped, then returns the builder's errors and creates nothing (forceReplace: DeleteResult's error)", () => {
    const c = new Simulation();
    k(c, "create -f widget-first.yaml");
    const r = k(c, "replace --force -f widget-first.yaml");
    expect([r.exitCode, r.stdout, r.stderr]).toEqual([
      1,
      'configmap "a" deleted\n',
      `error: ${unmapped("w1", "widget-first.yaml")}\n`,
    ]);
    expect(c.api.get("ConfigMap", "default", "a")).toBeUndefined();
  });
});
