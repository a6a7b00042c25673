/**
 * A young generation that stops growing at 8 MiB a semi-space, for `replicast run` as a
 * program. V8 starts each semi-space at 1 MiB and doubles it whenever a semi-space's worth
 * has survived since the last doubling (heap.cc CheckNewSpaceExpansionCriteria), up to Node
 * 20's 16 MiB: two semi-spaces of 16 MiB, 32 MiB of the ×10 bench day's peak RSS from its
 * second simulated minute on. At 8 MiB the day promotes little more than at 16 (what lives
 * longer than a scavenge or two is the trace and the store, alive either way), and its peak
 * falls by about 25 MB for the same CPU; at 4 MiB it falls by 10 MB more but promotes enough
 * to cost CPU, and at 1 MiB (growth off from the start) 1.5–3 s more (docs/performance.md,
 * "The engine, tenth round: what stays alive" and "twelfth round: the ×10 day's peak").
 *
 * The semi-space's bounds are fixed when Node makes the heap (`--max-semi-space-size` would
 * need a second Node), but V8 reads `--semi-space-growth-factor` at every doubling
 * (new-spaces.cc SemiSpaceNewSpace::Grow): once the young generation has reached the cap the
 * factor is set to 1, so a doubling keeps its size; should V8 shrink it (an idle heap), the
 * factor goes back to 2 so it may grow again. The run calls `youngGenerationStep` between its
 * steps (every simulated minute, runner.ts), where the young generation is looked at: a
 * doubling takes a semi-space's worth of survivors, several scavenges, so a minute's step sees
 * 8 MiB before it becomes 16 (the ×10 day: 4 MiB at its first minute, 8 at its second, 16 at
 * its third without the cap). A run that outpaces that keeps V8's own growth, as before.
 *
 * Once held, it is looked at every HELD_LOOK_EVERY steps rather than every step: with the
 * factor at 1 it cannot grow, and V8 shrinks a young generation only after a full collection
 * that finds allocation slow or memory short (heap.cc Heap::ReduceNewSpaceSize), which the
 * bench runs never do (the day, the week and the ×10 day each set the factor once and keep it).
 * Should it shrink, the factor goes back to 2 at most that many simulated minutes later.
 * Each look is a `getHeapSpaceStatistics` call building a record per space: 1,440 a day, 6.6 ms
 * of the day's profile, where the day now makes about 260 looks, the week about 630 and the
 * ×10 day about 90.
 *
 * Set after the bundle is compiled, as the bin's other flags are (binLoader.ts): V8 takes the
 * code cache only under the flags it was made with. For the program only: a process that
 * calls `main` keeps its own collector's settings.
 */
import { getHeapSpaceStatistics, setFlagsFromString } from "node:v8";

/** Both semi-spaces at 8 MiB: what `new_space` reports committed once the cap is reached. */
const CAPPED_YOUNG_GENERATION = 2 * 8 * 1024 * 1024;

/** While the factor is 1, the steps between two looks (simulated minutes: runner.ts's steps). */
export const HELD_LOOK_EVERY = 16;

let armed = false;
/** Whether the growth factor is 1 now (the young generation at the cap). */
let holding = false;
/** Steps left before the next look while holding. */
let unlooked = 0;

/** The program is a `replicast run`: its steps keep the young generation at the cap. */
export function capYoungGeneration(): void {
  armed = true;
}

/** Called between a run's steps: holds the young generation at the cap once it gets there. */
export function youngGenerationStep(): void {
  if (!armed) return;
  if (holding && --unlooked > 0) return;
  unlooked = HELD_LOOK_EVERY;
  let size = 0;
  for (const space of getHeapSpaceStatistics()) if (space.space_name === "new_space") size = space.space_size;
  const full = size >= CAPPED_YOUNG_GENERATION;
  if (full === holding) return;
  holding = full;
  setFlagsFromString(full ? "--semi-space-growth-factor=1" : "--semi-space-growth-factor=2");
}
