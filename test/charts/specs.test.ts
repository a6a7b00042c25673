/**
 * The chart builders' structure: marks, encodings and data, against hand-made traces
 * shaped like the seed walk-throughs (fixtures/traces.ts). Pixels are not compared; every
 * spec is compiled by vega-lite with warnings collected, which catches a bad encoding.
 */
import { describe, expect, it } from "vitest";
import { compile } from "vega-lite";
import type { Trace } from "../../src/engine/trace.ts";
import {
  compareChart,
  compareRows,
  ChartKind,
  chartSpec,
  dashboard,
  dashboardSubtitle,
  dashboardPanels,
  hpaChart,
  loadChart,
  metricChart,
  rescaleSize,
  rescaleWhy,
  rolloutChart,
  replicaSetLabel,
  revisionChanges,
} from "../../src/charts/index.ts";
import type { TopLevelSpec } from "../../src/charts/index.ts";
import { emptyTrace, hpaCpuTrace, requestsTrace, rollingUpdateTrace } from "./fixtures/traces.ts";

type AnySpec = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Every unit spec in a (possibly nested) layer, in drawing order. */
function units(spec: AnySpec): AnySpec[] {
  if (Array.isArray(spec.layer))
    return spec.layer.flatMap((l: AnySpec) => units({ ...l, data: l.data ?? spec.data }));
  if (Array.isArray(spec.vconcat)) return spec.vconcat.flatMap(units);
  return [spec];
}
const markType = (u: AnySpec) => (typeof u.mark === "string" ? u.mark : u.mark.type);
const rowsOf = (u: AnySpec): AnySpec[] => u.data.values;

function compileWarnings(spec: TopLevelSpec): string[] {
  const warns: string[] = [];
  const logger = {
    level: () => logger,
    error: (...m: unknown[]) => (warns.push(`error: ${m.join(" ")}`), logger),
    warn: (...m: unknown[]) => (warns.push(m.join(" ")), logger),
    info: () => logger,
    debug: () => logger,
  };
  compile(spec, { logger: logger as never });
  return warns;
}

const traces: Record<string, () => Trace> = {
  rolling: rollingUpdateTrace,
  hpa: hpaCpuTrace,
  requests: requestsTrace,
  empty: () => emptyTrace(60),
};

describe("every chart of every fixture", () => {
  const cases = Object.keys(traces).flatMap((trace) =>
    Object.keys(ChartKind).map((kind) => ({ trace, kind: kind as ChartKind })),
  );
  it.each(cases)(
    "$kind of $trace compiles without warnings, is plain JSON, and shares the [0, end] time axis",
    ({ trace, kind }) => {
      const t = traces[trace]();
      const spec = chartSpec(t, kind, { title: "T" });
      expect(compileWarnings(spec)).toEqual([]);
      expect(JSON.parse(JSON.stringify(spec))).toStrictEqual(spec);
      expect((spec as AnySpec).$schema).toBe("https://vega.github.io/schema/vega-lite/v5.json");
      for (const u of units(spec)) {
        if (u.encoding?.x?.scale) expect(u.encoding.x.scale.domain).toEqual([0, t.end]);
        if (["line", "area"].includes(markType(u))) expect(u.mark.interpolate).toBe("step-after");
      }
    },
  );
});

describe("rolloutChart (seed 000: v1 → v2 → v3, undo to revision 1)", () => {
  const trace = rollingUpdateTrace();
  const spec = rolloutChart(trace, { title: "Rolling update and rollback" }) as AnySpec;
  const all = units(spec);

  it("titles the chart from the scenario and names the Deployment", () => {
    expect(spec.title).toEqual({
      text: "Rolling update and rollback",
      subtitle: "deployment/demo-rollout: pods per ReplicaSet",
    });
  });

  it("draws pods per ReplicaSet as stacked areas, one colour per ReplicaSet labelled by image and revisions", () => {
    const area = all.find((u) => markType(u) === "area")!;
    expect(area.encoding.y.stack).toBe("zero");
    expect(area.encoding.color.scale.domain).toEqual([
      "busybox:v1 · rev 1, 4",
      "busybox:v2 · rev 2",
      "busybox:v3 · rev 3",
    ]);
    const rows = rowsOf(area);
    const instants = new Set(rows.map((r) => r.t));
    expect(rows.length).toBe(instants.size * 3);
    // After the rollback the revived v1 ReplicaSet holds all three pods.
    expect(rows.filter((r) => r.t === 180).map((r) => [r.series, r.value])).toEqual([
      ["busybox:v1 · rev 1, 4", 3],
      ["busybox:v2 · rev 2", 0],
      ["busybox:v3 · rev 3", 0],
    ]);
  });

  it("puts ready, available and spec.replicas on top as step lines", () => {
    const line = all.find((u) => markType(u) === "line")!;
    // spec.replicas first: drawn underneath, so ready stays visible where they coincide.
    expect(line.encoding.stroke.scale.domain).toEqual(["spec.replicas", "ready", "available"]);
    expect([...new Set(rowsOf(line).map((r) => r.series))]).toEqual(["spec.replicas", "ready", "available"]);
    expect(all.indexOf(line)).toBe(all.length - 1);
  });

  it("marks each revision change with a labelled rule", () => {
    const text = all.find((u) => markType(u) === "text")!;
    expect(rowsOf(text).map((r) => [r.t, r.label, r.images])).toEqual([
      [30, "rev 2", "busybox:v2"],
      [60, "rev 3", "busybox:v3"],
      [120, "rev 4", "busybox:v1"],
    ]);
  });

  it("draws events as rules, one per instant, with every message in the tooltip", () => {
    const rule = all.find((u) => markType(u) === "rule" && u.encoding.tooltip)!;
    const rows = rowsOf(rule);
    expect(rows.length).toBe(new Set(trace.events.map((e) => e.time)).size);
    expect(rule.encoding.tooltip.map((f: AnySpec) => f.field)).toEqual(["time", "reason", "message"]);
    expect(rows[0]).toMatchObject({ t: 0, time: "0:00", reason: "ScalingReplicaSet", warning: false });
    expect(rows[0].message).toContain("Scaled up replica set demo-rollout-5d847fd86c from 0 to 3");
  });
});

describe("replicaSetLabel", () => {
  const rs = (revision: number, image: string) => ({
    deployment: "d",
    revision,
    replicas: 1,
    pods: 1,
    ready: 1,
    available: 1,
    images: { app: image },
    terminating: 0,
    exists: true,
  });
  it.each([
    {
      name: "one revision",
      points: [{ t: 0, value: rs(1, "app:v1") }],
      disambiguate: false,
      want: "app:v1 · rev 1",
    },
    {
      name: "revived by a rollback",
      points: [
        { t: 0, value: rs(1, "app:v1") },
        { t: 9, value: rs(1, "app:v1") },
        { t: 10, value: rs(4, "app:v1") },
      ],
      disambiguate: false,
      want: "app:v1 · rev 1, 4",
    },
    {
      name: "same image as another ReplicaSet (rollout restart)",
      points: [{ t: 0, value: rs(2, "app:v1") }],
      disambiguate: true,
      want: "app:v1 · rev 2 (5d847fd86c)",
    },
    {
      name: "no revision yet",
      points: [{ t: 0, value: rs(0, "app:v1") }],
      disambiguate: false,
      want: "app:v1",
    },
  ])("$name → $want", ({ points, disambiguate, want }) => {
    expect(replicaSetLabel("demo-rollout-5d847fd86c", points, disambiguate)).toBe(want);
  });
});

describe("revisionChanges", () => {
  it("ignores the first revision and keeps the last change at one instant", () => {
    const d = (revision: number) => ({
      ...rollingUpdateTrace().series.Deployment["demo-rollout"][0].value,
      revision,
    });
    const rows = revisionChanges(
      [
        { t: 0, value: d(1) },
        { t: 5, value: d(2) },
        { t: 5, value: d(3) },
        { t: 8, value: d(3) },
      ],
      10,
    );
    expect(rows.map((r) => [r.t, r.label])).toEqual([[5, "rev 3"]]);
  });
});

describe("hpaChart (seed 001 §2.1: 1 → 4 → 8 → 10, back to 1 after the window)", () => {
  const spec = hpaChart(hpaCpuTrace(), { title: "HPA on CPU" }) as AnySpec;
  const all = units(spec);

  it("shows the [minReplicas, maxReplicas] band", () => {
    const band = all.find((u) => markType(u) === "area")!;
    expect(band.encoding.y.field).toBe("min");
    expect(band.encoding.y2.field).toBe("max");
    expect(new Set(rowsOf(band).map((r) => `${r.min}-${r.max}`))).toEqual(new Set(["1-10"]));
  });

  it("draws current and desired replicas as step lines", () => {
    const line = all.find((u) => markType(u) === "line")!;
    expect(line.encoding.stroke.scale.domain).toEqual(["current replicas", "desired replicas"]);
  });

  it("marks each SuccessfulRescale where its new size lands", () => {
    const points = all.find((u) => markType(u) === "point")!;
    expect(rowsOf(points).map((r) => [r.time, r.size])).toEqual([
      ["1:15", 4],
      ["1:30", 8],
      ["1:45", 10],
      ["10:15", 1],
    ]);
    expect(rowsOf(points)[0].message).toBe(
      "New size: 4; reason: cpu resource utilization (percentage of request) above target",
    );
  });

  it("draws the HPA's other events as rules, red for a Warning", () => {
    const rule = all.find((u) => markType(u) === "rule")!;
    expect(rowsOf(rule)).toEqual([
      expect.objectContaining({ t: 20, reason: "FailedGetResourceMetric", warning: true }),
    ]);
    expect(rule.encoding.color.condition.test).toBe("datum.warning");
  });
});

describe("rescaleWhy", () => {
  const decision = (over: Record<string, unknown>, t = 105) => ({
    t,
    controller: "hpa" as const,
    object: "HorizontalPodAutoscaler/web",
    action: "scale",
    summary: "",
    inputs: over,
  });
  const limited = {
    prenormalizedDesiredReplicas: 27,
    normalization: {
      limit: {
        reason: "ScaleUpLimit",
        message: "the desired replica count is increasing faster than the maximum scale rate",
      },
    },
  };
  it.each([
    {
      name: "a limit cut the proposal",
      decisions: [decision(limited)],
      want: "metrics asked for 27; ScaleUpLimit: the desired replica count is increasing faster than the maximum scale rate",
    },
    {
      name: "within range",
      decisions: [
        decision({
          prenormalizedDesiredReplicas: 3,
          normalization: {
            limit: {
              reason: "DesiredWithinRange",
              message: "the desired count is within the acceptable range",
            },
          },
        }),
      ],
      want: "metrics asked for 3",
    },
    { name: "another instant", decisions: [decision(limited, 90)], want: "" },
    { name: "inputs of another shape", decisions: [decision({ normalization: "legacy" })], want: "" },
    { name: "no decision", decisions: [], want: "" },
  ])("$name → $want", ({ decisions, want }) => {
    expect(rescaleWhy(decisions, "web", 105)).toBe(want);
  });
});

describe("rescaleSize", () => {
  it.each([
    {
      message: "New size: 8; reason: cpu resource utilization (percentage of request) above target",
      want: 8,
    },
    { message: "New size: 10; reason:", want: 10 },
    { message: "something else", want: undefined },
  ])("$message → $want", ({ message, want }) => {
    expect(rescaleSize(message)).toBe(want);
  });
});

describe("metricChart", () => {
  const all = units(metricChart(hpaCpuTrace(), { tolerance: 0.1 }));
  it("shades target × (1 ± tolerance): 60% → 54%…66%", () => {
    const band = all.find((u) => markType(u) === "area")!;
    expect(rowsOf(band)[0].low).toBeCloseTo(54);
    expect(rowsOf(band)[0].high).toBeCloseTo(66);
  });
  it("plots current against target, with no value before the first metric", () => {
    const line = all.find((u) => markType(u) === "line")!;
    expect(line.encoding.y.title).toBe("cpu (% of request)");
    const current = rowsOf(line).filter((r) => r.series === "current");
    expect(current[0].value).toBeNull();
    expect(Math.max(...current.map((r) => r.value ?? 0))).toBe(200);
  });
  it("a wider tolerance widens the band", () => {
    const band = units(metricChart(hpaCpuTrace(), { tolerance: 0.5 })).find((u) => markType(u) === "area")!;
    expect([rowsOf(band)[0].low, rowsOf(band)[0].high]).toEqual([30, 90]);
  });
});

describe("loadChart", () => {
  const all = units(loadChart(hpaCpuTrace()));
  it("stacks served and unserved so they add up to the demand line", () => {
    const area = all.find((u) => markType(u) === "area")!;
    const demand = all.find((u) => markType(u) === "line")!;
    for (const d of rowsOf(demand)) {
      const sum = rowsOf(area)
        .filter((r) => r.t === d.t)
        .reduce((s, r) => s + r.value, 0);
      expect(sum).toBe(d.value);
    }
    expect(rowsOf(area).some((r) => r.series === "unserved" && r.value > 0)).toBe(true);
  });
});

describe("latency and requests charts", () => {
  const t = requestsTrace();
  it("stack served and dropped under the offered line, which they add up to", () => {
    const all = units(chartSpec(t, "requests"));
    const area = all.find((u) => markType(u) === "area")!;
    const offered = all.find((u) => markType(u) === "line")!;
    for (const o of rowsOf(offered)) {
      const sum = rowsOf(area)
        .filter((r) => r.t === o.t)
        .reduce((s, r) => s + r.value, 0);
      expect(sum).toBeCloseTo(o.value, 9);
    }
    expect(
      rowsOf(area)
        .filter((r) => r.series === "dropped" && r.value > 0)
        .map((r) => [r.t, r.value]),
    ).toEqual([
      [0, 100], // no pod Ready yet: nothing is served
      [60, 50],
    ]);
  });
  it("draw p50, p95 and p99 in milliseconds, at the timeout while the pod cannot keep up", () => {
    const all = units(chartSpec(t, "latency"));
    const lines = rowsOf(all.find((u) => markType(u) === "line")!);
    expect([...new Set(lines.map((r) => r.series))]).toEqual(["p50", "p95", "p99"]);
    expect(lines.filter((r) => r.t === 60).map((r) => r.value)).toEqual([60000, 60000, 60000]);
    expect(lines.find((r) => r.t === 120 && r.series === "p95")!.value).toBeCloseTo(
      (1000 * Math.log(20) * 0.004) / 0.6,
      6,
    );
    const rule = all.find((u) => markType(u) === "rule")!;
    expect(rowsOf(rule)[0].value).toBe(60000);
  });
  it("compare runs by latency p95 and drops", () => {
    const rows = compareRows({ label: "a", trace: t }, "dropped", t.end);
    expect(rows.filter((r) => (r.value as number) > 0).map((r) => r.t)).toEqual([0, 60]);
    expect(compareRows({ label: "a", trace: t }, "latencyP95", t.end)[0].value).toBeNull();
  });
});

describe("dashboard", () => {
  it.each([
    { trace: "requests", want: ["rollout", "load", "requests", "latency"] },
    { trace: "hpa", want: ["rollout", "hpa", "metric", "load"] },
    { trace: "rolling", want: ["rollout"] },
    { trace: "empty", want: [] },
  ])("$trace has panels $want", ({ trace, want }) => {
    const t = traces[trace]();
    expect(dashboardPanels(t)).toEqual(want);
    const spec = dashboard(t, { title: "X" }) as AnySpec;
    expect(spec.vconcat.length).toBe(Math.max(want.length, 1));
    expect(spec.resolve.scale.x).toBe("shared");
    expect(spec.title.text).toBe("X");
  });

  it.each([
    { end: 720, panels: 4, want: "simulated 12:00 · 4 panels on one time axis" },
    { end: 240, panels: 1, want: "simulated 4:00" },
    { end: 5400, panels: 2, want: "simulated 1:30 · 2 panels on one time axis" },
  ])("subtitle for $panels panels over $end s: $want", ({ end, panels, want }) => {
    expect(dashboardSubtitle(end, panels)).toBe(want);
  });

  it("shades each fault's window under every panel, and nothing without faults", () => {
    const plain = hpaCpuTrace();
    const t: Trace = {
      ...plain,
      decisions: [
        ...plain.decisions,
        {
          t: 120,
          controller: "faults",
          object: "metrics-server",
          action: "metricsDown",
          summary: "fault metricsDown until t=300s",
          inputs: { kind: "metricsDown", pods: [], until: 300 },
        },
        {
          t: 200,
          controller: "faults",
          object: "Deployment/web",
          action: "crash",
          summary: "fault crash on web-1",
          inputs: { kind: "crash", pods: ["web-1"], until: null },
        },
      ],
    };
    const spec = dashboard(t) as AnySpec;
    expect(compileWarnings(spec as TopLevelSpec)).toEqual([]);
    for (const p of spec.vconcat as AnySpec[]) {
      const band = units(p)[0];
      expect(markType(band)).toBe("rect");
      expect(rowsOf(band).map((r) => [r.t, r.until, r.fault])).toEqual([
        [120, 300, "fault metricsDown until t=300s"],
        [200, t.end, "fault crash on web-1"],
      ]);
    }
    expect(units(dashboard(plain)).some((u) => markType(u) === "rect")).toBe(false);
  });

  it("an empty trace explains itself rather than drawing a blank frame", () => {
    const text = units(dashboard(emptyTrace(30))).find((u) => markType(u) === "text")!;
    expect(rowsOf(text)[0].message).toBe("no Deployment, HPA or load in this run");
  });
});

describe("compareChart", () => {
  const slow = hpaCpuTrace();
  const fast: Trace = { ...slow, end: 600 };
  const runs = [
    { label: "window 300s", trace: slow },
    { label: "window 60s", trace: fast },
  ];
  it.each(["replicas", "ready", "pods", "desired", "metric", "unserved"] as const)(
    "%s: one step line per run, labelled by the run, compiling cleanly",
    (q) => {
      const spec = compareChart(runs, q, { title: "sweep" });
      expect(compileWarnings(spec)).toEqual([]);
      const line = units(spec).find((u) => markType(u) === "line")!;
      expect(line.encoding.color.scale.domain).toEqual(["window 300s", "window 60s"]);
      expect(new Set(rowsOf(line).map((r) => r.series))).toEqual(new Set(["window 300s", "window 60s"]));
      // Each run's last row is at its own end; the axis spans the longest run.
      expect(
        Math.max(
          ...rowsOf(line)
            .filter((r) => r.series === "window 60s")
            .map((r) => r.t),
        ),
      ).toBe(600);
      expect(line.encoding.x.scale.domain).toEqual([0, 720]);
    },
  );
  it("in rows: one row per run, in the runs' order, compiling cleanly", () => {
    const built = compareChart(runs, "replicas", { layout: "rows" });
    expect(compileWarnings(built)).toEqual([]);
    const spec = built as AnySpec;
    expect(spec.facet.row).toMatchObject({ field: "series", sort: ["window 300s", "window 60s"] });
    expect(spec.spec.mark.interpolate).toBe("step-after");
    expect(spec.spec.encoding.color.legend).toBeNull();
    expect(new Set(spec.data.values.map((r: AnySpec) => r.series))).toEqual(
      new Set(["window 300s", "window 60s"]),
    );
  });

  it("reads spec.replicas of the Deployment", () => {
    const rows = compareRows(runs[0], "replicas", 720);
    expect(Math.max(...rows.map((r) => r.value as number))).toBe(10);
  });
});
