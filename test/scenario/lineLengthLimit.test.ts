// checkTextLimits finds the first line longer than limits.line-length by jumping from newline
// to newline up to the limit (src/scenario/limits.ts, firstLongLine). It must find the line a
// walk over every line finds, for any limit a setting can hold (fractions, zero, below zero,
// NaN, Infinity), and report it as before (the golden corpus has limits/019).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { firstLongLine } from "../../src/scenario/limits.ts";

/** The walk over every line the check made before: the first line longer than `max`, or -1. */
function walkedLongLine(source: string, max: number): number {
  let lineStart = 0;
  while (lineStart <= source.length) {
    let end = source.indexOf("\n", lineStart);
    if (end < 0) end = source.length;
    if (end - lineStart > max) return lineStart;
    lineStart = end + 1;
  }
  return -1;
}

describe("the line-length limit", () => {
  it("finds the line a walk over every line finds", () => {
    const text = fc
      .array(fc.oneof(fc.constant(""), fc.string({ maxLength: 12 })), { maxLength: 30 })
      .chain((lines) => fc.constantFrom(lines.join("\n"), `${lines.join("\n")}\n`));
    const max = fc.oneof(
      fc.integer({ min: -3, max: 14 }),
      fc.double({ min: -2, max: 14, noNaN: true }),
      fc.constantFrom(Number.NaN, Infinity, -Infinity, 1_048_576),
    );
    fc.assert(
      fc.property(text, max, (source, limit) => {
        expect(firstLongLine(source, limit)).toBe(walkedLongLine(source, limit));
      }),
      { numRuns: 3000, seed: 18 },
    );
  });

  it("finds a long line after many short ones, and none in a text of short lines", () => {
    const short = "expect replicas >= 2 within 2m\n".repeat(10_000);
    expect(firstLongLine(short, 30)).toBe(-1);
    expect(firstLongLine(short, 29)).toBe(0);
    const text = `${short}${"x".repeat(41)}\nkubectl get hpa\n`;
    expect(firstLongLine(text, 40)).toBe(short.length);
    expect(firstLongLine(text, 41)).toBe(-1);
  });
});
