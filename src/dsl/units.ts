/**
 * Unit conversion for literals: durations → seconds, CPU → millicores, memory → bytes.
 * Quantities follow Kubernetes' resource.Quantity (apimachinery/pkg/api/resource/quantity.go):
 * binary suffixes Ki Mi Gi Ti Pi Ei are powers of 1024, decimal k M G T P E powers of 1000,
 * `m` is milli, and an exponent `1e6` scales by ten. Value() and MilliValue() round up
 * (towards +∞ for positive values), so fractional bytes and sub-millicores round up.
 * Worked examples: `50Mi` → 52428800 bytes; `1.1Mi` → 1153433.6 → 1153434 bytes;
 * `40M` → 40000000; `1e6` → 1000000; `500m` CPU → 500 millicores; `1.5` CPU → 1500;
 * `0.0001` CPU → 0.1m → 1 millicore. The arithmetic is src/k8s/quantity.ts's, shared with
 * manifest loading, so `cpu: 500m` in YAML and `load cpu 500m` in a scenario agree.
 */
import { isQuantityError, parseQuantity } from "../k8s/quantity.ts";

const durationUnits: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400 };

/** `1m30s` → 90, `500ms` → 0.5, `2h` → 7200, `1d` → 86400; undefined if not a duration. */
export function parseDuration(text: string): number | undefined {
  const parts = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d))+$/.test(text)
    ? text.match(/\d+(?:\.\d+)?(?:ms|s|m|h|d)/g)
    : null;
  if (parts === null) return undefined;
  let seconds = 0;
  for (const part of parts) {
    const unit = /(?:ms|s|m|h|d)$/.exec(part)![0];
    seconds += Number(part.slice(0, part.length - unit.length)) * durationUnits[unit];
  }
  // Sums like 0.1s + 0.2s stay readable: durations are kept to the microsecond.
  return Math.round(seconds * 1e6) / 1e6;
}

/** A Kubernetes quantity's Value(): `50Mi` → 52428800, `1.1Mi` → 1153434 (rounded up). */
export function parseQuantityValue(text: string): number | undefined {
  const q = parseQuantity(text);
  return isQuantityError(q) ? undefined : q.value();
}

/** A Kubernetes quantity's MilliValue(): `500m` → 500, `1.5` → 1500, `0.0001` → 1. */
export function parseQuantityMilli(text: string): number | undefined {
  const q = parseQuantity(text);
  return isQuantityError(q) ? undefined : q.milliValue();
}

/** `180%` → 180. */
export function parsePercent(text: string): number | undefined {
  return /^\d+(?:\.\d+)?%$/.test(text) ? Number(text.slice(0, -1)) : undefined;
}

/** `100/s` → 100. */
export function parseRate(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\/s$/.exec(text);
  return m === null ? undefined : Number(m[1]);
}

/** Seconds written back the way users write them: 90 → `1m30s`, 0.5 → `500ms`, 7200 → `2h`. */
export function formatDuration(seconds: number): string {
  if (seconds === 0) return "0s";
  let rest = Math.round(seconds * 1000);
  let out = "";
  for (const [unit, ms] of [
    ["d", 86400000],
    ["h", 3600000],
    ["m", 60000],
    ["s", 1000],
  ] as const) {
    if (rest >= ms) {
      out += `${Math.floor(rest / ms)}${unit}`;
      rest %= ms;
    }
  }
  if (rest > 0) out += `${rest}ms`;
  return out;
}
