/**
 * kubectl as a library: parse a command line (for `replicast check`), run it against a
 * simulated cluster, apply manifests as `kubectl apply` does, and print watch rows. The
 * commands are registered modules (command.ts, commands/index.ts).
 */
export { runKubectl, runParsed, diagnosticText } from "./run.ts";
export { parseKubectl } from "./parse.ts";
export type { ParseResult, ParseContext, KubectlDiagnostic } from "./parse.ts";
export type { KubectlResult, KubectlOptions, WatchRequest } from "./result.ts";
export { applyObjects } from "./commands/apply.ts";
export { formatWatchChange, formatWatchRow } from "./watch.ts";
export type { WatchRowOptions } from "./watch.ts";
export { CommandRegistry, CommandConflictError } from "./command.ts";
export type {
  ArgsContext,
  CommandFacts,
  GrepFilter,
  KubectlCommand,
  OutputFormat,
  ParsedCommand,
} from "./command.ts";
export { builtinCommands } from "./commands/index.ts";
export { flag } from "./flags.ts";
export type { FlagSpec, FlagType, FlagValue } from "./flags.ts";
