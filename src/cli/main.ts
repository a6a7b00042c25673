#!/usr/bin/env node
/**
 * The `replicast` bin. `main(argv, io)` is the in-process entry (tests call it; it returns
 * the exit status); run as a program it reads process.argv and exits with that status.
 * Whatever happens, no stack trace reaches the user: cli.ts turns a bug into one message
 * and exit status 70 — and so does this file for a failure while loading the simulator.
 */
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { ScenarioServices } from "../scenario/services.ts";
import { checksOneFile, tuneV8ForCheck } from "./check.ts";
import { EXIT_INTERNAL, internalError, main as runMain } from "./cli.ts";
import type { CliIO } from "./io.ts";
import { nodeIO } from "./nodeIO.ts";
import { capYoungGeneration } from "./youngGeneration.ts";

// The bin's loader (binLoader.ts) runs the CLI through these when this file is bundled.
export { nodeIO };

/** The simulator and its parts load on first use, inside the guard. */
async function loadServices(): Promise<ScenarioServices> {
  const m = await import("../scenario/defaultServices.ts");
  return m.defaultServices;
}

export async function main(
  argv: readonly string[],
  io: CliIO = nodeIO(),
  services?: ScenarioServices,
): Promise<number> {
  try {
    return await runMain(argv, io, services ?? (await loadServices()));
  } catch (e) {
    io.stderr(internalError(e));
    return EXIT_INTERNAL;
  }
}

function isEntry(): boolean {
  try {
    return (
      process.argv[1] !== undefined &&
      realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url))
    );
  } catch {
    return false;
  }
}

/** Runs the CLI as the program: the exit status becomes the process's. */
export function runAsProgram(argv: readonly string[]): void {
  // One file: checking many, the process runs long enough for TurboFan's code to pay (check.ts).
  if (checksOneFile(argv)) tuneV8ForCheck();
  // A run's young generation stops at 8 MiB a semi-space (youngGeneration.ts).
  else if (argv[0] === "run") capYoungGeneration();
  main(argv).then(
    (code) => {
      process.exitCode = code;
      // The command is done: exit once stdout and stderr have taken what was written (their
      // callbacks run in order), without first running what V8 left queued — after a long
      // check or run, a full garbage collection of a heap the exit frees anyway.
      process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
    },
    (e: unknown) => {
      process.stderr.write(internalError(e));
      process.exitCode = EXIT_INTERNAL;
    },
  );
}

if (isEntry()) runAsProgram(process.argv.slice(2));
