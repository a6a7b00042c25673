/**
 * The patch semantics kubectl uses, over plain JSON values:
 * - JSON merge patch (RFC 7386, `--type=merge`): objects merge key by key, `null` deletes,
 *   anything else replaces.
 * - Strategic merge (`--type=strategic`, the default for built-in kinds): as merge, except that
 *   lists with a patch merge key merge item by item — containers, initContainers, volumes and
 *   env by `name`, ports by `containerPort`, volumeMounts by `mountPath`.
 * - JSON patch (RFC 6902, `--type=json`): add, remove, replace, move, copy, test.
 * - The three-way merge of `kubectl apply` (CreateThreeWayMergePatch): fields set in the new
 *   manifest win over the live object; fields in the last-applied configuration that the new
 *   manifest dropped are deleted; fields nobody applied (status, fields written by controllers
 *   such as the HPA's replicas when the manifest never set them) stay as they are.
 *
 * Keys are walked as own properties only and written as data properties (src/k8s/safeKeys.ts):
 * a patch can add a field named `constructor` and never reach a prototype. `__proto__`, in a
 * patch or a pointer, is refused before anything is changed (checkPatchKeys).
 */
import { findProtoKey, hasOwn, own, PROTO_KEY } from "./safeKeys.ts";

type Json = unknown;
type JsonObject = Record<string, Json>;

const isObject = (v: Json): v is JsonObject => v !== null && typeof v === "object" && !Array.isArray(v);

/** patchMergeKey of the list fields we model (from the API types' struct tags). */
const MERGE_KEYS: Readonly<Record<string, string>> = {
  containers: "name",
  initContainers: "name",
  volumes: "name",
  env: "name",
  ports: "containerPort",
  volumeMounts: "mountPath",
};

const mergeKeyOf = (key: string | undefined): string | undefined =>
  key === undefined ? undefined : own(MERGE_KEYS, key);

/** Set a key as a plain data property (even one named like an Object.prototype member). */
const setKey = (o: JsonObject, k: string, v: Json): void => {
  Object.defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true });
};

/** A patch (or a document patched in) may not hold a `__proto__` key; the error names where. */
export function checkPatchKeys(patch: Json): void {
  const at = findProtoKey(patch);
  if (at !== undefined) throw new Error(`the key "${PROTO_KEY}" is not allowed in a patch (at ${at})`);
}

export function mergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return structuredClone(patch);
  const out: JsonObject = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else setKey(out, k, mergePatch(own(out, k), v));
  }
  return out;
}

export function strategicMergePatch(target: Json, patch: Json, key?: string): Json {
  const mk = mergeKeyOf(key);
  if (Array.isArray(patch) && mk !== undefined && Array.isArray(target)) {
    const out = target.map((x) => structuredClone(x));
    for (const item of patch) {
      if (!isObject(item)) continue;
      if (item.$patch === "delete") {
        const idx = out.findIndex((x) => isObject(x) && x[mk] === item[mk]);
        if (idx >= 0) out.splice(idx, 1);
        continue;
      }
      const idx = out.findIndex((x) => isObject(x) && x[mk] === item[mk]);
      if (idx >= 0) out[idx] = strategicMergePatch(out[idx], item);
      else out.push(strategicMergePatch(undefined, item));
    }
    return out;
  }
  if (!isObject(patch)) return structuredClone(patch);
  const out: JsonObject = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else setKey(out, k, strategicMergePatch(own(out, k), v, k));
  }
  return out;
}

export interface JsonPatchOp {
  op: "add" | "remove" | "replace" | "move" | "copy" | "test";
  path: string;
  value?: Json;
  from?: string;
}

const unescape = (s: string) => s.replace(/~1/g, "/").replace(/~0/g, "~");

function pointer(path: unknown): string[] {
  if (typeof path !== "string")
    throw new Error(`invalid JSON pointer ${JSON.stringify(path) ?? "undefined"}`);
  if (path === "") return [];
  if (!path.startsWith("/")) throw new Error(`invalid JSON pointer "${path}"`);
  const parts = path.slice(1).split("/").map(unescape);
  if (parts.includes(PROTO_KEY))
    throw new Error(`the key "${PROTO_KEY}" is not allowed in a patch (in the path "${path}")`);
  return parts;
}

/** An array index as RFC 6901 writes one ("0", "12"; not "01", "-1", "1e3"). */
const arrayIndex = (p: string): number => (/^(0|[1-9]\d*)$/.test(p) ? Number(p) : NaN);

function getAt(doc: Json, parts: string[]): Json {
  let cur = doc;
  for (const p of parts) {
    if (Array.isArray(cur)) cur = cur[arrayIndex(p)];
    else if (isObject(cur)) cur = own(cur, p);
    else return undefined;
  }
  return cur;
}

/** RFC 6902, as evanphx/json-patch applies it; errors are thrown with its wording. */
export function jsonPatch(doc: Json, ops: JsonPatchOp[]): Json {
  let root = structuredClone(doc);
  for (const op of ops) {
    if (!isObject(op)) throw new Error(`invalid JSON patch operation ${JSON.stringify(op)}`);
    checkPatchKeys(op.value);
    const parts = pointer(op.path);
    const parentParts = parts.slice(0, -1);
    const last = parts[parts.length - 1];
    const parent = getAt(root, parentParts);
    const put = (value: Json, insert: boolean) => {
      if (!parts.length) {
        root = value;
        return;
      }
      if (Array.isArray(parent)) {
        const idx = last === "-" ? parent.length : arrayIndex(last);
        if (Number.isNaN(idx) || idx < 0 || idx > parent.length || (!insert && idx === parent.length))
          throw new Error(`Unable to access invalid index: ${last}`);
        if (insert) parent.splice(idx, 0, value);
        else parent[idx] = value;
      } else if (isObject(parent)) {
        if (!insert && !hasOwn(parent, last))
          throw new Error(`replace operation does not apply: doc is missing key: ${op.path}`);
        setKey(parent, last, value);
      } else {
        throw new Error(`${op.op} operation does not apply: doc is missing path: ${op.path}`);
      }
    };
    const remove = () => {
      const idx = arrayIndex(last);
      if (Array.isArray(parent) && idx < parent.length) parent.splice(idx, 1);
      else if (isObject(parent) && parts.length > 0 && hasOwn(parent, last)) delete parent[last];
      else throw new Error(`remove operation does not apply: doc is missing path: "${op.path}"`);
    };
    switch (op.op) {
      case "add":
        put(structuredClone(op.value), true);
        break;
      case "replace":
        put(structuredClone(op.value), false);
        break;
      case "remove":
        remove();
        break;
      case "move":
      case "copy": {
        const value = structuredClone(getAt(root, pointer(op.from ?? "")));
        if (op.op === "move") {
          const fromParts = pointer(op.from ?? "");
          const fp = getAt(root, fromParts.slice(0, -1));
          const fl = fromParts[fromParts.length - 1];
          if (Array.isArray(fp)) fp.splice(arrayIndex(fl), 1);
          else if (isObject(fp) && hasOwn(fp, fl)) delete fp[fl];
        }
        put(value, true);
        break;
      }
      case "test":
        if (JSON.stringify(getAt(root, parts)) !== JSON.stringify(op.value))
          throw new Error("testing value failed");
        break;
    }
  }
  return root;
}

/**
 * kubectl apply's three-way merge. `original` is the last-applied configuration (undefined on
 * first apply), `modified` the manifest now applied, `current` the live object.
 *
 * Example: live spec.replicas 10 (set by the HPA), manifest without replicas, last-applied
 * without replicas → stays 10. Manifest says replicas 3 → 3 (until the HPA's next sync).
 * Last-applied had replicas 3, new manifest drops it → the field is deleted (the API server
 * then defaults it to 1, as in Kubernetes).
 */
export function threeWayMerge(original: Json, modified: Json, current: Json, key?: string): Json {
  const mk = mergeKeyOf(key);
  if (Array.isArray(modified) && mk !== undefined) {
    const cur = Array.isArray(current) ? current : [];
    const orig = Array.isArray(original) ? original : [];
    const find = (list: Json[], k: Json) => list.find((x) => isObject(x) && x[mk] === k);
    const out: Json[] = [];
    for (const item of modified) {
      const k = isObject(item) ? item[mk] : undefined;
      out.push(threeWayMerge(find(orig, k), item, find(cur, k)));
    }
    for (const item of cur) {
      const k = isObject(item) ? item[mk] : undefined;
      if (!find(modified, k) && !find(orig, k)) out.push(item);
    }
    return out;
  }
  if (!isObject(modified)) return structuredClone(modified);
  const out: JsonObject = isObject(current) ? { ...current } : {};
  for (const [k, v] of Object.entries(modified)) {
    setKey(out, k, threeWayMerge(isObject(original) ? own(original, k) : undefined, v, own(out, k), k));
  }
  if (isObject(original)) {
    for (const k of Object.keys(original)) if (!hasOwn(modified, k)) delete out[k];
  }
  return out;
}
