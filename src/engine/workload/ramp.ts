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

/** ∫ min(cap, a + b·t) dt over [t1, t2] for a linear function (cap may be Infinity). */
function integrateLinearCapped(a: number, b: number, cap: number, t1: number, t2: number): number {
  if (t2 <= t1) return 0;
  const f = (t: number) => a + b * t;
  const lin = (x: number, y: number) => ((f(x) + f(y)) / 2) * (y - x);
  if (!Number.isFinite(cap)) return lin(t1, t2);
  const f1 = f(t1);
  const f2 = f(t2);
  if (f1 <= cap && f2 <= cap) return lin(t1, t2);
  if (f1 >= cap && f2 >= cap) return cap * (t2 - t1);
  // The line crosses the cap once inside the interval.
  const tc = (cap - a) / b;
  return f1 < cap ? lin(t1, tc) + cap * (t2 - tc) : cap * (tc - t1) + lin(tc, t2);
}

/**
 * ∫ min(cap, offset + scale · ramp(t)) dt over [t1, t2], exactly: the ramp is split at its
 * start and end, each linear piece at the cap.
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
  const points = [t1, ...[r.start, r.start + r.over].filter((p) => p > t1 && p < t2), t2];
  let total = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const x = points[i];
    const y = points[i + 1];
    if (y <= x) continue;
    const vx = offset + scale * rampAt(r, x);
    const vy = offset + scale * rampAt(r, y);
    const b = (vy - vx) / (y - x);
    total += integrateLinearCapped(vx - b * x, b, cap, x, y);
  }
  return total;
}
