// parseScenario reads a line's text once (src/dsl/lineMemo.ts): where the same line comes
// again its statements are copied with their spans moved. The AST and the diagnostics must be
// what reading every line gives (the same parse with the memo giving nothing), and every span
// of the result must agree with its line and column.
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";
import { LineMap, parseScenario, type ParseResult } from "../../src/dsl/index.ts";
import { LineMemo } from "../../src/dsl/lineMemo.ts";
import type { Statement } from "../../src/dsl/ast.ts";
import { nearMissStatement, scenarioCorpus } from "./corpus.ts";

/** The statements and diagnostics as JSON. */
const json = (r: ParseResult): string =>
  JSON.stringify({ statements: r.statements, diagnostics: r.diagnostics });

/** parseScenario with every line read (the memo never gives a line's statements). */
function readingEveryLine(text: string): ParseResult {
  const reuse = vi.spyOn(LineMemo.prototype, "reuse").mockReturnValue(undefined);
  try {
    return parseScenario(text, "x.scn");
  } finally {
    reuse.mockRestore();
  }
}

/** Every span whose offset and length disagree with its lines and columns in `text`. */
function misplacedSpans(r: ParseResult, text: string): string[] {
  const lines = new LineMap(text);
  const wrong: string[] = [];
  const visit = (value: unknown): void => {
    if (typeof value !== "object" || value === null) return;
    if (Array.isArray(value)) return value.forEach(visit);
    const v = value as Record<string, unknown>;
    if (typeof v.offset === "number" && typeof v.length === "number" && typeof v.line === "number") {
      const expected = lines.span(v.offset, v.length);
      if (JSON.stringify(expected) !== JSON.stringify(v)) wrong.push(JSON.stringify(v));
    }
    Object.values(v).forEach(visit);
  };
  visit(r.statements);
  visit(r.diagnostics);
  return wrong;
}

function expectAsIfRead(text: string, what: string): void {
  const r = parseScenario(text, "x.scn");
  expect(misplacedSpans(r, text), what).toEqual([]);
  expect(json(r), what).toBe(json(readingEveryLine(text)));
}

describe("a repeated line is read once", () => {
  it("gives every scenario of the repository, and each twice over, what reading every line gives", () => {
    const files = scenarioCorpus({ bench: false });
    expect(files.length).toBeGreaterThan(50);
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      expectAsIfRead(text, file);
      // Every line once more, errors (a second title, declarations again) included.
      expectAsIfRead(`${text}\n${text}`, `${file} twice`);
    }
  });

  it("copies the statements of a long file's repeated rounds with their own positions", () => {
    const round = (i: number) => [
      `at ${i * 600}s load cpu ${100 + i}%`,
      "expect replicas >= 10 within 2m",
      "after 30s",
      "load cpu 100% ramp to 400% over 5m; expect hpa utilization <= 70% for 2m",
      `kubectl set image deployment/app app=app:v${i} --record=true`,
      "expect rollout deployment/app complete within 5m",
      "kubectl get hpa app   # a comment",
      '  expect event "New size:" within 1m',
      "load memory 50Mi per pod on 2 pods for 5m",
      "",
    ];
    const text = [
      "manifest app = <<YAML",
      "apiVersion: apps/v1",
      "kind: Deployment",
      "metadata: { name: app }",
      "YAML",
      "at 0s apply app",
      ...Array.from({ length: 40 }, (_, i) => round(i)).flat(),
    ].join("\n");
    const reuse = vi.spyOn(LineMemo.prototype, "reuse");
    const r = parseScenario(text, "x.scn");
    const copied = reuse.mock.results.filter((x) => Array.isArray(x.value)).length;
    reuse.mockRestore();
    expect(r.diagnostics).toEqual([]);
    expect(r.statements.length).toBe(2 + 40 * 10);
    // Copies: each round's eight lines the others have, from the third round on (the second
    // reads them to keep them; the last blank line is the end of the text, not a line).
    expect(copied).toBe(38 * 8 - 1);
    expectAsIfRead(text, "rounds");
    // The copies are objects of their own: nothing the plan may hold is shared between lines.
    const expectations = r.statements.filter((s) => s.kind === "expect");
    expect(expectations[0].span).not.toBe(expectations[5].span);
    expect(expectations[0].timing).not.toBe(expectations[5].timing);
  });

  it("reports a repeated mistake at each of its lines", () => {
    const text = Array.from({ length: 5 }, () => "expect bogus 3\nload cpu 50% ramp\nat 1m\n").join("");
    const r = parseScenario(text, "x.scn");
    expect(r.diagnostics.map((d) => d.span.line)).toEqual([1, 2, 4, 5, 7, 8, 10, 11, 13, 14]);
    expectAsIfRead(text, "mistakes");
  });

  it("keeps the time a refused line sets between copied lines", () => {
    // docs/language.md § Time: time never goes backwards, and a line whose command is refused
    // still sets the time (its mark stays on the timeline). Here the refused line is read with
    // the lines said once, after the copied lines around it: the `at 10s` copied after it is
    // still checked against its 30s, and the one before it is not.
    const text =
      "at 10s kubectl get hpa\nat 10s kubectl get hpa\nat 10s kubectl get hpa\nat 30s expect replicas 3.5\nat 10s kubectl get hpa\n";
    const r = parseScenario(text, "x.scn");
    expect(r.diagnostics.map((d) => [d.span.line, d.code])).toEqual([
      [4, "RC3011"],
      [5, "RC3003"],
    ]);
    expectAsIfRead(text, "refused");
  });

  it("gives random files of repeated near-miss lines what reading every line gives", () => {
    const statements = [
      "expect replicas 3 within 30s",
      "at 1m load cpu 180%",
      "kubectl get hpa app",
      "expect hpa utilization <= 70% for 2m",
      "after 30s",
      "expect image app=app:v2",
      "load memory 50Mi per pod on 2 pods for 5m",
    ];
    const words = ["expect", "at", "1m", "within", "hpa", "<=", "load", '"x"', "<<", ";", "deployment/web"];
    fc.assert(
      fc.property(
        fc.array(nearMissStatement(statements, words), { minLength: 2, maxLength: 8 }),
        fc.array(fc.nat(), { minLength: 10, maxLength: 40 }),
        fc.boolean(),
        (pool, picks, crlf) => {
          // "\r\n" files too: the "\r" is the last character of its line.
          const text = picks.map((p) => pool[p % pool.length]).join(crlf ? "\r\n" : "\n");
          expectAsIfRead(text, text);
        },
      ),
      { numRuns: 300, seed: 15 },
    );
  });

  it("writes out the copy of a line said often, the same objects as the generic copy", () => {
    // A line copied more than a few times is copied by code written for its statements
    // (lineMemo.ts, writtenCopy): each copy must be what the generic copy gives — every key in
    // its order, undefined values and -0 kept — with new objects and the spans moved.
    const span = (offset: number, length: number, line: number, col: number) => ({
      offset,
      length,
      line,
      col,
      endLine: line,
      endCol: col + length,
    });
    const kept = [
      {
        kind: "expect",
        quantity: { kind: "pods", phase: undefined },
        values: [1, -0, 'a\u2028"b', true, { deep: [span(14, 2, 3, 5)] }],
        "1": "an integer key comes first",
        span: span(10, 20, 3, 1),
      },
      { kind: "time", time: { kind: "after", d: 30, span: span(31, 9, 3, 22) }, span: span(31, 9, 3, 22) },
    ] as unknown as Statement[];
    const memo = new LineMemo();
    expect(memo.reuse("line", 10, 3)).toBeUndefined();
    expect(memo.reuse("line", 40, 4)).toBe("keep");
    memo.read("line", 10, 3, kept);
    const moved = (value: unknown, chars: number, lines: number): unknown => {
      if (typeof value !== "object" || value === null) return value;
      if (Array.isArray(value)) return value.map((v) => moved(v, chars, lines));
      const v = value as Record<string, unknown>;
      if ("endCol" in v)
        return {
          ...v,
          offset: (v.offset as number) + chars,
          line: (v.line as number) + lines,
          endLine: (v.endLine as number) + lines,
        };
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, moved(x, chars, lines)]));
    };
    const copies: Statement[][] = [];
    for (let i = 1; i <= 12; i++) {
      const copy = memo.reuse("line", 10 + 100 * i, 3 + 5 * i);
      if (!Array.isArray(copy)) throw new Error("not copied");
      expect(copy).toStrictEqual(moved(kept, 100 * i, 5 * i));
      expect(JSON.stringify(copy)).toBe(JSON.stringify(moved(kept, 100 * i, 5 * i)));
      const keys = (v: unknown): unknown =>
        typeof v === "object" && v !== null
          ? Object.entries(v).map(([k, x]) => [k, keys(x)])
          : Object.is(v, -0)
            ? "-0"
            : v;
      expect(keys(copy)).toEqual(keys(moved(kept, 100 * i, 5 * i)));
      copies.push(copy);
    }
    // Every object new: nothing shared with the kept line or another copy.
    expect(copies[10][0]).not.toBe(kept[0]);
    expect(copies[10][0].span).not.toBe(copies[11][0].span);
    expect((copies[10][1] as { time: object }).time).not.toBe((copies[11][1] as { time: object }).time);
  });
});
