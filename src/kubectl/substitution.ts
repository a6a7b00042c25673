/**
 * Command substitution in kubectl's own words, which the tutorials write to feed one command's
 * output to another: the ZooKeeper tutorial's `kubectl drain $(kubectl get pod zk-0 --template
 * {{.spec.nodeName}}) --ignore-daemonsets …`. A shell runs the inner command first; a scenario
 * line is one kubectl command, so the substitution is refused as one, pointing at the whole
 * `$(…)`, rather than its words read as the outer command's (`unknown flag: --template`).
 */
import type { Token } from "./tokenize.ts";

/** Where the first unquoted or double-quoted `$(…)` of `tokens` is in `line`, with its inner command. */
export function commandSubstitution(
  line: string,
  tokens: readonly Token[],
): { start: number; end: number; inner: string } | undefined {
  const first = tokens.find((t) => !t.pipe && t.dollars?.some((d) => t.value[d + 1] === "("));
  if (first === undefined) return undefined;
  const start = line.indexOf("$(", first.start);
  if (start < 0 || start >= first.end) return undefined;
  // The matching `)`: parentheses nest, and those in quotes do not count.
  let depth = 0;
  let quote = "";
  for (let i = start + 1; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = "";
    } else if (c === "'" || c === '"') quote = c;
    else if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return { start, end: i + 1, inner: line.slice(start + 2, i).trim() };
  }
  return { start, end: line.length, inner: line.slice(start + 2).trim() };
}
