/**
 * The dashboard: the rollout, HPA, metric and load charts stacked on one time axis, so a
 * scale event, the metric that caused it and the pods it produced line up vertically; with
 * request traffic, the requests and latency panels below show what users felt meanwhile; with
 * Nodes, the nodes panel shows Pending pods and the nodes that came for them.
 * Panels without data (no HPA, no load, no requests) are left out; every panel keeps its own
 * y scale and legend. The windows of the run's faults (`fault …`) are shaded across them all.
 */
import type { Trace } from "../engine/trace.ts";
import { faultLayer, faultRows } from "./faults.ts";
import { hpaLayers } from "./hpa.ts";
import { hasRequests, latencyLayers, requestLayers } from "./latency.ts";
import { hasLoad, loadLayers } from "./load.ts";
import { metricLayers } from "./metric.ts";
import { hasNodes, nodesLayers } from "./nodes.ts";
import { rolloutLayers } from "./rollout.ts";
import type { ChartOptions } from "./select.ts";
import { DEFAULT_WIDTH, pickDeployment, pickHpa } from "./select.ts";
import { CHART_CONFIG, VEGA_LITE_SCHEMA, chartTitle, emptyLayer } from "./topLevel.ts";
import { clockStyle, formatClock } from "./timeAxis.ts";
import type { Layer, Panel, TopLevelSpec } from "./vl.ts";

export const DASHBOARD_PANEL_HEIGHT = 150;

export interface DashboardOptions extends ChartOptions {
  /** Tolerance shown around the metric target (default 0.1). */
  tolerance?: number;
}

/** The panels a dashboard has for a trace, in display order. */
export const PanelKind = {
  rollout: 1,
  hpa: 1,
  metric: 1,
  load: 1,
  nodes: 1,
  requests: 1,
  latency: 1,
} as const;
export type PanelKind = keyof typeof PanelKind;

function panel(subtitle: string, layers: Layer[], width: number, height: number): Panel {
  return {
    title: { text: subtitle, fontSize: 11, fontWeight: "normal", color: "#343a40" },
    width,
    height,
    layer: layers,
  };
}

/**
 * The dashboard's subtitle: how long the run was and, with several panels, that they share
 * the time axis. Example: end 720, 4 panels → "simulated 12:00 · 4 panels on one time axis".
 */
export function dashboardSubtitle(end: number, panels: number): string {
  const length = `simulated ${formatClock(end, clockStyle(end))}`;
  return panels > 1 ? `${length} · ${panels} panels on one time axis` : length;
}

/** Which panels the trace can fill, in order. */
export function dashboardPanels(trace: Trace, opts: { deployment?: string; hpa?: string } = {}): PanelKind[] {
  const deployment = pickDeployment(trace, opts.deployment);
  const hpa = pickHpa(trace, opts.hpa, deployment);
  const kinds: PanelKind[] = [];
  if (deployment !== undefined) kinds.push("rollout");
  if (hpa !== undefined) {
    kinds.push("hpa");
    if ((trace.series.HorizontalPodAutoscaler[hpa] ?? []).some((p) => p.value.metrics.length > 0))
      kinds.push("metric");
  }
  if (deployment !== undefined && hasLoad(trace, deployment)) kinds.push("load");
  if (hasNodes(trace)) kinds.push("nodes");
  if (deployment !== undefined && hasRequests(trace, deployment)) kinds.push("requests", "latency");
  return kinds;
}

export function dashboard(trace: Trace, opts: DashboardOptions = {}): TopLevelSpec {
  const width = opts.width ?? DEFAULT_WIDTH;
  const height = opts.height ?? DASHBOARD_PANEL_HEIGHT;
  const deployment = pickDeployment(trace, opts.deployment);
  const hpa = pickHpa(trace, opts.hpa, deployment);
  const panels: Panel[] = [];
  const faults = faultRows(trace);
  // The fault bands go under each panel's own layers.
  const banded = (layers: Layer[]): Layer[] =>
    faults.length > 0 ? [faultLayer(faults, trace.end), ...layers] : layers;
  for (const kind of dashboardPanels(trace, opts)) {
    if (kind === "rollout" && deployment !== undefined)
      panels.push(
        panel(
          `deployment/${deployment}: pods per ReplicaSet`,
          banded(rolloutLayers(trace, deployment)),
          width,
          height,
        ),
      );
    if (kind === "hpa" && hpa !== undefined)
      panels.push(
        panel(`hpa/${hpa}: replicas within [min, max]`, banded(hpaLayers(trace, hpa)), width, height),
      );
    if (kind === "metric" && hpa !== undefined)
      panels.push(
        panel(
          `hpa/${hpa}: metric against target (shaded: within tolerance)`,
          banded(metricLayers(trace, hpa, { tolerance: opts.tolerance })),
          width,
          height,
        ),
      );
    if (kind === "load" && deployment !== undefined)
      panels.push(
        panel(
          `deployment/${deployment}: CPU demand, served and unserved`,
          banded(loadLayers(trace, deployment)),
          width,
          height,
        ),
      );
    if (kind === "nodes")
      panels.push(panel("nodes: Ready nodes and Pending pods", nodesLayers(trace), width, height));
    if (kind === "requests" && deployment !== undefined)
      panels.push(
        panel(
          `deployment/${deployment}: requests offered, served and dropped`,
          banded(requestLayers(trace, deployment)),
          width,
          height,
        ),
      );
    if (kind === "latency" && deployment !== undefined)
      panels.push(
        panel(
          `deployment/${deployment}: response time p50, p95, p99 (dashed: the timeout)`,
          banded(latencyLayers(trace, deployment)),
          width,
          height,
        ),
      );
  }
  if (panels.length === 0)
    panels.push(
      panel(
        "nothing to chart",
        [emptyLayer("no Deployment, HPA or load in this run", trace.end)],
        width,
        height,
      ),
    );
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: chartTitle(opts.title, dashboardSubtitle(trace.end, panels.length)),
    config: CHART_CONFIG,
    spacing: 18,
    vconcat: panels,
    resolve: {
      scale: {
        x: "shared",
        y: "independent",
        color: "independent",
        stroke: "independent",
        strokeDash: "independent",
      },
      legend: { color: "independent", stroke: "independent", strokeDash: "independent" },
    },
  };
}
