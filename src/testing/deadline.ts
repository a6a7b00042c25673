/**
 * A scenario's wall-clock budget as the run asks for it (src/scenario/budget.ts): the clock
 * is passed in, so the same function serves the in-process runner and the worker threads.
 */
import { formatDuration } from "../dsl/units.ts";
import type { Deadline } from "../scenario/budget.ts";

/** The deadline of a scenario started now: a reason once `ms` of wall clock have passed. */
export function wallClockDeadline(clock: () => number, ms: number): Deadline {
  const started = clock();
  return () =>
    clock() - started > ms
      ? `it ran longer than --timeout ${formatDuration(ms / 1000)} (wall clock)`
      : undefined;
}
