/**
 * `-f FILE`, as cli-runtime's resource builder (FilenameParam) reads it: the files in kubectl's
 * order, each object mapped to its kind and its namespace settled. The commands that send what
 * the files hold (`apply`, `create`, `replace`) and those that act on the live objects the
 * files name (`get -f web.yaml`, `describe -f`, `scale -f`, `delete -f`, `wait -f`), in file
 * order, read them through this module.
 */
import type { Cluster } from "../../engine/cluster.ts";
import type { AnyKind } from "../../k8s/kinds/index.ts";
import { addonServable, serveAddonKind } from "../../k8s/kinds/stored/crd.ts";
import type { KubeObject } from "../../k8s/types.ts";
import type { ArgsContext, CommandFacts, ParsedCommand } from "../command.ts";
import * as msg from "../messages.ts";
import type { KubectlOptions, KubectlResult } from "../result.ts";
import type { Token } from "../tokenize.ts";
import { parseYamlDocuments } from "../../k8s/yamlSafe.ts";
import { buildKustomization } from "../../kustomize/index.ts";
import { fail } from "../result.ts";
import { expandPaths } from "../visitor.ts";
import { isDryRun } from "./common.ts";
import { selectObjects } from "./get.ts";

/** Where `apply` sends objects: the command's namespace, and whether `-n` was given. */
export interface ApplyNamespace {
  /** The namespace of objects that name none (`-n`, else `default`). */
  namespace: string;
  /** `-n` was given: an object written for another namespace is refused (RequireNamespace). */
  enforce: boolean;
}

/**
 * An object's namespace as kubectl's resource builder settles it (cli-runtime visitor.go):
 * a cluster-scoped object has none (FilterNamespace), a namespaced one without a namespace
 * gets the command's (SetNamespace), and with `-n` one written for another namespace is an
 * error (RequireNamespace).
 */
export function settleNamespace(o: KubeObject, namespaced: boolean, ns: ApplyNamespace): KubeObject | string {
  const meta = { ...o.metadata };
  if (!namespaced) delete meta.namespace;
  else if (!meta.namespace) meta.namespace = ns.namespace;
  else if (ns.enforce && meta.namespace !== ns.namespace)
    return msg.namespaceMismatch(meta.namespace, ns.namespace);
  return { ...o, metadata: meta } as KubeObject;
}

/**
 * `-k DIR`: the kustomization built (src/kustomize) as kubectl's KustomizeVisitor reads it,
 * one source named after the folder; a build error is kubectl's `error: …` line.
 */
export function kustomizeSources(
  dir: string,
  options: KubectlOptions,
): { source: string; objects: KubeObject[] }[] | KubectlResult {
  const built = buildKustomization(dir, {
    readFile: (path) => options.readFile?.(path),
    listDir: (path) => options.listDir?.(path),
  });
  if (built.error) return fail(`error: ${built.error.message}`);
  return [{ source: dir, objects: (built.objects ?? []) as unknown as KubeObject[] }];
}

/** The files of every -f, in kubectl's order (visitor.ts), each with its documents; or the build of -k. */
export function readSources(
  cmd: ParsedCommand,
  options: KubectlOptions,
): { source: string; objects: KubeObject[] }[] | KubectlResult {
  const kustomize = cmd.flags.kustomize as string | undefined;
  if (kustomize !== undefined) return kustomizeSources(kustomize, options);
  const sources: { source: string; objects: KubeObject[] }[] = [];
  for (const given of cmd.flags.filename as string[]) {
    for (const path of expandPaths(given, cmd.flags.recursive === true, options.listDir)) {
      const text = options.readFile?.(path);
      if (text === undefined) return fail(`error: the path "${path}" does not exist`);
      const objects: KubeObject[] = [];
      for (const doc of parseYamlDocuments(text)) {
        if (doc.errors.length)
          return fail(`error: error parsing ${path}: ${doc.errors[0].message.split("\n")[0]}`);
        const v = doc.toJS() as unknown;
        if (v === null || v === undefined) continue;
        if (typeof v === "object" && (v as { kind?: string }).kind === "List")
          for (const item of ((v as { items?: KubeObject[] }).items ?? []) as KubeObject[])
            objects.push(item);
        else objects.push(v as KubeObject);
      }
      sources.push({ source: path, objects });
    }
  }
  return sources;
}

/**
 * One object to send: the kind the RESTMapper maps it to, and its namespace settled; or the
 * error kubectl prints for it (a kind not served, another namespace than `-n`'s).
 */
export function settleObject(
  o: KubeObject,
  source: string,
  cluster: Cluster,
  ns: ApplyNamespace,
  defined?: ReadonlyMap<string, KubeObject>,
): { kind: AnyKind; object: KubeObject } | string {
  const settled = settleObjectApart(o, source, cluster, ns, defined);
  return "kind" in settled ? settled : (settled.mapping ?? settled.namespace);
}

/** settleObject with its refusal told apart: the RESTMapper's (`mapping`) or RequireNamespace's. */
function settleObjectApart(
  o: KubeObject,
  source: string,
  cluster: Cluster,
  ns: ApplyNamespace,
  defined?: ReadonlyMap<string, KubeObject>,
):
  | { kind: AnyKind; object: KubeObject }
  | { mapping: string; namespace?: never }
  | { namespace: string; mapping?: never } {
  // An add-on's kind without its CRD is served as if the add-on were installed
  // (k8s/kinds/addons.ts), unless the command's own files install it (`defined`).
  const kind =
    cluster.kinds.served(o.apiVersion, o.kind) ??
    (defined?.has(`${groupOf(o.apiVersion)}/${o.kind}`)
      ? undefined
      : serveAddonKind(cluster.kinds, o.apiVersion, o.kind));
  if (!kind)
    return {
      mapping: msg.resourceMappingNotFound(
        o.metadata?.name ?? "",
        o.metadata?.namespace ?? "",
        source,
        o.kind,
        o.apiVersion,
      ),
    };
  const object = settleNamespace(o, kind.namespaced, ns);
  return typeof object === "string" ? { namespace: object } : { kind, object };
}

/**
 * Whether the API server still serves an object's kind in the version kubectl mapped it to.
 * Only a custom resource's can stop being served within one command (its CRD deleted, or
 * applied again without that version, by an earlier object of the same files).
 */
export const servedNow = (cluster: Cluster, kind: AnyKind, apiVersion: string): boolean =>
  !kind.storedOnly || cluster.kinds.served(apiVersion, kind.kind) !== undefined;

/**
 * What `apply -f` maps before it sends the first object (apply.go Run: GetObjects, the
 * resource builder with ContinueOnError, its Infos; then applyOneObject for each). Every object
 * is mapped with the discovery kubectl read when the command began, so an object whose kind
 * only a CustomResourceDefinition of the same files defines is refused (cli-runtime
 * resource/mapper.go infoForData: `resource mapping not found … ensure CRDs are installed
 * first`, meta.NoKindMatchError) while the CRD itself and the other objects are applied, and
 * running the command again succeeds. An object in a version an earlier CRD of the same files
 * stops serving was mapped all the same, and its requests get the API server's 404
 * (apiErrors.ts resourceNotServed). An add-on's kind without its CRD (k8s/kinds/addons.ts) is
 * mapped when it is sent, as the add-on's installed CRD would serve it.
 */
export interface MappedAtStart {
  /** The kind each object was mapped to, its namespace to be settled when it is sent. */
  kinds: Map<KubeObject, AnyKind>;
  /** Objects refused before any request: they are not sent. */
  refused: Set<KubeObject>;
  /**
   * The refusals in the order the builder's visitors return them: RequireNamespace's (a
   * decorator, ContinueOnErrorVisitor collects them as it goes), then the mapper's, which
   * EagerVisitorList gathers into one aggregate returned after the last file.
   */
  namespaceErrors: string[];
  mappingErrors: string[];
  /** The objects refused for a kind not served, for the note (crdInSameCommand). */
  unmapped: KubeObject[];
}

export function mapAtStart(
  sources: readonly { source: string; objects: readonly KubeObject[] }[],
  cluster: Cluster,
  ns: ApplyNamespace,
): MappedAtStart {
  const mapped: MappedAtStart = {
    kinds: new Map(),
    refused: new Set(),
    namespaceErrors: [],
    mappingErrors: [],
    unmapped: [],
  };
  const defined = definedKinds(sources.flatMap((s) => s.objects));
  for (const { source, objects } of sources)
    for (const o of objects) {
      if (!o || typeof o !== "object") continue;
      const kind = cluster.kinds.served(o.apiVersion, o.kind);
      if (kind === undefined) {
        // An add-on served as installed unless its CRD is being installed by this very command.
        const group = groupOf(o.apiVersion);
        if (!defined.has(`${group}/${o.kind}`) && addonServable(cluster.kinds, o.apiVersion, o.kind))
          continue;
        mapped.refused.add(o);
        mapped.unmapped.push(o);
        mapped.mappingErrors.push(
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
        mapped.refused.add(o);
        mapped.namespaceErrors.push(settled);
      } else mapped.kinds.set(o, kind);
    }
  return mapped;
}

/**
 * Replicast's note after kubectl's refusal, when the kinds it refused are defined by
 * CustomResourceDefinitions of the same command: undefined when none is.
 */
export function crdInSameCommand(
  unmapped: readonly KubeObject[],
  objects: readonly KubeObject[],
): string | undefined {
  const defined = definedKinds(objects);
  if (defined.size === 0) return undefined;
  const crds = new Set<string>();
  const kinds = new Set<string>();
  for (const o of unmapped) {
    const crd = defined.get(`${groupOf(o.apiVersion)}/${o.kind}`);
    if (crd === undefined) continue;
    crds.add(`crd/${crd.metadata?.name ?? ""}`);
    kinds.add(String(o.kind));
  }
  return crds.size === 0 ? undefined : msg.applyCrdsFirst([...kinds], [...crds]);
}

/** The CustomResourceDefinitions among objects, by the `<group>/<Kind>` each defines. */
function definedKinds(objects: readonly KubeObject[]): Map<string, KubeObject> {
  const defined = new Map<string, KubeObject>();
  for (const o of objects) {
    if (!o || typeof o !== "object" || (o.kind as string) !== "CustomResourceDefinition") continue;
    const spec = (o as { spec?: { group?: unknown; names?: { kind?: unknown } } }).spec;
    defined.set(`${String(spec?.group)}/${String(spec?.names?.kind)}`, o);
  }
  return defined;
}

/** The group of an apiVersion (`cert-manager.io/v1` → cert-manager.io; "" for `v1`). */
const groupOf = (apiVersion: unknown): string => {
  const text = String(apiVersion ?? "");
  return text.includes("/") ? text.slice(0, text.indexOf("/")) : "";
};

/**
 * The scenario's own `apply` statement maps each object when it sends it, so a CRD's objects
 * after it are applied (the language's contract: GitOps tools wait for CRDs); only the kinds
 * already served whose version an earlier CRD of the same objects stops serving keep the
 * mapping they had at the start, and get the API server's 404. Undefined when no object is a
 * CRD: nothing can change mid-statement.
 */
export function discoveryAtStart(
  objects: readonly KubeObject[],
  cluster: Cluster,
): Map<KubeObject, AnyKind> | undefined {
  if (!objects.some((o) => (o?.kind as string) === "CustomResourceDefinition")) return undefined;
  const mapped = new Map<KubeObject, AnyKind>();
  for (const o of objects) {
    const kind = o && typeof o === "object" ? cluster.kinds.served(o.apiVersion, o.kind) : undefined;
    if (kind?.storedOnly) mapped.set(o, kind);
  }
  return mapped;
}

/**
 * `-k` beside `-f` or `-R` (cli-runtime FilenameOptions.validate); true when the line is
 * still good.
 */
export function kustomizeFlagsOk(cmd: ParsedCommand, ctx: ArgsContext): boolean {
  if (cmd.flags.kustomize === undefined) return true;
  const tok = ctx.flagToken("kustomize") ?? ctx.verbTok;
  if (cmd.flags.filename) ctx.error(msg.kustomizeWithFilename(), tok);
  else if (cmd.flags.recursive === true) ctx.error(msg.kustomizeWithRecursive(), tok);
  else return true;
  return false;
}

/**
 * The argument rules of the commands that send files (apply.go, create.go, replace.go): one
 * of `-f` and `-k` is required, and no positional arguments.
 */
export function filesArgs(cmd: ParsedCommand, pos: readonly Token[], ctx: ArgsContext): void {
  if (!kustomizeFlagsOk(cmd, ctx)) return;
  if (!cmd.flags.filename && cmd.flags.kustomize === undefined)
    ctx.usage(msg.mustSpecifyFilename(), ctx.verbTok);
  if (pos.length) ctx.usage(`error: Unexpected args: [${pos.map((p) => p.value).join(" ")}]`, pos[0]);
}

/**
 * What the planner reads before the run for a command that sends files: the files (a URL or
 * stdin is refused at the parse; it is no file to read), so their errors show first and their
 * objects can be the targets of later lines.
 */
export const appliedFiles = (cmd: ParsedCommand): Partial<CommandFacts> => ({
  applies: ((cmd.flags.filename as string[] | undefined) ?? []).filter(
    (f) => f !== "-" && !/^https?:\/\//i.test(f),
  ),
  recursive: cmd.flags.recursive === true,
  ...(cmd.flags.kustomize !== undefined ? { kustomization: { dir: cmd.flags.kustomize as string } } : {}),
});

/** The same for `create -f` and `replace -f`, whose dry run sends nothing. */
export const sentFiles = (cmd: ParsedCommand): Partial<CommandFacts> =>
  isDryRun(cmd) ? {} : appliedFiles(cmd);

/** The objects of one kind in one namespace the files name, in file order. */
export interface FileTargets {
  kind: AnyKind;
  namespace: string;
  names: string[];
}

/** builder.go visitByPaths: TYPE/NAME words cannot come beside -f. */
export function filesOnly(pos: readonly Token[], ctx: ArgsContext): void {
  if (pos.length)
    ctx.error(
      "error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well",
      pos[0],
    );
}

/** One object of a `-f` file, with its kind and the namespace kubectl settled for it. */
export interface FileObject {
  source: string;
  kind: AnyKind;
  object: KubeObject;
}

/**
 * What the resource builder refused, apart as create.go and replace.go visit it (cli-runtime
 * builder.go Do: a DecoratedVisitor around a ContinueOnErrorVisitor around the files'
 * EagerVisitorList): RequireNamespace's refusals reach the ContinueOnErrorVisitor in visit order,
 * among the command's own errors for the objects before and after them; the RESTMapper's are
 * gathered by the EagerVisitorList (StreamVisitor hands infoForData's error to it) into one
 * aggregate it returns after the last file, which the ContinueOnErrorVisitor adds last.
 */
export interface BuilderRefusals {
  /** Each with how many objects the builder visited before it. */
  namespace: { before: number; error: string }[];
  mapping: string[];
}

/**
 * The objects of the files of `-f`, in file order, each with the kind the RESTMapper maps it to
 * and its namespace settled (settleObject); an object of a kind not served, or
 * written for another namespace than `-n`'s, is an error in `errors` (and in `refusals`) and the
 * others go on. A file that cannot be read is the result to print.
 */
export function fileObjects(
  cmd: ParsedCommand,
  cluster: Cluster,
  options: KubectlOptions,
): { objects: FileObject[]; errors: string[]; refusals: BuilderRefusals; note?: string } | KubectlResult {
  const sources = readSources(cmd, options);
  if (!Array.isArray(sources)) return sources;
  const ns = { namespace: cmd.namespace, enforce: cmd.namespaceGiven };
  const found: FileObject[] = [];
  const errors: string[] = [];
  const refusals: BuilderRefusals = { namespace: [], mapping: [] };
  const unmapped: KubeObject[] = [];
  const defined = definedKinds(sources.flatMap((s) => s.objects));
  for (const { source, objects } of sources)
    for (const o of objects) {
      if (!o || typeof o !== "object") continue;
      const settled = settleObjectApart(o, source, cluster, ns, defined);
      if ("kind" in settled) found.push({ source, ...settled });
      else if (settled.mapping !== undefined) {
        errors.push(settled.mapping);
        unmapped.push(o);
        refusals.mapping.push(settled.mapping);
      } else {
        errors.push(settled.namespace);
        refusals.namespace.push({ before: found.length, error: settled.namespace });
      }
    }
  const note = unmapped.length
    ? crdInSameCommand(
        unmapped,
        sources.flatMap((s) => s.objects),
      )
    : undefined;
  return note === undefined
    ? { objects: found, errors, refusals }
    : { objects: found, errors, refusals, note };
}

/**
 * What the files of `-f` name, grouped by kind and namespace in the order first seen; or the
 * result to print when a file cannot be read.
 */
export function fileTargets(
  cmd: ParsedCommand,
  cluster: Cluster,
  options: KubectlOptions,
): { targets: FileTargets[]; errors: string[] } | KubectlResult {
  const read = fileObjects(cmd, cluster, options);
  if ("exitCode" in read) return read;
  const groups: FileTargets[] = [];
  for (const { kind, object } of read.objects) {
    const namespace = object.metadata.namespace ?? "";
    let group = groups.find((g) => g.kind === kind && g.namespace === namespace);
    if (!group) groups.push((group = { kind, namespace, names: [] }));
    group.names.push(object.metadata.name);
  }
  return { targets: groups, errors: read.errors };
}

/** The command as if its targets had been written out: `TYPE NAME…` in one namespace. */
export const commandFor = (cmd: ParsedCommand, t: FileTargets): ParsedCommand => ({
  ...cmd,
  resource: t.kind,
  resources: undefined,
  names: t.names,
  namespace: t.namespace || cmd.namespace,
});

/**
 * The live objects a command names, each with its kind: `TYPE [NAME…]`, every type of
 * `TYPE1,TYPE2 [NAME…]` in order, or what the files of `-f` name. `errors` are the files'
 * (a kind not served…), `unselected` what selecting said (a name not found, a bad selector).
 */
export function targetObjects(
  cmd: ParsedCommand,
  cluster: Cluster,
  options: KubectlOptions,
):
  { found: { kind: AnyKind; object: KubeObject }[]; errors: string[]; unselected: string[] } | KubectlResult {
  let commands: ParsedCommand[];
  const errors: string[] = [];
  if ((cmd.flags.filename || cmd.flags.kustomize !== undefined) && !cmd.resource) {
    const read = fileTargets(cmd, cluster, options);
    if ("exitCode" in read) return read;
    errors.push(...read.errors);
    commands = read.targets.map((t) => commandFor(cmd, t));
  } else commands = (cmd.resources ?? [cmd.resource]).map((r) => ({ ...cmd, resource: r }));
  const found: { kind: AnyKind; object: KubeObject }[] = [];
  const unselected: string[] = [];
  for (const c of commands) {
    const selected = selectObjects(c, cluster);
    for (const object of selected.objects) found.push({ kind: c.resource as AnyKind, object });
    unselected.push(...selected.errors);
  }
  return { found, errors, unselected };
}
