/**
 * CloudWatch get-metric-data answers (src/traffic/cloudwatchMetricData.ts): the shape of
 * `aws cloudwatch get-metric-data --output json` (GetMetricData's MetricDataResults: Id, Label,
 * Timestamps newest first under ScanBy's default TimestampDescending, Values, StatusCode).
 */
import { describe, expect, it } from "vitest";
import { readTraffic } from "../../src/traffic/index.ts";

const result = (id: string, points: [string, number][], extra: object = {}) => ({
  Id: id,
  Label: id === "requests" ? "RequestCount" : id,
  Timestamps: points.map(([t]) => t),
  Values: points.map(([, v]) => v),
  StatusCode: "Complete",
  ...extra,
});
const answer = (...results: object[]): string =>
  JSON.stringify({ MetricDataResults: results, Messages: [] }, null, 4);

// Newest first, as the API answers by default.
const perMinute: [string, number][] = [
  ["2024-06-05T14:03:00+00:00", 6000],
  ["2024-06-05T14:02:00+00:00", 4800],
  ["2024-06-05T14:01:00+00:00", 3600],
  ["2024-06-05T14:00:00+00:00", 3000],
];

const codes = (r: ReturnType<typeof readTraffic>) => r.problems.map((p) => [p.message.code, p.severity]);

describe("CloudWatch get-metric-data answers", () => {
  it("reads a Sum per minute in time order as requests per second over the period", () => {
    const r = readTraffic(answer(result("requests", perMinute)), { unit: "requests", column: "Sum" });
    expect(r.format).toBe("cloudwatch");
    expect(r.problems).toEqual([]);
    expect(r.signal).toEqual({ t: [0, 60, 120, 180], v: [50, 60, 80, 100] });
  });

  it("reads another statistic (a rate already) as it is", () => {
    const r = readTraffic(answer(result("requests", perMinute)), { unit: "requests", column: "average" });
    expect(r.signal?.v).toEqual([3000, 3600, 4800, 6000]);
  });

  it("refuses request traffic whose statistic is not said, at the statement", () => {
    const r = readTraffic(answer(result("requests", perMinute)), { unit: "requests" });
    expect(r.signal).toBeUndefined();
    expect(codes(r)).toEqual([["RC4133", "error"]]);
    expect(r.problems[0].at).toEqual({ option: "file" });
    expect(r.problems[0].message.hint).toContain('`column "Sum"`');
  });

  it("reads a CPU file's values as they are without a statistic", () => {
    const r = readTraffic(answer(result("cpu", [["2024-06-05T14:00:00Z", 0.5]])), { unit: "cpu" });
    expect(r.signal).toEqual({ t: [0], v: [500] });
  });

  it("refuses a column that is no statistic", () => {
    const r = readTraffic(answer(result("requests", perMinute)), {
      unit: "requests",
      column: "RequestCount",
    });
    expect(codes(r)).toEqual([["RC4134", "error"]]);
    expect(r.problems[0].at).toEqual({ option: "column" });
  });

  it("joins the pages of one query (the CLI's NextToken pages) and picks a query by its Id", () => {
    const text = answer(
      result("requests", perMinute.slice(0, 2)),
      result("latency", [["2024-06-05T14:00:00+00:00", 0.08]]),
      result("requests", perMinute.slice(2)),
    );
    const picked = readTraffic(text, {
      unit: "requests",
      column: "Sum",
      series: [{ name: "Id", value: "requests" }],
    });
    expect(picked.problems).toEqual([]);
    expect(picked.signal).toEqual({ t: [0, 60, 120, 180], v: [50, 60, 80, 100] });
    // Without `series`: the first query, with Prometheus' several-series warning.
    const first = readTraffic(text, { unit: "requests", column: "Sum" });
    expect(codes(first)).toEqual([["RC6016", "warning"]]);
    expect(first.problems[0].message.message).toBe(
      'the answer holds 2 series; replaying the first, {Id="requests", Label="RequestCount"}',
    );
  });

  it("warns of PartialData and refuses a Forbidden result with its message", () => {
    const partial = readTraffic(answer(result("requests", perMinute, { StatusCode: "PartialData" })), {
      unit: "requests",
      column: "Sum",
    });
    expect(codes(partial)).toEqual([["RC4136", "warning"]]);
    expect(partial.signal?.v).toEqual([50, 60, 80, 100]);
    const forbidden = readTraffic(
      answer(
        result("requests", [], {
          StatusCode: "Forbidden",
          Messages: [{ Code: "Forbidden", Value: "not authorized to perform cloudwatch:GetMetricData" }],
        }),
      ),
      { unit: "requests", column: "Sum" },
    );
    expect(codes(forbidden)).toEqual([["RC4135", "error"]]);
    expect(forbidden.problems[0].message.message).toBe(
      "the query's result is Forbidden: not authorized to perform cloudwatch:GetMetricData; it holds nothing to replay",
    );
  });

  it("refuses a Sum of one period, and Timestamps and Values of different lengths", () => {
    const one = readTraffic(answer(result("requests", perMinute.slice(0, 1))), {
      unit: "requests",
      column: "Sum",
    });
    expect(codes(one)).toEqual([["RC4106", "error"]]);
    const text = answer({ ...result("requests", perMinute), Values: [1, 2] });
    const uneven = readTraffic(text, { unit: "requests", column: "Sum" });
    expect(codes(uneven)).toEqual([["RC6019", "error"]]);
    expect(uneven.problems[0].message.message).toBe(
      "not a sample: the result has 4 Timestamps and 2 Values; each timestamp has its value",
    );
  });
});
