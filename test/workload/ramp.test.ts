// Exact integrals of ramps under caps: what makes a window average exact.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { constant, integrateCapped, rampAt, rampEnd, type Ramp } from "../../src/engine/workload/ramp.ts";

/** A fine Riemann sum as an independent check of the closed form. */
function numeric(r: Ramp, offset: number, scale: number, cap: number, t1: number, t2: number): number {
  const steps = 200000;
  const h = (t2 - t1) / steps;
  let s = 0;
  for (let i = 0; i < steps; i++) s += Math.min(cap, offset + scale * rampAt(r, t1 + (i + 0.5) * h)) * h;
  return s;
}

describe("rampAt", () => {
  it.each([
    [-5, 0],
    [0, 0],
    [25, 250],
    [100, 1000],
    [150, 1000],
  ])("0 → 1000 over 100 s at t=%d is %d", (t, v) => {
    expect(rampAt({ from: 0, to: 1000, start: 0, over: 100 }, t)).toBe(v);
  });
  it("a step (over 0) is the target at once", () => {
    expect(rampAt({ from: 0, to: 500, start: 10, over: 0 }, 10)).toBe(500);
  });
  it("reports its end only while it is still changing", () => {
    expect(rampEnd({ from: 0, to: 1, start: 10, over: 20 }, 0)).toBe(30);
    expect(rampEnd({ from: 0, to: 1, start: 10, over: 20 }, 30)).toBeUndefined();
    expect(rampEnd(constant(5), 0)).toBeUndefined();
  });
});

describe("integrateCapped", () => {
  const ramp: Ramp = { from: 0, to: 1000, start: 0, over: 100 };
  it("the worked example: shared by 2 pods, capped at 300m, over [0, 100] → 21000 m·s", () => {
    expect(integrateCapped(ramp, 0, 0.5, 300, 0, 100)).toBeCloseTo(21000, 9);
  });
  it.each([
    ["uncapped ramp", ramp, 0, 1, Infinity, 0, 100],
    ["window inside the ramp", ramp, 0, 1, Infinity, 15, 30],
    ["window across the ramp end", ramp, 10, 1, Infinity, 90, 120],
    ["cap crossed mid-window", ramp, 0, 1, 400, 30, 60],
    ["downward ramp under a cap", { from: 900, to: 100, start: 10, over: 40 } as Ramp, 50, 1, 500, 0, 60],
    ["constant above its cap", constant(700), 0, 1, 250, 0, 15],
  ])("%s matches a numeric integral", (_n, r, offset, scale, cap, t1, t2) => {
    expect(integrateCapped(r, offset, scale, cap, t1, t2)).toBeCloseTo(
      numeric(r, offset, scale, cap, t1, t2),
      2,
    );
  });
  it("an empty or reversed interval integrates to 0", () => {
    expect(integrateCapped(ramp, 0, 1, Infinity, 5, 5)).toBe(0);
    expect(integrateCapped(ramp, 0, 1, Infinity, 6, 5)).toBe(0);
  });
});

describe("integrateCapped without arrays or closures", () => {
  // The form it had until the twenty-second round (an array of the split points, a filter,
  // closures per piece): every integral in a run is its bits, so the new form must give them.
  function integrateLinearCappedBefore(a: number, b: number, cap: number, t1: number, t2: number): number {
    if (t2 <= t1) return 0;
    const f = (t: number) => a + b * t;
    const lin = (x: number, y: number) => ((f(x) + f(y)) / 2) * (y - x);
    if (!Number.isFinite(cap)) return lin(t1, t2);
    const f1 = f(t1);
    const f2 = f(t2);
    if (f1 <= cap && f2 <= cap) return lin(t1, t2);
    if (f1 >= cap && f2 >= cap) return cap * (t2 - t1);
    const tc = (cap - a) / b;
    return f1 < cap ? lin(t1, tc) + cap * (t2 - tc) : cap * (tc - t1) + lin(tc, t2);
  }
  function integrateCappedBefore(
    r: Ramp,
    offset: number,
    scale: number,
    cap: number,
    t1: number,
    t2: number,
  ) {
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
      total += integrateLinearCappedBefore(vx - b * x, b, cap, x, y);
    }
    return total;
  }

  it("gives the bits the array form gave, for ramps up, down, reversed, steps and caps crossed", () => {
    const time = fc.oneof(fc.integer({ min: -50, max: 400 }), fc.double({ min: -50, max: 400, noNaN: true }));
    const value = fc.oneof(
      fc.integer({ min: -100, max: 3000 }),
      fc.double({ min: -100, max: 3000, noNaN: true }),
    );
    fc.assert(
      fc.property(
        value,
        value,
        time,
        fc.oneof(
          fc.constant(0),
          fc.integer({ min: -20, max: 200 }),
          fc.double({ min: -20, max: 200, noNaN: true }),
        ),
        fc.oneof(fc.constant(0), value),
        fc.oneof(fc.constant(1), fc.double({ min: 0, max: 2, noNaN: true })),
        fc.oneof(fc.constant(Infinity), value),
        time,
        time,
        (from, to, start, over, offset, scale, cap, t1, t2) => {
          const r = { from, to, start, over };
          const args = [r, offset, scale, cap, t1, t2] as const;
          expect(Object.is(integrateCapped(...args), integrateCappedBefore(...args))).toBe(true);
        },
      ),
      { numRuns: 20000, seed: 20261207 },
    );
  });
});
