/**
 * `kubectl set image TYPE/NAME CONTAINER=IMAGE… [--record]` (kubectl/pkg/cmd/set/set_image.go):
 * `*` updates every container; a name that matches no container or init container is an error.
 */
import type { Cluster } from "../../engine/cluster.ts";
import type { Container } from "../../k8s/types.ts";
import type { ParsedCommand } from "../command.ts";
import { recordChangeCause } from "../record.ts";
import { fail } from "../result.ts";
import type { KubectlOptions, KubectlResult } from "../result.ts";
import { objectRef, writeBack } from "./common.ts";
import { targetPodSpec } from "./setContainers.ts";
import type { KubectlCommand } from "../command.ts";
import { dryRunFlag, filenameFlag, flag, outputFlag, recordFlag, selectorFlag } from "../flags.ts";
import * as msg from "../messages.ts";

function runSetImage(cmd: ParsedCommand, cluster: Cluster, options: KubectlOptions): KubectlResult {
  const target = targetPodSpec(cmd, cluster);
  if ("error" in target) return target.error;
  const { object: obj, spec } = target;
  for (const pair of cmd.args) {
    const eq = pair.indexOf("=");
    const cname = pair.slice(0, eq);
    const image = pair.slice(eq + 1);
    const all: Container[] = [...(spec.initContainers ?? []), ...spec.containers];
    const hits = all.filter((c) => cname === "*" || c.name === cname);
    if (!hits.length) return fail(`error: unable to find container named "${cname}"`);
    for (const c of hits) c.image = image;
  }
  recordChangeCause(cmd, obj, options.binaryName);
  return writeBack(cluster, obj, `${objectRef(cmd.resource!, obj.metadata.name)} image updated`);
}

/** set_image.go: one TYPE NAME (or TYPE/NAME), then CONTAINER=IMAGE pairs. */
export const setImageCommand: KubectlCommand = {
  verb: "set",
  sub: "image",
  flags: [
    recordFlag,
    flag("all", "bool"),
    selectorFlag,
    dryRunFlag,
    outputFlag,
    filenameFlag,
    flag("local", "bool"),
  ],
  readOnly: false,
  args(cmd, pos, ctx) {
    const used = ctx.targets(1, (w) => w.includes("="));
    ctx.needOneTarget(true);
    cmd.args = pos.slice(used).map((p) => p.value);
    if (pos.length && !cmd.args.length) ctx.usage(msg.imageUpdateRequired(), ctx.endTok);
    for (let j = 0; j < cmd.args.length; j++) {
      const a = cmd.args[j];
      if (!a.includes("="))
        ctx.error(`error: invalid image update "${a}": expected CONTAINER=IMAGE`, pos[used + j]);
    }
  },
  run: runSetImage,
};
