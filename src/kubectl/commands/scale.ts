/**
 * `kubectl scale TYPE NAME --replicas=N [--current-replicas=M]` (kubectl/pkg/cmd/scale):
 * writes spec.replicas (the scale subresource), with the optional precondition.
 */
import type { Cluster } from "../../engine/cluster.ts";
import type { Deployment, ReplicaSet } from "../../k8s/types.ts";
import type { ParsedCommand } from "../command.ts";
import { recordChangeCause } from "../record.ts";
import { fail } from "../result.ts";
import type { KubectlOptions, KubectlResult } from "../result.ts";
import { lookupTarget, objectRef, writeBack } from "./common.ts";
import type { KubectlCommand } from "../command.ts";
import { dryRunFlag, filenameFlag, flag, outputFlag, recordFlag, selectorFlag } from "../flags.ts";
import * as msg from "../messages.ts";
import { oneTargetOnly } from "./common.ts";

function runScale(cmd: ParsedCommand, cluster: Cluster, options: KubectlOptions): KubectlResult {
  const found = lookupTarget<Deployment | ReplicaSet>(cmd, cluster);
  if ("error" in found) return found.error;
  const obj = found.object;
  const current = cmd.flags["current-replicas"] as number | undefined;
  if (current !== undefined && current >= 0 && obj.spec.replicas !== current) {
    return fail(`error: Expected replicas to be ${current}, was ${obj.spec.replicas}`);
  }
  obj.spec.replicas = cmd.flags.replicas as number;
  recordChangeCause(cmd, obj, options.binaryName);
  return writeBack(cluster, obj, `${objectRef(cmd.resource!, obj.metadata.name)} scaled`);
}

/** scale.go: one object of a kind with a scale subresource, and --replicas ≥ 0. */
export const scaleCommand: KubectlCommand = {
  verb: "scale",
  flags: [
    flag("replicas", "int"),
    flag("current-replicas", "int"),
    flag("resource-version", "string"),
    flag("all", "bool"),
    selectorFlag,
    dryRunFlag,
    outputFlag,
    filenameFlag,
    recordFlag,
    flag("timeout", "string"),
  ],
  readOnly: false,
  args(cmd, pos, ctx) {
    oneTargetOnly(cmd, pos, ctx, (kind) => kind.scale !== undefined);
    if (cmd.flags.replicas === undefined || (cmd.flags.replicas as number) < 0)
      ctx.error(msg.replicasRequired(), ctx.verbTok);
  },
  run: runScale,
};
