/**
 * The golden corpus's record of one scenario, made through the package's public API (the
 * Node entry, src/node.ts) exactly as the CLI prints it:
 *
 * - `NAME.json`: what `replicast run FILE --json` prints. It has no wall-clock field:
 *   `duration` is simulated seconds, and two runs of the whole corpus in different orders
 *   and processes give identical bytes (`npx tsx scripts/golden.ts check-determinism`).
 * - `NAME.txt`: what `replicast run FILE` prints without a terminal — the diagnostics
 *   (stderr, rendered as the CLI renders them) and the text report (stdout).
 * - `NAME.trace.json`: SHA-256 digests of the trace's parts in canonical JSON (RFC 8785, the
 *   `canonicalize` package): the end time, the series of each kind, load, decisions, events
 *   and notes, each with its item count, so a mismatch says which part moved.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import canonicalize from "canonicalize";
import {
  formatDiagnostic,
  formatReport,
  noColors,
  resultToJson,
  runScenario,
  type Trace,
} from "../../src/node.ts";
import { writeResultJson } from "../../src/scenario/result.ts";

/** Where the generated scenarios and the expected records live, relative to the repository root. */
export const SCENARIOS_DIR = "test/golden/scenarios";
export const EXPECTED_DIR = "test/golden/expected";

/** Folders of the repository whose scenarios join the corpus by reference (not copied). */
export const REFERENCED_DIRS = ["scenarios", "examples"];

export interface CorpusEntry {
  /** The scenario file, relative to the repository root, with `/` separators. */
  path: string;
  /** Its records' name under test/golden/expected/ (without extension). */
  key: string;
}

function scnFiles(root: string, dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(join(root, d), { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      if (e.name === "node_modules") continue;
      const p = `${d}/${e.name}`;
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".scn")) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/**
 * Every scenario of the corpus: the generated ones (key: their path under scenarios/), then the
 * repository's own seed scenarios, traps and examples (key: `repo/` + their path).
 */
export function corpus(root: string): CorpusEntry[] {
  const generated = scnFiles(root, SCENARIOS_DIR).map((path) => ({
    path,
    key: path.slice(SCENARIOS_DIR.length + 1, -".scn".length),
  }));
  const referenced = REFERENCED_DIRS.flatMap((d) => scnFiles(root, d)).map((path) => ({
    path,
    key: `repo/${path.slice(0, -".scn".length)}`,
  }));
  return [...generated, ...referenced];
}

export const expectedFiles = (root: string, key: string) => ({
  json: join(root, EXPECTED_DIR, `${key}.json`),
  txt: join(root, EXPECTED_DIR, `${key}.txt`),
  trace: join(root, EXPECTED_DIR, `${key}.trace.json`),
});

export interface Recorded {
  json: string;
  txt: string;
  trace: string;
  /**
   * `replicast run --json`'s text (the series too) as the CLI writes it, in pieces with the
   * events read from the trace (writeResultJson), and as JSON.stringify writes it whole: the
   * corpus checks they are the same text. Not recorded.
   */
  cli: { pieces: string; whole: string };
}

export interface PartDigest {
  sha256: string;
  /** Points (series), entries (events, decisions, notes) or load points. */
  items: number;
}

const sha256 = (s: string): string => createHash("sha256").update(s).digest("hex");

const seriesPoints = (byName: Record<string, readonly unknown[]>): number =>
  Object.values(byName).reduce((n, pts) => n + pts.length, 0);

/** The trace cut into the parts a rewrite could move independently, each digested. */
export function traceDigests(trace: Trace | undefined): Record<string, PartDigest | number | null> {
  if (!trace) return { end: null };
  const out: Record<string, PartDigest | number | null> = { end: trace.end };
  const kinds = Object.keys(trace.series).sort() as (keyof Trace["series"])[];
  for (const kind of kinds) {
    const byName = trace.series[kind] as Record<string, readonly unknown[]>;
    out[`series.${kind}`] = { sha256: sha256(canonicalize(byName) ?? ""), items: seriesPoints(byName) };
  }
  out.load = { sha256: sha256(canonicalize(trace.load) ?? ""), items: seriesPoints(trace.load) };
  out.decisions = { sha256: sha256(canonicalize(trace.decisions) ?? ""), items: trace.decisions.length };
  out.events = { sha256: sha256(canonicalize(trace.events) ?? ""), items: trace.events.length };
  const notes = trace.notes ?? [];
  out.notes = { sha256: sha256(canonicalize(notes) ?? ""), items: notes.length };
  return out;
}

/**
 * Run one scenario through the public API and render its three records. `path` is relative
 * to the repository root, which must be the working directory: the records hold the path as
 * a user at the root would type it.
 */
export async function recordScenario(path: string): Promise<Recorded> {
  const r = await runScenario({ path });
  // First, while the result's events are not made yet (resultToJson makes them).
  const pieces: string[] = [];
  writeResultJson(r, (p) => void pieces.push(p), { series: true });
  const read = (f: string): string => {
    try {
      return readFileSync(f, "utf8");
    } catch {
      return "";
    }
  };
  // The CLI prints diagnostics to stderr first, each framed against the file it points into.
  const diagnostics = r.diagnostics
    .map((d) => `${formatDiagnostic(d, read(d.file), { color: false })}\n`)
    .join("\n");
  return {
    json: JSON.stringify(resultToJson(r), null, 2) + "\n",
    txt: (diagnostics ? `${diagnostics}\n` : "") + formatReport(r, noColors),
    trace: JSON.stringify(traceDigests(r.trace), null, 2) + "\n",
    cli: { pieces: pieces.join(""), whole: JSON.stringify(resultToJson(r, { series: true }), null, 2) },
  };
}

/** The first line where two texts differ, for a failure message a person can act on. */
export function firstDifference(expected: string, actual: string): string | undefined {
  if (expected === actual) return undefined;
  const e = expected.split("\n");
  const a = actual.split("\n");
  for (let i = 0; i < Math.max(e.length, a.length); i++) {
    if (e[i] !== a[i])
      return `line ${i + 1}:\n  expected: ${e[i] === undefined ? "(end of file)" : JSON.stringify(e[i])}\n  actual:   ${a[i] === undefined ? "(end of file)" : JSON.stringify(a[i])}`;
  }
  return "the texts differ only in their final newline";
}

/** Which trace parts moved, from two `.trace.json` records. */
export function movedParts(expected: string, actual: string): string[] {
  const e = JSON.parse(expected) as Record<string, unknown>;
  const a = JSON.parse(actual) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(e), ...Object.keys(a)])];
  return keys
    .filter((k) => JSON.stringify(e[k]) !== JSON.stringify(a[k]))
    .map((k) => `${k}: expected ${JSON.stringify(e[k])}, got ${JSON.stringify(a[k])}`);
}
