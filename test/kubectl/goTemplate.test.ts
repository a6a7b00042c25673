/**
 * `-o go-template` (src/kubectl/goTemplate.ts): Go's text/template as kubectl's
 * GoTemplatePrinter runs it (cli-runtime printers/template.go), on the object as JSON. The
 * expected texts are what text/template prints for the same data (exec.go, fmt's %v).
 */
import { describe, expect, it } from "vitest";
import { executeGoTemplate, GoTemplateError } from "../../src/kubectl/goTemplate.ts";

const list = {
  apiVersion: "v1",
  kind: "List",
  items: [
    { metadata: { name: "web-1", labels: { app: "web", tier: "front" } }, status: { phase: "Running" } },
    { metadata: { name: "web-2", labels: { app: "web" } }, status: { phase: "Pending", reason: null } },
  ],
};

const run = (t: string, data: unknown = list) => executeGoTemplate(t, data);
const error = (t: string, data: unknown = list) => {
  try {
    run(t, data);
  } catch (e) {
    if (e instanceof GoTemplateError) return [e.stage, e.message];
  }
  return undefined;
};

describe("go-template", () => {
  it("ranges over the List's items as the Kubernetes Basics tutorial does", () => {
    expect(run('{{range .items}}{{.metadata.name}}{{"\\n"}}{{end}}')).toBe("web-1\nweb-2\n");
    expect(run("{{range $i, $p := .items}}{{$i}}={{$p.metadata.name}} {{end}}")).toBe("0=web-1 1=web-2 ");
    expect(run("{{range .nothing}}x{{else}}none{{end}}")).toBe("none");
  });

  it("prints values as fmt's %v: maps in key order, lists in brackets, null <nil>", () => {
    expect(run("{{(index .items 0).metadata.labels}}")).toBe("map[app:web tier:front]");
    expect(run("{{range .items}}{{.status}};{{end}}")).toBe(
      "map[phase:Running];map[phase:Pending reason:<nil>];",
    );
    expect(run("{{.}}", [1, 2.5, "a", true])).toBe("[1 2.5 a true]");
    expect(run("{{len .items}} {{index .items 1 | len}}")).toBe("2 2");
  });

  it("a key the map lacks prints <no value>, fields under it too; a field of null is an error", () => {
    // exec.go evalField: missingkey=default keeps the invalid value; a nil interface errors.
    expect(run("{{.spec}}|{{.spec.replicas}}")).toBe("<no value>|<no value>");
    expect(error("{{range .items}}{{.status.reason.code}}{{end}}")).toEqual([
      "exec",
      'template: output:1:18: executing "output" at <.status.reason.code>: nil pointer evaluating interface {}.code',
    ]);
    expect(error("{{.kind.name}}")).toEqual([
      "exec",
      'template: output:1:2: executing "output" at <.kind.name>: can\'t evaluate field name in type string',
    ]);
  });

  it("if/else if/else, with, comparisons, pipes, printf and trimming", () => {
    const t =
      '{{range .items}}{{if eq .status.phase "Running"}}up{{else if eq .status.phase "Pending"}}wait{{else}}?{{end}} {{end}}';
    expect(run(t)).toBe("up wait ");
    expect(run('{{with (index .items 0).metadata}}{{.name | printf "%q"}}{{end}}')).toBe('"web-1"');
    expect(run("{{- /* a comment */ -}}\n  {{ .kind -}}  \n!")).toBe("List!");
    expect(run('{{printf "%s has %d items%%" .kind (len .items)}}')).toBe("List has 2 items%");
    expect(run("{{if and .items (not .spec)}}yes{{end}} {{or .spec .kind}}")).toBe("yes List");
    expect(run('{{if exists . "items" 0 "metadata"}}has{{end}}')).toBe("has");
  });

  it("refuses what Go refuses to parse, as parse errors", () => {
    expect(error("{{range .items}}")).toEqual(["parse", "template: output:1: unexpected EOF"]);
    expect(error("{{end}}")).toEqual(["parse", "template: output:1: unexpected {{end}}"]);
    expect(error("{{upper .kind}}")).toEqual(["parse", 'template: output:1: function "upper" not defined']);
  });
});
