// Rules and cases from k8s.io/apimachinery/pkg/api/resource/quantity.go and quantity_test.go.
import { describe, expect, it } from "vitest";
import {
  Quantity,
  QuantityMessages,
  formatBytes,
  formatMilli,
  formatQuantity,
  isQuantityError,
  mustParseQuantity,
  parseQuantity,
} from "../../src/k8s/quantity.ts";

const q = (s: string | number) => mustParseQuantity(s);

describe("parseQuantity: values (quantity.go ParseQuantity)", () => {
  const cases: { input: string | number; milli: number; value: number; canonical: string }[] = [
    { input: "50m", milli: 50, value: 1, canonical: "50m" },
    { input: "1.5", milli: 1500, value: 2, canonical: "1500m" },
    { input: "50Mi", milli: 52428800000, value: 52428800, canonical: "50Mi" },
    { input: "40M", milli: 40000000000, value: 40000000, canonical: "40M" },
    { input: "1Gi", milli: 1073741824000, value: 1073741824, canonical: "1Gi" },
    { input: "512Ki", milli: 524288000, value: 524288, canonical: "512Ki" },
    { input: "1e6", milli: 1e9, value: 1e6, canonical: "1e6" },
    { input: "1E3", milli: 1e6, value: 1000, canonical: "1e3" },
    { input: "1.5e3", milli: 1.5e6, value: 1500, canonical: "1500" },
    { input: "100n", milli: 1, value: 1, canonical: "100n" },
    { input: ".5", milli: 500, value: 1, canonical: "500m" },
    { input: "0.1", milli: 100, value: 1, canonical: "100m" },
    { input: "1", milli: 1000, value: 1, canonical: "1" },
    { input: "1000", milli: 1e6, value: 1000, canonical: "1k" },
    { input: "1000m", milli: 1000, value: 1, canonical: "1" },
    { input: "250m", milli: 250, value: 1, canonical: "250m" },
    { input: "0", milli: 0, value: 0, canonical: "0" },
    { input: "000", milli: 0, value: 0, canonical: "0" },
    { input: "+1", milli: 1000, value: 1, canonical: "1" },
    { input: "-1", milli: -1000, value: -1, canonical: "-1" },
    { input: "-100n", milli: -1, value: -1, canonical: "-100n" },
    { input: "1024Mi", milli: 1073741824000, value: 1073741824, canonical: "1Gi" },
    { input: "1.5Gi", milli: 1610612736000, value: 1610612736, canonical: "1536Mi" },
    { input: "0.5Ki", milli: 512000, value: 512, canonical: "512" },
    { input: "1k", milli: 1e6, value: 1000, canonical: "1k" },
    { input: "1.", milli: 1000, value: 1, canonical: "1" },
    { input: "0.1n", milli: 1, value: 1, canonical: "1n" },
    { input: "1u", milli: 1, value: 1, canonical: "1u" },
    { input: "20G", milli: 2e13, value: 2e10, canonical: "20G" },
    { input: 0.5, milli: 500, value: 1, canonical: "500m" },
    { input: 3, milli: 3000, value: 3, canonical: "3" },
  ];
  it.each(cases)(
    "$input → $milli milli, value $value, prints $canonical",
    ({ input, milli, value, canonical }) => {
      const parsed = q(input);
      expect(parsed.milliValue()).toBe(milli);
      expect(parsed.value()).toBe(value);
      expect(parsed.toString()).toBe(canonical);
      expect(parsed.original).toBe(String(input));
    },
  );

  it("keeps the format the suffix implies", () => {
    expect(q("50Mi").format).toBe("BinarySI");
    expect(q("50M").format).toBe("DecimalSI");
    expect(q("5e3").format).toBe("DecimalExponent");
    expect(q("5E").format).toBe("DecimalSI"); // "E" alone is exa
    expect(q("5E").value()).toBe(5e18);
  });
});

describe("parseQuantity: errors with Kubernetes' messages", () => {
  const cases: { input: string; message: string }[] = [
    { input: "", message: QuantityMessages.formatWrong },
    { input: "abc", message: QuantityMessages.formatWrong },
    { input: "1.5.5", message: QuantityMessages.formatWrong },
    { input: "1 Mi", message: QuantityMessages.formatWrong },
    { input: "1Mx", message: QuantityMessages.formatWrong },
    { input: "1KM", message: QuantityMessages.suffix },
    { input: "1K", message: QuantityMessages.suffix },
    { input: "1Mb", message: QuantityMessages.formatWrong },
    { input: "1ee", message: QuantityMessages.suffix },
  ];
  it.each(cases)("$input", ({ input, message }) => {
    const r = parseQuantity(input);
    expect(isQuantityError(r)).toBe(true);
    if (isQuantityError(r)) {
      expect(r.message).toBe(message);
      expect(r.input).toBe(input);
    }
  });

  it("quotes the regular expression exactly as ErrFormatWrong", () => {
    expect(QuantityMessages.formatWrong).toBe(
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    );
  });

  it("mustParseQuantity throws on bad input", () => {
    expect(() => mustParseQuantity("bogus")).toThrow(/quantities must match/);
  });
});

describe("Quantity comparison and arithmetic helpers", () => {
  it.each([
    ["500m", "0.5", 0],
    ["1", "999m", 1],
    ["1Ki", "1000", 1],
    ["1M", "1Mi", -1],
    ["-1", "0", -1],
  ] as const)("cmp(%s, %s) = %d", (a, b, want) => {
    expect(q(a).cmp(q(b))).toBe(want);
  });

  it("asApproximateFloat64 and sign", () => {
    expect(q("250m").asApproximateFloat64()).toBeCloseTo(0.25);
    expect(q("-3").sign()).toBe(-1);
    expect(q("0").isZero()).toBe(true);
  });

  it("fromMilli / fromValue build canonical quantities", () => {
    expect(Quantity.fromMilli(1500).toString()).toBe("1500m");
    expect(Quantity.fromValue(41943040, "BinarySI").toString()).toBe("40Mi");
  });
});

describe("formatting for people", () => {
  it.each([
    [41943040, "40Mi"],
    [52428800, "50Mi"],
    [40000000, "40M"],
    [1073741824, "1Gi"],
    [1536, "1536"],
    [2048, "2Ki"],
    [0, "0"],
    [500, "500"],
  ])("formatBytes(%d) = %s", (bytes, want) => {
    expect(formatBytes(bytes)).toBe(want);
  });

  it.each([
    [250, "250m"],
    [1000, "1"],
    [1500, "1500m"],
    [0, "0"],
    [2000, "2"],
  ])("formatMilli(%d) = %s", (milli, want) => {
    expect(formatMilli(milli)).toBe(want);
  });

  it("formatQuantity re-renders in another format", () => {
    expect(formatQuantity(q("1Gi"), "DecimalSI")).toBe("1073741824");
    expect(formatQuantity(1048576, "BinarySI")).toBe("1Mi");
    expect(formatQuantity(q("1.5"))).toBe("1500m");
  });
});

describe("canonical form round-trips (String() then ParseQuantity gives the same value)", () => {
  it.each([
    "1.5",
    "50Mi",
    "1.5Gi",
    "0.5Ki",
    "100n",
    "1e6",
    "-2048",
    "123456789",
    "0.001",
    "7.25k",
    "3Ti",
    "12345m",
  ])("%s", (s) => {
    const a = q(s);
    const b = q(a.toString());
    expect(b.cmp(a)).toBe(0);
    expect(b.toString()).toBe(a.toString());
  });
});
