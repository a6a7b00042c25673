/**
 * sameJsonText must answer exactly what comparing the two JSON texts answers (the recorder
 * relied on the texts before): checked on the JSON rules one by one, then on random values
 * shaped like the trace's summaries and beyond.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sameJsonText } from "../../src/engine/jsonText.ts";

const byText = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

describe("sameJsonText", () => {
  // ECMA-262 SerializeJSONProperty / SerializeJSONObject / SerializeJSONArray.
  it.each([
    ["undefined properties are left out", { a: 1, b: undefined }, { a: 1 }, true],
    ["functions are left out", { a: 1, f: () => 1 }, { a: 1 }, true],
    ["key order is part of the text", { a: 1, b: 2 }, { b: 2, a: 1 }, false],
    ["non-finite numbers are null", [NaN, Infinity], [null, null], true],
    ["-0 is written 0", { x: -0 }, { x: 0 }, true],
    ["undefined in an array is null", [undefined, 1], [null, 1], true],
    ["a missing property differs from null", { a: null }, {}, false],
    ["strings compare exactly", { s: "Running" }, { s: "running" }, false],
    ["nested arrays of objects", [{ t: 1, v: [1, 2] }], [{ t: 1, v: [1, 2] }], true],
    ["length differs", [1, 2], [1, 2, undefined], false],
    ["a Date goes through its toJSON", { d: new Date(0) }, { d: "1970-01-01T00:00:00.000Z" }, true],
    ["a toJSON that leaves its property out", {}, { x: { toJSON: () => undefined } }, true],
    ["a Map is written {}", { m: new Map([[1, 2]]) }, { m: {} }, true],
    ["top-level undefined and a function", undefined, () => 0, true],
  ])("%s", (_why, a, b, same) => {
    expect(byText(a, b)).toBe(same);
    expect(sameJsonText(a, b)).toBe(same);
    expect(sameJsonText(b, a)).toBe(same);
  });

  const scalar = fc.oneof(
    fc.constantFrom(undefined, null, NaN, Infinity, -0, 0, 1, true, false, "", "a", "b"),
    fc.integer({ min: -3, max: 3 }),
  );
  const value = fc.letrec((tie) => ({
    v: fc.oneof({ depthSize: "small" }, scalar, tie("arr"), tie("obj")),
    arr: fc.array(tie("v"), { maxLength: 3 }),
    obj: fc.dictionary(fc.constantFrom("a", "b", "c", "1", "0"), tie("v"), { maxKeys: 3 }),
  })).v;

  it("answers as the texts do, on random values and on near copies of them", () => {
    fc.assert(
      fc.property(value, value, (a, b) => {
        expect(sameJsonText(a, b)).toBe(byText(a, b));
        const copy = structuredClone(a);
        expect(sameJsonText(a, copy)).toBe(byText(a, copy));
      }),
      { seed: 15, numRuns: 3000 },
    );
  });
});
