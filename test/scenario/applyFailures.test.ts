/**
 * The `apply` statement's failures, counted per object: a folder is applied file by file
 * (kubectl's visitors name each error's own file) but the statement's failure says how many of
 * all its objects failed, as the report counts expectations and commands ("2 of 5 objects
 * failed"), then kubectl's errors (apply.go aggregates them after the last object's line).
 */
import { describe, expect, it } from "vitest";
import { formatReport } from "../../src/scenario/index.ts";
import { runWith } from "../../src/scenario/api.ts";
import { defaultServices } from "../../src/scenario/defaultServices.ts";
import { memoryHost } from "../../src/scenario/host.ts";

const configMap = (name: string, namespace = "default") =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}, namespace: ${namespace}}\n`;

const FILES: Record<string, string> = {
  "dir/a.yaml": [configMap("a1"), configMap("a2", "nope")].join("---\n"),
  "dir/b.yaml": [configMap("b1"), configMap("b2", "nope"), configMap("b3")].join("---\n"),
  "one.yaml": configMap("solo", "nope"),
  "fine.yaml": [configMap("c1"), configMap("c2")].join("---\n"),
};

const run = (text: string) => runWith(defaultServices, text, "apply.scn", { host: memoryHost(FILES) });

const NOT_FOUND = (file: string) =>
  `Error from server (NotFound): error when creating "${file}": namespaces "nope" not found`;

describe("the apply statement's failures, per object", () => {
  it("a folder: one failure for the statement, counting the objects of every file", async () => {
    const r = await run('at 0s apply file "dir/"\nrun for 1s\n');
    expect(r.failures.map((f) => [f.line, f.message])).toEqual([
      [1, ["2 of 5 objects failed", NOT_FOUND("dir/a.yaml"), NOT_FOUND("dir/b.yaml")].join("\n")],
    ]);
    // The timeline shows what kubectl printed, without the count.
    expect(r.output.filter((o) => o.error).map((o) => o.text)).toEqual([
      [NOT_FOUND("dir/a.yaml"), NOT_FOUND("dir/b.yaml")].join("\n"),
    ]);
    const report = formatReport(r);
    expect(report).toContain(
      '  ✗ line 1 at 0s  apply file "dir/"\n      2 of 5 objects failed\n      Error from server (NotFound)',
    );
    expect(report).toContain("1 command failed");
  });

  it("one object: kubectl's error alone; a kubectl line keeps kubectl's text", async () => {
    const r = await run('at 0s apply file "one.yaml"\nat 1s kubectl apply -f dir/\nrun for 2s\n');
    expect(r.failures.map((f) => f.message)).toEqual([
      NOT_FOUND("one.yaml"),
      [NOT_FOUND("dir/a.yaml"), NOT_FOUND("dir/b.yaml")].join("\n"),
    ]);
  });

  it("no failure when every object applies", async () => {
    const r = await run('at 0s apply file "fine.yaml"\nrun for 1s\n');
    expect(r.failures).toEqual([]);
  });
});
