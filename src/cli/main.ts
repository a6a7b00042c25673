#!/usr/bin/env node
/**
 * The `replicast` bin. `main(argv, io)` is the in-process entry (tests call it; it returns
 * the exit status); run as a program it reads process.argv and exits with that status.
 * Whatever happens, no stack trace reaches the user: cli.ts turns a bug into one message
 * and exit status 70.
 */
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defaultServices } from "../scenario/defaultServices.ts";
import type { ScenarioServices } from "../scenario/services.ts";
import { internalError, EXIT_INTERNAL, main as runMain } from "./cli.ts";
import type { CliIO } from "./io.ts";
import { nodeIO } from "./nodeIO.ts";

export function main(
  argv: readonly string[],
  io: CliIO = nodeIO(),
  services: ScenarioServices = defaultServices,
): Promise<number> {
  return runMain(argv, io, services);
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

if (isEntry()) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(internalError(e));
      process.exitCode = EXIT_INTERNAL;
    },
  );
}
