/** defineScenarioSuite's failure messages: every failing line as file:line, the actual values, a stack at the .scn line. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { assertScenario, findScenarioFiles, ScenarioFailure } from "../../src/testing/vitest.ts";
import { WEB_DEPLOYMENT_YAML } from "../fixtures/manifests.ts";

const dir = mkdtempSync(join(tmpdir(), "replicast-suite-"));
const rel = (f: string): string => relative(process.cwd(), join(dir, f));
writeFileSync(join(dir, "web.yaml"), WEB_DEPLOYMENT_YAML);
writeFileSync(
  join(dir, "two-failures.scn"),
  "at 0s apply web\nexpect ready 1 within 10s\nexpect replicas 3 within 30s\nexpect ready 2 at 20s\n",
);
writeFileSync(join(dir, "broken.scn"), "at 0s apply web\nexpect replicaz 3\n");
writeFileSync(join(dir, "ok.scn"), "at 0s apply web\nexpect ready 1 within 10s\n");

describe("assertScenario", () => {
  it("passes quietly and returns the result", async () => {
    const r = await assertScenario(rel("ok.scn"));
    expect(r.passed).toBe(true);
  });

  it("throws with every failing expectation as file:line and what the run had", async () => {
    const f = rel("two-failures.scn");
    const e = await assertScenario(f).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ScenarioFailure);
    const err = e as ScenarioFailure;
    expect(err.message).toBe(
      [
        `${f}: 2 failing expectations`,
        `${f}:3: expect replicas 3 within 30s`,
        "  deployment/web replicas was 1 from 0s; wanted 3 within 30s of 0s",
        `${f}:4: expect ready 2 at 20s`,
        "  deployment/web ready was 1 from 3s; wanted 2 at 20s",
        // Why, as the terminal report explains it: the Deployment controller's decisions.
        "    deployment/web · at 20s · 5 decisions",
        "      0s  created ReplicaSet web-869bfb9975 (revision 1) with 1 replica",
        "          surge budget: at most 2 pods (1 replica + maxSurge 1 (25% of 1, rounded up))",
        "          the old ReplicaSets held 0 → room for min(2 − 0, 1 − 0) = 1",
        "      0s  waited (4 syncs)",
        "          waiting for new pods: web-869bfb9975 0/1 available: 1 not ready",
      ].join("\n"),
    );
    expect(err.stack!.split("\n").at(-1)).toBe(`    at ${resolve(f)}:3:1`);
    expect(err.result.expectations.map((x) => x.passed)).toEqual([true, false, false]);
  });

  it("an unusable scenario names the diagnostic", async () => {
    const f = rel("broken.scn");
    const err = (await assertScenario(f).catch((x: unknown) => x)) as ScenarioFailure;
    expect(err.message.split("\n")[0]).toBe(`${f} could not be used (1 error)`);
    expect(err.message.split("\n")[1]).toMatch(
      new RegExp(`^${f.replace(/[.]/g, "\\.")}:2:8: error: unknown quantity`),
    );
  });

  it("findScenarioFiles lists .scn files relative to the folder, sorted", () => {
    expect(findScenarioFiles(dir)).toEqual(["broken.scn", "ok.scn", "two-failures.scn"]);
  });
});
