/**
 * The result of a run: what `replicast run --json` prints, what `replicast test` counts,
 * and what charts and notebooks read (they also get the trace, which JSON leaves out).
 */
import type { Diagnostic } from "../text/diagnostic.ts";
import type { Trace } from "../engine/trace.ts";
import type { KubeEvent } from "../k8s/types.ts";
import type { ExpectationResult } from "./expectations.ts";
import { timeSeries, type TimeSeries } from "./timeSeries.ts";
import { JsonItems, writeJson } from "./json.ts";

export interface EventRecord {
  time: number;
  type: "Normal" | "Warning";
  reason: string;
  /** "deployment/web", "horizontalpodautoscaler/web" — as `kubectl get events` names objects. */
  object: string;
  message: string;
  /** The object's namespace, outside `default` only (a run in `default` reads as it always did). */
  namespace?: string;
}

export interface OutputRecord {
  time: number;
  /** The statement that printed (the kubectl line as written, `watch hpa/web`, `apply deploy`). */
  command: string;
  text: string;
  /** The statement's line in the scenario. */
  line: number;
  /** True when the command failed (kubectl's stderr). */
  error?: boolean;
  /** Replicast's note about the command, after its output: not what kubectl printed. */
  note?: boolean;
  /** A row a watch printed after its first table (`watch`, `kubectl get -w`). */
  watch?: boolean;
  /** How many events had been emitted when this was printed (orders the timeline exactly). */
  afterEvents: number;
}

/** An action that could not be carried out at run time (a kubectl error). */
export interface ActionFailure {
  line: number;
  time: number;
  command: string;
  message: string;
}

export interface ScenarioResult {
  file: string;
  title?: string;
  /** Every expectation held, no action failed and the input was usable. */
  passed: boolean;
  /** "error" when the input was unusable (diagnostics say why; nothing ran). */
  status: "passed" | "failed" | "error";
  /** Simulated seconds the run covered. */
  duration: number;
  expectations: ExpectationResult[];
  events: EventRecord[];
  output: OutputRecord[];
  failures: ActionFailure[];
  diagnostics: Diagnostic[];
  /** Objects of kinds nothing simulates (src/k8s/kinds/stored), by kind; absent when there are none. */
  stored?: StoredNote[];
  /** Set when the run stopped before its end (a budget: src/scenario/budget.ts); the rest is the partial run. */
  stopped?: { time: number; message: string };
  /** The full record of the run (absent when nothing ran); not part of the JSON. */
  trace?: Trace;
}

/** The objects of one stored-only kind at the end of the run, by qualified name (`sa`, `prod/sa`). */
export interface StoredNote {
  kind: string;
  names: string[];
}

/**
 * The result's record of each event of a run. An object's records share its one `object`
 * text (a pod has half a dozen events, and a run of ten thousand pods ninety thousand: one
 * text per event was megabytes alive at the run's end, its peak of memory).
 */
export function eventRecords(events: readonly KubeEvent[]): EventRecord[] {
  const records = new EventRecords();
  return events.map((e) => records.of(e));
}

/** Makes events' records, each object's `object` text made once. */
class EventRecords {
  private readonly objects = new Map<string, ObjectsOfKind>();
  /** The kind last looked up and its entry: a run's events come in runs of one kind (a pod's five, a ReplicaSet's creates). */
  private lastKind: string | undefined;
  private last: ObjectsOfKind | undefined;

  of(e: KubeEvent): EventRecord {
    const { kind, name, namespace } = e.involvedObject;
    const ofKind = this.ofKind(kind);
    let object = ofKind.byName.get(name);
    if (object === undefined) ofKind.byName.set(name, (object = ofKind.prefix + name));
    const record: EventRecord = new Record(e.time, e.type, e.reason, object, e.message);
    if (namespace) record.namespace = namespace;
    return record;
  }

  /** Whether `e`'s record's `object` starts "pod/": its kind's prefix does (the name follows the prefix's "/"). */
  ofPod(e: KubeEvent): boolean {
    return this.ofKind(e.involvedObject.kind).pod;
  }

  private ofKind(kind: string): ObjectsOfKind {
    if (kind === this.lastKind) return this.last!;
    let ofKind = this.objects.get(kind);
    // One "pod/" for every pod's text: each object's text is that and its name (the name's own
    // string, kept anyway), not a prefix of its own.
    if (ofKind === undefined) {
      const prefix = `${kind.toLowerCase()}/`;
      this.objects.set(kind, (ofKind = { prefix, pod: prefix.startsWith("pod/"), byName: new Map() }));
    }
    this.lastKind = kind;
    this.last = ofKind;
    return ofKind;
  }
}

interface ObjectsOfKind {
  prefix: string;
  /** Whether the prefix starts "pod/" (so every object text made with it does). */
  pod: boolean;
  byName: Map<string, string>;
}

/** Results whose `events` are not made yet, with the trace's events they are made from. */
const pendingEvents = new WeakMap<ScenarioResult, readonly KubeEvent[]>();

/**
 * `result` with `events` made from the trace's `events` when first read (and kept then, a
 * plain property as before). The run's events are the trace's; a result that is only
 * reported (`replicast run`: the report reads them through `eventsOf`) never holds a second
 * copy — the ×10 day's 88,675 records were 6 MB made at its end, the moment of its peak of
 * memory. Whoever reads `events` (JSON, a spread, a test's worker, the API's user) gets the
 * records, the same as ever; the property keeps its place among the result's keys.
 */
export function withEventsFrom<R extends ScenarioResult>(result: R, events: readonly KubeEvent[]): R {
  const settle = (records: EventRecord[]): void =>
    void Object.defineProperty(result, "events", {
      value: records,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  pendingEvents.set(result, events);
  Object.defineProperty(result, "events", {
    enumerable: true,
    configurable: true,
    get: (): EventRecord[] => {
      const records = eventRecords(events);
      pendingEvents.delete(result);
      settle(records);
      return records;
    },
    set: (records: EventRecord[]): void => {
      pendingEvents.delete(result);
      settle(records);
    },
  });
  return result;
}

/**
 * A result's events one at a time, as the report reads them: a record, or the few fields the
 * report looks at before it prints an event, read without making the record.
 */
export interface EventsAt {
  readonly length: number;
  at(i: number): EventRecord | undefined;
  time(i: number): number;
  reason(i: number): string;
  /** Whether the event's type is "Warning". */
  warning(i: number): boolean;
  /** Whether the event's `object` starts "pod/". */
  ofPod(i: number): boolean;
}

/**
 * The result's events for a reader that goes through them in order: its records when they are
 * made, else each record made as it is read from the trace's events and dropped after (young
 * garbage), so that reading them does not make the second copy withEventsFrom saves.
 */
export function eventsOf(r: ScenarioResult): EventsAt {
  const events = pendingEvents.get(r);
  if (events === undefined) {
    const made = r.events;
    return {
      length: made.length,
      at: (i) => made[i],
      time: (i) => made[i].time,
      reason: (i) => made[i].reason,
      warning: (i) => made[i].type === "Warning",
      ofPod: (i) => made[i].object.startsWith("pod/"),
    };
  }
  const records = new EventRecords();
  return {
    length: events.length,
    at: (i) => (i < events.length ? records.of(events[i]) : undefined),
    time: (i) => events[i].time,
    reason: (i) => events[i].reason,
    warning: (i) => events[i].type === "Warning",
    ofPod: (i) => records.ofPod(events[i]),
  };
}

/**
 * An event record: its own class, so its own hidden class in V8. As an object literal it
 * shared its shape with every other five-key literal that starts with `time` (the output
 * records), whose times arrive as heap numbers: `time` became a double field, one 16-byte box
 * per record (1.4 MB for the ×10 day's 88,675 events, all at whole seconds). The same keys in
 * the same order (`namespace` last, when set), so JSON and equality read it as before.
 */
class Record implements EventRecord {
  declare namespace?: string;
  constructor(
    readonly time: number,
    readonly type: EventRecord["type"],
    readonly reason: string,
    readonly object: string,
    readonly message: string,
  ) {}
}

/** A result for input that could not be used: nothing ran. */
export function unusableResult(file: string, diagnostics: Diagnostic[], title?: string): ScenarioResult {
  return {
    file,
    title,
    passed: false,
    status: "error",
    duration: 0,
    expectations: [],
    events: [],
    output: [],
    failures: [],
    diagnostics,
  };
}

/**
 * The JSON form: everything but the trace, with diagnostics as plain data; with `series`,
 * the run's time series as plain arrays (timeSeries.ts), as `replicast run --json` prints it.
 */
export function resultToJson(r: ScenarioResult): Omit<ScenarioResult, "trace">;
export function resultToJson(
  r: ScenarioResult,
  opts: { series: true },
): Omit<ScenarioResult, "trace"> & { series?: TimeSeries };
export function resultToJson(
  r: ScenarioResult,
  opts: { series?: boolean } = {},
): Omit<ScenarioResult, "trace"> & { series?: TimeSeries } {
  const { trace, ...rest } = r;
  return opts.series && trace ? { ...rest, series: timeSeries(trace) } : rest;
}

/**
 * resultToJson(r, opts)'s text as JSON.stringify writes it with two spaces, handed to `write`
 * in pieces (json.ts), without a newline at its end. Events not made yet (withEventsFrom) are
 * made one at a time from the trace's as they are written and dropped after: the result does
 * not keep them, and nothing holds all their records, or the whole text, at once.
 */
export function writeResultJson(
  r: ScenarioResult,
  write: (piece: string) => void,
  opts: { series?: boolean } = {},
): void {
  const pending = pendingEvents.has(r);
  // resultToJson's object, its keys in its order (a spread of all but the trace, then the
  // series); with no prototype, a key such as `__proto__` is a key as the spread makes it.
  const json = Object.create(null) as { [key: string]: unknown };
  for (const key of Object.keys(r)) {
    if (key === "trace") continue;
    if (key !== "events" || !pending) json[key] = r[key as keyof ScenarioResult];
    else {
      const events = eventsOf(r);
      json[key] = new JsonItems(events.length, (i) => events.at(i));
    }
  }
  if (opts.series && r.trace) json.series = timeSeries(r.trace);
  writeJson(json, write, 2);
}
