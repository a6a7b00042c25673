/**
 * The text report: a timeline (events and command output at their times), then every
 * expectation ✓/✗ with its line, failures with what the value actually was, and a summary.
 * Pure: colours come from an injected colorizer (the CLI passes picocolors' when stdout is
 * a TTY), so the same function serves files, tests and notebooks.
 */
import { formatTime } from "./format.ts";
import type { ScenarioResult } from "./result.ts";

export interface Colors {
  green(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
  cyan(s: string): string;
}

const id = (s: string): string => s;
export const noColors: Colors = { green: id, red: id, yellow: id, dim: id, bold: id, cyan: id };

interface TimelineEntry {
  time: number;
  lines: string[];
}

/**
 * The timeline: events in emission order, each command's output placed after the events
 * emitted before it ran. Example:
 *     0s  $ kubectl create deployment web --image=nginx
 *         deployment.apps/web created
 *     0s  Normal   ScalingReplicaSet  deployment/web  Scaled up replica set web-5d8f7c6b9 to 1
 */
export function formatTimeline(r: ScenarioResult, c: Colors = noColors): string[] {
  const entries: TimelineEntry[] = [];
  let o = 0;
  const pushOutputs = (upTo: number): void => {
    while (o < r.output.length && r.output[o].afterEvents <= upTo) {
      const out = r.output[o++];
      const prev = o >= 2 ? r.output[o - 2] : undefined;
      const sameCommand =
        prev &&
        prev.command === out.command &&
        prev.time === out.time &&
        entries.length > 0 &&
        entries[entries.length - 1].time === out.time &&
        !out.command.startsWith("watch") &&
        !out.command.includes("-w");
      const body = out.text.split("\n").map((l) => (out.error ? c.red(l) : l));
      if (sameCommand) entries[entries.length - 1].lines.push(...body);
      else entries.push({ time: out.time, lines: [c.cyan(`$ ${out.command}`), ...body] });
    }
  };
  r.events.forEach((e, i) => {
    pushOutputs(i);
    const type = e.type === "Warning" ? c.yellow(e.type.padEnd(7)) : e.type.padEnd(7);
    entries.push({ time: e.time, lines: [`${type}  ${e.reason}  ${e.object}  ${e.message}`] });
  });
  pushOutputs(Infinity);
  const width = Math.max(3, ...entries.map((e) => formatTime(e.time).length));
  const out: string[] = [];
  for (const e of entries) {
    e.lines.forEach((l, i) =>
      out.push(`  ${i === 0 ? c.dim(formatTime(e.time).padStart(width)) : " ".repeat(width)}  ${l}`),
    );
  }
  return out;
}

/** The whole report. */
export function formatReport(r: ScenarioResult, c: Colors = noColors): string {
  const lines: string[] = [];
  lines.push(c.bold(r.title ? `${r.file} — ${r.title}` : r.file));
  if (r.status === "error") {
    lines.push(c.red("the scenario could not be run (see the errors above)"));
    return lines.join("\n") + "\n";
  }
  lines.push("");
  lines.push(...formatTimeline(r, c));
  lines.push("");
  if (r.failures.length > 0) {
    lines.push(c.bold("Failed commands"));
    for (const f of r.failures)
      lines.push(
        `  ${c.red("✗")} line ${f.line} at ${formatTime(f.time)}  ${f.command}`,
        ...f.message.split("\n").map((l) => `      ${c.red(l)}`),
      );
    lines.push("");
  }
  if (r.expectations.length > 0) {
    lines.push(c.bold("Expectations"));
    for (const e of r.expectations) {
      if (e.passed) lines.push(`  ${c.green("✓")} line ${e.line}  ${e.text}`);
      else lines.push(`  ${c.red("✗")} line ${e.line}  ${e.text}`, `      ${c.red(e.message)}`);
    }
    lines.push("");
  }
  lines.push(summary(r, c));
  return lines.join("\n") + "\n";
}

/** "3 expectations: 2 passed, 1 failed · 1 command failed · simulated 10m". */
export function summary(r: ScenarioResult, c: Colors = noColors): string {
  const passed = r.expectations.filter((e) => e.passed).length;
  const failed = r.expectations.length - passed;
  const parts = [
    `${r.expectations.length} expectation${r.expectations.length === 1 ? "" : "s"}: ${c.green(`${passed} passed`)}, ${failed > 0 ? c.red(`${failed} failed`) : `${failed} failed`}`,
  ];
  if (r.failures.length > 0)
    parts.push(c.red(`${r.failures.length} command${r.failures.length === 1 ? "" : "s"} failed`));
  parts.push(`simulated ${formatTime(r.duration)}`);
  return `${r.passed ? c.green("PASS") : c.red("FAIL")}  ${parts.join(" · ")}`;
}
