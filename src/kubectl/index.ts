/**
 * kubectl as a library: parse a command line (for `replicast check`), run it against a
 * simulated cluster, apply manifests as `kubectl apply` does, and print watch rows.
 */
export { runKubectl, execute, diagnosticText, grep } from "./run.ts";
export { parseKubectl } from "./parse.ts";
export type {
  ParsedCommand,
  ParseResult,
  KubectlDiagnostic,
  FlagValue,
  GrepFilter,
  OutputFormat,
} from "./parse.ts";
export type { KubectlResult, KubectlOptions, WatchRequest } from "./result.ts";
export { applyObjects, lastAppliedConfiguration } from "./commands/apply.ts";
export { formatWatchRow } from "./watch.ts";
export type { WatchRowOptions } from "./watch.ts";
export { historyOf } from "./commands/rollout/index.ts";
export { tokenize } from "./tokenize.ts";
export { executeJsonPath } from "./jsonpath.ts";
export { changeCause } from "./record.ts";
