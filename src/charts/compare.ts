/**
 * The comparison chart: one quantity of several runs on one time axis, a line per run — how
 * an exploration notebook shows what a parameter sweep (a stabilization window, maxSurge)
 * changes. Each run is labelled by the caller ("window 60s").
 */
import type { DeploymentSummary, HPASummary, Trace } from "../engine/trace.ts";
import { DEFAULT_HEIGHT, DEFAULT_WIDTH, hpaPoints, pickDeployment, pickHpa } from "./select.ts";
import { seriesRows } from "./steps.ts";
import { timeX } from "./timeAxis.ts";
import { CHART_CONFIG, VEGA_LITE_SCHEMA, chartTitle, topLevel } from "./topLevel.ts";
import type { Row, TopLevelSpec } from "./vl.ts";

/** What the comparison can plot, and where it reads it in the trace. */
export const CompareQuantity = {
  /** The Deployment's spec.replicas. */
  replicas: { title: "spec.replicas", of: "deployment" },
  /** The Deployment's ready pods. */
  ready: { title: "ready pods", of: "deployment" },
  /** The Deployment's pods (status.replicas). */
  pods: { title: "pods", of: "deployment" },
  /** The HPA's status.desiredReplicas. */
  desired: { title: "HPA desired replicas", of: "hpa" },
  /** The HPA's first metric's current value. */
  metric: { title: "metric (current)", of: "hpa" },
  /** Unserved CPU demand, millicores. */
  unserved: { title: "unserved CPU (millicores)", of: "load" },
  /** The serving model's p95 response time, milliseconds. */
  latencyP95: { title: "latency p95 (ms)", of: "load" },
  /** Requests dropped per second. */
  dropped: { title: "dropped requests per second", of: "load" },
} as const;
export type CompareQuantity = keyof typeof CompareQuantity;

export const isCompareQuantity = (q: string): q is CompareQuantity => Object.hasOwn(CompareQuantity, q);

export interface CompareRun {
  /** The run's label in the legend, e.g. "window 60s". */
  label: string;
  trace: Trace;
}

/** Overlay every run on one plot, or give each run its own row (when lines would hide each other). */
export const CompareLayout = { overlay: 1, rows: 1 } as const;
export type CompareLayout = keyof typeof CompareLayout;

export interface CompareOptions {
  title?: string;
  /** Default "overlay". */
  layout?: CompareLayout;
  deployment?: string;
  hpa?: string;
  width?: number;
  height?: number;
}

const DEPLOYMENT_PICK: Record<"replicas" | "ready" | "pods", (d: DeploymentSummary) => number | null> = {
  replicas: (d) => (d.exists ? d.replicas : null),
  ready: (d) => (d.exists ? d.ready : null),
  pods: (d) => (d.exists ? d.pods : null),
};
const HPA_PICK: Record<"desired" | "metric", (h: HPASummary) => number | null> = {
  desired: (h) => (h.exists ? h.desiredReplicas : null),
  metric: (h) => (h.exists ? (h.metrics[0]?.current ?? null) : null),
};

/** The rows of one run: the chosen quantity as a step series labelled with the run. */
export function compareRows(
  run: CompareRun,
  quantity: CompareQuantity,
  end: number,
  opts: CompareOptions = {},
): Row[] {
  const deployment = pickDeployment(run.trace, opts.deployment);
  switch (quantity) {
    case "replicas":
    case "ready":
    case "pods":
      return deployment === undefined
        ? []
        : seriesRows(run.trace.series.Deployment[deployment], end, run.label, DEPLOYMENT_PICK[quantity]);
    case "desired":
    case "metric":
      return seriesRows(
        hpaPoints(run.trace, pickHpa(run.trace, opts.hpa, deployment)),
        end,
        run.label,
        HPA_PICK[quantity],
      );
    case "unserved":
      return deployment === undefined
        ? []
        : seriesRows(run.trace.load[deployment], end, run.label, (l) => l.unservedMilli);
    case "latencyP95":
      return deployment === undefined
        ? []
        : seriesRows(run.trace.load[deployment], end, run.label, (l) => {
            const p95 = l.requests?.latency?.p95;
            return p95 === undefined ? null : p95 * 1000;
          });
    case "dropped":
      return deployment === undefined
        ? []
        : seriesRows(run.trace.load[deployment], end, run.label, (l) => l.requests?.dropped ?? null);
  }
}

/** One line per run of `quantity`, on the longest run's time axis: overlaid, or one row per run. */
export function compareChart(
  runs: readonly CompareRun[],
  quantity: CompareQuantity,
  opts: CompareOptions = {},
): TopLevelSpec {
  const end = Math.max(1, ...runs.map((r) => r.trace.end));
  const rows = runs.flatMap((r) => compareRows(r, quantity, r.trace.end, opts));
  const info = CompareQuantity[quantity];
  const subtitle = `${info.title}, ${runs.length} run${runs.length === 1 ? "" : "s"} compared`;
  const labels = runs.map((r) => r.label);
  const line = {
    mark: { type: "line" as const, interpolate: "step-after" as const, strokeWidth: 2, opacity: 0.9 },
    encoding: {
      x: timeX(end),
      y: { field: "value", type: "quantitative" as const, title: info.title, scale: { zero: true } },
      color: {
        field: "series",
        type: "nominal" as const,
        title: "run",
        scale: { domain: labels, range: runs.map((_, i) => COMPARE_COLORS[i % COMPARE_COLORS.length]) },
        legend: opts.layout === "rows" ? null : { orient: "right" as const },
      },
      tooltip: [
        { field: "time", title: "time" },
        { field: "series", title: "run" },
        { field: "value", title: info.title, format: ".4~f" },
      ],
    },
  };
  if (opts.layout === "rows" && rows.length > 0) {
    return {
      $schema: VEGA_LITE_SCHEMA,
      title: chartTitle(opts.title, subtitle),
      config: CHART_CONFIG,
      data: { values: rows },
      facet: {
        row: {
          field: "series",
          type: "nominal",
          sort: labels,
          title: null,
          header: {
            labelAngle: 0,
            labelAlign: "left",
            labelAnchor: "start",
            labelOrient: "top",
            labelFontSize: 11,
          },
        },
      },
      spacing: 6,
      // The subtitle names the quantity; a y title on every row would repeat it.
      spec: {
        width: opts.width ?? DEFAULT_WIDTH,
        height: opts.height ?? 70,
        ...line,
        encoding: { ...line.encoding, y: { ...line.encoding.y, title: null } },
      },
    };
  }
  return topLevel({
    title: opts.title,
    subtitle,
    width: opts.width ?? DEFAULT_WIDTH,
    height: opts.height ?? DEFAULT_HEIGHT,
    end,
    layers: rows.length === 0 ? [] : [{ data: { values: rows }, ...line }],
  });
}

/** Saturated enough to tell lines apart (the ReplicaSet colours are for filled areas). */
export const COMPARE_COLORS = [
  "#1c7ed6",
  "#e8590c",
  "#2b8a3e",
  "#ae3ec9",
  "#c92a2a",
  "#5c940d",
  "#495057",
  "#0c8599",
] as const;
