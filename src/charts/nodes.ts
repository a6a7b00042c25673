/**
 * The nodes panel: Ready nodes and Pending pods as steps on one count axis, so a spike's
 * Pending pods, the cluster autoscaler's new nodes after their provisioning time, and the
 * Pending count falling back to zero line up; the nodes' own events (a node joining, the
 * autoscaler removing one) as rules. Only a run with Nodes has it (docs/nodes.md).
 */
import type { Trace } from "../engine/trace.ts";
import { pendingPodsSeries, readyNodesSeries } from "../engine/traceCounts.ts";
import { eventRows, eventRuleLayer } from "./events.ts";
import { Color, Dash } from "./palette.ts";
import { seriesRows } from "./steps.ts";
import { timeX } from "./timeAxis.ts";
import type { Layer } from "./vl.ts";

export const NodesLine = {
  ready: { label: "Ready nodes", color: Color.ink, dash: Dash.solid },
  pending: { label: "Pending pods", color: Color.unserved, dash: Dash.dashed },
} as const;

/** The trace has Node objects (a run with capacity). */
export const hasNodes = (trace: Trace): boolean => Object.keys(trace.series.Node ?? {}).length > 0;

/**
 * Node events worth a rule: nodes joining and leaving (NodeReady, the autoscaler's removal), a
 * scale-down that failed, and a node running short of memory.
 */
const NODE_EVENT_REASONS = new Set([
  "NodeReady",
  "ScaleDown",
  "NodeNotReady",
  "ScaleDownFailed",
  "NodeHasInsufficientMemory",
]);

export function nodesLayers(trace: Trace): Layer[] {
  const end = trace.end;
  const rows = [
    ...seriesRows(readyNodesSeries(trace), end, NodesLine.ready.label, (v) => v),
    ...seriesRows(pendingPodsSeries(trace), end, NodesLine.pending.label, (v) => v),
  ];
  const events = trace.events.filter(
    (e) => e.involvedObject.kind === "Node" && NODE_EVENT_REASONS.has(e.reason),
  );
  const lines = Object.values(NodesLine);
  return [
    eventRuleLayer(eventRows(events, end), end),
    {
      data: { values: rows },
      mark: { type: "line", interpolate: "step-after", strokeWidth: 2 },
      encoding: {
        x: timeX(end),
        y: {
          field: "value",
          type: "quantitative",
          title: "count",
          axis: { tickMinStep: 1, format: "d" },
          scale: { zero: true },
        },
        stroke: {
          field: "series",
          type: "nominal",
          title: "cluster",
          scale: { domain: lines.map((l) => l.label), range: lines.map((l) => l.color) },
          legend: { orient: "right" },
        },
        strokeDash: {
          field: "series",
          type: "nominal",
          title: "cluster",
          scale: { domain: lines.map((l) => l.label), range: lines.map((l) => [...l.dash]) },
          legend: { orient: "right" },
        },
        tooltip: [
          { field: "time", title: "time" },
          { field: "series", title: "line" },
          { field: "value", title: "count" },
        ],
      },
    },
  ];
}
