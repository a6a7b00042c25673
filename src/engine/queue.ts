/**
 * The discrete-event core: one owner of the simulated clock and a binary heap of timed
 * events, after SimPy's `Environment` (src/simpy/core.py).
 *
 * Entries are ordered by `(time, priority, seq)`. `seq` increments with every `schedule`,
 * so two events due at the same time with the same priority run first in, first out and a
 * run is deterministic. A lower priority number runs first at an instant: scenario actions
 * (priority 0) run before the kubelet, which runs before timed requeues, scrapes and HPA
 * syncs.
 *
 * Example: schedule(5, 1, a); schedule(5, 0, b); schedule(2, 9, c); schedule(5, 1, d)
 * runs c (t=2), then b (t=5, priority 0), then a and d (t=5, priority 1, in the order
 * scheduled).
 *
 * The cost of a run grows with the number of events, never with simulated time: `runUntil`
 * jumps the clock straight from one event to the next.
 *
 * A step scheduled for many objects at one instant (the kubelet's start of each pod a
 * ReplicaSet created in one sync) takes one entry, not one each (`scheduleStep`): a step joins
 * the entry made just before it when that entry is a batch of the same step at the same time
 * and priority. Nothing was scheduled between the two, so no other entry could have run
 * between them either; and a batch hands the rest of its members back to the heap when
 * something one of them scheduled must run first (a lower priority number at that instant),
 * so the members run exactly where their own entries would have.
 */
import type { Time } from "../k8s/types.ts";
import { BinaryHeap } from "./binaryHeap.ts";

export interface QueueEntry {
  readonly time: Time;
  readonly priority: number;
  readonly seq: number;
  readonly run: () => void;
  /** Shown in errors and debugging; never used for ordering. */
  readonly label: string;
}

/** A handle to a scheduled event, to cancel it. */
export interface Scheduled {
  readonly seq: number;
  readonly time: Time;
}

/** Where an entry is: in the heap, in the heap but cancelled, or out of it (run or dropped). */
const PENDING = 0;
const CANCELLED = 1;
const OUT = 2;

/**
 * An entry is its own cancel handle and carries its state, so that scheduling and running an
 * event touch no side set of sequence numbers (the simulation never cancels; it paid a Set
 * add and delete per event for the API's `cancel`).
 */
class Entry implements QueueEntry, Scheduled {
  state: typeof PENDING | typeof CANCELLED | typeof OUT = PENDING;

  constructor(
    readonly time: Time,
    readonly priority: number,
    readonly seq: number,
    readonly run: () => void,
    readonly label: string,
  ) {}
}

/**
 * One step run for each of its members, two arguments each, in the order they joined; `next`
 * is the first member not run yet (a batch handed back to the heap keeps its place).
 */
class StepBatch extends Entry {
  next = 0;

  constructor(
    time: Time,
    priority: number,
    seq: number,
    label: string,
    readonly step: (a: never, b: never) => void,
    readonly args: unknown[],
  ) {
    super(time, priority, seq, NOTHING, label);
  }
}

const NOTHING = (): void => undefined;

/** What runs around a batch of steps: `begin` before its first member, `end` once it stops (done or handed back). */
export interface BatchHooks {
  begin(): void;
  end(): void;
}

export class EventQueue {
  /**
   * Around each batch of steps (the simulation opens a store cohort, so that the trace takes
   * the batch's writes together). `end` runs before anything else does: at the batch's end, or
   * when it hands its rest back to the heap.
   */
  batchHooks: BatchHooks | undefined;
  private readonly heap = new BinaryHeap<Entry>(runsBefore);
  private seq = 0;
  /** The entry made last: the only one a step may join (see the top of this file). */
  private last: Entry | undefined;
  private clock: Time;
  /** Cancelled entries still in the heap (`size` leaves them out). */
  private cancelledCount = 0;

  constructor(start: Time = 0) {
    this.clock = start;
  }

  /** The current simulated time; only `step` and `runUntil` move it, and never backwards. */
  get now(): Time {
    return this.clock;
  }

  /** Entries waiting, a batch of steps counting once. */
  get size(): number {
    return this.heap.size - this.cancelledCount;
  }

  /** Schedule `run` at absolute time `time` (≥ now). */
  schedule(time: Time, priority: number, run: () => void, label = ""): Scheduled {
    this.checkTime(time, label);
    const entry = new Entry(time, priority, this.seq++, run, label);
    this.heap.push(entry);
    this.last = entry;
    return entry;
  }

  /**
   * Schedule `step(a, b)` at `time`, in the batch made just before when that is one of the same
   * step (the same function) at the same time and priority, else in a new batch labelled
   * `label` and `a` (when a string: the kubelet's pod). It runs when and where `schedule(time, priority, () => step(a, b))` would
   * have; it cannot be cancelled.
   */
  scheduleStep<A, B>(
    time: Time,
    priority: number,
    step: (a: A, b: B) => void,
    a: A,
    b: B,
    label: string,
  ): void {
    const last = this.last;
    if (
      last instanceof StepBatch &&
      last.state === PENDING &&
      last.step === step &&
      last.time === time &&
      last.priority === priority
    ) {
      last.args.push(a, b);
      return;
    }
    this.checkTime(time, label);
    const name = typeof a === "string" ? `${label} ${a}` : label;
    const batch = new StepBatch(time, priority, this.seq++, name, step, [a, b]);
    this.heap.push(batch);
    this.last = batch;
  }

  private checkTime(time: Time, label: string): void {
    if (!Number.isFinite(time)) throw new RangeError(`cannot schedule "${label}" at ${time}`);
    if (time < this.clock) {
      throw new RangeError(
        `cannot schedule "${label}" at t=${time}s: the clock is already at t=${this.clock}s`,
      );
    }
  }

  /** Drop a scheduled event; a no-op when it already ran (or was not this queue's). */
  cancel(handle: Scheduled): void {
    if (handle instanceof Entry && handle.state === PENDING) {
      handle.state = CANCELLED;
      this.cancelledCount++;
    }
  }

  /** Time of the next event, or Infinity when nothing is scheduled. */
  peek(): Time {
    this.dropCancelled();
    return this.heap.peek()?.time ?? Infinity;
  }

  /** Priority of the next event, or Infinity when nothing is scheduled. */
  peekPriority(): number {
    this.dropCancelled();
    return this.heap.peek()?.priority ?? Infinity;
  }

  /** Run the next event (moving the clock to its time); false when the queue is empty. */
  step(): boolean {
    this.dropCancelled();
    const entry = this.heap.pop();
    if (!entry) return false;
    entry.state = OUT;
    this.clock = entry.time;
    if (entry instanceof StepBatch) this.runBatch(entry);
    else entry.run();
    return true;
  }

  /**
   * A batch's members in turn. After each, an entry that must run before the next member (one
   * it scheduled at this instant with a lower priority number; any other new entry comes after
   * the whole batch, its seq being higher) takes its turn: the rest goes back into the heap
   * under the batch's seq, where each member's own entry would have been.
   */
  private runBatch(batch: StepBatch): void {
    const hooks = this.batchHooks;
    if (hooks === undefined) return this.runMembers(batch);
    hooks.begin();
    try {
      this.runMembers(batch);
    } finally {
      hooks.end();
    }
  }

  private runMembers(batch: StepBatch): void {
    const args = batch.args;
    const step = batch.step as (a: unknown, b: unknown) => void;
    while (batch.next < args.length) {
      const i = batch.next;
      batch.next = i + 2;
      step(args[i], args[i + 1]);
      if (batch.next < args.length) {
        this.dropCancelled();
        const top = this.heap.peek();
        if (top !== undefined && runsBefore(top, batch)) {
          batch.state = PENDING;
          this.heap.push(batch);
          return;
        }
      }
    }
  }

  /** Run every event due at or before `t`, then leave the clock at `t`. */
  runUntil(t: Time): void {
    if (t < this.clock)
      throw new RangeError(`cannot run until t=${t}s: the clock is already at t=${this.clock}s`);
    while (this.peek() <= t) this.step();
    this.clock = t;
  }

  private dropCancelled(): void {
    let top = this.heap.peek();
    while (top !== undefined && top.state === CANCELLED) {
      top.state = OUT;
      this.cancelledCount--;
      this.heap.pop();
      top = this.heap.peek();
    }
  }
}

/** `(time, priority, seq)`: earlier, then the lower priority number, then scheduled first. */
function runsBefore(a: Entry, b: Entry): boolean {
  if (a.time !== b.time) return a.time < b.time;
  if (a.priority !== b.priority) return a.priority < b.priority;
  return a.seq < b.seq;
}
