/**
 * `kubectl apply` with client-side apply semantics (kubectl/pkg/cmd/apply, apply/patcher.go):
 * - a new object is created with the annotation `kubectl.kubernetes.io/last-applied-configuration`
 *   holding the manifest as applied (compact JSON, sorted keys, `"annotations":{}` and the
 *   namespace filled in, ending in a newline, as GetModifiedConfiguration writes it);
 * - an existing one is patched with the three-way merge of (last applied, manifest, live), see
 *   merge.ts: `configured` when that changes the object, `unchanged` when it does not.
 * So `replicas` in the manifest overrides the HPA's value until its next sync, and a manifest
 * without `replicas` leaves the live value alone.
 */
import { KubectlAnnotations } from "../../k8s/annotations.ts";
import { sameJson } from "../../engine/apiserver.ts";
import type { Cluster } from "../../engine/cluster.ts";
import { isApiError, type ApiError } from "../../engine/cluster.ts";
import type { KubeObject } from "../../k8s/types.ts";
import type { AnyKind } from "../../k8s/kinds/index.ts";
import { namesStaleVersion, resourceNotServed, staleResourceVersion, uidMismatch } from "../apiErrors.ts";
import { goJson, threeWayMergePatch } from "../applyPatch.ts";
import * as msg from "../messages.ts";
import { threeWayMerge } from "../merge.ts";
import type { ArgsContext, ParsedCommand } from "../command.ts";
import type { Token } from "../tokenize.ts";
import { kindPrefix } from "../../k8s/kinds/descriptor.ts";
import { resetsStatus } from "../../k8s/kinds/stored/crd.ts";
import { fail, ok } from "../result.ts";
import {
  builderError,
  errorLines,
  printedErrors,
  refusal,
  type CommandError,
  type GoError,
} from "../goErrors.ts";
import type { KubectlOptions, KubectlResult, PerObjectOutput } from "../result.ts";
import { DEFAULT_NAMESPACE } from "../../k8s/namespaces.ts";
import { isDryRun } from "./common.ts";
import {
  appliedFiles,
  crdInSameCommand,
  discoveryAtStart,
  filesArgs,
  mapAtStart,
  readSources,
  servedNow,
  settleNamespace,
  settleObject,
  type ApplyNamespace,
  type MappedAtStart,
} from "./fileTargets.ts";
import type { KubectlCommand } from "../command.ts";
import { dryRunFlag, filenameFlag, flag, outputFlag, recordFlag } from "../flags.ts";
import { sortedKeys } from "../../k8s/sortedKeys.ts";

const LAST_APPLIED_ANNOTATION = KubectlAnnotations.lastAppliedConfiguration;

/**
 * The manifest as kubectl records it in last-applied-configuration: with the namespace the
 * request carries (none for a cluster-scoped object: an empty namespace is omitted).
 */
export function lastAppliedConfiguration(obj: KubeObject): string {
  const copy = structuredClone(obj) as KubeObject & { status?: unknown };
  const annotations = { ...(copy.metadata.annotations ?? {}) };
  delete annotations[LAST_APPLIED_ANNOTATION];
  copy.metadata = { ...copy.metadata, annotations };
  return JSON.stringify(sortedKeys(copy)) + "\n";
}

type Outcome = "created" | "configured" | "unchanged" | "serverside-applied";

/**
 * apply.go warningNoLastAppliedConfigAnnotation: printed on stderr when the live object was
 * made without apply (`kubectl create`, `create -f` without --save-config); the apply goes on.
 */
export const missingLastAppliedWarning = (resource: string, name: string, binary = "kubectl") =>
  `Warning: resource ${resource}/${name} is missing the ${LAST_APPLIED_ANNOTATION} annotation which is required by ${binary} apply. ${binary} apply should only be used on resources created declaratively by either ${binary} create --save-config or ${binary} apply. The missing annotation will be patched automatically.\n`;

/** The manifest as apply sends it: with its last-applied-configuration annotation. */
export function withLastApplied(manifest: KubeObject): KubeObject {
  const modified = structuredClone(manifest);
  modified.metadata = {
    ...modified.metadata,
    annotations: {
      ...(modified.metadata.annotations ?? {}),
      [LAST_APPLIED_ANNOTATION]: lastAppliedConfiguration(manifest),
    },
  };
  return modified;
}

/**
 * The manifest as GetModifiedConfiguration(annotate=false) encodes it: its annotations without
 * last-applied-configuration, an empty map when it has none (as the annotation's own copy
 * records `"annotations":{}`), so the three-way merge keeps the live annotations.
 */
function withoutLastApplied(manifest: KubeObject): KubeObject {
  const annotations = { ...(manifest.metadata.annotations ?? {}) };
  delete annotations[LAST_APPLIED_ANNOTATION];
  return { ...manifest, metadata: { ...manifest.metadata, annotations } } as KubeObject;
}

/**
 * What apply writes over a live object (the patcher's three-way merge), or undefined when it
 * leaves the object unchanged. `kubectl diff` sends the same with dryRun, but from the manifest
 * without the annotation (diff.go: GetModifiedConfiguration(obj, annotate=false)), so the live
 * annotation stays as it was.
 */
/** The manifest an object's last-applied-configuration annotation holds; none when absent or not JSON. */
function parsedLastApplied(text: string | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function appliedOver(manifest: KubeObject, live: KubeObject, annotate = true): KubeObject | undefined {
  const modified = annotate ? withLastApplied(manifest) : withoutLastApplied(manifest);
  const lastText = live.metadata.annotations?.[LAST_APPLIED_ANNOTATION];
  const original = parsedLastApplied(lastText);
  if (live.apiVersion !== manifest.apiVersion) {
    // Another served version (an autoscaling/v1 HPA against the stored v2 form): kubectl would
    // read the live object in the manifest's version; here the manifest replaces spec and metadata.
    if (lastText === lastAppliedConfiguration(manifest)) return undefined;
    return {
      ...modified,
      metadata: { ...live.metadata, ...modified.metadata },
      status: (live as { status?: unknown }).status,
    } as KubeObject;
  }
  const next = threeWayMerge(original, modified, live) as KubeObject;
  return sameJson(next, live) ? undefined : next;
}

/**
 * cli-runtime's Info.String(), as apply.go prints it after `to:` in a refused patch:
 * `Resource: "apps/v1, Resource=deployments", GroupVersionKind: "apps/v1, Kind=Deployment"`
 * and `Name: "web", Namespace: "default"` (schema.GroupVersionResource.String,
 * GroupVersionKind.String: the core group is empty before the slash).
 */
function infoString(manifest: KubeObject, plural: string): string {
  const [group, version] = manifest.apiVersion.includes("/")
    ? manifest.apiVersion.split("/", 2)
    : ["", manifest.apiVersion];
  return (
    `Resource: "${group}/${version}, Resource=${plural}", GroupVersionKind: "${group}/${version}, Kind=${manifest.kind}"\n` +
    `Name: "${manifest.metadata.name}", Namespace: "${manifest.metadata.namespace ?? ""}"`
  );
}

/**
 * The error GetObjects returns for what the builder refused (Result.Infos): ContinueOnErrorVisitor
 * collects RequireNamespace's errors as it visits, then the aggregate EagerVisitorList made of
 * the mapper's; one error is returned as it is, more as an aggregate.
 */
function builderErrors(mapped: MappedAtStart): GoError[] {
  const collected: GoError[] = mapped.namespaceErrors.map(builderError);
  if (mapped.mappingErrors.length) collected.push({ aggregate: mapped.mappingErrors.map(builderError) });
  if (collected.length === 0) return [];
  return [collected.length === 1 ? collected[0] : { aggregate: collected }];
}

/**
 * apply.go's refused patch: cmdutil.AddSourceToErr with the verb `applying patch:\n{patch}\nto:\n
 * {info}\nfor:`, the patch being the one kubectl computed (applyPatch.ts). An Invalid refusal
 * keeps its own wording (checkErr prints it from the status details).
 */
function patchError(
  res: ApiError,
  manifest: KubeObject,
  live: KubeObject,
  plural: string,
  source: string,
): CommandError {
  const verb = () => {
    const original = parsedLastApplied(live.metadata.annotations?.[LAST_APPLIED_ANNOTATION]);
    const modified = withLastApplied(manifest) as unknown as Record<string, unknown>;
    const patch = threeWayMergePatch(original, modified, live as unknown as Record<string, unknown>);
    return `applying patch:\n${goJson(patch)}\nto:\n${infoString(manifest, plural)}\nfor:`;
  };
  return refusal(res, manifest.kind, manifest.metadata.name, verb(), source);
}

function applyOne(
  manifest: KubeObject,
  cluster: Cluster,
  dryRun: boolean,
  source: string,
): { outcome: Outcome; warning?: string } | CommandError {
  const kind = manifest.kind;
  const name = manifest.metadata?.name;
  const live = cluster.api.get(cluster.kinds.keyOf(manifest), manifest.metadata.namespace ?? "", name);
  if (!live) {
    if (dryRun) return { outcome: "created" };
    const res = cluster.api.create(withLastApplied(manifest));
    return isApiError(res) ? refusal(res, kind, name, "creating", source) : { outcome: "created" };
  }
  const descriptor = cluster.kinds.forObject(manifest);
  const warning =
    live.metadata.annotations?.[LAST_APPLIED_ANNOTATION] === undefined && descriptor
      ? { warning: missingLastAppliedWarning(descriptor.plural, name) }
      : {};
  const next = appliedOver(manifest, live);
  if (next === undefined) return { outcome: "unchanged", ...warning };
  if (dryRun) return { outcome: "configured", ...warning };
  // A manifest saved from `kubectl get -o yaml` carries the resourceVersion it was read at; the
  // patch takes it along (it differs from the live one), and the server refuses the stale write
  // (kubectl's Patcher retries a Conflict with the same manifest, to the same answer).
  const res =
    namesStaleVersion(manifest, live) && descriptor
      ? staleResourceVersion(descriptor, name)
      : cluster.api.update(next);
  return isApiError(res)
    ? patchError(res, manifest, live, descriptor?.plural ?? kind.toLowerCase(), source)
    : { outcome: "configured", ...warning };
}

/**
 * What `kubectl apply --server-side` last sent for each object (by UID), per cluster: the
 * fields its `kubectl` field manager owns (the API server keeps them in metadata.managedFields,
 * which kubectl hides and Replicast does not keep on the object).
 */
const serverSideApplied = new WeakMap<Cluster, Map<string, KubeObject>>();

/**
 * Fields no manager owns, so none conflicts (fieldmanager/internal/stripmeta.go: the metadata the
 * server sets, taken out of every managed set), by path from the object's root.
 */
const STRIPPED_FIELDS: ReadonlySet<string> = new Set(
  [
    "apiVersion",
    "kind",
    "creationTimestamp",
    "selfLink",
    "uid",
    "generation",
    "managedFields",
    "resourceVersion",
  ].map((f) => (f === "apiVersion" || f === "kind" ? `.${f}` : `.metadata.${f}`)),
);

/**
 * The leaves of `before` (what kubectl applied last) whose live value someone else has changed
 * since, and the manifest would change again. `resetsStatus`: the kind has a status subresource,
 * whose strategy resets .status on the main resource (GetResetFields), so no apply owns it.
 */
function changedByOthers(
  before: unknown,
  live: unknown,
  manifest: unknown,
  path: string,
  out: string[],
  resetsStatus = false,
): void {
  if (manifest === undefined || STRIPPED_FIELDS.has(path) || (resetsStatus && path === ".status")) return;
  if (isPlainObject(before) && isPlainObject(live) && isPlainObject(manifest)) {
    for (const k of Object.keys(before))
      changedByOthers(before[k], live[k], manifest[k], `${path}.${k}`, out, resetsStatus);
    return;
  }
  if (
    Array.isArray(before) &&
    Array.isArray(live) &&
    Array.isArray(manifest) &&
    before.length === live.length
  ) {
    for (let i = 0; i < before.length; i++)
      changedByOthers(before[i], live[i], manifest[i], `${path}[${i}]`, out);
    return;
  }
  if (!within(before, live) && !within(manifest, live)) out.push(path);
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Whether every field `part` sets has that value in `whole` (what the server added is not compared). */
function within(part: unknown, whole: unknown): boolean {
  if (isPlainObject(part))
    return isPlainObject(whole) && Object.keys(part).every((k) => within(part[k], whole[k]));
  if (Array.isArray(part))
    return Array.isArray(whole) && part.length === whole.length && part.every((p, i) => within(p, whole[i]));
  return part === whole;
}

/**
 * apply.go's server-side branch: the manifest is sent as an apply patch by the field manager
 * `kubectl` and the line prints `serverside-applied`, whether anything changed or not. The
 * server creates the object without a last-applied-configuration annotation, or merges the
 * manifest in: fields kubectl applied before and left out now are removed (for an object
 * client-side applied before, kubectl's migrateToSSAIfNecessary hands it the fields of the
 * annotation, which the server keeps up to date from then on). A field someone else changed
 * since kubectl applied it is theirs: the real server refuses the apply with a conflict naming
 * that manager, which Replicast, keeping no managedFields, cannot name; it refuses saying so,
 * unless --force-conflicts takes the fields over as kubectl's does.
 */
function applyServerSide(
  manifest: KubeObject,
  cluster: Cluster,
  dryRun: boolean,
  force: boolean,
): { outcome: Outcome; warning?: string } | CommandError {
  const kind = manifest.kind;
  const name = manifest.metadata?.name;
  const records = serverSideApplied.get(cluster) ?? new Map<string, KubeObject>();
  serverSideApplied.set(cluster, records);
  // The field manager's Apply takes no managed fields from the patch (managedfields/internal/
  // structuredmerge.go Apply): any `managedFields:` in the manifest, even an empty list.
  if ("managedFields" in manifest.metadata)
    return { error: "Error from server (BadRequest): metadata.managedFields must be nil" };
  const live = cluster.api.get(cluster.kinds.keyOf(manifest), manifest.metadata.namespace ?? "", name);
  const descriptor = cluster.kinds.forObject(manifest);
  if (!live) {
    // With no object, the apply is a create-on-update (store.go Update), which compares no
    // resourceVersion (etcd3's updateState clears the one sent: the object gets its own), but
    // patch.go applyPatch refuses a uid no object has: a `kubectl get -o yaml` export applied
    // to a cluster without the object is refused, in a dry run too.
    const uid = manifest.metadata.uid;
    if (uid && descriptor) return serverSideConflict(uidMismatch(descriptor, name, uid));
    if (dryRun) return { outcome: "serverside-applied" };
    const res = cluster.api.create(manifest);
    if (isApiError(res)) return refusal(res, kind, name);
    if (res.metadata.uid) records.set(res.metadata.uid, manifest);
    return { outcome: "serverside-applied" };
  }
  const lastText = live.metadata.annotations?.[LAST_APPLIED_ANNOTATION];
  const before: unknown =
    (live.metadata.uid ? records.get(live.metadata.uid) : undefined) ?? parsedLastApplied(lastText);
  const conflicts: string[] = [];
  if (!force && before !== undefined)
    changedByOthers(
      before,
      live,
      withoutLastApplied(manifest),
      "",
      conflicts,
      descriptor !== undefined && resetsStatus(descriptor),
    );
  if (conflicts.length) {
    const [it, its] = conflicts.length === 1 ? ["it", "its"] : ["them", "their"];
    return {
      error: `${msg.notSupported(
        `server-side apply of ${conflicts.join(", ")}, changed since kubectl applied ${it},`,
      )}: the API server refuses it as a conflict with ${its} new manager; add --force-conflicts to take ${it} over, or leave ${it} out of the manifest`,
    };
  }
  // The apply configuration's resourceVersion is kept in the object the field manager hands the
  // registry's Update (patch.go applyPatcher), which refuses one other than the live one
  // (OptimisticLockErrorMsg), changes or not, in a dry run too: a `kubectl get -o yaml` export
  // applied back.
  if (descriptor && namesStaleVersion(manifest, live))
    return serverSideConflict(staleResourceVersion(descriptor, name));
  const modified = lastText === undefined ? manifest : withLastApplied(manifest);
  const next = threeWayMerge(before, modified, live) as KubeObject;
  if (!dryRun && !sameJson(next, live)) {
    const res = cluster.api.update(next);
    if (isApiError(res)) return refusal(res, kind, name);
  }
  if (!dryRun && live.metadata.uid) records.set(live.metadata.uid, manifest);
  return { outcome: "serverside-applied" };
}

/**
 * apply.go's server-side branch on a Conflict from the server: the error with advice about field
 * managers appended, whatever the conflict was (a stale resourceVersion too). Not a status any
 * more, checkErr prints it after `error: `, and MultipleErrors among several as it is.
 */
function serverSideConflict(res: ApiError): CommandError {
  const text = `${res.message}
Please review the fields above--they currently have other managers. Here
are the ways you can resolve this warning:
* If you intend to manage all of these fields, please re-run the apply
  command with the \`--force-conflicts\` flag.
* If you do not intend to manage all of the fields, please edit your
  manifest to remove references to the fields that should keep their
  current managers.
* You may co-own fields by updating your manifest to match the existing
  value; in this case, you'll become the manager if the other manager(s)
  stop managing the field (remove it from their configuration).
See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts`;
  return { error: `error: ${text}`, amongSeveral: text };
}

/**
 * Apply objects (the scenario's `apply` statement, or the documents of `apply -f`). Prints
 * one line per object (`deployment.apps/web created`); errors go to stderr and make the exit
 * code 1 without stopping the other objects. Objects that name no namespace go to
 * `ns.namespace` (default: `default`).
 */
export function applyObjects(
  objects: readonly KubeObject[],
  cluster: Cluster,
  source = "",
  dryRun?: "client" | "server",
  ns: ApplyNamespace = { namespace: DEFAULT_NAMESPACE, enforce: false },
  serverSide?: { force: boolean },
): KubectlResult {
  const mapped = discoveryAtStart(objects, cluster);
  const { out, errs, warnings, sent, count } = applyEach(
    objects,
    cluster,
    source,
    dryRun,
    ns,
    serverSide,
    mapped,
  );
  const err = errorLines(errs);
  const result = err.length
    ? fail(warnings.join("") + err.join("\n"), false, out.join(""))
    : { ...ok(out.join("")), stderr: warnings.join("") };
  const perObject = { objects: sent, after: err.map((l) => l + "\n").join(""), count, failed: errs.length };
  return dryRun ? { ...result, perObject, readOnly: true } : { ...result, perObject };
}

/**
 * Each object applied in order: the lines printed, the errors, kubectl's warnings, and what was
 * written for each object that reached the API server (apply.go applyOneObject: its GET and
 * PATCH or POST, then its line).
 */
function applyEach(
  objects: readonly KubeObject[],
  cluster: Cluster,
  source: string,
  dryRun: "client" | "server" | undefined,
  ns: ApplyNamespace,
  serverSide: { force: boolean } | undefined,
  mapped?: ReadonlyMap<KubeObject, AnyKind>,
): {
  out: string[];
  errs: CommandError[];
  warnings: string[];
  sent: PerObjectOutput["objects"][number][];
  count: number;
} {
  const out: string[] = [];
  const err: CommandError[] = [];
  const warnings: string[] = [];
  const sent: PerObjectOutput["objects"][number][] = [];
  let count = 0;
  const suffix = dryRun === "client" ? " (dry run)" : dryRun === "server" ? " (server dry run)" : "";
  for (const o of objects) {
    if (!o || typeof o !== "object") continue;
    count++;
    const early = mapped?.get(o);
    const settled = early === undefined ? settleObject(o, source, cluster, ns) : settledAs(o, early, ns);
    if (typeof settled === "string") {
      err.push({ error: settled });
      continue;
    }
    const { kind } = settled;
    const request = { apiVersion: String(o.apiVersion), kind: String(o.kind) };
    const r =
      early !== undefined && !dryRun && !servedNow(cluster, early, o.apiVersion)
        ? notServed(early, o.metadata.name, source, serverSide !== undefined)
        : serverSide
          ? applyServerSide(settled.object, cluster, !!dryRun, serverSide.force)
          : applyOne(settled.object, cluster, !!dryRun, source);
    if ("error" in r) {
      err.push(r);
      sent.push({ ...request, stderr: "", stdout: "" });
    } else {
      if (r.warning) warnings.push(r.warning);
      const line = `${kindPrefix(kind)}/${o.metadata.name} ${r.outcome}${suffix}\n`;
      out.push(line);
      sent.push({ ...request, stderr: r.warning ?? "", stdout: line });
    }
  }
  return { out, errs: err, warnings, sent, count };
}

/** The object mapped to `kind` by the discovery read at the command's start, its namespace settled. */
function settledAs(
  o: KubeObject,
  kind: AnyKind,
  ns: ApplyNamespace,
): { kind: AnyKind; object: KubeObject } | string {
  const object = settleNamespace(o, kind.namespaced, ns);
  return typeof object === "string" ? object : { kind, object };
}

/**
 * apply.go applyOneObject for an object whose version is no longer served: its GET is a 404,
 * a NotFound, so it creates, and the POST is refused the same way (`error when creating`,
 * AddSourceToErr; no name in a POST's path). Server-side, the apply PATCH names the object and
 * its error is returned as it is.
 */
function notServed(kind: AnyKind, name: string, source: string, serverSide: boolean): CommandError {
  return serverSide
    ? refusal(resourceNotServed(kind, "patch", name), kind.kind, name)
    : refusal(resourceNotServed(kind, "post"), kind.kind, name, "creating", source);
}

function runApply(cmd: ParsedCommand, cluster: Cluster, options: KubectlOptions): KubectlResult {
  const sources = readSources(cmd, options);
  if (!Array.isArray(sources)) return sources;
  if (!sources.some((s) => s.objects.length))
    return fail(
      msg.mustSpecifyFilename().replace("must specify one of -f and -k", "no objects passed to apply"),
    );
  const ns = { namespace: cmd.namespace, enforce: cmd.namespaceGiven };
  const serverSide =
    cmd.flags["server-side"] === true ? { force: cmd.flags["force-conflicts"] === true } : undefined;
  // Every object mapped before the first is sent (mapAtStart); the refused ones are not sent.
  const mapped = mapAtStart(sources, cluster, ns);
  const results = sources.map((s) =>
    applyEach(
      s.objects.filter((o) => !mapped.refused.has(o)),
      cluster,
      s.source,
      isDryRun(cmd),
      ns,
      serverSide,
      mapped.kinds,
    ),
  );
  const stdout = results.map((r) => r.out.join("")).join("");
  // apply.go Run: GetObjects' error first, then each object's, all printed after the last line.
  const errs: GoError[] = [...builderErrors(mapped), ...results.flatMap((r) => r.errs)];
  const lines = printedErrors(errs);
  const stderr = results.map((r) => r.warnings.join("")).join("") + lines.map((l) => l + "\n").join("");
  const failed = mapped.refused.size + results.reduce((n, r) => n + r.errs.length, 0);
  const result = failed ? fail(stderr.replace(/\n$/, ""), false, stdout) : { ...ok(stdout), stderr };
  const perObject = {
    objects: results.flatMap((r) => r.sent),
    after: lines.map((l) => l + "\n").join(""),
    count: mapped.refused.size + results.reduce((n, r) => n + r.count, 0),
    failed,
  };
  const note = mapped.unmapped.length
    ? crdInSameCommand(
        mapped.unmapped,
        sources.flatMap((s) => s.objects),
      )
    : undefined;
  const noted = note === undefined ? result : { ...result, note };
  return isDryRun(cmd) ? { ...noted, perObject, readOnly: true } : { ...noted, perObject };
}

/** apply.go: -f is required, no positional arguments, and Validate's rules on --server-side. */
function applyArgs(cmd: ParsedCommand, pos: readonly Token[], ctx: ArgsContext): void {
  filesArgs(cmd, pos, ctx);
  const serverSide = cmd.flags["server-side"] === true;
  if (cmd.flags["force-conflicts"] === true && !serverSide)
    ctx.error("error: --force-conflicts only works with --server-side", ctx.flagToken("force-conflicts")!);
  else if (serverSide && isDryRun(cmd) === "client")
    ctx.error(
      "error: --dry-run=client doesn't work with --server-side (did you mean --dry-run=server instead?)",
      ctx.flagToken("dry-run")!,
    );
  else if (serverSide && cmd.flags.force === true)
    ctx.error("error: --force cannot be used with --server-side", ctx.flagToken("force")!);
}

/** apply.go: -f is required, and no positional arguments. */
export const applyCommand: KubectlCommand = {
  verb: "apply",
  flags: [
    filenameFlag,
    dryRunFlag,
    outputFlag,
    recordFlag,
    flag("recursive", "bool", "R"),
    flag("kustomize", "string", "k"),
    flag("server-side", "bool"),
    flag("force-conflicts", "bool"),
    flag("field-manager", "string"),
    flag("force", "bool"),
  ],
  readOnly: false,
  args: applyArgs,
  run: runApply,
  facts: appliedFiles,
};
