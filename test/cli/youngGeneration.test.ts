/**
 * The bin's young generation under `replicast run` (src/cli/youngGeneration.ts): it stops at
 * 8 MiB a semi-space instead of V8's 16, and only for a run as a program. A preload records
 * the flags the bin sets and the young generation's committed size at exit.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { BIN, ensureBuilt, REPO } from "../built.ts";
import { HELD_LOOK_EVERY } from "../../src/cli/youngGeneration.ts";

beforeAll(() => ensureBuilt(), 180_000);

const MiB = 1024 * 1024;

function spied(...args: string[]): {
  flags: string[];
  youngGeneration: number;
  looks: number;
  cacheRejected: boolean | undefined;
  stdout: string;
} {
  const dir = mkdtempSync(join(tmpdir(), "replicast-young-"));
  const spy = join(dir, "spy.mjs");
  writeFileSync(
    spy,
    `import { createRequire, syncBuiltinESMExports } from "node:module";
const require = createRequire(import.meta.url);
const v8 = require("node:v8");
const flags = [];
const setFlags = v8.setFlagsFromString;
v8.setFlagsFromString = (f) => { flags.push(f); setFlags(f); };
const vm = require("node:vm");
let cacheRejected;
const run = vm.Script.prototype.runInThisContext;
vm.Script.prototype.runInThisContext = function (...args) {
  cacheRejected ??= this.cachedDataRejected;
  return run.apply(this, args);
};
const spaces = v8.getHeapSpaceStatistics;
let looks = 0;
v8.getHeapSpaceStatistics = () => { looks++; return spaces(); };
syncBuiltinESMExports();
process.on("exit", () => {
  const young = spaces().find((s) => s.space_name === "new_space").space_size;
  process.stderr.write(JSON.stringify({ flags, young, looks, cacheRejected }));
});
`,
  );
  const r = spawnSync(process.execPath, ["--import", spy, BIN, ...args], { cwd: REPO, encoding: "utf8" });
  const seen = JSON.parse(r.stderr) as {
    flags: string[];
    young: number;
    looks: number;
    cacheRejected?: boolean;
  };
  return {
    flags: seen.flags,
    youngGeneration: seen.young,
    looks: seen.looks,
    cacheRejected: seen.cacheRejected,
    stdout: r.stdout,
  };
}

describe("the young generation of a run", () => {
  it("stops at two semi-spaces of 8 MiB under `replicast run`", () => {
    // The bench day: without the cap V8 doubles its semi-spaces to 16 MiB in its third minute.
    const r = spied("run", "bench/scenarios/day.scn");
    expect(r.stdout).toContain("SuccessfulRescale");
    // The first growth lands at the cap (1 MiB to 8: a factor of 8, set by the loader once the
    // bundle is compiled, so that V8 still took the code cache), then the factor is 1.
    expect(r.cacheRejected).toBe(false);
    const growth = r.flags.filter((f) => f.includes("semi-space"));
    expect(growth[0]).toBe("--semi-space-growth-factor=8");
    expect(growth.at(-1)).toBe("--semi-space-growth-factor=1");
    expect(new Set(growth)).toEqual(
      new Set(["--semi-space-growth-factor=8", "--semi-space-growth-factor=1"]),
    );
    expect(r.youngGeneration).toBeLessThanOrEqual(16 * MiB);
    expect(r.youngGeneration).toBeGreaterThanOrEqual(16 * MiB - MiB);
    // Looked at every step (1,440 simulated minutes) until the cap holds, then every
    // HELD_LOOK_EVERY steps: the day reaches the cap within its first few hours.
    expect(r.looks).toBeGreaterThan(1440 / HELD_LOOK_EVERY);
    expect(r.looks).toBeLessThan(1440 / 2);
  }, 120_000);

  it("is left to V8 for other commands", () => {
    const r = spied("check", "scenarios/quickstart.scn", "bench/scenarios/tiny.scn");
    expect(r.stdout).toBe("scenarios/quickstart.scn: ok\nbench/scenarios/tiny.scn: ok\n");
    expect(r.flags.filter((f) => f.includes("semi-space"))).toEqual([]);
  });
});
