/**
 * JSON written in pieces (src/scenario/json.ts) is JSON.stringify's text, character for
 * character: the same indentation, key order, number forms, escapes, left-out properties,
 * toJSON calls and unboxed primitives (ECMA-262 25.5.2, JSON.stringify), and the same errors.
 * `replicast run --json` writes its result so (writeResultJson); the golden corpus compares
 * it with JSON.stringify's text for every scenario (test/golden/golden.test.ts).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonText, JsonItems, writeJson } from "../../src/scenario/json.ts";
import { memoryHost, runScenario } from "../../src/scenario/index.ts";
import { resultToJson, writeResultJson, type ScenarioResult } from "../../src/scenario/result.ts";

/** JSON.stringify's text, or the class of what it throws. */
function stringified(value: unknown, space?: number | string): string | undefined | { throws: string } {
  try {
    return JSON.stringify(value, null, space);
  } catch (e) {
    return { throws: (e as Error).constructor.name };
  }
}

function inPieces(value: unknown, space?: number | string, pieceSize?: number) {
  try {
    return jsonText(value, space, pieceSize);
  } catch (e) {
    return { throws: (e as Error).constructor.name };
  }
}

const SPACES = [undefined, 0, -1, 1, 2, 4, 10, 12, 2.7, NaN, "", "\t", "--", "abcdefghijklmnop"] as const;
const space = fc.constantFrom(...SPACES);
/** Small pieces, so that every place a piece can end is met. */
const pieceSize = fc.constantFrom(1, 3, 17, 1 << 16);

/** Something with a toJSON, as Dates and Quantities (src/k8s/quantity.ts) have. */
const withToJSON = (result: (key: string) => unknown) => ({ toJSON: result, ignored: 1 });

const scalar = fc.oneof(
  fc.constantFrom(undefined, null, NaN, Infinity, -Infinity, -0, 0, 1e21, 1e-7, 5e-324, true, false),
  fc.double(),
  fc.integer(),
  fc.string({ unit: "binary" }),
  fc.string({ unit: "grapheme" }),
  // Lone surrogates, line breaks, quotes and control characters: JSON.stringify escapes them.
  fc.constantFrom("\ud800", "a\udfffb", "\n", "\r\n", "\u2028", '"\\', "\u0000\u001f\u007f"),
  fc.constantFrom(
    Symbol("s"),
    () => 1,
    new Date(0),
    Object(1),
    Object("boxed"),
    Object(false),
    withToJSON((key) => key),
    withToJSON(() => undefined),
    withToJSON(() => () => 1),
    withToJSON((key) => ({ key, nested: [key, undefined] })),
    withToJSON(() => [1, withToJSON((key) => `inner ${key}`)]),
  ),
);

const key = fc.oneof(fc.string(), fc.constantFrom("0", "1", "10", "__proto__", "toJSON", "a\nb", "é"));

/** An array's or an object's scalars: what a long array holds (a long array of long arrays would be huge). */
const flat = fc.oneof(
  scalar,
  fc.array(scalar, { maxLength: 3 }),
  fc.dictionary(fc.string(), scalar, { maxKeys: 3 }),
);

const value = fc.letrec((tie) => ({
  v: fc.oneof({ depthSize: "small", maxDepth: 4 }, scalar, tie("arr"), tie("obj"), tie("long")),
  arr: fc.array(tie("v"), { maxLength: 4 }),
  // Longer than the writer's runs of items (128), with a toJSON or a hole among them.
  long: fc
    .tuple(fc.array(flat, { minLength: 120, maxLength: 300 }), fc.nat(), fc.boolean())
    .map(([items, at, hole]) => {
      const i = at % items.length;
      if (hole) delete items[i];
      else items[i] = withToJSON((k) => `item ${k}`);
      return items;
    }),
  obj: fc.dictionary(key, tie("v"), { maxKeys: 4 }),
})).v;

describe("JSON written in pieces", () => {
  it("is JSON.stringify's text for generated values, any space, any piece size", () => {
    fc.assert(
      fc.property(value, space, pieceSize, (v, s, size) => {
        expect(inPieces(v, s, size)).toEqual(stringified(v, s));
      }),
      { seed: 13, numRuns: 600 },
    );
  });

  it("is JSON.stringify's text for anything fast-check makes, boxed, sparse, prototype-less", () => {
    const anything = fc.anything({
      withBoxedValues: true,
      withSparseArray: true,
      withNullPrototype: true,
      withObjectString: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withTypedArray: true,
      withBigInt: true,
      withUnicodeString: true,
      maxDepth: 4,
    });
    fc.assert(
      fc.property(anything, space, pieceSize, (v, s, size) => {
        expect(inPieces(v, s, size)).toEqual(stringified(v, s));
      }),
      { seed: 13, numRuns: 1500 },
    );
  });

  it("writes a JsonItems as the array of its items, each asked for once, in order", () => {
    const items = fc.oneof(fc.array(value, { maxLength: 4 }), fc.array(flat, { maxLength: 300 }));
    fc.assert(
      fc.property(items, space, pieceSize, (list, s, size) => {
        const asked: number[] = [];
        const lazy = new JsonItems(list.length, (i) => (asked.push(i), list[i]));
        // A property's value, an array's item, and an item of another JsonItems.
        const value = { before: 1, list: lazy, inArray: [lazy], nested: new JsonItems(1, () => lazy) };
        const expected = { before: 1, list, inArray: [list], nested: [list] };
        expect(inPieces(value, s, size)).toEqual(stringified(expected, s));
        const indices = [...list.keys()];
        expect(asked).toEqual([...indices, ...indices, ...indices]);
      }),
      { seed: 13, numRuns: 200 },
    );
  });

  it("calls a toJSON with the key JSON.stringify gives it, an array item's index included", () => {
    const keyed = withToJSON((k) => `key ${JSON.stringify(k)}`);
    const long = Array.from({ length: 300 }, (_, i) => (i % 97 === 0 ? keyed : i));
    const v = { a: keyed, list: [keyed, 1, keyed], long, items: new JsonItems(3, () => keyed) };
    expect(jsonText(v, 2)).toBe(JSON.stringify({ ...v, items: [keyed, keyed, keyed] }, null, 2));
    expect(jsonText(keyed)).toBe('"key \\"\\""');
  });

  it("gives nothing where JSON.stringify gives undefined, and throws where it throws", () => {
    for (const v of [undefined, () => 1, Symbol("s"), withToJSON(() => undefined)]) {
      const pieces: string[] = [];
      expect(writeJson(v, (p) => void pieces.push(p))).toBe(false);
      expect(pieces).toEqual([]);
    }
    const cycle: Record<string, unknown> = { a: [1] };
    (cycle.a as unknown[]).push({ back: cycle });
    expect(() => JSON.stringify(cycle)).toThrow(TypeError);
    expect(() => jsonText(cycle, 2)).toThrow(TypeError);
    const selfItems: JsonItems = new JsonItems(1, () => selfItems);
    expect(() => jsonText({ selfItems })).toThrow(TypeError);
    expect(() => jsonText({ n: 1n })).toThrow(TypeError);
    expect(() => JSON.stringify({ n: 1n })).toThrow(TypeError);
  });

  it("hands over pieces of about the size asked for, never the whole text of a large value", () => {
    // An event record, 20,000 times: about 3 MB of text.
    const record = {
      time: 12,
      type: "Normal",
      reason: "Started",
      object: "pod/web-1",
      message: "Started container app",
    };
    const v = { events: new JsonItems(20_000, (i) => ({ ...record, time: i })) };
    const pieces: string[] = [];
    writeJson(v, (p) => void pieces.push(p), 2);
    const text = pieces.join("");
    expect(text).toBe(
      JSON.stringify({ events: Array.from({ length: 20_000 }, (_, i) => ({ ...record, time: i })) }, null, 2),
    );
    expect(text.length).toBeGreaterThan(3_000_000);
    // Each piece ends once it reaches 64K characters; one run of 128 items is under 30K more.
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan((1 << 16) + 30_000);
    expect(pieces.length).toBeGreaterThan(text.length / ((1 << 16) + 30_000));
  });
});

// A Deployment scaled up and down: ReplicaSet, Deployment and pod events, an expectation.
const SCENARIO = [
  'scenario "Scale — up and down"',
  "at 0s kubectl create deployment web --image=nginx --replicas=2",
  "at 30s kubectl scale deployment web --replicas=1",
  "expect replicas == 1 at 1m",
].join("\n");

async function run(): Promise<ScenarioResult> {
  const r = await runScenario({ text: SCENARIO, file: "json.scn" }, { host: memoryHost({}) });
  expect(r.diagnostics).toEqual([]);
  return r;
}

const pending = (r: ScenarioResult): boolean =>
  typeof Object.getOwnPropertyDescriptor(r, "events")?.get === "function";

describe("a result written as JSON in pieces", () => {
  it("is resultToJson's text, with and without the series, and does not make the result's events", async () => {
    for (const series of [false, true]) {
      const r = await run();
      const pieces: string[] = [];
      writeResultJson(r, (p) => void pieces.push(p), { series });
      expect(pending(r)).toBe(true);
      const whole = JSON.stringify(series ? resultToJson(r, { series: true }) : resultToJson(r), null, 2);
      expect(pending(r)).toBe(false);
      expect(pieces.join("")).toBe(whole);
      expect(whole).toContain('"reason": "ScalingReplicaSet"');
      expect(whole.includes('"series"')).toBe(series);
    }
  });

  it("is the same once the events are made or replaced", async () => {
    const r = await run();
    void r.events;
    expect(jsonOf(r)).toBe(JSON.stringify(resultToJson(r, { series: true }), null, 2));
    r.events = r.events.slice(0, 2);
    expect(jsonOf(r)).toBe(JSON.stringify(resultToJson(r, { series: true }), null, 2));
  });
});

function jsonOf(r: ScenarioResult): string {
  const pieces: string[] = [];
  writeResultJson(r, (p) => void pieces.push(p), { series: true });
  return pieces.join("");
}
