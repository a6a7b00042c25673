/**
 * Seeded pseudo-random numbers: the only randomness in a run (pod name suffixes, uids), so
 * the same scenario with the same `seed` setting gives a byte-identical trace.
 *
 * mulberry32 (Tommy Ettinger's 32-bit generator): tiny, fast, and good enough for names.
 * Example: `mulberry32(1)` yields 0.6270739405881613 first, every time, on every engine.
 */
import type { Rng } from "./controller.ts";

export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return {
    next(): number {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

/** A uniform integer in [0, n). */
export function intn(rng: Rng, n: number): number {
  return Math.floor(rng.next() * n);
}
