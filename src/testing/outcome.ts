/**
 * A scenario as a test: passed or not, and why, one entry per failing expectation, failed
 * action or input error, each pointing at its line of the scenario. Every reporter (text,
 * TAP, JUnit, vitest) words failures from these entries, so they all say the same thing.
 * Pure: no Node API.
 */
import { messages } from "../scenario/messages.ts";
import type { ScenarioResult } from "../scenario/result.ts";

export interface TestFailure {
  /** "expectation": an expectation did not hold; "action": a kubectl line failed at run time; "input": the scenario could not be used. */
  kind: "expectation" | "action" | "input";
  file: string;
  /** 1-based line in `file` (absent when the file could not be read). */
  line?: number;
  /** What was written: the expectation or command; for input errors the diagnostic code. */
  text: string;
  /** What happened: the actual values over the window, kubectl's error, the diagnostic. */
  message: string;
  /**
   * A failing expectation about replicas: why, from the controller decision nearest to where it
   * failed (the lines the terminal report prints under it; src/scenario/expectations.ts).
   */
  explanation?: string[];
}

export interface TestOutcome {
  file: string;
  passed: boolean;
  /** Undefined when the file could not be read. Results from worker threads carry no trace. */
  result?: ScenarioResult;
  /** Why it failed, one line per failing expectation or problem. */
  reasons: string[];
  /** The same, as data (JUnit, TAP and vitest messages). */
  failures: TestFailure[];
  /** Wall-clock milliseconds the scenario took (0 when the clock is not real). */
  ms: number;
}

/**
 * The outcome of a finished run. Example: a failing `expect replicas 3 within 30s` on line 2
 * gives the reason `line 2: expect replicas 3 within 30s: deployment/web replicas was 1 from 0s; …`.
 */
export function outcomeOf(file: string, r: ScenarioResult, ms = 0): TestOutcome {
  const failures: TestFailure[] = [];
  for (const d of r.diagnostics)
    if (d.severity === "error")
      failures.push({
        kind: "input",
        file: d.file,
        line: d.span.line,
        text: d.code,
        message: `${d.file}:${d.span.line}:${d.span.col}: error: ${d.message}`,
      });
  for (const f of r.failures)
    failures.push({ kind: "action", file, line: f.line, text: f.command, message: f.message.split("\n")[0] });
  for (const e of r.expectations)
    if (!e.passed)
      failures.push({
        kind: "expectation",
        file,
        line: e.line,
        text: e.text,
        message: e.message,
        ...(e.explanation?.length ? { explanation: e.explanation } : {}),
      });
  if (r.stopped) failures.push({ kind: "action", file, text: "run", message: r.stopped.message });
  const reasons: string[] = [];
  const inputErrors = failures.filter((f) => f.kind === "input").length;
  if (r.status === "error") reasons.push(`${inputErrors} error(s) in the input`);
  for (const f of failures)
    if (f.kind !== "input")
      reasons.push(f.line === undefined ? f.message : `line ${f.line}: ${f.text}: ${f.message}`);
  // A test must be able to fail: a scenario without expectations asserts nothing (as vitest
  // and Jest fail a test file without tests).
  const expectsNothing = r.status !== "error" && r.expectations.length === 0;
  if (expectsNothing) {
    const m = messages.expectsNothing();
    failures.push({
      kind: "input",
      file,
      line: 1,
      text: m.code,
      message: `${file}:1:1: error: ${m.message}`,
    });
    reasons.push(`${m.message}; ${m.hint}`);
  }
  return { file, passed: r.passed && !expectsNothing, result: r, reasons, failures, ms };
}

/** The outcome of a file that could not be read. */
export function unreadableOutcome(file: string, message: string): TestOutcome {
  return {
    file,
    passed: false,
    reasons: [message.trim()],
    failures: [{ kind: "input", file, text: "unreadable", message: message.trim() }],
    ms: 0,
  };
}

/** `file:line: text`, the message indented, then the explanation indented further: how vitest and JUnit show one failure. */
export function failureText(f: TestFailure): string {
  const where = f.line !== undefined ? `${f.file}:${f.line}` : f.file;
  if (f.kind === "input") return f.message;
  const why = (f.explanation ?? []).map((l) => `\n    ${l}`).join("");
  return `${where}: ${f.text}\n  ${f.message}${why}`;
}
