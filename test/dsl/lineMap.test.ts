// LineMap finds every line's start in one pass (src/dsl/span.ts), into room guessed from the
// text's length and cut to size; parseScenario walks the lines by those starts
// (nextLineStart) instead of searching each newline again. Both must give the lines a search
// for each newline gives, for texts of lines shorter and longer than the guess.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LineMap } from "../../src/dsl/index.ts";

/** Each line's start as a search for each newline finds it. */
function searchedStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

/** Each line's start as nextLineStart walks them, from line 1 on. */
function walkedStarts(map: LineMap): number[] {
  const starts = [0];
  for (let line = 1; map.nextLineStart(line) !== -1; line++) starts.push(map.nextLineStart(line));
  return starts;
}

describe("LineMap", () => {
  it("finds each line's start, for lines shorter and longer than its guess", () => {
    const line = fc.oneof(fc.string({ maxLength: 3 }), fc.string({ minLength: 20, maxLength: 60 }));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 200 }), fc.constantFrom("\n", "\r\n"), (lines, eol) => {
        const text = lines.join(eol);
        const map = new LineMap(text);
        const starts = searchedStarts(text);
        expect(walkedStarts(map)).toEqual(starts);
        expect(map.lineCount).toBe(starts.length);
        // The last line's position is its own, past any guessed room.
        expect(map.position(text.length).line).toBe(starts.length);
      }),
      { numRuns: 500, seed: 18 },
    );
  });

  it("grows past its room for a long text of short lines", () => {
    // 2 MB of one-character lines: a million lines, far past the 65,536 reserved.
    const text = "x\n".repeat(1_000_000);
    const map = new LineMap(text);
    expect(map.lineCount).toBe(1_000_001);
    expect(map.nextLineStart(999_999)).toBe(1_999_998);
    expect(map.position(text.length - 1)).toEqual({ line: 1_000_000, col: 2 });
  });

  it("gives a text of newlines alone one line more than it has newlines", () => {
    for (const n of [0, 1, 15, 16, 17, 1000]) {
      const map = new LineMap("\n".repeat(n));
      expect(map.lineCount).toBe(n + 1);
      expect(map.nextLineStart(n)).toBe(n);
      expect(map.nextLineStart(n + 1)).toBe(-1);
    }
  });
});
