/**
 * Diagnostics as the CLI prints them, through the project's single renderer (src/dsl's
 * formatDiagnostic): `FILE:LINE:COL: error: message`, the line, a caret under the spot, and
 * the hint. Each diagnostic is framed against the file it points into (the scenario, or a
 * manifest file), read through the host.
 */
import { formatDiagnostic } from "../dsl/codeFrame.ts";
import type { Diagnostic } from "../text/diagnostic.ts";
import type { Colors } from "../scenario/report.ts";

/** Render every diagnostic, reading the text each points into through `read` (cached). */
export function renderDiagnostics(
  diags: readonly Diagnostic[],
  read: (file: string) => string | undefined,
  colors?: Colors,
): string {
  const cache = new Map<string, string | undefined>();
  const textOf = (f: string): string | undefined => {
    if (!cache.has(f)) cache.set(f, read(f));
    return cache.get(f);
  };
  const options = colors
    ? { color: true, colors: { red: colors.red, bold: colors.bold, dim: colors.dim, cyan: colors.cyan } }
    : { color: false };
  return diags.map((d) => `${formatDiagnostic(d, textOf(d.file) ?? "", options)}\n`).join("\n");
}
