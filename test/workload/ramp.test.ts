// Exact integrals of ramps under caps: what makes a window average exact.
import { describe, expect, it } from "vitest";
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
