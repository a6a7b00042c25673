#!/usr/bin/env node
/**
 * `npm run fidelity -- [FILES...]`: runs every vector in the given files (default: the
 * project's fixtures), prints each failure and a closing `N passed, N failed`, and exits
 * non-zero on any failure.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { parseVectors, runVector, type VectorOutcome } from "../fidelity/index.ts";

const here = dirname(fileURLToPath(import.meta.url));
const defaults = ["deploy-vectors.json", "hpa-vectors.json"].map((f) =>
  join(here, "..", "..", "test", "fixtures", f),
);

function main(argv: string[]): number {
  const files = argv.length > 0 ? argv : defaults;
  const outcomes: VectorOutcome[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (e) {
      outcomes.push({
        source: file,
        kind: "file",
        pass: false,
        message: `cannot read: ${(e as Error).message}`,
      });
      continue;
    }
    const vectors = parseVectors(text, file);
    if (!Array.isArray(vectors)) {
      outcomes.push(vectors);
      continue;
    }
    for (const v of vectors) outcomes.push(runVector(v));
  }
  const failed = outcomes.filter((o) => !o.pass);
  for (const f of failed) console.log(`FAIL [${f.kind}] ${f.source}\n     ${f.message ?? "mismatch"}`);
  console.log(`${outcomes.length - failed.length} passed, ${failed.length} failed`);
  return failed.length > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
