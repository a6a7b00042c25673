/**
 * `diff -u` (GNU diffutils) of two texts, as `kubectl diff` runs it on each pair of files:
 * a minimal line diff, hunks with 3 lines of context, changes closer than twice that joined
 * into one hunk, and each hunk headed `@@ -START,COUNT +START,COUNT @@` (a count of 1 left
 * out, an empty range numbered after the line before it, diffutils' print_unidiff_number_range).
 * Within a change, the removed lines come before the added ones, as diff prints them. Where
 * several minimal diffs exist (repeated lines), the first matching line is kept; GNU diff's
 * own choice may differ there.
 */

/** Lines of a file's text: each without its newline (a final newline ends the last line). */
const linesOf = (text: string): string[] => {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
};

type Op = { kind: " " | "-" | "+"; line: string; a: number; b: number };

/** The edit script: every line of both texts, kept, removed or added, in order. */
function editScript(a: readonly string[], b: readonly string[]): Op[] {
  // The lines common to both ends need no table: a manifest's diff is a few lines in hundreds.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++;
  const n = a.length - head - tail;
  const m = b.length - head - tail;
  // lcs[i][j]: the longest common subsequence of the middles' suffixes from i and j.
  const lcs: Uint32Array[] = [];
  for (let i = 0; i <= n; i++) lcs.push(new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i][j] =
        a[head + i] === b[head + j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const ops: Op[] = [];
  for (let k = 0; k < head; k++) ops.push({ kind: " ", line: a[k], a: k, b: k });
  let i = 0;
  let j = 0;
  const removed: Op[] = [];
  const added: Op[] = [];
  const flush = () => {
    ops.push(...removed, ...added);
    removed.length = 0;
    added.length = 0;
  };
  while (i < n || j < m) {
    if (i < n && j < m && a[head + i] === b[head + j] && lcs[i][j] === lcs[i + 1][j + 1] + 1) {
      flush();
      ops.push({ kind: " ", line: a[head + i], a: head + i, b: head + j });
      i++;
      j++;
    } else if (j >= m || (i < n && lcs[i + 1][j] >= lcs[i][j + 1])) {
      removed.push({ kind: "-", line: a[head + i], a: head + i, b: head + j });
      i++;
    } else {
      added.push({ kind: "+", line: b[head + j], a: head + i, b: head + j });
      j++;
    }
  }
  flush();
  for (let k = 0; k < tail; k++)
    ops.push({ kind: " ", line: a[head + n + k], a: head + n + k, b: head + m + k });
  return ops;
}

/** diffutils' print_unidiff_number_range: `START,COUNT`, `START` for one line, `START-1,0` for none. */
const range = (start: number, count: number): string =>
  count === 1 ? `${start + 1}` : count === 0 ? `${start},0` : `${start + 1},${count}`;

/** The hunks of `diff -u` between two texts ("" when they are the same). */
export function unifiedHunks(from: string, to: string, context = 3): string {
  const ops = editScript(linesOf(from), linesOf(to));
  const changed = ops.map((o, k) => (o.kind === " " ? -1 : k)).filter((k) => k >= 0);
  if (changed.length === 0) return "";
  let out = "";
  let g = 0;
  while (g < changed.length) {
    // Changes with at most 2 × context unchanged lines between them share a hunk.
    let last = g;
    while (last + 1 < changed.length && changed[last + 1] - changed[last] - 1 <= 2 * context) last++;
    const start = Math.max(0, changed[g] - context);
    const end = Math.min(ops.length - 1, changed[last] + context);
    const hunk = ops.slice(start, end + 1);
    const fromCount = hunk.filter((o) => o.kind !== "+").length;
    const toCount = hunk.filter((o) => o.kind !== "-").length;
    out += `@@ -${range(hunk[0].a, fromCount)} +${range(hunk[0].b, toCount)} @@\n`;
    for (const o of hunk) out += `${o.kind}${o.line}\n`;
    g = last + 1;
  }
  return out;
}
