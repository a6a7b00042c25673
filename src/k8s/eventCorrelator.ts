/**
 * The Events the API server holds, from the events the controllers emitted: client-go's
 * EventCorrelator (k8s.io/client-go/tools/record/events_cache.go), which every component
 * recording core/v1 Events through record.EventBroadcaster runs before it writes one, then
 * the API server's Event TTL (kube-apiserver --event-ttl, 1h).
 *
 * For each emission, in order:
 * 1. EventAggregator (EventAggregatorByReasonFunc): emissions about one object from one source
 *    with the same type and reason but other messages are "similar". From the 10th distinct
 *    message seen within 600 s of the last similar one (defaultAggregateMaxEvents,
 *    defaultAggregateIntervalInSeconds), the emission becomes one shared Event whose message is
 *    "(combined from similar events): " + the emission's message, and one of the ten messages
 *    kept is dropped at random (PopAny): drawn from the run's seed (eventDraws).
 * 2. eventLogger.eventObserve: an Event already observed under the same key (all fields, or the
 *    aggregate's key) is counted again: count + 1, lastTimestamp now, its first time and name kept.
 * 3. EventSourceObjectSpamFilter: a token bucket per source and object, 25 tokens, refilled at
 *    1/300 per second (defaultSpamBurst, defaultSpamQPS). Without a token the write is skipped —
 *    but step 2 has counted it already, so the next write carries every observation.
 * Each of the three keeps an LRU cache of 4096 entries (maxLruCacheEntries) per broadcaster:
 * kube-controller-manager's controllers each make their own, so one per source here, and each
 * kubelet its own, so one per node (a pod's from the Scheduled event that bound it).
 *
 * The cluster-autoscaler builds its broadcaster with its own options
 * (cluster-autoscaler utils/kubernetes/events.go getCorrelationOptions): one token per
 * source, object and reason, refilled every 300 s, an LRU of 8192, and every message of its
 * status ConfigMap let through. The scheduler records events.k8s.io/v1 Events
 * (client-go tools/events), which have no correlator: identical ones are counted into one.
 *
 * A written Event lives for an hour after its last write (the API server's lease per write,
 * registry/core/event/storage TTLFunc); a later write of it creates it again under the same
 * name (record.go recordEvent: the patch finds nothing, so it creates).
 */
import type { KubeEvent, Time } from "./types.ts";

/** kube-apiserver --event-ttl's default. */
export const EVENT_TTL_SECONDS = 3600;

/** An Event as the API server stores it. */
export interface StoredEvent {
  type: string;
  reason: string;
  message: string;
  source: string;
  involvedObject: KubeEvent["involvedObject"];
  count: number;
  firstTimestamp: Time;
  lastTimestamp: Time;
  /** Its place among the Events created (client-go names an Event `object.<nanoseconds in hex>`: this keeps names of one instant apart). */
  seq: number;
}

/** What one emission did to the stored Events. */
export type EventWrite =
  | { kind: "created" | "updated"; event: StoredEvent }
  /** Skipped by the spam filter: nothing written. */
  | { kind: "skipped" };

interface CorrelatorOptions {
  burst: number;
  /** float32 in client-go (CorrelatorOptions.QPS), read back as a float64 rate. */
  qps: number;
  lruSize: number;
  spamKey: (e: KubeEvent) => string;
}

const SEP = "\u0000";
const objectKey = (e: KubeEvent): string => {
  const o = e.involvedObject;
  return [e.source, o.kind, o.namespace ?? "", o.name, o.uid ?? ""].join(SEP);
};

const DEFAULT_OPTIONS: CorrelatorOptions = {
  burst: 25,
  qps: Math.fround(1 / 300),
  lruSize: 4096,
  // getSpamKey: source and involved object.
  spamKey: objectKey,
};

const CLUSTER_AUTOSCALER_OPTIONS: CorrelatorOptions = {
  burst: 1,
  qps: Math.fround(1 / 300),
  lruSize: 8192,
  // getCustomSpamKeyFunc: the reason too; the status ConfigMap's events by their message.
  spamKey: (e) => {
    const o = e.involvedObject;
    if (o.kind === "ConfigMap" && o.namespace === "kube-system" && o.name === "cluster-autoscaler-status")
      return e.message;
    return e.reason + SEP + objectKey(e);
  },
};

/** defaultAggregateMaxEvents, defaultAggregateIntervalInSeconds. */
const AGGREGATE_MAX_EVENTS = 10;
const AGGREGATE_INTERVAL = 600;
const COMBINED_PREFIX = "(combined from similar events): ";

/** groupcache's lru.Cache: Get and Add make an entry the newest; Add past the size drops the oldest. */
class Lru<V> {
  private readonly entries = new Map<string, V>();
  constructor(private readonly size: number) {}

  get(key: string): V | undefined {
    const v = this.entries.get(key);
    if (v !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, v);
    }
    return v;
  }

  add(key: string, v: V): void {
    this.entries.delete(key);
    this.entries.set(key, v);
    if (this.entries.size > this.size) this.entries.delete(this.entries.keys().next().value!);
  }
}

/** golang.org/x/time/rate's Limiter as flowcontrol's token bucket uses it: full at first, AllowN(now, 1). */
class TokenBucket {
  private tokens: number;
  private last: Time | undefined;
  constructor(
    private readonly qps: number,
    private readonly burst: number,
  ) {
    this.tokens = burst;
  }

  tryAccept(now: Time): boolean {
    const last = this.last === undefined || now < this.last ? now : this.last;
    const tokens = Math.min(this.burst, this.tokens + (now - last) * this.qps) - 1;
    // reserveN: the wait for a missing fraction of a token is a whole number of nanoseconds
    // (durationFromTokens), so less than a nanosecond's worth is no wait; any wait refuses
    // (AllowN reserves nothing in the future), and a refused reservation changes nothing.
    if (tokens < 0 && Math.trunc((-tokens / this.qps) * 1e9) > 0) return false;
    this.tokens = tokens;
    this.last = now;
    return true;
  }
}

interface AggregateRecord {
  /** The distinct messages seen (sets.String), in the order first seen. */
  messages: Set<string>;
  last: Time;
}

/** A stream of uniform draws in [0, 1): the run's seeded one, so a run prints the same Events each time. */
export interface Draws {
  next(): number;
}

/**
 * EventAggregate's `record.localKeys.PopAny()`: Go's map iteration starts at a random element,
 * so the message dropped from a full record is any one of them. Here a draw from the run's
 * seeded stream picks it (a run is reproducible; another seed may drop another message, as
 * another kube-controller-manager would); without a stream, the oldest.
 */
function popAny(messages: Set<string>, draws: Draws | undefined): void {
  let k = draws === undefined ? 0 : Math.floor(draws.next() * messages.size);
  for (const m of messages)
    if (k-- === 0) {
      messages.delete(m);
      return;
    }
}

interface Observation {
  count: number;
  event: StoredEvent;
}

/** One broadcaster's correlator. */
class Correlator {
  private readonly aggregates: Lru<AggregateRecord>;
  private readonly observed: Lru<Observation>;
  private readonly spam: Lru<TokenBucket>;

  constructor(
    private readonly options: CorrelatorOptions,
    private readonly store: EventStore,
    private readonly draws: Draws | undefined,
  ) {
    this.aggregates = new Lru(options.lruSize);
    this.observed = new Lru(options.lruSize);
    this.spam = new Lru(options.lruSize);
  }

  correlate(e: KubeEvent): EventWrite {
    const now = e.time;
    // EventAggregate.
    const eventKey = fullKey(e, e.message);
    const aggregateKey = objectKey(e) + SEP + e.type + SEP + e.reason;
    let record = this.aggregates.get(aggregateKey);
    if (record === undefined || now - record.last > AGGREGATE_INTERVAL)
      record = { messages: new Set(), last: now };
    record.messages.add(e.message);
    record.last = now;
    this.aggregates.add(aggregateKey, record);
    let key = eventKey;
    let message = e.message;
    if (record.messages.size >= AGGREGATE_MAX_EVENTS) {
      popAny(record.messages, this.draws);
      key = aggregateKey;
      message = COMBINED_PREFIX + e.message;
    }
    // eventObserve.
    const last = this.observed.get(key);
    const event: StoredEvent =
      last !== undefined
        ? { ...last.event, message, count: last.count + 1, lastTimestamp: now }
        : {
            type: e.type,
            reason: e.reason,
            message,
            source: e.source,
            involvedObject: e.involvedObject,
            count: 1,
            firstTimestamp: now,
            lastTimestamp: now,
            seq: -1,
          };
    this.observed.add(key, { count: event.count, event });
    // The spam filter, on the observed event.
    const spamKey = this.options.spamKey({ ...e, message });
    let bucket = this.spam.get(spamKey);
    if (bucket === undefined) bucket = new TokenBucket(this.options.qps, this.options.burst);
    const accepted = bucket.tryAccept(now);
    this.spam.add(spamKey, bucket);
    if (!accepted) return { kind: "skipped" };
    const write = this.store.write(event, now);
    // UpdateState: the server's Event is observed under its own full key too.
    const stored = write.event;
    this.observed.add(key, { count: stored.count, event: stored });
    if (key !== eventKey || stored.message !== e.message)
      this.observed.add(fullKey(e, stored.message), { count: stored.count, event: stored });
    return write;
  }
}

const fullKey = (e: KubeEvent, message: string): string =>
  objectKey(e) + SEP + e.type + SEP + e.reason + SEP + message;

/** The scheduler's events.k8s.io Events: identical ones counted into one, nothing aggregated or dropped. */
class IdenticalCounter {
  private readonly observed = new Map<string, StoredEvent>();
  constructor(private readonly store: EventStore) {}

  correlate(e: KubeEvent): EventWrite {
    const key = fullKey(e, e.message);
    const last = this.observed.get(key);
    const event: StoredEvent =
      last !== undefined
        ? { ...last, count: last.count + 1, lastTimestamp: e.time }
        : {
            type: e.type,
            reason: e.reason,
            message: e.message,
            source: e.source,
            involvedObject: e.involvedObject,
            count: 1,
            firstTimestamp: e.time,
            lastTimestamp: e.time,
            seq: -1,
          };
    const write = this.store.write(event, e.time);
    this.observed.set(key, write.event);
    return write;
  }
}

/** The API server's Events: each by its first creation's place, the latest write of each, and when it expires. */
class EventStore {
  /** By seq: the current state of every Event ever created. */
  readonly events: StoredEvent[] = [];
  /** When each Event (by seq) was last written. */
  readonly writtenAt: Time[] = [];

  write(event: StoredEvent, now: Time): { kind: "created" | "updated"; event: StoredEvent } {
    const seq = event.seq;
    if (seq < 0) {
      const created = { ...event, seq: this.events.length };
      this.events.push(created);
      this.writtenAt.push(now);
      return { kind: "created", event: created };
    }
    // Gone with its TTL: recordEvent's patch finds nothing, so it creates the Event again.
    const expired = now >= this.writtenAt[seq] + EVENT_TTL_SECONDS;
    this.events[seq] = event;
    this.writtenAt[seq] = now;
    return { kind: expired ? "created" : "updated", event };
  }
}

/**
 * The Events of one run's emissions, kept as the emissions grow: each emission's write (or
 * skip) in order, and every Event as it stands after the last. Its objects are never changed
 * once made, so `writes[i].event` is the Event as emission i left it.
 */
export class EventHistory {
  readonly writes: EventWrite[] = [];
  private readonly store = new EventStore();
  private readonly bySource = new Map<string, { correlate(e: KubeEvent): EventWrite }>();

  /** `draws`: the run's stream for the correlators' random choices (popAny); all of them share it, in emission order. */
  constructor(private readonly draws?: Draws) {}

  /** Takes the emissions of `emitted` not taken yet (it only ever grows). */
  advance(emitted: readonly KubeEvent[]): this {
    for (let i = this.writes.length; i < emitted.length; i++)
      this.writes.push(this.correlator(emitted[i]).correlate(emitted[i]));
    return this;
  }

  /** The Events that exist at `now` (each written within the TTL before it), in creation order. */
  live(now: Time): StoredEvent[] {
    const { events, writtenAt } = this.store;
    return events.filter((_, i) => now < writtenAt[i] + EVENT_TTL_SECONDS);
  }

  /**
   * The broadcaster an emission went through: one per component, and one per node for the
   * kubelet (each kubelet runs its own EventBroadcaster, so its own correlator and LRUs:
   * pkg/kubelet/kubelet.go makeEventRecorder).
   */
  private correlator(e: KubeEvent): { correlate(e: KubeEvent): EventWrite } {
    if (e.source === "default-scheduler" && e.reason === "Scheduled") this.noteBinding(e);
    const key = e.source === "kubelet" ? this.kubeletOf(e) : e.source;
    let c = this.bySource.get(key);
    if (c === undefined) {
      c =
        e.source === "default-scheduler"
          ? new IdenticalCounter(this.store)
          : new Correlator(
              e.source === "cluster-autoscaler" ? CLUSTER_AUTOSCALER_OPTIONS : DEFAULT_OPTIONS,
              this.store,
              this.draws,
            );
      this.bySource.set(key, c);
    }
    return c;
  }

  /** Each pod's node, by uid (else namespace/name), from the scheduler's Scheduled events. */
  private readonly nodeOfPod = new Map<string, string>();

  /** `Successfully assigned NS/NAME to NODE`, the scheduler's Scheduled event (schedule_one.go bindingCycle). */
  private noteBinding(e: KubeEvent): void {
    const at = e.message.lastIndexOf(" to ");
    if (at >= 0) this.nodeOfPod.set(podKey(e), e.message.slice(at + 4));
  }

  /**
   * The kubelet that emitted: a Node's own, or the one of the node its pod was bound to. A pod
   * placed without the scheduler (no Scheduled event) is counted with the others so placed.
   */
  private kubeletOf(e: KubeEvent): string {
    const o = e.involvedObject;
    const node = o.kind === "Node" ? o.name : this.nodeOfPod.get(podKey(e));
    return node === undefined ? "kubelet" : `kubelet${SEP}${node}`;
  }
}

const podKey = (e: KubeEvent): string => {
  const o = e.involvedObject;
  return o.uid ?? `${o.namespace ?? ""}/${o.name}`;
};

// One history per emission list (a run's recorder appends to its list and never rewrites it):
// kubectl's event views read it at each command without correlating the run from its start.
const histories = new WeakMap<readonly KubeEvent[], { history: EventHistory; draws?: () => Draws }>();
/** Each run's seeded stream for its correlators, by its emission list (eventDraws). */
const drawsOf = new WeakMap<readonly KubeEvent[], () => Draws>();

/**
 * The run whose emissions `emitted` holds draws its correlators' random choices from the
 * streams `make` starts (each call a stream from its beginning: the history may be made
 * again). kubectl registers the run's seeded stream before it reads any Event.
 */
export function eventDraws(emitted: readonly KubeEvent[], make: () => Draws): void {
  if (!drawsOf.has(emitted)) drawsOf.set(emitted, make);
}

/** The Events `emitted` has made so far. */
export function eventHistory(emitted: readonly KubeEvent[]): EventHistory {
  let h = histories.get(emitted);
  const draws = drawsOf.get(emitted);
  if (h === undefined || h.history.writes.length > emitted.length || h.draws !== draws) {
    h = { history: new EventHistory(draws?.()), ...(draws ? { draws } : {}) };
    histories.set(emitted, h);
  }
  return h.history.advance(emitted);
}
