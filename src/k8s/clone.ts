/**
 * Deep copies of manifest data. Objects here are JSON data (parsed YAML, stored API objects),
 * so a structural copy of plain objects, arrays and scalars is complete; it avoids depending
 * on a host's structuredClone, and is several times faster than it on such data (the API
 * server copies every object it admits and every status it is given).
 */
export function deepClone<T>(v: T): T {
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) {
    const out: unknown[] = new Array(v.length);
    // A hole stays a hole, as map and structuredClone keep it.
    for (let i = 0; i < v.length; i++) if (i in v) out[i] = deepClone(v[i]);
    return out as unknown as T;
  }
  const out: Record<string, unknown> = {};
  const from = v as Record<string, unknown>;
  for (const k in from) if (Object.hasOwn(from, k)) out[k] = deepClone(from[k]);
  return out as T;
}
