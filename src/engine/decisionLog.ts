/**
 * The trace's decisions, kept until first read as the recorder was given them or, for a decision
 * whose inputs differ from an earlier one's of the same controller, object and action at one
 * place only, as that earlier decision and the one value: an HPA sync that keeps its outcome
 * records inputs that differ from the last computing sync's by the stabilization window alone
 * (the recommendations' ages move on), 5,700 times a day, each a copy of the inputs, of their
 * normalization and of its stabilization. Those copies, kept for the whole run, were a quarter
 * of what the week's scavenges had to copy (docs/performance.md, nineteenth round); a repeat is
 * one small record. A plain `replicast run` whose expectations hold never reads the decisions.
 *
 * Exact: the first read lays every decision out as the recorder would have kept it — the
 * earlier decision's inputs copied along the path to the one place, that place holding the
 * value given — and keeps the list from then on (later decisions are pushed onto it as
 * given). Only where the two inputs have the same keys in the same order at every object on
 * the path and are the same trees everywhere else (sharedSummaries.ts sameTree): the copy is
 * then the same JSON text as the inputs given.
 */
import type { Time } from "../k8s/types.ts";
import { sameTree } from "./sharedSummaries.ts";
import type { Decision } from "./trace.ts";

type Obj = Record<string, unknown>;

/** A decision kept as an earlier one (of the same key) with one value in its inputs replaced. */
class Repeat {
  constructor(
    readonly of: Decision,
    /** The keys from the inputs down to the replaced value (at least one). */
    readonly path: readonly string[],
    readonly value: unknown,
    readonly summary: string,
    readonly t: Time,
  ) {}
}

export class DecisionLog {
  /** The decisions as given or as repeats, until first read; then undefined. */
  private kept: (Decision | Repeat)[] | undefined = [];
  /** The decisions laid out, from the first read on. */
  private read: Decision[] | undefined;
  /**
   * By object, then controller and action (a decision's key): what the next decision of that
   * key is kept against. Found by the object's own string, whose hash V8 keeps on it (a
   * controller hands the same string at every sync), where a key joined of the three was a new
   * string per decision, hashed anew at each of four look-ups (a third of `push` in a cold day).
   */
  private readonly keys = new Map<string, KeyRecord[]>();

  /**
   * Keeps `d` (a record of the recorder's usual keys in their order when `literal`). `share`
   * is what the recorder would keep of it whole: called only when it is kept whole.
   */
  push(d: Decision, literal: boolean, share: (d: Decision) => Decision): void {
    if (this.read !== undefined) {
      this.read.push(share(d));
      return;
    }
    const kept = this.kept!;
    if (!literal) {
      kept.push(share(d));
      return;
    }
    const key = this.keyRecord(d.controller, d.object, d.action);
    const of = key.whole;
    if (of !== undefined) {
      const path = soleDifference(of.inputs, d.inputs);
      if (path.length > 0) {
        const last = key.path;
        const shared = last !== undefined && samePath(last, path) ? last : path;
        key.path = shared;
        let summary = key.summary;
        if (summary !== d.summary) key.summary = summary = d.summary;
        kept.push(new Repeat(of, shared, valueAt(d.inputs, path), summary!, d.t));
        return;
      }
    }
    const whole = share(d);
    key.whole = whole;
    kept.push(whole);
  }

  /** The record of a decision's key, made empty the first time. */
  private keyRecord(controller: string, object: string, action: string): KeyRecord {
    let records = this.keys.get(object);
    if (records === undefined) this.keys.set(object, (records = []));
    for (let i = 0; i < records.length; i++) {
      const r = records[i];
      if (r.controller === controller && r.action === action) return r;
    }
    const r: KeyRecord = { controller, action, whole: undefined, path: undefined, summary: undefined };
    records.push(r);
    return r;
  }

  /** Every decision in order, laid out once: the list itself, which later decisions join. */
  list(): Decision[] {
    if (this.read !== undefined) return this.read;
    const kept = this.kept!;
    const read: Decision[] = [];
    for (let i = 0; i < kept.length; i++) {
      const k = kept[i];
      read.push(k instanceof Repeat ? laidOut(k) : k);
    }
    this.read = read;
    this.kept = undefined;
    this.keys.clear();
    return read;
  }
}

/** What a decision's key (controller, object, action) keeps. */
interface KeyRecord {
  readonly controller: string;
  readonly action: string;
  /** The last decision kept whole that a repeat may refer to. */
  whole: Decision | undefined;
  /** The last repeat's path: the next repeat at the same place shares it. */
  path: readonly string[] | undefined;
  /**
   * The last repeat's summary: the next one of the same text keeps that string (a summary is
   * built of pieces, "keep " + target + …, a tree of them per sync otherwise).
   */
  summary: string | undefined;
}

/** A repeat as the recorder's record: its earlier decision's keys, in the recorder's order. */
function laidOut(r: Repeat): Decision {
  const of = r.of;
  return {
    controller: of.controller,
    object: of.object,
    action: of.action,
    summary: r.summary,
    inputs: withValue(of.inputs, r.path, 0, r.value) as Obj,
    t: r.t,
  };
}

/** A copy of `tree` along `path` from `from` on, the value at its end `value` (keys keep their places). */
function withValue(tree: unknown, path: readonly string[], from: number, value: unknown): unknown {
  if (from === path.length) return value;
  const o = tree as Obj;
  const key = path[from];
  return { ...o, [key]: withValue(o[key], path, from + 1, value) };
}

function valueAt(tree: unknown, path: readonly string[]): unknown {
  let v = tree;
  for (let i = 0; i < path.length; i++) v = (v as Obj)[path[i]];
  return v;
}

const isRecord = (v: unknown): v is Obj =>
  typeof v === "object" && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

const NONE: readonly string[] = Object.freeze([]);

/**
 * The one place where `next` differs from `base`: the keys down to it. NONE when they are the
 * same trees; no keys but not NONE (HERE) when they differ at their root, or at more places
 * than one below it. Records are gone into only when both are plain with the same own keys
 * in the same order; anything else that is not the same tree is a difference where it stands.
 */
export function soleDifference(base: unknown, next: unknown): readonly string[] {
  if (base === next) return NONE;
  if (!isRecord(base) || !isRecord(next)) return sameTree(base, next) ? NONE : HERE;
  // Object.keys, not for…in: V8 answers it from the hidden class's key cache (the inputs of
  // one controller's syncs share their classes), where for…in and a hasOwn per key were most
  // of this walk's instructions in a cold run.
  const keys = Object.keys(base);
  const nextKeys = Object.keys(next);
  const n = keys.length;
  if (nextKeys.length !== n) return HERE;
  let at = -1;
  let below: readonly string[] = NONE;
  for (let i = 0; i < n; i++) {
    const k = keys[i];
    if (nextKeys[i] !== k) return HERE;
    const a = base[k];
    const b = next[k];
    if (a === b) continue;
    const d = soleDifference(a, b);
    if (d === NONE) continue;
    // A second place: this record is where they differ.
    if (at >= 0) return HERE;
    at = i;
    below = d;
  }
  if (at < 0) return NONE;
  // Copied by index: a spread into an array literal goes through the iteration protocol's
  // builtins in the tiers below the optimiser, where most of a day's 5,700 walks run.
  const path = new Array<string>(below.length + 1);
  path[0] = keys[at];
  for (let i = 0; i < below.length; i++) path[i + 1] = below[i];
  return path;
}

/** soleDifference's answer for a difference at the trees' own root (a path of no keys, but not NONE). */
const HERE: readonly string[] = Object.freeze([]);

function samePath(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
