/** The CLI's Node surroundings: real files, real streams. */
import { readdirSync, statSync, type Dirent } from "node:fs";
import type { CliIO } from "./io.ts";
import { nodeHost } from "../scenario/nodeHost.ts";

/**
 * Every `*.scn` under `dir`. Folders are entered, symlinked folders are not (no loops); any
 * other entry named `*.scn` — a file, a symlink, even a FIFO — is listed, so that one that
 * cannot be read is reported as such instead of silently left out.
 */
function walk(dir: string, out: string[]): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const path = dir === "." ? entry.name : `${dir.replace(/\/$/, "")}/${entry.name}`;
    if (entry.isDirectory()) walk(path, out);
    else if (entry.name.endsWith(".scn") && !isFolderLink(entry, path)) out.push(path);
  }
}

const isFolderLink = (entry: Dirent, path: string): boolean => {
  if (!entry.isSymbolicLink()) return false;
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

export function findScenarioFiles(paths: readonly string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  for (const p of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      missing.push(p);
      continue;
    }
    if (!isDir) {
      files.push(p);
      continue;
    }
    const found: string[] = [];
    walk(p, found);
    for (const item of found.sort()) files.push(item);
  }
  return { files: [...new Set(files)], missing };
}

export function nodeIO(): CliIO {
  return {
    stdout: (s) => void process.stdout.write(s),
    stderr: (s) => void process.stderr.write(s),
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    host: nodeHost(),
    findScenarios: findScenarioFiles,
    // process.hrtime rather than performance.now(): the `performance` global loads Node's
    // perf_hooks modules on first use, a cost at every start-up for a clock read only in differences.
    clock: () => {
      const [s, ns] = process.hrtime();
      return s * 1e3 + ns / 1e6;
    },
    workers: true,
  };
}
