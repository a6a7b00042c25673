/** `replicast check FILE…`: parse and plan without running. Exit 0 when all are usable, 2 otherwise. */
import { checkWith } from "../scenario/api.ts";
import type { ScenarioServices } from "../scenario/services.ts";
import { colorsFor } from "./colors.ts";
import { renderDiagnostics } from "./diagnostics.ts";
import type { CliIO } from "./io.ts";
import { cannotRead } from "../scenario/host.ts";
import { setFlagsFromString } from "node:v8";

/**
 * V8's interrupt budget for `replicast check` of one file, run as a program: about 15 times
 * its default (67,584), so TurboFan optimises a function after some 15 times the work. A
 * check is over within a few hundred milliseconds, and TurboFan's code for its hot functions
 * (the parse loop, the scanner, the direct AST, kubectl's parser: large once inlined into)
 * arrived after the work it was compiled for, while its compiles on background threads took
 * more CPU than the check's own extra work (callgrind, check-10k.scn beyond a tiny check: 0.6 G
 * instructions against 0.45 G on the main thread), contended with the main thread for the
 * cores, and were waited for at exit (Node joins its worker threads, which finish the queued
 * compiles). Longer files still reach TurboFan: 30,000 and 100,000 lines took no more main
 * thread time. A check of the repository's 389 scenarios at once took more, so the program
 * sets it for one file only (docs/performance.md, "The parse and plan path for `check` (ninth
 * round)"). Set after the bundle is compiled, as the bin's heap flag is (binLoader.ts): V8
 * takes the code cache only under the flags it was made with, and reads this one as functions
 * run.
 */
export const CHECK_INTERRUPT_BUDGET = "--interrupt-budget=1000000";

/** Whether a command line is a check of one file (the check CHECK_INTERRUPT_BUDGET is for). */
export function checksOneFile(argv: readonly string[]): boolean {
  return argv[0] === "check" && argv.filter((a) => !a.startsWith("-")).length === 2;
}

/** Tunes V8 for a check; for the program only (a process that calls `main` keeps its own settings). */
export function tuneV8ForCheck(): void {
  setFlagsFromString(CHECK_INTERRUPT_BUDGET);
}

export function checkCommand(
  files: readonly string[],
  flags: { allowOutside?: boolean },
  io: CliIO,
  services: ScenarioServices,
): number {
  const c = colorsFor(io.stderrIsTTY);
  let bad = 0;
  for (const file of files) {
    const text = io.host.readFile(file);
    if (text === undefined) {
      io.stderr(`${cannotRead(file, io.host)}\n`);
      bad++;
      continue;
    }
    // Only the diagnostics are printed: no plan is built (plan.ts, diagnosticsOnly).
    const r = checkWith(services, text, file, {
      host: io.host,
      allowOutside: flags.allowOutside,
      diagnosticsOnly: true,
      // A manifest in a deprecated or removed API version: check says so (a run applies it).
      deprecations: true,
    });
    if (r.diagnostics.length > 0) io.stderr(renderDiagnostics(r.diagnostics, (f) => io.host.readFile(f), c));
    if (r.ok) io.stdout(`${file}: ok\n`);
    else bad++;
  }
  return bad > 0 ? 2 : 0;
}
