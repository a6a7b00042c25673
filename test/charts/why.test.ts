/**
 * The layered HPA chart on seed 001's behavior example (scenarios/hpa-behavior.scn): at every
 * sync, the raw proposal, the stabilized recommendation, the policy limit and the applied
 * replicas are the numbers the HPA controller recorded (via src/explain), and the chart
 * compiles cleanly. Pixels are not compared.
 */
import { compile } from "vega-lite";
import { beforeAll, describe, expect, it } from "vitest";
import { whyChart, whyRows, WhyLine } from "../../src/charts/index.ts";
import type { Trace } from "../../src/engine/trace.ts";
import { hpaNumbers, hpaSyncs } from "../../src/explain/index.ts";
import { runScenario } from "../../src/scenario/node.ts";

let trace: Trace;
beforeAll(async () => {
  trace = (await runScenario({ path: "scenarios/hpa-behavior.scn" })).trace!;
});

describe("whyChart (seed 001: 1 → 5 → 10 → 20, held by the 10-minute window, 4 a minute down)", () => {
  it("has a row per sync and layer, with the decision's numbers", () => {
    const rows = whyRows(trace, "app");
    const syncs = hpaSyncs(trace, "app");
    for (const s of syncs) {
      const n = hpaNumbers(s);
      const at = (line: keyof typeof WhyLine) =>
        rows.find((r) => r.t === s.t && r.series === WhyLine[line].label)?.value;
      expect(at("proposal")).toBe(n.proposal ?? null);
      expect(at("stabilized")).toBe(n.stabilized ?? null);
      expect(at("limit")).toBe(n.limit ?? null);
      expect(at("applied")).toBe(
        n.scaleError === undefined ? (n.desiredReplicas ?? n.currentReplicas) : n.currentReplicas,
      );
    }
    // The last sync's values hold to the end of the run.
    expect(rows.filter((r) => r.t === trace.end)).toHaveLength(4);
  });

  it("shows which layer held the HPA back: the rate limit on the way up, the window on the way down", () => {
    const rows = whyRows(trace, "app");
    const value = (t: number, line: keyof typeof WhyLine) =>
      rows.find((r) => r.t === t && r.series === WhyLine[line].label)?.value;
    // 1m15s: the metrics ask for 80, Pods 4 per 15s from 1 allows 5.
    expect([value(75, "proposal"), value(75, "limit"), value(75, "applied")]).toEqual([80, 5, 5]);
    // 10m: the load is gone, the scale-down window still holds 20.
    expect([value(600, "proposal"), value(600, "stabilized"), value(600, "applied")]).toEqual([0, 20, 20]);
    // 15m: the window lets go; Pods 4 per minute from 20 allows 16.
    expect([value(900, "stabilized"), value(900, "limit"), value(900, "applied")]).toEqual([0, 16, 16]);
  });

  it("compiles without warnings, one legend of the four layers in stage order", () => {
    const spec = whyChart(trace, { title: "T" });
    const warns: string[] = [];
    const logger = {
      level: () => logger,
      error: (...m: unknown[]) => (warns.push(`error: ${m.join(" ")}`), logger),
      warn: (...m: unknown[]) => (warns.push(m.join(" ")), logger),
      info: () => logger,
      debug: () => logger,
    };
    compile(spec, { logger: logger as never });
    expect(warns).toEqual([]);
    const layers = (spec as { layer: { encoding?: { stroke?: { scale: { domain: string[] } } } }[] }).layer;
    const domains = layers.flatMap((l) => (l.encoding?.stroke ? [l.encoding.stroke.scale.domain] : []));
    expect(domains.length).toBe(2);
    for (const d of domains)
      expect(d).toEqual(["raw proposal", "stabilized recommendation", "policy limit", "applied replicas"]);
  });

  it("without an HPA it says so", () => {
    const empty: Trace = { ...trace, series: { ...trace.series, HorizontalPodAutoscaler: {} } };
    expect(JSON.stringify(whyChart(empty).title)).toContain("no HorizontalPodAutoscaler in this run");
  });
});
