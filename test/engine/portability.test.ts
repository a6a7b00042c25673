/**
 * The functional core runs under Node, Deno and in a browser, and is deterministic: no
 * Node-only API, no wall clock, no unseeded randomness (architecture.md: everything under
 * these folders but the named adapters). test/deno runs a scenario under Deno besides.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const src = join(import.meta.dirname, "../../src");
const CORE = [
  "dsl",
  "k8s",
  "engine",
  "scenario",
  "kubectl",
  "kustomize",
  "fidelity",
  "text",
  "charts",
  "traffic",
  "explain",
];
/** The thin adapters that live beside the core they serve: files, native rendering. */
const ADAPTERS = new Set([
  "scenario/node.ts",
  "scenario/nodeHost.ts",
  "scenario/nodeRead.ts",
  "charts/render.ts",
]);

const files = CORE.flatMap((dir) =>
  readdirSync(join(src, dir), { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))
    .map((f) => relative(src, join(src, dir, f))),
).filter((f) => !ADAPTERS.has(f));

const FORBIDDEN: [string, RegExp][] = [
  ["a node: import", /from\s+["']node:/],
  ["process", /\bprocess\./],
  ["Buffer", /\bBuffer\b/],
  ["Date.now()", /\bDate\.now\(/],
  ["new Date() (the wall clock)", /\bnew Date\(\s*\)/],
  ["Math.random()", /\bMath\.random\(/],
  ["setTimeout", /\bsetTimeout\(/],
];

describe("the functional core stays portable and deterministic", () => {
  it("has the files to check, in every core folder and below", () => {
    expect(files).toEqual(
      expect.arrayContaining([
        "engine/simulation.ts",
        "engine/controllers/hpa/replicaCalc.ts",
        "dsl/parser.ts",
        "scenario/plan.ts",
        "k8s/printing/describeWriter.ts",
        "text/suggest.ts",
        "explain/hpa.ts",
      ]),
    );
    for (const dir of CORE) expect(files.some((f) => f.startsWith(`${dir}/`))).toBe(true);
  });
  it.each(files)("%s uses no Node-only API, wall clock or unseeded randomness", (file) => {
    const text = readFileSync(join(src, file), "utf8");
    const found = FORBIDDEN.filter(([, re]) => re.test(text)).map(([name]) => name);
    expect(found).toEqual([]);
  });
});
