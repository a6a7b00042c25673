// The traffic walk-throughs in scenarios/traffic/ (a week replayed from a CSV, an evening from a
// Prometheus answer) run against the real engine and every expectation holds; the run's time
// series replay every sample of the file at its time.
import { readFileSync, readdirSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import type { ScenarioResult } from "../../src/scenario/result.ts";
import { runScenario } from "../../src/scenario/node.ts";
import { timeSeries } from "../../src/scenario/timeSeries.ts";
import { readTraffic } from "../../src/traffic/index.ts";

const dir = "scenarios/traffic";
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".scn"))
  .sort();
const results = new Map<string, ScenarioResult>();

beforeAll(async () => {
  for (const f of files) results.set(f, await runScenario({ path: `${dir}/${f}` }));
}, 240_000);

describe("scenarios/traffic/", () => {
  it("holds the week and the Prometheus replays", () => {
    expect(files).toEqual(["prometheus.scn", "week.scn"]);
  });

  it.each(files)("%s passes", (f) => {
    const r = results.get(f)!;
    const problems = [
      ...r.diagnostics.map((d) => `${d.file}:${d.span.line}:${d.span.col}: ${d.message}`),
      ...r.expectations.filter((e) => !e.passed).map((e) => `line ${e.line}: ${e.text}: ${e.message}`),
    ];
    expect(problems).toEqual([]);
    expect(r.passed).toBe(true);
  });

  it("the week replays every change of the file at its time, and runs a minute past its last sample", () => {
    const r = results.get("week.scn")!;
    expect(r.duration).toBe(7 * 86400 - 300 + 60);
    const csv = readTraffic(readFileSync(`${dir}/week.csv`, "utf8"), { unit: "requests" }).signal!;
    const s = timeSeries(r.trace!).deployments.shop;
    let changes = 0;
    for (let k = 1; k < csv.t.length; k++) {
      if (csv.v[k] === csv.v[k - 1]) continue;
      changes++;
      const i = s.t.lastIndexOf(csv.t[k]);
      expect(s.requestsOffered[i], `sample ${k}`).toBe(csv.v[k]);
    }
    expect(changes).toBeGreaterThan(1900);
  });
});
