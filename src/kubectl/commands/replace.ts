/**
 * `kubectl replace -f FILE…` (kubectl/pkg/cmd/replace/replace.go): every object of the files
 * replaces the live one of the same kind, namespace and name, as a whole (a PUT): fields the
 * manifest leaves out are gone, the API server keeps what it owns (UID, creation time,
 * status), and a changed spec is a new generation. One that does not exist is
 * `Error from server (NotFound): error when replacing "FILE": …`; the others go on.
 */
import type { Cluster } from "../../engine/cluster.ts";
import { isApiError } from "../../engine/cluster.ts";
import { groupResource, kindPrefix } from "../../k8s/kinds/descriptor.ts";
import { addSourceToErr, formatApiError } from "../apiErrors.ts";
import type { KubectlCommand, ParsedCommand } from "../command.ts";
import { dryRunFlag, filenameFlag, flag, recordFlag } from "../flags.ts";
import { KubectlAnnotations } from "../../k8s/annotations.ts";
import { recordChangeCause } from "../record.ts";
import { fail, ok, type KubectlOptions, type KubectlResult } from "../result.ts";
import { lastAppliedConfiguration } from "./apply.ts";
import { fileObjects, filesArgs, sentFiles } from "./fileTargets.ts";
import { dryRunSuffix, isDryRun } from "./common.ts";

function runReplace(cmd: ParsedCommand, cluster: Cluster, options: KubectlOptions): KubectlResult {
  const read = fileObjects(cmd, cluster, options);
  if ("exitCode" in read) return read;
  const out: string[] = [];
  const errors = [...read.errors];
  for (const { source, kind, object } of read.objects) {
    const name = object.metadata.name;
    const obj = structuredClone(object);
    if (cmd.flags["save-config"] === true)
      obj.metadata.annotations = {
        ...(obj.metadata.annotations ?? {}),
        [KubectlAnnotations.lastAppliedConfiguration]: lastAppliedConfiguration(object),
      };
    recordChangeCause(cmd, obj, options.binaryName);
    const live = cluster.api.get(kind.kind, obj.metadata.namespace ?? "", name);
    const res = !live
      ? { reason: "NotFound", message: `${groupResource(kind)} "${name}" not found` }
      : isDryRun(cmd)
        ? live
        : cluster.api.update(obj);
    if (isApiError(res)) {
      errors.push(formatApiError(addSourceToErr("replacing", source, res), kind.kind, name));
      continue;
    }
    out.push(`${kindPrefix(kind)}/${name} replaced${dryRunSuffix(cmd)}\n`);
  }
  if (read.objects.length === 0 && errors.length === 0) return fail("error: no objects passed to replace");
  const result = errors.length ? fail(errors.join("\n"), false, out.join("")) : ok(out.join(""));
  return isDryRun(cmd) ? { ...result, readOnly: true } : result;
}

/** replace.go: -f is required, and no positional arguments. */
export const replaceCommand: KubectlCommand = {
  verb: "replace",
  flags: [
    filenameFlag,
    flag("recursive", "bool", "R"),
    dryRunFlag,
    recordFlag,
    flag("save-config", "bool"),
    flag("validate", "string"),
    flag("field-manager", "string"),
  ],
  readOnly: false,
  args: filesArgs,
  run: runReplace,
  facts: sentFiles,
};
