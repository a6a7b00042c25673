/**
 * `kubectl set image TYPE/NAME CONTAINER=IMAGE… [--record]` (kubectl/pkg/cmd/set/set_image.go):
 * `*` updates every container; a name that matches no container or init container is an error.
 */
import type { Cluster } from "../../engine/cluster.ts";
import type { Container, KubeObject, PodSpec } from "../../k8s/types.ts";
import type { ParsedCommand } from "../command.ts";
import { recordChangeCause } from "../record.ts";
import { fail } from "../result.ts";
import type { KubectlOptions, KubectlResult } from "../result.ts";
import { lookupTarget, objectRef, writeBack } from "./common.ts";
import type { KubectlCommand } from "../command.ts";
import { dryRunFlag, filenameFlag, flag, outputFlag, recordFlag, selectorFlag } from "../flags.ts";
import * as msg from "../messages.ts";

/** The pod spec a workload's containers live in (its template's, or a pod's own). */
export function podSpecOf(obj: KubeObject): PodSpec | undefined {
  if (obj.kind === "Deployment" || obj.kind === "ReplicaSet" || obj.kind === "StatefulSet")
    return obj.spec.template.spec;
  if (obj.kind === "Pod") return obj.spec;
  return undefined;
}

/**
 * The containers `-c PATTERN` names (set_env.go / set_resources.go selectContainers:
 * filepath.Match, so `*` is every container and `web-*` a prefix).
 */
export function containersMatching(containers: Container[], pattern: string): Container[] {
  const re = new RegExp(
    "^" +
      pattern
        .replace(/[.+^${}()|[\]\\]/g, "\\$&")
        .replace(/\*/g, "[^/]*")
        .replace(/\?/g, "[^/]") +
      "$",
  );
  return containers.filter((c) => re.test(c.name));
}

function runSetImage(cmd: ParsedCommand, cluster: Cluster, options: KubectlOptions): KubectlResult {
  const found = lookupTarget(cmd, cluster);
  if ("error" in found) return found.error;
  const obj = found.object;
  const spec = podSpecOf(obj);
  if (!spec) return fail(`error: the object of kind ${obj.kind} has no containers`);
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
    for (const [j, a] of cmd.args.entries())
      if (!a.includes("="))
        ctx.error(`error: invalid image update "${a}": expected CONTAINER=IMAGE`, pos[used + j]);
  },
  run: runSetImage,
};
