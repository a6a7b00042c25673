// parseStatements reads the commonest statement forms straight from their tokens to the AST
// (src/dsl/fastAst.ts). Whenever it does, the hand-built CST path (fastPath.ts, itself
// checked against Chevrotain in fastPath.test.ts) must accept the same tokens, and toAst.ts
// must build the very same statement from that CST — the same values, spans and key order —
// without a diagnostic: so the AST, the JSON it becomes and every diagnostic stay as they were.
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Span } from "../../src/dsl/ast.ts";
import { fastStatement } from "../../src/dsl/fastAst.ts";
import { fastStatementLine } from "../../src/dsl/fastPath.ts";
import { LineMap } from "../../src/dsl/span.ts";
import { toStatement, type AstContext } from "../../src/dsl/toAst.ts";
import * as T from "../../src/dsl/tokens.ts";
import { builtinKinds } from "../../src/k8s/kinds/builtin.ts";
import type { MessageText } from "../../src/dsl/messages.ts";
import { nearMissStatement, scenarioCorpus } from "./corpus.ts";

const repo = join(import.meta.dirname, "../..");
const corpus = scenarioCorpus({ bench: true });

/** Statements the direct path read, how many there were, and where it differed from the CST path (with why). */
function compare(text: string): { direct: number; total: number; differences: string[] } {
  const tokens = T.tokenizeScenario(text).tokens;
  const reported: string[] = [];
  const ctx: AstContext = {
    file: "x.scn",
    lines: new LineMap(text),
    report: (m: MessageText, span: Span) => reported.push(`${span.line}:${span.col} ${m.message}`),
    kinds: builtinKinds,
  };
  let direct = 0;
  let total = 0;
  const differences: string[] = [];
  let start = 0;
  for (let i = 0; i <= tokens.length; i++) {
    if (i < tokens.length && tokens[i].tokenType !== T.Newline && tokens[i].tokenType !== T.Semicolon)
      continue;
    if (i > start) {
      total++;
      const statement = fastStatement(tokens, start, i, ctx);
      if (statement !== undefined) {
        direct++;
        const last = tokens[i - 1];
        const end = last.startOffset + last.image.length;
        const written = JSON.stringify(text.slice(tokens[start].startOffset, end));
        const line = fastStatementLine(tokens, start, Math.min(i + 1, tokens.length));
        if (line === undefined) differences.push(`${written}: the CST path does not take it`);
        else {
          reported.length = 0;
          const expected = toStatement(line, ctx, tokens[start].startOffset, end);
          if (reported.length > 0) differences.push(`${written}: toAst reports ${reported.join("; ")}`);
          else if (JSON.stringify(statement) !== JSON.stringify(expected))
            differences.push(`${written}:\n${JSON.stringify(statement)}\n${JSON.stringify(expected)}`);
        }
      }
    }
    start = i + 1;
  }
  return { direct, total, differences };
}

describe("the AST read straight from the tokens of the commonest statements", () => {
  it("is toAst's for every statement of every scenario in the repository", () => {
    expect(corpus.length).toBeGreaterThan(400);
    let direct = 0;
    let total = 0;
    for (const file of corpus) {
      const r = compare(readFileSync(file, "utf8"));
      expect(r.differences, file).toEqual([]);
      direct += r.direct;
      total += r.total;
    }
    // Most statements written in this repository take it.
    expect(direct / total).toBeGreaterThan(0.5);
  });

  it("takes every statement of the bench's 10,000-line scenario but its declarations", () => {
    const r = compare(readFileSync(join(repo, "bench/scenarios/check-10k.scn"), "utf8"));
    expect(r.differences).toEqual([]);
    // The title, the setting, the manifest and its apply are the CST path's.
    expect(r.total - r.direct).toBe(4);
  });

  it("agrees with toAst on random statements, also near-misses and values toAst reports", () => {
    // The forms read here and their neighbours, then each with up to two words replaced,
    // dropped or added: unknown kinds, fractions of pods, windows that end before they start,
    // comparisons an image cannot have, escapes in strings, keywords where names go.
    const statements = [
      ...["at 5m", "after 30s", "at 1h kubectl get pods", "run for 10m", "run until 1h", "load off"],
      ...["kubectl", "kubectl get 'x", "load cpu 100%", "after 1m30s load cpu 500m ramp to 1.5 over 5m"],
      ...["load deployment/web cpu 2", "load cpu 800m per pod at startup for 90s", "load hpa cpu 5m per pod"],
      ...["load memory 50Mi per pod on 2 pods for 5m", "load memory 1e6 per pod for 1m", "load svc off"],
      ...[
        "load cpu 100% per pod at startup for 0s",
        "load memory 1Mi per pod on 1.5 pods",
        "load requests 10/s",
      ],
      ...["load bogus/web cpu 1", "load prod/deployment/web memory 2Gi per pod on 0 pods"],
      ...["expect replicas >= 3 within 2m", "expect hpa utilization <= 70% for 2m", "expect ready 2"],
      ...["expect pending 0 always", "expect unserved < 1% from 1m to 5m", "expect mystery 3 never"],
      ...[
        "expect replicas 2.5",
        "expect utilization 80",
        "expect unserved 500m at 1m",
        "expect replicas 3 from 5m to 1m",
      ],
      ...["expect rollout complete within 5m", "expect rollout deployment/web duration < 2m"],
      ...["expect rollout duration 3", "expect image web=nginx:1.25", 'expect image "nginx"'],
      ...["expect image != web at 10m", "expect image > nginx:1", "expect deployment/web image app=app:v2"],
      ...['expect event "New size: 4" within 1m', 'expect event "a\\"b"', 'expect event "a\\q"'],
      ...[
        "expect hpa scale-events <= 4 per 10m",
        "expect scale-events 3 per 0s",
        "expect scale-events 1.5 per 1m",
      ],
      ...["expect pods ready >= 2", "expect pods hpa 3", "expect pod-minutes <= 120 from 0s to 1h"],
      ...["expect dropped 1% never", "expect pods deployment/web ready 2 within 1m", "expect replicas true"],
      ...["set hpa.sync-period = 15s", "apply web", 'scenario "t"', "watch deployment/web"],
    ];
    const words = [
      ...["at", "after", "5m", "30s", "0s", "expect", "load", "cpu", "memory", "100%", "500m", "2", "1.5"],
      ...["50Mi", "per", "pod", "pods", "on", "for", "ramp", "to", "over", "startup", "replicas", ">=", "=="],
      ...["<", "within", "from", "rollout", "complete", "duration", "image", "web", "=", '"x"', '"open'],
      ...["event", "scale-events", "set", "apply", "run", "until", "watch", "true", "steps", "every", "off"],
      ...["file", "nodes", "@", ";", "metric", "requests", "1e6", "ready", "hpa", "deployment/web"],
      ...["bogus/web", "nginx:1", "2.5", "-1", "0", "always", "never", "kubectl", "get", "deploy"],
    ];
    const statement = nearMissStatement(statements, words);
    let direct = 0;
    fc.assert(
      fc.property(fc.array(statement, { minLength: 1, maxLength: 6 }), (lines) => {
        const r = compare(lines.join("\n"));
        direct += r.direct;
        expect(r.differences).toEqual([]);
      }),
      { numRuns: 3000, seed: 15 },
    );
    // The random statements do reach the path, not only its refusals.
    expect(direct).toBeGreaterThan(1000);
  });
});
