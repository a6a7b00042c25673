/**
 * `kubectl replace -f FILE…` (kubectl/pkg/cmd/replace/replace.go): every object of the files
 * replaces the live one of the same kind, namespace and name, as a whole (a PUT): fields the
 * manifest leaves out are gone, the API server keeps what it owns (UID, creation time,
 * status), and a changed spec is a new generation. One that does not exist is
 * `Error from server (NotFound): error when replacing "FILE": …`; the others go on.
 *
 * `--force` deletes and re-creates instead (forceReplace): each object is deleted as
 * `kubectl delete` would (`deployment.apps "web" deleted`; `No resources found` when none
 * exists), kubectl then checks every second until each is gone (wait.PollImmediate, --timeout,
 * 5 minutes by default, per object), then creates them all (`deployment.apps/web replaced`).
 * A Pod thus comes back only after its grace period. An object the builder refused (a kind not
 * served, another namespace) or whose DELETE failed stops the command after the deletes: the
 * others are deleted and none is created.
 *
 * Several errors print as checkErr prints an aggregate, in the order the builder's Visit
 * returns them (visitErrors.ts).
 */
import type { Cluster } from "../../engine/cluster.ts";
import { isApiError } from "../../engine/cluster.ts";
import { groupResource, kindPrefix } from "../../k8s/kinds/descriptor.ts";
import { formatApiError, namesStaleVersion, resourceNotServed, staleResourceVersion } from "../apiErrors.ts";
import type { KubectlCommand, ParsedCommand } from "../command.ts";
import { dryRunFlag, filenameFlag, flag, recordFlag } from "../flags.ts";
import { KubectlAnnotations } from "../../k8s/annotations.ts";
import { recordChangeCause } from "../record.ts";
import { fail, ok, type KubectlOptions, type KubectlResult, type PerObjectOutput } from "../result.ts";
import { lastAppliedConfiguration } from "./apply.ts";
import { fileObjects, filesArgs, sentFiles, servedNow } from "./fileTargets.ts";
import { dryRunSuffix, isDryRun } from "./common.ts";
import { printedErrors, refusal } from "../goErrors.ts";
import { VisitErrors } from "./visitErrors.ts";
import { cascadeFlag, cascadingStrategy, deleteRequest } from "./deleteOptions.ts";
import { parseGoDuration } from "./drain.ts";
import type { AnyKind } from "../../k8s/kinds/index.ts";
import type { KubeObject } from "../../k8s/types.ts";

/** forceReplace: how long kubectl waits for each deleted object to be gone, unless --timeout. */
const FORCE_REPLACE_TIMEOUT = 300;
/** wait.PollImmediate's interval in forceReplace. */
const FORCE_REPLACE_POLL = 1;

function runReplace(cmd: ParsedCommand, cluster: Cluster, options: KubectlOptions): KubectlResult {
  if (cmd.flags.force === true) return runForceReplace(cmd, cluster, options);
  const read = fileObjects(cmd, cluster, options);
  if ("exitCode" in read) return read;
  const out: string[] = [];
  const errors = new VisitErrors(read.refusals);
  // replace.go's visitor prints each object's line after its PUT: what it wrote per object.
  const written: PerObjectOutput["objects"][number][] = [];
  read.objects.forEach(({ source, kind, object }, index) => {
    errors.reach(index);
    const name = object.metadata.name;
    const request = { apiVersion: String(object.apiVersion), kind: String(object.kind), stderr: "" };
    const obj = sent(cmd, object, options.binaryName);
    // A version an earlier CRD of the files stopped serving: kubectl mapped the object before
    // (the resource builder's discovery), helper.Replace's GET and PUT both get the API
    // server's 404.
    const gone = !servedNow(cluster, kind, object.apiVersion);
    const live = gone
      ? undefined
      : cluster.api.get(cluster.kinds.key(kind), obj.metadata.namespace ?? "", name);
    const res = gone
      ? resourceNotServed(kind, "put", name)
      : !live
        ? { reason: "NotFound", message: `${groupResource(kind)} "${name}" not found` }
        : namesStaleVersion(obj, live)
          ? // resource.Helper.Replace sends a manifest's own resourceVersion as the PUT's precondition.
            staleResourceVersion(kind, name)
          : isDryRun(cmd)
            ? live
            : cluster.api.update(obj);
    if (isApiError(res)) {
      errors.add(refusal(res, kind.kind, name, "replacing", source));
      written.push({ ...request, stdout: "" });
      return;
    }
    const line = `${kindPrefix(kind)}/${name} replaced${dryRunSuffix(cmd)}\n`;
    out.push(line);
    written.push({ ...request, stdout: line });
  });
  const lines = printedErrors(errors.end());
  if (read.objects.length === 0 && lines.length === 0) return fail("error: no objects passed to replace");
  const failed = lines.length ? fail(lines.join("\n"), false, out.join("")) : ok(out.join(""));
  const result = read.note === undefined ? failed : { ...failed, note: read.note };
  const perObject = {
    objects: written,
    after: lines.map((e) => `${e}\n`).join(""),
    count: read.objects.length + read.errors.length,
    failed: errors.failed,
  };
  return isDryRun(cmd) ? { ...result, perObject, readOnly: true } : { ...result, perObject };
}

/** The object as replace sends it: --save-config's annotation and --record's change-cause. */
function sent(cmd: ParsedCommand, object: KubeObject, binaryName: string | undefined): KubeObject {
  const obj = structuredClone(object);
  if (cmd.flags["save-config"] === true)
    obj.metadata.annotations = {
      ...(obj.metadata.annotations ?? {}),
      [KubectlAnnotations.lastAppliedConfiguration]: lastAppliedConfiguration(object),
    };
  recordChangeCause(cmd, obj, binaryName);
  return obj;
}

interface Replaced {
  kind: AnyKind;
  object: KubeObject;
}

/** replace.go forceReplace: delete, wait for each object to be gone, create. */
function runForceReplace(cmd: ParsedCommand, cluster: Cluster, options: KubectlOptions): KubectlResult {
  const read = fileObjects(cmd, cluster, options);
  if ("exitCode" in read) return read;
  // Complete: --grace-period=0 becomes 1 (and a wait), so replace never force-deletes.
  const requested = (cmd.flags["grace-period"] as number | undefined) ?? -1;
  const { options: deleteOptions, warnings } = deleteRequest(cmd, requested === 0 ? 1 : requested);
  let out = "";
  const waiting: Replaced[] = [];
  // DeleteResult prints each object's line after its DELETE, whose response brings its warnings.
  // Its Visit goes on past a refusal (the builder's ContinueOnError) and returns the errors
  // after the last object (visitErrors.ts), NotFound left out (Complete: IgnoreNotFound);
  // forceReplace then returns them, before it waits or creates anything.
  const deleted: PerObjectOutput["objects"][number][] = [];
  const errors = new VisitErrors(read.refusals);
  read.objects.forEach(({ source, kind, object }, index) => {
    errors.reach(index);
    const name = object.metadata.name;
    const request = { apiVersion: String(object.apiVersion), kind: String(object.kind), stderr: "" };
    const e = cluster.api.delete(
      cluster.kinds.key(kind),
      object.metadata.namespace ?? "",
      name,
      deleteOptions,
    );
    if (e && e.reason === "NotFound") {
      deleted.push({ ...request, stdout: "" });
      return;
    }
    if (e) {
      errors.add(refusal(e, kind.kind, name, "deleting", source));
      return;
    }
    const line = `${kindPrefix(kind)} "${name}" deleted\n`;
    out += line;
    deleted.push({ ...request, stdout: line });
    waiting.push({ kind, object });
  });
  const lines = printedErrors(errors.end());
  if (lines.length) {
    const refused = fail(warnings + lines.join("\n"), false, out);
    return read.note === undefined ? refused : { ...refused, note: read.note };
  }
  if (waiting.length === 0) out += "No resources found\n";
  const timeoutText = cmd.flags.timeout as string | undefined;
  const timeout = (timeoutText && parseGoDuration(timeoutText)) || FORCE_REPLACE_TIMEOUT;
  const objects = read.objects.map(({ kind, object }) => ({ kind, object }));
  let deadline = cluster.now + timeout;
  const poll = (c: Cluster): KubectlResult => {
    while (waiting.length) {
      const { kind, object } = waiting[0];
      if (c.api.get(c.kinds.key(kind), object.metadata.namespace ?? "", object.metadata.name)) break;
      waiting.shift();
      deadline = c.now + timeout;
    }
    if (waiting.length === 0) return createAll(cmd, c, objects, options.binaryName);
    if (c.now >= deadline) return fail("error: timed out waiting for the condition");
    const res = ok("");
    res.follow = { after: Math.min(FORCE_REPLACE_POLL, deadline - c.now), run: poll };
    return res;
  };
  const rest = poll(cluster);
  const result: KubectlResult = {
    ...rest,
    stdout: out + rest.stdout,
    stderr: warnings + rest.stderr,
    ...(warnings ? { beforeRequests: warnings } : {}),
  };
  if (rest.exitCode !== 0) return result;
  // The lines printed after the waiting (its creates, `No resources found` before them) come
  // after the deletes', whose warnings the creates' responses repeat (deduplicated).
  const after = out.endsWith("No resources found\n") ? "No resources found\n" : "";
  const perObject: PerObjectOutput = {
    objects: [
      ...deleted,
      ...(after + rest.stdout ? [{ apiVersion: "", kind: "", stderr: "", stdout: after + rest.stdout }] : []),
    ],
    before: warnings,
    after: "",
    count: read.objects.length,
    failed: 0,
  };
  return { ...result, perObject };
}

/** The second half of forceReplace: every object created anew, or the first error. */
function createAll(
  cmd: ParsedCommand,
  cluster: Cluster,
  objects: readonly Replaced[],
  binaryName: string | undefined,
): KubectlResult {
  let out = "";
  for (const { kind, object } of objects) {
    const res = cluster.api.create(sent(cmd, object, binaryName));
    if (isApiError(res)) return fail(formatApiError(res, kind.kind, object.metadata.name), false, out);
    out += `${kindPrefix(kind)}/${object.metadata.name} replaced\n`;
  }
  return objects.length ? ok(out) : fail("error: no objects passed to replace");
}

/** replace.go Validate: the delete flags belong to --force. */
function replaceArgs(...args: Parameters<typeof filesArgs>): void {
  filesArgs(...args);
  const [cmd, , ctx] = args;
  const force = cmd.flags.force === true;
  const grace = cmd.flags["grace-period"] as number | undefined;
  if (grace !== undefined && grace >= 0 && !force)
    ctx.error(
      "error: --grace-period must have --force specified",
      ctx.flagToken("grace-period") ?? ctx.verbTok,
    );
  const timeout = cmd.flags.timeout as string | undefined;
  if (timeout !== undefined && parseGoDuration(timeout) === undefined)
    ctx.error(
      `error: invalid argument "${timeout}" for "--timeout" flag`,
      ctx.flagToken("timeout") ?? ctx.verbTok,
    );
  else if (timeout !== undefined && parseGoDuration(timeout) !== 0 && !force)
    ctx.error("error: --timeout must have --force specified", ctx.flagToken("timeout") ?? ctx.verbTok);
  if (force && isDryRun(cmd))
    ctx.error(
      "error: --dry-run can not be used when --force is set",
      ctx.flagToken("dry-run") ?? ctx.verbTok,
    );
  const cascade = cascadingStrategy(cmd.flags.cascade as string | undefined);
  if ("error" in cascade) ctx.error(cascade.error, ctx.flagToken("cascade") ?? ctx.verbTok);
}

/** replace.go: -f is required, and no positional arguments. */
export const replaceCommand: KubectlCommand = {
  verb: "replace",
  flags: [
    filenameFlag,
    flag("recursive", "bool", "R"),
    flag("kustomize", "string", "k"),
    dryRunFlag,
    recordFlag,
    flag("save-config", "bool"),
    flag("validate", "string"),
    flag("field-manager", "string"),
    flag("force", "bool"),
    flag("grace-period", "int"),
    cascadeFlag,
    flag("timeout", "string"),
    flag("wait", "bool"),
  ],
  readOnly: false,
  args: replaceArgs,
  run: runReplace,
  facts: sentFiles,
};
