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

/**
 * `{ ...obj, ...fields }`: a shallow copy of `obj` with `fields` set, keys in the same order
 * (obj's, then fields' new ones). Built by Object.assign rather than spread syntax: V8 (Node
 * 20) gives each object made by a spread followed by a new key a hidden class of its own — a
 * map and descriptor array of a few hundred bytes, allocated in the old generation, where only
 * a full collection frees them (the x10 bench day made about ten per pod), and property reads
 * over such objects go megamorphic. Object.assign onto `{}` walks the shared transition tree.
 * The same result for JSON data: it holds no accessors and no `__proto__` key, which the API
 * refuses at the door (safeKeys.ts), so assigning defines what spread would.
 */
export function copyWith<T extends object, F extends object>(obj: T, fields: F): T & F {
  return Object.assign({}, obj, fields);
}

/**
 * `v` and everything in it made read-only, in place (a frozen object's insides are taken to be
 * frozen already): for data several stored objects share, which a write in place would change
 * under all of them. A write to it throws (modules run in strict mode), so a caller that
 * changes a stored object in place fails where it does it. A copy (deepClone) is not frozen.
 */
export function deepFreeze<T>(v: T): T {
  if (typeof v === "object" && v !== null && !Object.isFrozen(v)) {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}
