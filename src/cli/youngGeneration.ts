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
 * (new-spaces.cc SemiSpaceNewSpace::Grow): it is set so that the first growth reaches the cap
 * (growToCap), and once the young generation is there the factor is 1, so a growth keeps its
 * size; should V8 shrink it (an idle heap), the factor is set to reach the cap again. The run
 * calls `youngGenerationStep` between its
 * steps (every simulated minute, runner.ts), where the young generation is looked at: a
 * doubling takes a semi-space's worth of survivors, several scavenges, so a minute's step sees
 * 8 MiB before it becomes 16 (the ×10 day: 4 MiB at its first minute, 8 at its second, 16 at
 * its third without the cap). A run that outpaces that keeps V8's own growth, as before.
 *
 * Once held, it is looked at every HELD_LOOK_EVERY steps rather than every step: with the
 * factor at 1 it cannot grow, and V8 shrinks a young generation only after a full collection
 * that finds allocation slow or memory short (heap.cc Heap::ReduceNewSpaceSize), which the
 * bench runs never do (the day, the week and the ×10 day each set the factor once and keep it).
 * Should it shrink, the factor is set to grow again at most that many simulated minutes later.
 * Each look is a `getHeapSpaceStatistics` call building a record per space: 1,440 a day, 6.6 ms
 * of the day's profile, where the day now makes about 260 looks, the week about 630 and the
 * ×10 day about 90.
 *
 * Set after the bundle is compiled (binLoader.ts calls growToCap between the compile and the
 * bundle's first line), as the bin's other flags are: V8 takes the code cache only under the
 * flags it was made with. For the program only: a process that calls `main` keeps its own
 * collector's settings.
 */
import { getHeapSpaceStatistics, setFlagsFromString, type HeapSpaceInfo } from "node:v8";

/** Both semi-spaces at 8 MiB: what `new_space` reports committed once the cap is reached. */
const CAPPED_YOUNG_GENERATION = 2 * 8 * 1024 * 1024;

/** While the factor is 1, the steps between two looks (simulated minutes: runner.ts's steps). */
export const HELD_LOOK_EVERY = 16;

let armed = false;
/** Whether the young generation is at the cap (the factor is 1). */
let holding = false;
/** Steps left before the next look while holding. */
let unlooked = 0;
/** The growth factor last set; 0 while V8's own. */
let factorSet = 0;

/**
 * The program is a `replicast run`: its young generation grows to the cap at its next growth,
 * and its steps keep it there. V8 grows a semi-space by `--semi-space-growth-factor` times
 * (heap.cc Heap::CheckNewSpaceExpansionCriteria, SemiSpaceNewSpace::Grow), so from 1 MiB the
 * bench day took three growths, with 1, 2 and then 4 MiB between its scavenges, to get there:
 * 18 to 20 scavenges, 12 of them before. The loader (binLoader.ts) calls `growToCap` as soon
 * as the bundle is compiled, so that the first growth lands at the cap; this is called again
 * when the run starts.
 */
export function capYoungGeneration(): void {
  armed = true;
  holding = growToCap();
}

/** Called between a run's steps: holds the young generation at the cap once it gets there. */
export function youngGenerationStep(): void {
  if (!armed) return;
  if (holding && --unlooked > 0) return;
  unlooked = HELD_LOOK_EVERY;
  holding = growToCap();
}

/**
 * Sets the growth factor so that V8's next growth of the young generation lands at the cap,
 * or 1 once it is there; whether it is there. A semi-space's capacity is what it holds and
 * has free, a power of two, or half of `new_space`'s size, which counts the second semi-space
 * only once a scavenge has used it; the factor is the cap over it, a whole number. Neither
 * is more than the capacity, so a growth never passes the cap.
 */
export function growToCap(): boolean {
  let young: HeapSpaceInfo | undefined;
  for (const space of getHeapSpaceStatistics()) if (space.space_name === "new_space") young = space;
  if (young === undefined) return false;
  const semiSpace = Math.max(
    2 ** Math.ceil(Math.log2(Math.max(1, young.space_used_size + young.space_available_size))),
    young.space_size / 2,
  );
  const full = young.space_size >= CAPPED_YOUNG_GENERATION || 2 * semiSpace >= CAPPED_YOUNG_GENERATION;
  const factor = full ? 1 : Math.max(2, Math.floor(CAPPED_YOUNG_GENERATION / 2 / semiSpace));
  if (factor !== factorSet) setFlagsFromString(`--semi-space-growth-factor=${factor}`);
  factorSet = factor;
  return full;
}
