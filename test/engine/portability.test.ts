/**
 * The engine core runs under Node, Deno and in a browser, and is deterministic: no Node-only
 * API, no wall clock, no unseeded randomness (house rules; architecture.md "Principles").
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const dir = join(import.meta.dirname, "../../src/engine");
const files = readdirSync(dir).filter((f) => f.endsWith(".ts"));

const FORBIDDEN: [string, RegExp][] = [
  ["a node: import", /from\s+["']node:/],
  ["process", /\bprocess\./],
  ["Buffer", /\bBuffer\b/],
  ["Date.now()", /\bDate\.now\(/],
  ["new Date()", /\bnew Date\(/],
  ["Math.random()", /\bMath\.random\(/],
  ["setTimeout", /\bsetTimeout\(/],
];

describe("src/engine/*.ts stays portable and deterministic", () => {
  it("has the engine files to check", () => {
    expect(files).toEqual(
      expect.arrayContaining(["simulation.ts", "queue.ts", "kubelet.ts", "store.ts", "apiserver.ts"]),
    );
  });
  it.each(files)("%s uses no Node-only API, wall clock or unseeded randomness", (file) => {
    const text = readFileSync(join(dir, file), "utf8");
    const found = FORBIDDEN.filter(([, re]) => re.test(text)).map(([name]) => name);
    expect(found).toEqual([]);
  });
});
