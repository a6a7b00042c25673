/**
 * A FileHost over the real file system (Node only; the CLI, the test runner's workers and
 * src/scenario/node.ts use it).
 *
 * Two rules keep a scenario inside its folder and the process alive:
 * - "inside the folder" is decided on real paths, symlinks resolved: `passwd.yaml ->
 *   /etc/passwd` or a folder link `etc -> /etc` is outside, however its name reads;
 * - only regular UTF-8 files up to MAX_FILE_BYTES are read (nodeRead.ts): `/dev/zero`, a
 *   FIFO or a folder is refused with the reason, which `whyUnreadable` gives the caller.
 */
import { readdirSync, realpathSync, statSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve as resolvePath, sep } from "node:path";
import type { FileHost, ReadProblem } from "./host.ts";
import { readTextFile } from "./nodeRead.ts";

/**
 * The real path of `path`, symlinks resolved, for a path that may not exist yet: the nearest
 * existing ancestor's real path joined with the rest. Example: with `/tmp/s -> /srv/s`,
 * `/tmp/s/new/x.yaml` → `/srv/s/new/x.yaml`.
 */
export function realPathOf(path: string): string {
  const abs = resolvePath(path);
  const rest: string[] = [];
  let cur = abs;
  for (;;) {
    try {
      return join(realpathSync.native(cur), ...rest.reverse());
    } catch {
      const parent = dirname(cur);
      if (parent === cur) return abs;
      rest.push(basename(cur));
      cur = parent;
    }
  }
}

export function nodeHost(): FileHost {
  /** The last read problem per path (small: only failed reads are kept). */
  const problems = new Map<string, ReadProblem>();
  return {
    readFile(path) {
      const r = readTextFile(path);
      if ("text" in r) {
        problems.delete(path);
        return r.text;
      }
      problems.set(path, r.problem);
      return undefined;
    },
    whyUnreadable: (path) => problems.get(path),
    resolve(base, rel) {
      if (isAbsolute(rel)) return rel;
      const joined = relative(process.cwd(), resolvePath(base, rel));
      return joined === "" ? "." : joined.split(sep).join("/");
    },
    listDir(path) {
      try {
        if (!statSync(path).isDirectory()) return undefined;
        return readdirSync(path, { withFileTypes: true }).map((e) => ({
          name: e.name,
          dir: e.isDirectory(),
        }));
      } catch {
        return undefined;
      }
    },
    isInside(dir, path) {
      const rel = relative(realPathOf(dir), realPathOf(path));
      return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel));
    },
  };
}
