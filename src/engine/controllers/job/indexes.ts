/**
 * An Indexed Job's completed indexes (job_controller indexed_job_utils.go): the set of indexes
 * whose pod succeeded, written as orderedIntervals.String does — ranges of three or more as
 * "first-last", two neighbours as "a,b" — and read back from status.completedIndexes.
 */

/** orderedIntervals.String. Examples: [0,1,2,4] → "0-2,4"; [3,4] → "3,4"; [] → "". */
export function indexesText(indexes: Iterable<number>): string {
  const sorted = [...new Set(indexes)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    const first = sorted[i];
    const last = sorted[j];
    parts.push(last === first ? `${first}` : last === first + 1 ? `${first},${last}` : `${first}-${last}`);
    i = j + 1;
  }
  return parts.join(",");
}

/** parseIndexesFromString: the indexes below `completions` of a completedIndexes text. */
export function parseIndexes(text: string | undefined, completions: number): Set<number> {
  const out = new Set<number>();
  for (const part of (text ?? "").split(",")) {
    if (part === "") continue;
    const [a, b] = part.split("-").map(Number);
    const last = b ?? a;
    if (!Number.isInteger(a) || !Number.isInteger(last)) continue;
    for (let i = a; i <= last && i < completions; i++) out.add(i);
  }
  return out;
}

/** firstPendingIndexes: the lowest `count` indexes below `completions` that are neither done nor taken. */
export function firstPendingIndexes(
  taken: ReadonlySet<number>,
  count: number,
  completions: number,
): number[] {
  const out: number[] = [];
  for (let i = 0; i < completions && out.length < count; i++) if (!taken.has(i)) out.push(i);
  return out;
}
