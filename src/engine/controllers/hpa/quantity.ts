/**
 * The HPA's view of resource.Quantity, over the one implementation in src/k8s/quantity.ts:
 * read a quantity as milli-units (`MilliValue()`, which rounds up) and write milli-units back
 * as `NewMilliQuantity(v, DecimalSI|BinarySI).String()`, as the controller does for the values
 * it reads and reports.
 *
 * Examples: "50m" → 50, "0.5" → 500, "1Gi" → 1073741824000, "1.5k" → 1500000;
 * formatMilli(500) = "500m", formatMilli(20000) = "20", formatMilli(6667) = "6667m",
 * formatMilli(52428800000, "BinarySI") = "50Mi".
 */
import { isQuantityError, parseQuantity, Quantity } from "../../../k8s/quantity.ts";

/**
 * Quantities already read: the same few request strings are read for every pod at every scrape
 * and sync, and a quantity's value never changes. Bounded, as a hostile scenario may write many.
 */
const milliCache = new Map<string | number, number | undefined>();
const MILLI_CACHE_LIMIT = 4096;

/** The quantity in milli-units, rounded up like MilliValue(); undefined when it does not parse. */
export function parseMilli(q: string | number | undefined): number | undefined {
  if (q === undefined) return undefined;
  if (milliCache.has(q)) return milliCache.get(q);
  const parsed = parseQuantity(q);
  const milli = isQuantityError(parsed) ? undefined : parsed.milliValue();
  if (milliCache.size >= MILLI_CACHE_LIMIT) milliCache.clear();
  milliCache.set(q, milli);
  return milli;
}

/** A plain float of the quantity (AsApproximateFloat64), e.g. tolerance "0.05" → 0.05. */
export function parseFloatQuantity(q: string | number | undefined): number | undefined {
  if (q === undefined) return undefined;
  const parsed = parseQuantity(q);
  return isQuantityError(parsed) ? undefined : parsed.asApproximateFloat64();
}

/** NewMilliQuantity(milli, format).String(): the shortest exact canonical form. */
export function formatMilli(milli: number, format: "DecimalSI" | "BinarySI" = "DecimalSI"): string {
  const m = Math.trunc(milli);
  if (format === "DecimalSI" && Number.isSafeInteger(m)) return decimalSIOfMilli(m);
  return Quantity.fromMilli(m, format).toString();
}

/** The DecimalSI suffixes of the exponents a whole number of milli-units can print with. */
const DECIMAL_SI_SUFFIXES = ["m", "", "k", "M", "G", "T", "P", "E"];

/**
 * CanonicalizeBytes of a DecimalSI quantity of `m` milli-units, m a safe integer, in plain
 * numbers: Quantity's BigInt path costs tens of µs a call, and every HPA sync that computes
 * a utilization reports one. The same steps as src/k8s/quantity.ts canonicalize: the factors
 * of ten taken off into the exponent (from −3), the exponent then lowered to a multiple of
 * three. Exact: every intermediate is an integer no larger in magnitude than m, and a safe
 * integer prints its own digits, as a BigInt does.
 */
function decimalSIOfMilli(m: number): string {
  if (m === 0) return "0";
  let amount = m;
  let exponent = -3;
  while (amount % 10 === 0) {
    amount /= 10;
    exponent++;
  }
  const rem = ((exponent % 3) + 3) % 3;
  amount *= rem === 0 ? 1 : rem === 1 ? 10 : 100;
  exponent -= rem;
  const suffix = DECIMAL_SI_SUFFIXES[exponent / 3 + 1];
  return suffix !== undefined ? `${amount}${suffix}` : `${amount}e${exponent}`;
}
