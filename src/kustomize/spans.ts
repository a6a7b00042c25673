/** Spans in a kustomization's files, for the caret form every input error takes. */
import type { Span } from "../text/diagnostic.ts";

/** The span of [start, end) in `text`: 1-based lines and columns, as src/dsl/span.ts counts them. */
export function spanOf(text: string, start: number, end: number): Span {
  const s = Math.max(0, Math.min(start, text.length));
  const e = Math.max(s, Math.min(end, text.length));
  const pos = (offset: number): { line: number; col: number } => {
    let line = 1;
    let lineStart = 0;
    for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) {
      line++;
      lineStart = i + 1;
    }
    return { line, col: offset - lineStart + 1 };
  };
  const a = pos(s);
  const b = pos(e);
  return { offset: s, length: e - s, line: a.line, col: a.col, endLine: b.line, endCol: b.col };
}
