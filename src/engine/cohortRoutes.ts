/**
 * The informer routes of a cohort's changes, taken together (store.ts `openCohort`): a kubelet
 * step of one ReplicaSet's N pods at one instant wakes that ReplicaSet, and routed change by
 * change it asked every pod route N times for the one key the work queue then kept once.
 *
 * Why the order of the work queue is kept: routed one by one, the cohort's changes enqueue, for
 * each change in write order, each handler's keys in registration order. Nothing syncs before the
 * cohort's end (the work queue drains after the queue's step), so an enqueue of a key already
 * queued changes nothing, and what the cohort leaves in the queue is the first wake-up of each
 * key in that order. The wake-ups gathered here carry the index of their change and of their
 * handler and are replayed sorted by both, so each key comes first where it came first before.
 * Timed wake-ups are each a requeue event of their own; nothing else is scheduled at the requeue
 * priority during a cohort, and the queue runs events of one time and priority in the order they
 * were scheduled, so replayed in order they run in the same order.
 */
import type { CohortWakes, WakeUp } from "./controller.ts";

/** A cohort's wake-ups, by change and handler, until they are replayed. */
export class CohortWakeUps implements CohortWakes {
  private readonly at: number[] = [];
  private readonly by: number[] = [];
  private readonly wakes: WakeUp[] = [];
  /** The handler (its index among the kind's) whose answers `push` takes. */
  handler = 0;

  push(at: number, wake: WakeUp): void {
    this.at.push(at);
    this.by.push(this.handler);
    this.wakes.push(wake);
  }

  /** Each wake-up by change, then handler, then as its handler gave them; then none is left. */
  drain(apply: (handler: number, wake: WakeUp) => void): void {
    const { at, by, wakes } = this;
    const n = wakes.length;
    if (n === 0) return;
    let sorted = true;
    for (let i = 1; i < n && sorted; i++)
      sorted = at[i - 1] < at[i] || (at[i - 1] === at[i] && by[i - 1] <= by[i]);
    if (sorted) for (let i = 0; i < n; i++) apply(by[i], wakes[i]);
    else {
      const order: number[] = [];
      for (let i = 0; i < n; i++) order.push(i);
      // The index last: the sort is stable, and this says so.
      order.sort((a, b) => at[a] - at[b] || by[a] - by[b] || a - b);
      for (const i of order) apply(by[i], wakes[i]);
    }
    at.length = 0;
    by.length = 0;
    wakes.length = 0;
  }
}
