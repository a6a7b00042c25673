/**
 * The flat summaries the trace records (every field a primitive: a pod's ReplicaSet, phase,
 * node and flags), each kept once with its JSON text. A pod's summary is one of a few dozen:
 * the bench day records 8,668 pod points of 19 distinct texts, and the recorder used to tell
 * each new summary from the pod's last by walking both (jsonText.ts) and then look for an
 * equal one among at most 16 per ReplicaSet (sharedSummaries.ts), past which every summary was
 * kept as a copy of its own (1,256 objects for those 19 texts). Here a summary is found by its
 * fields, one map step per key and per value, among all of its kind, and two summaries have the
 * same JSON text when their kept texts are the one string.
 *
 * Exact: a summary stands for another only when they are the same tree — the same keys in the
 * same order, the same prototype, each value the same by `Object.is` (`-0` is told from `0`, and
 * a key holding undefined from a missing key). A kept text is JSON.stringify's of the summary
 * it stands for, so equal texts are what sameJsonText answers. The trace is read-only
 * (docs/architecture.md), so one object may stand in any number of points.
 */
import type { ObjectSummary } from "../k8s/kinds/descriptor.ts";

/** A flat summary the trace holds, and its JSON text (the one string for every equal text). */
export interface KeptSummary {
  readonly value: ObjectSummary;
  readonly text: string;
}

/** A kept summary with what tells another summary is its tree, and the summaries objects went to from it. */
interface Kept extends KeptSummary {
  readonly keys: readonly string[];
  /** The summary's values in the order of `keys` (read by index: the summary's own keyed reads were most of a comparison). */
  readonly values: readonly unknown[];
  readonly proto: unknown;
  /** The kept summaries that followed this one in an object's series, the first few. */
  next: Kept[] | undefined;
}

/** Successors remembered per kept summary: a pod goes from one summary to one of a few. */
const SUCCESSORS = 8;

/** Distinct summaries kept per kind, at most: past them a summary is recorded as before. */
const KEPT_PER_KIND = 4096;

/** Map keys tell 0 from -0 no more than `===`: -0 steps through its own key. */
const MINUS_ZERO = Symbol("-0");
/** The step after a summary's last field, to its kept entry. */
const END = Symbol("end");

type Step = Map<unknown, Step | Kept>;

export class FlatSummaries {
  /** Per kind, by prototype, then a step per key and one per value, then END. */
  private readonly kinds = new Map<string, { kept: number; byProto: Step }>();
  /** Every kept text, so that equal texts are one string (compared at a glance). */
  private readonly texts = new Map<string, string>();

  /**
   * The kept summary that is the same tree as `value`, `value` itself when it is the first of
   * its kind; undefined when `value` is not flat, or its kind holds as many as it may.
   */
  keep(kind: string, value: ObjectSummary): KeptSummary | undefined {
    return this.find(kind, value);
  }

  /**
   * `keep` for an object whose last kept summary was `last`: found first as `last` itself or one
   * of the summaries objects went to from `last` before. The pods of a ReplicaSet take the same
   * steps (created, bound, running, ready, terminating, gone), so a step after the first pod's
   * is one comparison of a few fields, no keys listed and no table walked. The same answer as
   * `keep`: a summary found is the same tree as `value`, and a kind keeps one summary per tree.
   */
  keepAfter(kind: string, value: ObjectSummary, last: KeptSummary | undefined): KeptSummary | undefined {
    if (last === undefined) return this.find(kind, value);
    const before = last as Kept;
    if (sameFlat(before, value)) return before;
    const next = before.next;
    if (next !== undefined)
      for (let i = 0; i < next.length; i++) if (sameFlat(next[i], value)) return next[i];
    const kept = this.find(kind, value);
    if (kept !== undefined && kept !== before) {
      if (next === undefined) before.next = [kept];
      else if (next.length < SUCCESSORS) next.push(kept);
    }
    return kept;
  }

  private find(kind: string, value: ObjectSummary): Kept | undefined {
    const fields = value as unknown as Record<string, unknown>;
    // A summary that is not flat (a ReplicaSet's, its images), told before its keys are
    // listed: a plain object's for-in lists its own keys alone.
    if (Object.getPrototypeOf(fields) === Object.prototype)
      for (const key in fields) {
        const v = fields[key];
        if (typeof v === "object" && v !== null) return undefined;
      }
    const keys = Object.keys(fields);
    for (let i = 0; i < keys.length; i++) {
      const v = fields[keys[i]];
      // A BigInt has no JSON text (JSON.stringify throws): such a summary is recorded as before.
      if ((typeof v === "object" && v !== null) || typeof v === "bigint") return undefined;
    }
    let ofKind = this.kinds.get(kind);
    if (ofKind === undefined) this.kinds.set(kind, (ofKind = { kept: 0, byProto: new Map() }));
    // A full kind only finds: it makes no steps for a summary it will not keep.
    const full = ofKind.kept >= KEPT_PER_KIND;
    let step = next(ofKind.byProto, Object.getPrototypeOf(value), full);
    for (let i = 0; i < keys.length && step !== undefined; i++) {
      const key = keys[i];
      const v = fields[key];
      step = next(step, key, full);
      if (step !== undefined) step = next(step, Object.is(v, -0) ? MINUS_ZERO : v, full);
    }
    if (step === undefined) return undefined;
    const found = step.get(END) as Kept | undefined;
    if (found !== undefined || full) return found;
    ofKind.kept++;
    const text = JSON.stringify(value);
    let same = this.texts.get(text);
    if (same === undefined) this.texts.set(text, (same = text));
    const values = keys.map((key) => fields[key]);
    const kept: Kept = {
      value,
      text: same,
      keys,
      values,
      proto: Object.getPrototypeOf(value),
      next: undefined,
    };
    step.set(END, kept);
    return kept;
  }
}

/**
 * Whether `value` is the same tree as kept summary `k` (flat: its own keys in k's order, each
 * value the same by `Object.is`, the same prototype). Its keys are read by for-in, which lists
 * no array: own keys first in Object.keys' order, then any a prototype lists, which make the
 * count differ (a false "no", which `keep` answers instead).
 */
function sameFlat(k: Kept, value: ObjectSummary): boolean {
  if (Object.getPrototypeOf(value) !== k.proto) return false;
  const fields = value as unknown as Record<string, unknown>;
  const keys = k.keys;
  const values = k.values;
  let i = 0;
  for (const key in fields) {
    if (i >= keys.length || key !== keys[i] || !Object.is(fields[key], values[i])) return false;
    i++;
  }
  return i === keys.length;
}

/** The step after `step` by `key`, made when missing unless `onlyFind`. */
function next(step: Map<unknown, Step | Kept>, key: unknown, onlyFind: boolean): Step | undefined {
  let after = step.get(key) as Step | undefined;
  if (after === undefined && !onlyFind) step.set(key, (after = new Map()));
  return after;
}
