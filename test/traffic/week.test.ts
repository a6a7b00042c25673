// The week of traffic shipped in scenarios/traffic/ is what scripts/gen-week-traffic.ts makes
// (so anyone can regenerate it), and has the shape it claims: a day's cycle, quieter weekends,
// two surges, seeded noise.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { WEEK, paths, prometheusAnswer, weekCsv, weekTraffic } from "../../scripts/gen-week-traffic.ts";
import { readTraffic } from "../../src/traffic/index.ts";

const stale = "is stale: run `npx tsx scripts/gen-week-traffic.ts`";

describe("scenarios/traffic fixtures", () => {
  it("week.csv is the generator's output", () => {
    expect(readFileSync(paths.weekCsv, "utf8"), `week.csv ${stale}`).toBe(weekCsv());
  });
  it("tuesday-evening.json is the generator's output", () => {
    expect(readFileSync(paths.prometheus, "utf8"), `tuesday-evening.json ${stale}`).toBe(prometheusAnswer());
  });
  it("the same seed gives the same week; another seed another", () => {
    expect(weekTraffic()).toEqual(weekTraffic());
    expect(weekTraffic({ ...WEEK, seed: 7 })).not.toEqual(weekTraffic());
  });
});

describe("the week's shape", () => {
  const week = weekTraffic();
  const hourly = (day: number, hour: number) => {
    const i = (day * 86400 + hour * 3600) / WEEK.step;
    const slice = week.slice(i, i + 12).map((x) => x.rps);
    return slice.reduce((a, b) => a + b, 0) / slice.length;
  };
  const dayTotal = (day: number) =>
    week.slice((day * 86400) / WEEK.step, ((day + 1) * 86400) / WEEK.step).reduce((a, x) => a + x.rps, 0);

  it("holds a sample every five minutes for seven days", () => {
    expect(week).toHaveLength((7 * 86400) / 300);
    expect(week[1].time - week[0].time).toBe(300);
  });
  it("is quiet at night and busy in the afternoon", () => {
    expect(hourly(0, 4)).toBeLessThan(0.15 * hourly(0, 15));
  });
  it("is quieter at the weekend", () => {
    expect(dayTotal(5)).toBeLessThan(0.7 * dayTotal(2));
    expect(dayTotal(6)).toBeLessThan(dayTotal(5));
  });
  it("surges on Tuesday at 19:00 and Thursday at 10:30", () => {
    expect(hourly(1, 19) / hourly(0, 19)).toBeGreaterThan(1.8);
    const at = (day: number, h: number) => week[(day * 86400 + h * 3600) / WEEK.step].rps;
    expect(at(3, 10.5) / at(2, 10.5)).toBeGreaterThan(1.4);
  });
  it("reads back through the traffic reader as the replayed signal", () => {
    const r = readTraffic(weekCsv(), { unit: "requests" });
    expect(r.problems).toEqual([]);
    expect(r.signal!.t).toHaveLength(week.length);
    expect(r.signal!.v[0]).toBe(week[0].rps);
  });
  it("the Prometheus answer adds up, over its series, to the week's Tuesday evening", () => {
    const sum = readTraffic(prometheusAnswer(), { unit: "requests", sum: true });
    expect(sum.problems).toEqual([]);
    const csv = readTraffic(weekCsv(), { unit: "requests" }).signal!;
    const at = (t: number) => csv.v[csv.t.indexOf(t)];
    const tuesday19 = 86400 + 19 * 3600;
    const replayed = sum.signal!.v[sum.signal!.t.indexOf(3600)];
    expect(replayed / at(tuesday19)).toBeGreaterThan(0.8);
    expect(replayed / at(tuesday19)).toBeLessThan(1.2);
  });
});
