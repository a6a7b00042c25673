// Shared by the language tests: parse and drop positions, to compare meaning only.
import { expect } from "vitest";
import type { Statement } from "../../src/dsl/ast.ts";
import { parseScenario } from "../../src/dsl/index.ts";

/** A deep copy without `span`/`…Span` keys. */
export function withoutSpans<T>(value: T): T {
  return JSON.parse(
    JSON.stringify(value, (key, v: unknown) => (key === "span" || key.endsWith("Span") ? undefined : v)),
  ) as T;
}

/** Statements of a text that must parse without diagnostics. */
export function statementsOf(text: string): Statement[] {
  const result = parseScenario(text, "test.scn");
  expect(result.diagnostics.map((d) => `${d.span.line}:${d.span.col} ${d.code} ${d.message}`)).toEqual([]);
  return result.scenario!.statements;
}

/** The one statement a text holds, without spans. */
export function onlyStatement(text: string): unknown {
  const statements = statementsOf(text);
  expect(statements).toHaveLength(1);
  return withoutSpans(statements[0]);
}

/** Diagnostics of a text as "LINE:COL CODE message". */
export function problems(text: string): string[] {
  return parseScenario(text, "test.scn").diagnostics.map(
    (d) => `${d.span.line}:${d.span.col} ${d.code} ${d.message}`,
  );
}
