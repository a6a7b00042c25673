/**
 * The OpenAPI v3 document kube-apiserver publishes for a custom resource, as `kubectl explain`
 * reads it: apiextensions-apiserver's pkg/controller/openapi/builder/builder.go (BuildOpenAPIV3
 * with Options{V2: false}, so nothing is stripped) over one served version of a
 * CustomResourceDefinition.
 *
 * - The version's `schema.openAPIV3Schema`, as written (descriptions, types, properties,
 *   required, items, additionalProperties, enum, allOf — what the template reads).
 * - buildKubeNative: `metadata` becomes a reference to ObjectMeta with PartialObjectMetadata's
 *   description (a `$ref` beside a description, not wrapped in allOf as the built-in kinds'
 *   fields are), and `apiVersion` and `kind` are TypeMeta's, whatever the schema said of them.
 * - addEmbeddedProperties: an object with `x-kubernetes-embedded-resource` gets `apiVersion`,
 *   `kind` and `metadata` the same way (with the embedded wording) and requires kind and
 *   apiVersion.
 * - A version without a schema is published as a bare `{type: object}`: no description, no
 *   fields. (apiextensions.k8s.io/v1 requires a schema; Replicast stores such a CRD anyway.) A
 *   schema apiextensions would find non-structural is published the same way upstream;
 *   Replicast does not check structural-ness and publishes it as written.
 *
 * `x-kubernetes-preserve-unknown-fields` changes nothing here: in OpenAPI v3 the schema keeps
 * its properties (only the v2 document drops them), so such an object lists the fields it
 * declares, and `<Object>` for one that declares none. `externalDocs` is left out: kubectl's
 * template prints it only from 1.36 (kubernetes PR #136988).
 */
import type { KubeObject } from "../../k8s/types.ts";
import { explainDocument, type ExplainDocument, type ExplainKind, type Schema } from "./render.ts";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const obj = (v: unknown): Obj => (isObj(v) ? v : {});
const str = (v: unknown): string => (typeof v === "string" ? v : "");

/** The schemas' id for a custom kind's root (the shipped ids are `group/version/Kind` without a prefix). */
const rootId = (group: string, version: string, kind: string) => `crd:${group}/${version}/${kind}`;

const OBJECT_META = "meta:apis/meta/v1/ObjectMeta";
/** metav1beta1.PartialObjectMetadata's doc of `metadata` (swaggerPartialObjectMetadataDescriptions). */
const METADATA_DESCRIPTION =
  "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";
/** addEmbeddedProperties' own wording for an embedded object's type meta. */
const EMBEDDED_API_VERSION =
  "apiVersion defines the versioned schema of this representation of an object. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources";
const EMBEDDED_KIND =
  "kind is a string value representing the type of this object. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds";

const metadataField = (): Schema => ({ $ref: OBJECT_META, description: METADATA_DESCRIPTION });

/** TypeMeta's apiVersion and kind, as every built-in kind's document has them. */
function typeMeta(doc: ExplainDocument): { apiVersion: Schema; kind: Schema } {
  const props = doc.schemas.get("apps/v1/Deployment")?.properties ?? {};
  return { apiVersion: props.apiVersion ?? { type: "string" }, kind: props.kind ?? { type: "string" } };
}

/** An enum value as Go's template prints a JSON value (%v): numbers and booleans as written, null as <nil>. */
const enumText = (v: unknown): string =>
  typeof v === "string" ? v : v === null ? "<nil>" : typeof v === "object" ? JSON.stringify(v) : String(v);

/** One JSONSchemaProps node, with addEmbeddedProperties applied below it. */
function toSchema(p: unknown): Schema {
  if (!isObj(p)) return {};
  const s: Schema = {};
  if (str(p.description)) s.description = str(p.description);
  if (str(p.type)) s.type = str(p.type);
  if (Array.isArray(p.enum) && p.enum.length) s.enum = p.enum.map(enumText);
  if (isObj(p.properties)) {
    const props = Object.entries(p.properties);
    if (props.length) s.properties = Object.fromEntries(props.map(([k, v]) => [k, toSchema(v)]));
  }
  if (Array.isArray(p.required)) {
    const required = p.required.filter((r): r is string => typeof r === "string");
    if (required.length) s.required = required;
  }
  if (isObj(p.items)) s.items = toSchema(p.items);
  // A boolean additionalProperties is no map for the template (its `printf "%T"` test).
  if (isObj(p.additionalProperties)) s.additionalProperties = toSchema(p.additionalProperties);
  if (Array.isArray(p.allOf) && p.allOf.length) s.allOf = p.allOf.map(toSchema);
  if (p["x-kubernetes-embedded-resource"] === true) {
    s.properties = {
      ...s.properties,
      apiVersion: { type: "string", description: EMBEDDED_API_VERSION },
      kind: { type: "string", description: EMBEDDED_KIND },
      metadata: metadataField(),
    };
    const required = [...(s.required ?? [])];
    if (!required.includes("kind")) required.push("kind");
    if (!required.includes("apiVersion")) required.push("apiVersion");
    s.required = required;
  }
  return s;
}

/** A served version of the CRD, or undefined. */
const servedVersion = (crd: KubeObject, version: string): Obj | undefined =>
  (Array.isArray(obj(obj(crd).spec).versions) ? (obj(obj(crd).spec).versions as unknown[]) : [])
    .map(obj)
    .find((v) => v.name === version && v.served !== false);

/**
 * What explain renders for one served version of a CRD: the kind, and the shipped documents
 * with the kind's root schema added (ObjectMeta is referenced from them). Undefined for a
 * version the CRD does not serve.
 */
export function customResourceDocument(
  crd: KubeObject,
  version: string,
): { kind: ExplainKind; doc: ExplainDocument } | undefined {
  const v = servedVersion(crd, version);
  if (!v) return undefined;
  const spec = obj(obj(crd).spec);
  const group = str(spec.group);
  const kindName = str(obj(spec.names).kind);
  const base = explainDocument();
  const raw = obj(v.schema).openAPIV3Schema;
  let root: Schema;
  if (!isObj(raw)) root = { type: "object" };
  else {
    root = toSchema(raw);
    const meta = typeMeta(base);
    root.properties = { ...root.properties, metadata: metadataField(), ...meta };
  }
  const id = rootId(group, version, kindName);
  const schemas = new Map(base.schemas);
  schemas.set(id, root);
  return {
    kind: { group, version, kind: kindName, schema: id },
    doc: { kinds: [...base.kinds], schemas },
  };
}
