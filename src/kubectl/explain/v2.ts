/**
 * `kubectl explain --output=plaintext-openapiv2`: the OpenAPI v2 printer kubectl used before
 * 1.27 and keeps behind this output (kubectl/pkg/explain: explain.go PrintModelDescription,
 * field_lookup.go, model_printer.go, fields_printer.go, recursive_fields_printer.go,
 * typename.go, formatter.go), over the same documents as the v3 template.
 *
 * The v2 printer walks kube-openapi's proto model of the swagger document: a schema with
 * properties is a Kind (`<Object>`), an object without them a Map (`map[string]` and its
 * values' type, nothing for a map of anything), an array an Array, a type a Primitive, a
 * `$ref` a Reference (it takes the description written beside it). The v3 documents carry the
 * same descriptions; where the two documents differ in shape, the v2 one is followed: Quantity
 * and IntOrString are `{type: string}` there (so `<string>`), and a reference is never wrapped
 * in allOf. The v2 printer prints no enum list (the descriptions carry the values).
 *
 * Layout: `KIND:     K`, `VERSION:  G/V`, a blank line; `RESOURCE: name <type>` for an object
 * field or `FIELD:    name <type>` for any other, and a blank line; `DESCRIPTION:` with the
 * descriptions gathered on the way (the field's, then its type's), blank lines between them,
 * indented 5 and wrapped to 80 columns; then for an object a blank line, `FIELDS:`, each field
 * `   name\t<type>` (` -required-`) with its description indented 5, and a blank line; with
 * --recursive names and types only, 3 columns further in per level. A missing field is
 * field_lookup.go's `field "x" does not exist`, naming the first word that is missing.
 */
import type { ExplainDocument, ExplainKind, Schema } from "./render.ts";
import { ExplainError } from "./render.ts";

type Proto =
  | { t: "kind"; description: string; fields: Record<string, Schema>; required: readonly string[] }
  | { t: "map"; description: string; sub: Proto }
  | { t: "array"; description: string; sub: Proto }
  | { t: "primitive"; description: string; type: string }
  | { t: "reference"; description: string; ref: string }
  | { t: "arbitrary"; description: string };

/** The v2 document's Quantity and IntOrString, which the v3 one leaves untyped. */
const STRING_TYPED = new Set(["meta:api/resource/Quantity", "meta:util/intstr/IntOrString"]);

class V2Model {
  constructor(private readonly doc: ExplainDocument) {}

  /** proto's ParseSchema of a field (or a definition). */
  parse(s: Schema): Proto {
    const description = s.description ?? "";
    const only = s.allOf?.length === 1 && !s.properties ? s.allOf[0] : undefined;
    const ref = s.$ref ?? only?.$ref;
    if (ref !== undefined) return { t: "reference", description, ref };
    if (s.properties && Object.keys(s.properties).length)
      return { t: "kind", description, fields: s.properties, required: s.required ?? [] };
    if (s.type === "object")
      return {
        t: "map",
        description,
        sub: s.additionalProperties
          ? this.parse(s.additionalProperties)
          : { t: "arbitrary", description: "" },
      };
    if (s.type === "array") return { t: "array", description, sub: this.parse(s.items ?? {}) };
    if (s.type) return { t: "primitive", description, type: s.type };
    return { t: "arbitrary", description };
  }

  /** A Reference's SubSchema: the definition it names. */
  target(ref: string): Proto {
    const s = this.doc.schemas.get(ref) ?? {};
    if (STRING_TYPED.has(ref)) return { t: "primitive", description: s.description ?? "", type: "string" };
    return this.parse(s);
  }

  /** typename.go GetTypeName. */
  typeName(p: Proto): string {
    switch (p.t) {
      case "array":
        return `[]${this.typeName(p.sub)}`;
      case "map":
        return `map[string]${this.typeName(p.sub)}`;
      case "kind":
        return "Object";
      case "primitive":
        return p.type;
      case "reference":
        return this.typeName(this.target(p.ref));
      case "arbitrary":
        return "";
    }
  }

  /** field_lookup.go LookupSchemaForField. */
  lookup(p: Proto, path: readonly string[]): Proto {
    if (p.t === "primitive" || p.t === "arbitrary") return p;
    if (path.length === 0) return p;
    if (p.t === "array" || p.t === "map") return this.lookup(p.sub, path);
    if (p.t === "reference") return this.lookup(this.target(p.ref), path);
    const field = Object.hasOwn(p.fields, path[0]) ? p.fields[path[0]] : undefined;
    if (!field) throw new ExplainError(`error: field "${path[0]}" does not exist`);
    return this.lookup(this.parse(field), path.slice(1));
  }
}

/** Go's len() of a string: its UTF-8 bytes. */
const byteLength = (s: string): number => {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
};

const BULLET = /^(\d+\.?|-|\*)\s/;

/** formatter.go shouldStartNewLine. */
function shouldStartNewLine(lastWord: string, str: string): boolean {
  if (lastWord.endsWith(":")) return true;
  if (str.startsWith("    ")) return true;
  const trimmed = str.trim();
  return trimmed.length === 0 || BULLET.test(trimmed);
}

/** formatter.go wrapString: words joined to `wrap` bytes, keeping code blocks, blank lines, lists and lines after a colon. */
export function wrapV2(str: string, wrap: number): string[] {
  const wrapped: string[] = [];
  let words: string[] = [];
  let lastWord = "";
  const flush = () => {
    if (words.length) {
      lastWord = "";
      wrapped.push(words.join(" "));
      words = [];
    }
  };
  const add = (word: string): boolean => {
    if (words.length === 0 || byteLength([...words, word].join(" ")) <= wrap) {
      words.push(word);
      return true;
    }
    return false;
  };
  for (const line of str.split("\n")) {
    if (line.startsWith("    ")) {
      flush();
      wrapped.push(line);
      continue;
    }
    if (wrapped.length > 0 && line.trim().length === 0) {
      flush();
      wrapped.push("");
      continue;
    }
    if (shouldStartNewLine(lastWord, line)) flush();
    for (const word of line.split(/\s+/).filter(Boolean)) {
      lastWord = word;
      if (!add(word)) {
        flush();
        add(word);
      }
    }
  }
  flush();
  return wrapped;
}

/** formatter.go Formatter: Write indents a non-empty line; WriteWrapped wraps to 80 columns less the indent. */
class Formatter {
  out = "";
  write(indent: number, str: string): void {
    this.out += str === "" ? "\n" : " ".repeat(indent) + str + "\n";
  }
  writeWrapped(indent: number, str: string): void {
    for (const l of wrapV2(str, 80 - indent)) this.write(indent, l);
  }
}

const FIELD_INDENT = 3;
const DESCRIPTION_INDENT = 5;
const FIELD_DESCRIPTION_INDENT = 2;
const RECURSIVE_INDENT = 3;

/**
 * What `kubectl explain --output=plaintext-openapiv2` prints for a kind and a field path;
 * throws ExplainError with kubectl's message for a field that does not exist.
 */
export function renderExplainV2(
  kind: ExplainKind,
  path: readonly string[],
  recursive: boolean,
  doc: ExplainDocument,
): string {
  const model = new V2Model(doc);
  const root = doc.schemas.get(kind.schema);
  if (!root) throw new Error(`explain: no schema ${kind.schema}`);
  const leaf = model.lookup(model.parse(root), path);
  const name = path.length ? path[path.length - 1] : "";
  const w = new Formatter();
  const descriptions: string[] = [];
  let type = "";
  const header = () => {
    w.write(0, `KIND:     ${kind.kind}`);
    w.write(0, `VERSION:  ${kind.group ? `${kind.group}/` : ""}${kind.version}\n`);
  };
  const printDescription = (own: string) => {
    w.write(0, "DESCRIPTION:");
    let empty = true;
    [...descriptions, own].forEach((d, i) => {
      if (d === "") return;
      empty = false;
      if (i !== 0) w.write(0, "");
      w.writeWrapped(DESCRIPTION_INDENT, d);
    });
    if (empty) w.writeWrapped(DESCRIPTION_INDENT, "<empty>");
  };
  const fields = (k: Extract<Proto, { t: "kind" }>) => {
    for (const key of Object.keys(k.fields).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
      const f = model.parse(k.fields[key]);
      const required = k.required.includes(key) ? " -required-" : "";
      w.write(FIELD_INDENT, `${key}\t<${model.typeName(f)}>${required}`);
      w.writeWrapped(FIELD_INDENT + FIELD_DESCRIPTION_INDENT, f.description);
      w.write(0, "");
    }
  };
  const visited = new Set<string>();
  const recursiveFields = (p: Proto, indent: number): void => {
    if (p.t === "array" || p.t === "map") return recursiveFields(p.sub, indent);
    if (p.t === "reference") {
      if (visited.has(p.ref)) return;
      visited.add(p.ref);
      recursiveFields(model.target(p.ref), indent);
      visited.delete(p.ref);
      return;
    }
    if (p.t !== "kind") return;
    for (const key of Object.keys(p.fields).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
      const f = model.parse(p.fields[key]);
      w.write(indent, `${key}\t<${model.typeName(f)}>`);
      recursiveFields(f, indent + RECURSIVE_INDENT);
    }
  };
  // model_printer.go: arrays, maps and references gather their description and type on the way in.
  const visit = (p: Proto): void => {
    switch (p.t) {
      case "array":
      case "map":
        descriptions.push(p.description);
        if (type === "") type = model.typeName(p);
        return visit(p.sub);
      case "reference":
        descriptions.push(p.description);
        return visit(model.target(p.ref));
      case "kind":
        header();
        if (type === "") type = "Object";
        if (name !== "") w.write(0, `RESOURCE: ${name} <${type}>\n`);
        printDescription(p.description);
        w.write(0, "\nFIELDS:");
        if (recursive) recursiveFields(p, FIELD_INDENT);
        else fields(p);
        return;
      case "primitive":
        header();
        if (type === "") type = p.type;
        w.write(0, `FIELD:    ${name} <${type}>\n`);
        printDescription(p.description);
        return;
      case "arbitrary":
        header();
        printDescription(p.description);
        return;
    }
  };
  visit(leaf);
  return w.out;
}
