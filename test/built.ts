/**
 * Tests that use the package as users get it (dist/: the library through package.json
 * "exports", the bundled bin) call `ensureBuilt()`. The test command builds first; when dist
 * is missing or older than src (vitest run on its own), this builds it.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

export const REPO = resolve(import.meta.dirname, "..");
/** The bin as package.json names it. */
export const BIN = join(REPO, "dist/bin/replicast.js");
const OUTPUTS = [join(REPO, "dist/testing/vitest.js"), BIN];

function newestSource(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (e.name.endsWith(".ts")) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

export function ensureBuilt(): void {
  const newest = newestSource(join(REPO, "src"));
  if (OUTPUTS.every((f) => existsSync(f) && statSync(f).mtimeMs >= newest)) return;
  // tsc emits even when another part of the tree has a type error; what matters here is the output.
  spawnSync(process.execPath, [join(REPO, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"], {
    cwd: REPO,
  });
  spawnSync(process.execPath, [join(REPO, "scripts/bundle-bin.mjs")], { cwd: REPO });
}
