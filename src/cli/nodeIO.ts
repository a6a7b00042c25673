/** The CLI's Node surroundings: real files, real streams. */
import { readdirSync, statSync } from "node:fs";
import type { CliIO } from "./io.ts";
import { nodeHost } from "../scenario/nodeHost.ts";

function walk(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const path = dir === "." ? entry.name : `${dir.replace(/\/$/, "")}/${entry.name}`;
    if (entry.isDirectory()) walk(path, out);
    else if (entry.isFile() && entry.name.endsWith(".scn")) out.push(path);
  }
}

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
    files.push(...found.sort());
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
    clock: () => performance.now(),
    workers: true,
  };
}
