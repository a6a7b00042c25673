// The scale-down sort's comparator (ranking.ts deletionKeyCompare) must decide every pair of
// pods as ActivePodsWithRanks.Less (controller_utils.go) does through sortByLess —
// `less(a, b) ? -1 : less(b, a) ? 1 : 0` — or the deleted pods could change. Keys are drawn
// from small domains so that every rule decides some pairs and ties reach the later rules:
// zero times, equal log buckets with UIDs to break them, a NaN restart count (a container
// status without restartCount), with and without the LogarithmicScaleDown gate. The sort's
// comparator reads rules 1–5 as one number (sortKey's head); keys at the edges of its digits
// (int32 deletion costs, ranks up to 2^17 - 1) must order as the rules do, and keys past them
// (a NaN head) go to the rule-by-rule comparator, which must decide as the rules do too.
import { describe, expect, it } from "vitest";
import {
  deletionKeyCompare,
  deletionKeyLess,
  deletionKeyRulesCompare,
  sortKey,
  type DeletionKey,
} from "../../../src/engine/controllers/replicaset/ranking.ts";
import { mulberry32 } from "../../../src/engine/rng.ts";

function keys(
  seed: number,
  logarithmic: boolean,
  costs: readonly number[] = [0, 0, -5, 100],
  ranks: readonly number[] = [0, 1, 1, 3],
): DeletionKey[] {
  const rng = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng.next() * xs.length)];
  const times = [undefined, Number.NEGATIVE_INFINITY, 0, 10, 10, 500];
  return Array.from({ length: 60 }, () => {
    const ready = pick([true, false]);
    return {
      unassigned: pick([true, false, false]),
      phase: pick([0, 1, 2, 2]),
      ready,
      cost: pick(costs),
      rank: pick(ranks),
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
  const EDGE_COSTS = [-(2 ** 31), -1, 0, 2 ** 31 - 1];
  const EDGE_RANKS = [0, 1, 2 ** 17 - 2, 2 ** 17 - 1];
  it.each([
    [1, true, undefined, undefined],
    [2, false, undefined, undefined],
    [3, true, undefined, undefined],
    [4, true, EDGE_COSTS, EDGE_RANKS],
    [5, false, EDGE_COSTS, EDGE_RANKS],
  ])(
    "decides all pairs as sortByLess over deletionKeyLess (seed %i, logarithmic %s)",
    (seed, log, costs, ranks) => {
      const ks = keys(seed, log, costs, ranks);
      const sorted = ks.map(sortKey);
      let decided = 0;
      for (let i = 0; i < ks.length; i++)
        for (let j = 0; j < ks.length; j++) {
          const [a, b] = [ks[i], ks[j]];
          const want = deletionKeyLess(a, b) ? -1 : deletionKeyLess(b, a) ? 1 : 0;
          expect(deletionKeyCompare(sorted[i], sorted[j])).toBe(want);
          expect(deletionKeyRulesCompare(a, b)).toBe(want);
          if (want !== 0) decided++;
        }
      expect(decided).toBeGreaterThan(ks.length * ks.length * 0.5);
    },
  );

  it("leaves keys whose rules 1–5 do not fit one number to the rule-by-rule comparator", () => {
    const [k] = keys(6, true);
    expect(Number.isNaN(sortKey({ ...k, rank: 2 ** 17 }).head)).toBe(true);
    expect(Number.isNaN(sortKey({ ...k, cost: 2 ** 31 }).head)).toBe(true);
    expect(Number.isNaN(sortKey({ ...k, cost: 0.5 }).head)).toBe(true);
    expect(sortKey({ ...k, rank: 2 ** 17 - 1, cost: -(2 ** 31) }).head).toBeLessThan(2 ** 53);
  });
});
