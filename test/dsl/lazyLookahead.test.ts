// The parser builds each lookahead function on first use (src/dsl/lazyLookahead.ts) instead of
// all of them in its constructor, as Chevrotain's LLkLookaheadStrategy does by default. It
// must choose exactly what the eager parser chooses, on valid files and on broken ones
// (error recovery reads the same lookahead functions).
import { LLkLookaheadStrategy, type CstElement, type CstNode, type ILookaheadStrategy } from "chevrotain";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { LazyLookaheadStrategy } from "../../src/dsl/lazyLookahead.ts";
import { MAX_LOOKAHEAD, ScenarioParser } from "../../src/dsl/parser.ts";
import { syntaxErrorProvider } from "../../src/dsl/syntaxErrors.ts";
import { tokenizeScenario } from "../../src/dsl/tokens.ts";
import { scenarioCorpus } from "./corpus.ts";

const corpus = scenarioCorpus({ bench: false });

/** A CST as plain data: rule names, token types and images, in order. */
function shape(element: CstElement): unknown {
  if ("image" in element) return `${element.tokenType.name}:${element.image}@${element.startOffset}`;
  const node: CstNode = element;
  return {
    name: node.name,
    recovered: node.recoveredNode === true,
    children: Object.fromEntries(
      Object.entries(node.children).map(([key, items]) => [key, items.map((item) => shape(item))]),
    ),
  };
}

function parse(parser: ScenarioParser, text: string) {
  parser.input = tokenizeScenario(text).tokens;
  const cst = parser.scenario();
  return {
    cst: shape(cst),
    errors: parser.errors.map((e) => `${e.name} ${e.message} @${e.token.startOffset}`),
  };
}

/** An LL(k) strategy that counts the lookahead functions it builds. */
function counting(): { strategy: ILookaheadStrategy; built: () => number } {
  const eager = new LLkLookaheadStrategy({ maxLookahead: MAX_LOOKAHEAD });
  let built = 0;
  const strategy: ILookaheadStrategy = {
    validate: (o) => eager.validate(o),
    buildLookaheadForAlternation: (o) => (built++, eager.buildLookaheadForAlternation(o)),
    buildLookaheadForOptional: (o) => (built++, eager.buildLookaheadForOptional(o)),
  };
  return { strategy, built: () => built };
}

describe("the lazy lookahead", () => {
  it("builds no lookahead function in the constructor, and only the decisions a file reaches", () => {
    const eager = counting();
    new ScenarioParser(syntaxErrorProvider, { validate: false, lookaheadStrategy: eager.strategy });
    const decisions = eager.built();
    expect(decisions).toBeGreaterThan(50);

    const lazy = counting();
    const parser = new ScenarioParser(syntaxErrorProvider, {
      validate: false,
      lookaheadStrategy: new LazyLookaheadStrategy({ maxLookahead: MAX_LOOKAHEAD }, lazy.strategy),
    });
    expect(lazy.built()).toBe(0);
    parse(parser, "at 0s kubectl create deployment web --image=nginx:1.25 --replicas=2\n");
    const reached = lazy.built();
    expect(reached).toBeGreaterThan(0);
    expect(reached).toBeLessThan(decisions);
    // Built once: a second file through the same decisions builds nothing more.
    parse(parser, "at 5s kubectl create deployment api --image=nginx:1.25 --replicas=3\n");
    expect(lazy.built()).toBe(reached);
  });

  it("parses every scenario of the repository, valid or broken, exactly as the eager parser does", () => {
    expect(corpus.length).toBeGreaterThan(300);
    const eager = new ScenarioParser(syntaxErrorProvider, {
      validate: false,
      lookaheadStrategy: new LLkLookaheadStrategy({ maxLookahead: MAX_LOOKAHEAD }),
    });
    const lazy = new ScenarioParser(syntaxErrorProvider, { validate: false });
    let broken = 0;
    for (const file of corpus) {
      const text = readFileSync(file, "utf8");
      const expected = parse(eager, text);
      if (expected.errors.length > 0) broken++;
      expect(parse(lazy, text), file).toEqual(expected);
    }
    // The corpus exercises error recovery too.
    expect(broken).toBeGreaterThan(5);
  });

  it("keeps the grammar's lookahead validations, which run through the strategy it wraps", () => {
    const eager = new LLkLookaheadStrategy({ maxLookahead: MAX_LOOKAHEAD });
    const found: number[] = [];
    const inner: ILookaheadStrategy = {
      validate: (o) => {
        const errors = eager.validate(o);
        found.push(errors.length);
        return errors;
      },
      buildLookaheadForAlternation: (o) => eager.buildLookaheadForAlternation(o),
      buildLookaheadForOptional: (o) => eager.buildLookaheadForOptional(o),
    };
    new ScenarioParser(syntaxErrorProvider, {
      lookaheadStrategy: new LazyLookaheadStrategy({ maxLookahead: MAX_LOOKAHEAD }, inner),
    });
    expect(found).toEqual([0]);
  });
});
