/**
 * Diagnostics are data: produced anywhere in the core (lexer, parser, plan, manifest
 * loading, kubectl parsing), rendered once at the edge by `formatDiagnostic`
 * (src/dsl/codeFrame.ts). Each layer's messages come from its own catalogue with unique
 * codes, so wording is tested exactly. They live here, below every layer that reports one
 * (manifest loading in src/k8s reports them as the language does).
 */

/**
 * 1-based line and column of the first character; `length` in characters from `offset`.
 * Columns count UTF-16 code units; `endLine`/`endCol` point just past the last character
 * (a one-line span has `length === endCol - col`). src/dsl/span.ts builds them (`spanAt`).
 */
export interface Span {
  offset: number;
  length: number;
  line: number;
  col: number;
  endLine: number;
  endCol: number;
}

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
