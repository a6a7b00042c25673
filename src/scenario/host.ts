/**
 * File access, injected: the core never reads files itself (it runs under Deno and in a
 * browser too). The CLI supplies a Node host (node.ts); tests and notebooks can use
 * `memoryHost`. Paths are POSIX-style here; the Node host maps them to the platform's.
 */
import type { DirEntry } from "../kubectl/visitor.ts";

/** Why a file could not be read; `line`/`col` (1-based) when the problem sits at a place in it. */
export interface ReadProblem {
  message: string;
  line?: number;
  col?: number;
}

export interface FileHost {
  /** The file's text, or undefined when it cannot be read. */
  readFile(path: string): string | undefined;
  /** Why the last `readFile(path)` gave undefined, when the host can tell ("no such file", "not a regular file"…). */
  whyUnreadable?(path: string): ReadProblem | undefined;
  /** `rel` resolved against the folder `base` (absolute `rel` stays as is). */
  resolve(base: string, rel: string): string;
  /** Whether `path` lies inside folder `dir` (after resolving `..`, and symlinks where there are any). */
  isInside(dir: string, path: string): boolean;
  /** A folder's entries (undefined when `path` is not a folder); without it every path is a file. */
  listDir?(path: string): readonly DirEntry[] | undefined;
}

/** `replicast: cannot read "x.scn": no such file`: the reason when the host knows it. */
export function cannotRead(file: string, host: FileHost): string {
  const why = host.whyUnreadable?.(file)?.message;
  return `replicast: cannot read "${file}"${why === undefined ? "" : `: ${why}`}`;
}

/** The folder part of a POSIX path: "a/b/c.scn" → "a/b", "c.scn" → ".". */
export function dirname(path: string): string {
  const i = path.lastIndexOf("/");
  if (i < 0) return ".";
  if (i === 0) return "/";
  return path.slice(0, i);
}

/**
 * Join and normalise POSIX paths, resolving "." and "..".
 * Examples: ("a/b", "../c.yaml") → "a/c.yaml"; ("a", "/etc/x") → "/etc/x"; (".", "x") → "x".
 */
export function joinPath(base: string, rel: string): string {
  const abs = rel.startsWith("/");
  const parts = (abs ? rel : `${base}/${rel}`).split("/");
  const out: string[] = [];
  const rooted = abs || base.startsWith("/");
  for (const p of parts) {
    if (p === "" || p === ".") continue;
    if (p === "..") {
      if (out.length > 0 && out[out.length - 1] !== "..") out.pop();
      else if (!rooted) out.push("..");
      continue;
    }
    out.push(p);
  }
  const joined = out.join("/");
  return rooted ? `/${joined}` : joined === "" ? "." : joined;
}

/** POSIX containment: "a/b" contains "a/b/c" and "a/b/x/y", not "a/bc" nor "a/c". */
export function pathInside(dir: string, path: string): boolean {
  const d = joinPath(".", dir);
  const p = joinPath(".", path);
  if (d === ".") return !p.startsWith("/") && p !== ".." && !p.startsWith("../");
  return p === d || p.startsWith(d.endsWith("/") ? d : `${d}/`);
}

/** An in-memory host over a map of path → text (tests, notebooks, the browser). */
export function memoryHost(files: Record<string, string>): FileHost {
  const normalised = new Map(Object.entries(files).map(([k, v]) => [joinPath(".", k), v]));
  return {
    readFile: (path) => normalised.get(joinPath(".", path)),
    resolve: joinPath,
    isInside: pathInside,
    listDir(path) {
      // A folder is every path some file lies under.
      const dir = joinPath(".", path);
      const prefix = dir === "." ? "" : `${dir}/`;
      const entries = new Map<string, boolean>();
      for (const f of normalised.keys()) {
        if (!f.startsWith(prefix) || f === dir) continue;
        const rest = f.slice(prefix.length);
        const slash = rest.indexOf("/");
        entries.set(slash < 0 ? rest : rest.slice(0, slash), slash >= 0);
      }
      return entries.size === 0 ? undefined : [...entries].map(([name, isDir]) => ({ name, dir: isDir }));
    },
  };
}
