/**
 * Whether two values have the same JSON text — `JSON.stringify(a) === JSON.stringify(b)` —
 * found by walking them instead of writing both out: the recorder asks it of every summary
 * it takes (one per object write), and most of the time the answer is "no change".
 *
 * The JSON rules it follows (ECMA-262 SerializeJSONProperty): keys in their own order, a
 * property whose value is undefined, a function or a symbol left out (in an array: null); a
 * number that is not finite written as null, and -0 as 0. Where a value has a `toJSON` method
 * or is anything but a plain object or array, the two JSON texts themselves are compared.
 *
 * Example: {a: 1, b: undefined} and {a: 1} are the same text; {a: 1, b: 2} and {b: 2, a: 1}
 * are not; [NaN] and [null] are.
 */
export function sameJsonText(a: unknown, b: unknown): boolean {
  return walk(a, b) ?? JSON.stringify(a) === JSON.stringify(b);
}

/** The answer, or undefined when a value is not plain data (then only the text itself tells). */
function walk(a: unknown, b: unknown): boolean | undefined {
  if (a === b) return true;
  const ka = kindOf(a);
  const kb = kindOf(b);
  if (ka === "other" || kb === "other") return undefined;
  if (ka !== kb) return false;
  switch (ka) {
    case "array":
      return sameArrays(a as unknown[], b as unknown[]);
    case "object":
      return sameObjects(a as Record<string, unknown>, b as Record<string, unknown>);
    case "null":
    case "absent":
      return true;
    default:
      // Finite numbers (0 and -0 are both "0"), strings, booleans.
      return a === b;
  }
}

type JsonKind = "null" | "number" | "string" | "boolean" | "array" | "object" | "absent" | "other";

/** What a value is written as: null also for non-finite numbers; "absent" for what JSON leaves out. */
function kindOf(v: unknown): JsonKind {
  switch (typeof v) {
    case "number":
      return Number.isFinite(v) ? "number" : "null";
    case "string":
      return "string";
    case "boolean":
      return "boolean";
    case "undefined":
    case "function":
    case "symbol":
      return "absent";
    case "object": {
      if (v === null) return "null";
      if (typeof (v as { toJSON?: unknown }).toJSON === "function") return "other";
      if (Array.isArray(v)) return "array";
      const proto = Object.getPrototypeOf(v);
      return proto === Object.prototype || proto === null ? "object" : "other";
    }
    default:
      return "other";
  }
}

/** In an array, what JSON leaves out of an object is written as null. */
function sameArrays(a: unknown[], b: unknown[]): boolean | undefined {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = kindOf(a[i]) === "absent" ? null : a[i];
    const y = kindOf(b[i]) === "absent" ? null : b[i];
    const same = walk(x, y);
    if (same !== true) return same;
  }
  return true;
}

/** The properties JSON writes, in order: the same keys in the same order with the same values. */
function sameObjects(a: Record<string, unknown>, b: Record<string, unknown>): boolean | undefined {
  const ak = Object.keys(a);
  const bk = Object.keys(b);
  let j = 0;
  for (const k of ak) {
    const kind = kindOf(a[k]);
    // A toJSON may leave its property out: only the text tells.
    if (kind === "other") return undefined;
    if (kind === "absent") continue;
    const skipped = skipAbsent(b, bk, j);
    if (skipped === undefined) return undefined;
    j = skipped;
    if (j >= bk.length || bk[j] !== k) return false;
    const same = walk(a[k], b[k]);
    if (same !== true) return same;
    j++;
  }
  const rest = skipAbsent(b, bk, j);
  return rest === undefined ? undefined : rest === bk.length;
}

/** The index of the next key from j whose property JSON writes; undefined when a toJSON makes it unknown. */
function skipAbsent(o: Record<string, unknown>, keys: readonly string[], j: number): number | undefined {
  for (; j < keys.length; j++) {
    const kind = kindOf(o[keys[j]]);
    if (kind === "other") return undefined;
    if (kind !== "absent") return j;
  }
  return j;
}
