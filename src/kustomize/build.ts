/**
 * `kustomize build DIR` as kustomize v5 (the one inside kubectl 1.27+) runs it
 * (api/krusty/kustomizer.go, api/internal/target/kusttarget.go): read the kustomization,
 * accumulate its resources (files, and folders built the same way, recursively), run its
 * generators, its components, then its transformers in kustomize's fixed order (patches,
 * namespace, prefix, suffix, labels, annotations, JSON 6902 patches, replicas, images). At the
 * top only: the generated names get their hash suffix, every reference to a renamed object
 * is fixed up, and the objects come out in kustomize's legacy order.
 *
 * Files are read through the same interface `kubectl apply -f` uses, so the build runs over
 * a scenario's folder, an in-memory host or a test's table alike. Every problem carries the
 * file and span it points at, for the caret form; the first error stops the build, as in
 * kustomize.
 */
import type { Document, Node } from "yaml";
import { isMap as isYamlMap, isScalar, isSeq } from "yaml";
import { base64Text } from "../k8s/kinds/secret/index.ts";
import { jsonPatch, strategicMergePatch, type JsonPatchOp } from "../k8s/merge.ts";
import { documentToJS, parseYamlDocuments } from "../k8s/yamlSafe.ts";
import type { Span } from "../text/diagnostic.ts";
import { suggest } from "../text/suggest.ts";
import {
  COMMON_ANNOTATIONS,
  COMMON_LABELS,
  kindRank,
  METADATA_LABELS,
  NAME_REFERENCES,
  NO_PREFIX,
  NOT_NAMESPACEABLE,
  REPLICAS_KINDS,
  type FieldSpec,
} from "./fieldSpecs.ts";
import { kustomizeHash } from "./hash.ts";
import { KUSTOMIZATION_FILE_NAMES, kustomizeMessages as m, type KustomizeMessage } from "./messages.ts";
import { baseName, isRemote, joinPath } from "./paths.ts";
import { spanOf } from "./spans.ts";
import { isObj, type Obj } from "../k8s/jsonObject.ts";

/** The files the build reads: the same shape as kubectl's `readFile`/`listDir` options. */
export interface KustomizeIO {
  readFile(path: string): string | undefined;
  /** A folder's entries, or undefined when the path is no folder. */
  listDir?(path: string): readonly { name: string; dir: boolean }[] | undefined;
  /** Why a path could not be read, when the host can tell. */
  whyUnreadable?(path: string): string | undefined;
}

/** A problem of the build, with where it points (no file: the command line that asked). */
export interface KustomizeProblem extends KustomizeMessage {
  severity: "error" | "warning";
  file?: string;
  span?: Span;
}

export interface KustomizeBuild {
  /** The objects in kustomize's output order; absent when the build failed. */
  objects?: Record<string, unknown>[];
  /** What stopped the build. */
  error?: KustomizeProblem;
  /** What kustomize lets pass but a reader would want to know (a patch target that selects nothing). */
  warnings: KustomizeProblem[];
  /** The resource files read, in order (a scenario checks them as it checks `apply -f` files). */
  resourceFiles: string[];
}

/** One object being built. */
interface Res {
  obj: Obj;
  /** Every name it has had, the one it was written or generated with first: references to any are fixed up. */
  names: string[];
  /** Every namespace it has had ("" for none). */
  namespaces: string[];
  /** A generated object whose name still takes its hash suffix (at the very end, over the final object). */
  hashSuffix: boolean;
}

/** Where a problem points: a file and a span in it. */
interface Where {
  file: string;
  span: Span;
}

class BuildFailure extends Error {
  constructor(readonly problem: KustomizeProblem) {
    super(problem.message);
  }
}

const fail = (msg: KustomizeMessage, where?: Where): never => {
  throw new BuildFailure({ ...msg, severity: "error", ...(where ?? {}) });
};

/** A kustomization file as read: its value, and its document to point into. */
interface Kfile {
  dir: string;
  file: string;
  text: string;
  doc: Document;
  value: Obj;
  /** "Kustomization" or "Component". */
  kind: string;
}

/** types.Kustomization's fields (kustomization.go json tags). */
const KUSTOMIZATION_FIELDS = [
  "apiVersion",
  "kind",
  "metadata",
  "openAPI",
  "namePrefix",
  "nameSuffix",
  "namespace",
  "commonLabels",
  "labels",
  "commonAnnotations",
  "patchesStrategicMerge",
  "patchesJson6902",
  "patches",
  "images",
  "imageTags",
  "replacements",
  "replicas",
  "vars",
  "sortOptions",
  "resources",
  "components",
  "crds",
  "bases",
  "configMapGenerator",
  "secretGenerator",
  "helmGlobals",
  "helmCharts",
  "helmChartInflationGenerator",
  "generatorOptions",
  "configurations",
  "generators",
  "transformers",
  "validators",
  "buildMetadata",
];

/** Fields kustomize has that this build does not run: refused by name rather than ignored. */
const NOT_MODELLED: Readonly<Record<string, string>> = {
  openAPI: "an OpenAPI schema",
  replacements: "replacements",
  vars: "vars",
  crds: "crds",
  helmGlobals: "Helm charts",
  helmCharts: "Helm charts",
  helmChartInflationGenerator: "Helm charts",
  configurations: "transformer configurations",
  generators: "generator plugins",
  transformers: "transformer plugins",
  validators: "validator plugins",
  imageTags: "imageTags (write `images`)",
};

/**
 * A kustomization file listed as a resource file. kustomize itself has no such check (kusttarget.go
 * accumulateFile reads any file's objects); a kustomization.yaml then fails only at its missing
 * metadata.name (resource/factory.go dropBadNodes), and this says why sooner. Another group's
 * Kustomization is an object like any other: Flux's (kustomize.toolkit.fluxcd.io), which `flux
 * bootstrap` lists in flux-system/kustomization.yaml as gotk-sync.yaml.
 */
const isKustomizationFile = (o: Obj): boolean =>
  (o.kind === "Kustomization" || o.kind === "Component") &&
  (o.apiVersion === undefined || String(o.apiVersion).startsWith("kustomize.config.k8s.io/"));

/** The Go type encoding/json decodes a YAML value into, as `%T` prints it. */
const goTypeName = (v: unknown): string =>
  typeof v === "string"
    ? "string"
    : typeof v === "number"
      ? Number.isInteger(v)
        ? "int"
        : "float64"
      : typeof v === "boolean"
        ? "bool"
        : "map[string]interface {}";

const GENERATOR_FIELDS = [
  "name",
  "namespace",
  "behavior",
  "literals",
  "files",
  "envs",
  "env",
  "options",
  "type",
];
const OPTIONS_FIELDS = ["labels", "annotations", "disableNameSuffixHash", "immutable"];
const PATCH_FIELDS = ["path", "patch", "target", "options"];
const TARGET_FIELDS = [
  "group",
  "version",
  "kind",
  "name",
  "namespace",
  "labelSelector",
  "annotationSelector",
];
const IMAGE_FIELDS = ["name", "newName", "newTag", "digest", "tagSuffix"];
const LABELS_FIELDS = ["pairs", "includeSelectors", "includeTemplates", "fields"];

/** Build the kustomization in `dir`. */
export function buildKustomization(dir: string, io: KustomizeIO): KustomizeBuild {
  const b = new Builder(io);
  if (isRemote(dir))
    return { error: { ...m.remote(dir), severity: "error" }, warnings: [], resourceFiles: [] };
  try {
    const out = b.build(normalizeDir(dir), [], undefined, [], "Kustomization");
    finish(out);
    return { objects: out.map((r) => r.obj), warnings: b.warnings, resourceFiles: b.resourceFiles };
  } catch (e) {
    if (e instanceof BuildFailure)
      return { error: e.problem, warnings: b.warnings, resourceFiles: b.resourceFiles };
    throw e;
  }
}

const normalizeDir = (dir: string): string => joinPath(dir, ".");

/** The group and version of an apiVersion ("apps/v1" → apps, v1; "v1" → "", v1). */
function gv(obj: Obj): { group: string; version: string } {
  const av = typeof obj.apiVersion === "string" ? obj.apiVersion : "";
  const slash = av.indexOf("/");
  return slash < 0 ? { group: "", version: av } : { group: av.slice(0, slash), version: av.slice(slash + 1) };
}

const kindOf = (o: Obj): string => (typeof o.kind === "string" ? o.kind : "");
const metaOf = (o: Obj): Obj => {
  if (!isObj(o.metadata)) o.metadata = {};
  return o.metadata as Obj;
};
const nameOf = (o: Obj): string => {
  const n = isObj(o.metadata) ? o.metadata.name : undefined;
  return typeof n === "string" ? n : "";
};
const namespaceOf = (o: Obj): string => {
  const n = isObj(o.metadata) ? o.metadata.namespace : undefined;
  return typeof n === "string" ? n : "";
};

/** resid.go EffectiveNamespace: none for cluster-scoped kinds, "default" for an unset one. */
function effectiveNamespace(kind: string, ns: string): string {
  if (NOT_NAMESPACEABLE.has(kind)) return "_non_namespaceable_";
  return ns === "" ? "default" : ns;
}

/** gvk.go String: `group_version_kind`, `~G` for the core group. */
function gvkString(o: Obj): string {
  const { group, version } = gv(o);
  return `${group || "~G"}_${version || "~V"}_${kindOf(o) || "~K"}`;
}

/** resid.go String: `gvk|namespace|name`. */
const idString = (o: Obj): string => `${gvkString(o)}|${namespaceOf(o) || "~X"}|${nameOf(o) || "~N"}`;

/** How kustomize names an object in its errors (`Deployment.v1.apps/web.default`). */
function idText(o: Obj): string {
  const { group, version } = gv(o);
  const g = [kindOf(o), version, group].filter((x) => x !== "").join(".");
  return `${g}/${nameOf(o)}.${namespaceOf(o) || "[noNs]"}`;
}

function setName(r: Res, name: string): void {
  metaOf(r.obj).name = name;
  if (r.names[r.names.length - 1] !== name) r.names.push(name);
}

function fieldSpecMatches(fs: FieldSpec, o: Obj): boolean {
  const { group, version } = gv(o);
  return (
    (fs.kind === undefined || fs.kind === kindOf(o)) &&
    (fs.group === undefined || fs.group === group) &&
    (fs.version === undefined || fs.version === version)
  );
}

/**
 * Walk a field spec's path in an object, through every item of the lists it meets, and call
 * `at` on the map (or value's holder) at its end; `create` makes the missing maps on the way.
 */
function walkPath(
  node: unknown,
  parts: readonly string[],
  create: boolean,
  at: (holder: Obj, key: string) => void,
): void {
  if (Array.isArray(node)) {
    for (const item of node) walkPath(item, parts, create, at);
    return;
  }
  if (!isObj(node) || parts.length === 0) return;
  const [head, ...rest] = parts;
  if (rest.length === 0) {
    at(node, head);
    return;
  }
  let next = node[head];
  if ((next === undefined || next === null) && create) next = node[head] = {};
  walkPath(next, rest, create, at);
}

/** Merge string pairs into the map at each field spec that matches (labels, annotations). */
function addPairs(o: Obj, specs: readonly FieldSpec[], pairs: Readonly<Record<string, string>>): void {
  for (const fs of specs) {
    if (!fieldSpecMatches(fs, o)) continue;
    walkPath(o, fs.path.split("/"), fs.create === true, (holder, key) => {
      let target = holder[key];
      if (target === undefined || target === null) {
        if (!fs.create) return;
        target = holder[key] = {};
      }
      if (!isObj(target)) return;
      for (const [k, v] of Object.entries(pairs)) target[k] = v;
    });
  }
}

/** image.Split: name, tag and digest of an image reference (a registry's port is no tag). */
export function splitImage(image: string): { name: string; tag: string; digest: string } {
  let slash = image.indexOf("/");
  let search = image;
  if (slash > 0) search = image.slice(slash);
  else slash = 0;
  let id = search.indexOf("@");
  let ic = search.indexOf(":");
  if (ic < 0 && id < 0) return { name: image, tag: "", digest: "" };
  if (id >= 0 && (id < ic || ic < 0)) {
    id += slash;
    return { name: image.slice(0, id), tag: "", digest: image.slice(id + 1) };
  }
  if (id >= 0 && ic >= 0) {
    id += slash;
    ic += slash;
    return { name: image.slice(0, ic), tag: image.slice(ic + 1, id), digest: image.slice(id + 1) };
  }
  ic += slash;
  return { name: image.slice(0, ic), tag: image.slice(ic + 1), digest: "" };
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** One `images:` entry. */
interface ImageRule {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
}

/** imagetag updater: the new reference for `image`, or undefined when the rule does not name it. */
export function replaceImage(image: string, rule: ImageRule): string | undefined {
  // image.IsImageMatched: the name, then an optional :tag and @sha256 digest.
  if (
    !new RegExp(`^${escapeRegExp(rule.name)}(:[a-zA-Z0-9_.{}-]*)?(@sha256:[a-zA-Z0-9_.{}-]*)?$`).test(image)
  )
    return undefined;
  let { name, tag, digest } = splitImage(image);
  if (rule.newName) name = rule.newName;
  if (rule.newTag && rule.digest) {
    tag = rule.newTag;
    digest = rule.digest;
  } else if (rule.newTag) {
    tag = rule.newTag;
    digest = "";
  } else if (rule.digest) {
    tag = "";
    digest = rule.digest;
  }
  return `${name}${tag ? `:${tag}` : ""}${digest ? `@${digest}` : ""}`;
}

/** Every container list in an object (the legacy image filter looks for them at any depth). */
function forEachContainer(node: unknown, f: (c: Obj) => void): void {
  if (Array.isArray(node)) {
    for (const x of node) forEachContainer(x, f);
    return;
  }
  if (!isObj(node)) return;
  for (const [k, v] of Object.entries(node)) {
    if ((k === "containers" || k === "initContainers") && Array.isArray(v)) {
      for (const c of v) if (isObj(c)) f(c);
    } else forEachContainer(v, f);
  }
}

/** A label selector as kustomize's patch targets write it: `k=v`, `k!=v`, `k`, `!k`, `k in (a,b)`. */
function selectorMatches(selector: string, labels: Obj): boolean {
  const parts = selector.match(/(?:[^,(]|\([^)]*\))+/g) ?? [];
  return parts.every((raw) => {
    const p = raw.trim();
    let mm: RegExpMatchArray | null;
    if ((mm = p.match(/^(\S+)\s+(in|notin)\s+\(([^)]*)\)$/))) {
      const values = mm[3].split(",").map((s) => s.trim());
      const has = typeof labels[mm[1]] === "string" && values.includes(labels[mm[1]] as string);
      return mm[2] === "in" ? has : !has;
    }
    if ((mm = p.match(/^([^!=]+)!=(.*)$/))) return labels[mm[1].trim()] !== mm[2].trim();
    if ((mm = p.match(/^([^!=]+)==?(.*)$/))) return labels[mm[1].trim()] === mm[2].trim();
    if (p.startsWith("!")) return !(p.slice(1).trim() in labels);
    return p === "" || p in labels;
  });
}

/** A patch's `target` (types.Selector): kind, group and version exactly, name and namespace as anchored patterns. */
interface Target {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

function anchored(pattern: string): RegExp | undefined {
  try {
    return new RegExp(`^(?:${pattern})$`);
  } catch {
    return undefined;
  }
}

/** resmap Select: the original or the current name and namespace may match. */
function selects(t: Target, r: Res): boolean {
  const o = r.obj;
  const { group, version } = gv(o);
  if (t.kind && t.kind !== kindOf(o)) return false;
  if (t.group && t.group !== group) return false;
  if (t.version && t.version !== version) return false;
  if (t.name) {
    const re = anchored(t.name);
    if (!re || !r.names.some((n) => re.test(n))) return false;
  }
  if (t.namespace) {
    const re = anchored(t.namespace);
    if (!re || !r.namespaces.some((n) => re.test(effectiveNamespace(kindOf(o), n)))) return false;
  }
  const meta = isObj(o.metadata) ? o.metadata : {};
  if (t.labelSelector && !selectorMatches(t.labelSelector, isObj(meta.labels) ? meta.labels : {}))
    return false;
  if (
    t.annotationSelector &&
    !selectorMatches(t.annotationSelector, isObj(meta.annotations) ? meta.annotations : {})
  )
    return false;
  return true;
}

const targetText = (t: Target): string =>
  [t.group, t.version, t.kind].filter(Boolean).join("/") +
  (t.name ? `/${t.name}` : "") +
  (t.namespace ? ` in ${t.namespace}` : "") +
  (t.labelSelector ? ` with labels ${t.labelSelector}` : "");

class Builder {
  readonly warnings: KustomizeProblem[] = [];
  readonly resourceFiles: string[] = [];

  constructor(private readonly io: KustomizeIO) {}

  private isDir(path: string): boolean {
    return this.io.listDir?.(path) !== undefined;
  }

  /** Read the kustomization file of a folder (kustomization.yaml, .yml or Kustomization). */
  private readKustomization(dir: string, from: Where | undefined, expected: string): Kfile {
    if (!this.isDir(dir)) {
      if (this.io.readFile(dir) !== undefined) fail(m.noKustomization(dir, "file"), from);
      if (from === undefined) fail(m.noKustomization(dir, "nothing"));
      fail(m.missingFile("accumulating resources from", dir, this.io.whyUnreadable?.(dir)), from);
    }
    // kusttarget.go LoadKustFile: exactly one of the names.
    const found = KUSTOMIZATION_FILE_NAMES.filter(
      (name) => this.io.readFile(joinPath(dir, name)) !== undefined,
    );
    if (found.length > 1)
      fail(
        m.invalid(`Found multiple kustomization files under: ${dir}`, `keep one of ${found.join(", ")}`),
        from,
      );
    for (const name of found) {
      const file = joinPath(dir, name);
      const text = this.io.readFile(file);
      if (text === undefined) continue;
      const docs = parseYamlDocuments(text);
      const doc = docs[0];
      if (!doc) fail(m.invalid(`kustomization '${file}' is empty`), from);
      if (doc.errors.length) {
        const e = doc.errors[0];
        fail(m.invalid(`error parsing ${file}: ${e.message.split("\n")[0]}`), {
          file,
          span: spanOf(text, e.pos[0], e.pos[1]),
        });
      }
      const js = documentToJS(doc);
      if ("problem" in js)
        fail(m.invalid(js.problem.message), {
          file,
          span: spanOf(text, js.problem.range[0], js.problem.range[1]),
        });
      const value = (js as { value: unknown }).value ?? {};
      if (!isObj(value))
        fail(m.invalid(`kustomization '${file}' is not a map of fields`), { file, span: spanOf(text, 0, 0) });
      const k: Kfile = { dir, file, text, doc, value: value as Obj, kind: "Kustomization" };
      const kind = (value as Obj).kind;
      if (kind !== undefined && kind !== "Kustomization" && kind !== "Component")
        fail(
          m.invalid(
            `kind ${String(kind)} is not one of Kustomization or Component`,
            "write `kind: Kustomization`",
          ),
          this.at(k, ["kind"]),
        );
      k.kind = typeof kind === "string" ? kind : "Kustomization";
      if (k.kind !== expected)
        fail(
          m.invalid(
            expected === "Component"
              ? `'${file}' is a ${k.kind}, and only a Component may be listed under components`
              : `'${file}' is a Component: list it under components, not resources`,
          ),
          from ?? this.at(k, ["kind"]),
        );
      this.checkFields(k, [], KUSTOMIZATION_FIELDS, kind === "Component" ? "Component" : "Kustomization");
      for (const f of Object.keys(value as Obj))
        if (f in NOT_MODELLED)
          fail(
            m.invalid(
              `${NOT_MODELLED[f]} (the kustomization field \`${f}\`) is not supported by the Replicast simulator`,
              "build the kustomization with your own kubectl and apply what it prints: `kubectl kustomize DIR > built.yaml`, then `kubectl apply -f built.yaml`",
            ),
            this.at(k, [f], true),
          );
      return k;
    }
    return fail(m.noKustomization(dir, "folder"), from);
  }

  /** The span of a field (or its key) in a kustomization file. */
  private at(k: Kfile, path: readonly (string | number)[], key = false): Where {
    return { file: k.file, span: spanOf(k.text, ...rangeOf(k.doc, path, key)) };
  }

  /** types are read strictly: a field the type does not have is an error, with the nearest one. */
  private checkFields(
    k: Kfile,
    path: readonly (string | number)[],
    known: readonly string[],
    what: string,
  ): void {
    const v = path.length ? getIn(k.value, path) : k.value;
    if (!isObj(v)) return;
    for (const f of Object.keys(v))
      if (!known.includes(f))
        fail(m.unknownField(f, what, suggest(f, known)), this.at(k, [...path, f], true));
  }

  private str(k: Kfile, path: readonly (string | number)[]): string | undefined {
    const v = getIn(k.value, path);
    if (v === undefined || v === null) return undefined;
    if (typeof v === "string") return v;
    if (typeof v === "number" || typeof v === "boolean") return scalarSource(k.doc, path) ?? String(v);
    return fail(m.invalid(`${path.join(".")} must be a string`), this.at(k, path));
  }

  private list(k: Kfile, field: string): unknown[] {
    const v = k.value[field];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) fail(m.invalid(`${field} must be a list`), this.at(k, [field]));
    return v as unknown[];
  }

  private stringMap(k: Kfile, path: readonly (string | number)[]): Record<string, string> {
    const v = getIn(k.value, path);
    if (v === undefined || v === null) return {};
    if (!isObj(v)) fail(m.invalid(`${path.join(".")} must be a map of strings`), this.at(k, path));
    const out: Record<string, string> = {};
    for (const key of Object.keys(v as Obj)) out[key] = this.str(k, [...path, key]) ?? "";
    return out;
  }

  /** Build one kustomization (or component, into the objects so far) and return its objects. */
  build(
    dir: string,
    chain: readonly string[],
    from: Where | undefined,
    into: Res[],
    expected: string,
  ): Res[] {
    if (chain.includes(dir)) fail(m.cycle(dir, chain), from);
    const k = this.readKustomization(dir, from, expected);
    const stack = [...chain, dir];
    const acc = into;
    const resources = [
      ...this.list(k, "resources").map((e, i) => ({ e, path: ["resources", i] as (string | number)[] })),
    ];
    for (const [i, e] of this.list(k, "bases").entries()) resources.push({ e, path: ["bases", i] });
    for (const { e, path } of resources) {
      if (typeof e !== "string") fail(m.invalid("a resource must be a path"), this.at(k, path));
      this.accumulate(k, e as string, this.at(k, path), stack, acc);
    }
    this.generate(k, acc);
    for (const [i, e] of this.list(k, "components").entries()) {
      if (typeof e !== "string") fail(m.invalid("a component must be a path"), this.at(k, ["components", i]));
      const where = this.at(k, ["components", i]);
      if (isRemote(e as string)) fail(m.remote(e as string), where);
      this.build(joinPath(dir, e as string), stack, where, acc, "Component");
    }
    this.transform(k, acc);
    return acc;
  }

  /** One `resources:` entry: a file of objects, or a folder with its own kustomization. */
  private accumulate(k: Kfile, entry: string, where: Where, stack: readonly string[], acc: Res[]): void {
    if (isRemote(entry)) fail(m.remote(entry), where);
    const path = joinPath(k.dir, entry);
    if (this.isDir(path)) {
      for (const r of this.build(path, stack, where, [], "Kustomization")) this.add(acc, r, where);
      return;
    }
    const text = this.io.readFile(path);
    if (text === undefined)
      fail(m.missingFile("accumulating resources from", path, this.io.whyUnreadable?.(path)), where);
    this.resourceFiles.push(path);
    for (const obj of this.objectsOf(path, text as string))
      this.add(acc, { obj, names: [nameOf(obj)], namespaces: [namespaceOf(obj)], hashSuffix: false }, where);
  }

  /** The objects of a file (a `List` stands for its items). */
  private objectsOf(path: string, text: string): Obj[] {
    const out: Obj[] = [];
    for (const doc of parseYamlDocuments(text)) {
      if (doc.errors.length) {
        const e = doc.errors[0];
        fail(m.invalid(`error parsing ${path}: ${e.message.split("\n")[0]}`), {
          file: path,
          span: spanOf(text, e.pos[0], e.pos[1]),
        });
      }
      const js = documentToJS(doc);
      if ("problem" in js)
        fail(m.invalid(js.problem.message), {
          file: path,
          span: spanOf(text, js.problem.range[0], js.problem.range[1]),
        });
      const v = (js as { value: unknown }).value;
      if (v === null || v === undefined) continue;
      const at = { file: path, span: spanOf(text, ...rangeOf(doc, [], false)) };
      if (!isObj(v)) fail(m.invalid(`${path}: a document is not an object`), at);
      const o = v as Obj;
      if (isKustomizationFile(o))
        fail(m.invalid(`${path} is a ${String(o.kind)}: name its folder as the resource, not the file`), at);
      // resource/factory.go RNodesFromBytes: any kind ending in List (a `kubectl get -o yaml`
      // List, a ConfigMapList from the API) stands for its items; no items is an empty list.
      if (typeof o.kind === "string" && o.kind.endsWith("List")) {
        if (o.items === undefined || o.items === null) continue;
        if (!Array.isArray(o.items))
          fail(m.invalid(`expected array in ${o.kind}/items, but found ${goTypeName(o.items)}`), at);
        for (const item of o.items as unknown[]) if (isObj(item)) out.push(item);
        continue;
      }
      if (typeof o.kind !== "string" || o.kind === "") fail(m.invalid(`${path}: missing kind in object`), at);
      if (nameOf(o) === "" && !isObj(o.metadata))
        fail(m.invalid(`${path}: missing metadata.name in object ${kindOf(o)}`), at);
      out.push(o);
    }
    return out;
  }

  /** accumulator AppendAll: an id may be registered once. */
  private add(acc: Res[], r: Res, where: Where | undefined): void {
    const id = this.idOf(r.obj);
    if (acc.some((x) => this.idOf(x.obj) === id))
      fail(
        m.invalid(
          `may not add resource with an already registered id: ${idText(r.obj)}`,
          "two resources have the same kind, name and namespace: rename one, or patch the first instead",
        ),
        where,
      );
    acc.push(r);
  }

  private idOf(o: Obj): string {
    return `${gvkString(o)}|${effectiveNamespace(kindOf(o), namespaceOf(o))}|${nameOf(o)}`;
  }

  /** configMapGenerator and secretGenerator (api/internal/generators, api/kv). */
  private generate(k: Kfile, acc: Res[]): void {
    this.checkFields(k, ["generatorOptions"], OPTIONS_FIELDS, "generatorOptions");
    const global = {
      labels: this.stringMap(k, ["generatorOptions", "labels"]),
      annotations: this.stringMap(k, ["generatorOptions", "annotations"]),
      disable: getIn(k.value, ["generatorOptions", "disableNameSuffixHash"]) === true,
      immutable: getIn(k.value, ["generatorOptions", "immutable"]) === true,
    };
    for (const kind of ["ConfigMap", "Secret"] as const) {
      const field = kind === "ConfigMap" ? "configMapGenerator" : "secretGenerator";
      for (const [i] of this.list(k, field).entries()) {
        const p = [field, i];
        this.checkFields(k, p, GENERATOR_FIELDS, field);
        this.checkFields(k, [...p, "options"], OPTIONS_FIELDS, `${field} options`);
        const name = this.str(k, [...p, "name"]);
        if (!name) fail(m.invalid(`a ${field} entry needs a name`), this.at(k, p));
        const behavior = this.str(k, [...p, "behavior"]) ?? "create";
        if (!["create", "merge", "replace"].includes(behavior))
          fail(
            m.invalid(`behavior must be create, merge or replace, not "${behavior}"`),
            this.at(k, [...p, "behavior"]),
          );
        const data = this.pairs(k, p, kind);
        const labels = { ...global.labels, ...this.stringMap(k, [...p, "options", "labels"]) };
        const annotations = { ...global.annotations, ...this.stringMap(k, [...p, "options", "annotations"]) };
        const localDisable = getIn(k.value, [...p, "options", "disableNameSuffixHash"]);
        const disable = localDisable === undefined ? global.disable : localDisable === true;
        const immutable = getIn(k.value, [...p, "options", "immutable"]) === true || global.immutable;
        const namespace = this.str(k, [...p, "namespace"]);
        const obj: Obj = { apiVersion: "v1", kind, metadata: { name: name as string } };
        const meta = obj.metadata as Obj;
        if (namespace) meta.namespace = namespace;
        if (Object.keys(labels).length) meta.labels = labels;
        if (Object.keys(annotations).length) meta.annotations = annotations;
        if (kind === "Secret") obj.type = this.str(k, [...p, "type"]) ?? "Opaque";
        if (Object.keys(data).length)
          obj.data =
            kind === "Secret"
              ? Object.fromEntries(Object.entries(data).map(([key, v]) => [key, base64Text(v)]))
              : data;
        if (immutable) obj.immutable = true;
        if (behavior === "create") {
          this.add(
            acc,
            { obj, names: [name as string], namespaces: [namespace ?? ""], hashSuffix: !disable },
            this.at(k, p),
          );
          continue;
        }
        const existing = acc.find(
          (r) =>
            kindOf(r.obj) === kind &&
            r.names.includes(name as string) &&
            (namespace === undefined || r.namespaces.includes(namespace)),
        );
        if (!existing)
          fail(
            m.noTarget(`${field} with behavior ${behavior}:`, `${kind}/${name}`),
            this.at(k, [...p, "behavior"]),
          );
        const r = existing as Res;
        // reswrangler.go appendReplaceOrMerge: the old object's name, namespace, labels and
        // annotations carry over (CopyMergeMetaDataFieldsFrom, the new ones winning), its data
        // too on merge; and its wish for a hash suffix, which is one of those annotations.
        const oldMeta = metaOf(r.obj);
        const mergedMeta: Obj = { ...oldMeta, ...meta, name: oldMeta.name };
        if (oldMeta.namespace !== undefined) mergedMeta.namespace = oldMeta.namespace;
        else delete mergedMeta.namespace;
        const labelsOf = (x: Obj): Obj => (isObj(x.labels) ? x.labels : {});
        const annotationsOf = (x: Obj): Obj => (isObj(x.annotations) ? x.annotations : {});
        const mergedLabels = { ...labelsOf(oldMeta), ...labelsOf(meta) };
        const mergedAnnotations = { ...annotationsOf(oldMeta), ...annotationsOf(meta) };
        if (Object.keys(mergedLabels).length) mergedMeta.labels = mergedLabels;
        if (Object.keys(mergedAnnotations).length) mergedMeta.annotations = mergedAnnotations;
        const next: Obj = { ...obj, metadata: mergedMeta };
        if (behavior === "merge") {
          const data = { ...(isObj(r.obj.data) ? r.obj.data : {}), ...(isObj(obj.data) ? obj.data : {}) };
          if (Object.keys(data).length) next.data = data;
          if (
            kind === "Secret" &&
            typeof r.obj.type === "string" &&
            getIn(k.value, [...p, "type"]) === undefined
          )
            next.type = r.obj.type;
        }
        r.obj = next;
        r.hashSuffix = r.hashSuffix || !disable;
      }
    }
  }

  /** kv.go Load: the env files' pairs, then the literals, then the files; a key may come once. */
  private pairs(k: Kfile, p: readonly (string | number)[], kind: string): Record<string, string> {
    const out: Record<string, string> = {};
    const put = (key: string, value: string, where: Where): void => {
      if (!/^[-._a-zA-Z0-9]+$/.test(key))
        fail(
          m.invalid(
            `"${key}" is not a valid key name for a ${kind}: a valid key must consist of alphanumeric characters, '-', '_' or '.'`,
          ),
          where,
        );
      if (Object.hasOwn(out, key))
        fail(
          m.invalid(
            `${kind.toLowerCase()} ${String(getIn(k.value, [...p, "name"]))} illegally repeats the key \`${key}\``,
          ),
          where,
        );
      out[key] = value;
    };
    const strings = (field: string): { value: string; path: (string | number)[] }[] => {
      const v = getIn(k.value, [...p, field]);
      if (v === undefined || v === null) return [];
      if (!Array.isArray(v)) fail(m.invalid(`${field} must be a list`), this.at(k, [...p, field]));
      return (v as unknown[]).map((_, j) => ({
        value: this.str(k, [...p, field, j]) ?? "",
        path: [...p, field, j],
      }));
    };
    const envs = strings("envs");
    const single = this.str(k, [...p, "env"]);
    if (single !== undefined) envs.push({ value: single, path: [...p, "env"] });
    for (const e of envs) {
      const where = this.at(k, e.path);
      const text = this.readData(k, e.value, where);
      for (const raw of text.split("\n")) {
        const line = raw.replace(/\r$/, "").replace(/^\s+/, "");
        if (line === "" || line.startsWith("#")) continue;
        const eq = line.indexOf("=");
        // A bare KEY takes its value from kustomize's environment: a simulated run has none.
        put(eq < 0 ? line : line.slice(0, eq), eq < 0 ? "" : line.slice(eq + 1), where);
      }
    }
    for (const l of strings("literals")) {
      const eq = l.value.indexOf("=");
      if (eq < 0)
        fail(m.invalid(`invalid literal source ${l.value}, expected key=value`), this.at(k, l.path));
      put(l.value.slice(0, eq), removeQuotes(l.value.slice(eq + 1)), this.at(k, l.path));
    }
    for (const f of strings("files")) {
      const eq = f.value.indexOf("=");
      const key = eq < 0 ? baseName(f.value) : f.value.slice(0, eq);
      const path = eq < 0 ? f.value : f.value.slice(eq + 1);
      const where = this.at(k, f.path);
      put(key, this.readData(k, path, where), where);
    }
    return out;
  }

  private readData(k: Kfile, rel: string, where: Where): string {
    const path = joinPath(k.dir, rel);
    const text = this.io.readFile(path);
    if (text === undefined) return fail(m.missingFile("loading", path, this.io.whyUnreadable?.(path)), where);
    return text;
  }

  /** The built-in transformers, in kusttarget_configplugin.go's order. */
  private transform(k: Kfile, acc: Res[]): void {
    this.patchesStrategicMerge(k, acc);
    this.patches(k, acc);
    const namespace = this.str(k, ["namespace"]);
    if (namespace)
      for (const r of acc) {
        // namespace.go's field specs: a v1 Namespace object is renamed to the namespace.
        if (kindOf(r.obj) === "Namespace" && r.obj.apiVersion === "v1") setName(r, namespace);
        if (NOT_NAMESPACEABLE.has(kindOf(r.obj))) continue;
        metaOf(r.obj).namespace = namespace;
        if (r.namespaces[r.namespaces.length - 1] !== namespace) r.namespaces.push(namespace);
      }
    const prefix = this.str(k, ["namePrefix"]) ?? "";
    const suffix = this.str(k, ["nameSuffix"]) ?? "";
    if (prefix || suffix)
      for (const r of acc)
        if (!NO_PREFIX.has(kindOf(r.obj))) setName(r, `${prefix}${nameOf(r.obj)}${suffix}`);
    for (const [i] of this.list(k, "labels").entries()) {
      this.checkFields(k, ["labels", i], LABELS_FIELDS, "labels");
      const pairs = this.stringMap(k, ["labels", i, "pairs"]);
      const selectors = getIn(k.value, ["labels", i, "includeSelectors"]) === true;
      const templates = getIn(k.value, ["labels", i, "includeTemplates"]) === true;
      // kusttarget_configplugin.go LabelTransformer: its own `fields`, then the selectors'
      // (which include the templates'), or the templates', or metadata.labels alone.
      const specs = [
        ...this.fieldSpecs(k, ["labels", i, "fields"]),
        ...(selectors ? COMMON_LABELS : templates ? METADATA_LABELS : METADATA_LABELS.slice(0, 1)),
      ];
      for (const r of acc) addPairs(r.obj, specs, pairs);
    }
    const common = this.stringMap(k, ["commonLabels"]);
    if (Object.keys(common).length) for (const r of acc) addPairs(r.obj, COMMON_LABELS, common);
    const annotations = this.stringMap(k, ["commonAnnotations"]);
    if (Object.keys(annotations).length)
      for (const r of acc) addPairs(r.obj, COMMON_ANNOTATIONS, annotations);
    this.patchesJson6902(k, acc);
    this.replicas(k, acc);
    this.images(k, acc);
  }

  /** A list of field specs (`labels: … fields:`): path, create, and the kinds they hold for. */
  private fieldSpecs(k: Kfile, path: readonly (string | number)[]): FieldSpec[] {
    const v = getIn(k.value, path);
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) fail(m.invalid("fields must be a list of field specs"), this.at(k, path));
    return (v as unknown[]).map((_, j) => {
      const p = [...path, j];
      this.checkFields(k, p, ["path", "create", "group", "version", "kind"], "fieldSpec");
      const fsPath = this.str(k, [...p, "path"]);
      if (!fsPath) fail(m.invalid("a field spec needs a path"), this.at(k, p));
      const fs: FieldSpec = { path: fsPath as string, create: getIn(k.value, [...p, "create"]) === true };
      for (const f of ["group", "version", "kind"] as const) {
        const s = this.str(k, [...p, f]);
        if (s !== undefined) fs[f] = s;
      }
      return fs;
    });
  }

  /** A patch's text: a file beside the kustomization, or written inline. */
  private patchText(k: Kfile, p: readonly (string | number)[]): { text: string; file: string } {
    const path = this.str(k, [...p, "path"]);
    const inline = this.str(k, [...p, "patch"]);
    if ((path === undefined) === (inline === undefined))
      fail(m.invalid("a patch needs exactly one of path or patch"), this.at(k, p));
    if (inline !== undefined) return { text: inline, file: k.file };
    const file = joinPath(k.dir, path as string);
    const text = this.io.readFile(file);
    if (text === undefined)
      fail(m.missingFile("loading patch", file, this.io.whyUnreadable?.(file)), this.at(k, [...p, "path"]));
    return { text: text as string, file };
  }

  /** The documents of a patch text, as values. */
  private patchValues(text: string, where: Where): unknown[] {
    const out: unknown[] = [];
    for (const doc of parseYamlDocuments(text)) {
      if (doc.errors.length)
        fail(m.invalid(`error parsing patch: ${doc.errors[0].message.split("\n")[0]}`), where);
      const js = documentToJS(doc);
      if ("problem" in js) fail(m.invalid(js.problem.message), where);
      const v = (js as { value: unknown }).value;
      if (v !== null && v !== undefined) out.push(v);
    }
    return out;
  }

  private target(k: Kfile, p: readonly (string | number)[]): Target | undefined {
    const v = getIn(k.value, p);
    if (v === undefined || v === null) return undefined;
    this.checkFields(k, p, TARGET_FIELDS, "patch target");
    const t: Target = {};
    for (const f of TARGET_FIELDS) {
      const s = this.str(k, [...p, f]);
      if (s !== undefined) (t as Record<string, string>)[f] = s;
    }
    return t;
  }

  /** `patchesStrategicMerge`: files (or inline documents), each patch naming its target itself. */
  private patchesStrategicMerge(k: Kfile, acc: Res[]): void {
    for (const [i, e] of this.list(k, "patchesStrategicMerge").entries()) {
      const where = this.at(k, ["patchesStrategicMerge", i]);
      if (typeof e !== "string")
        fail(m.invalid("a patchesStrategicMerge entry must be a path or a patch"), where);
      const s = e as string;
      const inline = s.includes("\n") || /^\s*(apiVersion|kind|metadata)\s*:/.test(s);
      const text = inline ? s : this.readData(k, s, where);
      for (const patch of this.patchValues(text, where)) this.applySMP(patch, undefined, acc, where);
    }
  }

  /** `patches`: strategic merge or JSON 6902, on what `target` selects or on the object the patch names. */
  private patches(k: Kfile, acc: Res[]): void {
    for (const [i] of this.list(k, "patches").entries()) {
      const p = ["patches", i];
      this.checkFields(k, p, PATCH_FIELDS, "patch");
      const where = this.at(k, p);
      const { text } = this.patchText(k, p);
      const target = this.target(k, [...p, "target"]);
      const values = this.patchValues(text, where);
      if (values.length === 1 && Array.isArray(values[0])) {
        if (!target)
          fail(
            m.invalid("a JSON 6902 patch needs a target", "add `target:` with the kind and name to patch"),
            where,
          );
        this.applyJson6902(values[0] as JsonPatchOp[], target as Target, acc, this.at(k, [...p, "target"]));
        continue;
      }
      for (const patch of values)
        this.applySMP(patch, target, acc, target ? this.at(k, [...p, "target"]) : where);
    }
  }

  /** `patchesJson6902`: each entry's target and operations. */
  private patchesJson6902(k: Kfile, acc: Res[]): void {
    for (const [i] of this.list(k, "patchesJson6902").entries()) {
      const p = ["patchesJson6902", i];
      this.checkFields(k, p, ["target", "path", "patch"], "patchesJson6902");
      const target = this.target(k, [...p, "target"]);
      if (!target) fail(m.invalid("a patchesJson6902 entry needs a target"), this.at(k, p));
      const { text } = this.patchText(k, p);
      const values = this.patchValues(text, this.at(k, p));
      const ops = values.length === 1 && Array.isArray(values[0]) ? values[0] : undefined;
      if (!ops) fail(m.invalid("a JSON 6902 patch is a list of operations"), this.at(k, p));
      this.applyJson6902(ops as JsonPatchOp[], target as Target, acc, this.at(k, [...p, "target"]));
    }
  }

  private applyJson6902(ops: JsonPatchOp[], target: Target, acc: Res[], where: Where): void {
    const selected = acc.filter((r) => selects(target, r));
    if (selected.length === 0) this.warnNoTarget("patch target", target, where);
    for (const r of selected) {
      try {
        const name = nameOf(r.obj);
        r.obj = jsonPatch(r.obj, ops) as Obj;
        if (nameOf(r.obj) !== name) setName(r, nameOf(r.obj));
      } catch (e) {
        fail(m.invalid(`JSON patch on ${idText(r.obj)}: ${(e as Error).message}`), where);
      }
    }
  }

  /** A target selector that selects nothing: kustomize applies the patch to nothing and goes on. */
  private warnNoTarget(what: string, target: Target, where: Where): void {
    this.warnings.push({ ...m.noTarget(what, targetText(target)), severity: "warning", ...where });
  }

  /** A strategic merge patch: on what the target selects, or (without one) on the object it names. */
  private applySMP(patch: unknown, target: Target | undefined, acc: Res[], where: Where): void {
    if (!isObj(patch)) fail(m.invalid("a strategic merge patch is a map"), where);
    const pt = patch as Obj;
    let selected: Res[];
    if (target) {
      selected = acc.filter((r) => selects(target, r));
      if (selected.length === 0) this.warnNoTarget("patch target", target, where);
    } else {
      const { group, version } = gv(pt);
      const t: Target = { kind: kindOf(pt), group, version, name: escapeRegExp(nameOf(pt)) };
      if (namespaceOf(pt)) t.namespace = escapeRegExp(namespaceOf(pt));
      selected = acc.filter((r) => selects(t, r));
      if (selected.length === 0) fail(m.noTarget("strategic merge patch", idText(pt)), where);
    }
    const body: Obj = { ...pt };
    if (isObj(body.metadata)) {
      const meta = { ...(body.metadata as Obj) };
      delete meta.name;
      delete meta.namespace;
      body.metadata = meta;
    }
    const deletes = body.$patch === "delete";
    for (const r of selected) {
      if (deletes) {
        acc.splice(acc.indexOf(r), 1);
        continue;
      }
      r.obj = strategicMergePatch(r.obj, body) as Obj;
    }
  }

  /** `replicas:` (ReplicaCountTransformer): a name none of the workloads had is an error. */
  private replicas(k: Kfile, acc: Res[]): void {
    for (const [i] of this.list(k, "replicas").entries()) {
      const p = ["replicas", i];
      this.checkFields(k, p, ["name", "count"], "replicas");
      const name = this.str(k, [...p, "name"]);
      const count = getIn(k.value, [...p, "count"]);
      if (!name) fail(m.invalid("a replicas entry needs a name"), this.at(k, p));
      if (typeof count !== "number" || !Number.isInteger(count))
        fail(m.invalid("replicas count must be an integer"), this.at(k, [...p, "count"]));
      const matched = acc.filter(
        (r) => REPLICAS_KINDS.includes(kindOf(r.obj)) && r.names.includes(name as string),
      );
      if (matched.length === 0)
        fail(
          m.noTarget("replicas", `${name as string} (kinds ${REPLICAS_KINDS.join(", ")})`),
          this.at(k, [...p, "name"]),
        );
      for (const r of matched) {
        if (!isObj(r.obj.spec)) r.obj.spec = {};
        (r.obj.spec as Obj).replicas = count;
      }
    }
  }

  /** `images:` (ImageTagTransformer): every container and init container whose image it names. */
  private images(k: Kfile, acc: Res[]): void {
    for (const [i] of this.list(k, "images").entries()) {
      const p = ["images", i];
      this.checkFields(k, p, IMAGE_FIELDS, "images");
      const name = this.str(k, [...p, "name"]);
      if (!name) fail(m.invalid("an images entry needs a name"), this.at(k, p));
      const rule: ImageRule = { name: name as string };
      const newName = this.str(k, [...p, "newName"]);
      const newTag = this.str(k, [...p, "newTag"]);
      const digest = this.str(k, [...p, "digest"]);
      if (newName) rule.newName = newName;
      if (newTag) rule.newTag = newTag;
      if (digest) rule.digest = digest;
      for (const r of acc)
        forEachContainer(r.obj, (c) => {
          if (typeof c.image !== "string") return;
          const next = replaceImage(c.image, rule);
          if (next !== undefined) c.image = next;
        });
    }
  }
}

/** kv.go removeQuotes: a literal's value loses one pair of surrounding quotes. */
function removeQuotes(s: string): string {
  if (s.length >= 2 && (s[0] === '"' || s[0] === "'") && s[s.length - 1] === s[0]) return s.slice(1, -1);
  return s;
}

/**
 * What kustomizer.go does once, at the top: the generated names get their hash suffix (over
 * the final object, prefix and labels included), the references to every renamed object are
 * fixed up (nameref), and the objects are put in the legacy order.
 */
function finish(acc: Res[]): void {
  for (const r of acc) if (r.hashSuffix) setName(r, `${nameOf(r.obj)}-${kustomizeHash(r.obj)}`);
  for (const referrer of acc) fixReferences(referrer, acc);
  const order = acc.map((r, i) => ({ r, i }));
  order.sort((a, b) => {
    const ka = kindRank(kindOf(a.r.obj));
    const kb = kindRank(kindOf(b.r.obj));
    if (ka !== kb) return ka - kb;
    const ga = gvkString(a.r.obj);
    const gb = gvkString(b.r.obj);
    if (ga !== gb) return ga < gb ? -1 : 1;
    const ia = idString(a.r.obj);
    const ib = idString(b.r.obj);
    return ia < ib ? -1 : ia > ib ? 1 : a.i - b.i;
  });
  acc.splice(0, acc.length, ...order.map((x) => x.r));
}

/** nameref: a field naming an object by a name it had gets the name it has now. */
function fixReferences(referrer: Res, acc: readonly Res[]): void {
  for (const ref of NAME_REFERENCES)
    for (const fs of ref.referrers) {
      if (!fieldSpecMatches(fs, referrer.obj)) continue;
      walkPath(referrer.obj, fs.path.split("/"), false, (holder, key) => {
        const v = holder[key];
        if (typeof v !== "string") return;
        // A reference that says its kind (scaleTargetRef) names only that kind.
        if (typeof holder.kind === "string" && holder.kind !== ref.kind) return;
        const candidates = acc.filter(
          (r) => kindOf(r.obj) === ref.kind && gv(r.obj).group === ref.group && r.names.includes(v),
        );
        if (candidates.length === 0) return;
        const ns = effectiveNamespace(kindOf(referrer.obj), namespaceOf(referrer.obj));
        const same =
          candidates.find((r) => effectiveNamespace(kindOf(r.obj), namespaceOf(r.obj)) === ns) ??
          (NOT_NAMESPACEABLE.has(ref.kind) ? candidates[0] : undefined);
        if (same) holder[key] = nameOf(same.obj);
      });
    }
}

function getIn(v: unknown, path: readonly (string | number)[]): unknown {
  let cur = v;
  for (const p of path) {
    if (typeof p === "number") cur = Array.isArray(cur) ? cur[p] : undefined;
    else cur = isObj(cur) && Object.hasOwn(cur, p) ? cur[p] : undefined;
  }
  return cur;
}

/** The YAML node at a path, or the nearest one above it that exists. */
function nodeAt(doc: Document, path: readonly (string | number)[], key: boolean): Node | undefined {
  let node = doc.contents as Node | null | undefined;
  for (let i = 0; i < path.length; i++) {
    const p = path[i];
    if (isYamlMap(node)) {
      const pair = node.items.find((it) => isScalar(it.key) && String(it.key.value) === String(p));
      if (!pair) return node;
      if (key && i === path.length - 1) return pair.key as Node;
      node = pair.value as Node | null;
    } else if (isSeq(node) && typeof p === "number") {
      const item = node.items[p] as Node | undefined;
      if (!item) return node;
      node = item;
    } else return node ?? undefined;
  }
  return node ?? undefined;
}

function rangeOf(doc: Document, path: readonly (string | number)[], key: boolean): [number, number] {
  const n = nodeAt(doc, path, key);
  const r = n?.range;
  if (!r) return [0, 0];
  return [r[0], r[1]];
}

/** A plain scalar's text as written (`newTag: 1.20` is the tag "1.20", not the number 1.2). */
function scalarSource(doc: Document, path: readonly (string | number)[]): string | undefined {
  const n = nodeAt(doc, path, false);
  return isScalar(n) && typeof n.source === "string" ? n.source : undefined;
}
