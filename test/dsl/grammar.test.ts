// The documented top rule (`scenario`, in grammar.ebnf and the syntax diagram) and the way
// parseScenario reads a file (statementLine after statementLine) must agree.
import { builtinKinds } from "../../src/k8s/kinds/builtin.ts";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ScenarioParser, scenarioParser } from "../../src/dsl/parser.ts";
import { syntaxErrorProvider } from "../../src/dsl/syntaxErrors.ts";
import { LineMap } from "../../src/dsl/span.ts";
import { toStatements } from "../../src/dsl/toAst.ts";
import { tokenizeScenario } from "../../src/dsl/tokens.ts";
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
    scenarioParser().input = tokenizeScenario(text).tokens;
    const cst = scenarioParser().scenario();
    expect(scenarioParser().errors).toEqual([]);
    const statements = (cst.children.statement ?? []) as { name: string }[];
    expect(statements).toHaveLength(statementsOf(text).length);
    expect(statements.every((s) => s.name === "statement")).toBe(true);
  });

  it("the visitor turns the whole-file CST into the AST parseScenario builds, spans included", () => {
    scenarioParser().input = tokenizeScenario(text).tokens;
    const cst = scenarioParser().scenario();
    const report = (): void => expect.fail("no diagnostics expected");
    const statements = toStatements(cst, {
      file: "test.scn",
      lines: new LineMap(text),
      report,
      kinds: builtinKinds,
    });
    expect(statements).toEqual(statementsOf(text));
  });

  it("refuses two statements without a separator, as parseScenario does", () => {
    scenarioParser().input = tokenizeScenario("apply a apply b").tokens;
    scenarioParser().scenario();
    expect(scenarioParser().errors.length).toBeGreaterThan(0);
  });
});

// The parser every command uses skips Chevrotain's grammar validations at start-up
// (parser.ts); they run here, so a grammar change that makes two alternatives ambiguous, a
// rule left-recursive or an occurrence index repeat still fails.
describe("the grammar's validation", () => {
  it("passes every check Chevrotain makes of a grammar (it throws on the first failure)", () => {
    expect(() => new ScenarioParser(syntaxErrorProvider)).not.toThrow();
  });

  it("analyses the same grammar as the parser every command uses", () => {
    const validated = new ScenarioParser(syntaxErrorProvider);
    expect(validated.getSerializedGastProductions()).toEqual(scenarioParser().getSerializedGastProductions());
  });
});

describe("the parser's cached bodies", () => {
  it("uses each cache key at one call site only (a shared key would run another site's body)", () => {
    const source = readFileSync(new URL("../../src/dsl/parser.ts", import.meta.url), "utf8");
    const keys = [...source.matchAll(/this\.(alts|bodies)\.(\w+) \?\?=/g)].map((m) => `${m[1]}.${m[2]}`);
    expect(keys.length).toBeGreaterThan(40);
    expect(keys.filter((key, i) => keys.indexOf(key) !== i)).toEqual([]);
  });
});
