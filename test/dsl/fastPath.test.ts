// parseStatements builds the CST of the common statement forms by hand (src/dsl/fastPath.ts)
// and leaves the rest to Chevrotain. Whenever the hand-built path accepts a statement, its
// tree must be the one Chevrotain builds for the same tokens, token for token, and Chevrotain
// must find no error there: toAst.ts then cannot tell the two apart, so the AST, the
// diagnostics and their positions stay Chevrotain's.
import type { CstElement, CstNode, IToken } from "chevrotain";
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fastStatementLine } from "../../src/dsl/fastPath.ts";
import { scenarioParser } from "../../src/dsl/parser.ts";
import * as T from "../../src/dsl/tokens.ts";
import { nearMissStatement, scenarioCorpus } from "./corpus.ts";

const repo = join(import.meta.dirname, "../..");
const corpus = scenarioCorpus({ bench: true });

/** A CST as plain data, its tokens by identity (the index in the file's token list). */
function shape(element: CstElement, index: Map<IToken, number>): unknown {
  if ("image" in element) return `${element.tokenType.name}#${index.get(element) ?? "invented"}`;
  const node: CstNode = element;
  return {
    name: node.name,
    recovered: node.recoveredNode === true,
    location: node.location,
    children: Object.fromEntries(
      Object.entries(node.children).map(([key, items]) => [key, items.map((item) => shape(item, index))]),
    ),
  };
}

/** Each statement's token range as parseStatements cuts them: up to and with its separator. */
function statementRanges(tokens: IToken[]): [number, number][] {
  const ranges: [number, number][] = [];
  let start = 0;
  for (let i = 0; i <= tokens.length; i++) {
    if (i < tokens.length && tokens[i].tokenType !== T.Newline && tokens[i].tokenType !== T.Semicolon)
      continue;
    if (i > start) ranges.push([start, Math.min(i + 1, tokens.length)]);
    start = i + 1;
  }
  return ranges;
}

/** Statements the hand-built path took, and those where it differed from Chevrotain (with why). */
function compare(text: string): { fast: number; total: number; differences: string[] } {
  const tokens = T.tokenizeScenario(text).tokens;
  const index = new Map(tokens.map((t, i) => [t, i]));
  let fast = 0;
  const ranges = statementRanges(tokens);
  const differences: string[] = [];
  for (const [start, end] of ranges) {
    const line = fastStatementLine(tokens, start, end);
    if (line === undefined) continue;
    fast++;
    const parser = scenarioParser();
    parser.input = tokens.slice(start, end);
    const expected = parser.statementLine();
    const written = text.slice(
      tokens[start].startOffset,
      tokens[end - 1].startOffset + tokens[end - 1].image.length,
    );
    if (parser.errors.length > 0) differences.push(`${JSON.stringify(written)}: Chevrotain finds an error`);
    else if (JSON.stringify(shape(line, index)) !== JSON.stringify(shape(expected, index)))
      differences.push(
        `${JSON.stringify(written)}:\n${JSON.stringify(shape(line, index))}\n${JSON.stringify(shape(expected, index))}`,
      );
  }
  return { fast, total: ranges.length, differences };
}

describe("the hand-built CST of common statements", () => {
  it("is Chevrotain's for every statement of every scenario in the repository", () => {
    expect(corpus.length).toBeGreaterThan(400);
    let fast = 0;
    let total = 0;
    for (const file of corpus) {
      const r = compare(readFileSync(file, "utf8"));
      expect(r.differences, file).toEqual([]);
      fast += r.fast;
      total += r.total;
    }
    // It is the common path: most statements written in this repository take it.
    expect(fast / total).toBeGreaterThan(0.6);
  });

  it("takes every statement of the bench's 10,000-line scenario", () => {
    const r = compare(readFileSync(join(repo, "bench/scenarios/check-10k.scn"), "utf8"));
    expect(r.differences).toEqual([]);
    expect(r.fast).toBe(r.total);
  });

  it("takes every statement of the bench's day, whose load is written as steps", () => {
    // No statement left to Chevrotain means a run of the day never builds its parser.
    const r = compare(readFileSync(join(repo, "bench/scenarios/day.scn"), "utf8"));
    expect(r.differences).toEqual([]);
    expect(r.total).toBeGreaterThan(25);
    expect(r.fast).toBe(r.total);
  });

  it("agrees with Chevrotain on random statements, also near-misses of the forms it takes", () => {
    // Statements of the forms the path reads and of their neighbours, then each with up to
    // two words replaced, dropped or added: keywords where names may go, unterminated strings,
    // categories that overlap (5m is a duration and a CPU amount), forms left to Chevrotain.
    const statements = [
      ...["at 5m", "after 30s", "at 1h kubectl get pods", "run for 10m", "run until 1h", "load off"],
      ...["load cpu 100%", "after 1m30s load cpu 500m ramp to 1.5 over 5m", "load deployment/web cpu 2"],
      ...["load cpu 800m per pod at startup for 90s", "load hpa cpu 5m per pod", "load requests 100/s"],
      ...["load cpu steps 100% 300% every 2m", "at 1h load cpu steps 5979m 5904m 6061m every 5m"],
      ...[
        "load requests steps 100/s 300/s every 10m",
        "load web cpu steps 2 every 1m",
        "load requests steps every 1m",
      ],
      ...["load memory 50Mi per pod on 2 pods for 5m", "load memory 1e6 per pod for 1m", "load svc off"],
      ...["expect replicas >= 3 within 2m", "expect hpa utilization <= 70% for 2m", "expect ready 2"],
      ...["expect pending 0 always", "expect unserved < 1% from 1m to 5m", "expect mystery 3 never"],
      ...["expect rollout complete within 5m", "expect rollout deployment/web duration < 2m"],
      ...["expect image web=nginx:1.25", 'expect image "nginx"', "expect image != web at 10m"],
      ...['expect event "New size: 4" within 1m', "expect hpa scale-events <= 4 per 10m"],
      ...["expect pods ready >= 2", "expect pods hpa 3", "expect pod-minutes <= 120 from 0s to 1h"],
      ...["set hpa.sync-period = 15s", "set metrics.resolution 30s", "set x true", "apply web"],
      ...["apply <<Y\na: 1\nY", 'scenario "t"', "manifest web = <<Y\na: 1\nY", "watch deployment/web"],
    ];
    const words = [
      ...["at", "after", "5m", "30s", "expect", "load", "cpu", "memory", "100%", "500m", "2", "1.5", "50Mi"],
      ...["per", "pod", "pods", "on", "for", "ramp", "to", "over", "startup", "replicas", ">=", "==", "<"],
      ...["within", "from", "rollout", "complete", "duration", "image", "web", "=", '"x"', '"open', "event"],
      ...["scale", "events", "set", "apply", "run", "until", "watch", "true", "False", "steps", "every"],
      ...["file", "cost", "times", "latency", "nodes", "condition", "named", "fault", "explain", "@", ";"],
      ...[
        "100/s",
        "metric",
        "requests",
        "1e6",
        "file.yaml",
        "k",
        "ready",
        "hpa",
        "deployment/web",
        "nginx:1",
      ],
    ];
    const statement = nearMissStatement(statements, words);
    let fast = 0;
    fc.assert(
      fc.property(fc.array(statement, { minLength: 1, maxLength: 6 }), (lines) => {
        const r = compare(lines.join("\n"));
        fast += r.fast;
        expect(r.differences).toEqual([]);
      }),
      { numRuns: 3000, seed: 15 },
    );
    // The random statements do reach the path, not only its refusals.
    expect(fast).toBeGreaterThan(1000);
  });
});
