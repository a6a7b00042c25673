// The single renderer (codeFrame.ts), after TypeScript's formatDiagnosticsWithColorAndContext:
// gutter, carets under the span, spans of five lines or more cut to first two and last two.
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/text/diagnostic.ts";
import { formatDiagnostic, formatDiagnostics, LineMap, spanAt } from "../../src/dsl/index.ts";

const diagnostic = (
  text: string,
  offset: number,
  length: number,
  extra: Partial<Diagnostic> = {},
): Diagnostic => ({
  code: "RC0000",
  severity: "error",
  file: "t.scn",
  span: spanAt(text, offset, length),
  message: "something is wrong",
  ...extra,
});

describe("formatDiagnostic", () => {
  it("prints FILE:LINE:COL, the line, carets and the hint", () => {
    const text = "apply deploy\nexpect replicas 3 within 3\n";
    const d = diagnostic(text, text.indexOf("3\n"), 1, { hint: "durations carry a unit" });
    expect(formatDiagnostic(d, text, { color: false })).toBe(
      [
        "t.scn:2:26: error: something is wrong",
        "  2 | expect replicas 3 within 3",
        "    |                          ^",
        "hint: durations carry a unit",
      ].join("\n"),
    );
  });

  it("shows a CRLF file's line without its \\r (a Windows or Grafana export's line break, once printed as ?)", () => {
    const text = '"Series";"Time";"Value"\r\n"web";"2024-06-05T16:00:00+02:00";40\r\n';
    const d = diagnostic(text, text.indexOf("web"), 3, { severity: "warning" });
    expect(formatDiagnostic(d, text, { color: false }).split("\n").slice(1)).toEqual([
      '  2 | "web";"2024-06-05T16:00:00+02:00";40',
      "    |  ^^^",
    ]);
  });

  it("puts one caret at the end of the line for an empty span there", () => {
    const text = "expect replicas\n";
    const out = formatDiagnostic(diagnostic(text, 15, 0), text, { color: false });
    expect(out.split("\n")[2]).toBe("    |                ^");
  });

  it("cuts spans of five lines or more to their first two and last two lines", () => {
    const text = ["l1", "l2", "l3", "l4", "l5", "l6"].join("\n");
    const out = formatDiagnostic(diagnostic(text, 0, text.length), text, { color: false });
    expect(out).toBe(
      [
        "t.scn:1:1: error: something is wrong",
        "  1 | l1",
        "    | ^^",
        "  2 | l2",
        "    | ^^",
        "  ...",
        "  5 | l5",
        "    | ^^",
        "  6 | l6",
        "    | ^^",
      ].join("\n"),
    );
  });

  it("shows a window of a long line around the span", () => {
    const text = `${"x".repeat(300)} here ${"y".repeat(300)}`;
    const out = formatDiagnostic(diagnostic(text, 301, 4), text, { color: false }).split("\n");
    expect(out[1]).toMatch(/^ {2}1 \| …x+ here y+…$/);
    expect(out[2].indexOf("^")).toBe(out[1].indexOf("here"));
    expect(out[2]).toMatch(/\^{4}$/);
  });

  it("keeps carets aligned under tabs and control characters", () => {
    const text = "\texpect\u0000 bad";
    const out = formatDiagnostic(diagnostic(text, 9, 3), text, { color: false }).split("\n");
    expect(out[1]).toBe("  1 |  expect? bad");
    expect(out[2]).toBe("    |          ^^^");
  });

  it("prints related information with its own frame", () => {
    const text = "at 20s apply a\nat 10s apply b";
    const d = diagnostic(text, 15, 6, {
      related: [{ file: "t.scn", span: spanAt(text, 0, 6), message: "the time was 20s here" }],
    });
    const out = formatDiagnostic(d, text, { color: false });
    expect(out).toContain("t.scn:1:1: note: the time was 20s here\n  1 | at 20s apply a\n    | ^^^^^^");
  });

  it("colours through an injected colorizer only when asked", () => {
    const text = "apply x";
    const d = diagnostic(text, 0, 5, { hint: "h" });
    const tag = (name: string) => (s: string) => `<${name}>${s}</${name}>`;
    const colors = { red: tag("red"), bold: tag("b"), dim: tag("dim"), cyan: tag("cyan") };
    expect(formatDiagnostic(d, text, { color: true, colors })).toContain("<red><b>error</b></red>");
    expect(formatDiagnostic(d, text, { color: true, colors })).toContain("<red>^^^^^</red>");
    expect(formatDiagnostic(d, text, { color: false, colors })).not.toContain("<");
    expect(formatDiagnostic(d, text, { color: true })).toContain("\u001b[31m");
  });

  it("separates several diagnostics with blank lines", () => {
    const text = "a\nb";
    const out = formatDiagnostics([diagnostic(text, 0, 1), diagnostic(text, 2, 1)], text);
    expect(out.split("\n\n")).toHaveLength(2);
  });

  it("frames the same against the text's LineMap (built once for many diagnostics)", () => {
    const text = "set x = 1\nexpect replcas 3\n\tat 5s\n";
    const lines = new LineMap(text);
    for (const d of [diagnostic(text, 17, 7), diagnostic(text, 0, 3), diagnostic(text, 28, 2)])
      expect(formatDiagnostic(d, lines)).toBe(formatDiagnostic(d, text));
  });
});

describe("LineMap", () => {
  it("maps offsets to 1-based lines and columns, CRLF included", () => {
    const map = new LineMap("ab\r\ncd\n\nef");
    expect(map.position(0)).toEqual({ line: 1, col: 1 });
    expect(map.position(2)).toEqual({ line: 1, col: 3 });
    expect(map.position(4)).toEqual({ line: 2, col: 1 });
    expect(map.position(7)).toEqual({ line: 3, col: 1 });
    expect(map.position(99)).toEqual({ line: 4, col: 3 });
    expect(map.lineText(1)).toBe("ab\r");
    expect(map.lineCount).toBe(4);
    expect(map.span(4, 4)).toMatchObject({ line: 2, col: 1, endLine: 4, endCol: 1 });
    expect(map.span(4, 3)).toMatchObject({ line: 2, col: 1, endLine: 3, endCol: 1 });
  });
});
