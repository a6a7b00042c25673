// The documented top rule (`scenario`, in grammar.ebnf and the syntax diagram) and the way
// parseScenario reads a file (statementLine after statementLine) must agree.
import { describe, expect, it } from "vitest";
import { scenarioParser } from "../../src/dsl/parser.ts";
import { scenarioLexer } from "../../src/dsl/tokens.ts";
import { statementsOf } from "./helpers.ts";

const text = [
  'scenario "x"',
  "manifest d = <<YAML\nkind: Deployment\nYAML",
  "at 0s apply d; at 60s load cpu 180%; expect replicas 3 within 30s",
  "",
  "after 1m",
  "kubectl get pods # comment",
  "expect hpa scale-events <= 4 per 10m;",
].join("\n");

describe("the scenario rule", () => {
  it("parses a whole valid file into the same statements", () => {
    scenarioParser.input = scenarioLexer.tokenize(text).tokens;
    const cst = scenarioParser.scenario();
    expect(scenarioParser.errors).toEqual([]);
    const statements = (cst.children.statement ?? []) as { name: string }[];
    expect(statements).toHaveLength(statementsOf(text).length);
    expect(statements.every((s) => s.name === "statement")).toBe(true);
  });

  it("refuses two statements without a separator, as parseScenario does", () => {
    scenarioParser.input = scenarioLexer.tokenize("apply a apply b").tokens;
    scenarioParser.scenario();
    expect(scenarioParser.errors.length).toBeGreaterThan(0);
  });
});
