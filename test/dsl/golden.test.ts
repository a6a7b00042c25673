// Golden files pin the rendered diagnostics of each kind of error, with exact lines and
// columns (after TypeScript's tests/baselines/reference/*.errors.txt). Regenerate after an
// intended change with: UPDATE_GOLDEN=1 npx vitest run test/dsl/golden.test.ts
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { formatDiagnostics, parseScenario } from "../../src/dsl/index.ts";

const dir = fileURLToPath(new URL("./golden/", import.meta.url));
const scenarios = readdirSync(dir)
  .filter((f) => f.endsWith(".scn"))
  .sort();

function render(file: string): string {
  const text = readFileSync(dir + file, "utf8");
  const { scenario, diagnostics } = parseScenario(text, file);
  const summary = `${diagnostics.length} diagnostic${diagnostics.length === 1 ? "" : "s"}; scenario ${scenario ? "built" : "withheld"}`;
  return `${formatDiagnostics(diagnostics, text)}\n\n${summary}\n`;
}

describe("golden diagnostics", () => {
  it("has a golden file for every kind of error", () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(20);
  });

  it.each(scenarios)("%s", (file) => {
    const golden = dir + file.replace(/\.scn$/, ".errors.txt");
    const actual = render(file);
    if (process.env.UPDATE_GOLDEN === "1") writeFileSync(golden, actual);
    expect(existsSync(golden), `${golden} is missing: run with UPDATE_GOLDEN=1`).toBe(true);
    expect(actual).toBe(readFileSync(golden, "utf8"));
    expect(actual).toMatch(/^\S+\.scn:\d+:\d+: error: /);
  });
});
