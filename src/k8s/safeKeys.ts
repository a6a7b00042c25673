/**
 * User data as plain data: keys a scenario writes (labels, annotations, field names in a
 * manifest or a patch, object names, container names) must never reach a JavaScript
 * prototype. Two rules, applied wherever user keys are walked:
 *
 * - `__proto__` is refused at the door (manifests, patches, label and annotation edits): as a
 *   property name it is not a key but the object's prototype, and writing through it
 *   changes every object at once. No Kubernetes field is called that, and it is not
 *   a valid label or annotation key (a qualified name starts with an alphanumeric character:
 *   apimachinery validation.IsQualifiedName), so nothing real is lost.
 * - Every other key, `constructor` and `toString` included, is an ordinary key: read only
 *   as an own property (`own`, `hasOwn`) and kept in maps without a prototype (`dict`), so
 *   a Deployment named `constructor` is a Deployment, not Object's constructor.
 */

/** The key that is a prototype, not a property. */
export const PROTO_KEY = "__proto__";

/** An empty record without a prototype: `dict<T>()["constructor"]` is undefined. */
export const dict = <T>(): Record<string, T> => Object.create(null) as Record<string, T>;

/** A record's own value for `key`, never an inherited one. */
export const own = <T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined =>
  record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;

/** Whether `key` is the record's own (Object.hasOwn, which no scenario can redefine). */
export const hasOwn = (record: object | undefined, key: string): boolean =>
  record !== undefined && Object.hasOwn(record, key);

/**
 * The path to the first `__proto__` key in a JSON-like value (as field.Path spells it:
 * "spec.template.__proto__", "items[2].__proto__"), or undefined. Iterative: a deep value
 * cannot overflow the stack.
 */
export function findProtoKey(value: unknown): string | undefined {
  const stack: { v: unknown; path: string }[] = [{ v: value, path: "" }];
  while (stack.length > 0) {
    const { v, path } = stack.pop()!;
    if (v === null || typeof v !== "object") continue;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: `${path}[${i}]` });
      continue;
    }
    const keys = Object.keys(v);
    if (keys.includes(PROTO_KEY)) return path === "" ? PROTO_KEY : `${path}.${PROTO_KEY}`;
    for (let i = keys.length - 1; i >= 0; i--)
      stack.push({
        v: (v as Record<string, unknown>)[keys[i]],
        path: path === "" ? keys[i] : `${path}.${keys[i]}`,
      });
  }
  return undefined;
}
