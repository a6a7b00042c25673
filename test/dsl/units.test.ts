// Units of literals. Quantities follow apimachinery/pkg/api/resource/quantity.go (Value and
// MilliValue round up), through src/k8s/quantity.ts.
import fc from "fast-check";
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

  it.each(["", "15", "1x", "m", "1m30", "-1s", "1.m", ".5s", "1.5.5s", "1ms5", "1s ", " 1s", "1S", "1m-1s"])(
    "%j is not a duration",
    (text) => {
      expect(parseDuration(text)).toBeUndefined();
    },
  );

  it("reads every text as the duration grammar's regular expressions do", () => {
    // The definition parseDuration is hand-written from: the whole text a sequence of
    // NUMBER UNIT parts, each part's value times its unit, summed left to right.
    const units: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400 };
    const byRegex = (text: string): number | undefined => {
      if (!/^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d))+$/.test(text)) return undefined;
      let seconds = 0;
      for (const part of text.match(/\d+(?:\.\d+)?(?:ms|s|m|h|d)/g)!) {
        const unit = /(?:ms|s|m|h|d)$/.exec(part)![0];
        seconds += Number(part.slice(0, part.length - unit.length)) * units[unit];
      }
      return Math.round(seconds * 1e6) / 1e6;
    };
    const char = fc.constantFrom(..."0123456789.mshd x");
    fc.assert(
      fc.property(fc.array(char, { maxLength: 12 }), (chars) => {
        const text = chars.join("");
        expect(parseDuration(text)).toBe(byRegex(text));
      }),
      { numRuns: 20000, seed: 15 },
    );
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
