/**
 * `--field-selector` (apimachinery fields.ParseSelector; the API server's selectable fields
 * per kind). Every kind selects on metadata.name and metadata.namespace; some have more, each
 * from its registry strategy's ToSelectableFields (1.28):
 * - Pod (pkg/registry/core/pod/strategy.go): spec.nodeName, spec.restartPolicy,
 *   spec.schedulerName, spec.serviceAccountName, spec.hostNetwork, status.phase, status.podIP,
 *   status.nominatedNodeName;
 * - Event (pkg/registry/core/event/strategy.go): involvedObject.kind, .namespace, .name,
 *   .uid, .apiVersion, .resourceVersion, .fieldPath, reason, reportingComponent, source, type;
 * - Node: spec.unschedulable; Namespace: status.phase; Secret: type; ReplicaSet:
 *   status.replicas; Job: status.successful.
 * A field the kind does not have is the server's BadRequest, as kubectl prints it
 * (EnhanceListError): `Unable to find "/v1, Resource=pods" that match label selector "",
 * field selector "spec.x=1": field label not supported: spec.x`.
 */
export interface FieldRequirement {
  field: string;
  /** `=` and `==` are one operator. */
  op: "=" | "!=";
  value: string;
}

/** fields.ParseSelector: `a=b,c!=d` (backslash escapes `,`, `=` and `!`); an error text otherwise. */
export function parseFieldSelector(text: string): FieldRequirement[] | { error: string } {
  const out: FieldRequirement[] = [];
  if (text.trim() === "") return out;
  for (const term of splitTerms(text)) {
    const m = /^(.*?)(!=|==|=)(.*)$/s.exec(term);
    if (!m) return { error: `invalid selector: '${text}'; can't understand '${term}'` };
    out.push({ field: m[1].trim(), op: m[2] === "!=" ? "!=" : "=", value: unescape(m[3].trim()) });
  }
  return out;
}

function splitTerms(text: string): string[] {
  const terms: string[] = [];
  let current = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\\" && i + 1 < text.length) {
      current += c + text[++i];
      continue;
    }
    if (c === ",") {
      terms.push(current);
      current = "";
      continue;
    }
    current += c;
  }
  terms.push(current);
  return terms;
}

const unescape = (s: string): string => s.replace(/\\(.)/g, "$1");

/** A selectable field's value, read from the object as the API server lists it. */
type FieldOf = (o: Wire) => string;
type Wire = Record<string, unknown>;

const at = (o: Wire, path: string): unknown =>
  path
    .split(".")
    .reduce<unknown>((v, k) => (v !== null && typeof v === "object" ? (v as Wire)[k] : undefined), o);
const text =
  (path: string, absent = ""): FieldOf =>
  (o) => {
    const v = at(o, path);
    return v === undefined || v === null ? absent : String(v);
  };
const flag =
  (path: string): FieldOf =>
  (o) =>
    at(o, path) === true ? "true" : "false";

const META: Readonly<Record<string, FieldOf>> = {
  "metadata.name": text("metadata.name"),
  "metadata.namespace": text("metadata.namespace"),
};

/** Each kind's selectable fields beyond metadata's (the strategies the file's comment cites). */
const FIELDS: Readonly<Record<string, Readonly<Record<string, FieldOf>>>> = {
  Pod: {
    ...META,
    "spec.nodeName": text("spec.nodeName"),
    "spec.restartPolicy": text("spec.restartPolicy"),
    "spec.schedulerName": text("spec.schedulerName"),
    "spec.serviceAccountName": text("spec.serviceAccountName"),
    "spec.hostNetwork": flag("spec.hostNetwork"),
    "status.phase": text("status.phase"),
    "status.podIP": text("status.podIP"),
    "status.nominatedNodeName": text("status.nominatedNodeName"),
  },
  Node: { ...META, "spec.unschedulable": flag("spec.unschedulable") },
  Namespace: { ...META, "status.phase": text("status.phase") },
  Secret: { ...META, type: text("type") },
  ReplicaSet: { ...META, "status.replicas": text("status.replicas", "0") },
  Job: { ...META, "status.successful": text("status.succeeded", "0") },
  Event: {
    ...META,
    "involvedObject.kind": text("involvedObject.kind"),
    "involvedObject.namespace": text("involvedObject.namespace"),
    "involvedObject.name": text("involvedObject.name"),
    "involvedObject.uid": text("involvedObject.uid"),
    "involvedObject.apiVersion": text("involvedObject.apiVersion"),
    "involvedObject.resourceVersion": text("involvedObject.resourceVersion"),
    "involvedObject.fieldPath": text("involvedObject.fieldPath"),
    reason: text("reason"),
    reportingComponent: text("reportingComponent"),
    source: text("source.component"),
    type: text("type"),
  },
};

/** Where the error names the list and its selectors (EnhanceListError). */
export interface ListContext {
  /** `"/v1, Resource=pods"`: the GroupVersionResource as kubectl prints it. */
  resource: string;
  labelSelector: string;
}

/**
 * The items whose object (`objectOf`, as the API server lists it) matches `selectorText`, or
 * the server's BadRequest: a selector it cannot parse, or a field `kind` cannot be selected by
 * (whether or not anything is listed).
 */
export function selectByFields<T>(
  items: readonly T[],
  kind: string,
  selectorText: string,
  objectOf: (item: T) => object,
  list: ListContext,
): T[] | { error: string } {
  const error = (message: string) => ({
    error: `Error from server (BadRequest): Unable to find ${JSON.stringify(list.resource)} that match label selector ${JSON.stringify(list.labelSelector)}, field selector ${JSON.stringify(selectorText)}: ${message}`,
  });
  const selector = parseFieldSelector(selectorText);
  if ("error" in selector) return error(selector.error);
  const fields = FIELDS[kind] ?? META;
  const unsupported = selector.find((r) => !(r.field in fields));
  if (unsupported) return error(`field label not supported: ${unsupported.field}`);
  return items.filter((item) => {
    const o = objectOf(item) as Wire;
    return selector.every((r) => (fields[r.field](o) === r.value) === (r.op === "="));
  });
}
