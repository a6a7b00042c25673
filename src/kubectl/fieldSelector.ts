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
import type { KubeObject } from "../k8s/types.ts";

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

/** The fields a stored object of `kind` can be selected by, with their values. */
export function selectableFields(obj: KubeObject): Record<string, string> {
  const meta = { "metadata.name": obj.metadata.name, "metadata.namespace": obj.metadata.namespace ?? "" };
  const o = obj as unknown as {
    spec?: Record<string, unknown>;
    status?: Record<string, unknown>;
    type?: string;
  };
  const str = (v: unknown): string => (v === undefined || v === null ? "" : String(v));
  switch (obj.kind as string) {
    case "Pod":
      return {
        ...meta,
        "spec.nodeName": str(o.spec?.nodeName),
        "spec.restartPolicy": str(o.spec?.restartPolicy),
        "spec.schedulerName": str(o.spec?.schedulerName),
        "spec.serviceAccountName": str(o.spec?.serviceAccountName),
        "spec.hostNetwork": o.spec?.hostNetwork === true ? "true" : "false",
        "status.phase": str(o.status?.phase),
        "status.podIP": str(o.status?.podIP),
        "status.nominatedNodeName": str(o.status?.nominatedNodeName),
      };
    case "Node":
      return { ...meta, "spec.unschedulable": o.spec?.unschedulable === true ? "true" : "false" };
    case "Namespace":
      return { ...meta, "status.phase": str(o.status?.phase) };
    case "Secret":
      return { ...meta, type: str(o.type) };
    case "ReplicaSet":
      return { ...meta, "status.replicas": str(o.status?.replicas ?? 0) };
    case "Job":
      return { ...meta, "status.successful": str(o.status?.succeeded ?? 0) };
    default:
      return meta;
  }
}

/** An Event's selectable fields (event/strategy.go ToSelectableFields), from its wire form. */
export function eventFields(e: {
  metadata: { name: string; namespace: string };
  involvedObject: Record<string, unknown>;
  reason: string;
  reportingComponent: string;
  source: { component?: string };
  type: string;
}): Record<string, string> {
  const o = e.involvedObject;
  const str = (v: unknown): string => (v === undefined || v === null ? "" : String(v));
  return {
    "metadata.name": e.metadata.name,
    "metadata.namespace": e.metadata.namespace,
    "involvedObject.kind": str(o.kind),
    "involvedObject.namespace": str(o.namespace),
    "involvedObject.name": str(o.name),
    "involvedObject.uid": str(o.uid),
    "involvedObject.apiVersion": str(o.apiVersion),
    "involvedObject.resourceVersion": str(o.resourceVersion),
    "involvedObject.fieldPath": str(o.fieldPath),
    reason: e.reason,
    reportingComponent: e.reportingComponent,
    source: str(e.source.component),
    type: e.type,
  };
}

/** A field the selector names that `fields` lacks (the server's "field label not supported"). */
export function unsupportedField(
  selector: readonly FieldRequirement[],
  fields: Readonly<Record<string, string>>,
): string | undefined {
  return selector.find((r) => !(r.field in fields))?.field;
}

export function fieldsMatch(
  selector: readonly FieldRequirement[],
  fields: Readonly<Record<string, string>>,
): boolean {
  return selector.every((r) => (fields[r.field] === r.value) === (r.op === "="));
}

/** EnhanceListError's message around the server's, for a list with a field selector. */
export function fieldSelectorError(
  resource: string,
  labelSelector: string,
  fieldSelector: string,
  message: string,
): string {
  return `Error from server (BadRequest): Unable to find ${JSON.stringify(resource)} that match label selector ${JSON.stringify(labelSelector)}, field selector ${JSON.stringify(fieldSelector)}: ${message}`;
}
