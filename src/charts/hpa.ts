/**
 * The HPA chart: status.currentReplicas and status.desiredReplicas as steps inside the
 * [minReplicas, maxReplicas] band, each SuccessfulRescale marked where the new size lands
 * (its tooltip is the event message, "New size: 4; reason: cpu resource utilization
 * (percentage of request) above target"), and the HPA's other events as rules.
 */
import type { KubeEvent } from "../k8s/types.ts";
import type { Decision, HPASummary, Trace } from "../engine/trace.ts";
import { valueAt } from "../engine/trace.ts";
import { eventRows, eventRuleLayer } from "./events.ts";
import { Color, Dash } from "./palette.ts";
import type { ChartOptions } from "./select.ts";
import { DEFAULT_HEIGHT, DEFAULT_WIDTH, eventsAbout, hpaPoints, pickDeployment, pickHpa } from "./select.ts";
import { seriesRows, stepPoints } from "./steps.ts";
import { clockStyle, formatClock, timeX } from "./timeAxis.ts";
import { topLevel } from "./topLevel.ts";
import type { Layer, Row, TopLevelSpec } from "./vl.ts";

export const HpaLine = {
  current: { label: "current replicas", color: Color.ink, dash: Dash.solid },
  desired: { label: "desired replicas", color: Color.want, dash: Dash.dashed },
} as const;
export type HpaLine = keyof typeof HpaLine;

const LINE_PICK: Record<HpaLine, (h: HPASummary) => number | null> = {
  current: (h) => (h.exists ? h.currentReplicas : null),
  desired: (h) => (h.exists ? h.desiredReplicas : null),
};

/** The reason the HPA controller records for a rescale (horizontal.go, reconcileAutoscaler). */
export const RESCALE_REASON = "SuccessfulRescale";

/**
 * The size a rescale event announces. horizontal.go words it "New size: %d; reason: %s".
 * Example: "New size: 8; reason: cpu resource utilization (percentage of request) above target" → 8.
 */
export function rescaleSize(message: string): number | undefined {
  const m = /^New size: (\d+);/.exec(message);
  return m ? Number(m[1]) : undefined;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null;

/**
 * Why a rescale landed where it did, from the HPA controller's decision at that instant: the
 * replica count the metrics asked for and, when a limit cut it, the limit's reason and
 * message (horizontal.go's "ScaleUpLimit", "TooManyReplicas", …). Empty when the decision is
 * not in the trace or does not say.
 * Example: proposal 27 cut to 4 → "metrics asked for 27; ScaleUpLimit: the desired replica
 * count is increasing faster than the maximum scale rate".
 */
export function rescaleWhy(decisions: readonly Decision[], hpa: string, t: number): string {
  const d = decisions.find(
    (x) =>
      x.controller === "hpa" &&
      x.object === `HorizontalPodAutoscaler/${hpa}` &&
      x.t === t &&
      x.action === "scale",
  );
  if (!d) return "";
  const parts: string[] = [];
  const proposal = d.inputs.prenormalizedDesiredReplicas;
  if (typeof proposal === "number") parts.push(`metrics asked for ${proposal}`);
  const limit = isRecord(d.inputs.normalization) ? d.inputs.normalization.limit : undefined;
  if (
    isRecord(limit) &&
    typeof limit.reason === "string" &&
    typeof limit.message === "string" &&
    limit.reason !== "DesiredWithinRange"
  )
    parts.push(`${limit.reason}: ${limit.message}`);
  return parts.join("; ");
}

/** One row per SuccessfulRescale: where the new size lands, its message and why, for the tooltip. */
export function rescaleRows(
  events: readonly KubeEvent[],
  points: readonly { t: number; value: HPASummary }[],
  end: number,
  why: (t: number) => string = () => "",
): Row[] {
  const style = clockStyle(end);
  return events
    .filter((e) => e.reason === RESCALE_REASON && e.time <= end)
    .map((e) => ({
      t: e.time,
      time: formatClock(e.time, style),
      size: rescaleSize(e.message) ?? valueAt(points, e.time)?.desiredReplicas ?? null,
      message: e.message,
      why: why(e.time),
    }));
}

/** The HPA chart's layers (the dashboard reuses them). */
export function hpaLayers(trace: Trace, hpa: string): Layer[] {
  const end = trace.end;
  const points = hpaPoints(trace, hpa);
  const style = clockStyle(end);
  const band: Row[] = stepPoints(points, end)
    .filter((p) => p.value.exists)
    .map((p) => ({
      t: p.t,
      time: formatClock(p.t, style),
      min: p.value.minReplicas,
      max: p.value.maxReplicas,
    }));
  const lineRows = (Object.keys(HpaLine) as HpaLine[]).flatMap((line) =>
    seriesRows(points, end, HpaLine[line].label, LINE_PICK[line]),
  );
  const events = eventsAbout(trace, [{ kind: "HorizontalPodAutoscaler", name: hpa }]);
  const rescales = rescaleRows(events, points, end, (t) => rescaleWhy(trace.decisions, hpa, t));
  const others = events.filter((e) => e.reason !== RESCALE_REASON);
  const lines = Object.values(HpaLine);
  const y = {
    field: "value",
    type: "quantitative" as const,
    title: "replicas",
    axis: { tickMinStep: 1, format: "d" },
    scale: { zero: true },
  };

  const layers: Layer[] = [];
  if (band.length > 0) {
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
  }
  layers.push(eventRuleLayer(eventRows(others, end), end));
  if (lineRows.length > 0) {
    layers.push({
      data: { values: lineRows },
      mark: { type: "line", interpolate: "step-after", strokeWidth: 2 },
      encoding: {
        x: timeX(end),
        y,
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
          { field: "series", title: "line" },
          { field: "value", title: "replicas" },
        ],
      },
    });
  }
  if (rescales.length > 0) {
    layers.push({
      data: { values: rescales },
      mark: { type: "point", shape: "triangle-up", filled: true, size: 70, color: Color.want },
      encoding: {
        x: timeX(end),
        y: { field: "size", type: "quantitative" },
        tooltip: [
          { field: "time", title: "time" },
          { field: "message", title: RESCALE_REASON },
          { field: "why", title: "why" },
        ],
      },
    });
  }
  return layers;
}

/** The HPA chart (default: the HPA targeting the first Deployment). */
export function hpaChart(trace: Trace, opts: ChartOptions = {}): TopLevelSpec {
  const hpa = pickHpa(trace, opts.hpa, pickDeployment(trace, opts.deployment));
  const target =
    hpa === undefined ? undefined : hpaPoints(trace, hpa).find((p) => p.value.exists)?.value.target;
  return topLevel({
    title: opts.title,
    subtitle:
      hpa === undefined
        ? "no HorizontalPodAutoscaler in this run"
        : `hpa/${hpa} → ${target ?? "?"}: replicas within [min, max]`,
    width: opts.width ?? DEFAULT_WIDTH,
    height: opts.height ?? DEFAULT_HEIGHT,
    layers: hpa === undefined ? [] : hpaLayers(trace, hpa),
    end: trace.end,
  });
}
