/**
 * A run whose only reader is its output (`replicast run` without a chart: src/cli/run.ts)
 * leaves out the series nothing there reads (src/scenario/traceReads.ts). Every scenario of the
 * golden corpus runs that way here, and must print what its records hold: the text report and
 * `--json` byte for byte, `--json` with its series written in pieces as the CLI writes it, and
 * every part of its trace that was recorded with the digest the full run's trace has. A reader
 * the reckoning missed reads a series that throws (recorder.ts), and fails its scenario here.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { corpus, expectedFiles, firstDifference, traceDigests } from "../../scripts/golden/record.ts";
import { formatDiagnostic, formatReport, noColors, resultToJson, runScenario } from "../../src/node.ts";
import type { Trace } from "../../src/engine/trace.ts";
import { writeResultJson } from "../../src/scenario/result.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
const entries = corpus(root);

/** The trace with only the series it recorded (a series left out throws when read). */
function recordedPart(trace: Trace): { trace: Trace; left: string[] } {
  const series: Record<string, unknown> = {};
  const left: string[] = [];
  for (const kind of Object.keys(trace.series))
    try {
      series[kind] = trace.series[kind];
    } catch {
      left.push(kind);
    }
  return { trace: { ...trace, series: series as Trace["series"] }, left };
}

describe("the golden corpus, its output alone reading the trace", () => {
  let leftOut = 0;
  for (const entry of entries) {
    it(entry.key, async () => {
      const r = await runScenario({ path: entry.path }, { outputOnly: true });
      const files = expectedFiles(root, entry.key);
      const pieces: string[] = [];
      writeResultJson(r, (p) => void pieces.push(p), { series: true });
      const diagnostics = r.diagnostics
        .map((d) => `${formatDiagnostic(d, readFileSync(d.file, "utf8"), { color: false })}\n`)
        .join("\n");
      const txt = (diagnostics ? `${diagnostics}\n` : "") + formatReport(r, noColors);
      const json = JSON.stringify(resultToJson(r), null, 2) + "\n";
      const problems: string[] = [];
      const jsonDiff = firstDifference(readFileSync(files.json, "utf8"), json);
      if (jsonDiff) problems.push(`--json differs at ${jsonDiff}`);
      const txtDiff = firstDifference(readFileSync(files.txt, "utf8"), txt);
      if (txtDiff) problems.push(`the report differs at ${txtDiff}`);
      const inPieces = firstDifference(
        JSON.stringify(resultToJson(r, { series: true }), null, 2),
        pieces.join(""),
      );
      if (inPieces) problems.push(`--json in pieces differs at ${inPieces}`);
      if (r.trace) {
        const { trace, left } = recordedPart(r.trace);
        // Only pods' and ReplicaSets' series are ever left out.
        expect(left.filter((k) => k !== "Pod" && k !== "ReplicaSet")).toEqual([]);
        leftOut += left.length;
        const expected = JSON.parse(readFileSync(files.trace, "utf8")) as Record<string, unknown>;
        const actual = traceDigests(trace);
        for (const [part, digest] of Object.entries(actual))
          if (JSON.stringify(expected[part]) !== JSON.stringify(digest))
            problems.push(`trace part ${part} moved`);
      }
      expect(problems, entry.path).toEqual([]);
    });
  }

  it("left series out of most runs (the reckoning is not all 'read')", () => {
    // Runs after the scenarios above (vitest runs a file's tests in order).
    expect(leftOut).toBeGreaterThan(entries.length);
  });
});
