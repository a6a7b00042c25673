/**
 * IntOrString values (maxSurge, maxUnavailable): k8s.io/apimachinery/pkg/util/intstr/intstr.go.
 */
import type { IntOrString } from "./types.ts";

export class IntOrStringError {
  readonly kind = "IntOrStringError" as const;
  constructor(readonly message: string) {}
}

export const isIntOrStringError = (v: unknown): v is IntOrStringError => v instanceof IntOrStringError;

/** A string ending in "%" (intstr.go treats only such strings as percentages). */
export const isPercent = (v: IntOrString | undefined): v is string =>
  typeof v === "string" && v.endsWith("%");

/**
 * GetScaledValueFromIntOrPercent (intstr.go): an int is returned as-is; "N%" is N% of total,
 * rounded up (ceil) when roundUp, else down (floor).
 *
 * Worked examples (the Deployment controller's fenceposts): 25% of 10 rounded up → 3 (maxSurge),
 * 25% of 10 rounded down → 2 (maxUnavailable); 39% of 10 up → 4; 5 → 5 whatever the total.
 * Errors carry intstr.go's text: "invalid value for IntOrString: invalid type: string is not
 * a percentage" for "5", and `invalid value for IntOrString: invalid value "x%": strconv.Atoi:
 * parsing "x": invalid syntax` for a bad number.
 */
export function getScaledValueFromIntOrPercent(
  v: IntOrString | undefined | null,
  total: number,
  roundUp: boolean,
): number | IntOrStringError {
  if (v === undefined || v === null) return new IntOrStringError("nil value for IntOrString");
  const parsed = getIntOrPercentValueSafely(v);
  if (parsed instanceof IntOrStringError) {
    return new IntOrStringError(`invalid value for IntOrString: ${parsed.message}`);
  }
  if (!parsed.isPercent) return parsed.value;
  const scaled = (parsed.value * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

/** getIntOrPercentValueSafely (intstr.go). */
export function getIntOrPercentValueSafely(
  v: IntOrString,
): { value: number; isPercent: boolean } | IntOrStringError {
  if (typeof v === "number") return { value: Math.trunc(v), isPercent: false };
  if (!v.endsWith("%")) return new IntOrStringError("invalid type: string is not a percentage");
  const digits = v.slice(0, -1);
  const n = atoi(digits);
  if (n instanceof IntOrStringError) return new IntOrStringError(`invalid value ${goQuote(v)}: ${n.message}`);
  return { value: n, isPercent: true };
}

/** strconv.Atoi with Go's error text. */
function atoi(s: string): number | IntOrStringError {
  if (!/^[+-]?[0-9]+$/.test(s))
    return new IntOrStringError(`strconv.Atoi: parsing ${goQuote(s)}: invalid syntax`);
  const n = Number.parseInt(s, 10);
  if (!Number.isSafeInteger(n) || Math.abs(n) > 2 ** 63) {
    return new IntOrStringError(`strconv.Atoi: parsing ${goQuote(s)}: value out of range`);
  }
  return n;
}

/** Go's %q for the plain strings that reach these messages. */
export function goQuote(s: string): string {
  return JSON.stringify(s);
}
