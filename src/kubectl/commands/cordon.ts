/**
 * `kubectl cordon NODE… [-l SELECTOR] [--dry-run]` and `kubectl uncordon …`
 * (kubectl/pkg/cmd/drain/drain.go RunCordonOrUncordon, kubectl/pkg/drain/cordon.go): set or
 * clear the node's spec.unschedulable, printing `node/NAME cordoned` — or `node/NAME already
 * cordoned` when there is nothing to change. The node lifecycle controller then adds or removes
 * the node.kubernetes.io/unschedulable:NoSchedule taint, and kube-scheduler's NodeUnschedulable
 * filter keeps new pods off the node. Pods already there stay (that is `drain`).
 */
import type { Cluster } from "../../engine/cluster.ts";
import { isApiError } from "../../engine/cluster.ts";
import { labelsMatch } from "../../k8s/labels.ts";
import type { Node } from "../../k8s/types.ts";
import { formatApiError, notFoundText } from "../apiErrors.ts";
import type { ArgsContext, KubectlCommand, ParsedCommand } from "../command.ts";
import { dryRunFlag, selectorFlag } from "../flags.ts";
import { fail, ok, type KubectlResult } from "../result.ts";
import { parseSelector } from "../selectorParse.ts";
import type { Token } from "../tokenize.ts";
import { dryRunSuffix, isDryRun } from "./common.ts";

/** The nodes the command names (NODE… or -l), or kubectl's error. */
export function selectNodes(
  cmd: ParsedCommand,
  cluster: Cluster,
): { nodes: Node[] } | { error: KubectlResult } {
  const kind = cmd.resource!;
  if (typeof cmd.flags.selector === "string") {
    const sel = parseSelector(cmd.flags.selector);
    if (typeof sel === "string") return { error: fail(sel) };
    const nodes = cluster.api.listAll("Node").filter((n) => labelsMatch(sel, n.metadata.labels));
    if (nodes.length === 0) return { error: fail("error: No resources found") };
    return { nodes };
  }
  const nodes: Node[] = [];
  for (const name of cmd.names) {
    const n = cluster.api.get("Node", "", name);
    if (!n) return { error: fail(notFoundText(kind, name)) };
    nodes.push(n);
  }
  return { nodes };
}

/** drain.go: NODE names (or -l), else "USAGE: cordon NODE [flags]". */
export function nodeArgs(use: string) {
  return (cmd: ParsedCommand, pos: readonly Token[], ctx: ArgsContext): void => {
    cmd.resource = ctx.kinds.get("Node");
    cmd.names = pos.map((t) => t.value);
    if (cmd.names.length === 0 && cmd.flags.selector === undefined)
      ctx.usage(`error: USAGE: ${use} [flags]`, ctx.verbTok);
  };
}

function runCordon(cmd: ParsedCommand, cluster: Cluster, desired: boolean): KubectlResult {
  const found = selectNodes(cmd, cluster);
  if ("error" in found) return found.error;
  const word = desired ? "cordoned" : "uncordoned";
  let out = "";
  for (const node of found.nodes) {
    const name = node.metadata.name;
    if ((node.spec?.unschedulable ?? false) === desired) {
      out += `node/${name} already ${word}\n`;
      continue;
    }
    if (!isDryRun(cmd)) {
      const spec = { ...node.spec };
      if (desired) spec.unschedulable = true;
      else delete spec.unschedulable;
      const r = cluster.api.update({ ...structuredClone(node), spec });
      if (isApiError(r)) return fail(out + formatApiError(r, "Node", name));
    }
    out += `node/${name} ${word}${dryRunSuffix(cmd)}\n`;
  }
  return ok(out);
}

export const cordonCommand: KubectlCommand = {
  verb: "cordon",
  flags: [selectorFlag, dryRunFlag],
  readOnly: false,
  args: nodeArgs("cordon NODE"),
  run: (cmd, cluster) => runCordon(cmd, cluster, true),
};

export const uncordonCommand: KubectlCommand = {
  verb: "uncordon",
  flags: [selectorFlag, dryRunFlag],
  readOnly: false,
  args: nodeArgs("uncordon NODE"),
  run: (cmd, cluster) => runCordon(cmd, cluster, false),
};
