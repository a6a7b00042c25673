/**
 * Summaries the trace keeps, shared where they repeat. The ×10 bench day records 87,000
 * points of 13,000 pods, and a pod's summary is one of a few dozen (its ReplicaSet, phase,
 * node and a few flags: every pod of a ReplicaSet goes through the same ones); a
 * ReplicaSet's 24,000 points each carried a copy of its images. Kept as they came, they were
 * megabytes alive at the run's end, which is its peak of memory.
 *
 * Exact: a summary stands for another only when they are the same tree — the same keys in the
 * same order (JSON text and every reader see key order), the same prototype, each primitive
 * the same by `Object.is` (so `0` and `-0`, and `undefined` and a missing key, stay apart).
 * The trace is read-only (docs/architecture.md), so one object may stand in several points.
 */
import type { ObjectSummary } from "../k8s/kinds/descriptor.ts";
import { sameJsonText } from "./jsonText.ts";

/** Whether two values are the same tree: plain data compared as above, anything else by identity. */
export function sameTree(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (Array.isArray(a)) {
    const bs = b as unknown[];
    if (a.length !== bs.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameTree(a[i], bs[i])) return false;
    return true;
  }
  return sameFields(a as Record<string, unknown>, b as Record<string, unknown>, sameTree);
}

/**
 * Each depth's keys of the second object while sameFields compares below it: arrays kept from
 * call to call. Two `Object.keys` lists per object compared were the comparisons' garbage, 2 MB
 * of the bench day's (the HPA's, the events' and the decision log's callers).
 */
const keysAtDepth: string[][] = [];
let depth = 0;
const hasOwn = Object.prototype.hasOwnProperty;

/**
 * Whether `a` and `b` have the same own enumerable string keys in the same order (Object.keys's:
 * a for-in visits an object's own keys first, in that order, and the own ones are kept) with
 * values the same by `same`.
 */
function sameFields(
  a: Record<string, unknown>,
  b: Record<string, unknown>,
  same: (x: unknown, y: unknown) => boolean,
): boolean {
  const bKeys = (keysAtDepth[depth] ??= []);
  let n = 0;
  for (const key in b) if (hasOwn.call(b, key)) bKeys[n++] = key;
  let i = 0;
  depth++;
  try {
    for (const key in a) {
      if (!hasOwn.call(a, key)) continue;
      if (i === n || bKeys[i] !== key) return false;
      i++;
      if (!same(a[key], b[key])) return false;
    }
  } finally {
    depth--;
  }
  return i === n;
}

/** A flat summary kept for sharing, with its keys in order. */
interface Candidate {
  value: ObjectSummary;
  keys: readonly string[];
}

/**
 * A table of flat summaries (every field a primitive) per kind, kept under their first
 * field's value (a pod's ReplicaSet), a few candidates each: a summary that matches none
 * beyond them is kept as it is, so a run of ever-new values costs a bounded scan per point.
 */
const CANDIDATES = 16;

export class SharedSummaries {
  private readonly table = new Map<string, Map<unknown, Candidate[]>>();

  /**
   * The summary to record for an object whose last recorded one was `last`: a field equal
   * (as a tree) to last's takes last's value, and a flat summary equal to one recorded before
   * is that one. `value` is the caller's fresh summary, changed here only by those fields.
   */
  share(kind: string, value: ObjectSummary, last: ObjectSummary | undefined): ObjectSummary {
    const fields = value as unknown as Record<string, unknown>;
    const keys = Object.keys(fields);
    let flat = true;
    for (const key of keys) {
      const v = fields[key];
      if (typeof v === "object" && v !== null) flat = false;
    }
    if (!flat) {
      if (last !== undefined) {
        const before = last as unknown as Record<string, unknown>;
        for (const key of keys) {
          const v = fields[key];
          if (typeof v === "object" && v !== null && Object.hasOwn(before, key) && sameTree(v, before[key]))
            fields[key] = before[key];
        }
      }
      return value;
    }
    let byFirst = this.table.get(kind);
    if (byFirst === undefined) this.table.set(kind, (byFirst = new Map()));
    const first = keys.length > 0 ? fields[keys[0]] : undefined;
    let candidates = byFirst.get(first);
    if (candidates === undefined) byFirst.set(first, (candidates = []));
    const proto: unknown = Object.getPrototypeOf(value);
    for (const c of candidates) if (sameFlat(c, keys, fields, proto)) return c.value;
    if (candidates.length < CANDIDATES) candidates.push({ value, keys });
    return value;
  }
}

/**
 * For a summary whose object's last recorded summary was `last`: undefined when the two have
 * the same JSON text (nothing to record), else what `table.share(kind, value, last)` records.
 * A ReplicaSet's summary is taken again each time one of its pods starts or stops terminating
 * (the ×10 bench day: 23,700 points), and telling it from the last walked both three times
 * (sameJsonText, then share). Here both are walked once when they are plain objects with the
 * same keys in the same order, each value a string, a boolean, a finite number, or a plain
 * object or array: for those the texts are the same exactly when every field's is, a
 * different primitive is a different text (only 0 and -0 are one, and `===` takes them alike),
 * and a nested value is walked by sameJsonText. Anything else is left to sameJsonText of the
 * whole, then share, as before.
 *
 * A changed summary with a nested field is not given to share either, whose only work on it
 * would be a third walk (sameTree) of each nested field: those found one tree here are the
 * last's already, and a field samePlainTree told apart without meeting anything but plain data
 * is no tree sameTree takes for one (samePlainTree's answers are sameTree's there; `unsure`
 * says when it met something else). An HPA's summary (its metrics and conditions) changes at
 * nearly every status write, 314 a bench day. Keys are listed by for-in as sameFields lists
 * them (own keys first, in Object.keys' order), into an array kept from call to call: two
 * `Object.keys` arrays per call were garbage.
 */
export function shareChanged(
  table: SharedSummaries,
  kind: string,
  value: ObjectSummary,
  last: ObjectSummary | undefined,
): ObjectSummary | undefined {
  if (last === undefined) return table.share(kind, value, last);
  const fields = value as unknown as Record<string, unknown>;
  const before = last as unknown as Record<string, unknown>;
  if (
    Object.getPrototypeOf(fields) !== Object.prototype ||
    Object.getPrototypeOf(before) !== Object.prototype
  )
    return slowly(table, kind, value, last);
  const lastKeys = LAST_KEYS;
  let n = 0;
  for (const key in before) if (hasOwn.call(before, key)) lastKeys[n++] = key;
  let i = 0;
  let changed = false;
  /** A field holds an object: share would take no flat summary's path. */
  let nested = false;
  /** A nested field told apart only by what is not plain data: share's sameTree must judge it. */
  let unsure = false;
  for (const key in fields) {
    if (!hasOwn.call(fields, key)) continue;
    if (i === n || key !== lastKeys[i]) return slowly(table, kind, value, last);
    i++;
    const a = fields[key];
    const b = before[key];
    const ta = typeof a;
    if (ta === "string" || ta === "boolean" || (ta === "number" && Number.isFinite(a))) {
      const tb = typeof b;
      if (tb !== "string" && tb !== "boolean" && !(tb === "number" && Number.isFinite(b)))
        return slowly(table, kind, value, last);
      // 0 and -0 are one text, "0": `!==` tells them alike.
      if (a !== b) changed = true;
    } else if (plainData(a) && plainData(b)) {
      nested = true;
      // One tree of plain data is one text, and the value share would put in its place (the
      // last's): put there now, share's own walk of it is one comparison. A ReplicaSet's images,
      // taken again with its summary for each of its pods that starts or stops terminating, were
      // walked twice, by sameJsonText and by share's sameTree. Anything else is sameJsonText's,
      // not sameTree's: sameTree takes two Dates (no own keys) for one tree, where the texts differ.
      metNonPlain = false;
      if (samePlainTree(a, b)) fields[key] = b;
      else {
        if (metNonPlain) unsure = true;
        if (!changed && !sameJsonText(a, b)) changed = true;
      }
    } else return slowly(table, kind, value, last);
  }
  if (i !== n) return slowly(table, kind, value, last);
  if (!changed) return undefined;
  return nested && !unsure ? value : table.share(kind, value, last);
}

/** The last summary's keys while shareChanged walks a summary against it: kept from call to call. */
const LAST_KEYS: string[] = [];

/** sameJsonText then share, for summaries the one walk does not take. */
function slowly(
  table: SharedSummaries,
  kind: string,
  value: ObjectSummary,
  last: ObjectSummary,
): ObjectSummary | undefined {
  return sameJsonText(last, value) ? undefined : table.share(kind, value, last);
}

/**
 * Whether `a` and `b` are one tree of plain data: objects of Object.prototype or of none (a
 * dictionary: src/k8s/safeKeys.ts) with no `toJSON`, and arrays of Array.prototype, their keys in the same order, each other value the same by
 * `Object.is` (no BigInt, which JSON does not write). Such trees are the same tree for share
 * (sameTree) and have the same JSON text; any other pair answers no, and is left to those.
 */
export function samePlainTree(a: unknown, b: unknown): boolean {
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) {
    if (!Object.is(a, b)) return false;
    if (typeof a !== "bigint") return true;
    metNonPlain = true;
    return false;
  }
  if (a === b) return true;
  const proto: unknown = Object.getPrototypeOf(a);
  if (proto !== Object.getPrototypeOf(b)) return false;
  if (proto === Array.prototype) {
    const as = a as unknown[];
    const bs = b as unknown[];
    if (as.length !== bs.length) return false;
    for (let i = 0; i < as.length; i++) if (!samePlainTree(as[i], bs[i])) return false;
    return true;
  }
  if (proto !== Object.prototype && proto !== null) {
    metNonPlain = true;
    return false;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  if (typeof ao.toJSON === "function" || typeof bo.toJSON === "function") {
    metNonPlain = true;
    return false;
  }
  return sameFields(ao, bo, samePlainTree);
}

/**
 * Set when samePlainTree answers no for meeting what is not plain data (a BigInt, an object of
 * another prototype, a `toJSON`), which sameTree may still take for one tree; its other noes
 * are sameTree's too (two primitives not the same by Object.is, other prototypes, other keys or
 * lengths: sameTree's own tests). Cleared by the caller that reads it.
 */
let metNonPlain = false;

/**
 * A plain object, a dictionary (no prototype: a ReplicaSet's and a Deployment's images) or an
 * array: what sameTree compares by its keys and JSON writes by them too.
 */
function plainData(v: unknown): boolean {
  if (typeof v !== "object" || v === null) return false;
  if (Array.isArray(v)) return true;
  const proto: unknown = Object.getPrototypeOf(v);
  return (
    (proto === Object.prototype || proto === null) && typeof (v as { toJSON?: unknown }).toJSON !== "function"
  );
}

/** Whether a flat candidate is the same tree as a flat summary of these keys and fields. */
function sameFlat(
  c: Candidate,
  keys: readonly string[],
  fields: Record<string, unknown>,
  proto: unknown,
): boolean {
  if (c.keys.length !== keys.length || Object.getPrototypeOf(c.value) !== proto) return false;
  const values = c.value as unknown as Record<string, unknown>;
  for (let i = 0; i < keys.length; i++)
    if (c.keys[i] !== keys[i] || !Object.is(values[keys[i]], fields[keys[i]])) return false;
  return true;
}
