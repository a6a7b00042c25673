/**
 * The little of resource.Quantity the HPA needs: read a quantity as milli-units
 * (`MilliValue()`, which rounds up) and write milli-units back as a canonical quantity
 * (`NewMilliQuantity(v, DecimalSI|BinarySI).String()`), as k8s.io/apimachinery/pkg/api/resource
 * does for the values the HPA reads and reports.
 *
 * Examples: "50m" → 50, "0.5" → 500, "1Gi" → 1073741824000, "1.5k" → 1500000;
 * formatMilli(500) = "500m", formatMilli(20000) = "20", formatMilli(6667) = "6667m",
 * formatMilli(52428800000, "BinarySI") = "50Mi".
 */

const DECIMAL_SUFFIX: Record<string, number> = {
  n: -9,
  u: -6,
  m: -3,
  "": 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};
const BINARY_SUFFIX: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?)$/;

/** The quantity in milli-units, rounded up like MilliValue(); undefined when it does not parse. */
export function parseMilli(q: string | number | undefined): number | undefined {
  if (q === undefined) return undefined;
  if (typeof q === "number") return Math.ceil(q * 1000 - 1e-9);
  const m = QUANTITY.exec(q.trim());
  if (!m) return undefined;
  const num = Number(m[1]);
  let milli: number;
  if (m[2]) milli = num * 10 ** (Number(m[2].slice(1)) + 3);
  else if (m[3] && m[3] in BINARY_SUFFIX) milli = num * 2 ** BINARY_SUFFIX[m[3]] * 1000;
  else milli = num * 10 ** (DECIMAL_SUFFIX[m[3] ?? ""] + 3);
  // Decimal strings such as "0.05" are not exact in binary floating point: undo the
  // representation error before rounding up, so "0.1" is 100m and not 101m.
  const rounded = Math.round(milli);
  return Math.abs(milli - rounded) < 1e-6 ? rounded : Math.ceil(milli);
}

/** A plain float of the quantity (AsApproximateFloat64), e.g. tolerance "0.05" → 0.05. */
export function parseFloatQuantity(q: string | number | undefined): number | undefined {
  const milli = parseMilli(q);
  return milli === undefined ? undefined : milli / 1000;
}

/** NewMilliQuantity(milli, format).String(): the shortest exact canonical form. */
export function formatMilli(milli: number, format: "DecimalSI" | "BinarySI" = "DecimalSI"): string {
  const v = Math.trunc(milli);
  if (v % 1000 !== 0) return `${v}m`;
  const whole = v / 1000;
  if (whole === 0) return "0";
  if (format === "BinarySI") {
    // BinarySI only uses a binary suffix when the value is an exact multiple of 1024.
    const suffixes = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];
    let n = whole;
    let i = 0;
    while (i < suffixes.length - 1 && n % 1024 === 0) {
      n /= 1024;
      i++;
    }
    if (i > 0) return `${n}${suffixes[i]}`;
  }
  const suffixes = ["", "k", "M", "G", "T", "P", "E"];
  let n = whole;
  let i = 0;
  while (i < suffixes.length - 1 && n % 1000 === 0) {
    n /= 1000;
    i++;
  }
  return `${n}${suffixes[i]}`;
}
