/**
 * CPU over time as the load model needs it: a linear ramp (or a constant) and the exact
 * integral of a pod's usage, min(cap, offset + scale × ramp(t)), over any interval. Exact
 * integrals make a metrics-server window average exact under steps and ramps, and the cost of
 * a run grows with the number of changes, not with simulated time.
 *
 * Example: a ramp 0 → 1000m over 100 s from t=0, shared by 2 pods (scale 1/2), capped at
 * 300m: each pod's usage is t·5 m until t=60, then 300m; its integral over [0, 100] is
 * 60·300/2 + 40·300 = 21000 m·s, so the 100 s average is 210m.
 */

/** v(t) = from + (to − from) · clamp((t − start) / over, 0, 1); `over` 0 is a step to `to`. */
export interface Ramp {
  from: number;
  to: number;
  start: number;
  over: number;
}

export const constant = (value: number, start = 0): Ramp => ({ from: value, to: value, start, over: 0 });

export function rampAt(r: Ramp, t: number): number {
  if (r.over <= 0 || t >= r.start + r.over) return r.to;
  if (t <= r.start) return r.from;
  return r.from + ((r.to - r.from) * (t - r.start)) / r.over;
}

/** The time the ramp stops changing (its kink), if after `t`. */
export function rampEnd(r: Ramp, t: number): number | undefined {
  const end = r.start + r.over;
  return r.over > 0 && r.from !== r.to && end > t ? end : undefined;
}

/** ∫ (a + b·t) dt over [x, y]: the mean of its ends times the length. */
const linear = (a: number, b: number, x: number, y: number): number =>
  ((a + b * x + (a + b * y)) / 2) * (y - x);

/** ∫ min(cap, a + b·t) dt over [t1, t2] for a linear function (cap may be Infinity). */
function integrateLinearCapped(a: number, b: number, cap: number, t1: number, t2: number): number {
  if (t2 <= t1) return 0;
  if (!Number.isFinite(cap)) return linear(a, b, t1, t2);
  const f1 = a + b * t1;
  const f2 = a + b * t2;
  if (f1 <= cap && f2 <= cap) return linear(a, b, t1, t2);
  if (f1 >= cap && f2 >= cap) return cap * (t2 - t1);
  // The line crosses the cap once inside the interval.
  const tc = (cap - a) / b;
  return f1 < cap ? linear(a, b, t1, tc) + cap * (t2 - tc) : cap * (tc - t1) + linear(a, b, tc, t2);
}

/** The integral of one linear piece [x, y] of min(cap, offset + scale · ramp(t)), added to `total`. */
function addPiece(
  total: number,
  r: Ramp,
  offset: number,
  scale: number,
  cap: number,
  x: number,
  y: number,
): number {
  const vx = offset + scale * rampAt(r, x);
  const vy = offset + scale * rampAt(r, y);
  const b = (vy - vx) / (y - x);
  return total + integrateLinearCapped(vx - b * x, b, cap, x, y);
}

/**
 * ∫ min(cap, offset + scale · ramp(t)) dt over [t1, t2], exactly: the ramp is split at its
 * start and end, each linear piece at the cap. (The pieces are the intervals between t1, the
 * start and the end where they fall inside (t1, t2), and t2, in this order, empty ones
 * skipped. Written without arrays or closures: it runs at every scrape.)
 */
export function integrateCapped(
  r: Ramp,
  offset: number,
  scale: number,
  cap: number,
  t1: number,
  t2: number,
): number {
  if (t2 <= t1) return 0;
  const start = r.start;
  const end = r.start + r.over;
  let total = 0;
  let x = t1;
  if (start > t1 && start < t2) {
    if (start > x) total = addPiece(total, r, offset, scale, cap, x, start);
    x = start;
  }
  if (end > t1 && end < t2) {
    if (end > x) total = addPiece(total, r, offset, scale, cap, x, end);
    x = end;
  }
  if (t2 > x) total = addPiece(total, r, offset, scale, cap, x, t2);
  return total;
}
