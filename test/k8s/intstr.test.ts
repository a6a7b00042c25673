// Cases from k8s.io/apimachinery/pkg/util/intstr/intstr_test.go (TestGetScaledValueFromIntOrPercent)
// and deployment_util_test.go TestResolveFenceposts ("39%" of 10 rounds up to 4).
import { describe, expect, it } from "vitest";
import {
  getIntOrPercentValueSafely,
  getScaledValueFromIntOrPercent,
  isIntOrStringError,
  isPercent,
} from "../../src/k8s/intstr.ts";

describe("getScaledValueFromIntOrPercent (intstr.go)", () => {
  const cases = [
    { input: 123, total: 0, roundUp: false, want: 123 },
    { input: "90%", total: 100, roundUp: true, want: 90 },
    { input: "90%", total: 95, roundUp: true, want: 86 },
    { input: "90%", total: 95, roundUp: false, want: 85 },
    {
      input: "%",
      total: 0,
      roundUp: false,
      err: 'invalid value for IntOrString: invalid value "%": strconv.Atoi: parsing "": invalid syntax',
    },
    {
      input: "5",
      total: 0,
      roundUp: false,
      err: "invalid value for IntOrString: invalid type: string is not a percentage",
    },
    {
      input: "#%",
      total: 0,
      roundUp: false,
      err: 'invalid value for IntOrString: invalid value "#%": strconv.Atoi: parsing "#": invalid syntax',
    },
    { input: "25%", total: 10, roundUp: true, want: 3 },
    { input: "25%", total: 10, roundUp: false, want: 2 },
    { input: "39%", total: 10, roundUp: true, want: 4 },
    { input: "25%", total: 1, roundUp: false, want: 0 },
    { input: "0%", total: 10, roundUp: true, want: 0 },
    { input: "-10%", total: 10, roundUp: false, want: -1 },
  ];
  it.each(cases)("$input of $total (roundUp $roundUp)", ({ input, total, roundUp, want, err }) => {
    const got = getScaledValueFromIntOrPercent(input, total, roundUp);
    if (err !== undefined) {
      expect(isIntOrStringError(got)).toBe(true);
      if (isIntOrStringError(got)) expect(got.message).toBe(err);
    } else {
      expect(got).toBe(want);
    }
  });

  it("rejects a missing value as intstr.go does", () => {
    const got = getScaledValueFromIntOrPercent(undefined, 10, true);
    expect(isIntOrStringError(got) && got.message).toBe("nil value for IntOrString");
  });
});

describe("isPercent / getIntOrPercentValueSafely", () => {
  it.each([
    ["25%", true],
    ["25", false],
    [25, false],
    [undefined, false],
  ] as const)("isPercent(%s) = %s", (v, want) => {
    expect(isPercent(v)).toBe(want);
  });

  it("returns the number as written and whether it was a percentage", () => {
    expect(getIntOrPercentValueSafely("0%")).toEqual({ value: 0, isPercent: true });
    expect(getIntOrPercentValueSafely(7)).toEqual({ value: 7, isPercent: false });
  });
});
