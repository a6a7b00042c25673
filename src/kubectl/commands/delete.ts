/**
 * `kubectl delete TYPE NAME… | TYPE --all | TYPE -l SELECTOR | -f FILE…`: one line per object,
 * `deployment.apps "web" deleted` (`force deleted` with --grace-period=0 --force); a missing
 * name is the API server's NotFound (unless --ignore-not-found), with the file it came from
 * for `-f` (cmdutil.AddSourceToErr "deleting"). Pods terminate gracefully, within
 * --grace-period when given; Deployments cascade as --cascade says (the API server's and the
 * garbage collector's job). kubectl's --wait only holds the shell until the objects are gone:
 * the output is the same, so here the line returns at once.
 */
import type { Cluster } from "../../engine/cluster.ts";
import { addSourceToErr, formatApiError, resourceNotServed } from "../apiErrors.ts";
import type { ParsedCommand } from "../command.ts";
import { kindPrefix, type AnyKind } from "../../k8s/kinds/index.ts";
import { fail, ok } from "../result.ts";
import type { KubectlOptions, KubectlResult, PerObjectOutput } from "../result.ts";
import { fileObjects, kustomizeFlagsOk, servedNow } from "./fileTargets.ts";
import { selectObjects } from "./get.ts";
import type { KubectlCommand } from "../command.ts";
import { dryRunFlag, filenameFlag, flag, outputFlag, selectorFlag } from "../flags.ts";
import * as msg from "../messages.ts";
import { cascadeFlag, checkDeleteFlags, deleteGracePeriod, deleteRequest } from "./deleteOptions.ts";

/** PrintObj of delete.go: `force deleted` when nothing waited for the object to stop. */
const deletedWord = (period: number) => (period === 0 ? "force deleted" : "deleted");

/** The grace period and options of a line whose flags passed the parse-time checks. */
function request(cmd: ParsedCommand) {
  const period = deleteGracePeriod(cmd) as number;
  return { period, ...deleteRequest(cmd, period) };
}

/** `delete -f`: the objects the files name, in file order (delete.go with FilenameOptions). */
function runDeleteFiles(cmd: ParsedCommand, cluster: Cluster, options: KubectlOptions): KubectlResult {
  const read = fileObjects(cmd, cluster, options);
  if ("exitCode" in read) return read;
  const ignoreNotFound = cmd.flags["ignore-not-found"] === true;
  const { period, options: deleteOptions, warnings } = request(cmd);
  const out: string[] = [];
  const err = [...read.errors];
  // delete.go DeleteResult prints each object's line after its DELETE: what it wrote per object.
  const sent: PerObjectOutput["objects"][number][] = [];
  for (const { source, kind, object } of read.objects) {
    const name = object.metadata.name;
    const request = { apiVersion: String(object.apiVersion), kind: String(object.kind), stderr: "" };
    // kubectl mapped every object of its files with the discovery it read first (the deferred
    // discovery RESTMapper reads it again only for a kind it does not find), so a custom
    // resource after its own CRD in the file is still sent once that CRD is deleted (the
    // finalizer customresourcecleanup.apiextensions.k8s.io, crd_finalizer.go, took it first).
    const e = servedNow(cluster, kind, object.apiVersion)
      ? cluster.api.delete(cluster.kinds.key(kind), object.metadata.namespace ?? "", name, deleteOptions)
      : resourceNotServed(kind, "delete", name);
    const line = e ? "" : `${kindPrefix(kind)} "${name}" ${deletedWord(period)}\n`;
    if (!e) out.push(line);
    else if (!(ignoreNotFound && e.reason === "NotFound"))
      err.push(formatApiError(addSourceToErr("deleting", source, e), kind.kind, name));
    sent.push({ ...request, stdout: line });
  }
  const result = withWarnings(
    warnings,
    err.length ? fail(err.join("\n"), false, out.join("")) : ok(out.join("")),
  );
  const perObject = {
    objects: sent,
    // What Complete printed before any request (the grace period's notices) comes first.
    before: warnings,
    after: err.map((e) => `${e}\n`).join(""),
    count: read.objects.length + read.errors.length,
    failed: err.length,
  };
  return { ...result, perObject };
}

function runDelete(cmd: ParsedCommand, cluster: Cluster): KubectlResult {
  const r = cmd.resource as AnyKind;
  const { objects, errors } = selectObjects(cmd, cluster);
  const { period, options: deleteOptions, warnings } = request(cmd);
  const out: string[] = [];
  const err = cmd.flags["ignore-not-found"] === true ? [] : [...errors];
  for (const o of objects) {
    const e = cluster.api.delete(
      cluster.kinds.keyOf(o),
      o.metadata.namespace ?? "",
      o.metadata.name,
      deleteOptions,
    );
    if (e) err.push(formatApiError(e, o.kind, o.metadata.name));
    else out.push(`${kindPrefix(r)} "${o.metadata.name}" ${deletedWord(period)}\n`);
  }
  if (!objects.length && !err.length && !cmd.names.length)
    return withWarnings(warnings, ok("", false, "No resources found\n"));
  return withWarnings(warnings, err.length ? fail(err.join("\n"), false, out.join("")) : ok(out.join("")));
}

/** Warnings kubectl prints while it reads its flags come before anything else on stderr. */
function withWarnings(warnings: string, res: KubectlResult): KubectlResult {
  return warnings ? { ...res, stderr: warnings + res.stderr, beforeRequests: warnings } : res;
}

/** delete.go: TYPE NAME…, or TYPE with --all or -l. */
export const deleteCommand: KubectlCommand = {
  verb: "delete",
  flags: [
    flag("all", "bool"),
    selectorFlag,
    flag("field-selector", "string"),
    flag("grace-period", "int"),
    flag("now", "bool"),
    flag("force", "bool"),
    flag("wait", "bool"),
    flag("ignore-not-found", "bool"),
    filenameFlag,
    flag("kustomize", "string", "k"),
    cascadeFlag,
    dryRunFlag,
    outputFlag,
  ],
  readOnly: false,
  args(cmd, pos, ctx) {
    checkDeleteFlags(cmd, ctx, deleteGracePeriod(cmd));
    if (!kustomizeFlagsOk(cmd, ctx)) return;
    if (cmd.flags.filename || cmd.flags.kustomize !== undefined) {
      // -f (or -k) names the objects; TYPE/NAME words beside it are the resource builder's error
      // (cli-runtime builder.go visitByPaths).
      if (pos.length)
        ctx.error(
          "error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well",
          pos[0],
        );
      return;
    }
    ctx.targets(Infinity);
    if (!pos.length)
      ctx.usage("error: You must provide one or more resources by argument or filename.", ctx.verbTok);
    else if (cmd.names.length === 0 && !cmd.flags.all && !cmd.flags.selector && !cmd.flags["field-selector"])
      ctx.usage(msg.resourceWithoutName(), pos[0]);
  },
  run: (cmd, cluster, options) =>
    cmd.flags.filename || cmd.flags.kustomize !== undefined
      ? runDeleteFiles(cmd, cluster, options)
      : runDelete(cmd, cluster),
};
