/**
 * Which files `kubectl apply -f PATH [-R]` reads (cli-runtime resource/visitor.go,
 * ExpandPathsToFileVisitors): a file named explicitly is read whatever its extension; a
 * folder is walked in lexical order (filepath.Walk: each folder's entries sorted by name, a
 * subfolder's files where the subfolder sorts), its subfolders only with `-R`, and only
 * files ending in .json, .yaml or .yml (FileExtensions). Nothing is skipped by name: a
 * kustomization.yaml in the folder is read like any file, and kubectl refuses its
 * `kind: Kustomization` (no matches for kind … ensure CRDs are installed first).
 * Example: dir/ holding b.yaml, a.yml, notes.txt and sub/c.yaml → [dir/a.yml, dir/b.yaml],
 * and with -R [dir/a.yml, dir/b.yaml, dir/sub/c.yaml].
 */

/** One entry of a folder. */
export interface DirEntry {
  name: string;
  dir: boolean;
}

/** A folder's entries, or undefined when the path is not a folder. */
export type ListDir = (path: string) => readonly DirEntry[] | undefined;

/** cli-runtime's FileExtensions. */
export const FILE_EXTENSIONS: readonly string[] = [".json", ".yaml", ".yml"];

const hasManifestExtension = (name: string): boolean => {
  const dot = name.lastIndexOf(".");
  return dot >= 0 && FILE_EXTENSIONS.includes(name.slice(dot));
};

/** The files a path stands for, in kubectl's order; a path that is no folder stands for itself. */
export function expandPaths(path: string, recursive: boolean, listDir: ListDir | undefined): string[] {
  const top = listDir?.(path);
  if (top === undefined) return [path];
  const out: string[] = [];
  const walk = (dir: string, entries: readonly DirEntry[]): void => {
    const base = dir.replace(/\/+$/, "");
    for (const e of [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const p = base === "" ? `/${e.name}` : `${base}/${e.name}`;
      if (e.dir) {
        if (recursive) walk(p, listDir?.(p) ?? []);
      } else if (hasManifestExtension(e.name)) out.push(p);
    }
  };
  walk(path, top);
  return out;
}
