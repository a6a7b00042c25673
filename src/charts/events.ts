/**
 * Kubernetes events as vertical rules on a time chart. Events at one instant (a rolling
 * update emits several ScalingReplicaSet events in the same second) become one rule whose
 * tooltip lists them all, so no rule hides another.
 */
import type { KubeEvent, Time } from "../k8s/types.ts";
import { Color } from "./palette.ts";
import { clockStyle, formatClock, timeX } from "./timeAxis.ts";
import type { Layer, Row } from "./vl.ts";

/**
 * One row per instant with events: reasons and messages joined in emission order, and
 * `warning` true when any of them is a Warning.
 * Example: two ScalingReplicaSet events at t=30 → one row, reason "ScalingReplicaSet ×2".
 */
export function eventRows(events: readonly KubeEvent[], end: Time): Row[] {
  const style = clockStyle(end);
  const byTime = new Map<Time, KubeEvent[]>();
  for (const e of events) {
    if (e.time > end) continue;
    const list = byTime.get(e.time);
    if (list) list.push(e);
    else byTime.set(e.time, [e]);
  }
  const rows: Row[] = [];
  for (const [t, list] of [...byTime].sort((a, b) => a[0] - b[0])) {
    const counts = new Map<string, number>();
    for (const e of list) counts.set(e.reason, (counts.get(e.reason) ?? 0) + 1);
    rows.push({
      t,
      time: formatClock(t, style),
      reason: [...counts].map(([r, n]) => (n > 1 ? `${r} ×${n}` : r)).join(", "),
      message: list.map((e) => `${e.involvedObject.kind}/${e.involvedObject.name}: ${e.message}`).join("\n"),
      warning: list.some((e) => e.type === "Warning"),
    });
  }
  return rows;
}

/** Thin rules across the plot, grey for Normal events and red where a Warning is among them. */
export function eventRuleLayer(rows: Row[], end: Time): Layer {
  return {
    data: { values: rows },
    mark: { type: "rule", strokeWidth: 1, opacity: 0.55 },
    encoding: {
      x: timeX(end),
      color: {
        condition: { test: "datum.warning", value: Color.warning },
        value: Color.event,
      },
      tooltip: [
        { field: "time", title: "time" },
        { field: "reason", title: "event" },
        { field: "message", title: "message" },
      ],
    },
  };
}
