/**
 * The kubectl commands Replicast understands and their flags, spelled as kubectl spells them
 * (cobra command names, pflag long names and shorthands). Flags kubectl has but the
 * simulation ignores (e.g. `--timeout`) are accepted so real command lines still parse.
 */

export type FlagType = "bool" | "string" | "int" | "stringArray";

export interface FlagSpec {
  name: string;
  short?: string;
  type: FlagType;
}

export type Verb =
  | "create"
  | "apply"
  | "set"
  | "rollout"
  | "scale"
  | "autoscale"
  | "delete"
  | "patch"
  | "annotate"
  | "label"
  | "expose"
  | "get"
  | "describe"
  | "top";

export interface CommandSpec {
  verb: Verb;
  /** Subcommand (`create deployment`, `set image`, `rollout status`…). */
  sub?: string;
  /** Also accepted for the subcommand (cobra aliases), e.g. `create deploy`. */
  subAliases?: readonly string[];
  flags: readonly FlagSpec[];
  /** Only reads the cluster. */
  readOnly: boolean;
}

const f = (name: string, type: FlagType, short?: string): FlagSpec =>
  short ? { name, type, short } : { name, type };

/** kubectl's global flags that make sense against one simulated namespace. */
export const GLOBAL_FLAGS: readonly FlagSpec[] = [
  f("namespace", "string", "n"),
  f("context", "string"),
  f("kubeconfig", "string"),
  f("request-timeout", "string"),
  f("v", "int", "v"),
];

const dryRun = f("dry-run", "string");
const output = f("output", "string", "o");
const selector = f("selector", "string", "l");
const record = f("record", "bool");
const filename = f("filename", "stringArray", "f");

/** annotate's and label's flags (label has no --record). */
const metadataEditFlags: readonly FlagSpec[] = [
  f("overwrite", "bool"),
  f("all", "bool"),
  selector,
  dryRun,
  output,
  filename,
  f("list", "bool"),
  f("resource-version", "string"),
];

export const COMMANDS: readonly CommandSpec[] = [
  {
    verb: "create",
    sub: "deployment",
    subAliases: ["deploy"],
    flags: [
      f("image", "stringArray"),
      f("replicas", "int", "r"),
      f("port", "int"),
      dryRun,
      output,
      f("save-config", "bool"),
      f("field-manager", "string"),
    ],
    readOnly: false,
  },
  {
    verb: "apply",
    flags: [
      filename,
      dryRun,
      output,
      record,
      f("recursive", "bool", "R"),
      f("server-side", "bool"),
      f("force", "bool"),
    ],
    readOnly: false,
  },
  {
    verb: "set",
    sub: "image",
    flags: [record, f("all", "bool"), selector, dryRun, output, filename, f("local", "bool")],
    readOnly: false,
  },
  {
    verb: "rollout",
    sub: "status",
    flags: [f("revision", "int"), f("watch", "bool", "w"), f("timeout", "string"), filename, selector],
    readOnly: true,
  },
  {
    verb: "rollout",
    sub: "history",
    flags: [f("revision", "int"), output, filename, selector],
    readOnly: true,
  },
  {
    verb: "rollout",
    sub: "undo",
    flags: [f("to-revision", "int"), dryRun, output, filename, selector],
    readOnly: false,
  },
  { verb: "rollout", sub: "pause", flags: [output, filename, selector], readOnly: false },
  { verb: "rollout", sub: "resume", flags: [output, filename, selector], readOnly: false },
  { verb: "rollout", sub: "restart", flags: [output, filename, selector], readOnly: false },
  {
    verb: "scale",
    flags: [
      f("replicas", "int"),
      f("current-replicas", "int"),
      f("resource-version", "string"),
      f("all", "bool"),
      selector,
      dryRun,
      output,
      filename,
      record,
      f("timeout", "string"),
    ],
    readOnly: false,
  },
  {
    verb: "autoscale",
    flags: [
      f("min", "int"),
      f("max", "int"),
      f("cpu-percent", "int"),
      f("name", "string"),
      dryRun,
      output,
      filename,
      record,
      f("save-config", "bool"),
    ],
    readOnly: false,
  },
  {
    verb: "delete",
    flags: [
      f("all", "bool"),
      selector,
      f("grace-period", "int"),
      f("now", "bool"),
      f("force", "bool"),
      f("wait", "bool"),
      f("ignore-not-found", "bool"),
      filename,
      f("cascade", "string"),
      dryRun,
      output,
    ],
    readOnly: false,
  },
  {
    verb: "patch",
    flags: [
      f("patch", "string", "p"),
      f("type", "string"),
      dryRun,
      output,
      filename,
      record,
      f("local", "bool"),
      f("subresource", "string"),
    ],
    readOnly: false,
  },
  { verb: "annotate", flags: [...metadataEditFlags, record], readOnly: false },
  {
    verb: "expose",
    flags: [
      f("port", "string"),
      f("target-port", "string"),
      f("name", "string"),
      f("type", "string"),
      f("protocol", "string"),
      selector,
      f("labels", "string"),
      f("external-ip", "string"),
      f("cluster-ip", "string"),
      f("session-affinity", "string"),
      dryRun,
      output,
      filename,
    ],
    readOnly: false,
  },
  { verb: "label", flags: metadataEditFlags, readOnly: false },
  {
    verb: "get",
    flags: [
      output,
      selector,
      f("watch", "bool", "w"),
      f("watch-only", "bool"),
      f("show-labels", "bool"),
      f("no-headers", "bool"),
      f("all-namespaces", "bool", "A"),
      filename,
      f("sort-by", "string"),
      f("label-columns", "stringArray", "L"),
      f("chunk-size", "int"),
    ],
    readOnly: true,
  },
  {
    verb: "describe",
    flags: [
      selector,
      f("show-events", "bool"),
      filename,
      f("all-namespaces", "bool", "A"),
      f("chunk-size", "int"),
    ],
    readOnly: true,
  },
  {
    verb: "top",
    sub: "pod",
    subAliases: ["pods", "po"],
    flags: [
      selector,
      f("containers", "bool"),
      f("sort-by", "string"),
      f("sum", "bool"),
      f("no-headers", "bool"),
      f("all-namespaces", "bool", "A"),
      f("field-selector", "string"),
      f("use-protocol-buffers", "bool"),
    ],
    readOnly: true,
  },
];

export const VERBS: readonly Verb[] = [...new Set(COMMANDS.map((c) => c.verb))];

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
  "cordon",
  "uncordon",
  "drain",
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
export const UNSUPPORTED_SUBCOMMANDS: Readonly<Record<string, { names: readonly string[]; why: string }>> = {
  top: { names: ["node", "nodes", "no"], why: "nodes have no modelled capacity" },
};

export const subcommandsOf = (verb: Verb): string[] =>
  COMMANDS.filter((c) => c.verb === verb && c.sub).map((c) => c.sub as string);

export function findCommand(verb: Verb, sub: string | undefined): CommandSpec | undefined {
  return COMMANDS.find(
    (c) =>
      c.verb === verb &&
      (c.sub === sub ||
        (sub !== undefined && c.subAliases?.includes(sub)) ||
        (c.sub === undefined && sub === undefined)),
  );
}

export const hasSubcommands = (verb: Verb): boolean =>
  COMMANDS.some((c) => c.verb === verb && c.sub !== undefined);

export const isVerb = (w: string): w is Verb => (VERBS as readonly string[]).includes(w);
