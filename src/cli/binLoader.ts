#!/usr/bin/env node
/**
 * dist/bin/replicast.js, the `replicast` bin: loads the bundled CLI beside it (replicast.cjs)
 * with its code cache (codeCache.ts); run as a program, it runs the CLI on the command line.
 * Imported, it exports the CLI's in-process `main(argv, io)`, as src/cli/main.ts does (the
 * hostile corpus's case hosts call it). Bundled by scripts/bundle-bin.mjs; not part of the
 * library (tsconfig.build.json leaves it out).
 */
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadBundle, type BinExports } from "./codeCache.ts";

const EXIT_INTERNAL = 70;
const self = fileURLToPath(import.meta.url);
const bundle = fileURLToPath(new URL("./replicast.cjs", import.meta.url));

function isEntry(): boolean {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(self);
  } catch {
    return false;
  }
}

let cli: BinExports | undefined;
try {
  cli = loadBundle(bundle, `${bundle}.cache`).exports;
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

if (cli && isEntry()) cli.runAsProgram(process.argv.slice(2));
