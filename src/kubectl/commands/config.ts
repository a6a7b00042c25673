/**
 * `kubectl config set-context|use-context|current-context|get-contexts|view`
 * (kubectl/pkg/cmd/config: create_context.go, use_context.go, current_context.go,
 * get_contexts.go, view.go), over the scenario's kubeconfig (../kubeconfig.ts). What a walk-through
 * does with them is pick the namespace the next lines work in:
 *
 *     kubectl create namespace dev
 *     kubectl config set-context --current --namespace=dev
 *     kubectl apply -f app.yaml          # into dev
 *
 * A line that changes the kubeconfig says so in its facts; the plan reads the lines after it
 * with the new one. None of them touches the cluster: each line's output follows from the
 * kubeconfig it found.
 *
 * The kubeconfig's one cluster and user are the simulated cluster's own (kubeadm's names; the
 * API server at the control plane's address, 10.0.0.10:6443 beside the nodes' 10.0.0.1N); the
 * credentials print as `DATA+OMITTED`, as `view` prints them without `--raw`.
 */
import type { ArgsContext, KubectlCommand, ParsedCommand } from "../command.ts";
import { flag, outputFlag } from "../flags.ts";
import { executeJsonPath, JsonPathError } from "../jsonpath.ts";
import { contextNamed, withContext, type Kubeconfig, type KubeContext } from "../kubeconfig.ts";
import * as msg from "../messages.ts";
import { fail, ok, type KubectlResult } from "../result.ts";
import { GET_TABWRITER, tabwrite } from "../../text/tabwriter.ts";
import type { Token } from "../tokenize.ts";
import { toYAMLText } from "./output.ts";

/** What a config line does: the kubeconfig it leaves and what it prints, or kubectl's error. */
type Outcome = { kubeconfig: Kubeconfig; stdout: string } | { error: string; usage?: boolean };

const flagGiven = (cmd: ParsedCommand, name: string): string | undefined =>
  typeof cmd.flags[name] === "string" ? (cmd.flags[name] as string) : undefined;

/** create_context.go run: the context named (or the current one) made or changed. */
function setContext(cmd: ParsedCommand): Outcome {
  const kc = cmd.kubeconfig;
  const current = cmd.flags.current === true;
  if (cmd.names.length > 1) return { error: `error: Unexpected args: [${cmd.names.join(" ")}]`, usage: true };
  const named = cmd.names[0] ?? "";
  if (named === "" && !current)
    return { error: "error: you must specify a non-empty context name or --current" };
  if (named !== "" && current)
    return { error: "error: you cannot specify both a context name and --current" };
  if (current && kc.current === "") return { error: "error: no current context is set" };
  const name = current ? kc.current : named;
  const before = contextNamed(kc, name);
  // modifyContext: a flag given sets its field, even to ""; one not given leaves it.
  const cluster = flagGiven(cmd, "cluster");
  const user = flagGiven(cmd, "user");
  const namespace = flagGiven(cmd, "namespace");
  const context: KubeContext = {
    name,
    cluster: cluster ?? before?.cluster ?? "",
    user: user ?? before?.user ?? "",
    ...((namespace ?? before?.namespace) !== undefined ? { namespace: namespace ?? before?.namespace } : {}),
  };
  return {
    kubeconfig: withContext(kc, context),
    stdout: `Context ${JSON.stringify(name)} ${before ? "modified" : "created"}.\n`,
  };
}

/** use_context.go. */
function useContext(cmd: ParsedCommand): Outcome {
  if (cmd.names.length !== 1)
    return { error: `error: Unexpected args: [${cmd.names.join(" ")}]`, usage: true };
  const name = cmd.names[0];
  if (name === "") return { error: "error: empty context names are not allowed" };
  if (!contextNamed(cmd.kubeconfig, name))
    return { error: `error: no context exists with the name: ${JSON.stringify(name)}` };
  return {
    kubeconfig: { current: name, contexts: cmd.kubeconfig.contexts },
    stdout: `Switched to context ${JSON.stringify(name)}.\n`,
  };
}

function currentContext(cmd: ParsedCommand): Outcome {
  if (cmd.kubeconfig.current === "") return { error: "error: current-context is not set" };
  return { kubeconfig: cmd.kubeconfig, stdout: `${cmd.kubeconfig.current}\n` };
}

/** get_contexts.go: the named contexts (or all), by name; `*` marks the current one. */
function getContexts(cmd: ParsedCommand): Outcome {
  const kc = cmd.kubeconfig;
  const nameOnly = cmd.output?.kind === "name";
  const names = cmd.names.length ? cmd.names : kc.contexts.map((c) => c.name);
  const missing = names.filter((n) => !contextNamed(kc, n));
  if (missing.length) return { error: missing.map((n) => `error: context ${n} not found`).join("\n") };
  const sorted = [...names].sort();
  if (nameOnly) return { kubeconfig: kc, stdout: sorted.map((n) => `${n}\n`).join("") };
  let text = cmd.flags["no-headers"] === true ? "" : "CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE\n";
  for (const n of sorted) {
    const c = contextNamed(kc, n)!;
    text += `${n === kc.current ? "*" : " "}\t${n}\t${c.cluster}\t${c.user}\t${c.namespace ?? ""}\n`;
  }
  return { kubeconfig: kc, stdout: tabwrite(text, GET_TABWRITER) };
}

/** The simulated cluster's one cluster and user, as admin.conf names them. */
const CLUSTER = { name: "kubernetes", server: "https://10.0.0.10:6443" };
const USER = "kubernetes-admin";

/** The kubeconfig as clientcmd writes it (v1 Config; keys sorted, as the YAML printer has them). */
function configObject(kc: Kubeconfig, minify: boolean): Record<string, unknown> | string {
  let contexts = [...kc.contexts].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (minify) {
    // MinifyConfig: the current context, its cluster and its user only.
    if (kc.current === "") return "error: current-context must exist in order to minify";
    contexts = contexts.filter((c) => c.name === kc.current);
    if (contexts.length === 0) return `error: cannot locate context ${kc.current}`;
  }
  const usedCluster = !minify || contexts.some((c) => c.cluster === CLUSTER.name);
  const usedUser = !minify || contexts.some((c) => c.user === USER);
  return {
    apiVersion: "v1",
    clusters: usedCluster
      ? [
          {
            cluster: { "certificate-authority-data": "DATA+OMITTED", server: CLUSTER.server },
            name: CLUSTER.name,
          },
        ]
      : null,
    contexts: contexts.map((c) => ({
      context: {
        cluster: c.cluster,
        ...(c.namespace !== undefined && c.namespace !== "" ? { namespace: c.namespace } : {}),
        user: c.user,
      },
      name: c.name,
    })),
    "current-context": kc.current,
    kind: "Config",
    preferences: {},
    users: usedUser
      ? [
          {
            name: USER,
            user: { "client-certificate-data": "DATA+OMITTED", "client-key-data": "DATA+OMITTED" },
          },
        ]
      : null,
  };
}

function view(cmd: ParsedCommand): Outcome {
  const obj = configObject(cmd.kubeconfig, cmd.flags.minify === true);
  if (typeof obj === "string") return { error: obj };
  const out = cmd.output ?? { kind: "yaml" as const };
  switch (out.kind) {
    case "json":
      return { kubeconfig: cmd.kubeconfig, stdout: JSON.stringify(obj, null, 4) + "\n" };
    case "jsonpath":
      try {
        return { kubeconfig: cmd.kubeconfig, stdout: executeJsonPath(out.template, obj) };
      } catch (e) {
        if (e instanceof JsonPathError)
          return { error: `error: error parsing jsonpath ${out.template}, ${e.message}` };
        throw e;
      }
    default:
      return { kubeconfig: cmd.kubeconfig, stdout: toYAMLText(obj) };
  }
}

const outcomes: Record<string, (cmd: ParsedCommand) => Outcome> = {
  "set-context": setContext,
  "use-context": useContext,
  "current-context": currentContext,
  "get-contexts": getContexts,
  view,
};

function configArgs(cmd: ParsedCommand, pos: readonly Token[], ctx: ArgsContext): void {
  cmd.names = pos.map((t) => t.value);
  if (cmd.flags.raw === true)
    ctx.error(
      msg.notSupported("`kubectl config view --raw` (the simulated cluster has no credentials to print)"),
      ctx.flagToken("raw") ?? ctx.verbTok,
    );
  if (cmd.sub === "get-contexts" && cmd.output && cmd.output.kind !== "name")
    ctx.error("error: output must be one of '' or 'name'", ctx.flagToken("output") ?? ctx.verbTok);
  if (
    cmd.sub === "view" &&
    cmd.output &&
    cmd.output.kind !== "yaml" &&
    cmd.output.kind !== "json" &&
    cmd.output.kind !== "jsonpath"
  )
    ctx.error(
      `error: output format "${cmd.flags.output as string}" is not supported by kubectl config view`,
      ctx.verbTok,
    );
  const r = outcomes[cmd.sub!](cmd);
  if ("error" in r) {
    const tok = pos[0] ?? ctx.verbTok;
    if (r.usage) ctx.usage(r.error, tok);
    else if (r.error.startsWith("error: error parsing jsonpath")) return;
    else ctx.error(r.error, tok);
  }
}

function runConfig(cmd: ParsedCommand): KubectlResult {
  const r = outcomes[cmd.sub!](cmd);
  return "error" in r ? fail(r.error, true) : ok(r.stdout, true);
}

const config = (sub: string, flags: KubectlCommand["flags"], changes: boolean): KubectlCommand => ({
  verb: "config",
  sub,
  flags,
  // A line that changes the kubeconfig is no read: it keeps its place among the writes.
  readOnly: !changes,
  args: configArgs,
  run: runConfig,
  facts: (cmd) => {
    if (!changes) return {};
    const r = outcomes[sub](cmd);
    return { reads: false, ...("kubeconfig" in r ? { kubeconfig: r.kubeconfig } : {}) };
  },
});

export const configCommands: readonly KubectlCommand[] = [
  config("set-context", [flag("current", "bool"), flag("cluster", "string"), flag("user", "string")], true),
  { ...config("use-context", [], true), subAliases: ["use"] },
  config("current-context", [], false),
  config("get-contexts", [outputFlag, flag("no-headers", "bool")], false),
  config("view", [outputFlag, flag("minify", "bool"), flag("raw", "bool"), flag("flatten", "bool")], false),
];
