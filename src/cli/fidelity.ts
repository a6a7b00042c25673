/**
 * `replicast fidelity [FILES...]` (and `npm run fidelity -- [FILES...]` in a checkout): runs
 * every vector of the given vector files — by default the ones shipped in the package's
 * `vectors/` folder — through src/fidelity, prints each failure, a count per file and a total.
 *
 * Exit status: 0 every vector passes; 1 a vector fails; 2 a file cannot be used (unreadable,
 * not JSON, not a list of vectors). A file that cannot be used is never half-run: none of its
 * vectors count, and the total says so.
 *
 * Example output:
 *     vectors/deploy-vectors.json: 139 passed, 0 failed
 *     vectors/hpa-vectors.json: 166 passed, 0 failed
 *     305 passed, 0 failed
 */
import { isAbsolute, relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { CliIO } from "./io.ts";

/**
 * The vector files the package ships: `vectors/` beside `dist/` in the package, beside `src/`
 * in a checkout. Both this file (src/cli/) and the bundled bin (dist/bin/) sit two folders
 * below the root, so one relative URL finds them from either.
 */
export const DEFAULT_VECTOR_FILES: readonly string[] = ["deploy-vectors.json", "hpa-vectors.json"].map((f) =>
  fileURLToPath(new URL(`../../vectors/${f}`, import.meta.url)),
);

/** A path as the user reads it best: relative to the working folder when it is inside it. */
function shown(path: string): string {
  if (!isAbsolute(path)) return path;
  const rel = relative(process.cwd(), path);
  return rel.startsWith("..") || isAbsolute(rel) ? path : rel;
}

export async function fidelityCommand(files: readonly string[], io: CliIO): Promise<number> {
  // The runners load on first use, as the simulator does for `run`.
  const { parseVectors, runVectors } = await import("../fidelity/index.ts");
  const chosen = files.length > 0 ? files : DEFAULT_VECTOR_FILES;
  let passed = 0;
  let failed = 0;
  let unusable = 0;
  const lines: string[] = [];
  for (const file of chosen) {
    const name = shown(file);
    const text = io.host.readFile(file);
    if (text === undefined) {
      io.stderr(`replicast fidelity: ${name}: cannot read the file\n`);
      unusable++;
      continue;
    }
    const vectors = parseVectors(text, name);
    if (!Array.isArray(vectors)) {
      io.stderr(`replicast fidelity: ${name}: ${vectors.message}\n`);
      unusable++;
      continue;
    }
    const outcomes = runVectors(vectors);
    for (const o of outcomes.filter((x) => !x.pass))
      io.stdout(`FAIL ${name} ${o.id} [${o.kind}] ${o.source}\n     ${o.message ?? "mismatch"}\n`);
    const ok = outcomes.filter((o) => o.pass).length;
    lines.push(`${name}: ${ok} passed, ${outcomes.length - ok} failed\n`);
    passed += ok;
    failed += outcomes.length - ok;
  }
  for (const l of lines) io.stdout(l);
  const notRun = unusable > 0 ? `, ${unusable} file${unusable === 1 ? "" : "s"} not run` : "";
  io.stdout(`${passed} passed, ${failed} failed${notRun}\n`);
  return unusable > 0 ? 2 : failed > 0 ? 1 : 0;
}
