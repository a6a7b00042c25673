/**
 * The `-l/--selector` string as kubectl parses it (apimachinery labels.Parse): requirements
 * joined by commas, each `k=v`, `k==v`, `k!=v`, `k in (a,b)`, `k notin (a,b)`, `k` or `!k`.
 * Returns a LabelSelector (so matching reuses src/k8s/labels.ts), or an error message.
 *
 * Example: "app=web,tier in (fe,be),!canary" → matchLabels {app: "web"}, expressions
 * tier In [fe, be] and canary DoesNotExist. `k!=v` becomes NotIn [v] (same matching rule).
 */
import type { LabelSelector, LabelSelectorRequirement } from "../k8s/types.ts";
import { dict } from "../k8s/safeKeys.ts";

export function parseSelector(text: string): LabelSelector | string {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "(") depth++;
    else if (text[i] === ")") depth--;
    else if (text[i] === "," && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  const matchLabels: Record<string, string> = dict();
  const matchExpressions: LabelSelectorRequirement[] = [];
  for (const raw of parts) {
    // One blank for any run of them: the patterns below then cannot backtrack over a long run.
    const p = raw.replace(/\s+/g, " ").trim();
    if (!p) continue;
    let m: RegExpExecArray | null;
    if ((m = /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(p))) {
      matchExpressions.push({
        key: m[1],
        operator: m[2] === "in" ? "In" : "NotIn",
        values: m[3]
          .split(",")
          .map((v) => v.trim())
          .filter(Boolean),
      });
    } else if ((m = /^([\w./-]+)\s*!=\s*([\w./-]*)$/.exec(p))) {
      matchExpressions.push({ key: m[1], operator: "NotIn", values: [m[2]] });
    } else if ((m = /^([\w./-]+)\s*==?\s*([\w./-]*)$/.exec(p))) {
      matchLabels[m[1]] = m[2];
    } else if ((m = /^!\s*([\w./-]+)$/.exec(p))) {
      matchExpressions.push({ key: m[1], operator: "DoesNotExist" });
    } else if ((m = /^([\w./-]+)$/.exec(p))) {
      matchExpressions.push({ key: m[1], operator: "Exists" });
    } else {
      return `error: unable to parse requirement: found '${p}', expected: identifier`;
    }
  }
  const sel: LabelSelector = { matchLabels };
  if (matchExpressions.length) sel.matchExpressions = matchExpressions;
  return sel;
}
