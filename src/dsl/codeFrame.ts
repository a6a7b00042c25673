/**
 * The single renderer of diagnostics (after TypeScript's formatDiagnosticsWithColorAndContext):
 *
 *     demo.scn:3:27: error: expected a duration such as 30s after `within`, found `3`
 *       3 | expect replicas 3 within 3
 *         |                          ^
 *     hint: durations carry a unit: 500ms, 15s, 5m, 2h, 1d or 1m30s
 *
 * Spans of five lines or more show their first two and last two lines. Colours come from an
 * injected colorizer (plain by default) so that the core stays free of terminal concerns.
 */
import type { Span } from "./ast.ts";
import type { Diagnostic } from "../text/diagnostic.ts";
import { LineMap } from "./span.ts";

export interface Colorizer {
  red: (s: string) => string;
  bold: (s: string) => string;
  dim: (s: string) => string;
  cyan: (s: string) => string;
}

const same = (s: string): string => s;
export const plainColors: Colorizer = { red: same, bold: same, dim: same, cyan: same };

const sgr = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;
/** ANSI SGR colours, for callers that have no colour library of their own. */
export const ansiColors: Colorizer = {
  red: sgr(31, 39),
  bold: sgr(1, 22),
  dim: sgr(2, 22),
  cyan: sgr(36, 39),
};

export interface FormatOptions {
  color: boolean;
  /** Used when `color` is true; ANSI colours by default. */
  colors?: Colorizer;
}

/** Lines wider than this are shown as a window around the span. */
const maxLineWidth = 120;
const windowLead = 40;

/**
 * One diagnostic framed against its text. Pass the text's LineMap instead of the text when
 * rendering many diagnostics of one text: building it is a pass over the whole text, and a
 * hundred errors in a megabyte file would otherwise cost a hundred passes.
 */
export function formatDiagnostic(
  d: Diagnostic,
  source: string | LineMap,
  options: FormatOptions = { color: false },
): string {
  const c = options.color ? (options.colors ?? ansiColors) : plainColors;
  const lines = typeof source === "string" ? new LineMap(source) : source;
  const severity = d.severity === "error" ? c.red(c.bold("error")) : c.cyan(c.bold("warning"));
  const out = [`${c.bold(`${d.file}:${d.span.line}:${d.span.col}`)}: ${severity}: ${d.message}`];
  out.push(...codeFrame(lines, d.span, c, c.red));
  if (d.hint !== undefined) out.push(`${c.cyan("hint")}: ${d.hint}`);
  for (const r of d.related ?? []) {
    if (r.span === undefined || (r.file !== undefined && r.file !== d.file)) {
      out.push(`${c.dim(r.file ?? d.file)}: ${r.message}`);
      continue;
    }
    out.push(
      `${c.bold(`${r.file ?? d.file}:${r.span.line}:${r.span.col}`)}: ${c.cyan("note")}: ${r.message}`,
    );
    out.push(...codeFrame(lines, r.span, c, c.cyan));
  }
  return out.join("\n");
}

/** Several diagnostics, separated by blank lines. */
export function formatDiagnostics(
  ds: readonly Diagnostic[],
  sourceText: string,
  options: FormatOptions = { color: false },
): string {
  const lines = new LineMap(sourceText);
  return ds.map((d) => formatDiagnostic(d, lines, options)).join("\n\n");
}

/** The span's lines with a gutter and carets under the span. */
function codeFrame(lines: LineMap, span: Span, c: Colorizer, mark: (s: string) => string): string[] {
  if (sourceHasNoLine(lines, span.line)) return [];
  const last = Math.max(
    span.line,
    span.length === 0 ? span.line : lines.position(span.offset + span.length - 1).line,
  );
  let shown: (number | undefined)[] = [];
  for (let l = span.line; l <= last; l++) shown.push(l);
  if (shown.length >= 5) shown = [span.line, span.line + 1, undefined, last - 1, last];
  const width = String(last).length;
  const gutter = (label: string) => c.dim(`${label.padStart(width + 2)} | `);
  const out: string[] = [];
  for (const l of shown) {
    if (l === undefined) {
      out.push(c.dim(`  ...`));
      continue;
    }
    // A CRLF file's line ends in "\r", its line break's, not one of its characters to show.
    const line = lines.lineText(l);
    const text = line.endsWith("\r") ? line.slice(0, -1) : line;
    const from = l === span.line ? span.col - 1 : 0;
    const to =
      l === last
        ? span.length === 0
          ? from + 1
          : lines.position(span.offset + span.length).col - 1
        : text.length;
    const window = windowFor(text, from);
    const visible = printable(text.slice(window.start, window.start + maxLineWidth));
    out.push(
      `${gutter(String(l))}${window.start > 0 ? "…" : ""}${visible}${window.start + maxLineWidth < text.length ? "…" : ""}`,
    );
    const caretFrom = Math.max(0, from - window.start) + (window.start > 0 ? 1 : 0);
    const caretCount = Math.max(1, Math.min(to, window.start + maxLineWidth) - Math.max(from, window.start));
    out.push(`${gutter("")}${" ".repeat(caretFrom)}${mark("^".repeat(caretCount))}`.trimEnd());
  }
  return out;
}

const sourceHasNoLine = (lines: LineMap, line: number): boolean => line < 1 || line > lines.lineCount;

/** Which part of a long line to show so that column `from` is visible. */
function windowFor(text: string, from: number): { start: number } {
  if (text.length <= maxLineWidth || from < maxLineWidth - windowLead) return { start: 0 };
  return { start: Math.max(0, from - windowLead) };
}

/** One printable character per source character, so carets stay aligned. */
function printable(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 9) out += " ";
    else if (code < 32 || code === 127 || (code >= 0xd800 && code <= 0xdfff)) out += "?";
    else out += text[i];
  }
  return out;
}
