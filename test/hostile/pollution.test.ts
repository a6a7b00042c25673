// No shared mutable state between runs: a scenario that tries to pollute Object.prototype
// (JSON patch, merge patch and label edits through `__proto__`, `constructor`, `prototype`)
// runs, then a clean one — in one process, and under `replicast test -j 1` and `-j 2` — and
// the clean one's result is exactly what it is without the polluter.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runScenario } from "../../src/scenario/index.ts";
import { resultToJson } from "../../src/scenario/result.ts";
import { BIN, ensureBuilt } from "../built.ts";

const polluting = [
  "at 0s kubectl create deployment web --image=nginx --replicas=1",
  "at 5s",
  `kubectl patch deployment web --type=json -p '[{"op":"add","path":"/__proto__/replicas","value":5}]'`,
  `kubectl patch deployment web --type=json -p '[{"op":"copy","from":"/spec","path":"/__proto__/spec"}]'`,
  `kubectl patch deployment web --type=json -p '[{"op":"remove","path":"/__proto__/hasOwnProperty"}]'`,
  `kubectl patch deployment web --type=json -p '[{"op":"add","path":"/constructor/prototype/polluted","value":1}]'`,
  `kubectl patch deployment web --type=merge -p '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"x":1}}}'`,
  `kubectl patch deployment web -p '{"spec":{"template":{"metadata":{"labels":{"constructor":"x"}}}}}'`,
  "kubectl label deployment web __proto__=x toString=y",
  "expect replicas 1",
].join("\n");

const clean = [
  "at 0s kubectl create deployment web --image=nginx --replicas=2",
  "at 30s kubectl scale deployment web --replicas=3",
  "expect available 3 within 30s",
].join("\n");

const json = (r: Awaited<ReturnType<typeof runScenario>>): string => JSON.stringify(resultToJson(r));

describe("a polluting scenario leaves nothing behind", () => {
  it("in one process: the clean run after it is byte-identical, Object.prototype untouched", async () => {
    const before = json(await runScenario({ text: clean, file: "clean.scn" }));
    const p = await runScenario({ text: polluting, file: "pollute.scn" });
    expect(p.status).not.toBe("error");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).replicas).toBeUndefined();
    expect(typeof Object.prototype.hasOwnProperty).toBe("function");
    expect(Object.keys(Object.prototype)).toEqual([]);
    const after = json(await runScenario({ text: clean, file: "clean.scn" }));
    expect(after).toBe(before);
    expect(JSON.parse(after).passed).toBe(true);
  });

  describe("under replicast test", () => {
    let dir: string;
    beforeAll(() => {
      ensureBuilt();
      dir = mkdtempSync(join(tmpdir(), "replicast-pollution-"));
      writeFileSync(join(dir, "a-pollute.scn"), polluting);
      for (const name of ["b-clean.scn", "c-clean.scn", "d-clean.scn"]) writeFileSync(join(dir, name), clean);
    }, 180_000);
    const suite = (jobs: string) => {
      const r = spawnSync(process.execPath, [BIN, "test", dir, "-j", jobs], { encoding: "utf8" });
      return { status: r.status, stdout: r.stdout.replace(dir, "DIR"), stderr: r.stderr };
    };
    it.each(["1", "2"])("-j %s: the clean scenarios pass, the same on every rerun", (jobs) => {
      const first = suite(jobs);
      expect(first.stdout).toMatch(/✓ .*b-clean\.scn/);
      expect(first.stdout).toContain("3 passed");
      expect(first.stderr).not.toMatch(/internal error|\n\s+at \S+:\d+:\d+/);
      const second = suite(jobs);
      expect(second.stdout).toBe(first.stdout);
      expect(second.status).toBe(first.status);
    });
  });
});
