/**
 * The faults a run put the cluster through (the `fault` statement), as shaded bands across
 * the dashboard's panels: from the fault's start to its end (or the run's), with what it hit
 * in the tooltip. Read from the trace's decisions of the "faults" controller
 * (Simulation.inject records one per fault). A run without faults draws nothing more.
 * Example: `at 2m fault metrics down for 3m` → a band from 2:00 to 5:00, "fault metricsDown".
 */
import type { Trace } from "../engine/trace.ts";
import { Color } from "./palette.ts";
import { clockStyle, formatClock, timeX } from "./timeAxis.ts";
import type { Layer, Row } from "./vl.ts";

/** One row per fault: its window, clipped to the run, and its summary. */
export function faultRows(trace: Trace): Row[] {
  const style = clockStyle(trace.end);
  return trace.decisions
    .filter((d) => d.controller === "faults" && d.t <= trace.end)
    .map((d) => {
      const until = typeof d.inputs.until === "number" ? Math.min(d.inputs.until, trace.end) : trace.end;
      return {
        t: d.t,
        until,
        time: `${formatClock(d.t, style)}–${formatClock(until, style)}`,
        fault: d.summary,
      };
    });
}

/** The bands, drawn under a panel's own layers; full height, whatever the panel's y scale. */
export function faultLayer(rows: Row[], end: number): Layer {
  return {
    data: { values: rows },
    mark: { type: "rect", color: Color.warning, opacity: 0.08 },
    encoding: {
      x: timeX(end),
      x2: { field: "until" },
      tooltip: [
        { field: "time", title: "fault window" },
        { field: "fault", title: "fault" },
      ],
    },
  };
}
