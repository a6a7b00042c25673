// Did-you-mean, after TypeScript's getSpellingSuggestion (src/compiler/core.ts).
import { describe, expect, it } from "vitest";
import { editDistance, suggest } from "../../src/text/suggest.ts";

describe("suggest", () => {
  const words = ["replicas", "ready", "available", "utilization", "hpa.sync-period", "hpa.tolerance"];
  it.each([
    ["replicsa", "replicas"],
    ["Replicas", "replicas"],
    ["utilisation", "utilization"],
    ["hpa.sync-perod", "hpa.sync-period"],
    ["redy", "ready"],
    ["zzzzzz", undefined],
    ["replicas", undefined],
  ])("%s → %s", (name, suggestion) => {
    expect(suggest(name, words)).toBe(suggestion);
  });

  it.each([
    ["", "", 0],
    ["abc", "abc", 0],
    ["abc", "acb", 1],
    ["kitten", "sitting", 3],
    ["", "abc", 3],
    ["abc", "", 3],
    ["abcd", "badc", 2],
    // Optimal string alignment, not full Damerau: a swapped pair is not edited again.
    ["ca", "abc", 3],
  ])("editDistance(%j, %j) = %i", (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });
});
