/**
 * `kubectl set env TYPE/NAME KEY=VALUE… KEY-… [-e KEY=VALUE] [-c CONTAINER]`
 * (kubectl/pkg/cmd/set/set_env.go): in every container (and init container) matching `-c`
 * (default `*`), a KEY=VALUE sets the variable (in place if it is there, else at the end) and
 * KEY- removes it. On a Deployment this is a template change: a rollout follows.
 */
import type { Cluster } from "../../engine/cluster.ts";
import type { Container } from "../../k8s/types.ts";
import type { KubectlCommand, ParsedCommand } from "../command.ts";
import { dryRunFlag, filenameFlag, flag, outputFlag, recordFlag, selectorFlag } from "../flags.ts";
import type { KubectlOptions, KubectlResult } from "../result.ts";
import { updateSelectedContainers } from "./setContainers.ts";

/** An env word: `KEY=VALUE` or `KEY-` (set_env.go / cmdutil env parsing). */
const isEnvWord = (w: string) => w.includes("=") || (w.endsWith("-") && w.length > 1);

/** The variables to set (in order) and the names to remove. */
function envChanges(words: readonly string[]): { set: [string, string][]; remove: string[] } {
  const set: [string, string][] = [];
  const remove: string[] = [];
  for (const w of words) {
    const eq = w.indexOf("=");
    if (eq >= 0) set.push([w.slice(0, eq), w.slice(eq + 1)]);
    else remove.push(w.slice(0, -1));
  }
  return { set, remove };
}

/** A container's env entry: a value, or a valueFrom this command leaves as it is. */
interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: unknown;
}

function updateEnv(c: Container, set: readonly [string, string][], remove: readonly string[]): void {
  let env = [...((c.env as EnvVar[] | undefined) ?? [])].filter((e) => !remove.includes(e.name));
  for (const [name, value] of set) {
    const at = env.findIndex((e) => e.name === name);
    if (at >= 0) env[at] = { name, value };
    else env = [...env, { name, value }];
  }
  if (env.length) c.env = env;
  else delete c.env;
}

function runSetEnv(cmd: ParsedCommand, cluster: Cluster, options: KubectlOptions): KubectlResult {
  const { set, remove } = envChanges([...cmd.args, ...((cmd.flags.env as string[] | undefined) ?? [])]);
  return updateSelectedContainers(cmd, cluster, options, {
    withInit: true,
    change: (c) => updateEnv(c, set, remove),
    done: "env updated",
  });
}

/** set_env.go: one target, then env words; at least one change. */
export const setEnvCommand: KubectlCommand = {
  verb: "set",
  sub: "env",
  flags: [
    flag("containers", "string", "c"),
    flag("env", "stringArray", "e"),
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
    if (!cmd.args.length && !(cmd.flags.env as string[] | undefined)?.length)
      ctx.error("error: at least one environment variable must be provided", ctx.endTok);
  },
  run: runSetEnv,
};
