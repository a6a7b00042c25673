/**
 * `kubectl create -f FILE… [-R] [--save-config] [--record] [--dry-run=…] [-o …]`
 * (kubectl/pkg/cmd/create/create.go RunCreate): every object the files hold is created as
 * written, in file order; one that exists already is an error, not an update (that is
 * `apply`). Errors do not stop the other objects (the builder's ContinueOnError); each is
 * said with its file, as cmdutil.AddSourceToErr words it: `Error from server (AlreadyExists):
 * error when creating "web.yaml": deployments.apps "web" already exists`.
 *
 * Unlike `apply`, no last-applied-configuration annotation is written unless `--save-config`
 * asks for it (create.go: util.CreateOrUpdateAnnotation with ApplyAnnotationsFlag), so a later
 * `kubectl apply` of the same file has no last applied state to merge against.
 */
import type { ApiError, Cluster } from "../../engine/cluster.ts";
import { isApiError } from "../../engine/cluster.ts";
import { KubectlAnnotations } from "../../k8s/annotations.ts";
import { kindPrefix } from "../../k8s/kinds/descriptor.ts";
import type { KubeObject } from "../../k8s/types.ts";
import { formatApiError } from "../apiErrors.ts";
import type { KubectlCommand, ParsedCommand } from "../command.ts";
import { dryRunFlag, filenameFlag, flag, outputFlag, recordFlag } from "../flags.ts";
import * as msg from "../messages.ts";
import { recordChangeCause } from "../record.ts";
import { fail, ok, type KubectlOptions, type KubectlResult } from "../result.ts";
import { lastAppliedConfiguration, readSources, settleNamespace } from "./apply.ts";
import { dryRunSuffix, isDryRun } from "./common.ts";
import { printObjects } from "./output.ts";

/** cmdutil.AddSourceToErr("creating", source, err): the file goes into the status message. */
function withSource(err: ApiError, source: string): ApiError {
  return source && err.reason !== "Invalid"
    ? { ...err, message: `error when creating "${source}": ${err.message}` }
    : err;
}

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
  const sources = readSources(cmd, options);
  if (!Array.isArray(sources)) return sources;
  const dryRun = isDryRun(cmd);
  const ns = { namespace: cmd.namespace, enforce: cmd.namespaceGiven };
  const out: string[] = [];
  const created: KubeObject[] = [];
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
      const obj = objectToCreate(settled, cmd, options);
      let stored: KubeObject = obj;
      if (!dryRun) {
        const res = cluster.api.create(obj);
        if (isApiError(res)) {
          errors.push(formatApiError(withSource(res, source), kind.kind, name));
          continue;
        }
        stored = res;
      }
      count++;
      created.push(stored);
      out.push(`${kindPrefix(kind)}/${name} created${dryRunSuffix(cmd)}\n`);
    }
  // create.go: nothing visited at all (every file empty) is its own error.
  if (count === 0 && errors.length === 0) return fail("error: no objects passed to create");
  const stdout = cmd.output && cmd.output.kind !== "table" ? printEach(created, cmd, cluster) : out.join("");
  const result = errors.length ? fail(errors.join("\n"), false, stdout) : ok(stdout);
  return dryRun ? { ...result, readOnly: true } : result;
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
    const kustomize = cmd.flags.kustomize as string | undefined;
    if (kustomize !== undefined) {
      const tok = ctx.flagToken("kustomize") ?? ctx.verbTok;
      ctx.error(msg.kustomizeUnsupported(kustomize), tok, msg.kustomizeHint(kustomize));
      return;
    }
    if (cmd.flags.edit === true) {
      ctx.error(
        msg.notSupported('"kubectl create --edit" (it opens an editor)'),
        ctx.flagToken("edit") ?? ctx.verbTok,
      );
      return;
    }
    if (!cmd.flags.filename) ctx.usage(msg.mustSpecifyFilename(), ctx.verbTok);
    if (pos.length) ctx.usage(`error: Unexpected args: [${pos.map((p) => p.value).join(" ")}]`, pos[0]);
  },
  run: runCreateFromFile,
  // What the files hold is read before the run, as for `apply -f`: its errors show first and
  // its objects can be the targets of later lines. A dry run creates nothing.
  facts: (cmd) => ({
    applies: isDryRun(cmd)
      ? []
      : ((cmd.flags.filename as string[] | undefined) ?? []).filter(
          (f) => f !== "-" && !/^https?:\/\//i.test(f),
        ),
    recursive: cmd.flags.recursive === true,
  }),
};
