/**
 * `kubectl annotate TYPE NAME key=value… key-… [--overwrite]` (kubectl/pkg/cmd/annotate):
 * changing an existing value needs --overwrite; `key-` removes the key.
 */
import type { Cluster } from "../../engine/cluster.ts";
import * as msg from "../messages.ts";
import type { ParsedCommand } from "../parse.ts";
import { fail, ok } from "../result.ts";
import type { KubectlResult } from "../result.ts";
import { lookupTarget, objectRef, writeBack } from "./common.ts";

export function runAnnotate(cmd: ParsedCommand, cluster: Cluster): KubectlResult {
  const found = lookupTarget(cmd, cluster);
  if ("error" in found) return found.error;
  const obj = found.object;
  const annotations = { ...(obj.metadata.annotations ?? {}) };
  if (cmd.flags.list === true)
    return ok(
      Object.keys(annotations)
        .sort()
        .map((k) => `${k}=${annotations[k]}\n`)
        .join(""),
      true,
    );
  for (const a of cmd.args) {
    if (a.endsWith("-") && !a.includes("=")) {
      delete annotations[a.slice(0, -1)];
      continue;
    }
    const eq = a.indexOf("=");
    const key = a.slice(0, eq);
    const value = a.slice(eq + 1);
    if (key in annotations && annotations[key] !== value && cmd.flags.overwrite !== true)
      return fail(msg.annotationExists(key, annotations[key]));
    annotations[key] = value;
  }
  obj.metadata.annotations = annotations;
  return writeBack(cluster, obj, `${objectRef(cmd.resource!, obj.metadata.name)} annotated`);
}
