// groupedNumber writes what Number.prototype.toLocaleString("en-US") writes (ECMA-402's
// en-US grouping: commas every three digits), without Intl for safe integers.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { groupedNumber } from "../../src/text/format.ts";

describe("groupedNumber", () => {
  it.each([
    [0, "0"],
    [-0, "-0"],
    [7, "7"],
    [999, "999"],
    [1000, "1,000"],
    [12345, "12,345"],
    [1000000, "1,000,000"],
    [-1234567, "-1,234,567"],
    [Number.MAX_SAFE_INTEGER, "9,007,199,254,740,991"],
    [1.5, "1.5"],
    [1234.5678, "1,234.568"],
  ])("%s → %s", (n, text) => {
    expect(groupedNumber(n)).toBe(text);
  });

  it("agrees with toLocaleString('en-US') on every safe integer", () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (n) => groupedNumber(n) === n.toLocaleString("en-US")),
      { numRuns: 2000 },
    );
  });
});
