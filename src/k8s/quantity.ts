/**
 * Kubernetes resource quantities, parsed and printed exactly as
 * k8s.io/apimachinery/pkg/api/resource/quantity.go does.
 *
 * A quantity is kept as an exact rational `unscaled × 10^-scale` (BigInt), so binary suffixes
 * and fractions never lose precision:
 *   "50Mi"  → 50 × 2^20            = 52428800
 *   "1.5"   → 15 × 10^-1           = 1500m
 *   "100n"  → 100 × 10^-9          ; milliValue() = 1 (rounded up, like MilliValue)
 *   "0.1n"  → rounded UP to 1n at parse time ("if you want some resources, you should get some")
 */

/** How a quantity prints (quantity.go `Format`). */
export const QuantityFormat = {
  DecimalExponent: "DecimalExponent",
  BinarySI: "BinarySI",
  DecimalSI: "DecimalSI",
} as const;
export type QuantityFormat = keyof typeof QuantityFormat;

/** quantity.go: splitREString, quoted in ErrFormatWrong. */
export const QUANTITY_REGEX = "^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$";

export const QuantityMessages = {
  formatWrong: `quantities must match the regular expression '${QUANTITY_REGEX}'`,
  numeric: "unable to parse numeric part of quantity",
  suffix: "unable to parse quantity's suffix",
} as const;

export class QuantityError {
  readonly kind = "QuantityError" as const;
  constructor(
    readonly message: string,
    readonly input: string,
  ) {}
}

export const isQuantityError = (q: Quantity | QuantityError): q is QuantityError =>
  q instanceof QuantityError;

const DECIMAL_SUFFIXES: Record<string, number> = {
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
const BINARY_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_SUFFIX_BY_EXPONENT = new Map(Object.entries(DECIMAL_SUFFIXES).map(([s, e]) => [e, s]));
const BINARY_SUFFIX_BY_EXPONENT = new Map(Object.entries(BINARY_SUFFIXES).map(([s, e]) => [e, s]));

/** The Nano scale: every non-zero quantity is rounded up to a whole number of nanounits. */
const NANO_SCALE = 9;
/** quantity.go maxAllowed: BinarySI quantities are capped at 2^63-1. */
const MAX_ALLOWED = (1n << 63n) - 1n;

const pow10 = (n: number): bigint => 10n ** BigInt(n);

/** Divide rounding away from zero, as int64Amount.AsScaledInt64/negativeScaleInt64 does. */
function divAwayFromZero(n: bigint, d: bigint): bigint {
  const q = n / d;
  if (q * d === n) return q;
  return n < 0n ? q - 1n : q + 1n;
}

export class Quantity {
  /** The value is `unscaled × 10^-scale`, exactly. */
  private constructor(
    readonly unscaled: bigint,
    readonly scale: number,
    readonly format: QuantityFormat,
    /** The text as the user wrote it (for numbers, their decimal rendering). */
    readonly original: string,
  ) {}

  /** @internal Build from parts; use parseQuantity / Quantity.fromMilli / fromValue instead. */
  static of(unscaled: bigint, scale: number, format: QuantityFormat, original?: string): Quantity {
    const q = new Quantity(unscaled, scale, format, "");
    return new Quantity(unscaled, scale, format, original ?? q.toString());
  }

  static fromMilli(milli: number, format: QuantityFormat = "DecimalSI"): Quantity {
    return Quantity.of(BigInt(Math.round(milli)), 3, format);
  }

  static fromValue(value: number, format: QuantityFormat = "DecimalSI"): Quantity {
    return Quantity.of(BigInt(Math.round(value)), 0, format);
  }

  /** The value at 10^-newScale, rounded away from zero (quantity.go ScaledValue). */
  scaledValueBig(newScale: number): bigint {
    const dif = this.scale - newScale;
    if (dif <= 0) return this.unscaled * pow10(-dif);
    return divAwayFromZero(this.unscaled, pow10(dif));
  }

  /** MilliValue: value × 1000 rounded up (away from zero). "100n" → 1, "1.5" → 1500. */
  milliValue(): number {
    return Number(this.scaledValueBig(3));
  }

  /** Value: rounded up (away from zero) to an integer. "1.5" → 2, "50Mi" → 52428800. */
  value(): number {
    return Number(this.scaledValueBig(0));
  }

  /** AsApproximateFloat64: for ratios and charts only, never for decisions. */
  asApproximateFloat64(): number {
    return Number(this.unscaled) / 10 ** this.scale;
  }

  sign(): -1 | 0 | 1 {
    return this.unscaled === 0n ? 0 : this.unscaled < 0n ? -1 : 1;
  }

  isZero(): boolean {
    return this.unscaled === 0n;
  }

  /** Cmp: -1, 0 or 1, exactly. */
  cmp(other: Quantity): -1 | 0 | 1 {
    const s = Math.max(this.scale, other.scale);
    const a = this.unscaled * pow10(s - this.scale);
    const b = other.unscaled * pow10(s - other.scale);
    return a === b ? 0 : a < b ? -1 : 1;
  }

  equals(other: Quantity): boolean {
    return this.cmp(other) === 0;
  }

  /** The canonical form (quantity.go CanonicalizeBytes): "1.5" → "1500m", "1024Mi" → "1Gi". */
  toString(): string {
    return canonicalize(this);
  }

  toJSON(): string {
    return this.toString();
  }
}

/**
 * ParseQuantity (quantity.go). Accepts numbers as Kubernetes accepts a JSON number
 * (`cpu: 0.5` is the string "0.5").
 */
export function parseQuantity(input: string | number): Quantity | QuantityError {
  const str = typeof input === "number" ? numberToQuantityString(input) : input;
  if (str.length === 0) return new QuantityError(QuantityMessages.formatWrong, str);
  const parts = splitQuantity(str);
  if (parts === undefined) return new QuantityError(QuantityMessages.formatWrong, str);
  const { positive, num, denom, suffix } = parts;
  const interpreted = interpretSuffix(suffix);
  if (interpreted === undefined) return new QuantityError(QuantityMessages.suffix, str);
  const { base, exponent, format } = interpreted;

  let unscaled = BigInt(num + denom);
  let scale = denom.length;
  if (base === 10) scale -= exponent;
  else unscaled *= 1n << BigInt(exponent);

  // Round non-zero magnitudes up to whole nanounits (inf.RoundUp on the absolute value).
  if (unscaled !== 0n && scale > NANO_SCALE) {
    unscaled = divAwayFromZero(unscaled, pow10(scale - NANO_SCALE));
    scale = NANO_SCALE;
  }
  if (format === "BinarySI" && scale <= 0 && unscaled * pow10(-scale) > MAX_ALLOWED) {
    unscaled = MAX_ALLOWED;
    scale = 0;
  } else if (format === "BinarySI" && scale > 0 && unscaled > MAX_ALLOWED * pow10(scale)) {
    unscaled = MAX_ALLOWED;
    scale = 0;
  }
  if (!positive) unscaled = -unscaled;
  return Quantity.of(unscaled, scale, format, str);
}

/** Like parseQuantity, but throws on malformed input (MustParse): for literals in code. */
export function mustParseQuantity(input: string | number): Quantity {
  const q = parseQuantity(input);
  if (isQuantityError(q)) throw new Error(`cannot parse '${String(input)}': ${q.message}`);
  return q;
}

function numberToQuantityString(n: number): string {
  // JSON numbers reach ParseQuantity as their text; JS prints 1e21 as "1e+21", which the
  // exponent suffix grammar ([eE][-+]?[0-9]*) accepts.
  return String(n);
}

interface QuantityParts {
  positive: boolean;
  num: string;
  denom: string;
  suffix: string;
}

/** parseQuantityString (quantity.go), including its tolerance of "1." and ".5". */
function splitQuantity(str: string): QuantityParts | undefined {
  let pos = 0;
  const end = str.length;
  let positive = true;
  if (str[0] === "-") {
    positive = false;
    pos++;
  } else if (str[0] === "+") {
    pos++;
  }
  while (pos < end && str[pos] === "0") pos++;
  if (pos >= end) return { positive, num: "0", denom: "", suffix: "" };
  const isDigit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";
  const numStart = pos;
  while (pos < end && isDigit(str[pos])) pos++;
  let num = str.slice(numStart, pos);
  if (num.length === 0) num = "0";
  let denom = "";
  if (pos < end && str[pos] === ".") {
    pos++;
    const denomStart = pos;
    while (pos < end && isDigit(str[pos])) pos++;
    denom = str.slice(denomStart, pos);
  }
  const suffixStart = pos;
  while (pos < end && "eEinumkKMGTP".includes(str[pos])) pos++;
  if (pos < end && (str[pos] === "-" || str[pos] === "+")) pos++;
  while (pos < end && isDigit(str[pos])) pos++;
  if (pos < end) return undefined;
  return { positive, num, denom, suffix: str.slice(suffixStart) };
}

function interpretSuffix(
  suffix: string,
): { base: 10 | 2; exponent: number; format: QuantityFormat } | undefined {
  if (Object.hasOwn(DECIMAL_SUFFIXES, suffix)) {
    return { base: 10, exponent: DECIMAL_SUFFIXES[suffix], format: "DecimalSI" };
  }
  if (Object.hasOwn(BINARY_SUFFIXES, suffix)) {
    return { base: 2, exponent: BINARY_SUFFIXES[suffix], format: "BinarySI" };
  }
  if (suffix.length > 1 && (suffix[0] === "e" || suffix[0] === "E")) {
    const rest = suffix.slice(1);
    // strconv.ParseInt: optional sign then at least one digit.
    if (!/^[+-]?[0-9]+$/.test(rest)) return undefined;
    return { base: 10, exponent: Number.parseInt(rest, 10), format: "DecimalExponent" };
  }
  return undefined;
}

/**
 * CanonicalizeBytes (quantity.go):
 * - zero prints "0";
 * - BinarySI below 1024 in magnitude, or not a whole number, prints as DecimalSI
 *   ("512" stays "512", "0.5Ki" → "512", "1.5Ki" → "1536");
 * - BinarySI otherwise divides by 1024 while exact: 1610612736 → "1536Mi", 1073741824 → "1Gi";
 * - DecimalSI/DecimalExponent strip trailing zeros into an exponent that is a multiple of 3:
 *   1500m stays "1500m", 1000 → "1k", 0.5 → "500m", 1e6 (DecimalExponent) → "1e6".
 */
function canonicalize(q: Quantity): string {
  if (q.isZero()) return "0";
  let format = q.format;
  if (format === "BinarySI") {
    // "This avoids rounding and hopefully confusion, too" / "Don't lose precision".
    if (within1024(q) || !isWhole(q)) format = "DecimalSI";
    else {
      let amount = q.scaledValueBig(0);
      let exponent = 0;
      while (exponent < 60 && amount % 1024n === 0n) {
        amount /= 1024n;
        exponent += 10;
      }
      return `${amount}${BINARY_SUFFIX_BY_EXPONENT.get(exponent) ?? ""}`;
    }
  }
  // AsCanonicalBytes: remove factors of ten, then make the exponent a multiple of 3.
  let amount = q.unscaled;
  let exponent = -q.scale;
  while (amount % 10n === 0n) {
    amount /= 10n;
    exponent++;
  }
  const rem = ((exponent % 3) + 3) % 3;
  amount *= pow10(rem);
  exponent -= rem;
  if (format === "DecimalSI") {
    const suffix = DECIMAL_SUFFIX_BY_EXPONENT.get(exponent);
    if (suffix !== undefined) return `${amount}${suffix}`;
  }
  // DecimalExponent, or an exponent beyond the SI table.
  return exponent === 0 ? `${amount}` : `${amount}e${exponent}`;
}

function isWhole(q: Quantity): boolean {
  return q.scale <= 0 || q.unscaled % pow10(q.scale) === 0n;
}

/** CmpInt64(-1024) > 0 && CmpInt64(1024) < 0, exactly. */
function within1024(q: Quantity): boolean {
  const limit = 1024n * pow10(Math.max(0, q.scale));
  const v = q.scale >= 0 ? q.unscaled : q.unscaled * pow10(-q.scale);
  return v > -limit && v < limit;
}

/**
 * Print a count of base units the way a person reading `kubectl` output expects:
 * bytes as BinarySI where a power of 1024 divides them exactly ("40Mi"), otherwise DecimalSI
 * ("40M", "1500"). Follows Quantity.String() for the chosen format.
 */
export function formatBytes(bytes: number): string {
  const n = BigInt(Math.round(bytes));
  const binary = Quantity.of(n, 0, "BinarySI");
  const b = binary.toString();
  return /[KMGTPE]i$/.test(b) ? b : Quantity.of(n, 0, "DecimalSI").toString();
}

/** CPU in millicores as Kubernetes prints it: 250 → "250m", 1000 → "1", 1500 → "1500m". */
export function formatMilli(milli: number): string {
  return Quantity.fromMilli(milli).toString();
}

/** A quantity (or a plain value in base units) in its canonical form, with an optional format. */
export function formatQuantity(q: Quantity | number, format?: QuantityFormat): string {
  if (typeof q === "number") return Quantity.of(BigInt(Math.round(q)), 0, format ?? "DecimalSI").toString();
  return format === undefined || format === q.format
    ? q.toString()
    : Quantity.of(q.unscaled, q.scale, format).toString();
}
