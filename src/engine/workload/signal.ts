/**
 * A signal read from data: a piecewise-constant function of time, as a traffic file or a
 * `steps … every D` list describes one. `v[i]` holds from `t[i]` until `t[i + 1]`; the last
 * value holds on. Times are seconds after the load statement, strictly increasing; before
 * `t[0]` the signal is 0 (no traffic yet).
 *
 * The engine never walks a signal second by second: it asks for the value at an instant and
 * for the next change after it, so a week of per-minute samples costs one wake-up per
 * sample change, and repeated values cost nothing.
 *
 * Example: t = [0, 60, 120], v = [100, 250, 250] from a statement at 30 s → 100 from 30 s,
 * 250 from 90 s; the next change after 100 s is none (150 s repeats 250).
 */

export interface Signal {
  /** Seconds after the statement, strictly increasing. */
  t: number[];
  v: number[];
}

/** A constant: one sample at the statement's time. */
export const constantSignal = (value: number): Signal => ({ t: [0], v: [value] });

/** Index of the last sample at or before offset `x` (−1 before the first). */
function indexAt(s: Signal, x: number): number {
  let lo = 0;
  let hi = s.t.length - 1;
  if (hi < 0 || s.t[0] > x) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (s.t[mid] <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The value at absolute time `now` of a signal started at `start`. */
export function signalAt(s: Signal, start: number, now: number): number {
  const i = indexAt(s, now - start);
  return i < 0 ? 0 : s.v[i];
}

/**
 * The next absolute instant after `now` at which the value changes, skipping samples that
 * repeat the value before them; undefined when it never changes again.
 */
export function nextSignalChange(s: Signal, start: number, now: number): number | undefined {
  let i = indexAt(s, now - start);
  let current = i < 0 ? 0 : s.v[i];
  for (i += 1; i < s.t.length; i++) {
    if (s.v[i] !== current) return start + s.t[i];
    current = s.v[i];
  }
  return undefined;
}

/** The offset of the last sample (how long past its start a replay refers to). */
export const signalLength = (s: Signal): number => (s.t.length > 0 ? s.t[s.t.length - 1] : 0);

/** Every value multiplied by `k` (`times 1.5`). */
export const scaleSignal = (s: Signal, k: number): Signal => ({ t: [...s.t], v: s.v.map((x) => x * k) });

/**
 * The sum of signals as step functions: at each instant, the sum of each signal's value then
 * (a signal contributes 0 before its first sample). Example: [0:1, 60:2] + [30:10] →
 * [0:1, 30:11, 60:12].
 */
export function sumSignals(signals: readonly Signal[]): Signal {
  const times = [...new Set(signals.flatMap((s) => s.t))].sort((a, b) => a - b);
  return { t: times, v: times.map((x) => signals.reduce((acc, s) => acc + signalAt(s, 0, x), 0)) };
}

/**
 * `steps A B C every D` as a signal: A from 0, B from D, C from 2D. Example: [100, 200] every
 * 60 → t = [0, 60], v = [100, 200].
 */
export const stepsSignal = (values: readonly number[], every: number): Signal => ({
  t: values.map((_, i) => i * every),
  v: [...values],
});
