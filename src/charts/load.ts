/**
 * The load chart: CPU demand on a workload, the part its pods served and the part no pod
 * served (demand beyond the pods' limits, or with no Ready pod behind the Service), as
 * stacked steps — served below, unserved above — with demand as a line on top, so the red
 * band is exactly the traffic a slower rollout or autoscaler dropped.
 */
import type { LoadSummary, Trace } from "../engine/trace.ts";
import { Color } from "./palette.ts";
import type { ChartOptions } from "./select.ts";
import { DEFAULT_HEIGHT, DEFAULT_WIDTH, pickDeployment } from "./select.ts";
import { alignedRows, seriesRows } from "./steps.ts";
import { timeX } from "./timeAxis.ts";
import { topLevel } from "./topLevel.ts";
import type { Layer, TopLevelSpec } from "./vl.ts";

export const LoadPart = {
  served: { label: "served", color: Color.served },
  unserved: { label: "unserved", color: Color.unserved },
} as const;
export type LoadPart = keyof typeof LoadPart;

/** Whether a workload ever had load: an idle workload's load chart is left out of the dashboard. */
export function hasLoad(trace: Trace, deployment: string): boolean {
  return (trace.load[deployment] ?? []).some((p) => p.value.demandMilli > 0 || p.value.servedMilli > 0);
}

/** The load chart's layers (the dashboard reuses them). */
export function loadLayers(trace: Trace, deployment: string): Layer[] {
  const end = trace.end;
  const points = trace.load[deployment];
  if (!points || points.length === 0) return [];
  const parts: { series: string; points: typeof points; order: number; pick: (l: LoadSummary) => number }[] =
    [
      { series: LoadPart.served.label, points, order: 0, pick: (l) => l.servedMilli },
      { series: LoadPart.unserved.label, points, order: 1, pick: (l) => l.unservedMilli },
    ];
  const areaRows = parts.flatMap((part) => alignedRows([part], end, part.pick));
  const demandRows = seriesRows(points, end, "demand", (l) => l.demandMilli);
  const y = { field: "value", type: "quantitative" as const, title: "CPU (millicores)" };
  return [
    {
      data: { values: areaRows },
      mark: { type: "area", interpolate: "step-after", opacity: 0.8 },
      encoding: {
        x: timeX(end),
        y: { ...y, stack: "zero" },
        color: {
          field: "series",
          type: "nominal",
          title: `deployment/${deployment} CPU`,
          scale: {
            domain: Object.values(LoadPart).map((p) => p.label),
            range: Object.values(LoadPart).map((p) => p.color),
          },
          legend: { orient: "right" },
        },
        order: { field: "order", type: "quantitative" },
        tooltip: [
          { field: "time", title: "time" },
          { field: "series", title: "part" },
          { field: "value", title: "millicores", format: ".0f" },
        ],
      },
    },
    {
      data: { values: demandRows },
      mark: { type: "line", interpolate: "step-after", strokeWidth: 1.5, color: Color.ink },
      encoding: {
        x: timeX(end),
        y,
        tooltip: [
          { field: "time", title: "time" },
          { field: "value", title: "demand (millicores)", format: ".0f" },
        ],
      },
    },
  ];
}

/** The load chart of one Deployment (default: the first in the trace). */
export function loadChart(trace: Trace, opts: ChartOptions = {}): TopLevelSpec {
  const deployment = pickDeployment(trace, opts.deployment);
  return topLevel({
    title: opts.title,
    subtitle:
      deployment === undefined
        ? "no workload in this run"
        : `deployment/${deployment}: CPU demand, served and unserved`,
    width: opts.width ?? DEFAULT_WIDTH,
    height: opts.height ?? DEFAULT_HEIGHT,
    layers: deployment === undefined ? [] : loadLayers(trace, deployment),
    end: trace.end,
  });
}
