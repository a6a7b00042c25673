// Parsing and planning are linear: 100,000 statements and 5,000 YAML documents cost at most
// a bounded multiple of 100× a 1,000-statement (50-document) run — a ratio, not seconds, so
// a busy machine does not fail it, while a quadratic step (100× the input → 10,000× the
// time) does. The same for kubectl lines of any length (10× the words, at most 30× the time)
// and YAML maps of many keys (the yaml package's own duplicate-key check was quadratic).
import { describe, expect, it } from "vitest";
import { loadManifests } from "../../src/k8s/manifest.ts";
import { parseKubectl } from "../../src/kubectl/parse.ts";
import { checkWith } from "../../src/scenario/api.ts";
import { defaultServices } from "../../src/scenario/defaultServices.ts";
import { memoryHost } from "../../src/scenario/host.ts";

/** Median CPU-bound time of `f` over a few runs, ms. */
function time(f: () => void, runs = 3): number {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    ms.push(performance.now() - t);
  }
  return ms.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

const scenario = (statements: number, documents: number): string => {
  const docs: string[] = [];
  for (let i = 0; i < documents; i++)
    docs.push(`---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\n`);
  const lines = [
    `manifest m = <<YAML\n${docs.join("")}YAML`,
    "at 0s apply m",
    "at 0s kubectl create deployment web --image=nginx",
  ];
  for (let i = 0; i < statements; i++) lines.push(`at ${i + 1}s expect replicas >= 0`);
  return lines.join("\n") + "\n";
};

const plan = (text: string) => () => {
  const r = checkWith(defaultServices, text, "big.scn", { host: memoryHost({}) });
  if (!r.ok) throw new Error(r.diagnostics[0]?.message);
};

describe("parse and plan cost grows linearly", () => {
  it("100,000 statements and 5,000 documents: within 100 × (1,000 statements, 50 documents) × 3", () => {
    const small = scenario(1_000, 50);
    const big = scenario(99_990, 5_000);
    plan(small)(); // warm up the parser and the JIT
    const t1 = time(plan(small), 5);
    const t100 = time(plan(big), 1);
    expect(t100 / t1).toBeLessThan(300);
  }, 300_000);

  it("a kubectl line 10× longer parses in at most 30× the time (quadratic would be 100×)", () => {
    const line = (n: number) =>
      `get pods ${"a ".repeat(n)}-o 'jsonpath={.items[*].metadata.name}' | grep -E '(a+)+$'`;
    parseKubectl(line(40_000));
    const t1 = time(() => parseKubectl(line(40_000)), 5);
    const t10 = time(() => parseKubectl(line(400_000)), 3);
    expect(t10 / t1).toBeLessThan(30);
  }, 120_000);

  it("a YAML map of 10× the keys loads in at most 30× the time (quadratic would be 100×)", () => {
    const configMap = (n: number) => {
      const data: string[] = [];
      for (let i = 0; i < n; i++) data.push(`  k${i}: v${i}\n`);
      return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n${data.join("")}`;
    };
    const load = (text: string) => () => {
      const r = loadManifests(text);
      if (r.objects.length !== 1) throw new Error(r.diagnostics[0]?.message);
    };
    const small = configMap(2_000);
    const big = configMap(20_000);
    load(small)();
    const t1 = time(load(small), 5);
    const t10 = time(load(big), 3);
    expect(t10 / t1).toBeLessThan(30);
  }, 120_000);
});
