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

export class EventQueue {
  private readonly heap = new BinaryHeap<Entry>(runsBefore);
  private seq = 0;
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

  get size(): number {
    return this.heap.size - this.cancelledCount;
  }

  /** Schedule `run` at absolute time `time` (≥ now). */
  schedule(time: Time, priority: number, run: () => void, label = ""): Scheduled {
    if (!Number.isFinite(time)) throw new RangeError(`cannot schedule "${label}" at ${time}`);
    if (time < this.clock) {
      throw new RangeError(
        `cannot schedule "${label}" at t=${time}s: the clock is already at t=${this.clock}s`,
      );
    }
    const entry = new Entry(time, priority, this.seq++, run, label);
    this.heap.push(entry);
    return entry;
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
    entry.run();
    return true;
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
