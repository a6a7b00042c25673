/**
 * What users felt, in two charts the dashboard stacks under the load:
 * - latency: the serving model's p50, p95 and p99 response times (and the timeout they never
 *   exceed) on a symmetric-log axis, so 5 ms and a 60 s timeout both read;
 * - requests: offered requests per second as a line over the served (blue) and dropped (red)
 *   shares stacked, as the CPU load chart shows served and unserved demand.
 * Both read the trace's load summaries (`requests`, engine/workload/serving.ts).
 */
import type { LoadSummary, Trace } from "../engine/trace.ts";
import { Color, Dash } from "./palette.ts";
import type { ChartOptions } from "./select.ts";
import { DEFAULT_HEIGHT, DEFAULT_WIDTH, pickDeployment } from "./select.ts";
import { alignedRows, seriesRows } from "./steps.ts";
import { stackedWithTotal } from "./stacked.ts";
import { timeX } from "./timeAxis.ts";
import { topLevel } from "./topLevel.ts";
import type { Layer, Row, TopLevelSpec } from "./vl.ts";

/** The percentiles the latency chart draws, light to dark. */
export const LatencyLine = {
  p50: { label: "p50", color: "#a5c8e4" },
  p95: { label: "p95", color: "#4c78a8" },
  p99: { label: "p99", color: "#1f2937" },
} as const;
export type LatencyLine = keyof typeof LatencyLine;

/** Whether a workload ever had request traffic. */
export function hasRequests(trace: Trace, deployment: string): boolean {
  return (trace.load[deployment] ?? []).some((p) => p.value.requests !== undefined);
}

const ms = (seconds: number | undefined): number | null => (seconds === undefined ? null : seconds * 1000);

/** The latency chart's layers: a line per percentile, in milliseconds, and the timeout as a dashed rule. */
export function latencyLayers(trace: Trace, deployment: string): Layer[] {
  const end = trace.end;
  const points = trace.load[deployment];
  if (!points || !hasRequests(trace, deployment)) return [];
  const rows: Row[] = (Object.keys(LatencyLine) as LatencyLine[]).flatMap((k) =>
    seriesRows(points, end, LatencyLine[k].label, (l: LoadSummary) =>
      ms(l.requests?.latency?.[k] ?? undefined),
    ),
  );
  const timeout = points.find((p) => p.value.requests)?.value.requests?.timeout ?? 0;
  // Powers of ten up to the timeout, and the timeout: a log-like axis that reads 5 ms and 60 s.
  const ticks = [0, 1, 10, 100, 1000, 10000, 100000].filter((v) => v < timeout * 1000);
  const y = {
    field: "value",
    type: "quantitative" as const,
    title: "response time",
    scale: { type: "symlog" as const },
    axis: {
      values: [...ticks, timeout * 1000],
      labelExpr: "datum.value >= 1000 ? datum.value / 1000 + ' s' : datum.value + ' ms'",
    },
  };
  return [
    {
      data: { values: [{ value: timeout * 1000, label: `timeout ${timeout}s` }] },
      mark: { type: "rule", color: Color.limit, strokeDash: [...Dash.dashed] },
      encoding: { y: { ...y, field: "value" } },
    },
    {
      data: { values: rows },
      mark: { type: "line", interpolate: "step-after", strokeWidth: 1.5 },
      encoding: {
        x: timeX(end),
        y,
        color: {
          field: "series",
          type: "nominal",
          title: `deployment/${deployment} latency`,
          scale: {
            domain: Object.values(LatencyLine).map((l) => l.label),
            range: Object.values(LatencyLine).map((l) => l.color),
          },
          legend: { orient: "right" },
        },
        tooltip: [
          { field: "time", title: "time" },
          { field: "series", title: "percentile" },
          { field: "value", title: "ms", format: ".1f" },
        ],
      },
    },
  ];
}

export const RequestPart = {
  served: { label: "served", color: Color.served },
  dropped: { label: "dropped", color: Color.unserved },
} as const;

/** The requests chart's layers: served and dropped stacked, offered as a line on top. */
export function requestLayers(trace: Trace, deployment: string): Layer[] {
  const end = trace.end;
  const points = trace.load[deployment];
  if (!points || !hasRequests(trace, deployment)) return [];
  const parts = [
    { series: RequestPart.served.label, points, order: 0, pick: (l: LoadSummary) => l.requests?.served ?? 0 },
    {
      series: RequestPart.dropped.label,
      points,
      order: 1,
      pick: (l: LoadSummary) => l.requests?.dropped ?? 0,
    },
  ];
  const areaRows = parts.flatMap((part) => alignedRows([part], end, part.pick));
  const offered = seriesRows(points, end, "offered", (l) => l.requests?.offered ?? 0);
  return stackedWithTotal({
    end,
    areaRows,
    totalRows: offered,
    axisTitle: "requests per second",
    legendTitle: `deployment/${deployment} requests`,
    parts: RequestPart,
    valueTitle: "requests/s",
    totalTitle: "offered (requests/s)",
    format: ".1f",
  });
}

/** The latency chart of one Deployment (default: the first in the trace). */
export function latencyChart(trace: Trace, opts: ChartOptions = {}): TopLevelSpec {
  const deployment = pickDeployment(trace, opts.deployment);
  return topLevel({
    title: opts.title,
    subtitle:
      deployment === undefined || !hasRequests(trace, deployment)
        ? "no request traffic in this run"
        : `deployment/${deployment}: response time p50, p95, p99 (dashed: the timeout)`,
    width: opts.width ?? DEFAULT_WIDTH,
    height: opts.height ?? DEFAULT_HEIGHT,
    layers: deployment === undefined ? [] : latencyLayers(trace, deployment),
    end: trace.end,
  });
}

/** The requests chart of one Deployment: offered, served and dropped per second. */
export function requestsChart(trace: Trace, opts: ChartOptions = {}): TopLevelSpec {
  const deployment = pickDeployment(trace, opts.deployment);
  return topLevel({
    title: opts.title,
    subtitle:
      deployment === undefined || !hasRequests(trace, deployment)
        ? "no request traffic in this run"
        : `deployment/${deployment}: requests offered, served and dropped`,
    width: opts.width ?? DEFAULT_WIDTH,
    height: opts.height ?? DEFAULT_HEIGHT,
    layers: deployment === undefined ? [] : requestLayers(trace, deployment),
    end: trace.end,
  });
}
