// parseScenario lexes most lines with a hand-written scanner (src/dsl/scanner.ts) and leaves
// the rest to Chevrotain's lexer (tokens.ts, the definition). The scanner's result must be
// Chevrotain's exactly: the same tokens (type, text, offset, payload, and the keys Chevrotain's
// tokens have, in its order), the same lexing errors, the same error-group tokens.
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { ILexingResult, IToken } from "chevrotain";
import { scanRange, scanRanges } from "../../src/dsl/scanner.ts";
import * as T from "../../src/dsl/tokens.ts";
import { builtinKinds } from "../../src/k8s/kinds/builtin.ts";
import { PodCounterKind } from "../toy/kind/index.ts";
import { nearMissStatement, scenarioCorpus } from "./corpus.ts";

const token = (t: IToken): unknown => [
  Object.keys(t),
  t.tokenType.name,
  t.tokenTypeIdx,
  t.image,
  t.startOffset,
  t.payload,
];

/**
 * A lexing result as data, every field the parser and the diagnostics read (a lexing error's
 * message, line and column are the range's own, as tokenizeRange says: nothing reads them).
 */
const data = (r: ILexingResult): unknown => ({
  tokens: r.tokens.map(token),
  groups: Object.fromEntries(Object.entries(r.groups).map(([k, v]) => [k, v.map(token)])),
  errors: r.errors.map((e) => [e.offset, e.length]),
});

const same = (text: string, from = 0, to = text.length, kinds = builtinKinds): void => {
  expect(data(scanRange(text, from, to, kinds)), JSON.stringify(text.slice(from, from + 200))).toEqual(
    data(T.tokenizeRange(text, from, to, kinds)),
  );
};

/** Lines of every shape the scanner reads, and near them what it leaves to Chevrotain. */
const statements = [
  "at 10s kubectl get hpa app -o wide # why",
  "kubectl set image deployment/app app=app:v2 --record=true; expect pods 3",
  "kubectl get deploy -o jsonpath='{.a;b}'",
  'kubectl annotate deploy/app x="a # b"',
  "load cpu 100% ramp to 400% over 5m",
  "load deployment/web memory 50Mi per pod on 2 pods for 5m",
  "load cpu 1.5 per pod at startup for 30s",
  "load requests 20/s",
  "expect hpa utilization <= 70% for 2m",
  "expect image app=nginx:1.25 within 1m30s",
  "expect image registry.io:5000/app@sha256:0123abcd",
  'expect event "New size: 4" within 1m',
  'expect event "unterminated',
  'expect event "a \\" b"',
  "expect hpa scale-events <= 20 per 10m",
  "expect replicas != 3 from 1m to 2h",
  "expect pods ready >= 2 always",
  "expect prod/deployment/web available == 1e6",
  "set hpa.sync-period = 15s",
  "set rollout.surge = true",
  'scenario "title"',
  "apply app",
  "run for 10m",
  "after 1500ms",
  "at 1d2h3m4s",
  "expect _x 1.5Ki 2k 3E 4Ei 5.5.5 1. 10-20 3x 1m30 0.5% 5mb",
  "fault node node-1 down for 2m",
  "nodes 3 with 4 cpu 16Gi memory named pool zone a",
  "watch deployment/app",
  "expect a--b a- a.b.c a/b/c a:b a@b @x :x /x %x .x -x",
  "expect \u00e9t\u00e9 \u2028 \ufeff ! $ & ( ) * + , ? [ ] ^ ` { | } ~ \\",
  "expect <<  <<1 <=> >== !== =!",
  "manifest m = <<EOF\nkind: x # y\n  EOF \nexpect pods 3",
  'apply <<"YAML" trailing\na: "b"\nYAML\n',
  "apply <<'T' # c\nnever closed",
];
const words = [
  "kubectl",
  "kubectl:1",
  "kubectl#x",
  "#",
  ";",
  "<<YAML",
  "100%",
  "5m",
  "15s",
  "50Mi",
  "1e3",
  "2/s",
  "x/y",
  "a:b",
  '"s"',
  '"',
  "!",
  "!=",
  "_a",
  "a.b",
  "a-",
  "\t",
  "\r",
  "\u00e9",
];

describe("the hand-written scanner", () => {
  it("lexes every scenario of the repository as Chevrotain does", () => {
    const corpus = scenarioCorpus({ bench: true });
    expect(corpus.length).toBeGreaterThan(400);
    for (const file of corpus) same(readFileSync(file, "utf8"));
  });

  it("lexes a range of a file as Chevrotain does, offsets counted in the whole text", () => {
    const text = readFileSync(new URL("../../bench/scenarios/check-10k.scn", import.meta.url), "utf8");
    const starts = [0];
    for (let i = text.indexOf("\n"); i !== -1 && starts.length < 400; i = text.indexOf("\n", i + 1))
      starts.push(i + 1);
    // Past the heredoc (lines 4 to 36), a range from any line to any later one.
    same(text, starts[40], starts[300]);
    same(text, starts[299], text.length);
    // A range that cuts the heredoc short: it runs to the range's end (parseScenario then
    // lexes again with the rest of the file).
    same(text, 0, starts[20]);
    same(text, starts[2], starts[36]);
  });

  it("lexes random near-misses of every shape it reads as Chevrotain does", () => {
    fc.assert(
      fc.property(fc.array(nearMissStatement(statements, words), { minLength: 1, maxLength: 4 }), (lines) => {
        same(lines.join("\n"));
        same(`${lines.join("\r\n")}\n`);
      }),
      { numRuns: 3000, seed: 15 },
    );
  });

  it("lexes several runs of lines at once as it lexes each apart, Chevrotain's lines among them", () => {
    // parseScenario reads the lines a file says once between repeated ones as one scan of
    // their runs (scanRanges): the tokens, errors and error-group tokens must be those of the
    // runs lexed one after the other. A line Chevrotain reads drops what the scanner had read
    // of that line only, never the runs before it.
    const concatenated = (text: string, bounds: number[]): unknown => {
      const out: ILexingResult = { tokens: [], groups: { errors: [] }, errors: [] };
      for (let r = 0; r < bounds.length; r += 2) {
        const one = scanRange(text, bounds[r], bounds[r + 1]);
        out.tokens.push(...one.tokens);
        out.groups.errors.push(...(one.groups.errors ?? []));
        out.errors.push(...one.errors);
      }
      return data(out);
    };
    const noHeredoc = statements.filter((l) => !l.includes("<<"));
    fc.assert(
      fc.property(
        fc.array(
          nearMissStatement(
            noHeredoc,
            words.filter((w) => !w.includes("<<")),
          ),
          {
            minLength: 1,
            maxLength: 8,
          },
        ),
        fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
        (lines, kept) => {
          const text = `${lines.join("\n")}\n`;
          // Each line is in a run or not (a copied line between runs); a run is whole lines.
          const bounds: number[] = [];
          let start = 0;
          for (let i = 0; i < lines.length; i++) {
            const end = start + lines[i].length + 1;
            if (kept[i] && !lines[i].includes("<<")) {
              if (bounds.length > 0 && bounds[bounds.length - 1] === start) bounds[bounds.length - 1] = end;
              else bounds.push(start, end);
            }
            start = end;
          }
          expect(data(scanRanges(text, bounds, builtinKinds))).toEqual(concatenated(text, bounds));
        },
      ),
      { numRuns: 2000, seed: 16 },
    );
    // The case that once lost a run's tokens: a line the scanner cannot read after another run.
    const text = "at 6m kubectl get hpa\nexpect pods 3\nmetadata:\napiVersion: v1\n";
    const bounds = [0, 22, 36, text.length];
    expect(data(scanRanges(text, bounds, builtinKinds))).toEqual(concatenated(text, bounds));
    expect(scanRanges(text, bounds, builtinKinds).tokens[0].image).toBe("at");
  });

  it("gives kind words of a registry with more kinds their type, as tokenizeScenario does", () => {
    const kinds = builtinKinds.extend();
    kinds.register({ ...PodCounterKind, language: { ...PodCounterKind.language!, bare: true } });
    same(
      "expect pcnt replicas 3\nexpect podcounters 3 # pcnt\nexpect pcnt.x pcnt-y _pcnt\n",
      0,
      undefined,
      kinds,
    );
  });
});
