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
   * By controller, object and action (maps in turn: no key text made per decision): the last
   * decision kept whole that a repeat may refer to, and the last repeat's path and summary.
   */
  private readonly lasts = new Map<string, Map<string, Map<string, Last>>>();
  /** The keys of the whole decisions' records, each listed once (walk's `keysOf`). */
  private readonly walk = new Walk();

  /**
   * Keeps `d` (a record of the recorder's usual keys in their order when `literal`). `share`
   * is what the recorder would keep of it whole: called only when it is kept whole, it gives
   * `d` with its inputs as given or a copy of them whose fields are each the same tree
   * (sharedEvents.ts SharedDecisions: an earlier decision's equal field in place of one).
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
    const last = this.lastOf(d.controller, d.object, d.action);
    const of = last.whole;
    if (of !== undefined) {
      const path = this.repeatPath(last, of, d.inputs);
      if (path !== undefined) {
        // The next repeat at the same place shares the last one's path, and of the same text
        // its summary (a summary is built of pieces, "keep " + target + …, a tree of them per
        // sync otherwise).
        last.path = path;
        if (last.summary !== d.summary) last.summary = d.summary;
        kept.push(new Repeat(of, path, valueAt(d.inputs, path), last.summary, d.t));
        return;
      }
    }
    const given = d.inputs;
    const whole = share(d);
    last.whole = whole;
    last.given = given;
    last.walked = undefined;
    kept.push(whole);
  }

  /**
   * The path to the one place where `inputs` differs from the last whole decision's, for a
   * repeat; undefined when they are the same trees or differ at their root or at more places.
   * A repeat declared (declareRepeat) of that decision's very inputs answers without the walk:
   * everything of it but the value at the path is theirs, in their order, so the walk would
   * stop at that path alone, or find no difference at all when the new value is the same tree
   * as the old, which is checked. (The day's HPA: 5,355 of its 5,441 quiet syncs.)
   *
   * The base may also be inputs the walk has found alike with that decision's everywhere but
   * at one path (knownBase): then so are the inputs declared of it at that same path, and
   * the values compared there are the decision's own.
   */
  private repeatPath(last: Last, of: Decision, inputs: Decision["inputs"]): readonly string[] | undefined {
    const hint = declared;
    if (hint.inputs === inputs && knownBase(last, of, hint.base!, hint.path!)) {
      const path = hint.path!;
      const was = valueAt(of.inputs, path);
      const now = valueAt(inputs, path);
      // The walk would go on into two plain records; it stops at anything else.
      if (!isRecord(was) || !isRecord(now)) {
        if (sameTree(was, now)) return undefined;
        return last.path !== undefined && samePath(last.path, path) ? last.path : path;
      }
    }
    if (this.walk.difference(of.inputs, inputs) !== ONE_PLACE) return undefined;
    const path = this.walk.samePath(last.path) ? last.path! : this.walk.path();
    last.walked = inputs;
    last.walkedPath = path;
    return path;
  }

  private lastOf(controller: string, object: string, action: string): Last {
    let byObject = this.lasts.get(controller);
    if (byObject === undefined) this.lasts.set(controller, (byObject = new Map()));
    let byAction = byObject.get(object);
    if (byAction === undefined) byObject.set(object, (byAction = new Map()));
    let last = byAction.get(action);
    if (last === undefined)
      byAction.set(
        action,
        (last = {
          whole: undefined,
          given: undefined,
          walked: undefined,
          walkedPath: undefined,
          path: undefined,
          summary: "",
        }),
      );
    return last;
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
    this.lasts.clear();
    return read;
  }
}

interface Last {
  whole: Decision | undefined;
  /** The inputs `whole` was given, before the recorder shared its fields (`share`). */
  given: Decision["inputs"] | undefined;
  /** The inputs of the last repeat of `whole` the walk found, and where they differ from its. */
  walked: Decision["inputs"] | undefined;
  walkedPath: readonly string[] | undefined;
  path: readonly string[] | undefined;
  summary: string;
}

/**
 * Whether the walk would find `base` alike with `of`'s inputs everywhere but at `path` (at
 * most): they are those inputs; or the inputs `of` was given, of which the recorder kept a
 * copy with some fields in an earlier decision's equal trees (`share`: the walk goes into
 * such a field as into the given one's); or a repeat's inputs the walk found differing from
 * them at `path` alone. Inputs declared of `base` but at `path` then differ from `of`'s at
 * `path` alone, or nowhere. An HPA's quiet syncs are declared of the inputs its last
 * computing sync recorded, and that sync is itself such a repeat whenever its inputs differed
 * from the last whole decision's by the window only: in a steady day, 6,200 of 6,240 syncs.
 */
function knownBase(last: Last, of: Decision, base: object, path: readonly string[]): boolean {
  return (
    base === of.inputs ||
    base === last.given ||
    (base === last.walked && last.walkedPath !== undefined && samePath(last.walkedPath, path))
  );
}

/**
 * The repeat its maker declared last: `inputs`, made as `base` with the value at `path`
 * replaced and nothing else (a spread copy of each record along the path, the others the very
 * objects of `base`). One slot, filled just before the decision is handed to the recorder and
 * told apart by identity: an HPA's quiet sync (controllers/hpa/controller.ts repeatQuietSync)
 * repeats the last computing sync's inputs with a new stabilization window, 5,400 times a
 * day, and the log's walk of both trees was most of what keeping the repeat cost.
 */
const declared: {
  inputs: object | undefined;
  base: object | undefined;
  path: readonly string[] | undefined;
} = {
  inputs: undefined,
  base: undefined,
  path: undefined,
};

/**
 * Declares `inputs` a repeat of `base` but at `path` (see `declared`; at least one key): neither
 * is changed afterwards, and the records along the path are plain objects, each in `inputs`
 * with its counterpart's keys in their order and values but the one on the path.
 */
export function declareRepeat(inputs: object, base: object, path: readonly string[]): void {
  if (path.length === 0) return;
  declared.inputs = inputs;
  declared.base = base;
  declared.path = path;
}

const samePath = (a: readonly string[], b: readonly string[]): boolean => {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

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

/** How `next` differs from `base` (Walk.differ). */
const SAME = 0;
/** At the trees' own root, or at more places than one below it. */
const ROOT = 1;
/** At one place below the root, whose keys the walk holds. */
const ONE_PLACE = 2;
type Difference = typeof SAME | typeof ROOT | typeof ONE_PLACE;

/**
 * The walk that finds where a decision's inputs differ from the last whole one's: the keys of
 * the whole one's records listed once each (a whole decision is compared with every quiet sync
 * after it, 5,700 a day), the path found held in one array reused from walk to walk.
 */
class Walk {
  private readonly keys = new WeakMap<Obj, string[]>();
  /** The path's keys, deepest first: the first `n` of them. */
  private readonly found: string[] = [];
  private n = 0;

  /** How `next` differs from `base`: at one place below the root, its keys are then the walk's path. */
  difference(base: unknown, next: unknown): Difference {
    this.n = 0;
    return this.differ(base, next);
  }

  /** The path found, from the root down. */
  path(): string[] {
    const path: string[] = [];
    for (let i = this.n - 1; i >= 0; i--) path.push(this.found[i]);
    return path;
  }

  /** Whether `path` is the path found. */
  samePath(path: readonly string[] | undefined): boolean {
    if (path === undefined || path.length !== this.n) return false;
    for (let i = 0; i < this.n; i++) if (path[i] !== this.found[this.n - 1 - i]) return false;
    return true;
  }

  private keysOf(base: Obj): string[] {
    let keys = this.keys.get(base);
    if (keys === undefined) this.keys.set(base, (keys = Object.keys(base)));
    return keys;
  }

  /**
   * Records are gone into only when both are plain with the same own keys in the same order;
   * anything else that is not the same tree is a difference where it stands. A place found
   * below adds its keys to the path after those found deeper.
   */
  private differ(base: unknown, next: unknown): Difference {
    if (base === next) return SAME;
    if (!isRecord(base) || !isRecord(next)) return sameTree(base, next) ? SAME : ROOT;
    // Object.keys, not for…in: V8 answers it from the hidden class's key cache (the inputs of
    // one controller's syncs share their classes), where for…in and a hasOwn per key were most
    // of this walk's instructions in a cold run.
    const keys = this.keysOf(base);
    const nextKeys = Object.keys(next);
    const n = keys.length;
    if (nextKeys.length !== n) return ROOT;
    const depth = this.n;
    let at = -1;
    for (let i = 0; i < n; i++) {
      const k = keys[i];
      if (nextKeys[i] !== k) return this.back(depth);
      const a = base[k];
      const b = next[k];
      if (a === b) continue;
      const d = this.differ(a, b);
      if (d === SAME) continue;
      // A second place: this record is where they differ.
      if (at >= 0) return this.back(depth);
      at = i;
    }
    if (at < 0) return SAME;
    this.found[this.n++] = keys[at];
    return ONE_PLACE;
  }

  /** ROOT, the path back to what it was when this record was entered. */
  private back(depth: number): Difference {
    this.n = depth;
    return ROOT;
  }
}

const NONE: readonly string[] = Object.freeze([]);
/** soleDifference's answer for a difference at the trees' own root (a path of no keys, but not NONE). */
const HERE: readonly string[] = Object.freeze([]);

/**
 * The one place where `next` differs from `base`: the keys down to it. NONE when they are the
 * same trees; no keys but not NONE (HERE) when they differ at their root, or at more places
 * than one below it. Records are gone into only when both are plain with the same own keys
 * in the same order; anything else that is not the same tree is a difference where it stands.
 */
export function soleDifference(base: unknown, next: unknown): readonly string[] {
  const walk = new Walk();
  const d = walk.difference(base, next);
  return d === ONE_PLACE ? walk.path() : d === SAME ? NONE : HERE;
}
