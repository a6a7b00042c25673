/**
 * The golden corpus generator's randomness: the engine's own mulberry32 (src/engine/rng.ts),
 * seeded per scenario from its family and index, so adding a family or changing one family's
 * count leaves every other scenario as it was.
 */
import { intn, mulberry32 } from "../../src/engine/rng.ts";
import type { Rng } from "../../src/engine/controller.ts";

/** FNV-1a over a string's UTF-16 code units: a stable 32-bit seed from a scenario's key. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export class Random {
  private readonly rng: Rng;

  constructor(seed: number) {
    this.rng = mulberry32(seed);
  }

  /** The generator for scenario `index` of `family` under the corpus seed. */
  static for(corpusSeed: number, family: string, index: number): Random {
    return new Random((fnv1a(`${family}/${index}`) ^ corpusSeed) >>> 0);
  }

  /** A whole number in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + intn(this.rng, hi - lo + 1);
  }

  chance(p: number): boolean {
    return this.rng.next() < p;
  }

  pick<T>(xs: readonly T[]): T {
    return xs[intn(this.rng, xs.length)];
  }

  /** `k` distinct elements of `xs`, in a random order. */
  sample<T>(xs: readonly T[], k: number): T[] {
    const pool = [...xs];
    const out: T[] = [];
    while (out.length < k && pool.length > 0) out.push(pool.splice(intn(this.rng, pool.length), 1)[0]);
    return out;
  }

  /** A whole number in [lo, hi], a multiple of `step`. */
  step(lo: number, hi: number, step: number): number {
    return this.int(Math.ceil(lo / step), Math.floor(hi / step)) * step;
  }
}
