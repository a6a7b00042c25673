/**
 * `kubectl scale TYPE NAME | -f FILE --replicas=N [--current-replicas=M]` (kubectl/pkg/cmd/scale):
 * writes spec.replicas (the scale subresource), with the optional precondition.
 */
import type { Cluster } from "../../engine/cluster.ts";
import { definitionOf, scaleFor } from "../../k8s/kinds/stored/crd.ts";
import { formatApiError, notFoundText } from "../apiErrors.ts";
import type { ParsedCommand } from "../command.ts";
import { recordChangeCause } from "../record.ts";
import { fail, ok } from "../result.ts";
import { commandFor, fileTargets, filesOnly } from "./fileTargets.ts";
import type { KubectlOptions, KubectlResult } from "../result.ts";
import { lookupTarget, objectRef, writeBack } from "./common.ts";
import type { KubectlCommand } from "../command.ts";
import { dryRunFlag, filenameFlag, flag, outputFlag, recordFlag, selectorFlag } from "../flags.ts";
import * as msg from "../messages.ts";
import { oneTargetOnly } from "./common.ts";

/** `scale -f FILE --replicas=N` (kubectl's own example): each object the files name, in order. */
function runScaleFiles(cmd: ParsedCommand, cluster: Cluster, options: KubectlOptions): KubectlResult {
  const found = fileTargets(cmd, cluster, options);
  if ("exitCode" in found) return found;
  const errors = [...found.errors];
  let stdout = "";
  for (const t of found.targets)
    for (const name of t.names) {
      if (!scaleFor(t.kind, commandFor(cmd, t).apiVersion)) {
        // A kind without a scale subresource: the API server has no such path; a custom
        // resource's handler answers NotFound for the object (crdHandler.ServeHTTP).
        errors.push(
          definitionOf(t.kind)
            ? notFoundText(t.kind, name)
            : "Error from server (NotFound): the server could not find the requested resource",
        );
        continue;
      }
      const r = runScale({ ...commandFor(cmd, t), names: [name] }, cluster, options);
      stdout += r.stdout;
      if (r.exitCode !== 0) errors.push(r.stderr.replace(/\n$/, ""));
    }
  return errors.length ? fail(errors.join("\n"), false, stdout) : ok(stdout);
}

function runScale(cmd: ParsedCommand, cluster: Cluster, options: KubectlOptions): KubectlResult {
  if (cmd.flags.filename && !cmd.resource) return runScaleFiles(cmd, cluster, options);
  const found = lookupTarget(cmd, cluster);
  if ("error" in found) return found.error;
  const kind = cmd.resource!;
  // The /scale of the version the command reads (crd.ts scaleFor); a custom resource whose
  // CRD declares none there answers NotFound (see runScaleFiles).
  const scale = scaleFor(kind, cmd.apiVersion);
  if (!scale) return fail(notFoundText(kind, found.object.metadata.name));
  const current = cmd.flags["current-replicas"] as number | undefined;
  if (current !== undefined && current >= 0) {
    // The precondition reads the object's /scale first (kubectl/pkg/scale ScaleSimple), which
    // a custom resource without its spec replicas field refuses.
    const refused = scale.refusal?.(found.object);
    if (refused) return fail(formatApiError(refused, found.object.kind, found.object.metadata.name));
    const was = scale.specReplicas(found.object);
    if (was !== current) return fail(`error: Expected replicas to be ${current}, was ${was}`);
  }
  const obj = scale.withReplicas(found.object, cmd.flags.replicas as number);
  recordChangeCause(cmd, obj, options.binaryName);
  return writeBack(cluster, obj, `${objectRef(kind, obj.metadata.name)} scaled`);
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
    if (cmd.flags.filename) filesOnly(pos, ctx);
    // A custom resource's kind reaches the API server, which answers for its /scale.
    else oneTargetOnly(cmd, pos, ctx, (kind) => kind.scale !== undefined || definitionOf(kind) !== undefined);
    if (cmd.flags.replicas === undefined || (cmd.flags.replicas as number) < 0)
      ctx.error(msg.replicasRequired(), ctx.verbTok);
  },
  run: runScale,
};
