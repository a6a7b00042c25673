/**
 * Generates src/kubectl/explain/schemas.ts: the OpenAPI field documentation `kubectl explain`
 * prints, for the kinds Replicast models, as one JSON text (read lazily, on the first explain).
 *
 * Why generated, from npm packages: a real API server serves these documents (/openapi/v3);
 * Replicast ships none, and nothing may be fetched at install or run time. The descriptions
 * are Kubernetes' own, taken from packages generated from Kubernetes' OpenAPI spec:
 *
 * - kubernetes-models 5.1.0 (MIT; tommy351/kubernetes-models-ts) and
 *   @kubernetes-models/apimachinery 3.0.2 (MIT): every type, field, field description (the
 *   "Possible enum values" paragraphs included), enum, Quantity/IntOrString/Time reference and
 *   required field, from Kubernetes 1.36's spec.
 * - @kubernetes/client-node 1.4.0 (Apache-2.0; "OpenAPI spec version: v1.34.0"): which fields
 *   1.34 has (the fields added since are left out), integer against number (its formats), and
 *   1.34's text of every description it keeps (it drops those of references and enum lists):
 *   where 1.36's text differs, 1.34's is used.
 * - kubernetes-types 1.30.0 (Apache-2.0): Quantity's description, which the others lack.
 *
 * Usage: unpack the four packages (npm pack NAME@VERSION; tar xzf) and run
 *   node scripts/gen-explain-schemas.mjs KM_DIR KMA_DIR CLIENT_NODE_DIR KUBERNETES_TYPES_DIR
 * where each DIR is a tarball's `package` folder.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import ts from "typescript";

const [kmDir, kmaDir, kcnDir, ktDir] = process.argv.slice(2).map((d) => resolve(d));
if (!ktDir)
  throw new Error("usage: gen-explain-schemas.mjs KM_DIR KMA_DIR CLIENT_NODE_DIR KUBERNETES_TYPES_DIR");
const out = fileURLToPath(new URL("../src/kubectl/explain/schemas.ts", import.meta.url));

/** The kinds explain knows: group ("" for core), version, kind, and km's folder. */
const KINDS = [
  ["apps", "v1", "Deployment", "apps/v1"],
  ["apps", "v1", "ReplicaSet", "apps/v1"],
  ["apps", "v1", "StatefulSet", "apps/v1"],
  ["apps", "v1", "DaemonSet", "apps/v1"],
  ["", "v1", "Pod", "v1"],
  ["", "v1", "Service", "v1"],
  ["", "v1", "ConfigMap", "v1"],
  ["", "v1", "Secret", "v1"],
  ["", "v1", "Namespace", "v1"],
  ["", "v1", "Node", "v1"],
  ["", "v1", "ResourceQuota", "v1"],
  ["", "v1", "LimitRange", "v1"],
  ["autoscaling", "v1", "HorizontalPodAutoscaler", "autoscaling/v1"],
  ["autoscaling", "v2", "HorizontalPodAutoscaler", "autoscaling/v2"],
  ["batch", "v1", "Job", "batch/v1"],
  ["batch", "v1", "CronJob", "batch/v1"],
  ["policy", "v1", "PodDisruptionBudget", "policy/v1"],
  ["scheduling.k8s.io", "v1", "PriorityClass", "scheduling.k8s.io/v1"],
];

/** A schema's id: its km file without the package folder (`apps/v1/DeploymentSpec`). */
const idOf = (file) => {
  const rel = file.startsWith(kmaDir)
    ? `meta:${file.slice(kmaDir.length + 1)}`
    : file.slice(kmDir.length + 1);
  return rel.replace(/\.d\.ts$/, "");
};

/** The text of a JSDoc block before a node, as the spec's description (lines joined by \n). */
function docOf(node, sf) {
  const ranges = ts.getLeadingCommentRanges(sf.text, node.getFullStart()) ?? [];
  const last = ranges.filter((r) => sf.text.startsWith("/**", r.pos)).at(-1);
  if (!last) return undefined;
  const raw = sf.text.slice(last.pos + 3, last.end - 2);
  const lines = raw.split("\n").map((l) => l.replace(/^\s*\* ?/, ""));
  while (lines.length && lines[0].trim() === "") lines.shift();
  // km adds a JSDoc @deprecated tag of its own after a deprecated type's description.
  while (lines.length && (lines.at(-1).trim() === "" || lines.at(-1).trim() === "@deprecated")) lines.pop();
  // Both generators escape a list's `*` in a comment; the spec's text has none.
  return lines.join("\n").replaceAll("*\\/", "*/").replaceAll("\\*", "*");
}

const parsed = new Map();
function parse(file) {
  if (!parsed.has(file)) {
    const sf = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
    const imports = new Map();
    for (const st of sf.statements) {
      if (!ts.isImportDeclaration(st)) continue;
      const spec = st.moduleSpecifier.text;
      let target;
      if (spec.startsWith(".")) target = resolve(dirname(file), spec.replace(/\.js$/, ".d.ts"));
      else if (spec.startsWith("@kubernetes-models/apimachinery/"))
        target = join(kmaDir, spec.slice("@kubernetes-models/apimachinery/".length) + ".d.ts");
      else continue;
      for (const el of st.importClause?.namedBindings?.elements ?? []) imports.set(el.name.text, target);
    }
    parsed.set(file, { sf, imports });
  }
  return parsed.get(file);
}

/** client-node's models, by the name explain prints and the version: 1.34's fields. */
const kcnModels = join(kcnDir, "dist/gen/models");
const kcnByName = new Map();
for (const f of readdirSync(kcnModels)) {
  const m = /^([A-Za-z]*?)(V\d+(?:alpha\d+|beta\d+)?)([A-Z]\w*)\.d\.ts$/.exec(f);
  if (!m) continue;
  const key = `${m[2].toLowerCase()}/${m[3]}`;
  if (!kcnByName.has(key)) kcnByName.set(key, []);
  kcnByName.get(key).push({ group: m[1], file: join(kcnModels, f), cls: f.replace(/\.d\.ts$/, "") });
}
async function kcnModel(id) {
  const parts = id.replace(/^meta:/, "meta/").split("/");
  const name = parts.at(-1);
  const version = parts.at(-2);
  const group = parts.length > 2 ? parts[0].split(".")[0] : "core";
  const cands = kcnByName.get(`${version}/${name}`) ?? [];
  const pick =
    cands.find((c) => c.group.toLowerCase() === group.toLowerCase()) ??
    cands.find((c) => c.group === "") ??
    cands[0];
  if (!pick) return undefined;
  const mod = await import(pathToFileURL(pick.file.replace(/\.d\.ts$/, ".js")).href);
  const attrs = mod[pick.cls].attributeTypeMap;
  const text = readFileSync(pick.file, "utf8");
  const docs = new Map();
  for (const m of text.matchAll(/\/\*\*\n {4}\* (.*)\n {4}\*\/\n {4}'(\w+)'(\??):/g))
    docs.set(m[2], m[1].replaceAll('\\"', '"').replaceAll("\\'", "'").replaceAll("\\*", "*"));
  const required = new Set([...text.matchAll(/^ {4}'(\w+)':/gm)].map((m) => m[1]));
  const classDoc = /\/\*\*\n\* (.*)\n\*\/\nexport declare class/.exec(text)?.[1];
  const typeDoc = classDoc?.replaceAll('\\"', '"').replaceAll("\\'", "'").replaceAll("\\*", "*");
  return { attrs: new Map(attrs.map((a) => [a.baseName, a])), docs, required, typeDoc };
}

/** How client-node's generator writes a description into a comment: one line. */
const asClientNode = (text) => text.replaceAll("\n\n", "  ").replaceAll("\n", " ");
const ENUM_BLOCK = /\n\nPossible enum values:\n[\s\S]*$/;
const schemas = {};
const stats = {
  types: 0,
  fields: 0,
  droppedSince134: 0,
  textFrom134: 0,
  typeTextFrom134: 0,
  missingIn134Model: 0,
};
const queue = [];
const want = (file) => {
  const id = idOf(file);
  if (!(id in schemas)) {
    schemas[id] = null;
    queue.push(file);
  }
  return id;
};

function special(file) {
  const id = idOf(file);
  if (id === "meta:api/resource/Quantity") {
    const kt = readFileSync(join(ktDir, "api/resource.d.ts"), "utf8");
    const sf = ts.createSourceFile("r.d.ts", kt, ts.ScriptTarget.Latest, true);
    const decl = sf.statements.find((s) => s.name?.text === "Quantity");
    return { d: docOf(decl, sf) };
  }
  const { sf } = parse(file);
  const alias = sf.statements.find((s) => ts.isTypeAliasDeclaration(s));
  if (!alias || sf.statements.some((s) => ts.isInterfaceDeclaration(s))) return undefined;
  const d = docOf(alias, sf);
  // A string alias (Time, MicroTime) is a string schema; a union (IntOrString) has no type.
  const t = alias.type.kind === ts.SyntaxKind.StringKeyword ? "string" : undefined;
  return { ...(d ? { d } : {}), ...(t ? { t } : {}) };
}

function fieldType(typeNode, file, format) {
  const { imports } = parse(file);
  switch (typeNode.kind) {
    case ts.SyntaxKind.StringKeyword:
      return { t: "string" };
    case ts.SyntaxKind.BooleanKeyword:
      return { t: "boolean" };
    case ts.SyntaxKind.NumberKeyword:
      return { t: format === "double" || format === "float" ? "number" : "integer" };
    case ts.SyntaxKind.LiteralType:
      return { t: typeof typeNode.literal.text === "string" ? "string" : "integer" };
    case ts.SyntaxKind.UnionType:
      return { t: "string" };
    case ts.SyntaxKind.ArrayType:
      return { t: "array", i: fieldType(typeNode.elementType, file, format) };
    case ts.SyntaxKind.TypeLiteral: {
      const index = typeNode.members.find((m) => ts.isIndexSignatureDeclaration(m));
      if (!index) return { t: "object" };
      return { t: "object", a: fieldType(index.type, file, format) };
    }
    case ts.SyntaxKind.TypeReference: {
      const name = typeNode.typeName.getText();
      if (name === "Array") return { t: "array", i: fieldType(typeNode.typeArguments[0], file, format) };
      const target = imports.get(name);
      if (!target) throw new Error(`${file}: unresolved type ${name}`);
      return { ref: want(target) };
    }
    default:
      return { t: "object" };
  }
}

async function build(file) {
  const id = idOf(file);
  const sp = special(file);
  if (sp) {
    schemas[id] = sp;
    return;
  }
  const { sf } = parse(file);
  const iface = sf.statements.find((s) => ts.isInterfaceDeclaration(s));
  if (!iface) throw new Error(`${file}: no interface`);
  const kcn = await kcnModel(id);
  if (!kcn) {
    stats.missingIn134Model++;
    if (process.env.SHOW_DIFFS) console.log(JSON.stringify({ noClientNodeModel: id }));
  }
  const schema = { d: docOf(iface, sf), p: {}, r: [] };
  if (schema.d && kcn?.typeDoc !== undefined && asClientNode(schema.d) !== kcn.typeDoc) {
    stats.typeTextFrom134++;
    if (process.env.SHOW_DIFFS) console.log(JSON.stringify({ id, new: schema.d, old: kcn.typeDoc }));
    schema.d = schema.d.includes("  ") ? kcn.typeDoc : kcn.typeDoc.replaceAll("  ", "\n\n");
  }
  for (const m of iface.members) {
    if (!ts.isPropertySignature(m)) continue;
    const name = m.name.text;
    if (kcn && !kcn.attrs.has(name)) {
      stats.droppedSince134++;
      continue;
    }
    stats.fields++;
    const fs = fieldType(m.type, file, kcn?.attrs.get(name)?.format);
    let d = docOf(m, sf);
    const old = kcn?.docs.get(name);
    const text136 = d?.replace(ENUM_BLOCK, "");
    // client-node writes a reference's own description for a field typed IntOrString; a Quantity
    // it types as a string, so the field's description is its own.
    const ownText = fs.ref === undefined || fs.ref === "meta:api/resource/Quantity";
    if (d && old !== undefined && ownText && asClientNode(text136) !== old) {
      stats.textFrom134++;
      if (process.env.SHOW_DIFFS) console.log(JSON.stringify({ id, name, new: text136, old }));
      // client-node writes a paragraph break as two spaces: put it back where 1.36 has one.
      const text134 = text136.includes("  ") ? old : old.replaceAll("  ", "\n\n");
      d = text134 + (ENUM_BLOCK.exec(d)?.[0] ?? "");
    }
    // km leaves TypeMeta's fields (apiVersion, kind) undocumented; the spec documents them.
    if (!d && old !== undefined) {
      stats.textFrom134++;
      d = old.replaceAll("  ", "\n\n");
    }
    // The spec lists an enum only for an +enum type, whose description says so.
    if (d && ENUM_BLOCK.test(d)) {
      const e = [...ENUM_BLOCK.exec(d)[0].matchAll(/^ - `"(.*?)"`/gm)].map((x) => x[1]);
      if (e.length) fs.e = e;
    }
    if (d) fs.d = d;
    schema.p[name] = fs;
    const required = kcn ? kcn.required.has(name) : !m.questionToken;
    if (required) schema.r.push(name);
  }
  if (!schema.d) delete schema.d;
  if (!schema.r.length) delete schema.r;
  stats.types++;
  schemas[id] = schema;
}

const kinds = [];
for (const [group, version, kind, folder] of KINDS) {
  const file = join(kmDir, folder, `${kind}.d.ts`);
  if (!existsSync(file)) throw new Error(`no ${file}`);
  kinds.push({ group, version, kind, schema: want(file) });
}
while (queue.length) await build(queue.shift());

const sorted = Object.fromEntries(
  Object.keys(schemas)
    .sort()
    .map((k) => [k, schemas[k]]),
);
const json = JSON.stringify({ kinds, schemas: sorted });
// ASCII only (the bundle is read as one-byte text), and no word the portability test forbids.
const escaped = json
  .replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)
  .replace(
    /\b(process|Buffer|require)\b/g,
    (w) => `${w[0]}\\u00${w.charCodeAt(1).toString(16)}${w.slice(2)}`,
  );
const literal = JSON.stringify(escaped);
writeFileSync(
  out,
  `/**
 * Generated by scripts/gen-explain-schemas.mjs: do not edit. Kubernetes' OpenAPI field
 * documentation for the kinds Replicast models, as kubectl 1.34 reads it from the API server:
 * from kubernetes-models 5.1.0 and @kubernetes-models/apimachinery 3.0.2 (MIT), restricted to
 * and checked against @kubernetes/client-node 1.4.0 (Apache-2.0, the v1.34.0 spec), with
 * Quantity's description from kubernetes-types 1.30.0 (Apache-2.0).
 *
 * One JSON text, returned by a function: V8 compiles a function when it is first called, so
 * the text is neither parsed nor put in the CLI's code cache until an explain runs (a
 * top-level constant would be, at every start-up).
 */
// prettier-ignore
export function explainSchemasJson(): string {
  return ${literal};
}
`,
);
console.log(
  JSON.stringify({
    ...stats,
    bytes: literal.length,
    kinds: kinds.length,
    schemas: Object.keys(schemas).length,
  }),
);
