/**
 * An object as the API server returns it to kubectl: simulated times become RFC 3339
 * timestamps (metav1.Time), and keys are sorted, because kubectl
 * handles what `get` returns as unstructured maps and Go's encoders sort map keys (so
 * `-o yaml`, `-o json` and `-o jsonpath` all print keys in alphabetical order).
 */
import { toRFC3339 } from "../k8s/time.ts";
import type { KubeObject } from "../k8s/types.ts";
import { dict } from "../k8s/safeKeys.ts";

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
]);

function convert(value: unknown, key: string | undefined): unknown {
  if (key !== undefined && TIME_FIELDS.has(key) && typeof value === "number") return toRFC3339(value);
  if (Array.isArray(value)) return value.map((v) => convert(v, undefined));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = dict();
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v === undefined) continue;
      out[k] = convert(v, k);
    }
    return out;
  }
  return value;
}

/**
 * The wire form of one stored object (a plain JSON value with sorted keys); the API server
 * has set the namespace of a namespaced object, and a cluster-scoped one has none.
 */
export function toWire(obj: KubeObject): Record<string, unknown> {
  return convert(obj, undefined) as Record<string, unknown>;
}

/** `kind: List` wrapper kubectl prints for `get TYPE -o yaml|json` without a name. */
export function toWireList(objects: readonly KubeObject[]): Record<string, unknown> {
  return { apiVersion: "v1", items: objects.map(toWire), kind: "List", metadata: { resourceVersion: "" } };
}

/** Go's json.MarshalIndent(v, "", "    ") as kubectl's JSON printer writes it, with a newline. */
export function toJSONText(v: unknown): string {
  return JSON.stringify(v, null, 4) + "\n";
}
