/**
 * `kubectl set env TYPE/NAME KEY=VALUE… KEY-… [-e KEY=VALUE] [-c CONTAINER]
 * [--from=configmap/NAME|secret/NAME [--keys=K,…]] [--prefix=P] [--overwrite=false]
 * [--list [--resolve]]` (kubectl/pkg/cmd/set/set_env.go): in every container (and init
 * container) matching `-c` (default `*`), a KEY=VALUE sets the variable (in place if it is
 * there, else at the end) and KEY- removes it. `--from` adds one variable per key of a
 * ConfigMap or Secret, named after the key in upper case with other characters as `_`, each
 * read from that key (valueFrom); `--prefix` goes before every name set. On a Deployment this
 * is a template change: a rollout follows. `--list` prints each container's variables with
 * the changes applied, and writes nothing.
 */
import type { Cluster } from "../../engine/cluster.ts";
import type { Container } from "../../k8s/types.ts";
import type { KubectlCommand, ParsedCommand } from "../command.ts";
import { notFoundText } from "../apiErrors.ts";
import { dryRunFlag, filenameFlag, flag, outputFlag, recordFlag, selectorFlag } from "../flags.ts";
import * as msg from "../messages.ts";
import { fail, ok, type KubectlOptions, type KubectlResult } from "../result.ts";
import { envVarRefString, envVarRefValue, type EnvVarSource } from "./envResolve.ts";
import { containersMatching, targetPodSpec, updateSelectedContainers } from "./setContainers.ts";

/** An env word: `KEY=VALUE` or `KEY-` (set_env.go / cmdutil env parsing). */
const isEnvWord = (w: string) => w.includes("=") || (w.endsWith("-") && w.length > 1);

/** A container's env entry: a value, or a valueFrom. */
interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: EnvVarSource;
}

/** envutil.ParseEnv: the variables to set (in order) and the names to remove. */
function envChanges(words: readonly string[]): { env: EnvVar[]; remove: string[] } {
  const env: EnvVar[] = [];
  const remove: string[] = [];
  for (const w of words) {
    const eq = w.indexOf("=");
    if (eq >= 0) env.push({ name: w.slice(0, eq), value: w.slice(eq + 1) });
    else remove.push(w.slice(0, -1));
  }
  return { env, remove };
}

/**
 * set_env.go updateEnv: a variable already there is replaced in place by the first new one of
 * its name, the rest are added at the end in order, and a removed name stays out.
 */
export function updateEnv(
  existing: readonly EnvVar[],
  env: readonly EnvVar[],
  remove: readonly string[],
): EnvVar[] {
  const out: EnvVar[] = [];
  const covered = new Set(remove);
  for (const e of existing) {
    if (covered.has(e.name)) continue;
    const newer = env.find((n) => n.name === e.name);
    if (newer) {
      covered.add(e.name);
      out.push(newer);
    } else out.push(e);
  }
  for (const e of env) {
    if (covered.has(e.name)) continue;
    covered.add(e.name);
    out.push(e);
  }
  return out;
}

/** set_env.go keyToEnvName. */
const keyToEnvName = (key: string) => key.replace(/[^a-zA-Z0-9_]/g, "_").toUpperCase();

/**
 * `--from`: a variable per key of the ConfigMap's data or the Secret's data. kubectl walks the
 * keys in Go's map order, which changes from run to run; here they come in key order.
 */
function envFrom(cmd: ParsedCommand, cluster: Cluster, namespace: string): EnvVar[] | KubectlResult {
  const from = cmd.flags.from as string;
  const slash = from.indexOf("/");
  if (slash < 0) return fail("error: resource(s) were provided, but no name was specified");
  const word = from.slice(0, slash);
  const name = from.slice(slash + 1);
  const kind = cluster.kinds.resource(word);
  if (!kind) return fail(msg.unknownResourceType(word));
  if (kind.kind !== "ConfigMap" && kind.kind !== "Secret")
    return fail("error: unsupported resource specified in --from");
  const source = cluster.api.get(kind.kind, namespace, name) as
    | (Record<string, unknown> & { data?: Record<string, unknown>; stringData?: Record<string, unknown> })
    | undefined;
  if (!source) return fail(notFoundText(kind, name));
  const keys = ((cmd.flags.keys as string[] | undefined) ?? []).flatMap((k) => k.split(","));
  const all = Object.keys({
    ...(source.data ?? {}),
    ...(kind.kind === "Secret" ? (source.stringData ?? {}) : {}),
  });
  const ref = kind.kind === "Secret" ? "secretKeyRef" : "configMapKeyRef";
  return all
    .filter((key) => keys.length === 0 || keys.includes(key))
    .sort()
    .map((key) => ({ name: keyToEnvName(key), valueFrom: { [ref]: { name, key } } }));
}

/** set_env.go validateNoOverwrites: with --overwrite=false, a different value is an error. */
function overwriteError(c: Container, env: readonly EnvVar[]): string | undefined {
  for (const e of env) {
    const current = (c.env as EnvVar[] | undefined)?.find((x) => x.name === e.name);
    if (current && current.value !== e.value)
      return `'${current.name}' already has a value (${current.value ?? ""}), and --overwrite is false`;
  }
  return undefined;
}

/** `--list`: each selected container's variables after the changes; nothing is written. */
function listEnv(cmd: ParsedCommand, cluster: Cluster, env: EnvVar[], remove: string[]): KubectlResult {
  const target = targetPodSpec(cmd, cluster);
  if ("error" in target) return target.error;
  const { object, spec } = target;
  const pattern = (cmd.flags.containers as string | undefined) ?? "*";
  const namespace = object.metadata.namespace ?? "default";
  const resolve = cmd.flags.resolve === true;
  let out = "";
  let err = "";
  let unresolved = false;
  // RunEnv appends the init containers after the containers.
  for (const c of [
    ...containersMatching(spec.containers, pattern),
    ...containersMatching(spec.initContainers ?? [], pattern),
  ]) {
    const vars = updateEnv((c.env as EnvVar[] | undefined) ?? [], env, remove);
    out += `# ${object.kind} ${object.metadata.name}, container ${c.name}\n`;
    const failed = new Map<string, string[]>();
    for (const v of vars) {
      if (!v.valueFrom) {
        out += `${v.name}=${v.value ?? ""}\n`;
        continue;
      }
      const got = resolve ? envVarRefValue(cluster.api, namespace, v.valueFrom, object, c) : undefined;
      if (got && "value" in got) {
        out += `${v.name}=${got.value}\n`;
        continue;
      }
      out += `# ${v.name} from ${envVarRefString(v.valueFrom)}\n`;
      if (got) failed.set(got.error, [...(failed.get(got.error) ?? []), v.name]);
    }
    const lines = [...failed].map(
      ([e, names]) => `error retrieving reference for ${names.sort().join(", ")}: ${e}`,
    );
    for (const line of lines.sort()) err += `${line}\n`;
    unresolved ||= failed.size > 0;
  }
  if (unresolved) return fail(`${err}error: failed to retrieve valueFrom references`, true, out);
  return ok(out, true);
}

function runSetEnv(cmd: ParsedCommand, cluster: Cluster, options: KubectlOptions): KubectlResult {
  const { env, remove } = envChanges([...cmd.args, ...((cmd.flags.env as string[] | undefined) ?? [])]);
  if (cmd.flags.from !== undefined) {
    const target = targetPodSpec(cmd, cluster);
    if ("error" in target) return target.error;
    const more = envFrom(cmd, cluster, target.object.metadata.namespace ?? "default");
    if (!Array.isArray(more)) return more;
    env.push(...more);
  }
  const prefix = (cmd.flags.prefix as string | undefined) ?? "";
  const named = prefix ? env.map((e) => ({ ...e, name: prefix + e.name })) : env;
  if (cmd.flags.list === true) return listEnv(cmd, cluster, named, remove);
  const overwrite = cmd.flags.overwrite !== false;
  return updateSelectedContainers(cmd, cluster, options, {
    withInit: true,
    change: (c) => {
      const refused = overwrite ? undefined : overwriteError(c, named);
      if (refused) return `error: ${cmd.resource!.plural}/${cmd.names[0]} ${refused}`;
      const next = updateEnv((c.env as EnvVar[] | undefined) ?? [], named, remove);
      if (next.length) c.env = next;
      else delete c.env;
      return undefined;
    },
    done: "env updated",
  });
}

/** set_env.go: one target, then env words; at least one change unless --list or --from. */
export const setEnvCommand: KubectlCommand = {
  verb: "set",
  sub: "env",
  flags: [
    flag("containers", "string", "c"),
    flag("env", "stringArray", "e"),
    flag("from", "string"),
    flag("prefix", "string"),
    flag("keys", "stringArray"),
    flag("list", "bool"),
    flag("resolve", "bool"),
    flag("overwrite", "bool"),
    recordFlag,
    flag("all", "bool"),
    selectorFlag,
    dryRunFlag,
    outputFlag,
    filenameFlag,
  ],
  readOnly: false,
  args(cmd, pos, ctx) {
    const used = ctx.targets(1, isEnvWord);
    ctx.needOneTarget(true);
    cmd.args = [];
    for (const p of pos.slice(used)) {
      if (isEnvWord(p.value)) cmd.args.push(p.value);
      else ctx.usage(`error: Unexpected args: [${p.value}]`, p);
    }
    for (const e of (cmd.flags.env as string[] | undefined) ?? [])
      if (!e.includes("="))
        ctx.error(
          `error: environment variables must be of the form key=value: ${e}`,
          ctx.flagToken("env") ?? ctx.verbTok,
        );
    if (cmd.flags.list === true && cmd.flags.output !== undefined)
      ctx.error(
        "error: --list and --output may not be specified together",
        ctx.flagToken("list") ?? ctx.verbTok,
      );
    if (cmd.flags.keys !== undefined && cmd.flags.from === undefined)
      ctx.error(
        "error: when specifying --keys, a configmap or secret must be provided with --from",
        ctx.flagToken("keys") ?? ctx.verbTok,
      );
    const changes =
      cmd.args.length || (cmd.flags.env as string[] | undefined)?.length || cmd.flags.from !== undefined;
    if (!changes && cmd.flags.list !== true)
      ctx.error("error: at least one environment variable must be provided", ctx.endTok);
  },
  run: runSetEnv,
  // --list only reads.
  facts: (cmd) => (cmd.flags.list === true ? { reads: true } : {}),
};
