/**
 * cobra's "Did you mean this?" suggestions (command.go SuggestionsFor): candidates within
 * Levenshtein distance 2 of the typed word (case-insensitive), or that start with it.
 *
 * Example: "gt" → ["get", "set"]; "rolout" → ["rollout"]; "xyz" → [].
 */
import { levenshtein } from "../text/suggest.ts";

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
