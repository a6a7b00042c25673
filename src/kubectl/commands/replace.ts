/**
 * `kubectl replace -f FILE…` (kubectl/pkg/cmd/replace/replace.go): every object of the files
 * replaces the live one of the same kind, namespace and name, as a whole (a PUT): fields the
 * manifest leaves out are gone, the API server keeps what it owns (UID, creation time,
 * status), and a changed spec is a new generation. One that does not exist is
 * `Error from server (NotFound): error when replacing "FILE": …`; the others go on.
 */
import type { Cluster } from "../../engine/cluster.ts";
import { isApiError } from "../../engine/cluster.ts";
import { kindPrefix } from "../../k8s/kinds/descriptor.ts";
import { formatApiError } from "../apiErrors.ts";
import type { KubectlCommand, ParsedCommand } from "../command.ts";
import { dryRunFlag, filenameFlag, flag, recordFlag } from "../flags.ts";
import { KubectlAnnotations } from "../../k8s/annotations.ts";
import * as msg from "../messages.ts";
import { recordChangeCause } from "../record.ts";
import { fail, ok, type KubectlOptions, type KubectlResult } from "../result.ts";
import { lastAppliedConfiguration, readSources, settleNamespace } from "./apply.ts";
import { dryRunSuffix, isDryRun } from "./common.ts";

function runReplace(cmd: ParsedCommand, cluster: Cluster, options: KubectlOptions): KubectlResult {
  const sources = readSources(cmd, options);
  if (!Array.isArray(sources)) return sources;
  const ns = { namespace: cmd.namespace, enforce: cmd.namespaceGiven };
  const out: string[] = [];
  const errors: string[] = [];
  let count = 0;
  for (const { source, objects } of sources)
    for (const o of objects) {
      if (!o || typeof o !== "object") continue;
      const kind = cluster.kinds.served(o.apiVersion, o.kind);
      if (!kind) {
        errors.push(
          msg.resourceMappingNotFound(
            o.metadata?.name ?? "",
            o.metadata?.namespace ?? "",
            source,
            o.kind,
            o.apiVersion,
          ),
        );
        continue;
      }
      const settled = settleNamespace(o, kind.namespaced, ns);
      if (typeof settled === "string") {
        errors.push(settled);
        continue;
      }
      const name = settled.metadata.name;
      count++;
      const obj = structuredClone(settled);
      if (cmd.flags["save-config"] === true)
        obj.metadata.annotations = {
          ...(obj.metadata.annotations ?? {}),
          [KubectlAnnotations.lastAppliedConfiguration]: lastAppliedConfiguration(settled),
        };
      recordChangeCause(cmd, obj, options.binaryName);
      const live = cluster.api.get(kind.kind, obj.metadata.namespace ?? "", name);
      const res = !live
        ? {
            reason: "NotFound",
            message: `${kind.group ? `${kind.plural}.${kind.group}` : kind.plural} "${name}" not found`,
          }
        : isDryRun(cmd)
          ? live
          : cluster.api.update(obj);
      if (isApiError(res)) {
        // cmdutil.AddSourceToErr("replacing", …): the file goes into the server's message.
        const withSource =
          res.reason === "Invalid"
            ? res
            : { ...res, message: `error when replacing "${source}": ${res.message}` };
        errors.push(formatApiError(withSource, kind.kind, name));
        continue;
      }
      out.push(`${kindPrefix(kind)}/${name} replaced${dryRunSuffix(cmd)}\n`);
    }
  if (count === 0 && errors.length === 0) return fail("error: no objects passed to replace");
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
  args(cmd, pos, ctx) {
    if (!cmd.flags.filename) ctx.usage(msg.mustSpecifyFilename(), ctx.verbTok);
    if (pos.length) ctx.usage(`error: Unexpected args: [${pos.map((p) => p.value).join(" ")}]`, pos[0]);
  },
  run: runReplace,
  // The files are read before the run, as for `apply -f`: their errors show first.
  facts: (cmd) => ({
    applies: isDryRun(cmd)
      ? []
      : ((cmd.flags.filename as string[] | undefined) ?? []).filter(
          (f) => f !== "-" && !/^https?:\/\//i.test(f),
        ),
    recursive: cmd.flags.recursive === true,
  }),
};
