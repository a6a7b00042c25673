/**
 * The metric chart: one HPA metric's current value against its target, inside the tolerance
 * band. The HPA leaves the replica count alone while |current/target − 1| ≤ tolerance
 * (replica_calculator.go, GetResourceReplicas: `math.Abs(1.0-usageRatio) <= tolerance`), so
 * the band shows when a change in load is too small to move it.
 * Example: target 60%, tolerance 0.1 → band 54%…66%; 65% leaves 3 pods at 3, 70% asks for 4.
 */
import type { HPASummary, Trace } from "../engine/trace.ts";
import { Color, Dash } from "./palette.ts";
import type { ChartOptions } from "./select.ts";
import { DEFAULT_HEIGHT, DEFAULT_WIDTH, hpaPoints, pickDeployment, pickHpa } from "./select.ts";
import { stepPoints } from "./steps.ts";
import { clockStyle, formatClock, timeX } from "./timeAxis.ts";
import { topLevel } from "./topLevel.ts";
import type { Layer, Row, TopLevelSpec } from "./vl.ts";

/** Kubernetes' default --horizontal-pod-autoscaler-tolerance. */
export const DEFAULT_TOLERANCE = 0.1;

export interface MetricChartOptions extends ChartOptions {
  /** Which of the HPA's metrics (default 0, the first). */
  metric?: number;
  /** The tolerance the band shows (default 0.1, or the scenario's `hpa.tolerance`). */
  tolerance?: number;
}

export const MetricLine = {
  // The target first, so the current value is drawn over it where they meet.
  target: { label: "target", color: Color.limit, dash: Dash.dashed },
  current: { label: "current", color: Color.ink, dash: Dash.solid },
} as const;
export type MetricLine = keyof typeof MetricLine;

/**
 * The metric's name and unit as the axis titles them, short enough to fit beside a 150-pixel
 * panel: "cpu (% of request)", or the bare name for value metrics ("pods/qps").
 */
export function metricTitle(name: string, unit: "%" | ""): string {
  return unit === "%" ? `${name} (% of request)` : name;
}

/** Rows for the metric chart: the two lines and, separately, the tolerance band. */
export function metricRows(
  points: readonly { t: number; value: HPASummary }[],
  end: number,
  index: number,
  tolerance: number,
): { lines: Row[]; band: Row[] } {
  const style = clockStyle(end);
  const lines: Row[] = [];
  const band: Row[] = [];
  for (const p of stepPoints(points, end)) {
    const m = p.value.exists ? p.value.metrics[index] : undefined;
    if (!m) continue;
    const time = formatClock(p.t, style);
    lines.push({ t: p.t, time, series: MetricLine.target.label, value: m.target });
    lines.push({ t: p.t, time, series: MetricLine.current.label, value: m.current });
    band.push({ t: p.t, time, low: m.target * (1 - tolerance), high: m.target * (1 + tolerance) });
  }
  return { lines, band };
}

/** The metric chart's layers (the dashboard reuses them). */
export function metricLayers(
  trace: Trace,
  hpa: string,
  opts: { metric?: number; tolerance?: number } = {},
): Layer[] {
  const end = trace.end;
  const points = hpaPoints(trace, hpa);
  const index = opts.metric ?? 0;
  const tolerance = opts.tolerance ?? DEFAULT_TOLERANCE;
  const { lines, band } = metricRows(points, end, index, tolerance);
  if (lines.length === 0) return [];
  const first = points.find((p) => p.value.metrics[index])?.value.metrics[index];
  const title = first ? metricTitle(first.name, first.unit) : "metric";
  const unit = first?.unit ?? "";
  const all = Object.values(MetricLine);
  return [
    {
      data: { values: band },
      mark: { type: "area", interpolate: "step-after", color: Color.limitFill, opacity: 0.9 },
      encoding: {
        x: timeX(end),
        y: { field: "low", type: "quantitative", title },
        y2: { field: "high" },
        tooltip: [
          { field: "time", title: "time" },
          { field: "low", title: `no scaling from${unit ? ` (${unit})` : ""}`, format: ".3~f" },
          { field: "high", title: `to${unit ? ` (${unit})` : ""}`, format: ".3~f" },
        ],
      },
    },
    {
      data: { values: lines },
      mark: { type: "line", interpolate: "step-after", strokeWidth: 2 },
      encoding: {
        x: timeX(end),
        y: { field: "value", type: "quantitative", title, scale: { zero: true } },
        stroke: {
          field: "series",
          type: "nominal",
          title: `${first?.name ?? "metric"} (±${Math.round(tolerance * 100)}% tolerance)`,
          scale: { domain: all.map((l) => l.label), range: all.map((l) => l.color) },
          legend: { orient: "right" },
        },
        strokeDash: {
          field: "series",
          type: "nominal",
          title: `${first?.name ?? "metric"} (±${Math.round(tolerance * 100)}% tolerance)`,
          scale: { domain: all.map((l) => l.label), range: all.map((l) => [...l.dash]) },
          legend: { orient: "right" },
        },
        tooltip: [
          { field: "time", title: "time" },
          { field: "series", title: "line" },
          { field: "value", title: `${first?.name ?? "value"}${unit ? ` (${unit})` : ""}`, format: ".4~f" },
        ],
      },
    },
  ];
}

/** The metric chart of one HPA metric. */
export function metricChart(trace: Trace, opts: MetricChartOptions = {}): TopLevelSpec {
  const hpa = pickHpa(trace, opts.hpa, pickDeployment(trace, opts.deployment));
  const layers = hpa === undefined ? [] : metricLayers(trace, hpa, opts);
  return topLevel({
    title: opts.title,
    subtitle:
      hpa === undefined
        ? "no HorizontalPodAutoscaler in this run"
        : `hpa/${hpa}: metric against target (shaded: within tolerance, no scaling)`,
    width: opts.width ?? DEFAULT_WIDTH,
    height: opts.height ?? DEFAULT_HEIGHT,
    layers,
    end: trace.end,
  });
}
