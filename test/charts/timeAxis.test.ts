import { describe, expect, it } from "vitest";
import { clockLabelExpr, clockStyle, formatClock, tickValues } from "../../src/charts/timeAxis.ts";

describe("formatClock", () => {
  it.each([
    { t: 0, style: "m:ss", want: "0:00" },
    { t: 5, style: "m:ss", want: "0:05" },
    { t: 75, style: "m:ss", want: "1:15" },
    { t: 600, style: "m:ss", want: "10:00" },
    { t: 2.5, style: "m:ss", want: "0:02.5" },
    { t: 3599, style: "m:ss", want: "59:59" },
    { t: 5400, style: "h:mm", want: "1:30" },
    { t: 7260, style: "h:mm", want: "2:01" },
  ] as const)("$t s in $style → $want", ({ t, style, want }) => {
    expect(formatClock(t, style)).toBe(want);
  });
});

describe("clockStyle", () => {
  it.each([
    { end: 60, want: "m:ss" },
    { end: 3600, want: "m:ss" },
    { end: 3601, want: "h:mm" },
  ])("a run ending at $end s is labelled $want", ({ end, want }) => {
    expect(clockStyle(end)).toBe(want);
  });
});

describe("tickValues", () => {
  it.each([
    { end: 600, want: { step: 60, first: 0, last: 600 } },
    { end: 180, want: { step: 30, first: 0, last: 180 } },
    { end: 720, want: { step: 120, first: 0, last: 720 } },
    { end: 10, want: { step: 1, first: 0, last: 10 } },
    { end: 7200, want: { step: 900, first: 0, last: 7200 } },
  ])("end $end s → ticks every $want.step s", ({ end, want }) => {
    const ticks = tickValues(end);
    expect(ticks.length).toBeLessThanOrEqual(11);
    expect(ticks[0]).toBe(want.first);
    expect(ticks[1] - ticks[0]).toBe(want.step);
    expect(ticks[ticks.length - 1]).toBe(want.last);
  });

  it("never puts a tick past the end of the run", () => {
    expect(Math.max(...tickValues(100))).toBeLessThanOrEqual(100);
  });
});

describe("clockLabelExpr", () => {
  // The Vega expression must agree with formatClock; evaluate it with the same few functions.
  const evalExpr = (expr: string, value: number) =>
    new Function("datum", "floor", "format", `return ${expr};`)({ value }, Math.floor, (n: number) =>
      String(n).padStart(2, "0"),
    );
  it.each([0, 59, 75, 600, 3599])("m:ss label of %s s matches formatClock", (t) => {
    expect(evalExpr(clockLabelExpr("m:ss"), t)).toBe(formatClock(t, "m:ss"));
  });
  it.each([3600, 5400, 7260])("h:mm label of %s s matches formatClock", (t) => {
    expect(evalExpr(clockLabelExpr("h:mm"), t)).toBe(formatClock(t, "h:mm"));
  });
});
