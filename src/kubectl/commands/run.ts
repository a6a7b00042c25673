/**
 * `kubectl run NAME --image=IMG [--restart=Always|OnFailure|Never] [-l k=v,…] [--env=K=V]
 * [--port=P] [--command] [-- ARGS…]` (kubectl/pkg/cmd/run/run.go with generateversioned
 * BasicPod): one bare Pod named NAME, labelled `run=NAME` unless `--labels` says otherwise,
 * with one container named NAME; the words after `--` are its args (its command with
 * `--command`). Nothing owns it: deleted, it is gone.
 *
 * The interactive forms (`-i`, `-t`, `--rm`, `--attach`), which walk-throughs use for a load
 * generator in a shell, have no terminal to attach to here: they are refused with what to
 * write instead (a `load` statement).
 */
import type { Cluster } from "../../engine/cluster.ts";
import { isApiError } from "../../engine/cluster.ts";
import type { KubeObject } from "../../k8s/types.ts";
import { formatApiError } from "../apiErrors.ts";
import type { KubectlCommand, ParsedCommand } from "../command.ts";
import { dryRunFlag, flag, outputFlag } from "../flags.ts";
import * as msg from "../messages.ts";
import { fail, ok, type KubectlResult } from "../result.ts";
import { UNSUPPORTED_VERB_HINTS } from "../unsupported.ts";
import { dryRunSuffix, isDryRun } from "./common.ts";
import { printClientObject, printObjects } from "./output.ts";

const RESTART_POLICIES = ["Always", "OnFailure", "Never"];
/** Flags that attach a terminal to the pod. */
const INTERACTIVE = ["stdin", "tty", "rm", "attach"] as const;

/** generateversioned BasicPod's labels: `--labels` (k=v,…) or `run=NAME`. */
function labelsOf(cmd: ParsedCommand): Record<string, string> {
  const given = cmd.flags.labels as string | undefined;
  if (given === undefined) return { run: cmd.names[0] };
  const out: Record<string, string> = {};
  for (const pair of given.split(",")) {
    const eq = pair.indexOf("=");
    out[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return out;
}

/** The Pod run.go sends. */
function podForRun(cmd: ParsedCommand): KubeObject {
  const name = cmd.names[0];
  const container: Record<string, unknown> = { name, image: cmd.flags.image as string, resources: {} };
  if (cmd.dashArgs.length) container[cmd.flags.command === true ? "command" : "args"] = [...cmd.dashArgs];
  const env = (cmd.flags.env as string[] | undefined) ?? [];
  if (env.length)
    container.env = env.map((e) => ({
      name: e.slice(0, e.indexOf("=")),
      value: e.slice(e.indexOf("=") + 1),
    }));
  const port = cmd.flags.port as number | undefined;
  if (port !== undefined && port >= 0) container.ports = [{ containerPort: port }];
  const pullPolicy = cmd.flags["image-pull-policy"] as string | undefined;
  if (pullPolicy) container.imagePullPolicy = pullPolicy;
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, labels: labelsOf(cmd), ...(cmd.namespaceGiven ? { namespace: cmd.namespace } : {}) },
    spec: {
      containers: [container],
      dnsPolicy: "ClusterFirst",
      restartPolicy: (cmd.flags.restart as string | undefined) ?? "Always",
    },
    status: {},
  } as unknown as KubeObject;
}

function runRun(cmd: ParsedCommand, cluster: Cluster): KubectlResult {
  const obj = podForRun(cmd);
  const name = obj.metadata.name;
  if (isDryRun(cmd)) {
    if (cmd.output) {
      const raw = structuredClone(obj) as unknown as { metadata: Record<string, unknown> };
      raw.metadata = { creationTimestamp: null, ...raw.metadata };
      return printClientObject(raw as unknown as Record<string, unknown>, cluster.kinds.of("Pod"), cmd);
    }
    return { ...ok(`pod/${name} created${dryRunSuffix(cmd)}\n`), readOnly: true };
  }
  const res = cluster.api.create({ ...obj, metadata: { ...obj.metadata, namespace: cmd.namespace } });
  if (isApiError(res)) return fail(formatApiError(res, "Pod", name));
  if (cmd.output) return { ...printObjects([res], cmd, cluster, true), readOnly: false };
  return ok(`pod/${name} created\n`);
}

/** run.go: exactly one NAME, --image, a known restart policy; no terminal. */
export const runCommand: KubectlCommand = {
  verb: "run",
  flags: [
    flag("image", "string"),
    flag("restart", "string"),
    flag("labels", "string", "l"),
    flag("env", "stringArray"),
    flag("port", "int"),
    flag("command", "bool"),
    flag("image-pull-policy", "string"),
    flag("stdin", "bool", "i"),
    flag("tty", "bool", "t"),
    flag("rm", "bool"),
    flag("attach", "bool"),
    dryRunFlag,
    outputFlag,
  ],
  readOnly: false,
  args(cmd, pos, ctx) {
    const interactive = INTERACTIVE.find((f) => cmd.flags[f] === true);
    if (interactive) {
      ctx.error(
        msg.notSupported(`"kubectl run --${interactive}" (there is no terminal to attach to)`),
        ctx.flagToken(interactive) ?? ctx.verbTok,
        UNSUPPORTED_VERB_HINTS.run,
      );
      return;
    }
    cmd.names = pos.map((p) => p.value);
    if (cmd.names.length !== 1) ctx.usage("error: NAME is required for run", pos[1] ?? ctx.verbTok);
    if (!cmd.flags.image) ctx.usage(msg.requiredFlagNotSet("image"), ctx.verbTok);
    const restart = cmd.flags.restart as string | undefined;
    if (restart !== undefined && !RESTART_POLICIES.includes(restart))
      ctx.error(`error: invalid restart policy: ${restart}`, ctx.flagToken("restart") ?? ctx.verbTok);
    for (const e of (cmd.flags.env as string[] | undefined) ?? [])
      if (!e.includes("=")) ctx.error(`error: invalid env: ${e}`, ctx.flagToken("env") ?? ctx.verbTok);
  },
  run: (cmd, cluster) => runRun(cmd, cluster),
  facts: (cmd) => ({
    creates:
      cmd.names.length === 1 && !isDryRun(cmd) && cmd.flags.image
        ? [{ ...podForRun(cmd), metadata: { ...podForRun(cmd).metadata, namespace: cmd.namespace } }]
        : [],
  }),
};
