// parseScenario lexes and parses a long file a few hundred lines at a time (src/dsl/index.ts,
// lexRange; tokens.ts, tokenizeRange), so that each range's tokens die young. Neither the
// tokens nor the diagnostics may depend on where the ranges are cut.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseScenario, type Diagnostic } from "../../src/dsl/index.ts";
import * as T from "../../src/dsl/tokens.ts";

const repo = join(import.meta.dirname, "../..");

function scnFiles(dir: string): string[] {
  return readdirSync(join(repo, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".scn"))
    .map((e) => join(e.parentPath, e.name));
}

/** A token as data: its type, text, offset and the offsets its payload holds. */
const tokenData = (t: {
  tokenType: { name: string };
  image: string;
  startOffset: number;
  payload?: unknown;
}) => JSON.stringify([t.tokenType.name, t.image, t.startOffset, t.payload ?? null]);

/** The offsets just past each newline: where a range may start. */
function lineStarts(text: string): number[] {
  const starts: number[] = [];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

/** The diagnostics with their positions moved `lines` lines and `chars` characters up. */
const movedUp = (diagnostics: Diagnostic[], lines: number, chars: number): unknown =>
  JSON.parse(
    JSON.stringify(diagnostics, (key, value: unknown) =>
      key === "offset" && typeof value === "number"
        ? value - chars
        : (key === "line" || key === "endLine") && typeof value === "number"
          ? value - lines
          : value,
    ),
  );

describe("lexing a file range by range", () => {
  it("gives the whole file's tokens, payload offsets included, wherever a range starts", () => {
    const files = [...scnFiles("scenarios"), ...scnFiles("test/dsl/golden")];
    expect(files.length).toBeGreaterThan(50);
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      const whole = T.tokenizeScenario(text);
      // Ranges may not cut a heredoc: only line starts outside every heredoc's lines.
      const inside = whole.tokens
        .filter((t) => t.tokenType === T.Heredoc)
        .map((t) => [t.startOffset, t.startOffset + t.image.length]);
      const cuts = lineStarts(text).filter((o) => !inside.some(([a, b]) => o > a && o <= b));
      for (const cut of cuts.filter((_, i) => i % 3 === 0)) {
        const head = T.tokenizeRange(text, 0, cut);
        const tail = T.tokenizeRange(text, cut, text.length);
        expect([...head.tokens, ...tail.tokens].map(tokenData), `${file} cut at ${cut}`).toEqual(
          whole.tokens.map(tokenData),
        );
        expect([...head.errors, ...tail.errors].map((e) => [e.offset, e.length])).toEqual(
          whole.errors.map((e) => [e.offset, e.length]),
        );
      }
    }
  });

  it("reports what the file holds wherever the ranges fall: broken files moved down across a range's end", () => {
    // Each broken file of the DSL's golden corpus, moved down by blank lines so that the
    // boundary between the first two ranges (256 lines) falls on each of its first lines,
    // heredocs and unterminated ones included: the same diagnostics, moved.
    const files = scnFiles("test/dsl/golden");
    let compared = 0;
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      const expected = parseScenario(text, "x.scn").diagnostics;
      const lines = text.split("\n").length;
      for (let pad = 256 - Math.min(lines, 12); pad <= 256; pad++) {
        const padded = "\n".repeat(pad) + text;
        const actual = parseScenario(padded, "x.scn").diagnostics;
        expect(movedUp(actual, pad, pad), `${file} moved ${pad} lines down`).toEqual(
          JSON.parse(JSON.stringify(expected)),
        );
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(100);
  });

  it("reads a heredoc that runs past a range's end, and one that never ends, as one token", () => {
    const manifest = ["apiVersion: v1", "kind: ConfigMap", "metadata:", "  name: c"];
    const body = Array.from({ length: 300 }, (_, i) => `  k${i}: v`);
    const text = `manifest c = <<YAML\n${[...manifest, "data:", ...body].join("\n")}\nYAML\napply c\nexpect bogus 3\n`;
    const r = parseScenario(text, "x.scn");
    expect(r.diagnostics.map((d) => [d.span.line, d.message])).toEqual([
      [309, expect.stringContaining("bogus")],
    ]);
    const open = parseScenario(
      `${"expect replicas 1\n".repeat(250)}apply <<YAML\n${"a: 1\n".repeat(20)}`,
      "y.scn",
    );
    expect(open.diagnostics.map((d) => [d.span.line, d.code])).toEqual([[251, expect.any(String)]]);
    expect(open.diagnostics[0].message).toContain("YAML");
  });
});
