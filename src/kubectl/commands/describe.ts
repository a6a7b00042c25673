/**
 * `kubectl describe TYPE [NAME…]` (or `TYPE1,TYPE2 [NAME…]`, or `-f FILE`): each kind's describer comes from its descriptor
 * (src/k8s/kinds/<kind>/describe.ts), kubectl's generic one for a kind it has none for
 * (src/k8s/printing/genericDescribe.ts); several objects are separated by a blank line pair as
 * kubectl separates them.
 */
import type { Cluster } from "../../engine/cluster.ts";
import type { DescribeContext } from "../../k8s/kinds/descriptor.ts";
import { describeGeneric } from "../../k8s/printing/genericDescribe.ts";
import { toWire } from "../serialize.ts";
import type { ParsedCommand } from "../command.ts";
import { fail, ok } from "../result.ts";
import type { KubectlOptions, KubectlResult } from "../result.ts";
import { targetObjects } from "./fileTargets.ts";
import { noResources } from "./get.ts";
import type { KubectlCommand } from "../command.ts";
import { filenameFlag, flag, selectorFlag } from "../flags.ts";
import { listArgs } from "./get.ts";
import { showsFinishedPhaseWhileDeleting, describesInternalTrafficPolicy } from "../version.ts";

function runDescribe(cmd: ParsedCommand, cluster: Cluster, options: KubectlOptions): KubectlResult {
  // describe.go prints each object the line names, two blank lines apart.
  const named = targetObjects(cmd, cluster, options);
  if ("exitCode" in named) return named;
  const objects = named.found.map((f) => f.object);
  const errors = [...named.errors, ...named.unselected];
  const ctx: DescribeContext = {
    now: cluster.now,
    events: cluster.events,
    objects: cluster.api,
    showEvents: cmd.flags["show-events"] !== false,
    terminatingWhateverPhase: !showsFinishedPhaseWhileDeleting(cmd.version),
    withoutInternalTrafficPolicy: !describesInternalTrafficPolicy(cmd.version),
  };
  const texts: string[] = [];
  for (const o of objects) {
    const kind = cluster.kinds.forObject(o);
    // describe.go DescriberFor: a kind in describerMap has its own describer (in its folder);
    // any other kind (a CustomResource, a CRD, a webhook configuration) gets
    // GenericDescriberFor's.
    if (kind?.describe) texts.push(kind.describe(o, ctx));
    else texts.push(describeGeneric(o, toWire(o, kind?.omitEmpty ?? []), ctx));
  }
  const stdout = texts.join("\n\n");
  if (errors.length) return fail(errors.join("\n"), true, stdout);
  if (!objects.length) return ok("", true, noResources(cmd) + "\n");
  return ok(stdout, true);
}

export const describeCommand: KubectlCommand = {
  verb: "describe",
  flags: [
    selectorFlag,
    flag("show-events", "bool"),
    filenameFlag,
    flag("all-namespaces", "bool", "A"),
    flag("chunk-size", "int"),
  ],
  readOnly: true,
  args: listArgs,
  run: runDescribe,
};
