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
import { stackedWithTotal } from "./stacked.ts";
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
  return stackedWithTotal({
    end,
    areaRows,
    totalRows: demandRows,
    axisTitle: "CPU (millicores)",
    legendTitle: `deployment/${deployment} CPU`,
    parts: LoadPart,
    valueTitle: "millicores",
    totalTitle: "demand (millicores)",
    format: ".0f",
  });
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
