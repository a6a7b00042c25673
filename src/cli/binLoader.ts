#!/usr/bin/env node
/**
 * dist/bin/replicast.js, the `replicast` bin: loads the bundled CLI beside it (replicast.cjs)
 * with its code cache (codeCache.ts); run as a program, it runs the CLI on the command line.
 * Imported, it exports the CLI's in-process `main(argv, io)`, as src/cli/main.ts does (the
 * hostile corpus's case hosts call it). Bundled by scripts/bundle-bin.mjs; not part of the
 * library (tsconfig.build.json leaves it out).
 *
 * Bundled as CommonJS (dist/bin/package.json says so), where import.meta.filename and
 * import.meta.dirname become __filename and __dirname: Node runs a CommonJS main module
 * without starting its ES module loader, which an ES module bin paid for at every start-up.
 */
import { realpathSync } from "node:fs";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { loadBundle, type BinExports } from "./codeCache.ts";
import { growToCap } from "./youngGeneration.ts";

const EXIT_INTERNAL = 70;
const self = import.meta.filename;
const bundle = join(import.meta.dirname, "replicast.cjs");

function isEntry(): boolean {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(self);
  } catch {
    return false;
  }
}

let cli: BinExports | undefined;
try {
  // The bundle is CommonJS, and so is this file (bundle-bin.mjs): its require resolves from
  // the bundle's folder. A run's young generation reaches its cap at its first growth
  // (youngGeneration.ts), which comes while the bundle and the simulator load: set once the
  // compile has taken the cache.
  const run = process.argv[2] === "run" && isEntry();
  cli = loadBundle(bundle, `${bundle}.cache`, require, run ? growToCap : undefined).exports;
} catch (e) {
  // The CLI reports its own failures; this is the bundle failing to load (a broken install).
  const why = `replicast: internal error: cannot load the CLI (${e instanceof Error ? e.message : String(e)}); reinstall the package\n`;
  if (!isEntry()) throw new Error(why.trim());
  process.stderr.write(why);
  process.exitCode = EXIT_INTERNAL;
}

export const main: BinExports["main"] = (...args) => {
  if (!cli) throw new Error("replicast: the CLI did not load");
  return cli.main(...args);
};

/**
 * V8 starts a full collection when the old generation has grown by a factor it picks from the
 * heap's size and the collector's speed, up to 4 (heap.cc, MemoryController::GrowingFactor);
 * the ×10 bench day made two full collections, the second halfway, leaving some 50 MB alive,
 * and its heap then grew to 180–200 MB with objects that died long before: 280–290 MB of
 * peak RSS. At 1.3 it collects in step with what stays alive: 219–229 MB, the week 198–206 MB
 * instead of 219–265; the day and a tiny run peak and spend as before (docs/performance.md,
 * "The engine, tenth round: what stays alive"). Set after the bundle is compiled: V8 takes
 * the code cache only under the flags it was made with (a flag changes its flag hash), and it
 * reads this one at each collection. Only as a program: a process that imports the bin keeps
 * its own collector's settings.
 */
const HEAP_GROWING = "--heap-growing-percent=30";

if (cli && isEntry()) {
  setFlagsFromString(HEAP_GROWING);
  cli.runAsProgram(process.argv.slice(2));
}
