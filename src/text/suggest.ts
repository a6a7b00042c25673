/**
 * Edit distances and did-you-mean suggestions: the one place every layer (manifest fields,
 * the scenario language, the plan, kubectl's cobra-style hints) takes them from.
 *
 * `suggest` follows TypeScript's getSpellingSuggestion (src/compiler/core.ts):
 * a candidate is close enough when its edit distance is at most 40% of the name's length
 * plus one, and the closest wins (the first listed on a tie). Example: `hpa.sync-perod` →
 * `hpa.sync-period` (distance 1); `replicsa` → `replicas` (one transposition); `zzz` → none.
 */

/** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
export function editDistance(a: string, b: string): number {
  // Three rows of the (a.length + 1) × (b.length + 1) table (a swap looks two rows back): a
  // file of many mistyped words asks this thousands of times, and a table per call was most
  // of the time.
  const cols = b.length + 1;
  let twoBack = new Int32Array(cols);
  let prev = new Int32Array(cols);
  let cur = new Int32Array(cols);
  for (let j = 0; j < cols; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j < cols; j++) {
      const bj = b.charCodeAt(j - 1);
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj)
        d = Math.min(d, twoBack[j - 2] + 1);
      cur[j] = d;
    }
    const spare = twoBack;
    twoBack = prev;
    prev = cur;
    cur = spare;
  }
  return prev[b.length];
}

/** Levenshtein distance (insertions, deletions, substitutions), as cobra's `ld` computes it. */
export function levenshtein(a: string, b: string): number {
  const d: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0];
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = d[j];
      d[j] = Math.min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return d[b.length];
}

/** The candidate a mistyped `name` most likely meant, if one is close enough (case-insensitive). */
export function suggest(name: string, candidates: readonly string[]): string | undefined {
  if (name.length > 100) return undefined;
  const limit = Math.floor(name.length * 0.4) + 1;
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate === name) continue;
    if (Math.abs(candidate.length - name.length) > limit) continue;
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance <= limit && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
