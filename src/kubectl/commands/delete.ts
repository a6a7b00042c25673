/**
 * `kubectl delete TYPE NAME… | TYPE --all | TYPE -l SELECTOR`: one line per object,
 * `deployment.apps "web" deleted`; a missing name is the API server's NotFound (unless
 * --ignore-not-found). Pods terminate gracefully; Deployments cascade (the API server's job).
 */
import type { Cluster } from "../../engine/cluster.ts";
import { formatApiError } from "../apiErrors.ts";
import type { ParsedCommand } from "../command.ts";
import { kindPrefix, type AnyKind } from "../../k8s/kinds/index.ts";
import { fail, ok } from "../result.ts";
import type { KubectlResult } from "../result.ts";
import { selectObjects } from "./get.ts";
import type { KubectlCommand } from "../command.ts";
import { dryRunFlag, filenameFlag, flag, outputFlag, selectorFlag } from "../flags.ts";
import * as msg from "../messages.ts";

function runDelete(cmd: ParsedCommand, cluster: Cluster): KubectlResult {
  const r = cmd.resource as AnyKind;
  const { objects, errors } = selectObjects(cmd, cluster);
  const out: string[] = [];
  const err = cmd.flags["ignore-not-found"] === true ? [] : [...errors];
  for (const o of objects) {
    const e = cluster.api.delete(o.kind, o.metadata.namespace ?? "", o.metadata.name);
    if (e) err.push(formatApiError(e, o.kind, o.metadata.name));
    else out.push(`${kindPrefix(r)} "${o.metadata.name}" deleted\n`);
  }
  if (!objects.length && !err.length && !cmd.names.length) return ok("", false, "No resources found\n");
  return err.length ? fail(err.join("\n"), false, out.join("")) : ok(out.join(""));
}

/** delete.go: TYPE NAME…, or TYPE with --all or -l. */
export const deleteCommand: KubectlCommand = {
  verb: "delete",
  flags: [
    flag("all", "bool"),
    selectorFlag,
    flag("grace-period", "int"),
    flag("now", "bool"),
    flag("force", "bool"),
    flag("wait", "bool"),
    flag("ignore-not-found", "bool"),
    filenameFlag,
    flag("cascade", "string"),
    dryRunFlag,
    outputFlag,
  ],
  readOnly: false,
  args(cmd, pos, ctx) {
    ctx.targets(Infinity);
    if (!pos.length)
      ctx.usage("error: You must provide one or more resources by argument or filename.", ctx.verbTok);
    else if (cmd.names.length === 0 && !cmd.flags.all && !cmd.flags.selector)
      ctx.usage(msg.resourceWithoutName(), pos[0]);
  },
  run: (cmd, cluster) => runDelete(cmd, cluster),
};
