// The explanation's small wordings (src/explain/words.ts).
import { describe, expect, it } from "vitest";
import { rangeText } from "../../src/explain/words.ts";

describe("rangeText", () => {
  it.each([
    [[], ""],
    [[1.04], "1.04"],
    [[1.06, 1.02, 1.04], "1.02–1.06"],
    [[2, 2], "2"],
  ])("%j → %j", (values, text) => {
    expect(rangeText(values)).toBe(text);
  });

  it("takes the ratios of a month of quiet 15 s syncs (more than a call may have arguments)", () => {
    const values = Array.from({ length: 200_000 }, (_, i) => 1 + (i % 7) / 100);
    expect(rangeText(values)).toBe("1–1.06");
  });
});
