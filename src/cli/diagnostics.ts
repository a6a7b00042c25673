/**
 * Diagnostics as the CLI prints them: `FILE:LINE:COL: severity: message`, the line, a caret
 * under the spot (tildes under the rest of a one-line span), and the hint.
 */
import type { Diagnostic } from "../dsl/diagnostic.ts";
import type { Colors } from "../scenario/report.ts";
import { noColors } from "../scenario/report.ts";

/**
 * Render one diagnostic against the text of the file it points into (undefined: no frame).
 * Example:
 *     web.scn:3:8: error: unknown setting "hpa.sync-perod"
 *       3 | set hpa.sync-perod = 15s
 *         |     ^~~~~~~~~~~~~~
 *       = hint: did you mean "hpa.sync-period"?
 */
export function renderDiagnostic(d: Diagnostic, text: string | undefined, c: Colors = noColors): string {
  const sev = d.severity === "error" ? c.red("error") : c.yellow("warning");
  const out = [
    `${c.bold(`${d.file}:${d.span.line}:${d.span.col}`)}: ${sev}: ${d.message}${d.code ? c.dim(` [${d.code}]`) : ""}`,
  ];
  const lines = text?.split(/\r?\n/);
  const line = lines?.[d.span.line - 1];
  if (line !== undefined) {
    const gutter = String(d.span.line);
    const pad = " ".repeat(gutter.length);
    const width =
      d.span.endLine === d.span.line
        ? Math.max(1, d.span.endCol - d.span.col)
        : Math.max(1, line.length - d.span.col + 1);
    const lead = line.slice(0, d.span.col - 1).replace(/[^\t]/g, " ");
    out.push(`  ${c.dim(`${gutter} |`)} ${line}`);
    out.push(`  ${c.dim(`${pad} |`)} ${lead}${c.red(`^${"~".repeat(Math.max(0, width - 1))}`)}`);
  }
  if (d.hint) out.push(`  = hint: ${d.hint}`);
  for (const r of d.related ?? [])
    out.push(`  = note: ${r.file && r.span ? `${r.file}:${r.span.line}:${r.span.col}: ` : ""}${r.message}`);
  return out.join("\n") + "\n";
}

/** Render every diagnostic, reading the text each points into through `read` (cached). */
export function renderDiagnostics(
  diags: readonly Diagnostic[],
  read: (file: string) => string | undefined,
  c: Colors = noColors,
): string {
  const cache = new Map<string, string | undefined>();
  const textOf = (f: string): string | undefined => {
    if (!cache.has(f)) cache.set(f, read(f));
    return cache.get(f);
  };
  return diags.map((d) => renderDiagnostic(d, textOf(d.file), c)).join("");
}
