/**
 * Step functions from the trace, turned into chart rows. A trace series holds the state from
 * each point's `t` until the next point, and several points may share an instant (the last
 * is "the state at t", see trace.ts). Charts draw them with `interpolate: "step-after"`, so
 * the rows keep one value per instant and repeat the final value at the end of the run,
 * or the last step would have no width.
 */
import type { Time } from "../k8s/types.ts";
import type { Point } from "../engine/trace.ts";
import { valueAt } from "../engine/trace.ts";
import { clockStyle, formatClock } from "./timeAxis.ts";
import type { Row } from "./vl.ts";

/**
 * The points of a series with one point per instant (the last one at that instant), clipped
 * to [0, end], with a final point at `end` holding the state then.
 * Example: [(0,a), (5,b), (5,c), (9,d)] with end 12 → [(0,a), (5,c), (9,d), (12,d)].
 */
export function stepPoints<V>(points: readonly Point<V>[] | undefined, end: Time): Point<V>[] {
  const out: Point<V>[] = [];
  for (const p of points ?? []) {
    if (p.t > end) break;
    if (out.length > 0 && out[out.length - 1].t === p.t) out[out.length - 1] = p;
    else out.push(p);
  }
  if (out.length > 0 && out[out.length - 1].t < end) out.push({ t: end, value: out[out.length - 1].value });
  return out;
}

/** Every distinct instant at which any of the series changes, plus `end`, sorted. */
export function changeTimes(series: readonly (readonly Point<unknown>[] | undefined)[], end: Time): Time[] {
  const times = new Set<Time>();
  for (const points of series) for (const p of points ?? []) if (p.t <= end) times.add(p.t);
  if (times.size > 0) times.add(end);
  return [...times].sort((a, b) => a - b);
}

/** A step series as rows `{t, time, series, value}`; a null from `pick` (no metric yet) stays null, a gap in the line. */
export function seriesRows<V>(
  points: readonly Point<V>[] | undefined,
  end: Time,
  series: string,
  pick: (v: V) => number | null,
): Row[] {
  const style = clockStyle(end);
  const rows: Row[] = [];
  for (const p of stepPoints(points, end)) {
    const value = pick(p.value);
    rows.push({ t: p.t, time: formatClock(p.t, style), series, value });
  }
  return rows;
}

/**
 * Several step series sampled on one shared grid of instants, so that stacking needs no
 * imputation (Vega-Lite would impute a missing step as 0, not as the value carried forward).
 * Before a series' first point its value is 0.
 * Example: A = [(0,3)], B = [(10,1)] → at 0: A 3, B 0; at 10: A 3, B 1.
 */
export function alignedRows<V>(
  named: readonly { series: string; points: readonly Point<V>[] | undefined; order: number; extra?: Row }[],
  end: Time,
  pick: (v: V) => number,
): Row[] {
  const style = clockStyle(end);
  const grid = changeTimes(
    named.map((n) => n.points),
    end,
  );
  const rows: Row[] = [];
  for (const t of grid) {
    for (const n of named) {
      const v = valueAt(n.points, t);
      rows.push({
        ...n.extra,
        t,
        time: formatClock(t, style),
        series: n.series,
        order: n.order,
        value: v === undefined ? 0 : pick(v),
      });
    }
  }
  return rows;
}
