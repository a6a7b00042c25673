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

/**
 * `1m30s` → 90, `500ms` → 0.5, `2h` → 7200, `1d` → 86400; undefined if not a duration: one or
 * more parts, each digits with an optional fraction and a unit of ms, s, m, h or d.
 * Read character by character: every time mark, timing and ramp of a scenario is one, and
 * this was three regular expressions and an array per call.
 */
export function parseDuration(text: string): number | undefined {
  const n = text.length;
  if (n === 0) return undefined;
  let seconds = 0;
  let i = 0;
  while (i < n) {
    const start = i;
    while (i < n && isDigit(text.charCodeAt(i))) i++;
    if (i === start) return undefined;
    if (text.charCodeAt(i) === 46 /* . */) {
      const fraction = ++i;
      while (i < n && isDigit(text.charCodeAt(i))) i++;
      if (i === fraction) return undefined;
    }
    const numberEnd = i;
    let unit: number;
    const c = text.charCodeAt(i);
    if (c === 109 /* m */) {
      if (text.charCodeAt(i + 1) === 115 /* s */) {
        unit = 0.001;
        i += 2;
      } else {
        unit = 60;
        i++;
      }
    } else if (c === 115 /* s */) {
      unit = 1;
      i++;
    } else if (c === 104 /* h */) {
      unit = 3600;
      i++;
    } else if (c === 100 /* d */) {
      unit = 86400;
      i++;
    } else return undefined;
    seconds += Number(text.slice(start, numberEnd)) * unit;
  }
  // Sums like 0.1s + 0.2s stay readable: durations are kept to the microsecond.
  return Math.round(seconds * 1e6) / 1e6;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

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
