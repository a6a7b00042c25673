/**
 * Paths inside a kustomization, as kustomize's loader resolves them: relative to the folder
 * that holds the kustomization, `.` and `..` folded, `/` as the separator whatever the host.
 */

/** `dir` joined with `rel`, normalised; a path that climbs above `dir` keeps its leading `..`. */
export function joinPath(dir: string, rel: string): string {
  const absolute = rel.startsWith("/") || dir.startsWith("/");
  const parts = (rel.startsWith("/") ? rel : `${dir}/${rel}`).split("/");
  const out: string[] = [];
  for (const p of parts) {
    if (p === "" || p === ".") continue;
    if (p === ".." && out.length > 0 && out[out.length - 1] !== "..") out.pop();
    else if (p === ".." && absolute) continue;
    else out.push(p);
  }
  const joined = out.join("/");
  return absolute ? `/${joined}` : joined === "" ? "." : joined;
}

/** The last element of a path (`config/app.properties` → `app.properties`). */
export const baseName = (path: string): string => path.replace(/\/+$/, "").split("/").pop() ?? path;

/**
 * A remote base kustomize would fetch (api/internal/git RepoSpec: a URL, `git@…`, or a
 * `github.com/…` path).
 */
export const isRemote = (entry: string): boolean =>
  /^[a-z][a-z0-9+.-]*:\/\//i.test(entry) ||
  /^git@/.test(entry) ||
  /^(github\.com|gitlab\.com|bitbucket\.org)\//.test(entry);
