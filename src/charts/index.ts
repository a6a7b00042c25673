/**
 * Chart spec builders: pure functions from a run's Trace to Vega-Lite v5 specs (plain data,
 * no rendering), so one spec serves a notebook, a file and a test. Rendering to SVG, PNG and
 * HTML is Node-only and lives in render.ts.
 */
import type { Trace } from "../engine/trace.ts";
import { dashboard } from "./dashboard.ts";
import type { DashboardOptions } from "./dashboard.ts";
import { hpaChart } from "./hpa.ts";
import { latencyChart, requestsChart } from "./latency.ts";
import { loadChart } from "./load.ts";
import { metricChart } from "./metric.ts";
import { rolloutChart } from "./rollout.ts";
import type { TopLevelSpec } from "./vl.ts";
import { whyChart } from "./why.ts";

export type { TopLevelSpec } from "./vl.ts";
export type { ChartOptions } from "./select.ts";
export type { DashboardOptions, PanelKind } from "./dashboard.ts";
export type { MetricChartOptions } from "./metric.ts";
export { dashboard, dashboardPanels, dashboardSubtitle, DASHBOARD_PANEL_HEIGHT } from "./dashboard.ts";
export { hpaChart, rescaleSize, rescaleWhy } from "./hpa.ts";
export { loadChart, hasLoad } from "./load.ts";
export { latencyChart, requestsChart, hasRequests, LatencyLine, RequestPart } from "./latency.ts";
export { metricChart, metricTitle, DEFAULT_TOLERANCE } from "./metric.ts";
export { rolloutChart, replicaSetLabel, revisionChanges } from "./rollout.ts";
export { whyChart, whyRows, WhyLine } from "./why.ts";
export { formatClock, tickValues, clockStyle } from "./timeAxis.ts";
export { VEGA_LITE_SCHEMA } from "./topLevel.ts";
export { compareChart, compareRows, CompareQuantity, CompareLayout, isCompareQuantity } from "./compare.ts";
export type { CompareRun, CompareOptions } from "./compare.ts";

/** The charts by name, as `--chart-kind`, `display(result, "hpa")` and notebooks name them. */
export const ChartKind = {
  dashboard: 1,
  rollout: 1,
  hpa: 1,
  metric: 1,
  load: 1,
  requests: 1,
  latency: 1,
  why: 1,
} as const;
export type ChartKind = keyof typeof ChartKind;
export const isChartKind = (k: string): k is ChartKind => Object.hasOwn(ChartKind, k);

/** Build the named chart (default: the dashboard). */
export function chartSpec(
  trace: Trace,
  kind: ChartKind = "dashboard",
  opts: DashboardOptions = {},
): TopLevelSpec {
  switch (kind) {
    case "dashboard":
      return dashboard(trace, opts);
    case "rollout":
      return rolloutChart(trace, opts);
    case "hpa":
      return hpaChart(trace, opts);
    case "metric":
      return metricChart(trace, opts);
    case "load":
      return loadChart(trace, opts);
    case "requests":
      return requestsChart(trace, opts);
    case "latency":
      return latencyChart(trace, opts);
    case "why":
      return whyChart(trace, opts);
  }
}
