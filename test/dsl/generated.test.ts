// The artefacts drawn from the grammar stay in step with it: the CST types and the syntax
// diagram are regenerated in memory and compared with the committed files; the README's
// settings table with SETTINGS; the EBNF must name every rule and keyword.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  paths,
  renderCstDts,
  renderSettingsTable,
  renderSyntaxDiagram,
  spliceSettingsTable,
} from "../../scripts/gen-grammar.ts";
import { parseScenario } from "../../src/dsl/index.ts";
import { scenarioParser } from "../../src/dsl/parser.ts";
import { keywordWords } from "../../src/dsl/tokens.ts";
import { SETTINGS } from "../../src/k8s/settings.ts";

const stale = "is stale: run `npx tsx scripts/gen-grammar.ts`";

describe("generated grammar artefacts", () => {
  it("src/dsl/cst.d.ts matches generateCstDts", async () => {
    expect(readFileSync(paths.cstDts, "utf8"), `cst.d.ts ${stale}`).toBe(await renderCstDts());
  });

  it("grammar/syntax-diagram.html matches createSyntaxDiagramsCode", () => {
    const html = readFileSync(paths.diagram, "utf8");
    expect(html, `syntax-diagram.html ${stale}`).toBe(renderSyntaxDiagram());
    expect(html).toContain("expectStatement");
  });

  it("grammar/README.md lists every setting with its default", () => {
    const readme = readFileSync(paths.readme, "utf8");
    expect(readme, `README settings table ${stale}`).toBe(spliceSettingsTable(readme));
    for (const setting of SETTINGS) expect(renderSettingsTable()).toContain(`\`${setting.key}\``);
    expect(renderSettingsTable()).toContain("| `hpa.downscale-stabilization` | duration | `5m` |");
  });
});

describe("grammar/grammar.ebnf", () => {
  const ebnf = readFileSync(new URL("../../grammar/grammar.ebnf", import.meta.url), "utf8");
  const defined = new Set([...ebnf.matchAll(/^([A-Za-z]+)\s*=/gm)].map((m) => m[1]));

  it("defines every parser rule", () => {
    const rules = scenarioParser().getGAstProductions();
    for (const rule of Object.keys(rules)) expect(defined.has(rule), rule).toBe(true);
  });

  it("names every keyword", () => {
    for (const word of keywordWords) expect(ebnf, word).toContain(`"${word}"`);
  });

  it("defines only rules the parser has, besides tokens", () => {
    const rules = new Set(Object.keys(scenarioParser().getGAstProductions()));
    const lowerCase = [...defined].filter((name) => /^[a-z]/.test(name));
    expect(lowerCase.filter((name) => !rules.has(name))).toEqual([]);
  });
});

describe("grammar/README.md", () => {
  const readme = readFileSync(new URL("../../grammar/README.md", import.meta.url), "utf8");
  const examples = [...readme.matchAll(/```scn\n([\s\S]*?)```/g)].map((m) => m[1]);

  it("has scenario examples", () => {
    expect(examples.length).toBeGreaterThanOrEqual(5);
  });

  it.each(examples.map((text, i) => [i + 1, text] as const))(
    "example %i parses without diagnostics",
    (_i, text) => {
      const { diagnostics } = parseScenario(text, "README.scn");
      expect(diagnostics.map((d) => `${d.span.line}:${d.span.col} ${d.message}`)).toEqual([]);
    },
  );
});
