/**
 * `kubectl patch TYPE NAME -p PATCH [--type=strategic|merge|json]` (kubectl/pkg/cmd/patch):
 * the patch is JSON (or YAML); prints `deployment.apps/web patched`, or `patched (no change)`
 * when the object comes out the same.
 */
import { parseYamlValue } from "../../k8s/yamlSafe.ts";
import type { Cluster } from "../../engine/cluster.ts";
import { sameJson } from "../../engine/apiserver.ts";
import type { KubeObject } from "../../k8s/types.ts";
import { checkPatchKeys, jsonPatch, mergePatch, strategicMergePatch } from "../merge.ts";
import type { JsonPatchOp } from "../merge.ts";
import type { ParsedCommand } from "../command.ts";
import { recordChangeCause } from "../record.ts";
import { fail, ok } from "../result.ts";
import type { KubectlOptions, KubectlResult } from "../result.ts";
import { lookupTarget, objectRef, writeBack } from "./common.ts";
import type { KubectlCommand } from "../command.ts";
import { dryRunFlag, filenameFlag, flag, outputFlag, recordFlag } from "../flags.ts";
import * as msg from "../messages.ts";
import { oneTargetOnly } from "./common.ts";

/** A patch quoted back in an error, cut to a readable length. */
const shorten = (s: string): string => (s.length > 200 ? `${s.slice(0, 200)}…` : s);

function runPatch(cmd: ParsedCommand, cluster: Cluster, options: KubectlOptions): KubectlResult {
  const found = lookupTarget(cmd, cluster);
  if ("error" in found) return found.error;
  const live = found.object;
  const text = cmd.flags.patch as string;
  // patch.go Validate: an empty -p is refused before anything is sent.
  if (text.trim() === "") return fail("error: must specify -p to patch");
  const parsed = parseYamlValue(text);
  if ("error" in parsed) return fail(`error: unable to parse "${shorten(text)}": ${parsed.error}`);
  const patch = parsed.value;
  const type = (cmd.flags.type as string | undefined) ?? "strategic";
  let patched: KubeObject;
  try {
    if (type === "json") {
      if (!Array.isArray(patch))
        return fail(
          `error: unable to parse "${text}": json: cannot unmarshal object into Go value of type jsonpatch.Patch`,
        );
      patched = jsonPatch(live, patch as JsonPatchOp[]) as KubeObject;
    } else if (type === "merge") {
      checkPatchKeys(patch);
      patched = mergePatch(live, patch) as KubeObject;
    } else {
      checkPatchKeys(patch);
      patched = strategicMergePatch(live, patch) as KubeObject;
    }
  } catch (e) {
    return fail(`error: ${(e as Error).message}`);
  }
  // The API server decodes the patched document into the kind; anything but an object is no object.
  if (
    patched === null ||
    typeof patched !== "object" ||
    Array.isArray(patched) ||
    typeof patched.metadata !== "object" ||
    patched.metadata === null
  )
    return fail(
      `Error from server (BadRequest): Object 'Kind' is missing in '${shorten(JSON.stringify(patched) ?? "null")}'`,
    );
  const ref = objectRef(cmd.resource!, live.metadata.name);
  recordChangeCause(cmd, patched, options.binaryName);
  if (sameJson(patched, live)) return ok(`${ref} patched (no change)\n`);
  return writeBack(cluster, patched, `${ref} patched`);
}

/** patch.go: one object, -p, and --type json|merge|strategic. */
export const patchCommand: KubectlCommand = {
  verb: "patch",
  flags: [
    flag("patch", "string", "p"),
    flag("type", "string"),
    dryRunFlag,
    outputFlag,
    filenameFlag,
    recordFlag,
    flag("local", "bool"),
    flag("subresource", "string"),
  ],
  readOnly: false,
  args(cmd, pos, ctx) {
    oneTargetOnly(cmd, pos, ctx, () => true);
    if (typeof cmd.flags.patch !== "string") ctx.usage(msg.mustSpecifyPatch(), ctx.verbTok);
    const type = (cmd.flags.type as string | undefined) ?? "strategic";
    if (!["json", "merge", "strategic"].includes(type)) ctx.error(msg.badPatchType(type), ctx.verbTok);
  },
  run: runPatch,
};
