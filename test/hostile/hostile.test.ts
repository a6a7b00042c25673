// The hostile corpus (corpus.ts) through the built bin: every case ends with exit 0, 1 or 2
// (or the case's own), within CPU_LIMIT_MS of CPU time, with no stack trace and no "internal
// error", and passes its own check (a file outside the folder never echoed, a limit named).
import { beforeAll, describe, expect, it } from "vitest";
import { BIN, ensureBuilt } from "../built.ts";
import { hostileCases } from "./corpus.ts";
import { runCorpus, type CaseResult } from "./harness.ts";

const cases = hostileCases();
let results: Map<string, CaseResult>;

beforeAll(async () => {
  ensureBuilt();
  const all = await runCorpus(cases, { bin: BIN, concurrency: 2 });
  results = new Map(all.map((r) => [r.name, r]));
}, 1_800_000);

describe("the hostile corpus", () => {
  it("covers every category the robustness issue lists", () => {
    const categories = new Set(cases.map((c) => c.name.split("/")[0]));
    expect([...categories].sort()).toEqual(
      [
        "kubectl",
        "keys",
        "paths",
        "redos",
        "resources",
        "size",
        "suite",
        "time",
        "yaml",
        "nodes",
        "faults",
        "traffic",
        "namespaces",
      ].sort(),
    );
    expect(cases.length).toBeGreaterThan(300);
  });

  it.each(cases.map((c) => c.name))("%s ends cleanly", (name) => {
    const r = results.get(name)!;
    expect(r.problems, `${name}: ${r.stderr.slice(0, 500)} ${r.stdout.slice(-500)}`).toEqual([]);
  });
});
