/**
 * An object as the API server returns it to kubectl: simulated times become RFC 3339
 * timestamps (metav1.Time), and keys are sorted, because kubectl
 * handles what `get` returns as unstructured maps and Go's encoders sort map keys (so
 * `-o yaml`, `-o json` and `-o jsonpath` all print keys in alphabetical order).
 */
import { isQuantityError, parseQuantity } from "../k8s/quantity.ts";
import { toRFC3339 } from "../k8s/time.ts";
import type { KubeObject } from "../k8s/types.ts";
import { dict } from "../k8s/safeKeys.ts";
import { admitDefaultTolerationSeconds } from "../k8s/kinds/pod/defaultTolerationSeconds.ts";

/** Field names that hold metav1.Time values anywhere in the objects we model. */
const TIME_FIELDS = new Set([
  "creationTimestamp",
  "deletionTimestamp",
  "lastUpdateTime",
  "lastTransitionTime",
  "lastScaleTime",
  "startTime",
  "startedAt",
  "finishedAt",
  "lastProbeTime",
  "lastPhaseTransitionTime",
  "completionTime",
  "lastScheduleTime",
  "lastSuccessfulTime",
]);

/**
 * A ResourceList value as the API server writes it back: a resource.Quantity always marshals as
 * its canonical string (quantity.go MarshalJSON → CanonicalizeBytes), whatever the manifest
 * said — `cpu: "0.5"` reads back `500m`, `cpu: 1` reads back `"1"`, `memory: 1e7` (a YAML
 * float, sent as the JSON number 10000000) reads back `10M`. Stored objects keep what was
 * written, so the pod-template-hash and the last-applied annotation are untouched.
 */
function quantityOut(v: unknown): unknown {
  if (typeof v !== "string" && typeof v !== "number") return v;
  const q = parseQuantity(v);
  return isQuantityError(q) ? v : q.toString();
}

function convert(value: unknown, key: string | undefined, parentKey?: string): unknown {
  if (key !== undefined && TIME_FIELDS.has(key) && typeof value === "number") return toRFC3339(value);
  if (Array.isArray(value)) return value.map((v) => convert(v, undefined));
  if (value !== null && typeof value === "object") {
    // A container's (or claim's) `resources.requests` / `resources.limits`: a ResourceList.
    const quantities = parentKey === "resources" && (key === "requests" || key === "limits");
    const out: Record<string, unknown> = dict();
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v === undefined) continue;
      out[k] = quantities ? quantityOut(v) : convert(v, k, key);
    }
    return out;
  }
  return value;
}

/**
 * The wire form of one stored object (a plain JSON value with sorted keys); the API server
 * has set the namespace of a namespaced object, and a cluster-scoped one has none.
 * `omitEmpty` names the fields its Go type tags `omitempty` (the kind's descriptor): a zero
 * there is left out, as encoding/json leaves it out.
 */
export function toWire(obj: KubeObject, omitEmpty: readonly string[] = []): Record<string, unknown> {
  const wire = convert(asStored(obj), undefined) as Record<string, unknown>;
  for (const path of omitEmpty) dropIfEmpty(wire, path.split("."));
  return wire;
}

/**
 * What the API server would have stored that the simulation leaves out of its objects: a pod's
 * tolerations as the DefaultTolerationSeconds admission plug-in appends them
 * (k8s/kinds/pod/defaultTolerationSeconds.ts). Kept out of the stored pods, so that no copy of a
 * pod carries them through a run (the ×10 bench day copies each pod several times), while what
 * reads them — kubectl's printers here and in describe, and the taint eviction controller —
 * reads them through the same function.
 */
function asStored(obj: KubeObject): KubeObject {
  if ((obj.kind as string) !== "Pod" || obj.apiVersion !== "v1") return obj;
  const spec = (obj as { spec?: unknown }).spec;
  if (typeof spec !== "object" || spec === null) return obj;
  const admitted = admitDefaultTolerationSeconds(spec as Record<string, unknown>);
  return admitted === spec ? obj : ({ ...obj, spec: admitted } as KubeObject);
}

/** encoding/json's isEmptyValue: false, 0, "", and empty arrays and maps. */
const isEmptyValue = (v: unknown): boolean =>
  v === false ||
  v === 0 ||
  v === "" ||
  v === null ||
  (Array.isArray(v) && v.length === 0) ||
  (typeof v === "object" && v !== null && !Array.isArray(v) && Object.keys(v).length === 0);

function dropIfEmpty(obj: Record<string, unknown>, path: readonly string[]): void {
  const [head, ...rest] = path;
  if (!(head in obj)) return;
  if (rest.length === 0) {
    if (isEmptyValue(obj[head])) delete obj[head];
    return;
  }
  const next = obj[head];
  if (typeof next === "object" && next !== null && !Array.isArray(next))
    dropIfEmpty(next as Record<string, unknown>, rest);
}

/** `kind: List` wrapper kubectl prints for `get TYPE -o yaml|json` without a name. */
export function toWireList(
  objects: readonly KubeObject[],
  omitEmptyOf: (o: KubeObject) => readonly string[] = () => [],
): Record<string, unknown> {
  return {
    apiVersion: "v1",
    items: objects.map((o) => toWire(o, omitEmptyOf(o))),
    kind: "List",
    metadata: { resourceVersion: "" },
  };
}

/** Go's json.MarshalIndent(v, "", "    ") as kubectl's JSON printer writes it, with a newline. */
export function toJSONText(v: unknown): string {
  return JSON.stringify(v, null, 4) + "\n";
}
