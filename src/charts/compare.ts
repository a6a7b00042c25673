/**
 * The comparison chart: one quantity of several runs on one time axis, a line per run — how
 * an exploration notebook shows what a parameter sweep (a stabilization window, maxSurge)
 * changes. Each run is labelled by the caller ("window 60s").
 */
import type { DeploymentSummary, HPASummary, Trace } from "../engine/trace.ts";
import { replicaSetColor } from "./palette.ts";
import { DEFAULT_HEIGHT, DEFAULT_WIDTH, hpaPoints, pickDeployment, pickHpa } from "./select.ts";
import { seriesRows } from "./steps.ts";
import { timeX } from "./timeAxis.ts";
import { topLevel } from "./topLevel.ts";
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
} as const;
export type CompareQuantity = keyof typeof CompareQuantity;

export const isCompareQuantity = (q: string): q is CompareQuantity =>
  Object.prototype.hasOwnProperty.call(CompareQuantity, q);

export interface CompareRun {
  /** The run's label in the legend, e.g. "window 60s". */
  label: string;
  trace: Trace;
}

export interface CompareOptions {
  title?: string;
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
  }
}

/** One line per run of `quantity`, on the longest run's time axis. */
export function compareChart(
  runs: readonly CompareRun[],
  quantity: CompareQuantity,
  opts: CompareOptions = {},
): TopLevelSpec {
  const end = Math.max(1, ...runs.map((r) => r.trace.end));
  const rows = runs.flatMap((r) => compareRows(r, quantity, r.trace.end, opts));
  const info = CompareQuantity[quantity];
  return topLevel({
    title: opts.title,
    subtitle: `${info.title}, ${runs.length} run${runs.length === 1 ? "" : "s"} compared`,
    width: opts.width ?? DEFAULT_WIDTH,
    height: opts.height ?? DEFAULT_HEIGHT,
    end,
    layers:
      rows.length === 0
        ? []
        : [
            {
              data: { values: rows },
              mark: { type: "line", interpolate: "step-after", strokeWidth: 2, opacity: 0.9 },
              encoding: {
                x: timeX(end),
                y: { field: "value", type: "quantitative", title: info.title, scale: { zero: true } },
                color: {
                  field: "series",
                  type: "nominal",
                  title: "run",
                  scale: {
                    domain: runs.map((r) => r.label),
                    range: runs.map(
                      (_, i) => COMPARE_COLORS[i % COMPARE_COLORS.length] ?? replicaSetColor(i),
                    ),
                  },
                  legend: { orient: "right" },
                },
                tooltip: [
                  { field: "time", title: "time" },
                  { field: "series", title: "run" },
                  { field: "value", title: info.title, format: ".4~f" },
                ],
              },
            },
          ],
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
