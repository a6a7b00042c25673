/**
 * The layered HPA chart — why it scaled, or didn't: at every sync, on one time axis, the
 * stages horizontal.go takes a replica count through, as the controller recorded them
 * (src/explain reads them from the trace's decisions):
 *
 * - raw proposal: the metrics' answer (prenormalizedDesiredReplicas);
 * - stabilized: after the stabilization window (stabilizedRecommendation);
 * - policy limit: the behavior policies' rate limit for the direction it moves, or the legacy
 *   per-sync scale-up cap without behavior;
 * - applied: the count the HPA wrote (desiredReplicas), i.e. the Deployment's spec.replicas;
 *
 * over the [minReplicas, maxReplicas] band. Where a lower line sits below a higher one, the
 * layer between them is what held the HPA back: a raw proposal far above the applied count
 * under a flat policy limit is a rate limit; a stabilized line above a falling proposal is the
 * scale-down window.
 */
import type { Trace } from "../engine/trace.ts";
import { hpaNumbers, hpaSyncs } from "../explain/hpa.ts";
import { Color, Dash } from "./palette.ts";
import type { ChartOptions } from "./select.ts";
import { DEFAULT_HEIGHT, DEFAULT_WIDTH, pickDeployment, pickHpa } from "./select.ts";
import { clockStyle, formatClock, timeX } from "./timeAxis.ts";
import { topLevel } from "./topLevel.ts";
import type { Layer, Row, TopLevelSpec } from "./vl.ts";

/** The four layers, drawn in this order (the applied count on top). */
export const WhyLine = {
  proposal: { label: "raw proposal", color: Color.want, dash: Dash.dotted },
  stabilized: { label: "stabilized recommendation", color: Color.served, dash: Dash.dashed },
  limit: { label: "policy limit", color: Color.limit, dash: Dash.solid },
  applied: { label: "applied replicas", color: Color.ink, dash: Dash.solid },
} as const;
export type WhyLine = keyof typeof WhyLine;

/** One row per sync and line, held until the next sync (and to the end of the run). */
export function whyRows(trace: Trace, hpa: string): Row[] {
  const end = trace.end;
  const style = clockStyle(end);
  const syncs = hpaSyncs(trace, hpa).filter((s) => s.t <= end);
  const rows: Row[] = [];
  const push = (t: number, line: WhyLine, value: number | undefined, why: string) =>
    rows.push({ t, time: formatClock(t, style), series: WhyLine[line].label, value: value ?? null, why });
  syncs.forEach((s, i) => {
    const n = hpaNumbers(s);
    const why = n.limitReason ?? "";
    const at = [s.t];
    if (i === syncs.length - 1 && s.t < end) at.push(end);
    for (const t of at) {
      push(t, "proposal", n.proposal, why);
      push(t, "stabilized", n.stabilized, why);
      push(t, "limit", n.limit, why);
      // A refused write applied nothing: the size stayed.
      push(
        t,
        "applied",
        n.scaleError === undefined ? (n.desiredReplicas ?? n.currentReplicas) : n.currentReplicas,
        why,
      );
    }
  });
  return rows;
}

/** The chart's layers: the min/max band, then the four step lines. */
export function whyLayers(trace: Trace, hpa: string): Layer[] {
  const end = trace.end;
  const style = clockStyle(end);
  const syncs = hpaSyncs(trace, hpa).filter((s) => s.t <= end);
  const band: Row[] = syncs
    .filter((s) => s.inputs.minReplicas !== undefined && s.inputs.maxReplicas !== undefined)
    .map((s) => ({
      t: s.t,
      time: formatClock(s.t, style),
      min: s.inputs.minReplicas ?? null,
      max: s.inputs.maxReplicas ?? null,
    }));
  if (band.length > 0 && (band[band.length - 1].t as number) < end)
    band.push({ ...band[band.length - 1], t: end, time: formatClock(end, style) });
  const rows = whyRows(trace, hpa);
  const layers: Layer[] = [];
  if (band.length > 0)
    layers.push({
      data: { values: band },
      mark: { type: "area", interpolate: "step-after", color: Color.limitFill, opacity: 0.8 },
      encoding: {
        x: timeX(end),
        y: { field: "min", type: "quantitative", title: "replicas" },
        y2: { field: "max" },
        tooltip: [
          { field: "time", title: "time" },
          { field: "min", title: "minReplicas" },
          { field: "max", title: "maxReplicas" },
        ],
      },
    });
  // Two line layers sharing one stroke scale (one legend): the stages thin, the applied count bold.
  const appliedLabel = WhyLine.applied.label;
  const stages = rows.filter((r) => r.series !== appliedLabel);
  const applied = rows.filter((r) => r.series === appliedLabel);
  for (const [values, width] of [
    [stages, 1.5],
    [applied, 2.5],
  ] as const)
    if (values.length > 0) layers.push(lineLayer(values, width, hpa, end));
  return layers;
}

function lineLayer(values: Row[], strokeWidth: number, hpa: string, end: number): Layer {
  const lines = Object.values(WhyLine);
  return {
    data: { values },
    // Clipped at 0: a scale-down policy's limit can go below zero (4 − 4 pods from 1 is −3),
    // which min/max then floors; the chart keeps replicas on a count axis.
    mark: { type: "line", interpolate: "step-after", strokeWidth, clip: true },
    encoding: {
      x: timeX(end),
      y: {
        field: "value",
        type: "quantitative",
        title: "replicas",
        axis: { tickMinStep: 1, format: "d" },
        scale: { domainMin: 0 },
      },
      stroke: {
        field: "series",
        type: "nominal",
        title: `hpa/${hpa}`,
        scale: { domain: lines.map((l) => l.label), range: lines.map((l) => l.color) },
        legend: { orient: "right" },
      },
      strokeDash: {
        field: "series",
        type: "nominal",
        title: `hpa/${hpa}`,
        scale: { domain: lines.map((l) => l.label), range: lines.map((l) => [...l.dash]) },
        legend: { orient: "right" },
      },
      tooltip: [
        { field: "time", title: "time" },
        { field: "series", title: "layer" },
        { field: "value", title: "replicas" },
        { field: "why", title: "limited by" },
      ],
    },
  };
}

/** The layered HPA chart (default: the HPA targeting the first Deployment). */
export function whyChart(trace: Trace, opts: ChartOptions = {}): TopLevelSpec {
  const hpa = pickHpa(trace, opts.hpa, pickDeployment(trace, opts.deployment));
  return topLevel({
    title: opts.title,
    subtitle:
      hpa === undefined
        ? "no HorizontalPodAutoscaler in this run"
        : `hpa/${hpa} at every sync: raw proposal → stabilized → policy limit → applied replicas`,
    width: opts.width ?? DEFAULT_WIDTH,
    height: opts.height ?? DEFAULT_HEIGHT,
    layers: hpa === undefined ? [] : whyLayers(trace, hpa),
    end: trace.end,
  });
}
