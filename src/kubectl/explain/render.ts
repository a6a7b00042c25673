/**
 * What `kubectl explain` prints (kubectl/pkg/explain/v2/templates/plaintext.tmpl, the OpenAPI
 * v3 renderer kubectl uses by default since 1.27), over the documents in schemas.ts. Each
 * function below is one of the template's: `output` follows the field path, `fieldList` and
 * `fieldDetail` print FIELDS, `description`, `typeGuess` and `extractEnum` as the template's
 * helpers do. The template walks an OpenAPI v3 document, where a field that references a type
 * and has its own description is `{allOf: [{$ref}], description}`: the documents are rebuilt in
 * that shape, so the template's rules (whose description comes first, where a cycle stops, when
 * a type prints as its name) apply as written.
 */
import { explainSchemasJson } from "./schemas.ts";
import { wrapString } from "./wordWrap.ts";

/** The part of an OpenAPI v3 schema the template reads. */
export interface Schema {
  description?: string;
  type?: string;
  $ref?: string;
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  additionalProperties?: Schema;
  enum?: string[];
}

/** A kind the documents describe: its group ("" for the core group), version and schema. */
export interface ExplainKind {
  group: string;
  version: string;
  kind: string;
  schema: string;
}

/** schemas.ts's compact form: d description, t type, p properties, r required, i items, a map values, e enum. */
interface Compact {
  d?: string;
  t?: string;
  ref?: string;
  p?: Record<string, Compact>;
  r?: string[];
  i?: Compact;
  a?: Compact;
  e?: string[];
}

export interface ExplainDocument {
  kinds: readonly ExplainKind[];
  schemas: ReadonlyMap<string, Schema>;
}

function field(c: Compact): Schema {
  // kube-openapi's v3: a reference with a description of its own is wrapped in allOf.
  if (c.ref !== undefined) return c.d ? { description: c.d, allOf: [{ $ref: c.ref }] } : { $ref: c.ref };
  const s: Schema = {};
  if (c.d) s.description = c.d;
  if (c.t) s.type = c.t;
  if (c.e?.length) s.enum = c.e;
  if (c.i) s.items = field(c.i);
  if (c.a) s.additionalProperties = field(c.a);
  return s;
}

function named(c: Compact): Schema {
  const s: Schema = {};
  if (c.d) s.description = c.d;
  if (c.p) {
    s.type = "object";
    const props = Object.entries(c.p);
    if (props.length) s.properties = Object.fromEntries(props.map(([k, v]) => [k, field(v)]));
    if (c.r?.length) s.required = c.r;
  } else if (c.t) s.type = c.t;
  return s;
}

let loaded: ExplainDocument | undefined;

/** The documents, parsed on first use: start-up never pays for them. */
export function explainDocument(): ExplainDocument {
  if (!loaded) {
    const raw = JSON.parse(explainSchemasJson()) as {
      kinds: ExplainKind[];
      schemas: Record<string, Compact>;
    };
    loaded = {
      kinds: raw.kinds,
      schemas: new Map(Object.entries(raw.schemas).map(([id, c]) => [id, named(c)])),
    };
  }
  return loaded;
}

type History = ReadonlySet<string>;
const NO_HISTORY: History = new Set();
const withRef = (h: History, ref: string): History => new Set([...h, ref]);

/** Go's map range order, which the template's `range $k, $v := .properties` follows: sorted keys. */
const sortedKeys = (o: Record<string, unknown>): string[] =>
  Object.keys(o).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

const indent = (n: number, s: string): string => {
  const pad = " ".repeat(n);
  return pad + s.replaceAll("\n", "\n" + pad);
};

class Renderer {
  constructor(
    private readonly doc: ExplainDocument,
    private readonly recursive: boolean,
  ) {}

  private resolve(ref: string | undefined): Schema | undefined {
    return ref === undefined ? undefined : this.doc.schemas.get(ref);
  }

  /** The template's "output": follow the field path, then print the schema found. */
  output(schema: Schema, path: readonly string[], history: History): string {
    const ref = schema.$ref ?? "";
    const next = withRef(history, ref);
    const resolved = this.resolve(schema.$ref) ?? schema;
    if (path.length === 0) {
      let out = "DESCRIPTION:\n";
      out += indent(4, wrapString(this.description(resolved) || "<empty>", 76)) + "\n";
      const fields = this.fieldList(resolved, 1, NO_HISTORY);
      if (fields) out += "FIELDS:\n" + fields;
      return out;
    }
    if (ref && history.has(ref)) return "";
    // Own properties only: `constructor` or `__proto__` is no field.
    const props = resolved.properties;
    const sub = props && Object.hasOwn(props, path[0]) ? props[path[0]] : undefined;
    if (sub) {
      let out = "";
      if (path.length === 1)
        out += `FIELD: ${path[0]} <${this.typeGuess(sub)}>\n` + this.extractEnum(sub, true, -1, 0) + "\n\n";
      // The template starts a new history for the field's own schema.
      return out + this.output(sub, path.slice(1), NO_HISTORY);
    }
    if (resolved.items) return this.output(resolved.items, path, next);
    if (resolved.additionalProperties) return this.output(resolved.additionalProperties, path, next);
    for (const alt of resolved.allOf ?? []) {
      const out = this.output(alt, path, next);
      if (out) return out;
    }
    return "";
  }

  /** Each field: `name\t<type>`, ` -required-`, its enum, and (not recursive) its description. */
  private fieldList(schema: Schema, level: number, history: History): string {
    const ref = schema.$ref ?? "";
    if (ref && history.has(ref)) return "";
    const next = withRef(history, ref);
    const resolved = this.resolve(schema.$ref) ?? schema;
    let out = "";
    const props = resolved.properties;
    if (props)
      for (const name of sortedKeys(props)) {
        out += this.fieldDetail(name, resolved, level);
        if (this.recursive) out += this.fieldList(props[name], level + 1, next);
      }
    for (const alt of resolved.allOf ?? []) out += this.fieldList(alt, level, next);
    if (resolved.items) out += this.fieldList(resolved.items, level, next);
    if (resolved.additionalProperties) out += this.fieldList(resolved.additionalProperties, level, next);
    return out;
  }

  private fieldDetail(name: string, schema: Schema, level: number): string {
    const indentAmount = level * 2;
    const f = schema.properties![name];
    let out = indent(indentAmount, name) + `\t<${this.typeGuess(f)}>`;
    if (schema.required?.includes(name)) out += " -required-";
    out += this.extractEnum(f, false, 4, indentAmount) + "\n";
    if (!this.recursive) {
      out += indent(indentAmount + 2, wrapString(f.description || "<no description>", 78 - indentAmount));
      out += "\n\n";
    }
    return out;
  }

  /** The schema's description, then those of what it wraps: allOf, items, map values. */
  description(schema: Schema): string {
    const s = this.resolve(schema.$ref) ?? schema;
    let out = s.description ? s.description + "\n" : "";
    for (const alt of s.allOf ?? []) out += this.description(alt);
    if (s.items) out += this.description(s.items);
    if (s.additionalProperties) out += this.description(s.additionalProperties);
    return out;
  }

  /** `[]Container`, `map[string]string`, a referenced object's name, `Object`, or the type. */
  typeGuess(s: Schema): string {
    if (s.items) return "[]" + this.typeGuess(s.items);
    if (s.additionalProperties) return "map[string]" + this.typeGuess(s.additionalProperties);
    if (s.allOf && !s.properties && s.allOf.length === 1) return this.typeGuess(s.allOf[0]);
    if (s.$ref !== undefined) {
      const target = this.resolve(s.$ref);
      // Only an object (or an untyped schema: Quantity, IntOrString) prints as its name.
      if (!target || !target.type || target.type === "object") return refName(s.$ref) || "Object";
      return target.type;
    }
    return s.type === "object" ? "Object" : s.type || "Object";
  }

  private extractEnum(s: Schema, longView: boolean, limit: number, indentAmount: number): string {
    if (!s.enum?.length) return "";
    let out = longView ? "ENUM:" : "\n" + " ".repeat(indentAmount) + "enum: ";
    for (const [i, e] of s.enum.entries()) {
      if (limit > -1 && i >= limit) {
        out += ", ....";
        break;
      }
      if (i > 0 && !longView) out += ", ";
      else if (longView) out += "\n    ";
      out += e === "" ? '""' : e;
    }
    return out;
  }
}

/** The name the template prints for a reference: the schema name's last part. */
const refName = (ref: string): string => ref.slice(ref.lastIndexOf("/") + 1);

/** Thrown for what kubectl reports as an error (the message as kubectl prints it). */
export class ExplainError extends Error {}

/**
 * What `kubectl explain` prints for a kind and a field path (`spec.strategy` → ["spec",
 * "strategy"]); throws ExplainError with kubectl's message for a field that does not exist.
 */
export function renderExplain(
  kind: ExplainKind,
  path: readonly string[],
  recursive: boolean,
  doc: ExplainDocument = explainDocument(),
): string {
  const schema = doc.schemas.get(kind.schema);
  if (!schema) throw new Error(`explain: no schema ${kind.schema}`);
  const body = new Renderer(doc, recursive).output(schema, path, NO_HISTORY);
  // The template names the path's last word, whichever word was missing.
  if (!body) throw new ExplainError(`error: field "${path[path.length - 1]}" does not exist`);
  let out = kind.group ? `GROUP:      ${kind.group}\n` : "";
  out += `KIND:       ${kind.kind}\nVERSION:    ${kind.version}\n\n`;
  return out + body + "\n";
}
