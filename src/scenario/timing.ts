/**
 * Timings over step functions, evaluated exactly: a step function only changes at its
 * points, so checking the state at the window's start and at every change inside the window
 * checks every instant — no sampling, nothing missed between samples.
 */
import type { Timing } from "../dsl/ast.ts";
import type { Point } from "../engine/trace.ts";
import { formatTime } from "../text/format.ts";

export interface Window {
  from: number;
  to: number;
  /** true: the predicate must hold at every instant; false: at some instant. */
  every: boolean;
  /** `never`: the predicate must be false at every instant. */
  negate: boolean;
}

/**
 * The window a timing covers, for an expectation written at time `t` in a run ending at `end`.
 * Examples (t = 60): within 30s → some instant of [60, 90]; for 1m → every instant of
 * [60, 120]; at 2m → [120, 120]; always → every instant of [60, end]; never → no instant of
 * [60, end]; from 1m to 3m → every instant of [60, 180].
 */
export function timingWindow(timing: Timing, t: number, end: number): Window {
  switch (timing.kind) {
    case "within":
      return { from: t, to: t + timing.d, every: false, negate: false };
    case "at":
      return { from: timing.t, to: timing.t, every: true, negate: false };
    case "for":
      return { from: t, to: t + timing.d, every: true, negate: false };
    case "always":
      return { from: t, to: Math.max(t, end), every: true, negate: false };
    case "never":
      return { from: t, to: Math.max(t, end), every: true, negate: true };
    case "fromTo":
      return { from: timing.from, to: timing.to, every: true, negate: false };
  }
}

/** How a timing reads in a report: "within 30s of 1m", "for 1m from 1m", "at 2m". */
export function timingText(timing: Timing, t: number): string {
  switch (timing.kind) {
    case "within":
      return timing.d === 0 ? `at ${formatTime(t)}` : `within ${formatTime(timing.d)} of ${formatTime(t)}`;
    case "at":
      return `at ${formatTime(timing.t)}`;
    case "for":
      return `for ${formatTime(timing.d)} from ${formatTime(t)}`;
    case "always":
      return `always from ${formatTime(t)}`;
    case "never":
      return `never from ${formatTime(t)}`;
    case "fromTo":
      return `from ${formatTime(timing.from)} to ${formatTime(timing.to)}`;
  }
}

/** One stretch of constant value: `value` from `t` (possibly before the window) on. */
export interface Stretch<V> {
  t: number;
  value: V | undefined;
}

/**
 * The states a step function takes in [from, to]: the state at `from` (stamped with the
 * time it began, which may be earlier, or `from` when nothing was recorded yet), then each
 * change in (from, to]. `points` holds one point per instant.
 * Example: points (0,1) (75,3) (200,1), window [60, 90] → [(0,1), (75,3)].
 */
export function stretchesIn<V>(points: readonly Point<V>[], from: number, to: number): Stretch<V>[] {
  let i = 0;
  while (i < points.length && points[i].t <= from) i++;
  const out: Stretch<V>[] = [
    i === 0 ? { t: from, value: undefined } : { t: points[i - 1].t, value: points[i - 1].value },
  ];
  for (; i < points.length && points[i].t <= to; i++) out.push({ t: points[i].t, value: points[i].value });
  return out;
}

export interface WindowOutcome<V> {
  passed: boolean;
  stretches: Stretch<V>[];
  /** For a passing `within`: the first instant the predicate held. For a failing universal timing: the first instant it did not. */
  witness?: number;
}

/** Evaluate `test` over the window exactly (see the file comment). */
export function evaluateWindow<V>(
  points: readonly Point<V>[],
  w: Window,
  test: (v: V | undefined) => boolean,
): WindowOutcome<V> {
  const stretches = stretchesIn(points, w.from, w.to);
  const at = (s: Stretch<V>): number => Math.max(s.t, w.from);
  if (w.every) {
    for (const s of stretches) {
      const ok = w.negate ? !test(s.value) : test(s.value);
      if (!ok) return { passed: false, stretches, witness: at(s) };
    }
    return { passed: true, stretches };
  }
  for (const s of stretches) if (test(s.value)) return { passed: true, stretches, witness: at(s) };
  return { passed: false, stretches };
}
