/**
 * cobra's "Did you mean this?" suggestions (command.go SuggestionsFor): candidates within
 * Levenshtein distance 2 of the typed word (case-insensitive), or that start with it.
 *
 * Example: "gt" → ["get", "set"]; "rolout" → ["rollout"]; "xyz" → [].
 */
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

export function suggestionsFor(word: string, candidates: readonly string[], minDistance = 2): string[] {
  const w = word.toLowerCase();
  const out: string[] = [];
  for (const c of candidates) {
    const lc = c.toLowerCase();
    if ((levenshtein(w, lc) <= minDistance || lc.startsWith(w)) && !out.includes(c)) out.push(c);
  }
  // cobra sorts commands by name (EnableCommandSorting), so suggestions come out sorted.
  return out.sort();
}

/** The hint cobra prints below an unknown command. */
export const didYouMean = (suggestions: readonly string[]): string | undefined =>
  suggestions.length ? `Did you mean this?\n${suggestions.map((s) => `\t${s}`).join("\n")}` : undefined;
