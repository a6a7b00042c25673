/**
 * Source positions. Lines and columns are 1-based; a column counts UTF-16 code units (what
 * JavaScript strings index), and only "\n" ends a line ("\r\n" files work: the "\r" is the
 * last character of its line). `endLine`/`endCol` point just past the last character, so a
 * one-line span has `length === endCol - col`.
 */
import type { Span } from "./ast.ts";

/** Offsets of line starts, for offset → line/column lookups in O(log lines). */
export class LineMap {
  private readonly starts: number[];

  constructor(readonly text: string) {
    // Filled in one pass into room for lines of 16 characters on average (at most 65,536 of
    // them: a huge text of long lines reserves no more), grown past that, then cut to size:
    // pushing one start per line grew (and copied) the array a dozen times for a long file,
    // and counting the lines first searched the text twice.
    const starts = new Array<number>(Math.min(text.length >> 4, 65_536) + 1);
    starts[0] = 0;
    let n = 1;
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts[n++] = i + 1;
    starts.length = n;
    this.starts = starts;
  }

  /** Index of the line found last: the visitor asks in source order, so it is usually right. */
  private last = 0;

  /** 1-based line and column of an offset (offsets past the end clamp to the end). */
  position(offset: number): { line: number; col: number } {
    const at = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineIndex(at);
    return { line: line + 1, col: at - this.starts[line] + 1 };
  }

  /** 0-based index of the line holding an offset already clamped to the text. */
  private lineIndex(at: number): number {
    const starts = this.starts;
    const guess = this.last;
    if (starts[guess] <= at && (guess + 1 === starts.length || at < starts[guess + 1])) return guess;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= at) lo = mid;
      else hi = mid - 1;
    }
    this.last = lo;
    return lo;
  }

  /** The span of `length` characters from `offset`. */
  span(offset: number, length: number): Span {
    const start = Math.max(0, Math.min(offset, this.text.length));
    const len = Math.max(0, Math.min(length, this.text.length - start));
    const a = this.lineIndex(start);
    const b = this.lineIndex(start + len);
    return {
      offset: start,
      length: len,
      line: a + 1,
      col: start - this.starts[a] + 1,
      endLine: b + 1,
      endCol: start + len - this.starts[b] + 1,
    };
  }

  /** The span from `start` up to (not including) `end`. */
  range(start: number, end: number): Span {
    return this.span(start, end - start);
  }

  /** Where the line after 1-based line `line` starts, or -1 when `line` is the last. */
  nextLineStart(line: number): number {
    return line < this.starts.length ? this.starts[line] : -1;
  }

  /** Text of a 1-based line, without its newline. */
  lineText(line: number): string {
    const start = this.starts[line - 1];
    if (start === undefined) return "";
    const next = this.starts[line];
    return this.text.slice(start, next === undefined ? this.text.length : next - 1);
  }

  get lineCount(): number {
    return this.starts.length;
  }
}

/** A span for `length` characters at `offset` in `text` (for callers outside the parser). */
export function spanAt(text: string, offset: number, length: number): Span {
  return new LineMap(text).span(offset, length);
}
