/**
 * `replicast test --junit FILE`: JUnit XML as CI servers read it (Jenkins, GitLab, GitHub
 * test-report actions, Azure): one <testsuite> for the run, one <testcase> per scenario
 * whose name is the scenario's file (classname its folder), and for a scenario that failed a
 * <failure> (an expectation or action failed) or an <error> (the scenario could not be used)
 * whose message attribute is the first reason and whose body lists every reason with its
 * file:line (a failing replicas expectation followed by the explanation of the nearest
 * controller decision, as the terminal report prints it). Scenarios --bail did not run are <skipped/>. Example:
 *   <testcase classname="scenarios/traps" name="scenarios/traps/surge.scn" file="scenarios/traps/surge.scn" time="0.412">
 *     <failure message="scenarios/traps/surge.scn:31: expect replicas 4 within 1m" type="ExpectationFailed">…</failure>
 *   </testcase>
 */
import { formatTime } from "../../text/format.ts";
import { failureText, type TestOutcome } from "../../testing/outcome.ts";
import type { TestReporter, TestSummary } from "./reporter.ts";

/**
 * Text safe inside XML: the five predefined entities escaped, ANSI colour codes dropped, and
 * characters XML 1.0 forbids (controls other than tab, newline, carriage return; lone
 * surrogates; U+FFFE/U+FFFF) replaced by U+FFFD. Example: `a < "b" & c\x07` → `a &lt; &quot;b&quot; &amp; c\uFFFD`.
 */
export function xmlEscape(s: string): string {
  return s
    .replace(ANSI, "")
    .replace(FORBIDDEN, "\ufffd")
    .replace(LONE_SURROGATE, "\ufffd")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

// Control characters are exactly what these match.
// eslint-disable-next-line no-control-regex
const ANSI = new RegExp("\u001b\\[[0-9;]*m", "g");
// eslint-disable-next-line no-control-regex
const FORBIDDEN = new RegExp("[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]", "g");
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

const folder = (file: string): string => {
  const i = file.lastIndexOf("/");
  return i < 0 ? "." : file.slice(0, i);
};

function testcase(o: TestOutcome): string[] {
  const attrs = `classname="${xmlEscape(folder(o.file))}" name="${xmlEscape(o.file)}" file="${xmlEscape(o.file)}" time="${seconds(o.ms)}"`;
  const props: string[] = [];
  if (o.result?.title) props.push(`<property name="title" value="${xmlEscape(o.result.title)}"/>`);
  if (o.result && o.result.status !== "error") {
    props.push(`<property name="simulated" value="${xmlEscape(formatTime(o.result.duration))}"/>`);
    props.push(`<property name="expectations" value="${o.result.expectations.length}"/>`);
  }
  const inner: string[] = [];
  if (props.length > 0)
    inner.push("    <properties>", ...props.map((p) => `      ${p}`), "    </properties>");
  if (!o.passed) {
    const unusable = !o.result || o.result.status === "error";
    const tag = unusable ? "error" : "failure";
    const type = unusable
      ? "ScenarioError"
      : o.failures.some((f) => f.kind === "expectation")
        ? "ExpectationFailed"
        : "ActionFailed";
    const first = o.failures[0];
    const message = first
      ? first.kind === "input"
        ? first.message
        : `${first.line !== undefined ? `${first.file}:${first.line}` : first.file}: ${first.text}`
      : (o.reasons[0] ?? "failed");
    const body = o.failures.length > 0 ? o.failures.map(failureText).join("\n") : o.reasons.join("\n");
    inner.push(`    <${tag} message="${xmlEscape(message)}" type="${type}">${xmlEscape(body)}</${tag}>`);
  }
  if (inner.length === 0) return [`  <testcase ${attrs}/>`];
  return [`  <testcase ${attrs}>`, ...inner, "  </testcase>"];
}

/** The whole document for a finished run; `notRun` are the files --bail did not reach. */
export function junitXml(
  outcomes: readonly TestOutcome[],
  opts: { notRun?: readonly string[]; ms?: number; name?: string } = {},
): string {
  const notRun = opts.notRun ?? [];
  const failures = outcomes.filter((o) => !o.passed && o.result && o.result.status !== "error").length;
  const errors = outcomes.filter((o) => !o.passed && (!o.result || o.result.status === "error")).length;
  const tests = outcomes.length + notRun.length;
  const name = xmlEscape(opts.name ?? "replicast");
  const time = seconds(opts.ms ?? outcomes.reduce((s, o) => s + o.ms, 0));
  const counts = `tests="${tests}" failures="${failures}" errors="${errors}" skipped="${notRun.length}" time="${time}"`;
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="${name}" ${counts}>`,
    `<testsuite name="${name}" ${counts}>`,
    ...outcomes.flatMap(testcase),
    ...notRun.map(
      (f) =>
        `  <testcase classname="${xmlEscape(folder(f))}" name="${xmlEscape(f)}" file="${xmlEscape(f)}" time="0.000">\n    <skipped message="not run: --bail stopped the run at the first failure"/>\n  </testcase>`,
    ),
    `</testsuite>`,
    `</testsuites>`,
    ``,
  ].join("\n");
}

/** Collects outcomes and hands the document to `save` at the end. */
export function junitReporter(save: (xml: string) => void): TestReporter {
  let files: readonly string[] = [];
  return {
    onStart(f) {
      files = f;
    },
    onOutcome() {},
    onEnd(outcomes, summary?: TestSummary) {
      const ran = new Set(outcomes.map((o) => o.file));
      save(junitXml(outcomes, { notRun: files.filter((f) => !ran.has(f)), ms: summary?.ms }));
    },
  };
}
