import { describe, expect, it } from "vitest";
import { NAME_ALPHABET, generateName, newUid, randomSuffix } from "../../src/engine/names.ts";
import { intn, mulberry32 } from "../../src/engine/rng.ts";

describe("seeded randomness (rng.ts)", () => {
  it("the same seed gives the same sequence; another seed another", () => {
    const draw = (seed: number) =>
      Array.from(
        { length: 20 },
        (
          (r) => () =>
            r.next()
        )(mulberry32(seed)),
      );
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1)).not.toEqual(draw(2));
    for (const x of draw(7)) expect(x >= 0 && x < 1).toBe(true);
  });

  it("intn covers [0, n) and nothing else", () => {
    const r = mulberry32(42);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) seen.add(intn(r, 27));
    expect([...seen].sort((a, b) => a - b)).toEqual([...Array(27).keys()]);
  });
});

describe("names (apiserver names.SimpleNameGenerator)", () => {
  it("suffixes are 5 characters from bcdfghjklmnpqrstvwxz2456789", () => {
    const r = mulberry32(3);
    for (let i = 0; i < 200; i++) expect(randomSuffix(r)).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(NAME_ALPHABET).toBe("bcdfghjklmnpqrstvwxz2456789");
  });

  it("suffixes are drawn as they always were: a character per draw, in the order the text reads", () => {
    // The first definition (a character of the alphabet appended per draw): every recorded
    // run's pod names, and every uid drawn after them from the same stream, depend on it.
    const reference = (rng: ReturnType<typeof mulberry32>, length = 5): string => {
      let out = "";
      for (let i = 0; i < length; i++) out += NAME_ALPHABET[intn(rng, NAME_ALPHABET.length)];
      return out;
    };
    for (let seed = 0; seed < 50; seed++) {
      const ours = mulberry32(seed);
      const theirs = mulberry32(seed);
      for (let i = 0; i < 40; i++) expect(randomSuffix(ours)).toBe(reference(theirs));
      expect(randomSuffix(ours, 3)).toBe(reference(theirs, 3));
      expect(newUid(ours)).toBe(newUid(theirs));
    }
  });

  it.each([
    ["short base kept whole", "web-5d847fd86c-", "web-5d847fd86c-".length + 5],
    ["long base cut to 58 so the name fits 63", "x".repeat(70), 63],
  ])("generateName: %s", (_n, base, length) => {
    const name = generateName(mulberry32(1), base);
    expect(name).toHaveLength(length);
    expect(name.startsWith(base.slice(0, 58))).toBe(true);
  });

  it("uids are uuid-shaped (version 4, RFC 4122 variant) and reproducible", () => {
    const a = newUid(mulberry32(9));
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newUid(mulberry32(9))).toBe(a);
    expect(newUid(mulberry32(10))).not.toBe(a);
  });

  it("uids are drawn as they always were: the variant digit first, then the text in order", () => {
    // The first definition (a template literal after the variant's draw): every recorded run's
    // uids, and every name drawn after them from the same stream, depend on this order.
    const reference = (rng: ReturnType<typeof mulberry32>): string => {
      const hex = (n: number) => {
        let s = "";
        for (let i = 0; i < n; i++) s += "0123456789abcdef"[intn(rng, 16)];
        return s;
      };
      const variant = "0123456789abcdef"[8 + intn(rng, 4)];
      return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
    };
    for (let seed = 0; seed < 50; seed++) {
      const ours = mulberry32(seed);
      const theirs = mulberry32(seed);
      for (let i = 0; i < 20; i++) expect(newUid(ours)).toBe(reference(theirs));
      // The stream is left where it was: the next draw (a pod's name) is the same.
      expect(randomSuffix(ours)).toBe(randomSuffix(theirs));
    }
  });
});
