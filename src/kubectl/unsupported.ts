/**
 * kubectl commands that exist but that the simulation does not model: refused with kubectl's
 * own command name and, where the scenario language has it, what to write instead.
 */

/** kubectl commands that exist but that the simulation does not model. */
export const UNSUPPORTED_VERBS: readonly string[] = [
  "edit",
  "logs",
  "exec",
  "run",
  "replace",
  "cp",
  "port-forward",
  "proxy",
  "attach",
  "wait",
  "diff",
  "explain",
  "taint",
  "certificate",
  "cluster-info",
  "auth",
  "debug",
  "events",
  "kustomize",
  "api-resources",
  "api-versions",
  "config",
  "plugin",
  "version",
  "completion",
  "options",
  "alpha",
];

/**
 * What to write instead of an unsupported verb, where the scenario language has it: the
 * walk-throughs' load generators (`kubectl run … wget …`) become `load` statements.
 */
export const UNSUPPORTED_VERB_HINTS: Readonly<Record<string, string>> = {
  run: "put load on a Deployment with a `load` statement instead, e.g. `load deployment/php-apache requests 100/s` or `load cpu 500m`",
  exec: "the simulation has no processes to run commands in; `load` statements set what the pods use",
  logs: "the simulation has no container output; `kubectl get events` and `kubectl describe` show what happened",
};

/** Subcommands that exist but that the simulation does not model, with why. */
export const UNSUPPORTED_SUBCOMMANDS: Readonly<Record<string, { names: readonly string[]; why: string }>> =
  {};
