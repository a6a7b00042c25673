// Units of literals. Quantities follow apimachinery/pkg/api/resource/quantity.go (Value and
// MilliValue round up), through src/k8s/quantity.ts.
import { describe, expect, it } from "vitest";
import {
  formatDuration,
  parseDuration,
  parsePercent,
  parseQuantityMilli,
  parseQuantityValue,
  parseRate,
} from "../../src/dsl/units.ts";

describe("durations", () => {
  it.each([
    ["500ms", 0.5],
    ["15s", 15],
    ["5m", 300],
    ["2h", 7200],
    ["1d", 86400],
    ["1m30s", 90],
    ["1h1m1s1ms", 3661.001],
    ["0.1s", 0.1],
    ["0s", 0],
  ])("%s is %s s", (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each(["", "15", "1x", "m", "1m30", "-1s"])("%j is not a duration", (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  it.each([
    [0, "0s"],
    [90, "1m30s"],
    [0.5, "500ms"],
    [7200, "2h"],
    [86400 + 61, "1d1m1s"],
  ])("%s s is written %s", (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});

describe("quantities (quantity.go)", () => {
  it.each([
    ["50Mi", 52428800],
    ["40M", 40000000],
    ["1Gi", 1073741824],
    ["512Ki", 524288],
    ["1e6", 1000000],
    ["1.1Mi", 1153434], // 1153433.6 rounded up, as Value() does
    ["2k", 2000],
  ])("%s is %s bytes", (text, bytes) => {
    expect(parseQuantityValue(text)).toBe(bytes);
  });

  it.each([
    ["500m", 500],
    ["1.5", 1500],
    ["2", 2000],
    ["0.0001", 1], // MilliValue rounds 0.1m up to 1m
  ])("%s CPU is %s millicores", (text, milli) => {
    expect(parseQuantityMilli(text)).toBe(milli);
  });

  it("rejects what Kubernetes rejects", () => {
    expect(parseQuantityValue("5x")).toBeUndefined();
    expect(parseQuantityMilli("")).toBeUndefined();
  });
});

describe("percentages and rates", () => {
  it("reads them", () => {
    expect(parsePercent("180%")).toBe(180);
    expect(parsePercent("12.5%")).toBe(12.5);
    expect(parsePercent("12")).toBeUndefined();
    expect(parseRate("100/s")).toBe(100);
    expect(parseRate("100")).toBeUndefined();
  });
});
