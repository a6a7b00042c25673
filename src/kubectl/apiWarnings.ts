/**
 * The API server's deprecation warnings, as kubectl prints them: every response to a request
 * for a deprecated group/version/kind carries a `Warning` header (src/k8s/deprecations.ts), and
 * kubectl writes each on stderr as `Warning: <text>` (client-go rest/warnings.go WarningWriter),
 * once per command however many requests carried it (kubectl's cmd.go sets the writer's
 * Deduplicate), in the order first received.
 *
 * A command's requests are read off the parsed command and the files it sends, not logged by
 * each command: the resource types it names, in the version it names (`hpa.v2beta2.autoscaling`)
 * or else the one the RESTMapper prefers (the group's preferred version in discovery); the
 * objects of its `-f`/`-k` files, in their own apiVersion (the resource builder maps each object
 * by its group/version/kind); and what `describe`'s describer reads itself.
 *
 * A custom resource's requests warn where its CustomResourceDefinition marks the version they
 * name deprecated (deprecations.ts customResourceWarning), read off the CRD the cluster stores
 * now, as crdHandler reads its lister's at each request: a CRD applied again with a version
 * newly deprecated (an add-on's upgrade) warns from then on.
 */
import type { Cluster } from "../engine/cluster.ts";
import {
  DEPRECATED_APIS,
  customResourceWarning,
  deprecatesVersions,
  deprecationWarning,
} from "../k8s/deprecations.ts";
import { definitionOf } from "../k8s/kinds/stored/crd.ts";
import { compareKubeAwareVersions } from "../k8s/kinds/versionOrder.ts";
import type { AnyKind } from "../k8s/kinds/registry.ts";
import type { KubeObject } from "../k8s/types.ts";
import type { ParsedCommand } from "./command.ts";
import { isDryRun } from "./commands/common.ts";
import { readSources } from "./commands/fileTargets.ts";
import { expandPaths } from "./visitor.ts";
import type { KubectlOptions, KubectlResult } from "./result.ts";
import { hpaDescriberVersion, servesVersion } from "./version.ts";

/** The version discovery prefers for a kind at this release: its first one served then. */
export function preferredVersion(kind: AnyKind, minor: number): string {
  const versions = kind.versions;
  let version = versions[0];
  for (let i = versions.length - 1; i >= 0; i--)
    if (servesVersion(kind.group, versions[i], minor)) version = versions[i];
  return kind.group ? `${kind.group}/${version}` : version;
}

/** The kinds some version of which is deprecated: a command naming none of them has no warning to look up. */
const DEPRECATED_KINDS: ReadonlySet<string> = new Set(DEPRECATED_APIS.map((l) => l.kind));

/**
 * The `Warning: …` lines (each ending in a newline) a command prints for the requests it sent,
 * given what it printed (`describe`'s describer runs only for an object it found).
 */
export function apiWarnings(
  cmd: ParsedCommand,
  result: KubectlResult,
  options: KubectlOptions,
  cluster: Cluster,
): string {
  // explain reads the OpenAPI documents, `kubectl kustomize` only builds: no resource requests.
  if (cmd.verb === "explain" || cmd.verb === "kustomize") return "";
  // Every kubectl line of a run comes here: no closure or set for the commonest, warning-free ones.
  let out = "";
  const named = cmd.resources ?? (cmd.resource ? [cmd.resource] : []);
  for (let i = 0; i < named.length; i++) {
    const kind = named[i];
    // Built-in stored kinds (v1 Endpoints) have no CRD and go on to the table below.
    const crd = kind.storedOnly === true ? crdOf(cluster, kind) : undefined;
    if (crd !== undefined) {
      const version =
        kind === cmd.resource && cmd.apiVersion ? versionOf(cmd.apiVersion) : customPreferredVersion(kind);
      out = withText(out, customResourceWarning(crd, version));
      continue;
    }
    if (!DEPRECATED_KINDS.has(kind.kind)) continue;
    const version =
      kind === cmd.resource && cmd.apiVersion ? cmd.apiVersion : preferredVersion(kind, cmd.version);
    out = withWarning(out, version, kind.kind, cmd.version);
  }
  // Only a command with files asks which stored CRDs deprecate a version (none, mostly).
  const withFiles = cmd.flags.filename !== undefined || cmd.flags.kustomize !== undefined;
  const deprecatingCRDs = withFiles ? crdsDeprecatingVersions(cluster) : undefined;
  const files = fileObjects(cmd, options, deprecatingCRDs);
  if (cmd.verb === "describe") {
    // The resource builder takes a file's objects as written; the describer then gets each
    // object through its own client, the HPA's in hpaDescriberVersion, a custom resource's
    // (kubectl's generic describer: a dynamic client GET) in the version its file names.
    const hpa = "HorizontalPodAutoscaler";
    for (const o of files) out = withText(out, fileObjectWarning(o, deprecatingCRDs));
    if (result.stdout !== "" && (named.some((k) => k.kind === hpa) || files.some((o) => o.kind === hpa)))
      out = withWarning(out, hpaDescriberVersion(cmd.version), hpa, cmd.version);
    return out;
  }
  if (files.length > 0 && sendsFileObjects(cmd)) {
    // An object the RESTMapper refused before any request (its kind's CRD only in these same
    // files: fileTargets.ts mapAtStart) sent nothing, and nothing warned for it.
    const sent =
      result.perObject && new Set(result.perObject.objects.map((o) => `${o.apiVersion} ${o.kind}`));
    // `delete -f` deletes a file's CRDs in its order: each CRD was there for the requests before
    // its own, and answers (and warns for) them; it answers none after it (crdHandler no longer
    // serves the kind). The command's end finds it deleted: its file's copy stands in for it.
    const deleting = cmd.verb === "delete";
    let crds = deprecatingCRDs;
    if (deleting)
      for (const o of files)
        if (
          o.definition !== undefined &&
          deprecatesVersions(o.definition) &&
          !crds?.has(crdKey(o.definition))
        )
          crds = new Map(crds ?? []).set(crdKey(o.definition), o.definition);
    let gone: Set<string> | undefined;
    for (const o of files) {
      if (deleting && o.definition !== undefined) (gone ??= new Set()).add(crdKey(o.definition));
      if (sent !== undefined && !sent.has(`${o.apiVersion} ${o.kind}`)) continue;
      out = withWarning(out, o.apiVersion, o.kind, cmd.version);
      if (gone?.has(`${groupOf(o.apiVersion)}/${o.kind}`) !== true)
        out = withText(out, fileObjectWarning(o, crds));
    }
  }
  return out;
}

/** The group of an apiVersion (`cert-manager.io/v1` → cert-manager.io; "" for `v1`). */
const groupOf = (apiVersion: string): string =>
  apiVersion.includes("/") ? apiVersion.slice(0, apiVersion.indexOf("/")) : "";

/** `<group>/<Kind>` of the kind a CRD defines. */
function crdKey(crd: KubeObject): string {
  const spec = (crd as unknown as { spec?: { group?: unknown; names?: { kind?: unknown } } }).spec;
  return `${String(spec?.group)}/${String(spec?.names?.kind)}`;
}

/** `out` with the warning a request to apiVersion/kind gets, unless it has it already (Deduplicate). */
function withWarning(out: string, apiVersion: string, kind: string, minor: number): string {
  return withText(out, deprecationWarning(apiVersion, kind, minor));
}

/** `out` with a warning's line, unless it has it already (Deduplicate). */
function withText(out: string, text: string | undefined): string {
  if (text === undefined) return out;
  const line = `Warning: ${text}\n`;
  return out.includes(line) ? out : out + line;
}

/** The version of an apiVersion (`cert-manager.io/v1alpha2` → v1alpha2). */
const versionOf = (apiVersion: string): string => apiVersion.slice(apiVersion.indexOf("/") + 1);

/**
 * The version a request that names none reads a custom resource in: its group's preferred one,
 * the first served version in kube-aware order (the CRD discovery controller's), whether or not
 * the CRD deprecates it.
 */
const customPreferredVersion = (kind: AnyKind): string =>
  [...kind.versions].sort(compareKubeAwareVersions)[0] ?? "";

/**
 * The CustomResourceDefinition that defines a kind, as the cluster stores it now (crdHandler
 * reads its lister's at every request: `<plural>.<group>`), else the one it was registered from
 * (an add-on's kind assumed without its CRD, which deprecates nothing); undefined for a kind no
 * CRD defines.
 */
function crdOf(cluster: Cluster, kind: AnyKind): KubeObject | undefined {
  // A built-in stored kind (a Secret) was defined by none: no store look-up for it.
  const defined = definitionOf(kind);
  if (defined === undefined) return undefined;
  return cluster.api.get("CustomResourceDefinition", "", `${kind.plural}.${kind.group}`) ?? defined;
}

/** The stored CRDs that deprecate a served version, by `<group>/<Kind>`; none in most clusters. */
export function crdsDeprecatingVersions(cluster: Cluster): Map<string, KubeObject> | undefined {
  let found: Map<string, KubeObject> | undefined;
  for (const crd of cluster.api.listAll("CustomResourceDefinition"))
    if (deprecatesVersions(crd)) (found ??= new Map()).set(crdKey(crd), crd);
  return found;
}

/** The warning a request for a file's object gets from its kind's CRD, if that deprecates its version. */
export function fileObjectWarning(
  o: { apiVersion: string; kind: string },
  crds: Map<string, KubeObject> | undefined,
): string | undefined {
  const slash = o.apiVersion.indexOf("/");
  if (crds === undefined || slash < 0) return undefined;
  const crd = crds.get(`${o.apiVersion.slice(0, slash)}/${o.kind}`);
  return crd && customResourceWarning(crd, o.apiVersion.slice(slash + 1));
}

/**
 * Whether a manifest text may hold an object of a deprecated kind (its kind's name is in it),
 * or, for `delete -f`, a CustomResourceDefinition (deleted before the command's warnings are
 * read: apiWarnings takes it from the file).
 */
const mentionsDeprecatedKind = (
  text: string,
  crds: Map<string, KubeObject> | undefined,
  deleting = false,
): boolean => {
  if (deleting && text.includes("CustomResourceDefinition")) return true;
  for (const k of DEPRECATED_KINDS) if (text.includes(k)) return true;
  if (crds !== undefined)
    for (const key of crds.keys()) if (text.includes(key.slice(key.indexOf("/") + 1))) return true;
  return false;
};

/**
 * The apiVersion and kind of each object of the command's `-f`/`-k` files, in kubectl's order.
 * `-f` files that never mention a deprecated kind are not parsed again (the command has read
 * them already), and none is when none does; a kustomization is built again.
 */
function fileObjects(
  cmd: ParsedCommand,
  options: KubectlOptions,
  crds: Map<string, KubeObject> | undefined,
): FileObject[] {
  const given = cmd.flags.filename as string[] | undefined;
  const deleting = cmd.verb === "delete";
  const kustomize = cmd.flags.kustomize !== undefined;
  if (!given && !kustomize) return [];
  const readFile = options.readFile;
  if (!kustomize) {
    let any = false;
    for (const g of given ?? [])
      for (const path of expandPaths(g, cmd.flags.recursive === true, options.listDir)) {
        const text = readFile?.(path);
        if (text !== undefined && mentionsDeprecatedKind(text, crds, deleting)) any = true;
      }
    if (!any) return [];
  }
  // A kustomization's build reads its own files (kustomization.yaml names no kind): not filtered.
  const sources = readSources(
    cmd,
    kustomize
      ? options
      : {
          ...options,
          readFile: (path) => {
            const text = readFile?.(path);
            return text === undefined || mentionsDeprecatedKind(text, crds, deleting) ? text : "";
          },
        },
  );
  const found: FileObject[] = [];
  if (!Array.isArray(sources)) return found;
  for (const { objects } of sources)
    for (const o of objects)
      if (o && typeof o === "object" && typeof o.apiVersion === "string" && typeof o.kind === "string")
        found.push(
          (o.kind as string) === "CustomResourceDefinition"
            ? { apiVersion: o.apiVersion, kind: o.kind, definition: o }
            : { apiVersion: o.apiVersion, kind: o.kind },
        );
  return found;
}

/** A `-f`/`-k` object as the warnings need it: its apiVersion and kind, and a CRD whole. */
interface FileObject {
  apiVersion: string;
  kind: string;
  definition?: KubeObject;
}

/**
 * Whether the command sends requests for the objects of its files: any with `-f`/`-k`, but a
 * client-side dry run of create or replace, which prints the objects without asking the server
 * (create.go and replace.go return before the request).
 */
function sendsFileObjects(cmd: ParsedCommand): boolean {
  return !(isDryRun(cmd) === "client" && (cmd.verb === "create" || cmd.verb === "replace"));
}
