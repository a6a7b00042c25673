/**
 * The scheduling queue's activeQ order (pkg/scheduler/framework/plugins/queuesort/
 * priority_sort.go, PrioritySort.Less): of the pods waiting to be tried, the one of highest
 * priority (corev1helpers.PodPriority: spec.priority, 0 without) goes first, then the one that
 * entered the queue first.
 *
 * Each pod due for an attempt at an instant gets an entry here; the simulation's timers for
 * that instant fire in the order they were set, and each pops the first entry by this order,
 * so at one instant a pod of higher priority is tried before pods of lower priority due then
 * too, whatever the order their timers were set in. Among pods of equal priority the entry
 * set first (the one that entered the active queue first) goes first, which is the order the
 * timers fire in. Example: low-1 and low-2 (priority 0) and high (1000) all due at 95 s, their
 * timers set in that order: high is tried first, then low-1, then low-2.
 */
import type { Time } from "../../k8s/types.ts";

export interface ActiveEntry {
  /** The pod's qualified name. */
  name: string;
  priority: number;
  /** When it was set (the order pods entered the active queue). */
  seq: number;
}

/** PrioritySort.Less: higher priority first, then the earlier entry. */
export const activeBefore = (a: ActiveEntry, b: ActiveEntry): boolean =>
  a.priority !== b.priority ? a.priority > b.priority : a.seq < b.seq;

/** A binary heap of the entries due at one instant, in activeQ order. */
export class ActiveQueue {
  private readonly heap: ActiveEntry[] = [];

  get size(): number {
    return this.heap.length;
  }

  push(entry: ActiveEntry): void {
    const h = this.heap;
    h.push(entry);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!activeBefore(h[i], h[parent])) break;
      [h[i], h[parent]] = [h[parent], h[i]];
      i = parent;
    }
  }

  /** Drop the dead entries at the top (a pod bound, deleted or moved since). */
  dropDead(live: (e: ActiveEntry) => boolean): void {
    while (this.heap.length > 0 && !live(this.heap[0])) this.take();
  }

  /** The first entry for which `live` holds; the dead ones before it are dropped. */
  pop(live: (e: ActiveEntry) => boolean): ActiveEntry | undefined {
    while (this.heap.length > 0) {
      const top = this.take();
      if (live(top)) return top;
    }
    return undefined;
  }

  private take(): ActiveEntry {
    const h = this.heap;
    const top = h[0];
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let best = i;
        if (l < h.length && activeBefore(h[l], h[best])) best = l;
        if (r < h.length && activeBefore(h[r], h[best])) best = r;
        if (best === i) break;
        [h[i], h[best]] = [h[best], h[i]];
        i = best;
      }
    }
    return top;
  }
}

/** The active queue of every instant with attempts due, and the turns owed between their timers. */
export class ActiveQueues {
  private readonly byTime = new Map<Time, ActiveQueue>();
  /**
   * Timers at an instant whose own pod was tried early, by a timer that found a pod of higher
   * priority due: each such pod's timer has lost its pod, so the next timer of the instant with
   * no pod of its own takes the turn instead.
   */
  private readonly owed = new Map<Time, number>();
  private seq = 0;

  add(t: Time, name: string, priority: number): void {
    let q = this.byTime.get(t);
    if (!q) this.byTime.set(t, (q = new ActiveQueue()));
    q.push({ name, priority, seq: this.seq++ });
  }

  /**
   * A timer of instant t fires for `own` (a pod's name when the timer is still that pod's, else
   * undefined): the pod to try now, if any, by activeQ order among the `live` entries.
   */
  next(t: Time, own: string | undefined, live: (name: string) => boolean): string | undefined {
    const owed = this.owed.get(t) ?? 0;
    const q = this.byTime.get(t);
    if (own === undefined && owed === 0) {
      // A stale timer tries nothing, but clears what is dead so that no instant's queue lingers.
      q?.dropDead((e) => live(e.name));
      if (q && q.size === 0) this.byTime.delete(t);
      return undefined;
    }
    const entry = q?.pop((e) => live(e.name));
    if (q && q.size === 0) this.byTime.delete(t);
    if (!entry) {
      this.owed.delete(t);
      return undefined;
    }
    if (own === undefined) this.setOwed(t, owed - 1);
    else if (entry.name !== own) this.setOwed(t, owed + 1);
    return entry.name;
  }

  private setOwed(t: Time, n: number): void {
    if (n > 0) this.owed.set(t, n);
    else this.owed.delete(t);
  }
}
