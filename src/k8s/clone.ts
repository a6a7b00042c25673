/**
 * Deep copies of manifest data. Objects here are JSON data (parsed YAML, stored API objects),
 * so a structural copy of plain objects, arrays and scalars is complete; it avoids depending
 * on a host's structuredClone.
 */
export function deepClone<T>(v: T): T {
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map((x) => deepClone(x)) as unknown as T;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = deepClone(x);
  return out as T;
}
