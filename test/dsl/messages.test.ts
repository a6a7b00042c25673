// The catalogue (src/dsl/messages.ts): unique stable codes, one wording style.
import { describe, expect, it } from "vitest";
import { messages, oneOf, quote } from "../../src/dsl/messages.ts";

const entries = Object.entries(messages);

describe("the message catalogue", () => {
  it("gives every message a unique code", () => {
    const codes = entries.map(([, m]) => m.code);
    const duplicates = codes.filter((code, i) => codes.indexOf(code) !== i);
    expect(duplicates).toEqual([]);
  });

  // One sample call per message; the type makes the list complete (style.md §4, Flag<…>).
  const samples: { [K in keyof typeof messages]: Parameters<(typeof messages)[K]> } = {
    unexpectedCharacters: ["@"],
    badLiteral: ["1m30"],
    unterminatedString: [],
    unknownEscape: ["\\d"],
    unterminatedHeredoc: ["YAML"],
    textAfterHeredoc: ["YAML", " apply x"],
    unclosedKubectlQuote: ["'"],
    emptyKubectl: [],
    expectedToken: ["a duration such as 30s", "`within`", "`3`"],
    expectedStatement: ["`foo`", "for"],
    expectedEndOfStatement: ["`x`", "`apply`"],
    tooManyErrors: [100, 5],
    unknownSetting: ["hpa.sync", undefined, ["hpa.sync-period"]],
    badSettingValue: ["seed", "integer", "1.5"],
    timeGoesBackwards: ["at 10s", "20s"],
    timeSetHere: ["20s"],
    duplicateManifest: ["deploy"],
    firstDeclaredHere: ["the title"],
    duplicateTitle: [],
    duplicateRun: [],
    unknownQuantity: ["frobs", undefined, ["pods"]],
    unknownKind: ["deplyment", "deployment", "deployment (deploy)"],
    badExpectValue: ["replicas", "a whole number", "2.5"],
    notAWholeNumber: ["the number of pods", "2.5"],
    windowEndsBeforeStart: ["20m", "10m"],
    notPositive: ["`every`", "0s"],
    optionNotHere: ["cost", "it is the CPU one request needs, and this is a metric"],
    duplicateOption: ["times"],
    unknownLatencyStatistic: ["p100", undefined],
    badPoolName: ["Pool_A", "must consist of lower case alphanumeric characters or '-'"],
    badNodeBounds: [5, 3],
    badZone: ["-a", "a valid label must be an empty string or consist of alphanumeric characters"],
    internalError: ["boom"],
  };

  it.each(entries)("%s has a code of the form RC#### and Kubernetes' wording style", (name, m) => {
    expect(m.code).toMatch(/^RC[1239]\d{3}$/);
    const args = samples[name as keyof typeof messages] as unknown[];
    const built = (m as (...a: unknown[]) => { code: string; message: string; hint?: string })(...args);
    expect(built.code).toBe(m.code);
    // Lower-case start, no final period, as Kubernetes and kubectl word errors.
    expect(built.message).toMatch(/^[a-z`0-9]/);
    expect(built.message).not.toMatch(/\.$/);
  });

  it.each([
    [
      messages.expectedToken("a duration such as 30s", "`within`", "`3`"),
      "expected a duration such as 30s after `within`, found `3`",
    ],
    [messages.unknownSetting("hpa.sync-perod", "hpa.sync-period", []), "unknown setting `hpa.sync-perod`"],
    [
      messages.timeGoesBackwards("at 10s", "20s"),
      "time goes backwards: `at 10s` comes after a statement at 20s",
    ],
    [messages.unexpectedCharacters("@"), "unexpected character `@`"],
    [messages.unexpectedCharacters("@@"), "unexpected characters `@@`"],
    [messages.tooManyErrors(100, 1), "1 more error not shown (the first 100 are)"],
    [
      messages.expectedStatement("`foo`", undefined, "`at 0s`"),
      "expected a statement after `at 0s`, found `foo`",
    ],
  ])("words %j", (built, text) => {
    expect(built.message).toBe(text);
  });

  it("offers a did-you-mean as the hint", () => {
    expect(messages.unknownQuantity("replicsa", "replicas", ["replicas"]).hint).toBe(
      "did you mean `replicas`?",
    );
    expect(messages.unknownQuantity("zzz", undefined, ["replicas", "ready"]).hint).toBe(
      "quantities: replicas, ready",
    );
  });
});

describe("quote", () => {
  it.each([
    ["abc", "`abc`"],
    ["\u0000", "`\\u{0000}`"],
    ["\ud800", "`\\u{D800}`"],
    ["x".repeat(50), `\`${"x".repeat(39)}…\``],
  ])("%j → %s", (text, quoted) => {
    expect(quote(text)).toBe(quoted);
  });

  it("joins lists as prose", () => {
    expect(oneOf(["a"])).toBe("a");
    expect(oneOf(["a", "b", "c"])).toBe("a, b or c");
  });
});
