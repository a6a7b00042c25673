/**
 * `kubectl delete TYPE NAME… | TYPE --all | TYPE -l SELECTOR`: one line per object,
 * `deployment.apps "web" deleted`; a missing name is the API server's NotFound (unless
 * --ignore-not-found). Pods terminate gracefully; Deployments cascade (the API server's job).
 */
import type { Cluster } from "../../engine/cluster.ts";
import { formatApiError } from "../apiErrors.ts";
import type { ParsedCommand } from "../parse.ts";
import { kindPrefix, type AnyKind } from "../../k8s/kinds/index.ts";
import { fail, ok } from "../result.ts";
import type { KubectlResult } from "../result.ts";
import { selectObjects } from "./get.ts";

export function runDelete(cmd: ParsedCommand, cluster: Cluster): KubectlResult {
  const r = cmd.resource as AnyKind;
  const { objects, errors } = selectObjects(cmd, cluster);
  const out: string[] = [];
  const err = cmd.flags["ignore-not-found"] === true ? [] : [...errors];
  for (const o of objects) {
    const e = cluster.api.delete(o.kind, o.metadata.name);
    if (e) err.push(formatApiError(e, o.kind, o.metadata.name));
    else out.push(`${kindPrefix(r)} "${o.metadata.name}" deleted\n`);
  }
  if (!objects.length && !err.length && !cmd.names.length) return ok("", false, "No resources found\n");
  return err.length ? fail(err.join("\n"), false, out.join("")) : ok(out.join(""));
}
