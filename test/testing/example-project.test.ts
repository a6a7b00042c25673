/**
 * examples/vitest-project used as a user's project would use the package: `replicast`
 * resolves through node_modules (a symlink to this repository, standing in for
 * `"replicast": "file:../.."` without an npm install), so imports go through package.json
 * "exports" to the built dist/ (see ../built.ts).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { BIN, ensureBuilt, REPO } from "../built.ts";
import { findAll, parseXml } from "./xml.ts";

const EXAMPLE = join(REPO, "examples/vitest-project");
const BUILT = join(REPO, "dist/testing/vitest.js");

beforeAll(() => {
  ensureBuilt();
  expect(existsSync(BUILT)).toBe(true);
  const link = join(EXAMPLE, "node_modules/replicast");
  if (!existsSync(link) && !isLink(link)) {
    mkdirSync(join(EXAMPLE, "node_modules"), { recursive: true });
    symlinkSync("../../..", link, "dir");
  }
}, 180_000);

const isLink = (p: string): boolean => {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
};

interface VitestJson {
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  testResults: { name: string; assertionResults: { fullName: string; status: string }[] }[];
}

describe("examples/vitest-project", () => {
  it("its vitest suite passes: one test per scenario, and the matcher tests", () => {
    const out = join(mkdtempSync(join(tmpdir(), "replicast-example-")), "results.json");
    const r = spawnSync(
      process.execPath,
      [join(REPO, "node_modules/vitest/vitest.mjs"), "run", "--reporter=json", `--outputFile=${out}`],
      { cwd: EXAMPLE, encoding: "utf8", env: { ...process.env, CI: "1" } },
    );
    expect(r.stderr).not.toMatch(/Cannot find (package|module)/);
    const json = JSON.parse(readFileSync(out, "utf8")) as VitestJson;
    const names = json.testResults.flatMap((f) => f.assertionResults.map((a) => `${a.status} ${a.fullName}`));
    expect(names).toContain("passed scenarios black-friday.scn");
    expect(names).toContain("passed scenarios deploy-under-load.scn");
    expect(names).toContain(
      "passed the shop under a traffic spike scales out to nine pods within two minutes of the spike",
    );
    expect(json.numFailedTests).toBe(0);
    expect(json.numPassedTests).toBe(8);
    expect(r.status).toBe(0);
  });

  it("type-checks: the matchers are declared on vitest's Assertion", () => {
    const r = spawnSync(
      process.execPath,
      [join(REPO, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"],
      {
        cwd: EXAMPLE,
        encoding: "utf8",
      },
    );
    expect(r.stdout).toBe("");
    expect(r.status).toBe(0);
  });

  it("the built bin runs its scenarios on worker threads and writes JUnit", () => {
    const report = join(mkdtempSync(join(tmpdir(), "replicast-junit-")), "report.xml");
    const stdout = execFileSync(
      process.execPath,
      [BIN, "test", "scenarios", "--junit", report, "--jobs", "2"],
      { cwd: EXAMPLE, encoding: "utf8" },
    );
    expect(stdout).toBe(
      "✓ scenarios/black-friday.scn (7 expectations)\n✓ scenarios/deploy-under-load.scn (5 expectations)\n2 passed, 0 failed\n",
    );
    const doc = parseXml(readFileSync(report, "utf8"));
    expect(findAll(doc, "testcase").map((c) => c.attrs.name)).toEqual([
      "scenarios/black-friday.scn",
      "scenarios/deploy-under-load.scn",
    ]);
    expect(findAll(doc, "testsuite")[0].attrs).toMatchObject({ tests: "2", failures: "0", errors: "0" });
  });
});
