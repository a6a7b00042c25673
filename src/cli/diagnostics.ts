/**
 * Diagnostics as the CLI prints them, through the project's single renderer (src/dsl's
 * formatDiagnostic): `FILE:LINE:COL: error: message`, the line, a caret under the spot, and
 * the hint. Each diagnostic is framed against the file it points into (the scenario, or a
 * manifest file), read through the host.
 */
import { formatDiagnostic } from "../dsl/codeFrame.ts";
import { LineMap } from "../dsl/span.ts";
import type { Diagnostic } from "../text/diagnostic.ts";
import type { Colors } from "../scenario/report.ts";

/** Render every diagnostic, reading the text each points into through `read` (once a file). */
export function renderDiagnostics(
  diags: readonly Diagnostic[],
  read: (file: string) => string | undefined,
  colors?: Colors,
): string {
  // One LineMap a file: a hundred errors in a large file are framed in one pass over it.
  const cache = new Map<string, LineMap>();
  const linesOf = (f: string): LineMap => {
    let lines = cache.get(f);
    if (lines === undefined) cache.set(f, (lines = new LineMap(read(f) ?? "")));
    return lines;
  };
  const options = colors
    ? { color: true, colors: { red: colors.red, bold: colors.bold, dim: colors.dim, cyan: colors.cyan } }
    : { color: false };
  return diags.map((d) => `${formatDiagnostic(d, linesOf(d.file), options)}\n`).join("\n");
}
