/** A FileHost over the real file system (Node only; the CLI and src/scenario/node.ts use it). */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { isAbsolute, relative, resolve as resolvePath, sep } from "node:path";
import type { FileHost } from "./host.ts";

export function nodeHost(): FileHost {
  return {
    readFile(path) {
      try {
        return readFileSync(path, "utf8");
      } catch {
        return undefined;
      }
    },
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
      const rel = relative(resolvePath(dir), resolvePath(path));
      return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
    },
  };
}
