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
});
