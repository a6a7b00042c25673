/**
 * When each statement happens. `at T` is absolute, `after D` is relative to the previous
 * statement's time, a statement with neither happens at the previous statement's time, and
 * `at`/`after` alone on a line sets the time of what follows. Time never goes backwards.
 *
 * Example: `at 10s apply a` · `kubectl get pods` · `after 5s load cpu 50%` · `at 1m` ·
 * `expect replicas 2` → 10s, 10s, 15s, (60s), 60s.
 */
import type { Statement } from "../dsl/ast.ts";
import type { Diagnostic } from "../dsl/diagnostic.ts";
import { formatTime } from "./format.ts";
import { messages } from "./messages.ts";

export function resolveTimes(
  statements: readonly Statement[],
  file: string,
): { times: number[]; diagnostics: Diagnostic[] } {
  const times: number[] = [];
  const diagnostics: Diagnostic[] = [];
  let now = 0;
  for (const s of statements) {
    const mark = s.time;
    if (mark) {
      const t = mark.kind === "at" ? mark.t : now + mark.d;
      if (mark.kind === "at" && t < now) {
        const m = messages.timeGoesBackwards(formatTime(t), formatTime(now));
        diagnostics.push({ ...m, severity: "error", file, span: mark.span });
      } else {
        now = t;
      }
    }
    times.push(now);
  }
  return { times, diagnostics };
}
