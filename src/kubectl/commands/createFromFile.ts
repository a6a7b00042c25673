/**
 * `kubectl create -f FILE… [-R] [--save-config] [--record] [--dry-run=…] [-o …]`
 * (kubectl/pkg/cmd/create/create.go RunCreate): every object the files hold is created as
 * written, in file order; one that exists already is an error, not an update (that is
 * `apply`). Errors do not stop the other objects (the builder's ContinueOnError); each is
 * said with its file, as cmdutil.AddSourceToErr words it: `Error from server (AlreadyExists):
 * error when creating "web.yaml": deployments.apps "web" already exists`; several print as
 * checkErr prints an aggregate, in the order the builder's Visit returns them (visitErrors.ts).
 *
 * Unlike `apply`, no last-applied-configuration annotation is written unless `--save-config`
 * asks for it (create.go: util.CreateOrUpdateAnnotation with ApplyAnnotationsFlag), so a later
 * `kubectl apply` of the same file has no last applied state to merge against.
 */
import type { Cluster } from "../../engine/cluster.ts";
import { isApiError } from "../../engine/cluster.ts";
import { KubectlAnnotations } from "../../k8s/annotations.ts";
import { kindPrefix } from "../../k8s/kinds/descriptor.ts";
import type { KubeObject } from "../../k8s/types.ts";
import { printedErrors, refusal } from "../goErrors.ts";
import type { KubectlCommand, ParsedCommand } from "../command.ts";
import { dryRunFlag, filenameFlag, flag, outputFlag, recordFlag } from "../flags.ts";
import * as msg from "../messages.ts";
import { recordChangeCause } from "../record.ts";
import { fail, ok, type KubectlOptions, type KubectlResult, type PerObjectOutput } from "../result.ts";
import { lastAppliedConfiguration } from "./apply.ts";
import { fileObjects, filesArgs, sentFiles } from "./fileTargets.ts";
import { dryRunSuffix, isDryRun } from "./common.ts";
import { printObjects } from "./output.ts";
import { VisitErrors } from "./visitErrors.ts";

/** The object as create.go sends it: `--save-config` and `--record` annotate it first. */
function objectToCreate(o: KubeObject, cmd: ParsedCommand, options: KubectlOptions): KubeObject {
  const obj = structuredClone(o);
  if (cmd.flags["save-config"] === true)
    obj.metadata.annotations = {
      ...(obj.metadata.annotations ?? {}),
      [KubectlAnnotations.lastAppliedConfiguration]: lastAppliedConfiguration(o),
    };
  recordChangeCause(cmd, obj, options.binaryName);
  return obj;
}

/** `-o`: one object at a time, as create.go prints each; YAML puts `---` between them (printers/yaml.go). */
function printEach(objects: readonly KubeObject[], cmd: ParsedCommand, cluster: Cluster): string {
  const separator = cmd.output?.kind === "yaml" ? "---\n" : "";
  return objects.map((o) => printObjects([o], cmd, cluster, true).stdout).join(separator);
}

function runCreateFromFile(cmd: ParsedCommand, cluster: Cluster, options: KubectlOptions): KubectlResult {
  const read = fileObjects(cmd, cluster, options);
  if ("exitCode" in read) return read;
  const dryRun = isDryRun(cmd);
  const out: string[] = [];
  const created: KubeObject[] = [];
  const errors = new VisitErrors(read.refusals);
  // create.go's visitor prints each object's line after its POST: what it wrote per object.
  const sent: PerObjectOutput["objects"][number][] = [];
  read.objects.forEach(({ source, kind, object }, index) => {
    errors.reach(index);
    const name = object.metadata.name;
    const obj = objectToCreate(object, cmd, options);
    const request = { apiVersion: String(object.apiVersion), kind: String(object.kind), stderr: "" };
    let stored: KubeObject = obj;
    if (!dryRun) {
      const res = cluster.api.create(obj);
      if (isApiError(res)) {
        errors.add(refusal(res, kind.kind, name, "creating", source));
        sent.push({ ...request, stdout: "" });
        return;
      }
      stored = res;
    }
    created.push(stored);
    const line = `${kindPrefix(kind)}/${name} created${dryRunSuffix(cmd)}\n`;
    out.push(line);
    sent.push({ ...request, stdout: line });
  });
  const lines = printedErrors(errors.end());
  // create.go: nothing visited at all (every file empty) is its own error.
  if (read.objects.length === 0 && lines.length === 0) return fail("error: no objects passed to create");
  const printed = cmd.output && cmd.output.kind !== "table";
  const stdout = printed ? printEach(created, cmd, cluster) : out.join("");
  const result = lines.length ? fail(lines.join("\n"), false, stdout) : ok(stdout);
  const perObject = printed
    ? undefined
    : {
        objects: sent,
        after: lines.map((e) => `${e}\n`).join(""),
        count: read.objects.length + read.errors.length,
        failed: errors.failed,
      };
  const noted = read.note === undefined ? result : { ...result, note: read.note };
  const withObjects = perObject ? { ...noted, perObject } : noted;
  return dryRun ? { ...withObjects, readOnly: true } : withObjects;
}

/** create.go: -f (or -k) is required, and no positional arguments. */
export const createFromFileCommand: KubectlCommand = {
  verb: "create",
  flags: [
    filenameFlag,
    flag("recursive", "bool", "R"),
    flag("kustomize", "string", "k"),
    dryRunFlag,
    outputFlag,
    recordFlag,
    flag("save-config", "bool"),
    flag("validate", "string"),
    flag("edit", "bool"),
    flag("field-manager", "string"),
  ],
  readOnly: false,
  args(cmd, pos, ctx) {
    if (cmd.flags.edit === true) {
      ctx.error(
        msg.notSupported('"kubectl create --edit" (it opens an editor)'),
        ctx.flagToken("edit") ?? ctx.verbTok,
      );
      return;
    }
    filesArgs(cmd, pos, ctx);
  },
  run: runCreateFromFile,
  facts: sentFiles,
};
