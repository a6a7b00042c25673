// Lexing decisions of src/dsl/tokens.ts that the grammar relies on.
import { createToken, Lexer, type TokenType } from "chevrotain";
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { allTokens, lexerConfig, matchKubectl, tokenizeScenario } from "../../src/dsl/tokens.ts";

const kinds = (text: string) => tokenizeScenario(text).tokens.map((t) => `${t.tokenType.name}:${t.image}`);

describe("tokens", () => {
  it.each([
    ["5m", ["MinutesOrMillis:5m"]],
    ["1m30s 500ms 2h5m", ["DurationLiteral:1m30s", "DurationLiteral:500ms", "DurationLiteral:2h5m"]],
    [
      "50Mi 40M 1e6 1.5 180%",
      ["ByteQuantity:50Mi", "ByteQuantity:40M", "ExponentNumber:1e6", "NumberLiteral:1.5", "Percent:180%"],
    ],
    ["100/s", ["Rate:100/s"]],
    ["replicas replicasets rs", ["Replicas:replicas", "KindWord:replicasets", "KindWord:rs"]],
    [
      "pod pods pod-minutes podcast",
      ["Pod:pod", "Pods:pods", "PodMinutes:pod-minutes", "Identifier:podcast"],
    ],
    ["scale-events scale events", ["ScaleEvents:scale-events", "Scale:scale", "Events:events"]],
    ["deployment/web deployment", ["ObjectRef:deployment/web", "KindWord:deployment"]],
    ["busybox=busybox:v2", ["Identifier:busybox", "Equals:=", "ImageRef:busybox:v2"]],
    ["hpa.sync-period True false", ["Identifier:hpa.sync-period", "True:True", "False:false"]],
    [">= <= == != > < =", ["GtEq:>=", "LtEq:<=", "EqEq:==", "NotEq:!=", "Gt:>", "Lt:<", "Equals:="]],
    ["a;b # c\nd", ["Identifier:a", "Semicolon:;", "Identifier:b", "Newline:\n", "Identifier:d"]],
    ["kubectl get pods; x", ["Kubectl:kubectl get pods", "Semicolon:;", "Identifier:x"]],
    ["kubectlx", ["Identifier:kubectlx"]],
    ['"a\\"b"', ['StringLiteral:"a\\"b"']],
    ['"open', ['UnterminatedString:"open']],
  ])("%j", (text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });

  it("keeps characters no token starts with out of the parser's way, one run at a time", () => {
    const { tokens, groups } = tokenizeScenario("apply @@x 1m30");
    expect(tokens.map((t) => t.image)).toEqual(["apply", "x"]);
    expect(groups.errors.map((t) => `${t.tokenType.name}:${t.image}`)).toEqual([
      "Unexpected:@@",
      "BadLiteral:1m30",
    ]);
  });
});

// The lexer every parse uses skips Chevrotain's definition checks at start-up (tokens.ts);
// they run here, so a pattern that can match empty text, a token no input can reach or a
// pattern whose line breaks Chevrotain cannot see still fails.
describe("the lexer's definition", () => {
  it("passes Chevrotain's checks without an error or a warning", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const lexer = new Lexer(allTokens, { ...lexerConfig, deferDefinitionErrorsHandling: true });
      expect(lexer.lexerDefinitionErrors).toEqual([]);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  // Each regular expression names its start characters (start_chars_hint), so that the lexer
  // is not built by parsing every pattern with regexp-to-ast at start-up. The hints must give
  // the first-character table Chevrotain's own analysis gives: the same patterns tried, in
  // the same order, for every first character.
  it("names the start characters Chevrotain's analysis of each pattern finds", () => {
    type Table = { defaultMode: ({ tokenType: TokenType }[] | undefined)[] };
    const table = (tokens: TokenType[]): string[][] => {
      const lexer = new Lexer(tokens, { ...lexerConfig, skipValidations: true });
      const byChar = (lexer as unknown as { charCodeToPatternIdxToConfig: Table })
        .charCodeToPatternIdxToConfig;
      return Array.from(byChar.defaultMode, (configs) => (configs ?? []).map((c) => c.tokenType.name));
    };
    const analysed = allTokens.map((t) => {
      const {
        PATTERN: pattern,
        GROUP: group,
        LINE_BREAKS: lineBreaks,
      } = t as TokenType & {
        PATTERN?: unknown;
        LINE_BREAKS?: boolean;
      };
      if (!(pattern instanceof RegExp)) return t;
      return createToken({
        name: t.name,
        pattern,
        ...(group !== undefined ? { group: group as string } : {}),
        ...(lineBreaks !== undefined ? { line_breaks: lineBreaks } : {}),
      });
    });
    const hinted = table(allTokens);
    expect(hinted.flat().length).toBeGreaterThan(100);
    expect(hinted).toEqual(table(analysed));
  });
});

describe("the kubectl matcher", () => {
  it("ends where a character-by-character reading ends, with the same arguments", () => {
    // matchKubectl jumps between the characters that matter (quotes, backslashes, `;`, `#`,
    // newlines); the loop it replaced tested each character. Both on any text of them.
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom("a", "-", " ", "\t", "\n", "\r", ";", "#", "'", '"', "\\", "$"), {
          maxLength: 30,
        }),
        fc.nat(3),
        (chars, lead) => {
          const text = "x ".repeat(lead) + "kubectl" + chars.join("");
          const got = matchKubectl(text, 2 * lead, [], {}) as (RegExpExecArray & { payload: unknown }) | null;
          const want = matchCharByChar(text, 2 * lead);
          expect(got === null ? null : { image: got[0], payload: got.payload }).toStrictEqual(want);
        },
      ),
      { numRuns: 3000, seed: 21 },
    );
  });
});

/** The matcher as it read a line before: one character at a time. */
function matchCharByChar(text: string, offset: number): { image: string; payload: object } | null {
  const end = text[offset + 7];
  if (!(end === undefined || " \t\r\n;#".includes(end))) return null;
  let i = offset + 7;
  let quote: string | undefined;
  let quoteAt = -1;
  for (; i < text.length; i++) {
    const ch = text[i];
    if (ch === "\n") break;
    if (quote !== undefined) {
      if (ch === "\\" && quote === '"' && i + 1 < text.length && text[i + 1] !== "\n") i++;
      else if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === ";") break;
    if (ch === "#" && /[ \t]/.test(text[i - 1])) break;
    if (ch === "\\" && i + 1 < text.length && text[i + 1] !== "\n") i++;
    else if (ch === "'" || ch === '"') {
      quote = ch;
      quoteAt = i;
    }
  }
  const raw = text.slice(offset + 7, i);
  const lead = raw.length - raw.trimStart().length;
  const payload: { args: string; argsOffset: number; unclosedQuote?: number } = {
    args: raw.trim(),
    argsOffset: offset + 7 + lead,
  };
  if (quote !== undefined) payload.unclosedQuote = quoteAt;
  return { image: text.slice(offset, offset + 7 + raw.trimEnd().length), payload };
}
