/**
 * A pure parse of a kubectl command line, used both before anything runs (`replicast check`
 * reports unknown verbs, resource types and flags with the column of the offending word)
 * and by `runKubectl`. Flags follow pflag's rules: `--name=value`, `--name value`, `-n value`,
 * `-nvalue`, `-n=value`, bool flags as `--record` or `--record=false`, clusters of bool
 * shorthands, and `--` ending flag parsing (cobra's ArgsLenAtDash). Commands are found as cobra
 * finds them: the first word is the verb, the next word the subcommand where there is one.
 */
import { builtinKinds } from "../k8s/kinds/builtin.ts";
import { DEFAULT_NAMESPACE } from "../k8s/namespaces.ts";
import type { AnyKind, KindRegistry } from "../k8s/kinds/registry.ts";
import type {
  ArgsContext,
  CommandFacts,
  CommandRegistry,
  KubectlCommand,
  OutputFormat,
  ParsedCommand,
} from "./command.ts";
import { builtinCommands } from "./commands/index.ts";
import { GLOBAL_FLAGS, type FlagSpec, type FlagValue } from "./flags.ts";
import * as msg from "./messages.ts";
import { didYouMean, suggestionsFor } from "./suggest.ts";
import { tokenize } from "./tokenize.ts";
import type { Token } from "./tokenize.ts";
import { parsePipeline, type ShellFilter } from "./pipeline.ts";
import { commandSubstitution } from "./substitution.ts";
import { UNSUPPORTED_SUBCOMMANDS, UNSUPPORTED_VERB_HINTS, UNSUPPORTED_VERBS } from "./unsupported.ts";
import { CURRENT_KUBECTL_MINOR, servesVersion } from "./version.ts";
import { contextNamespace, DEFAULT_KUBECONFIG, type Kubeconfig } from "./kubeconfig.ts";
import { parseCustomColumns } from "./printers/customColumns.ts";

export type { GrepFilter, OutputFormat, ParsedCommand } from "./command.ts";
export type { FlagValue } from "./flags.ts";

export interface KubectlDiagnostic {
  /**
   * "usage": a usage error (cmdutil.UsageErrorf), after which kubectl prints where to get help;
   * "unknownCommand": cobra's unknown command, with its suggestions and parent command;
   * "error": anything else.
   */
  kind: "usage" | "unknownCommand" | "error";
  /** As kubectl prints it, e.g. `error: unknown flag: --bogus`. */
  message: string;
  /** 1-based column of the offending word in the command line. */
  col: number;
  length: number;
  hint?: string;
  /** The line kubectl prints after a usage error, e.g. `See 'kubectl get -h' for help and examples`. */
  usage?: string;
  /** For an unknown command: the command it was looked up under (`kubectl`, `kubectl rollout`). */
  parent?: string;
}

export interface ParseResult {
  command?: ParsedCommand;
  diagnostics: KubectlDiagnostic[];
  /**
   * What the command would do, also when the line has errors (once the command is known): a
   * scenario's planner still learns the objects such a line names, so one bad flag does not
   * make every later target look missing.
   */
  facts?: CommandFacts;
}

const diag = (
  message: string,
  tok: { start: number; end: number },
  hint?: string,
  kind: KubectlDiagnostic["kind"] = "error",
): KubectlDiagnostic =>
  hint
    ? { kind, message, col: tok.start + 1, length: Math.max(1, tok.end - tok.start), hint }
    : { kind, message, col: tok.start + 1, length: Math.max(1, tok.end - tok.start) };

const usage = (message: string, tok: { start: number; end: number }): KubectlDiagnostic =>
  diag(message, tok, undefined, "usage");

/** What a command line is parsed against: the kinds it may name and the commands there are. */
export interface ParseContext {
  kinds?: KindRegistry;
  commands?: CommandRegistry;
  /** The kubectl minor version (version.ts): flags newer than it are unknown. Default: the current one. */
  version?: number;
  /** The kubeconfig as the line finds it (kubeconfig.ts). Default: a run's first one. */
  kubeconfig?: Kubeconfig;
}

/** Words a command line may start with and that are not part of the kubectl arguments. */
const BINARY_NAMES = ["kubectl", "k"];

export function parseKubectl(commandLine: string, context: ParseContext = {}): ParseResult {
  const kinds = context.kinds ?? builtinKinds;
  const commands = context.commands ?? builtinCommands;
  const version = context.version ?? CURRENT_KUBECTL_MINOR;
  const diagnostics: KubectlDiagnostic[] = [];
  const tk = tokenize(commandLine);
  if (tk.error) {
    return {
      diagnostics: [
        { kind: "error", message: `error: ${tk.error.message}`, col: tk.error.offset + 1, length: 1 },
      ],
    };
  }
  let tokens = tk.tokens;
  if (tokens.length && !tokens[0].quoted && BINARY_NAMES.includes(tokens[0].value)) tokens = tokens.slice(1);
  const firstPipe = tokens.findIndex((t) => t.pipe);
  const substituted = commandSubstitution(commandLine, firstPipe < 0 ? tokens : tokens.slice(0, firstPipe));
  if (substituted)
    return {
      diagnostics: [
        diag(
          msg.notSupported(`command substitution \`$(…)\``),
          substituted,
          msg.commandSubstitutionHint(substituted.inner),
        ),
      ],
    };

  // A trailing `| grep …`, `| tail -n +2 | wc -l` is the user's shell; keep it as filters.
  let pipeline: ShellFilter[] | undefined;
  const pipeAt = tokens.findIndex((t) => t.pipe);
  if (pipeAt >= 0) {
    const p = parsePipeline(tokens.slice(pipeAt + 1), tokens[pipeAt]);
    if ("message" in p) return { diagnostics: [diag(p.message, p.token, p.hint)] };
    pipeline = p;
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
          kind: "error",
          message: 'error: no command given: try "kubectl get pods"',
          col: 1,
          length: Math.max(1, commandLine.length),
        },
      ],
    };
  }
  if (!commands.hasVerb(verbTok.value)) {
    const verbs = commands.verbs();
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
        {
          ...diag(
            msg.unknownCommand(verbTok.value, "kubectl"),
            verbTok,
            didYouMean(suggestionsFor(verbTok.value, [...verbs, ...UNSUPPORTED_VERBS])),
            "unknownCommand",
          ),
          parent: "kubectl",
        },
      ],
    };
  }
  const verb = verbTok.value;
  let sub: string | undefined;
  let subTok: Token | undefined;
  // A verb that runs on its own as well as through subcommands (`kubectl create -f FILE`
  // beside `kubectl create deployment`): cobra's stripFlags skips the values of the parent's
  // flags when it looks for a subcommand (cobra command.go), so `create -f deployment.yaml`
  // is the parent, not a subcommand named after the file.
  // The command the words name: looked up once (a scenario's check reads hundreds of lines).
  let command: KubectlCommand;
  if (commands.hasSubcommands(verb)) {
    const root = commands.find(verb, undefined);
    subTok = firstWord(tokens, i + 1, root ? flagsOf(root, version).specs : []);
    const named = subTok === undefined ? undefined : commands.find(verb, subTok.value);
    // A word that names no subcommand goes to the parent only beside -f (where cobra would
    // report it as an unexpected argument); alone it is a mistyped subcommand, said as such.
    const rootTakes =
      root !== undefined &&
      (subTok === undefined ||
        (!named &&
          !UNSUPPORTED_SUBCOMMANDS[verb]?.names.includes(subTok.value) &&
          givesFilename(tokens, i + 1)));
    if (rootTakes) subTok = undefined;
    else if (!subTok)
      return {
        diagnostics: [
          diag(
            `error: you must specify a subcommand of "kubectl ${verb}": ${commands.subcommandsOf(verb).join(", ")}`,
            verbTok,
          ),
        ],
      };
    const unsupported = UNSUPPORTED_SUBCOMMANDS[verb];
    if (subTok && unsupported?.names.includes(subTok.value))
      return {
        diagnostics: [
          diag(msg.notSupported(`"kubectl ${verb} ${subTok.value}" (${unsupported.why})`), subTok),
        ],
      };
    if (subTok && !named) {
      return {
        diagnostics: [
          {
            ...diag(
              msg.unknownCommand(subTok.value, `kubectl ${verb}`),
              subTok,
              didYouMean(suggestionsFor(subTok.value, commands.subcommandsOf(verb))),
              "unknownCommand",
            ),
            parent: `kubectl ${verb}`,
          },
        ],
      };
    }
    sub = subTok?.value;
    // The parent when it takes the words, else the subcommand they name (found, or reported above).
    command = rootTakes ? root! : named!;
  } else command = commands.find(verb, undefined)!;
  // A command newer than the kubectl the scenario prints is unknown to it (`kubectl events`
  // before 1.26), as cobra reports any verb it has no command for.
  if (command.since !== undefined && command.since > version)
    return {
      diagnostics: [
        {
          ...diag(msg.unknownCommand(verb, "kubectl"), verbTok, undefined, "unknownCommand"),
          parent: "kubectl",
        },
      ],
    };
  const { specs: flagSpecs, byName, byShort } = flagsOf(command, version);
  const warnings: string[] = [];

  // Flags anywhere (pflag interspersed); positionals in order.
  const flags: Record<string, FlagValue> = {};
  const flagOrder: { name: string; value: string }[] = [];
  const positionals: Token[] = [];
  const dashArgs: string[] = [];
  let unknownFlag = false;
  const flagTokens = new Map<string, Token[]>();
  const setFlag = (s: FlagSpec, raw: string, tok: Token): boolean => {
    const given = flagTokens.get(s.name);
    if (given === undefined) flagTokens.set(s.name, [tok]);
    else given.push(tok);
    let value: FlagValue;
    if (s.type === "bool") {
      const b = parseBool(raw);
      if (b === undefined) {
        diagnostics.push(usage(msg.invalidFlagValue(raw, flagDisplay(s), "bool"), tok));
        return false;
      }
      value = b;
    } else if (s.type === "int") {
      if (!/^[+-]?\d+$/.test(raw)) {
        diagnostics.push(usage(msg.invalidFlagValue(raw, flagDisplay(s), "int"), tok));
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
    // pflag prints a deprecated flag's notice each time it is set (flag.go, Set).
    if (s.deprecated && s.deprecated.since <= version)
      warnings.push(`Flag --${s.name} has been deprecated, ${s.deprecated.message}`);
    return true;
  };
  for (let j = 0; j < tokens.length; j++) {
    const t = tokens[j];
    if (t === verbTok || t === subTok) continue;
    const v = t.value;
    // A word is a flag when it starts with an unquoted dash: the shell hands kubectl
    // `--for=jsonpath={.status.phase}=Running` for `--for=jsonpath='{.status.phase}'=Running`.
    if ((t.quoted && commandLine[t.start] !== "-") || !v.startsWith("-") || v === "-") {
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
      const s = byName.get(name);
      if (!s) {
        unknownFlag = true;
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
            "usage",
          ),
        );
        continue;
      }
      if (eq >= 0) setFlag(s, v.slice(eq + 1), t);
      else if (s.type === "bool") setFlag(s, "true", t);
      else if (s.noOptDefVal !== undefined) setFlag(s, s.noOptDefVal, t);
      else if (j + 1 < tokens.length) setFlag(s, tokens[++j].value, tokens[j]);
      else diagnostics.push(usage(msg.flagNeedsArgument(name), t));
      continue;
    }
    // Shorthand cluster: -abc, -ojson, -o=json, -o json.
    let k = 1;
    while (k < v.length) {
      const c = v[k];
      const s = byShort.get(c);
      if (!s) {
        unknownFlag = true;
        diagnostics.push(usage(msg.unknownShorthand(c, v), t));
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
      else diagnostics.push(usage(msg.shorthandNeedsArgument(c, v), t));
      break;
    }
  }

  // The kubeconfig as this line finds it: `--context` (else the current one) gives the
  // namespace when -n does not (kubeconfig.ts).
  const kubeconfig = context.kubeconfig ?? DEFAULT_KUBECONFIG;
  const contextNs = contextNamespace(
    kubeconfig,
    typeof flags.context === "string" ? flags.context : undefined,
  );
  if (typeof contextNs === "object")
    diagnostics.push(diag(contextNs.error, flagTokens.get("context")?.[0] ?? verbTok));
  const cmd: ParsedCommand = {
    command,
    verb,
    names: [],
    args: [],
    flags,
    flagOrder,
    positionals: positionalWords(verbTok, sub, positionals),
    dashArgs,
    commandLine,
    readOnly: command.readOnly,
    facts: { reads: false, creates: [], applies: [] },
    version,
    warnings,
    // An empty --namespace overrides nothing (clientcmd): the context's namespace, `default`.
    namespace:
      typeof flags.namespace === "string" && flags.namespace !== ""
        ? flags.namespace
        : typeof contextNs === "string"
          ? contextNs
          : DEFAULT_NAMESPACE,
    namespaceGiven: typeof flags.namespace === "string" && flags.namespace !== "",
    kubeconfig,
    allNamespaces: flags["all-namespaces"] === true,
  };
  if (sub) cmd.sub = command.sub;
  if (pipeline) cmd.pipeline = pipeline;

  // `--template '{{…}}'` without -o prints with it as a go-template (cli-runtime print_flags.go
  // ToPrinter: "support a --template argument given, even when no --output format is
  // provided"), as the ZooKeeper tutorial's `kubectl get pod zk-0 --template {{.spec.nodeName}}`.
  const templateOnly =
    flags.output === undefined && typeof flags.template === "string" && flags.template !== "";
  // explain's --output names its template (plaintext), not a printer: the command reads it.
  if ((typeof flags.output === "string" || templateOnly) && command.verb !== "explain") {
    const output = typeof flags.output === "string" ? flags.output : "go-template";
    const tokOf =
      tokens.find((t) => t.value.startsWith("-o") || t.value.startsWith("--output")) ??
      tokens.find((t) => t.value.startsWith("--template")) ??
      verbTok;
    // `-o go-template --template '{{…}}'` (the tutorials' form): the template from its own flag.
    const template = typeof flags.template === "string" ? flags.template : undefined;
    const given =
      template !== undefined && ["go-template", "template", "jsonpath"].includes(output)
        ? `${output}=${template}`
        : output;
    const out = parseOutput(given);
    if (typeof out === "string") diagnostics.push(diag(out, tokOf));
    else if (out.kind === "go-template" && command.verb !== "get")
      diagnostics.push(diag(msg.notSupported(`output format "${output}" of kubectl ${command.verb}`), tokOf));
    else cmd.output = out;
  }

  // Files kubectl would fetch or read from stdin: a scenario has neither network nor stdin.
  const filenames = flags.filename as string[] | undefined;
  for (let n = 0; filenames !== undefined && n < filenames.length; n++) {
    const f = filenames[n];
    const tok = flagTokens.get("filename")?.[n] ?? verbTok;
    if (/^https?:\/\//i.test(f)) diagnostics.push(diag(msg.filenameIsURL(f), tok, msg.filenameIsURLHint(f)));
    else if (f === "-") diagnostics.push(diag(msg.filenameIsStdin(), tok, msg.filenameIsStdinHint()));
  }

  // pflag stops at an unknown flag and cobra runs no Args rule: the words after it (`-o yaml`'s
  // yaml) are not the command's arguments, so what the rule says of them is dropped (kubectl
  // never prints it); the rule still runs, so the line names what it meant.
  const argsDiagnostics = unknownFlag ? [] : diagnostics;
  command.args(cmd, positionals, argsContext(cmd, positionals, verbTok, argsDiagnostics, kinds, flagTokens));
  cmd.facts = factsOf(cmd);
  if (diagnostics.length) {
    const path = `kubectl ${verb}${sub ? " " + (command.sub as string) : ""}`;
    for (const d of diagnostics)
      if (d.kind === "usage" && d.usage === undefined) d.usage = `See '${path} -h' for help and examples`;
    return { diagnostics, facts: cmd.facts };
  }
  return { command: cmd, diagnostics, facts: cmd.facts };
}

/** A command's flags for one kubectl version, in order, and by long name and by shorthand. */
interface CommandFlags {
  specs: readonly FlagSpec[];
  /** The first spec of each name and each shorthand, as a search of `specs` in order finds it. */
  byName: ReadonlyMap<string, FlagSpec>;
  byShort: ReadonlyMap<string, FlagSpec>;
}

/** Each command's flags and the global ones, by kubectl version: every line of a scenario asks again. */
const flagsByCommand = new WeakMap<KubectlCommand, Map<number, CommandFlags>>();

function flagsOf(command: KubectlCommand, version: number): CommandFlags {
  let byVersion = flagsByCommand.get(command);
  if (byVersion === undefined) flagsByCommand.set(command, (byVersion = new Map()));
  let flags = byVersion.get(version);
  if (flags === undefined) {
    // A flag a later kubectl added is unknown to this one, as pflag reports it.
    const specs = [...command.flags, ...GLOBAL_FLAGS].filter(
      (s) => s.since === undefined || s.since <= version,
    );
    const byName = new Map<string, FlagSpec>();
    const byShort = new Map<string, FlagSpec>();
    for (const s of specs) {
      if (!byName.has(s.name)) byName.set(s.name, s);
      if (s.short !== undefined && !byShort.has(s.short)) byShort.set(s.short, s);
    }
    flags = { specs, byName, byShort };
    byVersion.set(version, flags);
  }
  return flags;
}

/** The verb, the subcommand and the positional words, as `--record` records them. */
function positionalWords(verbTok: Token, sub: string | undefined, positionals: readonly Token[]): string[] {
  const first = sub ? 2 : 1;
  const words = new Array<string>(first + positionals.length);
  words[0] = verbTok.value;
  if (sub) words[1] = sub;
  for (let j = 0; j < positionals.length; j++) words[first + j] = positionals[j].value;
  return words;
}

/** The facts a command states, completed: it reads when it only reads, unless it says otherwise. */
function factsOf(cmd: ParsedCommand): CommandFacts {
  const stated = cmd.command.facts?.(cmd);
  const reads = stated?.reads ?? cmd.command.readOnly;
  const creates = stated?.creates ?? [];
  const applies = stated?.applies ?? [];
  // The common case without spreading a temporary object per line; the keys in the same order.
  if (
    stated === undefined ||
    (!stated.watches &&
      !stated.recursive &&
      stated.runsFor === undefined &&
      !stated.kubeconfig &&
      !stated.kustomization)
  )
    return { reads, creates, applies };
  return {
    reads,
    ...(stated.watches ? { watches: stated.watches } : {}),
    creates,
    applies,
    ...(stated.recursive ? { recursive: true } : {}),
    ...(stated.kustomization ? { kustomization: stated.kustomization } : {}),
    ...(stated.runsFor !== undefined ? { runsFor: stated.runsFor } : {}),
    ...(stated.kubeconfig ? { kubeconfig: stated.kubeconfig } : {}),
  };
}

/** Whether `resource.version.group` names a kind served in the group, in other versions. */
const servedElsewhere = (kinds: KindRegistry, parts: readonly string[]): boolean =>
  parts.length >= 3 && kinds.resource(`${parts[0]}.${parts.slice(2).join(".")}`) !== undefined;

/** The helpers a command's argument rules use, reporting into `out`. */
function argsContext(
  cmd: ParsedCommand,
  pos: Token[],
  verbTok: Token,
  out: KubectlDiagnostic[],
  kinds: KindRegistry,
  flagTokens: ReadonlyMap<string, Token[]>,
): ArgsContext {
  const endTok = pos.length ? pos[pos.length - 1] : verbTok;
  const type = (t: Token): AnyKind | undefined => {
    const r = kinds.resource(t.value);
    // RESOURCE.VERSION.GROUP (schema.ParseResourceArg): the version asked for.
    const parts = t.value.toLowerCase().split(".");
    // A version no longer served of a kind served in others (a CRD's revision set it
    // `served: false`): builder.go mappingFor reports the resource part of the word.
    if (!r) out.push(diag(msg.unknownResourceType(servedElsewhere(kinds, parts) ? parts[0] : t.value), t));
    cmd.resourceWord ??= t.value;
    if (r && r.group && parts.length >= 3 && r.versions.includes(parts[1])) {
      // A version the API server of this release no longer (or not yet) serves: no mapping,
      // and kubectl's builder.go mappingFor reports the resource part of the word.
      if (!servesVersion(r.group, parts[1], cmd.version)) {
        out.push(diag(msg.unknownResourceType(t.value.split(".")[0]), t));
        return undefined;
      }
      cmd.apiVersion = `${r.group}/${parts[1]}`;
    }
    return r;
  };
  return {
    kinds,
    verbTok,
    endTok,
    flagToken: (name) => flagTokens.get(name)?.[0],
    usage: (message, tok) => out.push(usage(message, tok)),
    error: (message, tok, hint) => out.push(diag(message, tok, hint)),
    type,
    targets(maxNames, isArg = () => false) {
      if (!pos.length) return 0;
      const first = pos[0];
      if (first.value.includes("/")) {
        let n = 0;
        for (let j = 0; j < pos.length; j++) {
          const t = pos[j];
          if (n >= maxNames || !t.value.includes("/") || isArg(t.value)) break;
          const slash = t.value.indexOf("/");
          const typeTok = { ...t, value: t.value.slice(0, slash), end: t.start + slash };
          const r = type(typeTok);
          if (r && cmd.resource && r !== cmd.resource)
            out.push(diag(msg.notSupported("naming several resource types in one command"), t));
          if (r) cmd.resource = r;
          cmd.names.push(t.value.slice(slash + 1));
          n++;
        }
        return n;
      }
      const r = type(first);
      if (r) cmd.resource = r;
      let n = 1;
      for (let j = 1; j < pos.length; j++) {
        const t = pos[j];
        if (cmd.names.length >= maxNames || isArg(t.value)) break;
        cmd.names.push(t.value);
        n++;
      }
      return n;
    },
    needOneTarget(requireName) {
      if (!pos.length) out.push(usage("error: required resource not specified", endTok));
      else if (cmd.resource && cmd.names.length === 0 && requireName)
        out.push(usage(msg.resourceWithoutName(), pos[0]));
    },
  };
}

function parseOutput(o: string): OutputFormat | string {
  if (o === "wide") return { kind: "table", wide: true };
  if (o === "yaml" || o === "json" || o === "name") return { kind: o };
  if (o.startsWith("jsonpath=") || o.startsWith("jsonpath-as-json="))
    return { kind: "jsonpath", template: o.slice(o.indexOf("=") + 1) };
  if (o === "jsonpath") return "error: template format specified but no template given";
  if (o.startsWith("go-template=") || o.startsWith("template="))
    return { kind: "go-template", template: o.slice(o.indexOf("=") + 1) };
  if (o === "go-template" || o === "template")
    return "error: template format specified but no template given";
  if (o === "custom-columns" || o.startsWith("custom-columns=")) {
    const columns = parseCustomColumns(o.slice("custom-columns=".length));
    return "error" in columns ? columns.error : { kind: "custom-columns", columns };
  }
  if (
    [
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

/**
 * The first word from `from` on that is no flag and no flag's value (cobra stripFlags: a
 * value-taking flag written without `=` takes the next word).
 */
function firstWord(tokens: readonly Token[], from: number, specs: readonly FlagSpec[]): Token | undefined {
  for (let j = from; j < tokens.length; j++) {
    const v = tokens[j].value;
    if (tokens[j].quoted || !v.startsWith("-") || v === "-") return tokens[j];
    if (v === "--") return undefined;
    const spec = lookupFlag(v, specs);
    if (
      spec &&
      spec.type !== "bool" &&
      spec.noOptDefVal === undefined &&
      !v.includes("=") &&
      (v.startsWith("--") || v.length === 2)
    )
      j++;
  }
  return undefined;
}

/** Whether the words from `from` on give `-f`/`--filename` (the parent `create` reads files). */
function givesFilename(tokens: readonly Token[], from: number): boolean {
  return tokens
    .slice(from)
    .some((t) => !t.quoted && (/^-f/.test(t.value) || /^--filename(=|$)/.test(t.value)));
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
  switch (s) {
    case "1":
    case "t":
    case "T":
    case "TRUE":
    case "true":
    case "True":
      return true;
    case "0":
    case "f":
    case "F":
    case "FALSE":
    case "false":
    case "False":
      return false;
    default:
      return undefined;
  }
}
