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
  return Quantity.fromMilli(Math.trunc(milli), format).toString();
}
