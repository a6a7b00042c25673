/**
 * Records the trace while the simulation runs: a summary point per object each time its
 * summary actually changes (not a copy of the object, so a 1000-pod run stays small), every
 * event with its time, every controller decision with its time, and load summaries.
 *
 * A point holds from its `t` until the next point; several points may share an instant and
 * the last one is the state at that instant (trace.ts).
 *
 * Each kind's descriptor says how it is summarised (src/k8s/kinds/<kind>/summary.ts); kinds without
 * a summary have no series. A summary that changes with time alone (a pod's `available` under
 * minReadySeconds) asks to be taken again: nothing happens in the store at that moment, so the
 * point is recorded at the next instant the loop settles after it — at the latest when the
 * ReplicaSet controller's minReadySeconds + 1 s requeue runs, the same instant its status
 * counts the pod as available. Example: Ready at 10, minReadySeconds 5 → the pod's available
 * point is at 16 (or at a scrape at 15.5, had there been one).
 *
 * A summary may count its terminating dependents (a ReplicaSet's terminating pods): the
 * recorder tracks which objects with a controller reference are terminating, and takes the
 * owner's summary again when that set changes.
 */
import type { ObjectSummary, SummaryContext } from "../k8s/kinds/descriptor.ts";
import type { KindRegistry } from "../k8s/kinds/registry.ts";
import { parseQualifiedName, qualifiedName, qualifiedNameOf } from "../k8s/namespaces.ts";
import { controllerOf } from "../k8s/owners.ts";
import type { EventDraft, KubeEvent, KubeObject, Time } from "../k8s/types.ts";
import type { StoreView } from "./controller.ts";
import type { WatchEvent } from "./store.ts";
import type { Decision, DecisionDraft, LoadSummary, Note, Point, SeriesByKind, Trace } from "./trace.ts";
import { dict } from "../k8s/safeKeys.ts";
import { sameJsonText } from "./jsonText.ts";
import { shareChanged, SharedSummaries } from "./sharedSummaries.ts";
import { FlatSummaries, type KeptSummary } from "./flatSummaries.ts";
import { SharedDecisions, SharedEvents } from "./sharedEvents.ts";
import { DecisionLog } from "./decisionLog.ts";

export class Recorder {
  readonly series: SeriesByKind;
  readonly events: KubeEvent[] = [];
  readonly load: Record<string, Point<LoadSummary>[]> = dict();
  readonly notes: Note[] = [];
  /**
   * Each kind's recorded objects (each one's series and last summary, by qualified name: the
   * name string the object carries, one look-up per write, no key made for it), to record only
   * real changes: a change of its JSON text (sameJsonText tells without writing the text out);
   * and the kind's series, kept as a log until it is first read (KindRecord).
   */
  private readonly recorded = new Map<string, KindRecord>();
  private readonly lastLoad = new Map<string, LoadSummary>();
  /** The summaries recordLoad was last given. */
  private lastLoads: Readonly<Record<string, LoadSummary>> | undefined;
  /** Terminating dependents by their controller reference's kind, then its qualified name. */
  private readonly terminating: Terminating = new Map();
  /** How many dependents `terminating` holds in all. */
  private terminatingCount = 0;
  /** Objects whose summary changes with time alone: "Kind/name" → the time after which it does. */
  private readonly recheck = new Map<string, Time>();
  /** Summaries recorded, shared where they repeat (sharedSummaries.ts). */
  private readonly shared = new SharedSummaries();
  /** Flat summaries (a pod's), each kept once with its text (flatSummaries.ts). */
  private readonly flat = new FlatSummaries();
  /** Events' involved objects and messages, shared where they repeat (sharedEvents.ts). */
  private readonly sharedEvents = new SharedEvents();
  private readonly sharedDecisions = new SharedDecisions();
  /** The decisions, repeats kept small until first read (decisionLog.ts). */
  private readonly decisionLog = new DecisionLog();
  private readonly shareDecision = (d: Decision): Decision => this.sharedDecisions.share(d);
  /**
   * The points recorded at the current instant, by summary: the next object whose point has
   * the same summary then (a pod of the same cohort on the same node, one of the pods a
   * ReplicaSet creates at once) shares it.
   */
  private readonly points = new Map<ObjectSummary, Point<ObjectSummary>>();
  private pointsAt: Time = -1;

  /**
   * The context a summariser reads, one for the recorder, set for each object it summarises
   * (summarisers read it only while they run): an object and two closures per watch event
   * were garbage the ×10 day promoted by the megabyte.
   */
  private readonly context: RecordingContext;

  /** Kinds whose series nothing reads (`unread` below): none recorded. */
  private readonly unread: ReadonlySet<string>;

  /**
   * `unread`: kinds whose series nothing will read — a run whose only reader is its output
   * (src/scenario/traceReads.ts). Their objects are not summarised at all, and their series
   * throws when read, so that a reader left out of that reckoning fails rather than reads a
   * series with nothing in it.
   */
  constructor(
    private readonly store: StoreView,
    private readonly kinds: KindRegistry,
    unread: readonly string[] = [],
  ) {
    this.unread = new Set(unread);
    this.context = new RecordingContext(store, this.terminating, this.unread);
    this.series = {} as SeriesByKind;
    // The workload kinds' series are always there (SeriesByKind types them); any other kind's
    // appears with its first object, so a run without Nodes records no Node series at all.
    // Keyed by object names, which are the user's: no prototype (src/k8s/safeKeys.ts).
    for (const kind of ALWAYS_RECORDED) {
      if (!kinds.get(kind)?.summary) continue;
      if (this.unread.has(kind))
        Object.defineProperty(this.series, kind, { enumerable: true, get: unrecorded(kind) });
      else this.kindRecord(kind);
    }
  }

  /**
   * The record of `kind`, made with its first object (or here, for the kinds always there):
   * its series stands in `series` from then on, in that order, as a getter that lays the log
   * out into the arrays on its first read (expand).
   */
  private kindRecord(kind: string): KindRecord {
    const record = this.recorded.get(kind);
    if (record !== undefined) return record;
    const made: KindRecord = { objects: new Map(), byName: undefined, names: [], points: [] };
    this.recorded.set(kind, made);
    Object.defineProperty(this.series, kind, {
      enumerable: true,
      configurable: true,
      get: () => expand(this.series, kind, made),
      // A reader that sets the series (none here) sets it over the log: what it reads is what it set.
      set: (value: Record<string, Point<ObjectSummary>[]>) => {
        expand(this.series, kind, made);
        Object.defineProperty(this.series, kind, {
          value,
          writable: true,
          enumerable: true,
          configurable: true,
        });
      },
    });
    return made;
  }

  /** Store watch handler. */
  onWatch(ev: WatchEvent, now: Time, kind: string = ev.object.kind): void {
    const obj = ev.object;
    const gone = ev.type === "DELETED";
    // `kind` is the store's key: one that is not the object's kind names another group's kind
    // of a built-in's name (Knative's Service), stored as written — no series, and no
    // dependent of a summarised owner — which the summariser of the name must not take.
    if (kind !== obj.kind) {
      if (gone) this.sharedEvents.forget(obj.metadata.uid);
      return;
    }
    this.recordObject(obj, gone, now);
    if (gone) {
      if (this.recheck.size > 0) this.recheck.delete(keyOf(obj));
      this.sharedEvents.forget(obj.metadata.uid);
    }
    this.trackTerminating(obj, gone, now);
  }

  /**
   * Store watch handler for changes delivered together at one instant (a cohort: the pods of
   * a ReplicaSet bound, started, made Ready or deleted at once): records exactly what `onWatch`
   * of each, in order, records (test/engine/recordBatch.test.ts). Each pod is still summarised
   * — its summary is read from the pod — but after the first of a cohort its new summary is
   * found as the step the one before took (FlatSummaries.keepAfter): one comparison of a few
   * fields and a point appended per pod.
   */
  onWatchBatch(evs: readonly WatchEvent[], now: Time, kind?: string): void {
    const at = smallTime(now);
    for (let i = 0; i < evs.length; i++) this.onWatch(evs[i], at, kind);
  }

  /** Objects whose summary changed with the passage of time (minReadySeconds) get their point. */
  refresh(now: Time): void {
    if (this.recheck.size === 0) return;
    for (const [key, after] of [...this.recheck]) {
      if (after >= now) continue;
      this.recheck.delete(key);
      const slash = key.indexOf("/");
      const { namespace, name } = parseQualifiedName(key.slice(slash + 1));
      const obj = this.store.get(key.slice(0, slash), namespace, name);
      if (obj) this.recordObject(obj, false, now);
    }
  }

  /**
   * Records event `e` emitted at `time` as a record of its own. The record is an object
   * literal, not `{ ...e, time }`: V8 (Node 20) gives each object made by a spread followed by
   * a new key a hidden class of its own (a map and a descriptor array, about 240 bytes in the
   * old generation), so the x10 day's 89,000 events kept 23 MB of maps alive. The keys keep
   * the order the spread gives them, the draft's then time: a draft in another order than
   * nearly every emitter's (a node's events) is spread as before.
   */
  event(e: EventDraft, at: Time): void {
    const time = smallTime(at);
    const record: KubeEvent = inOrder(e, EVENT_KEYS)
      ? {
          type: e.type,
          reason: e.reason,
          message: e.message,
          involvedObject: e.involvedObject,
          source: e.source,
          time,
        }
      : { ...e, time };
    this.events.push(this.sharedEvents.share(record));
  }

  /** Records decision `d` taken at `t`: an object literal, as `event` says why; the draft's keys, then t. */
  decision(d: DecisionDraft, t: Time): void {
    const literal = inOrder(d, DECISION_KEYS);
    const record: Decision = literal
      ? {
          controller: d.controller,
          object: d.object,
          action: d.action,
          summary: d.summary,
          inputs: d.inputs,
          t,
        }
      : { ...d, t };
    this.decisionLog.push(record, literal, this.shareDecision);
  }

  /** Records `d`, a record built whole by its caller (takes it as its own). */
  recordDecision(d: Decision): void {
    this.decisionLog.push(d, false, this.shareDecision);
  }

  /** Every decision recorded so far, in order: the trace's list, which later decisions join. */
  get decisions(): Decision[] {
    return this.decisionLog.list();
  }

  note(t: Time, text: string): void {
    this.notes.push({ t: smallTime(t), text });
  }

  recordLoad(summaries: Readonly<Record<string, LoadSummary>>, now: Time): void {
    // The very record of the last call (the load model gives it again while no summary
    // changed; it is frozen): every summary in it is recorded already or equal to the last.
    if (summaries === this.lastLoads) return;
    this.lastLoads = summaries;
    // Own keys by for…in, in Object.entries' order: entries made an array of pairs per call.
    for (const deployment in summaries) {
      if (!Object.hasOwn(summaries, deployment)) continue;
      const summary = summaries[deployment];
      const last = this.lastLoad.get(deployment);
      if (last !== undefined && sameJsonText(last, summary)) continue;
      this.lastLoad.set(deployment, summary);
      (this.load[deployment] ??= []).push({ t: smallTime(now), value: summary });
    }
  }

  trace(end: Time): Trace {
    const log = this.decisionLog;
    return {
      end,
      series: this.series,
      events: this.events,
      // Laid out when first read (decisionLog.ts): a run whose output reads none keeps them small.
      get decisions(): Decision[] {
        return log.list();
      },
      load: this.load,
      notes: this.notes,
    };
  }

  /** A dependent started or stopped terminating: its owner's summary may count it. */
  private trackTerminating(obj: KubeObject, gone: boolean, now: Time): void {
    const isTerminating = !gone && obj.metadata.deletionTimestamp !== undefined;
    // Nothing is terminating: an object that is not either changes nothing.
    if (!isTerminating && this.terminatingCount === 0) return;
    const ref = controllerOf(obj);
    if (!ref) return;
    // An owner of a kind not recorded is never summarised: nothing would read its count
    // (a summariser asking for it throws: RecordingContext). The plain `replicast run` leaves
    // ReplicaSets out, and every pod write of a scale-down's grace period passed here.
    if (this.unread.size > 0 && this.unread.has(ref.kind)) return;
    // A controller reference names an owner in the dependent's own namespace. Looked up by the
    // strings the objects carry (no key made per write: a pod's writes pass here by the
    // thousand while a scale-down's pods terminate).
    const namespace = obj.metadata.namespace;
    let ofKind = this.terminating.get(ref.kind);
    const owner = qualifiedName(namespace, ref.name);
    let dependents = ofKind?.get(owner);
    const name = qualifiedNameOf(obj);
    const wasTerminating = dependents?.byKind.get(obj.kind)?.has(name) ?? false;
    if (wasTerminating === isTerminating) return;
    if (isTerminating) {
      if (!ofKind) this.terminating.set(ref.kind, (ofKind = new Map()));
      if (!dependents) ofKind.set(owner, (dependents = { size: 0, byKind: new Map() }));
      let names = dependents.byKind.get(obj.kind);
      if (!names) dependents.byKind.set(obj.kind, (names = new Set()));
      names.add(name);
      dependents.size++;
      this.terminatingCount++;
    } else {
      const names = dependents!.byKind.get(obj.kind)!;
      names.delete(name);
      if (names.size === 0) dependents!.byKind.delete(obj.kind);
      this.terminatingCount--;
      if (--dependents!.size === 0) {
        ofKind!.delete(owner);
        if (ofKind!.size === 0) this.terminating.delete(ref.kind);
      }
    }
    const stored = this.store.get(ref.kind, namespace ?? "", ref.name);
    if (stored) this.recordObject(stored, false, now);
  }

  /**
   * The point {t, value}, one object for every series that takes it: the trace is read-only
   * (docs/architecture.md), so a point may stand in several series as a summary does in several
   * points. The ×10 bench day's 87,000 pod points were as many objects, each kept to the end.
   */
  private pointAt(t: Time, value: ObjectSummary): Point<ObjectSummary> {
    if (t !== this.pointsAt) {
      this.pointsAt = t;
      this.points.clear();
    }
    let point = this.points.get(value);
    if (point === undefined) this.points.set(value, (point = { t, value }));
    return point;
  }

  private recordObject(obj: KubeObject, gone: boolean, now: Time): void {
    if (this.unread.size > 0 && this.unread.has(obj.kind)) return;
    const summarizer = this.kinds.get(obj.kind)?.summary;
    if (!summarizer) return;
    const ctx = this.context;
    ctx.now = now;
    ctx.namespace = obj.metadata.namespace;
    ctx.recheck = undefined;
    const summary: ObjectSummary = summarizer.summarize(obj, gone, ctx);
    const recheckAfter = ctx.recheck;
    if (recheckAfter !== undefined) this.recheck.set(keyOf(obj), recheckAfter);
    else if (this.recheck.size > 0) this.recheck.delete(keyOf(obj));
    const name = qualifiedNameOf(obj);
    const ofKind = this.recorded.get(obj.kind) ?? this.kindRecord(obj.kind);
    const objects = ofKind.objects;
    let recorded = objects.get(name);
    const last = recorded?.last;
    // A flat summary (a pod's) is found among those kept, with its text: a change is a
    // different text (flatSummaries.ts). Any other is walked against the last and shared.
    const lastKept = recorded?.lastKept;
    const kept = this.flat.keepAfter(obj.kind, summary, lastKept);
    let value: ObjectSummary;
    if (kept !== undefined) {
      if (
        lastKept !== undefined
          ? lastKept.text === kept.text
          : last !== undefined && sameJsonText(last, summary)
      )
        return;
      value = kept.value;
    } else {
      const changed = shareChanged(this.shared, obj.kind, summary, last);
      if (changed === undefined) return;
      value = changed;
    }
    if (!recorded)
      objects.set(name, (recorded = { points: undefined, last: undefined, lastKept: undefined }));
    const point = this.pointAt(smallTime(now), value);
    const byName = ofKind.byName;
    if (byName === undefined) {
      // Not read yet: the point goes to the log, its series made when the kind is read.
      ofKind.names.push(name);
      ofKind.points.push(point);
    } else (recorded.points ??= byName[name] ??= []).push(point);
    // A deleted object's entry goes with it (13,000 pods in the ×10 day): an object made again
    // under its name finds its series in `series` and starts, as it would, with no last summary.
    if (gone) objects.delete(name);
    else {
      recorded.last = value;
      recorded.lastKept = kept;
    }
  }
}

/**
 * A kind's recorded objects, and its series: a log of the points recorded, each with the name
 * of the series it goes to, until the series is first read; then the series (`byName`), which
 * takes each point as it is recorded.
 *
 * Why a log: a run's pods (1,291 in the bench day, 13,000 in the ×10 day) each had a series
 * array made and a key put into the Pod dictionary, and every point was pushed into its own
 * pod's array, for a trace whose pod series a run's own checks rarely read (traceReads.ts).
 * Two pushes onto the two arrays of the log are all a point costs until then; the first read
 * makes the same dictionary, with the same keys in the same order and the same point objects
 * in the same order, as recording them one by one would have made.
 */
interface KindRecord {
  readonly objects: Map<string, Recorded>;
  /** The kind's series once read (then always), undefined while the points are in the log. */
  byName: Record<string, Point<ObjectSummary>[]> | undefined;
  /** The log: the series name of each point, and the point, in the order they were recorded. */
  names: string[];
  points: Point<ObjectSummary>[];
}

/**
 * The series of a kind as recording each point into its series would have made it: the log
 * laid out in order (a series made at its first point, as `byName[name] ??= []` did), then
 * kept in `series` as a plain property, and the log let go.
 */
function expand(
  series: SeriesByKind,
  kind: string,
  record: KindRecord,
): Record<string, Point<ObjectSummary>[]> {
  let byName = record.byName;
  if (byName === undefined) {
    byName = dict<Point<ObjectSummary>[]>();
    const { names, points } = record;
    for (let i = 0; i < names.length; i++) (byName[names[i]] ??= []).push(points[i]);
    record.byName = byName;
    record.names = [];
    record.points = [];
    Object.defineProperty(series, kind, {
      value: byName,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  }
  return byName;
}

/** An object's series (the array the trace holds, once its kind is read) and its last summary while it exists. */
interface Recorded {
  points: Point<ObjectSummary>[] | undefined;
  last: ObjectSummary | undefined;
  /** The last summary as kept with its JSON text, when it is a flat one (flatSummaries.ts). */
  lastKept: KeptSummary | undefined;
}

/** An owner's terminating dependents: their number, and their qualified names by kind. */
interface Dependents {
  size: number;
  readonly byKind: Map<string, Set<string>>;
}

/** Owners' terminating dependents, by the owner's kind, then its qualified name. */
type Terminating = Map<string, Map<string, Dependents>>;

/** SummaryContext for the object being summarised: its namespace, the time, what it asks to be summarised again after. */
class RecordingContext implements SummaryContext {
  now: Time = 0;
  namespace: string | undefined;
  recheck: Time | undefined;

  constructor(
    readonly objects: StoreView,
    private readonly terminating: Terminating,
    /** Kinds not recorded, whose terminating dependents are not tracked. */
    private readonly unread: ReadonlySet<string>,
  ) {}

  terminatingDependents(kind: string, name: string): number {
    if (this.unread.has(kind))
      throw new Error(
        `internal error: the terminating dependents of ${kind} objects are not tracked in this run`,
      );
    return this.terminating.get(kind)?.get(qualifiedName(this.namespace, name))?.size ?? 0;
  }

  recheckAfter(t: Time): void {
    this.recheck = t;
  }
}

/** The keys of nearly every event draft and decision draft, in the order their emitters write them. */
const EVENT_KEYS = ["type", "reason", "message", "involvedObject", "source"];
const DECISION_KEYS = ["controller", "object", "action", "summary", "inputs"];

/** Whether `o`'s own keys are exactly `keys`, in that order (a plain object: no inherited keys). */
function inOrder(o: object, keys: readonly string[]): boolean {
  let i = 0;
  for (const key in o) if (key !== keys[i++]) return false;
  return i === keys.length;
}

const ALWAYS_RECORDED = ["Deployment", "ReplicaSet", "Pod", "HorizontalPodAutoscaler"] as const;

/** The getter of a series not recorded: a reader the run was not meant to have. */
const unrecorded = (kind: string) => (): never => {
  throw new Error(`internal error: the ${kind} series was not recorded in this run (nothing was to read it)`);
};

/**
 * `t` as a small integer (V8's Smi) when it is a whole number that fits one. The clock's times
 * may arrive as heap numbers of whole value; an object field that has held one is a double
 * field for every object of its shape, each holding a 16-byte box of its own (3.2 MB for the
 * ×10 day's events and points, whose times are all whole seconds). Fed only small integers,
 * the field keeps them in the object itself. The same number either way.
 */
const smallTime = (t: Time): Time => ((t | 0) === t ? t | 0 : t);

/** "Kind/qualified name": `Pod/web-…`, `Deployment/prod/web`. */
const keyOf = (obj: KubeObject): string => `${obj.kind}/${qualifiedNameOf(obj)}`;
