/**
 * The patch `kubectl apply` sends over a live object, as kubectl prints it when the server
 * refuses it (`error when applying patch:\n{patch}\nto:\n…`): apimachinery's
 * strategicpatch.CreateThreeWayMergePatch (patch.go). Its deletions are the fields the last
 * applied configuration had and the manifest dropped (diffMaps(original, modified) keeping
 * only deletions); its changes are what the manifest sets differently from the live object
 * (diffMaps(current, modified) without deletions); the two merged (mergeMap without parallel
 * lists) and encoded by encoding/json (sorted keys, `<>&` escaped).
 *
 * Replicast writes the merge itself (merge.ts threeWayMerge); this is only the text kubectl
 * would have sent, so that a refusal reads as kubectl's does.
 */
import { hasOwn } from "../k8s/safeKeys.ts";

type Json = unknown;
type JsonObject = Record<string, Json>;

const isObject = (v: Json): v is JsonObject => v !== null && typeof v === "object" && !Array.isArray(v);

/** Where in the object a field is: the kind and the field names above it (list items add none). */
interface At {
  readonly kind: string;
  readonly path: readonly string[];
}

const child = (at: At, key: string): At => ({ kind: at.kind, path: [...at.path, key] });

const CONTAINER_LISTS = new Set(["containers", "initContainers", "ephemeralContainers"]);

/**
 * patchStrategy/patchMergeKey of the list fields, from the API types' struct tags (core/v1
 * types.go, meta/v1 types.go; the OpenAPI document's x-kubernetes-patch-strategy and
 * x-kubernetes-patch-merge-key say the same). `mergeKey` "" is a merged list of scalars.
 */
function listStrategy(at: At, key: string): { mergeKey: string; retainKeys: boolean } | undefined {
  const parent = at.path[at.path.length - 1];
  const inContainer = parent !== undefined && CONTAINER_LISTS.has(parent);
  if (parent === "metadata" && at.path.length === 1) {
    if (key === "finalizers") return { mergeKey: "", retainKeys: false };
    if (key === "ownerReferences") return { mergeKey: "uid", retainKeys: false };
    return undefined;
  }
  if (at.kind === "Service" && at.path.length === 1 && parent === "spec" && key === "ports")
    return { mergeKey: "port", retainKeys: false };
  if (inContainer) {
    if (key === "ports") return { mergeKey: "containerPort", retainKeys: false };
    if (key === "env") return { mergeKey: "name", retainKeys: false };
    if (key === "volumeMounts") return { mergeKey: "mountPath", retainKeys: false };
    if (key === "volumeDevices") return { mergeKey: "devicePath", retainKeys: false };
    return undefined;
  }
  if (parent !== "spec") return undefined;
  // PodSpec's lists, wherever a pod spec sits (a Pod, a template, a CronJob's job template).
  switch (key) {
    case "containers":
    case "initContainers":
    case "ephemeralContainers":
    case "imagePullSecrets":
    case "schedulingGates":
      return { mergeKey: "name", retainKeys: false };
    case "volumes":
    case "resourceClaims":
      return { mergeKey: "name", retainKeys: true };
    case "hostAliases":
      return { mergeKey: "ip", retainKeys: false };
    case "topologySpreadConstraints":
      return { mergeKey: "topologyKey", retainKeys: false };
    default:
      return undefined;
  }
}

/** DeploymentSpec.Strategy is the one map field with `patchStrategy:"retainKeys"` among the kinds served. */
const retainsKeys = (at: At, key: string): boolean =>
  at.kind === "Deployment" && key === "strategy" && at.path.length === 1 && at.path[0] === "spec";

interface DiffOptions {
  readonly ignoreChangesAndAdditions: boolean;
  readonly ignoreDeletions: boolean;
  readonly buildRetainKeys: boolean;
}

/** Go's reflect.TypeOf over decoded JSON: map, slice, string, float64, bool, or nil. */
const goType = (v: Json): string => (v === null ? "nil" : Array.isArray(v) ? "slice" : typeof v);

/** fmt.Sprintf("%v") of a scalar, as the list diffs compare them. */
const goString = (v: Json): string => (v === null || v === undefined ? "<nil>" : String(v));

const sortScalars = (list: readonly Json[]): Json[] =>
  [...list].sort((a, b) => (goString(a) < goString(b) ? -1 : goString(a) > goString(b) ? 1 : 0));

function deepEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (Array.isArray(a))
    return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObject(a)) {
    if (!isObject(b)) return false;
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

function diffMaps(original: JsonObject, modified: JsonObject, at: At, o: DiffOptions): JsonObject {
  const patch: JsonObject = {};
  const retainKeys: string[] = [];
  for (const key of Object.keys(modified)) {
    const m = modified[key];
    if (o.buildRetainKeys && m !== null) retainKeys.push(key);
    if (!hasOwn(original, key)) {
      if (!o.ignoreChangesAndAdditions) patch[key] = m;
      continue;
    }
    const f = original[key];
    if (goType(f) !== goType(m)) {
      if (!o.ignoreChangesAndAdditions) patch[key] = m;
      continue;
    }
    if (isObject(f)) {
      const value = diffMaps(f, m as JsonObject, child(at, key), {
        ...o,
        buildRetainKeys: retainsKeys(at, key),
      });
      if (Object.keys(value).length > 0) patch[key] = value;
    } else if (Array.isArray(f)) sliceDiff(key, f, m as Json[], patch, at, o);
    else if (!o.ignoreChangesAndAdditions && !deepEqual(f, m)) patch[key] = m;
  }
  if (!o.ignoreDeletions)
    for (const key of Object.keys(original)) if (!hasOwn(modified, key)) patch[key] = null;
  const moreInOriginal = Object.keys(original).some((k) => original[k] !== null && !hasOwn(modified, k));
  if (retainKeys.length > 0 && (Object.keys(patch).length > 0 || moreInOriginal))
    patch.$retainKeys = sortScalars(retainKeys);
  return patch;
}

function sliceDiff(
  key: string,
  original: Json[],
  modified: Json[],
  patch: JsonObject,
  at: At,
  o: DiffOptions,
) {
  const strategy = listStrategy(at, key);
  if (!strategy) {
    if (!o.ignoreChangesAndAdditions && !deepEqual(original, modified)) patch[key] = modified;
    return;
  }
  const { add, del, order } = diffLists(original, modified, child(at, key), strategy.mergeKey, {
    ...o,
    buildRetainKeys: strategy.retainKeys,
  });
  if (add.length > 0) patch[key] = add;
  if (del.length > 0) patch[`$deleteFromPrimitiveList/${key}`] = del;
  if (order.length > 0) patch[`$setElementOrder/${key}`] = order;
}

const keyOf = (item: Json, mergeKey: string): Json => (isObject(item) ? item[mergeKey] : item);

/** normalizeSliceOrder: by place in `order`; `$patch: delete` items last, as they were. */
function normalizeSliceOrder(
  toSort: Json[],
  order: readonly Json[],
  mergeKey: string,
  maps: boolean,
): Json[] {
  const deletes = maps ? toSort.filter((x) => isObject(x) && x.$patch === "delete") : [];
  const rest = maps ? toSort.filter((x) => !(isObject(x) && x.$patch === "delete")) : [...toSort];
  const place = (x: Json) => order.findIndex((y) => keyOf(y, mergeKey) === keyOf(x, mergeKey));
  const sorted = rest
    .map((x, i) => ({ x, i, p: place(x) }))
    .sort((a, b) => (a.p >= 0 && b.p >= 0 && a.p !== b.p ? a.p - b.p : a.i - b.i))
    .map((e) => e.x);
  return [...sorted, ...deletes];
}

function diffLists(
  original: Json[],
  modified: Json[],
  at: At,
  mergeKey: string,
  o: DiffOptions,
): { add: Json[]; del: Json[]; order: Json[] } {
  if (original.length === 0)
    return { add: modified.length === 0 || o.ignoreChangesAndAdditions ? [] : modified, del: [], order: [] };
  const maps = isObject(original[0]) || isObject(modified[0]);
  if (maps) {
    const byKey = (list: Json[]) =>
      [...list].sort((a, b) => {
        const x = goString(keyOf(a, mergeKey));
        const y = goString(keyOf(b, mergeKey));
        return x < y ? -1 : x > y ? 1 : 0;
      });
    const from = byKey(original);
    const to = byKey(modified);
    const changes: Json[] = [];
    const deletions: Json[] = [];
    let i = 0;
    let j = 0;
    while (i < from.length || j < to.length) {
      const f = i < from.length ? goString(keyOf(from[i], mergeKey)) : undefined;
      const m = j < to.length ? goString(keyOf(to[j], mergeKey)) : undefined;
      if (f !== undefined && m !== undefined && f === m) {
        const value = diffMaps(from[i] as JsonObject, to[j] as JsonObject, at, o);
        if (Object.keys(value).length > 0) changes.push({ ...value, [mergeKey]: keyOf(to[j], mergeKey) });
        i++;
        j++;
      } else if (f === undefined || (m !== undefined && f > m)) {
        if (!o.ignoreChangesAndAdditions) changes.push(to[j]);
        j++;
      } else {
        if (!o.ignoreDeletions) deletions.push({ $patch: "delete", [mergeKey]: keyOf(from[i], mergeKey) });
        i++;
      }
    }
    const add = [...normalizeSliceOrder(changes, modified, mergeKey, true), ...deletions];
    const orderSame =
      original.length === modified.length &&
      modified.every((x, k) => keyOf(x, mergeKey) === keyOf(original[k], mergeKey));
    const order =
      (!o.ignoreChangesAndAdditions && (add.length > 0 || !orderSame)) ||
      (!o.ignoreDeletions && add.length > 0)
        ? modified.map((x) => ({ [mergeKey]: keyOf(x, mergeKey) }))
        : [];
    return { add, del: [], order };
  }
  const from = sortScalars(original);
  const to = sortScalars(modified);
  const add: Json[] = [];
  const del: Json[] = [];
  let i = 0;
  let j = 0;
  while (i < from.length || j < to.length) {
    const f = i < from.length ? goString(from[i]) : undefined;
    const m = j < to.length ? goString(to[j]) : undefined;
    if (f !== undefined && m !== undefined && f === m) {
      i++;
      j++;
    } else if (f === undefined || (m !== undefined && f > m)) {
      if (!o.ignoreChangesAndAdditions) add.push(to[j]);
      j++;
    } else {
      if (!o.ignoreDeletions && !del.includes(from[i])) del.push(from[i]);
      i++;
    }
  }
  const order =
    (!o.ignoreDeletions && del.length > 0) || (!o.ignoreChangesAndAdditions && !deepEqual(original, modified))
      ? modified
      : [];
  return { add: normalizeSliceOrder(add, modified, "", false), del, order };
}

/**
 * mergeMap(deletions, changes) with MergeOptions{}: the two patches side by side; a list both
 * touch is merged by its merge key, the changes' items first in their order, the deletions'
 * own after them (normalizeElementOrder, mergeSortedSlice).
 */
function mergePatches(deletions: JsonObject, changes: JsonObject, at: At): JsonObject {
  const out: JsonObject = { ...deletions };
  for (const key of Object.keys(changes)) {
    const c = changes[key];
    if (!hasOwn(out, key) || key.startsWith("$")) {
      out[key] = c;
      continue;
    }
    const d = out[key];
    if (isObject(d) && isObject(c)) out[key] = mergePatches(d, c, child(at, key));
    else if (Array.isArray(d) && Array.isArray(c)) {
      const strategy = listStrategy(at, key);
      out[key] = strategy ? mergeLists(d, c, strategy.mergeKey, child(at, key)) : c;
    } else out[key] = c;
  }
  return out;
}

function mergeLists(deletions: Json[], changes: Json[], mergeKey: string, at: At): Json[] {
  const maps = deletions.some(isObject) || changes.some(isObject);
  if (!maps) {
    const both: Json[] = [];
    for (const x of [...deletions, ...changes]) if (!both.includes(x)) both.push(x);
    const inPatch = both.filter((x) => changes.includes(x));
    const serverOnly = both.filter((x) => !changes.includes(x));
    return mergeSorted(serverOnly, normalizeSliceOrder(inPatch, changes, "", false), deletions, "");
  }
  const merged = deletions.map((x) => x);
  for (const item of changes) {
    const k = keyOf(item, mergeKey);
    const found = merged.findIndex((x) => keyOf(x, mergeKey) === k);
    if (found >= 0 && isObject(merged[found]) && isObject(item))
      merged[found] = mergePatches(merged[found] as JsonObject, item, at);
    else merged.push(item);
  }
  const inChanges = (x: Json) => changes.some((y) => keyOf(y, mergeKey) === keyOf(x, mergeKey));
  const inPatch = normalizeSliceOrder(merged.filter(inChanges), changes, mergeKey, true);
  const serverOnly = normalizeSliceOrder(
    merged.filter((x) => !inChanges(x)),
    deletions,
    mergeKey,
    true,
  );
  return mergeSorted(serverOnly, inPatch, deletions, mergeKey);
}

/** mergeSortedSlice: `left` goes before `right` only where both are in `order` and it comes first there. */
function mergeSorted(left: Json[], right: Json[], order: readonly Json[], mergeKey: string): Json[] {
  const place = (x: Json) => order.findIndex((y) => keyOf(y, mergeKey) === keyOf(x, mergeKey));
  const out: Json[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = place(left[i]);
      const ri = place(right[j]);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}

/** encoding/json's Marshal: map keys sorted by bytes, HTML characters and U+2028/9 escaped. */
export function goJson(v: Json): string {
  if (Array.isArray(v)) return `[${v.map(goJson).join(",")}]`;
  if (isObject(v)) {
    const keys = Object.keys(v).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${keys.map((k) => `${goJson(k)}:${goJson(v[k])}`).join(",")}}`;
  }
  if (typeof v === "string")
    return JSON.stringify(v).replace(
      /[<>&\u2028\u2029]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
    );
  return JSON.stringify(v ?? null);
}

/**
 * The strategic merge patch apply sends: `original` the live object's last-applied
 * configuration (none: `{}`), `modified` the manifest with its new annotation, `current` the
 * live object.
 */
export function threeWayMergePatch(original: Json, modified: JsonObject, current: JsonObject): JsonObject {
  const at: At = { kind: typeof modified.kind === "string" ? modified.kind : "", path: [] };
  const from = isObject(original) ? original : {};
  const changes = diffMaps(current, modified, at, {
    ignoreDeletions: true,
    ignoreChangesAndAdditions: false,
    buildRetainKeys: false,
  });
  const deletions = diffMaps(from, modified, at, {
    ignoreDeletions: false,
    ignoreChangesAndAdditions: true,
    buildRetainKeys: false,
  });
  return mergePatches(deletions, changes, at);
}
