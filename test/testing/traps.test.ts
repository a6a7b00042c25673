/**
 * Every trap scenario holds against the engine — run through defineScenarioSuite itself, so
 * this also tests the suite helper (one test per .scn, named by its path in the folder).
 */
import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { defineScenarioSuite, findScenarioFiles } from "../../src/testing/vitest.ts";

describe("the traps folder", () => {
  it("holds at least the six documented traps, each citing its source in a comment header", () => {
    const files = findScenarioFiles("scenarios/traps");
    expect(files.length).toBeGreaterThanOrEqual(6);
    expect(readdirSync("scenarios/traps").filter((f) => f.endsWith(".scn"))).toHaveLength(files.length);
    for (const f of files) {
      const text = readFileSync(`scenarios/traps/${f}`, "utf8");
      expect(text.startsWith("# Trap: "), f).toBe(true);
      expect(text, f).toMatch(/kubernetes\/(kubernetes|website|autoscaler)#\d+|seed 001/);
      expect(text, f).toMatch(/^scenario "/m);
    }
  });
});

defineScenarioSuite("scenarios/traps");
