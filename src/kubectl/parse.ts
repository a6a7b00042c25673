/**
 * A pure parse of a kubectl command line, used both before anything runs (`replicast check`
 * reports unknown verbs, resource types and flags with the column of the offending word)
 * and by `runKubectl`. Flags follow pflag's rules: `--name=value`, `--name value`, `-n value`,
 * `-nvalue`, `-n=value`, bool flags as `--record` or `--record=false`, clusters of bool
 * shorthands, and `--` ending flag parsing (cobra's ArgsLenAtDash). Commands are found as cobra
 * finds them: the first word is the verb, the next word the subcommand where there is one.
 */
import {
  findCommand,
  GLOBAL_FLAGS,
  hasSubcommands,
  isVerb,
  subcommandsOf,
  UNSUPPORTED_SUBCOMMANDS,
  UNSUPPORTED_VERB_HINTS,
  UNSUPPORTED_VERBS,
  VERBS,
} from "./commandSpec.ts";
import type { CommandSpec, FlagSpec, Verb } from "./commandSpec.ts";
import * as msg from "./messages.ts";
import { resolveResourceType } from "./resources.ts";
import type { ResourceType } from "./resources.ts";
import { didYouMean, suggestionsFor } from "./suggest.ts";
import { tokenize } from "./tokenize.ts";
import type { Token } from "./tokenize.ts";
import { compileGrep } from "./grepPattern.ts";

export interface KubectlDiagnostic {
  /** As kubectl prints it, e.g. `error: unknown flag: --bogus`. */
  message: string;
  /** 1-based column of the offending word in the command line. */
  col: number;
  length: number;
  hint?: string;
  /** The line kubectl prints after a usage error, e.g. `See 'kubectl get -h' for help and examples`. */
  usage?: string;
}

export type FlagValue = string | number | boolean | string[];

export interface GrepFilter {
  pattern: string;
  ignoreCase: boolean;
  invert: boolean;
  /** -E: the pattern is an extended regular expression; otherwise a basic one (treated literally except `.`, `*`, `^`, `$`). */
  extended: boolean;
  /** -c: print the number of matching lines instead of the lines. */
  count?: boolean;
}

export type OutputFormat =
  | { kind: "table"; wide: boolean }
  | { kind: "yaml" }
  | { kind: "json" }
  | { kind: "name" }
  | { kind: "jsonpath"; template: string };

export interface ParsedCommand {
  verb: Verb;
  sub?: string;
  spec: CommandSpec;
  /** The resource type named by TYPE or TYPE/NAME (the first one, for `get deploy,rs`). */
  resource?: ResourceType;
  /** Every type of a comma-separated TYPE list (`get deploy,rs`); just `resource` otherwise. */
  resources?: ResourceType[];
  /**
   * `get events`: events are no stored objects here (the recorder keeps them), so they have
   * no ResourceType; commands/events.ts lists them.
   */
  events?: boolean;
  /** Object names (from TYPE NAME… or TYPE/NAME…; `create deployment NAME`). */
  names: string[];
  /** Remaining positional words: `C=IMAGE` pairs, `key=value`/`key-` annotations. */
  args: string[];
  /** Flags that were set, by long name. */
  flags: Record<string, FlagValue>;
  /** Flags in the order written, as `--record` records them (`--name=value`). */
  flagOrder: { name: string; value: string }[];
  /** Every positional word after the verb (including the subcommand), for `--record`. */
  positionals: string[];
  /** Words after `--`. */
  dashArgs: string[];
  output?: OutputFormat;
  grep?: GrepFilter;
  commandLine: string;
  readOnly: boolean;
}

export interface ParseResult {
  command?: ParsedCommand;
  diagnostics: KubectlDiagnostic[];
}

const diag = (message: string, tok: { start: number; end: number }, hint?: string): KubectlDiagnostic =>
  hint
    ? { message, col: tok.start + 1, length: Math.max(1, tok.end - tok.start), hint }
    : { message, col: tok.start + 1, length: Math.max(1, tok.end - tok.start) };

/** Words a command line may start with and that are not part of the kubectl arguments. */
const BINARY_NAMES = ["kubectl", "k"];

export function parseKubectl(commandLine: string): ParseResult {
  const diagnostics: KubectlDiagnostic[] = [];
  const tk = tokenize(commandLine);
  if (tk.error) {
    return { diagnostics: [{ message: `error: ${tk.error.message}`, col: tk.error.offset + 1, length: 1 }] };
  }
  let tokens = tk.tokens;
  if (tokens.length && !tokens[0].quoted && BINARY_NAMES.includes(tokens[0].value)) tokens = tokens.slice(1);

  // A trailing `| grep …` is the user's shell; keep it as a filter.
  let grep: GrepFilter | undefined;
  const pipeAt = tokens.findIndex((t) => t.pipe);
  if (pipeAt >= 0) {
    const g = parseGrep(tokens.slice(pipeAt + 1), tokens[pipeAt]);
    if ("message" in g) return { diagnostics: [g] };
    grep = g;
    tokens = tokens.slice(0, pipeAt);
  }

  // The verb is the first word that is not a (global) flag or its value.
  let i = 0;
  while (
    i < tokens.length &&
    tokens[i].value.startsWith("-") &&
    tokens[i].value !== "-" &&
    !tokens[i].quoted
  ) {
    const spec = lookupFlag(tokens[i].value, GLOBAL_FLAGS);
    i +=
      spec && spec.type !== "bool" && !tokens[i].value.includes("=") && !/^-[a-zA-Z]./.test(tokens[i].value)
        ? 2
        : 1;
  }
  const verbTok = tokens[i];
  if (!verbTok) {
    return {
      diagnostics: [
        {
          message: 'error: no command given: try "kubectl get pods"',
          col: 1,
          length: Math.max(1, commandLine.length),
        },
      ],
    };
  }
  if (!isVerb(verbTok.value)) {
    if (UNSUPPORTED_VERBS.includes(verbTok.value))
      return {
        diagnostics: [
          diag(
            msg.notSupported(`"kubectl ${verbTok.value}"`),
            verbTok,
            UNSUPPORTED_VERB_HINTS[verbTok.value],
          ),
        ],
      };
    return {
      diagnostics: [
        diag(
          msg.unknownCommand(verbTok.value, "kubectl"),
          verbTok,
          didYouMean(suggestionsFor(verbTok.value, [...VERBS, ...UNSUPPORTED_VERBS])),
        ),
      ],
    };
  }
  const verb = verbTok.value;
  let sub: string | undefined;
  let subTok: Token | undefined;
  if (hasSubcommands(verb)) {
    subTok = tokens.slice(i + 1).find((t) => !t.value.startsWith("-") || t.quoted);
    const subs = subcommandsOf(verb);
    if (!subTok)
      return {
        diagnostics: [
          diag(`error: you must specify a subcommand of "kubectl ${verb}": ${subs.join(", ")}`, verbTok),
        ],
      };
    const unsupported = UNSUPPORTED_SUBCOMMANDS[verb];
    if (unsupported?.names.includes(subTok.value))
      return {
        diagnostics: [
          diag(msg.notSupported(`"kubectl ${verb} ${subTok.value}" (${unsupported.why})`), subTok),
        ],
      };
    if (!findCommand(verb, subTok.value)) {
      return {
        diagnostics: [
          diag(
            msg.unknownCommand(subTok.value, `kubectl ${verb}`),
            subTok,
            didYouMean(suggestionsFor(subTok.value, subs)),
          ),
        ],
      };
    }
    sub = subTok.value;
  }
  const spec = findCommand(verb, sub) as CommandSpec;
  const flagSpecs = [...spec.flags, ...GLOBAL_FLAGS];

  // Flags anywhere (pflag interspersed); positionals in order.
  const flags: Record<string, FlagValue> = {};
  const flagOrder: { name: string; value: string }[] = [];
  const positionals: Token[] = [];
  const dashArgs: string[] = [];
  const setFlag = (s: FlagSpec, raw: string, tok: Token): boolean => {
    let value: FlagValue;
    if (s.type === "bool") {
      const b = parseBool(raw);
      if (b === undefined) {
        diagnostics.push(diag(msg.invalidFlagValue(raw, flagDisplay(s), "bool"), tok));
        return false;
      }
      value = b;
    } else if (s.type === "int") {
      if (!/^[+-]?\d+$/.test(raw)) {
        diagnostics.push(diag(msg.invalidFlagValue(raw, flagDisplay(s), "int"), tok));
        return false;
      }
      value = Number(raw);
    } else if (s.type === "stringArray") {
      value = [...((flags[s.name] as string[] | undefined) ?? []), raw];
    } else {
      value = raw;
    }
    flags[s.name] = value;
    flagOrder.push({ name: s.name, value: raw });
    return true;
  };
  for (let j = 0; j < tokens.length; j++) {
    const t = tokens[j];
    if (t === verbTok || t === subTok) continue;
    const v = t.value;
    if (t.quoted || !v.startsWith("-") || v === "-") {
      positionals.push(t);
      continue;
    }
    if (v === "--") {
      for (const item of tokens.slice(j + 1).map((x) => x.value)) dashArgs.push(item);
      break;
    }
    if (v.startsWith("--")) {
      const eq = v.indexOf("=");
      const name = eq >= 0 ? v.slice(2, eq) : v.slice(2);
      const s = flagSpecs.find((x) => x.name === name);
      if (!s) {
        diagnostics.push(
          diag(
            msg.unknownFlag(name),
            t,
            didYouMean(
              suggestionsFor(
                name,
                flagSpecs.map((x) => x.name),
                1,
              ).map((n) => `--${n}`),
            ),
          ),
        );
        continue;
      }
      if (eq >= 0) setFlag(s, v.slice(eq + 1), t);
      else if (s.type === "bool") setFlag(s, "true", t);
      else if (j + 1 < tokens.length) setFlag(s, tokens[++j].value, tokens[j]);
      else diagnostics.push(diag(msg.flagNeedsArgument(name), t));
      continue;
    }
    // Shorthand cluster: -abc, -ojson, -o=json, -o json.
    let k = 1;
    while (k < v.length) {
      const c = v[k];
      const s = flagSpecs.find((x) => x.short === c);
      if (!s) {
        diagnostics.push(diag(msg.unknownShorthand(c, v), t));
        break;
      }
      if (s.type === "bool") {
        if (v[k + 1] === "=") {
          setFlag(s, v.slice(k + 2), t);
          break;
        }
        setFlag(s, "true", t);
        k++;
        continue;
      }
      const rest = v.slice(k + 1);
      if (rest.length) setFlag(s, rest.startsWith("=") ? rest.slice(1) : rest, t);
      else if (j + 1 < tokens.length) setFlag(s, tokens[++j].value, tokens[j]);
      else diagnostics.push(diag(msg.shorthandNeedsArgument(c, v), t));
      break;
    }
  }

  const command: ParsedCommand = {
    verb,
    spec,
    names: [],
    args: [],
    flags,
    flagOrder,
    positionals: [verbTok.value, ...(sub ? [sub] : []), ...positionals.map((p) => p.value)],
    dashArgs,
    commandLine,
    readOnly: spec.readOnly,
  };
  if (sub) command.sub = spec.sub;
  if (grep) command.grep = grep;

  if (typeof flags.output === "string") {
    const tokOf = tokens.find((t) => t.value.startsWith("-o") || t.value.startsWith("--output")) ?? verbTok;
    const out = parseOutput(flags.output);
    if (typeof out === "string") diagnostics.push(diag(out, tokOf));
    else command.output = out;
  }
  if (typeof flags.namespace === "string" && flags.namespace !== "default") {
    const tokOf =
      tokens.find((t) => t.value.startsWith("-n") || t.value.startsWith("--namespace")) ?? verbTok;
    diagnostics.push(
      diag(
        msg.notSupported(`namespace "${flags.namespace}" (the simulation has one namespace, "default")`),
        tokOf,
      ),
    );
  }

  resolveArguments(command, positionals, verbTok, diagnostics);
  const path = `kubectl ${verb}${sub ? " " + (spec.sub as string) : ""}`;
  for (const d of diagnostics)
    if (d.usage === undefined && isUsageError(d.message)) d.usage = `See '${path} -h' for help and examples`;
  return diagnostics.length ? { diagnostics } : { command, diagnostics };
}

/**
 * The `all` category's resources this simulation has, in the order discovery lists them
 * (core, then apps, then autoscaling): what `kubectl get all` prints, one table each.
 */
const ALL_CATEGORY = ["pods", "services", "deployments", "replicasets", "horizontalpodautoscalers"];

/** Spellings of the events resource (core/v1 and events.k8s.io/v1): plural, singular, short name. */
const EVENT_TYPES = ["events", "event", "ev", "events.events.k8s.io", "event.events.k8s.io"];

function resolveArguments(cmd: ParsedCommand, pos: Token[], verbTok: Token, out: KubectlDiagnostic[]): void {
  const flags = cmd.flags;
  const endTok = pos.length ? pos[pos.length - 1] : verbTok;
  const takeType = (t: Token): ResourceType | undefined => {
    const r = resolveResourceType(t.value);
    if (!r) out.push(diag(msg.unknownResourceType(t.value), t));
    return r;
  };
  /** TYPE NAME… | TYPE/NAME…; returns how many positionals were consumed. */
  const targets = (maxNames: number, isArg: (w: string) => boolean): number => {
    if (!pos.length) return 0;
    const first = pos[0];
    if (first.value.includes("/")) {
      let n = 0;
      for (const t of pos) {
        if (n >= maxNames || !t.value.includes("/") || isArg(t.value)) break;
        const slash = t.value.indexOf("/");
        const typeTok = { ...t, value: t.value.slice(0, slash), end: t.start + slash };
        const r = takeType(typeTok);
        if (r && cmd.resource && r !== cmd.resource)
          out.push(diag(msg.notSupported("naming several resource types in one command"), t));
        if (r) cmd.resource = r;
        cmd.names.push(t.value.slice(slash + 1));
        n++;
      }
      return n;
    }
    const r = takeType(first);
    if (r) cmd.resource = r;
    let n = 1;
    for (const t of pos.slice(1)) {
      if (cmd.names.length >= maxNames || isArg(t.value)) break;
      cmd.names.push(t.value);
      n++;
    }
    return n;
  };
  const needOneTarget = (what: number) => {
    if (!pos.length) out.push(diag("error: required resource not specified", endTok));
    else if (cmd.resource && cmd.names.length === 0 && what > 0)
      out.push(diag(msg.resourceWithoutName(), pos[0]));
  };
  const never = () => false;

  switch (cmd.verb) {
    case "create": {
      cmd.names = pos.map((p) => p.value);
      if (cmd.names.length !== 1) out.push(diag(msg.exactlyOneName(cmd.names.length), pos[1] ?? verbTok));
      if (!flags.image) out.push(diag(msg.requiredFlagNotSet("image"), verbTok));
      return;
    }
    case "apply":
      if (!flags.filename) out.push(diag(msg.mustSpecifyFilename(), verbTok));
      if (pos.length)
        out.push(diag(`error: Unexpected args: [${pos.map((p) => p.value).join(" ")}]`, pos[0]));
      return;
    case "get":
    case "describe": {
      if (!pos.length) {
        out.push(diag(msg.requiredResourceNotSpecified(), verbTok));
        return;
      }
      if (cmd.verb === "get" && pos[0].value.toLowerCase() === "all") {
        if (pos.length > 1) out.push(diag(msg.notSupported("names after `all`"), pos[1]));
        cmd.resources = ALL_CATEGORY.map((word) => resolveResourceType(word)!);
        cmd.resource = cmd.resources[0];
        return;
      }
      if (EVENT_TYPES.includes(pos[0].value.toLowerCase())) {
        if (cmd.verb === "describe") out.push(diag(msg.notSupported("describe events"), pos[0]));
        else if (pos.length > 1) out.push(diag(msg.notSupported("naming events"), pos[1]));
        else cmd.events = true;
        return;
      }
      if (pos[0].value.includes(",") && !pos[0].value.includes("/")) {
        if (pos.length > 1) out.push(diag(msg.notSupported("names after several resource types"), pos[1]));
        let offset = pos[0].start;
        const types: ResourceType[] = [];
        for (const word of pos[0].value.split(",")) {
          const r = takeType({ ...pos[0], value: word, start: offset, end: offset + word.length });
          offset += word.length + 1;
          if (r && !types.includes(r)) types.push(r);
        }
        if (types.length) {
          cmd.resource = types[0];
          cmd.resources = types;
        }
        return;
      }
      const used = targets(Infinity, never);
      for (const t of pos.slice(used))
        out.push(
          diag(
            `error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl ${cmd.verb} resource/<resource_name>' instead of 'kubectl ${cmd.verb} resource resource/<resource_name>'`,
            t,
          ),
        );
      return;
    }
    case "set": {
      const used = targets(1, (w) => w.includes("="));
      needOneTarget(1);
      cmd.args = pos.slice(used).map((p) => p.value);
      if (pos.length && !cmd.args.length) out.push(diag(msg.imageUpdateRequired(), endTok));
      for (const [j, a] of cmd.args.entries())
        if (!a.includes("="))
          out.push(diag(`error: invalid image update "${a}": expected CONTAINER=IMAGE`, pos[used + j]));
      return;
    }
    case "annotate":
    case "label": {
      const used = targets(Infinity, (w) => w.includes("=") || w.endsWith("-"));
      // TYPE with -l SELECTOR or --all edits every object it selects.
      needOneTarget(typeof flags.selector === "string" || flags.all === true ? 0 : 1);
      cmd.args = pos.slice(used).map((p) => p.value);
      if (pos.length && !cmd.args.length && !flags.list)
        out.push(
          diag(cmd.verb === "label" ? msg.labelUpdateRequired() : msg.annotationUpdateRequired(), endTok),
        );
      return;
    }
    case "rollout":
    case "scale":
    case "autoscale":
    case "patch": {
      const used = targets(1, never);
      needOneTarget(1);
      for (const t of pos.slice(used)) out.push(diag(`error: Unexpected args: [${t.value}]`, t));
      if (
        cmd.resource &&
        cmd.verb !== "patch" &&
        cmd.resource.kind !== "Deployment" &&
        !(cmd.verb === "scale" && cmd.resource.kind === "ReplicaSet")
      ) {
        out.push(
          diag(
            msg.notSupported(
              `"kubectl ${cmd.verb}${cmd.sub ? " " + cmd.sub : ""}" on ${cmd.resource.plural}`,
            ),
            pos[0],
          ),
        );
      }
      if (cmd.verb === "scale" && (flags.replicas === undefined || (flags.replicas as number) < 0))
        out.push(diag(msg.replicasRequired(), verbTok));
      if (cmd.verb === "autoscale") {
        const max = (flags.max as number | undefined) ?? -1;
        const min = (flags.min as number | undefined) ?? -1;
        if (max < 1) out.push(diag(msg.maxRequired(max), verbTok));
        else if (max < min) out.push(diag(msg.maxBelowMin(max, min), verbTok));
      }
      if (cmd.verb === "patch") {
        if (typeof flags.patch !== "string") out.push(diag(msg.mustSpecifyPatch(), verbTok));
        const type = (flags.type as string | undefined) ?? "strategic";
        if (!["json", "merge", "strategic"].includes(type)) out.push(diag(msg.badPatchType(type), verbTok));
      }
      return;
    }
    case "expose": {
      const used = targets(1, never);
      needOneTarget(1);
      for (const t of pos.slice(used)) out.push(diag(`error: Unexpected args: [${t.value}]`, t));
      if (cmd.resource && !["Deployment", "ReplicaSet", "Pod", "Service"].includes(cmd.resource.kind))
        out.push(diag(msg.notSupported(`"kubectl expose" of ${cmd.resource.plural}`), pos[0]));
      return;
    }
    case "top": {
      cmd.names = pos.map((p) => p.value);
      if (cmd.names.length > 1) out.push(diag("error: pod [NAME | -l label]", pos[1]));
      return;
    }
    case "delete": {
      targets(Infinity, never);
      if (!pos.length)
        out.push(diag("error: You must provide one or more resources by argument or filename.", verbTok));
      else if (cmd.names.length === 0 && !flags.all && !flags.selector)
        out.push(diag(msg.resourceWithoutName(), pos[0]));
      return;
    }
  }
}

/** Flag and argument errors are usage errors (cmdutil.UsageErrorf); API and lookup errors are not. */
const isUsageError = (m: string) =>
  /^error: (unknown flag|unknown shorthand flag|flag needs an argument|invalid argument|exactly one NAME|required flag|Unexpected args|at least one|must specify|Required resource|required resource|resource\(s\) were provided|You must provide)/.test(
    m,
  );

function parseGrep(rest: Token[], pipe: Token): GrepFilter | KubectlDiagnostic {
  if (!rest.length || rest[0].value !== "grep") return diag(msg.unsupportedPipe(), rest[0] ?? pipe);
  const g: GrepFilter = { pattern: "", ignoreCase: false, invert: false, extended: false };
  let pattern: Token | undefined;
  for (const t of rest.slice(1)) {
    if (t.pipe) return diag(msg.unsupportedPipe(), t);
    if (!pattern && !t.quoted && /^-[ivEFc]+$/.test(t.value)) {
      for (const c of t.value.slice(1)) {
        if (c === "i") g.ignoreCase = true;
        else if (c === "v") g.invert = true;
        else if (c === "E") g.extended = true;
        else if (c === "c") g.count = true;
      }
      continue;
    }
    if (pattern) return diag(msg.unsupportedPipe(), t);
    pattern = t;
  }
  if (!pattern) return diag("error: grep needs a PATTERN", rest[0]);
  g.pattern = pattern.value;
  const compiled = compileGrep(g.pattern, g);
  if ("error" in compiled) return diag(compiled.error, pattern);
  return g;
}

function parseOutput(o: string): OutputFormat | string {
  if (o === "wide") return { kind: "table", wide: true };
  if (o === "yaml" || o === "json" || o === "name") return { kind: o };
  if (o.startsWith("jsonpath=") || o.startsWith("jsonpath-as-json="))
    return { kind: "jsonpath", template: o.slice(o.indexOf("=") + 1) };
  if (o === "jsonpath") return "error: template format specified but no template given";
  if (
    [
      "custom-columns",
      "custom-columns-file",
      "go-template",
      "go-template-file",
      "jsonpath-file",
      "template",
      "templatefile",
    ].some((p) => o === p || o.startsWith(p + "="))
  ) {
    return msg.notSupported(`output format "${o}"`);
  }
  return msg.unknownOutputFormat(o);
}

function lookupFlag(word: string, specs: readonly FlagSpec[]): FlagSpec | undefined {
  if (word.startsWith("--")) {
    const name = word.slice(2).split("=")[0];
    return specs.find((s) => s.name === name);
  }
  return specs.find((s) => s.short === word[1]);
}

const flagDisplay = (s: FlagSpec) => (s.short ? `-${s.short}, --${s.name}` : `--${s.name}`);

/** strconv.ParseBool. */
function parseBool(s: string): boolean | undefined {
  if (["1", "t", "T", "TRUE", "true", "True"].includes(s)) return true;
  if (["0", "f", "F", "FALSE", "false", "False"].includes(s)) return false;
  return undefined;
}
