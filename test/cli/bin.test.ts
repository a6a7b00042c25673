/**
 * The bin as users run it: dist/bin/replicast.js, the esbuild bundle package.json names
 * (scripts/bundle-bin.mjs). The in-process CLI tests (main.test.ts) cover behaviour; these
 * check that the bundle loads, runs, renders and reports like the sources do.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildIdOf, codeCacheFile, readCodeCache } from "../../src/cli/codeCache.ts";
import { BIN, ensureBuilt, REPO } from "../built.ts";

beforeAll(() => ensureBuilt(), 180_000);

const replicast = (...args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: REPO,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe("the bundled bin", () => {
  it("runs the README's scenario and prints the --json result", () => {
    const r = replicast("run", "scenarios/quickstart.scn", "--json");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout) as { file: string; passed: boolean; expectations: unknown[] };
    expect(json).toMatchObject({ file: "scenarios/quickstart.scn", passed: true });
    expect(json.expectations).toHaveLength(1);
  });

  it("reports a broken scenario as FILE:LINE:COL with exit status 2, no stack trace", () => {
    const dir = mkdtempSync(join(tmpdir(), "replicast-bin-"));
    const file = join(dir, "bad.scn");
    writeFileSync(file, "at 0s kubectl create deployment web --image=nginx\nexpect replicas 3 within 3\n");
    const r = replicast("check", file);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${file}:2:26: error: expected a duration such as 30s after \`within\``);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("renders a chart through the lazily loaded renderer", () => {
    const out = join(mkdtempSync(join(tmpdir(), "replicast-bin-")), "chart.svg");
    const r = replicast("run", "scenarios/quickstart.scn", "--chart", out);
    expect(r.status).toBe(0);
    expect(statSync(out).size).toBeGreaterThan(1000);
    expect(readFileSync(out, "utf8")).toContain("<svg");
  });

  it("runs a suite on worker threads", () => {
    const r = replicast("test", "scenarios", "--jobs", "2");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/\b(\d+) passed, 0 failed\n$/);
  });

  it("runs `fidelity` on a vector file of the user's", () => {
    const file = join(mkdtempSync(join(tmpdir(), "replicast-bin-")), "mine.json");
    const vector = {
      source: "deployment_util_test.go:TestResolveFenceposts/0",
      kind: "fenceposts",
      inputs: { maxSurge: "25%", maxUnavailable: "25%", desiredReplicas: 10 },
      expected: { surge: 3, unavailable: 2, error: false },
    };
    writeFileSync(file, JSON.stringify([vector]));
    const r = replicast("fidelity", file);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/mine\.json: 1 passed, 0 failed\n1 passed, 0 failed\n$/);
    expect(r.status).toBe(0);
  });
});

// The bin loads replicast.cjs with the V8 code cache the build made for it (src/cli/codeCache.ts).
describe("the bin's code cache", () => {
  const bundle = join(REPO, "dist/bin/replicast.cjs");

  it("is made by the build for the bundle it sits beside", () => {
    const id = buildIdOf(readFileSync(bundle, "utf8"));
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(readCodeCache(`${bundle}.cache`, id)?.length).toBeGreaterThan(100_000);
  });

  it("is used by the bin, which sets its heap flag only after the compile", () => {
    // A preload records what the bin does: V8 rejects a code cache compiled under flags other
    // than those it was made under, so the heap flag must come after the compile.
    const dir = mkdtempSync(join(tmpdir(), "replicast-bin-"));
    const spy = join(dir, "spy.mjs");
    writeFileSync(
      spy,
      `import { createRequire, syncBuiltinESMExports } from "node:module";
const require = createRequire(import.meta.url);
const v8 = require("node:v8");
const vm = require("node:vm");
const seen = [];
const setFlags = v8.setFlagsFromString;
v8.setFlagsFromString = (flags) => { seen.push({ flags }); setFlags(flags); };
const run = vm.Script.prototype.runInThisContext;
vm.Script.prototype.runInThisContext = function (...args) {
  seen.push({ compiled: this.cachedDataRejected === false ? "cache used" : String(this.cachedDataRejected) });
  return run.apply(this, args);
};
syncBuiltinESMExports();
process.on("exit", () => process.stderr.write(JSON.stringify(seen)));
`,
    );
    const bin = (...args: string[]) =>
      spawnSync(process.execPath, ["--import", spy, BIN, ...args], { cwd: REPO, encoding: "utf8" });
    const one = bin("check", "scenarios/quickstart.scn");
    expect(one.stdout).toBe("scenarios/quickstart.scn: ok\n");
    // A check of one file also raises TurboFan's budget (src/cli/check.ts), after the compile too.
    expect(JSON.parse(one.stderr)).toEqual([
      { compiled: "cache used" },
      { flags: "--heap-growing-percent=30" },
      { flags: "--interrupt-budget=1000000" },
    ]);
    const two = bin("check", "scenarios/quickstart.scn", "bench/scenarios/tiny.scn");
    expect(two.stdout).toBe("scenarios/quickstart.scn: ok\nbench/scenarios/tiny.scn: ok\n");
    expect(JSON.parse(two.stderr)).toEqual([
      { compiled: "cache used" },
      { flags: "--heap-growing-percent=30" },
    ]);
  });

  it("is not needed: the bin works without it, and with a cache of another build", () => {
    const dir = mkdtempSync(join(tmpdir(), "replicast-bin-"));
    copyFileSync(BIN, join(dir, "replicast.js"));
    copyFileSync(bundle, join(dir, "replicast.cjs"));
    const check = () =>
      spawnSync(process.execPath, [join(dir, "replicast.js"), "check", "scenarios/quickstart.scn"], {
        cwd: REPO,
        encoding: "utf8",
      });
    const without = check();
    expect(without.stderr).toBe("");
    expect(without.stdout).toBe("scenarios/quickstart.scn: ok\n");
    writeFileSync(
      join(dir, "replicast.cjs.cache"),
      codeCacheFile("0".repeat(32), readFileSync(`${bundle}.cache`)),
    );
    const foreign = check();
    expect(foreign.stderr).toBe("");
    expect(foreign.stdout).toBe("scenarios/quickstart.scn: ok\n");
  });
});

// What `npm publish` would ship: the vectors the fidelity command reads by default, and none of
// test/ (the command never reads test fixtures from a package).
describe("the package", () => {
  it("ships vectors/ and no test file", () => {
    const r = spawnSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
      cwd: REPO,
      encoding: "utf8",
    });
    const files = (JSON.parse(r.stdout) as { files: { path: string }[] }[])[0].files.map((f) => f.path);
    expect(files).toEqual(
      expect.arrayContaining([
        "vectors/deploy-vectors.json",
        "vectors/hpa-vectors.json",
        "dist/bin/replicast.js",
        "dist/bin/replicast.cjs",
        "dist/bin/replicast.cjs.cache",
        "dist/bin/worker.js",
      ]),
    );
    expect(files.filter((f) => f.startsWith("test/"))).toEqual([]);
  });
});
