/**
 * How numbers read in an explanation. The explainer prints numbers the controllers recorded;
 * these functions only choose how many digits a reader sees.
 */
import { formatNumber, formatTime } from "../text/format.ts";

export { formatTime };

/**
 * A usage ratio to three decimals — unless three decimals would put it on a tolerance band's
 * edge it is not on (1.1000001 is outside a 0.1 band; "1.1" would read as inside), then to as
 * many digits as it takes. Examples: 1.0833333 → "1.083"; 1.1000001 with edges [0.9, 1.1] →
 * "1.1000001".
 */
export function ratioText(ratio: number, edges: readonly number[] = []): string {
  const short = formatNumber(ratio);
  if (!edges.some((e) => Number(short) === e && ratio !== e)) return short;
  for (let digits = 4; digits <= 17; digits++) {
    const s = String(Number(ratio.toPrecision(digits)));
    if (!edges.some((e) => Number(s) === e)) return s;
  }
  return String(ratio);
}

/** "1 pod", "3 pods". */
export const plural = (n: number, word: string, many = `${word}s`): string => `${n} ${n === 1 ? word : many}`;

/** "a, b and c"; long lists keep their first items: "a, b, c and 7 more". */
export function listText(items: readonly string[], keep = 4): string {
  if (items.length === 0) return "";
  if (items.length === 1) return items[0];
  if (items.length > keep + 1) return `${items.slice(0, keep).join(", ")} and ${items.length - keep} more`;
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** A time span as a report writes it: "10m", "10m–12m30s". */
export const spanText = (from: number, to: number): string =>
  from === to ? formatTime(from) : `${formatTime(from)}–${formatTime(to)}`;

/** A range of numbers: "1.04", "1.02–1.06". */
export function rangeText(values: readonly number[], show: (n: number) => string = formatNumber): string {
  if (values.length === 0) return "";
  // reduce, not Math.min(...values): a quiet stretch of a long run has more syncs than a call
  // may have arguments.
  const lo = values.reduce((a, b) => Math.min(a, b));
  const hi = values.reduce((a, b) => Math.max(a, b));
  return lo === hi ? show(lo) : `${show(lo)}–${show(hi)}`;
}

export { formatNumber };
