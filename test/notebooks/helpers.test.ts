import { afterEach, describe, expect, it, vi } from "vitest";
import type { ScenarioResult } from "../../src/scenario/result.ts";
import { chartBundle, diagnosticLine, display, explain, explanation, reportText, SVG_MIME, TEXT_MIME, VEGA_LITE_MIME } from "../../src/notebook/index.ts";
import { kernelSink } from "../../src/notebook/kernel.ts";
import { hpaCpuTrace } from "../charts/fixtures/traces.ts";

const result = (over: Partial<ScenarioResult> = {}): ScenarioResult => ({
  file: "hpa.scn",
  title: "HPA on CPU",
  passed: true,
  status: "passed",
  duration: 720,
  expectations: [],
  events: [],
  output: [],
  failures: [],
  diagnostics: [],
  trace: hpaCpuTrace(),
  ...over,
});

afterEach(() => vi.restoreAllMocks());

describe("chartBundle", () => {
  it("carries the Vega-Lite spec, its SVG and a text summary", async () => {
    const bundle = await chartBundle(result(), "hpa");
    expect(Object.keys(bundle).sort()).toEqual([VEGA_LITE_MIME, SVG_MIME, TEXT_MIME].sort());
    expect((bundle[VEGA_LITE_MIME] as { title: { text: string } }).title.text).toBe("HPA on CPU");
    expect(bundle[SVG_MIME]).toMatch(/^<svg/);
    expect(bundle[TEXT_MIME]).toBe("HPA on CPU: DONE  no expectations to check · simulated 12m");
  });

  it("takes a spec of the caller's own", async () => {
    const spec = { $schema: "https://vega.github.io/schema/vega-lite/v5.json", title: "mine", data: { values: [{ a: 1 }] }, mark: "point" as const, encoding: { x: { field: "a", type: "quantitative" as const } } };
    const bundle = await chartBundle({ trace: hpaCpuTrace() }, spec);
    expect(bundle[VEGA_LITE_MIME]).toBe(spec);
    expect(bundle[TEXT_MIME]).toBe("mine");
  });

  it("says why when the scenario did not run", async () => {
    await expect(chartBundle(result({ trace: undefined, status: "error" }))).rejects.toThrow("nothing to chart: the scenario did not run (see report(result) for why)");
  });
});

describe("display", () => {
  it("sends one bundle with all three MIME types through the kernel's sink", async () => {
    const sent: Record<string, unknown>[] = [];
    await display(result(), "dashboard", { sink: (b) => void sent.push(b) });
    expect(sent.length).toBe(1);
    expect(Object.keys(sent[0]).sort()).toEqual([VEGA_LITE_MIME, SVG_MIME, TEXT_MIME].sort());
  });

  it("outside a kernel prints the text summary instead", async () => {
    expect(kernelSink()).toBeUndefined();
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    await display(result(), "load");
    expect(log).toHaveBeenCalledWith("HPA on CPU: DONE  no expectations to check · simulated 12m");
  });
});

describe("reportText", () => {
  const span = { offset: 0, length: 3, line: 2, col: 5, endLine: 2, endCol: 8 };
  it("puts diagnostics first, one line each with the hint below", () => {
    const d = { code: "RC1001", severity: "error" as const, file: "x.scn", span, message: "unknown setting", hint: "did you mean hpa.sync-period?" };
    expect(diagnosticLine(d)).toBe("x.scn:2:5: error RC1001: unknown setting\n  hint: did you mean hpa.sync-period?");
    const text = reportText(result({ status: "error", passed: false, diagnostics: [d], trace: undefined }));
    expect(text.split("\n").slice(0, 3)).toEqual(["x.scn:2:5: error RC1001: unknown setting", "  hint: did you mean hpa.sync-period?", "hpa.scn — HPA on CPU"]);
  });
  it("a run that worked reads as the scenario report", () => {
    expect(reportText(result())).toContain("DONE  no expectations to check");
  });
});

describe("series and podMinutes", () => {
  it("give a run's time series as plain arrays, and pod-minutes over them", async () => {
    const { series, podMinutes } = await import("../../src/notebook/index.ts");
    const s = series(result());
    const w = s.deployments["hpa-demo"];
    expect(w.t).toHaveLength(w.pods.length);
    expect(Array.isArray(w.latencyP95)).toBe(true);
    // By hand: the integral of the pods step function over the run, in minutes.
    let manual = 0;
    for (let i = 0; i + 1 < w.t.length; i++) manual += (w.pods[i] ?? 0) * (w.t[i + 1] - w.t[i]);
    expect(podMinutes(s, "hpa-demo")).toBeCloseTo(manual / 60, 9);
    expect(podMinutes(s, "nothere")).toBe(0);
    expect(() => series({ file: "x.scn", trace: undefined })).toThrow("x.scn did not run");
  });
});

describe("explain / explanation", () => {
  const run = async () =>
    (await import("../../src/scenario/node.ts")).runScenario({ path: "scenarios/hpa-behavior.scn" });

  it("prints what `replicast explain` prints; times as seconds or as a scenario writes them", async () => {
    const r = await run();
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    explain(r, "hpa/app", { at: "15m15s" });
    expect(log).toHaveBeenCalledTimes(1);
    const text = String(log.mock.calls[0][0]);
    expect(text.split("\n")[0]).toBe("hpa/app → Deployment/app · at 15m15s · 1 decision");
    expect(explanation(r, "hpa/app", { at: 915 })).toEqual(explanation(r, "hpa/app", { at: "15m15s" }));
  });

  it("says what is wrong instead of explaining nothing", async () => {
    const r = await run();
    expect(() => explanation(r, "hpa/nope")).toThrow("no hpa/nope in this run: it has hpa/app");
    expect(() => explanation(r, "rs/app")).toThrow('explain takes hpa/NAME, deployment/NAME, statefulset/NAME or pod/NAME, not "rs/app"');
    expect(() => explanation(r, "hpa/app", { at: "soon" })).toThrow('at: "soon" is not a time such as 90s, 20m or 1h30m');
    expect(() => explanation(result({ trace: undefined }), "hpa/app")).toThrow("nothing to explain: the scenario did not run");
  });
});
