// src/dsl/tokens.ts makes its word tokens without their categories and joins them afterwards
// (joinWordCategories): what it leaves must be what Chevrotain's own augmentation leaves
// (chevrotain src/scan/tokens.ts augmentTokenTypes, run over every token when a Lexer or a
// parser is built). A file of its own: no lexer or parser may be built before the snapshot.
import { Lexer, type TokenType } from "chevrotain";
import { describe, expect, it } from "vitest";
import { allTokens, Available, Bool, Identifier, Name, QuantityWord, True } from "../../src/dsl/tokens.ts";

/** What augmentTokenTypes writes on each token, by name. */
const snapshot = (tokens: readonly TokenType[]) =>
  Object.fromEntries(
    tokens.map((t) => [
      t.name,
      {
        tokenTypeIdx: t.tokenTypeIdx,
        categories: (t.CATEGORIES ?? []).map((c) => c.name),
        categoryMatches: [...(t.categoryMatches ?? [])],
        categoryMatchesMap: { ...t.categoryMatchesMap },
        isParent: t.isParent,
      },
    ]),
  );

describe("the word tokens' categories", () => {
  it("are what Chevrotain's augmentation of every token leaves", () => {
    const joined = snapshot(allTokens);
    // The lexer's constructor runs augmentTokenTypes over every token it is given.
    new Lexer(allTokens, { positionTracking: "onlyOffset", skipValidations: true });
    expect(snapshot(allTokens)).toEqual(joined);
  });

  it("make every word a Name, and each word of a category its member", () => {
    const names = Name.categoryMatches!;
    expect(names).toEqual([...names].sort((a, b) => a - b));
    for (const t of [Identifier, Available, True]) expect(names).toContain(t.tokenTypeIdx);
    expect(Available.CATEGORIES).toEqual([Name, QuantityWord]);
    expect(QuantityWord.categoryMatchesMap![Available.tokenTypeIdx!]).toBe(true);
    expect(Bool.categoryMatches).toEqual([True.tokenTypeIdx, True.tokenTypeIdx! + 1]);
    expect([Name.isParent, QuantityWord.isParent, Bool.isParent, Available.isParent]).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });
});
