/**
 * `replicast test [DIRS|FILES…]`: every scenario as a test, a line each, then
 * `N passed, N failed`. Exit 1 when any fails (or cannot be used), 2 when there is nothing to run.
 *
 * The loop is built to grow (reporters, filters, bail, shards, workers): scenarios are
 * collected, then each is run by `runOne` into a `TestOutcome`, and reporters receive
 * outcomes through `TestReporter`.
 */
import type { ScenarioResult } from "../scenario/result.ts";
import type { ScenarioServices } from "../scenario/services.ts";
import { colorsFor } from "./colors.ts";
import { renderDiagnostics } from "./diagnostics.ts";
import type { CliIO } from "./io.ts";
import { runFile } from "./run.ts";

export interface TestOutcome {
  file: string;
  passed: boolean;
  /** Undefined when the file could not be read. */
  result?: ScenarioResult;
  /** Why it failed, one line per failing expectation or problem. */
  reasons: string[];
}

export interface TestReporter {
  onOutcome(o: TestOutcome): void;
  onEnd(outcomes: readonly TestOutcome[]): void;
}

export interface TestFlags {
  allowOutside?: boolean;
}

export function runOne(file: string, io: CliIO, services: ScenarioServices, flags: TestFlags): TestOutcome {
  const r = runFile(file, io, services, { allowOutside: flags.allowOutside });
  if ("unreadable" in r) return { file, passed: false, reasons: [r.unreadable.trim()] };
  const reasons: string[] = [];
  if (r.status === "error")
    reasons.push(`${r.diagnostics.filter((d) => d.severity === "error").length} error(s) in the input`);
  for (const f of r.failures) reasons.push(`line ${f.line}: ${f.command}: ${f.message.split("\n")[0]}`);
  for (const e of r.expectations) if (!e.passed) reasons.push(`line ${e.line}: ${e.text}: ${e.message}`);
  return { file, passed: r.passed, result: r, reasons };
}

/** The default reporter: `✓ file (N expectations)` / `✗ file` with reasons, then the totals. */
export function textReporter(io: CliIO): TestReporter {
  const c = colorsFor(io.stdoutIsTTY);
  const ce = colorsFor(io.stderrIsTTY);
  return {
    onOutcome(o) {
      const n = o.result?.expectations.length ?? 0;
      if (o.passed)
        io.stdout(`${c.green("✓")} ${o.file} ${c.dim(`(${n} expectation${n === 1 ? "" : "s"})`)}\n`);
      else {
        io.stdout(`${c.red("✗")} ${o.file}\n`);
        for (const r of o.reasons) io.stdout(`    ${r}\n`);
        if (o.result && o.result.status === "error")
          io.stderr(renderDiagnostics(o.result.diagnostics, (f) => io.host.readFile(f), ce));
      }
    },
    onEnd(outcomes) {
      const passed = outcomes.filter((o) => o.passed).length;
      const failed = outcomes.length - passed;
      io.stdout(`${passed} passed, ${failed} failed\n`);
    },
  };
}

export function testCommand(
  paths: readonly string[],
  flags: TestFlags,
  io: CliIO,
  services: ScenarioServices,
  reporters: TestReporter[] = [textReporter(io)],
): number {
  const { files, missing } = io.findScenarios(paths.length > 0 ? paths : ["."]);
  for (const m of missing) io.stderr(`replicast: no such file or directory: "${m}"\n`);
  if (files.length === 0) {
    io.stderr(`replicast: no scenarios (*.scn) found in ${paths.length > 0 ? paths.join(", ") : "."}\n`);
    return 2;
  }
  const outcomes: TestOutcome[] = [];
  for (const file of files) {
    const o = runOne(file, io, services, flags);
    outcomes.push(o);
    for (const r of reporters) r.onOutcome(o);
  }
  for (const r of reporters) r.onEnd(outcomes);
  if (missing.length > 0) return 2;
  return outcomes.every((o) => o.passed) ? 0 : 1;
}
