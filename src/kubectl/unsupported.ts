/**
 * kubectl commands that exist but that the simulation does not model: refused with kubectl's
 * own command name and, where the scenario language has it, what to write instead.
 */

/** kubectl commands that exist but that the simulation does not model. */
export const UNSUPPORTED_VERBS: readonly string[] = [
  "edit",
  "logs",
  "exec",
  "cp",
  "port-forward",
  "proxy",
  "attach",
  "certificate",
  "cluster-info",
  "auth",
  "debug",
  "plugin",
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
  edit: "change the object with `kubectl patch`, `kubectl set image` or `kubectl scale`, or apply a changed manifest",
  "port-forward":
    "the simulation has no network; put traffic on the pods with `load deployment/NAME requests 100/s`",
  proxy: "the simulation has no network; put traffic on the pods with `load deployment/NAME requests 100/s`",
  attach: "the simulation has no processes to attach to; `kubectl describe pod NAME` shows a pod's state",
  cp: "the simulation has no container file systems",
  debug:
    "`kubectl describe` and `kubectl get events` show what happened; `explain hpa/NAME` says why it scaled",
};

/** Subcommands that exist but that the simulation does not model, with why. */
export const UNSUPPORTED_SUBCOMMANDS: Readonly<Record<string, { names: readonly string[]; why: string }>> = {
  config: {
    names: [
      "set-cluster",
      "set-credentials",
      "set",
      "unset",
      "delete-context",
      "delete-cluster",
      "delete-user",
      "rename-context",
      "get-clusters",
      "get-users",
    ],
    why: "a run's kubeconfig has the simulated cluster and its admin user; `config set-context` and `use-context` pick a context and its namespace",
  },
};
