#!/usr/bin/env node
/**
 * dist/bin/replicast.js, the `replicast` bin: loads the bundled CLI beside it (replicast.cjs)
 * with its code cache (codeCache.ts) and runs it on the command line. Bundled by
 * scripts/bundle-bin.mjs; not part of the library (tsconfig.build.json leaves it out).
 */
import { fileURLToPath } from "node:url";
import { loadBundle } from "./codeCache.ts";

const EXIT_INTERNAL = 70;

try {
  const bundle = fileURLToPath(new URL("./replicast.cjs", import.meta.url));
  loadBundle(bundle, `${bundle}.cache`).exports.runAsProgram(process.argv.slice(2));
} catch (e) {
  // The CLI reports its own failures; this is the bundle failing to load (a broken install).
  process.stderr.write(
    `replicast: internal error: cannot load the CLI (${e instanceof Error ? e.message : String(e)}); reinstall the package\n`,
  );
  process.exitCode = EXIT_INTERNAL;
}
