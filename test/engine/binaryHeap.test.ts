import { describe, expect, it } from "vitest";
import { BinaryHeap } from "../../src/engine/binaryHeap.ts";
import { mulberry32 } from "../../src/engine/rng.ts";

// The heap behind the event queue and kube-scheduler's activeQ: entries come out in the
// order `before` defines, whatever order they went in.
describe("BinaryHeap", () => {
  const byValueThenSeq = (a: [number, number], b: [number, number]) =>
    a[0] !== b[0] ? a[0] < b[0] : a[1] < b[1];

  it.each([
    { input: [], out: [] },
    { input: [3], out: [3] },
    { input: [5, 1, 4, 1, 5, 9, 2, 6], out: [1, 1, 2, 4, 5, 5, 6, 9] },
    { input: [9, 8, 7, 6, 5, 4, 3, 2, 1], out: [1, 2, 3, 4, 5, 6, 7, 8, 9] },
  ])("pops $input as $out", ({ input, out }) => {
    const h = new BinaryHeap<number>((a, b) => a < b);
    for (const x of input) h.push(x);
    expect(h.size).toBe(input.length);
    const popped: number[] = [];
    for (let x = h.pop(); x !== undefined; x = h.pop()) popped.push(x);
    expect(popped).toEqual(out);
    expect(h.peek()).toBeUndefined();
  });

  it("keeps insertion order among equals when the order ends in a sequence number", () => {
    const rand = mulberry32(7);
    const entries: [number, number][] = Array.from({ length: 500 }, (_, seq) => [
      Math.floor(rand.next() * 10),
      seq,
    ]);
    const h = new BinaryHeap(byValueThenSeq);
    for (const e of entries) h.push(e);
    const popped: [number, number][] = [];
    while (h.size > 0) popped.push(h.pop()!);
    expect(popped).toEqual([...entries].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
  });
});
