/**
 * A JSON-like value with every object's keys sorted and its undefined members dropped: the
 * order Go's encoding/json writes a map's keys in, which kubectl's last-applied-configuration,
 * its -o json/yaml of a client object, kustomize's name hash and `kubectl kustomize` all follow.
 * Keys are defined, not assigned, so no key can reach a prototype (safeKeys.ts).
 */
export function sortedKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortedKeys);
  if (v === null || typeof v !== "object") return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).sort()) {
    const x = (v as Record<string, unknown>)[k];
    if (x !== undefined)
      Object.defineProperty(out, k, {
        value: sortedKeys(x),
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
  return out;
}
