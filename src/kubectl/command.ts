/**
 * A kubectl command, described once: its cobra name (verb and subcommand), its pflag flags,
 * its argument rules, what it does against a cluster, and the facts a scenario's planner needs
 * before anything runs (what it reads, creates, watches, which files it applies). One module
 * per command in commands/ (kubectl keeps a command in one file the same way:
 * pkg/cmd/scale/scale.go holds its flags, Complete/Validate and Run); a CommandRegistry holds
 * them, the built-in ones frozen (commands/index.ts). The parser (parse.ts) reads a line once,
 * against a registry, and hands the command its words.
 */
import type { ShellFilter } from "./pipeline.ts";
import type { Cluster } from "../engine/cluster.ts";
import type { AnyKind, KindRegistry } from "../k8s/kinds/registry.ts";
import type { KubeObject } from "../k8s/types.ts";
import type { FlagSpec, FlagValue } from "./flags.ts";
import type { KubectlOptions, KubectlResult } from "./result.ts";
import type { Token } from "./tokenize.ts";
import type { Kubeconfig } from "./kubeconfig.ts";
import type { CustomColumn } from "./printers/customColumns.ts";

export type OutputFormat =
  | { kind: "table"; wide: boolean }
  | { kind: "yaml" }
  | { kind: "json" }
  | { kind: "name" }
  | { kind: "jsonpath"; template: string }
  /** `-o go-template=…` / `-o template=…` (goTemplate.ts); `kubectl get` only. */
  | { kind: "go-template"; template: string }
  /** `-o custom-columns=HEADER:PATH,…` (printers/customColumns.ts). */
  | { kind: "custom-columns"; columns: CustomColumn[] };

export interface GrepFilter {
  pattern: string;
  ignoreCase: boolean;
  invert: boolean;
  /** -E: the pattern is an extended regular expression; otherwise a basic one (treated literally except `.`, `*`, `^`, `$`). */
  extended: boolean;
  /** -c: print the number of matching lines instead of the lines. */
  count?: boolean;
  /** -A NUM (or -C): lines after each match. */
  after?: number;
  /** -B NUM (or -C): lines before each match. */
  before?: number;
}

/** What the planner knows of a command line before the run. */
export interface CommandFacts {
  /** Its output is the point (get, describe, rollout status/history, top): run after everything due at its instant. */
  reads: boolean;
  /** `get … -w`: what it keeps printing rows of. */
  watches?: { kind: string; name?: string };
  /** The objects it creates, as it would send them (`create deployment`, `autoscale`). */
  creates: KubeObject[];
  /** The manifest files (or folders) it applies (`apply -f`), in order. */
  applies: string[];
  /** `-R`: folders among `applies` are walked with their subfolders. */
  recursive?: boolean;
  /** `-k DIR` (`apply`, `create`) or `kubectl kustomize DIR`: the kustomization it builds; `prints` when it only prints the build. */
  kustomization?: { dir: string; prints?: boolean };
  /** How long it may go on after it starts (`wait --timeout`), in seconds: the run lasts that long at least. */
  runsFor?: number;
  /** The kubeconfig it leaves (`config set-context`, `use-context`): the lines after it read that one. */
  kubeconfig?: Kubeconfig;
}

/** A command line, parsed: the command and what its words said. */
export interface ParsedCommand {
  command: KubectlCommand;
  verb: string;
  /** The subcommand as cobra names it (`create deployment`, `rollout status`), aliases resolved. */
  sub?: string;
  /** The resource type named by TYPE or TYPE/NAME (the first one, for `get deploy,rs`). */
  resource?: AnyKind;
  /** The TYPE word as written (`so`, `widgets.example.com`), for an error about it at run time. */
  resourceWord?: string;
  /** The version a TYPE word named (`hpa.v2.autoscaling` → "autoscaling/v2"); absent for `hpa`, `hpa.autoscaling`. */
  apiVersion?: string;
  /** Every type of a comma-separated TYPE list (`get deploy,rs`) or a category (`get all`). */
  resources?: AnyKind[];
  /** `get events`: events are no stored objects here (the recorder keeps them); commands/events.ts lists them. */
  events?: boolean;
  /** Object names (from TYPE NAME… or TYPE/NAME…; `create deployment NAME`). */
  names: string[];
  /** Remaining positional words: `C=IMAGE` pairs, `key=value`/`key-` annotations. */
  args: string[];
  /** Flags that were set, by long name. */
  flags: Record<string, FlagValue>;
  /** The namespace the command works in: `-n`/`--namespace`, else its context's, else `default`. */
  namespace: string;
  /** `-n`/`--namespace` was given: apply then refuses objects written for another namespace. */
  namespaceGiven: boolean;
  /** The kubeconfig as the line found it: its contexts, and the one current (kubeconfig.ts). */
  kubeconfig: Kubeconfig;
  /** `-A`/`--all-namespaces` (get, describe, top, events). */
  allNamespaces: boolean;
  /** Flags in the order written, as `--record` records them (`--name=value`). */
  flagOrder: { name: string; value: string }[];
  /** Every positional word after the verb (including the subcommand), for `--record`. */
  positionals: string[];
  /** Words after `--`. */
  dashArgs: string[];
  output?: OutputFormat;
  /** The shell stages after it (`| grep web | wc -l`), pipeline.ts. */
  pipeline?: ShellFilter[];
  commandLine: string;
  readOnly: boolean;
  facts: CommandFacts;
  /** The kubectl minor version it was parsed for (version.ts). */
  version: number;
  /** What kubectl prints on stderr before running it (a deprecated flag's warning). */
  warnings: string[];
}

/** What a command's argument rules may use: the kinds, and kubectl's ways of reporting a problem. */
export interface ArgsContext {
  readonly kinds: KindRegistry;
  /** The verb's word (errors about the command as a whole point at it). */
  readonly verbTok: Token;
  /** The last positional word, or the verb when there is none. */
  readonly endTok: Token;
  /** The word that gave a flag its (first) value: `--filename=x`, or `x` after `-f`. */
  flagToken(name: string): Token | undefined;
  /** A usage error (cmdutil.UsageErrorf): kubectl prints `See 'kubectl VERB -h' for help and examples` after it. */
  usage(message: string, tok: Token): void;
  /** Any other error (an unknown type, something the simulator does not model). */
  error(message: string, tok: Token, hint?: string): void;
  /** A TYPE word resolved against the kinds; "the server doesn't have a resource type" when unknown. */
  type(tok: Token): AnyKind | undefined;
  /**
   * `TYPE NAME…` or `TYPE/NAME…` into cmd.resource and cmd.names, at most `maxNames` names,
   * stopping at a word `isArg` claims; returns how many positional words were used.
   */
  targets(maxNames: number, isArg?: (word: string) => boolean): number;
  /** kubectl's errors for a missing TYPE, or a TYPE without the NAME the command needs. */
  needOneTarget(requireName: boolean): void;
}

export interface KubectlCommand {
  readonly verb: string;
  /** Subcommand (`create deployment`, `set image`, `rollout status`…). */
  readonly sub?: string;
  /** Also accepted for the subcommand (cobra aliases), e.g. `create deploy`. */
  readonly subAliases?: readonly string[];
  /** The kubectl minor version that added it: older kubectl knows no such command (version.ts). */
  readonly since?: number;
  readonly flags: readonly FlagSpec[];
  /** Only reads the cluster. */
  readonly readOnly: boolean;
  /** Reads the positional words into cmd (resource, names, args), reporting what kubectl would. */
  args(cmd: ParsedCommand, pos: readonly Token[], ctx: ArgsContext): void;
  run(cmd: ParsedCommand, cluster: Cluster, options: KubectlOptions): KubectlResult;
  /** What the planner needs (default: it reads when it only reads, creates and applies nothing). */
  facts?(cmd: ParsedCommand): Partial<CommandFacts>;
}

/** Thrown when a command clashes with one already registered: a programming error, not input. */
export class CommandConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CommandConflictError";
  }
}

/**
 * The commands kubectl knows here. Registries nest like kind registries: the built-in
 * commands are a frozen base (commands/index.ts) that a run with more commands extends.
 */
export class CommandRegistry {
  private readonly own: KubectlCommand[] = [];
  private frozen = false;
  /**
   * What a frozen registry answers again and again (every kubectl line of a scenario asks for
   * its verbs and its command): kept once the registry and its bases can no longer change.
   */
  private memo?: {
    all: readonly KubectlCommand[];
    verbs: Set<string>;
    byVerb: Map<string, KubectlCommand[]>;
  };

  constructor(private readonly base?: CommandRegistry) {}

  extend(): CommandRegistry {
    return new CommandRegistry(this);
  }

  freeze(): this {
    this.frozen = true;
    return this;
  }

  register(c: KubectlCommand): this {
    if (this.frozen)
      throw new CommandConflictError(`cannot register "${c.verb}": this command registry is frozen`);
    // A verb may run on its own beside its subcommands (`create -f` and `create deployment`).
    if (this.find(c.verb, c.sub))
      throw new CommandConflictError(`"kubectl ${c.verb}${c.sub ? " " + c.sub : ""}" is already registered`);
    this.own.push(c);
    return this;
  }

  /** Frozen, and so are all its bases. */
  private settled(): boolean {
    return this.frozen && (this.base === undefined || this.base.settled());
  }

  private memoized(): NonNullable<CommandRegistry["memo"]> | undefined {
    if (this.memo !== undefined || !this.settled()) return this.memo;
    const all = this.collect();
    const byVerb = new Map<string, KubectlCommand[]>();
    for (const c of all) {
      const list = byVerb.get(c.verb);
      if (list === undefined) byVerb.set(c.verb, [c]);
      else list.push(c);
    }
    this.memo = { all, verbs: new Set(byVerb.keys()), byVerb };
    return this.memo;
  }

  private collect(): readonly KubectlCommand[] {
    return this.base ? [...this.base.all(), ...this.own] : this.own;
  }

  all(): readonly KubectlCommand[] {
    return this.memoized()?.all ?? this.collect();
  }

  /** Every verb, in registration order. */
  verbs(): string[] {
    const memo = this.memoized();
    return memo ? [...memo.verbs] : [...new Set(this.all().map((c) => c.verb))];
  }

  /** A verb some command has. */
  hasVerb(verb: string): boolean {
    const memo = this.memoized();
    return memo ? memo.verbs.has(verb) : this.all().some((c) => c.verb === verb);
  }

  /** The commands of one verb, in registration order. */
  private ofVerb(verb: string): readonly KubectlCommand[] {
    const memo = this.memoized();
    return memo ? (memo.byVerb.get(verb) ?? []) : this.all().filter((c) => c.verb === verb);
  }

  hasSubcommands(verb: string): boolean {
    return this.ofVerb(verb).some((c) => c.sub !== undefined);
  }

  subcommandsOf(verb: string): string[] {
    const subs: string[] = [];
    for (const c of this.ofVerb(verb)) if (c.sub) subs.push(c.sub);
    return subs;
  }

  /** The command for a verb and subcommand word (an alias too). */
  find(verb: string, sub: string | undefined): KubectlCommand | undefined {
    // A loop, not find with a closure: every kubectl line of a scenario asks.
    const commands = this.ofVerb(verb);
    for (let i = 0; i < commands.length; i++) {
      const c = commands[i];
      if (c.sub === sub || (sub !== undefined && c.subAliases?.includes(sub))) return c;
    }
    return undefined;
  }
}
