/**
 * The legacy stabilization's steps, kept per chain of recommendation lists, so that a step that
 * is the one taken one list-length of steps before takes that step's answer without walking
 * the list (normalize.ts stabilizeRecommendation).
 *
 * horizontal.go's stabilizeRecommendation replaces the last stale entry with the proposal at
 * every sync. A steady HPA (one proposal, one sync period) thus turns its list round: with the
 * 300 s window and a 15 s period the list holds 21 entries, and after 21 syncs every entry is
 * rewritten at its place with the same value and the same age as 21 syncs before. Its answer
 * (the max, the window with its ages, the place replaced) is a function of the entries'
 * values and ages (now − timestamp), the window's length and the proposal; so once the list is
 * known to be what it was n steps before, relative to the clock, the answer is that step's.
 *
 * Known by induction over the steps, each checked in O(1) as it is taken. A step `k` is
 * *alike* (with the one n = list length steps before it) when it has that step's window
 * length, proposal and time since its own previous step (d), replaces the same place, and no
 * step in between replaced that place. If the n steps before step k are alike:
 *
 * - their places are distinct (two of them at one place would be fewer than n steps apart,
 *   the later of them not alike), so they are every place of the list: each entry of step k's
 *   list was written by one of them, and each entry of step k − n's list by the step n before
 *   that writer, at the same place (each of those steps replaced what the one n after it does);
 * - the two writers gave the same value, and each entry's age — the sum of the steps' d from
 *   its writer to the step — is the same sum term by term when step k's own d is step k − n's.
 *
 * That holds in floating point when the clock and the window length are whole seconds (safe
 * integers): ages and the cutoff are then exact, and an entry is stale at either step exactly
 * when its age exceeds the window length. A step in fractions of a second ends the chain.
 */
import type { TimestampedRecommendation } from "./normalize.ts";

export type WindowEntries = { recommendation: number; age: number }[];

/**
 * The steps of one chain of lists, carried by the controller beside the list (HPAState): the
 * last list a step gave (`list`) is the next step's input when the chain goes on; any other
 * list (a sync that started from an older one) starts afresh. Typed arrays and one ring of
 * windows: a step leaves no object of its own.
 */
export class StabilizationCycle {
  /** Steps taken (the next step's number). */
  private count = 0;
  /** Consecutive alike steps ending at the last one. */
  private streak = 0;
  /** The last list given; every list of the chain has `n` entries (a push ends the chain). */
  list: readonly TimestampedRecommendation[] | undefined;
  private lastNow = 0;
  /** Per step, by number modulo the ring's size (n + 1: steps k − n to k). */
  private readonly d: Float64Array;
  private readonly windowSeconds: Float64Array;
  private readonly desired: Float64Array;
  private readonly max: Float64Array;
  private readonly replaced: Int32Array;
  private readonly windows: (WindowEntries | undefined)[];
  /** The number of the step that last replaced each place (−1: none in this chain). */
  private readonly lastWrite: Float64Array;

  constructor(readonly n: number) {
    this.d = new Float64Array(n + 1);
    this.windowSeconds = new Float64Array(n + 1);
    this.desired = new Float64Array(n + 1);
    this.max = new Float64Array(n + 1);
    this.replaced = new Int32Array(n + 1);
    this.windows = new Array<WindowEntries | undefined>(n + 1).fill(undefined);
    this.lastWrite = new Float64Array(n).fill(-1);
  }

  /**
   * The ring slot of the step n before, whose answer (maxAt, windowAt, replacedAt) the step at
   * `now` with this window and proposal repeats (the module's comment); else −1. Only with
   * `list` as the step's input.
   */
  repeated(now: number, windowSeconds: number, desired: number): number {
    const n = this.n;
    const k = this.count;
    if (this.streak < n) return -1;
    const back = (k - n) % (n + 1);
    return this.windowSeconds[back] === windowSeconds &&
      this.desired[back] === desired &&
      this.d[back] === now - this.lastNow
      ? back
      : -1;
  }

  maxAt(slot: number): number {
    return this.max[slot];
  }

  windowAt(slot: number): WindowEntries {
    return this.windows[slot]!;
  }

  replacedAt(slot: number): number {
    return this.replaced[slot];
  }

  /** Records the step at `now` that gave this answer and `list` (of this chain's length). */
  took(
    now: number,
    windowSeconds: number,
    desired: number,
    max: number,
    window: WindowEntries,
    replaced: number,
    list: readonly TimestampedRecommendation[],
  ): void {
    const n = this.n;
    const k = this.count;
    const at = k % (n + 1);
    const d = k === 0 ? NaN : now - this.lastNow;
    const back = (k - n) % (n + 1);
    const alike =
      k >= n &&
      this.replaced[back] === replaced &&
      this.windowSeconds[back] === windowSeconds &&
      this.desired[back] === desired &&
      this.d[back] === d &&
      this.lastWrite[replaced] === k - n;
    this.streak = alike ? this.streak + 1 : 0;
    this.d[at] = d;
    this.windowSeconds[at] = windowSeconds;
    this.desired[at] = desired;
    this.max[at] = max;
    this.replaced[at] = replaced;
    this.windows[at] = window;
    this.lastWrite[replaced] = k;
    this.lastNow = now;
    this.count = k + 1;
    this.list = list;
  }
}

/** Whether a step's clock and window length keep ages exact (the module's comment). */
export const wholeSeconds = (now: number, windowSeconds: number): boolean =>
  Number.isSafeInteger(now) && Number.isSafeInteger(windowSeconds);
