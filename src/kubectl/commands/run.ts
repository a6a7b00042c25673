/**
 * `kubectl run NAME --image=IMG [--restart=Always|OnFailure|Never] [-l k=v,…] [--env=K=V]
 * [--port=P] [--command] [-- ARGS…]` (kubectl/pkg/cmd/run/run.go with generateversioned
 * BasicPod): one bare Pod named NAME, labelled `run=NAME` unless `--labels` says otherwise,
 * with one container named NAME; the words after `--` are its args (its command with
 * `--command`). Nothing owns it: deleted, it is gone. With `--expose` (which needs `--port`),
 * a ClusterIP Service of the same name, labels and selector on that port comes first
 * (run.go generateService, ServiceGeneratorV2): `service/NAME created`, then `pod/NAME created`.
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

/** The Service `--expose` sends (ServiceGeneratorV2 with run's name, labels and --port). */
function serviceForRun(cmd: ParsedCommand): KubeObject {
  const labels = labelsOf(cmd);
  const port = cmd.flags.port as number;
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: cmd.names[0], labels, ...(cmd.namespaceGiven ? { namespace: cmd.namespace } : {}) },
    spec: { ports: [{ port, protocol: "TCP", targetPort: port }], selector: { ...labels } },
    status: { loadBalancer: {} },
  } as unknown as KubeObject;
}

/** What run sends, in the order it prints them: the Service (with --expose), then the Pod. */
function objectsForRun(cmd: ParsedCommand): KubeObject[] {
  return cmd.flags.expose === true ? [serviceForRun(cmd), podForRun(cmd)] : [podForRun(cmd)];
}

function runRun(cmd: ParsedCommand, cluster: Cluster): KubectlResult {
  const objects = objectsForRun(cmd);
  const ref = (o: KubeObject) => `${o.kind === "Service" ? "service" : "pod"}/${o.metadata.name}`;
  if (isDryRun(cmd)) {
    if (cmd.output) {
      const printed = objects.map((obj) => {
        const raw = structuredClone(obj) as unknown as { metadata: Record<string, unknown> };
        raw.metadata = { creationTimestamp: null, ...raw.metadata };
        return printClientObject(raw as unknown as Record<string, unknown>, cluster.kinds.of(obj.kind), cmd);
      });
      return joinPrinted(cmd, printed);
    }
    return { ...ok(objects.map((o) => `${ref(o)} created${dryRunSuffix(cmd)}\n`).join("")), readOnly: true };
  }
  // run.go creates the Pod, then generates the Service; the Service is printed first.
  const stored: KubeObject[] = [];
  for (const obj of [...objects].reverse()) {
    const res = cluster.api.create({ ...obj, metadata: { ...obj.metadata, namespace: cmd.namespace } });
    if (isApiError(res))
      return fail(
        formatApiError(res, obj.kind, obj.metadata.name),
        false,
        stored.map((o) => `${ref(o)} created\n`).join(""),
      );
    stored.unshift(res);
  }
  if (cmd.output)
    return {
      ...joinPrinted(
        cmd,
        stored.map((o) => printObjects([o], cmd, cluster, true)),
      ),
      readOnly: false,
    };
  return ok(stored.map((o) => `${ref(o)} created\n`).join(""));
}

/** generateService: with -o yaml, `---` after the Service separates the two documents. */
function joinPrinted(cmd: ParsedCommand, printed: KubectlResult[]): KubectlResult {
  const failed = printed.find((p) => p.exitCode !== 0);
  if (failed) return failed;
  const separator = cmd.output?.kind === "yaml" ? "---\n" : "";
  return { ...printed[0], stdout: printed.map((p) => p.stdout).join(separator) };
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
    flag("expose", "bool"),
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
    if (cmd.flags.expose === true && cmd.flags.port === undefined)
      ctx.usage("error: --port must be set when exposing a service", ctx.flagToken("expose") ?? ctx.verbTok);
  },
  run: (cmd, cluster) => runRun(cmd, cluster),
  facts: (cmd) => ({
    creates:
      cmd.names.length === 1 && !isDryRun(cmd) && cmd.flags.image
        ? objectsForRun(cmd).map((o) => ({ ...o, metadata: { ...o.metadata, namespace: cmd.namespace } }))
        : [],
  }),
};
