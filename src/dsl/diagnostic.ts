/**
 * Diagnostics are data: produced anywhere in the core (lexer, parser, plan, manifest
 * loading, kubectl parsing), rendered once at the edge by `formatDiagnostic` (codeFrame.ts).
 * Messages come from one catalogue (messages.ts) so that codes stay unique and wording is
 * tested exactly.
 */
import type { Span } from "./ast.ts";

export interface RelatedInfo {
  file?: string;
  span?: Span;
  message: string;
}

export interface Diagnostic {
  /** Stable code, e.g. "RC1001". */
  code: string;
  severity: "error" | "warning";
  /** The file the span points into (a scenario, or a manifest file). */
  file: string;
  span: Span;
  message: string;
  hint?: string;
  related?: RelatedInfo[];
}
