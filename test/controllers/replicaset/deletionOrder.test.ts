// The scale-down sort's comparator (ranking.ts deletionKeyCompare) must decide every pair of
// pods as ActivePodsWithRanks.Less (controller_utils.go) does through sortByLess —
// `less(a, b) ? -1 : less(b, a) ? 1 : 0` — or the deleted pods could change. Keys are drawn
// from small domains so that every rule decides some pairs and ties reach the later rules:
// zero times, equal log buckets with UIDs to break them, a NaN restart count (a container
// status without restartCount), with and without the LogarithmicScaleDown gate.
import { describe, expect, it } from "vitest";
import {
  deletionKeyCompare,
  deletionKeyLess,
  type DeletionKey,
} from "../../../src/engine/controllers/replicaset/ranking.ts";
import { mulberry32 } from "../../../src/engine/rng.ts";

function keys(seed: number, logarithmic: boolean): DeletionKey[] {
  const rng = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng.next() * xs.length)];
  const times = [undefined, Number.NEGATIVE_INFINITY, 0, 10, 10, 500];
  return Array.from({ length: 60 }, () => {
    const ready = pick([true, false]);
    return {
      unassigned: pick([true, false, false]),
      phase: pick([0, 1, 2, 2]),
      ready,
      cost: pick([0, 0, -5, 100]),
      rank: pick([0, 1, 1, 3]),
      readyTime: ready ? pick(times) : undefined,
      restarts: pick([0, 0, 2, Number.NaN]),
      created: pick(times),
      uid: pick(["", "a", "b", "c"]),
      logarithmic,
      readyBucket: pick([-1, 40, 40, 42]),
      createdBucket: pick([-1, 40, 41]),
    };
  });
}

describe("deletionKeyCompare", () => {
  it.each([
    [1, true],
    [2, false],
    [3, true],
  ])("decides all pairs as sortByLess over deletionKeyLess (seed %i, logarithmic %s)", (seed, log) => {
    const ks = keys(seed, log);
    let decided = 0;
    for (const a of ks)
      for (const b of ks) {
        const want = deletionKeyLess(a, b) ? -1 : deletionKeyLess(b, a) ? 1 : 0;
        expect(deletionKeyCompare(a, b)).toBe(want);
        if (want !== 0) decided++;
      }
    expect(decided).toBeGreaterThan(ks.length * ks.length * 0.5);
  });
});
