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

/** Distinct summaries kept per kind, at most: past them a summary is recorded as before. */
const KEPT_PER_KIND = 4096;

/** Map keys tell 0 from -0 no more than `===`: -0 steps through its own key. */
const MINUS_ZERO = Symbol("-0");
/** The step after a summary's last field, to its kept entry. */
const END = Symbol("end");

type Step = Map<unknown, Step | KeptSummary>;

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
    const fields = value as unknown as Record<string, unknown>;
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
    const found = step.get(END) as KeptSummary | undefined;
    if (found !== undefined || full) return found;
    ofKind.kept++;
    const text = JSON.stringify(value);
    let same = this.texts.get(text);
    if (same === undefined) this.texts.set(text, (same = text));
    const kept: KeptSummary = { value, text: same };
    step.set(END, kept);
    return kept;
  }
}

/** The step after `step` by `key`, made when missing unless `onlyFind`. */
function next(step: Map<unknown, Step | KeptSummary>, key: unknown, onlyFind: boolean): Step | undefined {
  let after = step.get(key) as Step | undefined;
  if (after === undefined && !onlyFind) step.set(key, (after = new Map()));
  return after;
}
