/**
 * `replicast test --reporter tap`: TAP version 13 (https://testanything.org/tap-version-13-specification.html).
 * The plan first (`1..N`), a test point per scenario, failures as a YAML diagnostic block
 * indented two spaces under their `not ok` line, and `Bail out!` when --bail stops the run.
 * Example:
 *   TAP version 13
 *   1..2
 *   ok 1 - scenarios/a.scn
 *   not ok 2 - scenarios/b.scn
 *     ---
 *     message: "1 failing expectation"
 *     failures:
 *       - at: "scenarios/b.scn:7"
 *         expectation: "expect replicas 3 within 30s"
 *         actual: "deployment/web replicas was 1 from 0s; wanted 3 within 30s of 1m"
 *         explanation:
 *           - "hpa/web at 1m15s: …"
 *     ...
 */
import type { TestOutcome } from "../../testing/outcome.ts";
import type { TestReporter, TestSummary } from "./reporter.ts";

/** A YAML double-quoted scalar: JSON's string escapes are valid YAML. */
const q = (s: string): string => JSON.stringify(s);

/** A test point's description must not contain `#` unescaped (it starts a directive). */
const description = (s: string): string => s.replace(/\\/g, "\\\\").replace(/#/g, "\\#");

export function tapLines(o: TestOutcome, n: number): string[] {
  const lines = [`${o.passed ? "ok" : "not ok"} ${n} - ${description(o.file)}`];
  if (o.passed) return lines;
  const expectations = o.failures.filter((f) => f.kind === "expectation").length;
  const summary =
    o.result?.status === "error" || !o.result
      ? "the scenario could not be used"
      : `${expectations} failing expectation${expectations === 1 ? "" : "s"}` +
        (o.failures.length > expectations ? `, ${o.failures.length - expectations} failed action(s)` : "");
  lines.push("  ---", `  message: ${q(summary)}`, "  failures:");
  for (const f of o.failures) {
    lines.push(`    - at: ${q(f.line !== undefined ? `${f.file}:${f.line}` : f.file)}`);
    const key = f.kind === "expectation" ? "expectation" : f.kind === "action" ? "command" : "code";
    lines.push(`      ${key}: ${q(f.text)}`);
    lines.push(`      ${f.kind === "expectation" ? "actual" : "error"}: ${q(f.message)}`);
    // Why, from the decision nearest to where it failed (as the terminal report prints it).
    if (f.explanation?.length)
      lines.push("      explanation:", ...f.explanation.map((l) => `        - ${q(l)}`));
  }
  lines.push("  ...");
  return lines;
}

export function tapReporter(write: (s: string) => void): TestReporter {
  let n = 0;
  return {
    onStart(files) {
      write(`TAP version 13\n1..${files.length}\n`);
    },
    onOutcome(o) {
      write(tapLines(o, ++n).join("\n") + "\n");
    },
    onEnd(_outcomes, summary?: TestSummary) {
      if (summary && summary.notRun > 0)
        write(`Bail out! stopped after the first failure; ${summary.notRun} not run\n`);
      if (summary) write(`# ${summary.passed} passed, ${summary.failed} failed\n`);
    },
  };
}
