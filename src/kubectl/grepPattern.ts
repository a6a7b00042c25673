/**
 * The pattern of a trailing `| grep [-i] [-E] PATTERN`, compiled with RE2 (re2js): matching
 * takes time linear in the line whatever the pattern, so `grep -E '(a+)+$'` over a long name
 * cannot hang a run, as a backtracking engine would. A basic pattern (no -E) is read as
 * before: `.`, `*`, `^`, `$` and `[…]` are special, everything else is literal.
 */
import { RE2JS } from "re2js";

export interface GrepPattern {
  test(line: string): boolean;
}

/** The compiled pattern, or grep's complaint about it ("grep: error parsing regexp: …"). */
export function compileGrep(
  pattern: string,
  opts: { extended: boolean; ignoreCase: boolean },
): GrepPattern | { error: string } {
  const source = opts.extended ? pattern : pattern.replace(/[+?(){}|\\]/g, (c) => `\\${c}`);
  try {
    const re = RE2JS.compile(source, opts.ignoreCase ? RE2JS.CASE_INSENSITIVE : 0);
    return { test: (line) => re.matcher(line).find() };
  } catch (e) {
    return { error: `grep: ${e instanceof Error ? e.message : String(e)}` };
  }
}
