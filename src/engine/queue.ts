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

export class EventQueue {
  private readonly heap = new BinaryHeap<QueueEntry>(runsBefore);
  private seq = 0;
  private clock: Time;
  private readonly cancelled = new Set<number>();
  /** Sequence numbers still in the heap, so that `cancel` is O(1). */
  private readonly pending = new Set<number>();

  constructor(start: Time = 0) {
    this.clock = start;
  }

  /** The current simulated time; only `step` and `runUntil` move it, and never backwards. */
  get now(): Time {
    return this.clock;
  }

  get size(): number {
    return this.heap.size - this.cancelled.size;
  }

  /** Schedule `run` at absolute time `time` (≥ now). */
  schedule(time: Time, priority: number, run: () => void, label = ""): Scheduled {
    if (!Number.isFinite(time)) throw new RangeError(`cannot schedule "${label}" at ${time}`);
    if (time < this.clock) {
      throw new RangeError(
        `cannot schedule "${label}" at t=${time}s: the clock is already at t=${this.clock}s`,
      );
    }
    const entry: QueueEntry = { time, priority, seq: this.seq++, run, label };
    this.heap.push(entry);
    this.pending.add(entry.seq);
    return { seq: entry.seq, time };
  }

  /** Drop a scheduled event; a no-op when it already ran. */
  cancel(handle: Scheduled): void {
    if (this.pending.has(handle.seq)) this.cancelled.add(handle.seq);
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
    const entry = this.pop();
    if (!entry) return false;
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
    while (this.heap.size > 0 && this.cancelled.has(this.heap.peek()!.seq)) {
      this.cancelled.delete(this.heap.peek()!.seq);
      this.pop();
    }
  }

  private pop(): QueueEntry | undefined {
    const top = this.heap.pop();
    if (top) this.pending.delete(top.seq);
    return top;
  }
}

/** `(time, priority, seq)`: earlier, then the lower priority number, then scheduled first. */
function runsBefore(a: QueueEntry, b: QueueEntry): boolean {
  if (a.time !== b.time) return a.time < b.time;
  if (a.priority !== b.priority) return a.priority < b.priority;
  return a.seq < b.seq;
}
