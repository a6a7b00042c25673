/**
 * The pod-template-hash that names a Deployment's ReplicaSets:
 * pkg/controller/controller_utils.go ComputeHash + apimachinery util/rand SafeEncodeString,
 * and EqualIgnoreHash from pkg/controller/deployment/util/deployment_util.go.
 */
import { parseQuantity, isQuantityError } from "./quantity.ts";
import type { PodTemplateSpec } from "./types.ts";

/** apps.DefaultDeploymentUniqueLabelKey */
export const POD_TEMPLATE_HASH_LABEL = "pod-template-hash";

/** util/rand alphanums: vowels omitted "to reduce the chances of bad words being formed". */
const ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";

/**
 * SafeEncodeString (util/rand/rand.go): each character c becomes ALPHANUMS[code(c) % 27].
 * It maps the *character codes* of the decimal string, not the digit values, which is why
 * real hashes only contain "456789bcdf": '0' (48) → 48 % 27 = 21 → '4', '1' → '5', '5' → '9',
 * '6' (54 % 27 = 0) → 'b', '9' → 'f'. So "1234567890" → "56789bcdf4".
 */
export function safeEncodeString(s: string): string {
  let out = "";
  for (const ch of s) out += ALPHANUMS[(ch.codePointAt(0) ?? 0) % ALPHANUMS.length];
  return out;
}

const FNV32_OFFSET = 0x811c9dc5;
const FNV32_PRIME = 0x01000193;

/** FNV-1a, 32 bits (hash/fnv New32a), over bytes. */
export function fnv32a(bytes: Uint8Array, seed: number = FNV32_OFFSET): number {
  let h = seed >>> 0;
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, FNV32_PRIME) >>> 0;
  }
  return h >>> 0;
}

/** UTF-8 bytes of a string (what Go hashes), without relying on a host's TextEncoder. */
export function utf8(s: string): Uint8Array {
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
  }
  return Uint8Array.from(out);
}

/** JSON with object keys sorted at every level: stands in for spew's SortKeys dump. */
export function canonicalJSON(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value))
    return `[${value.map((v) => canonicalJSON(v === undefined ? null : v)).join(",")}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJSON(obj[k])}`).join(",")}}`;
}

/**
 * ComputeHash (controller_utils.go): FNV-32a of the template, then — when the Deployment has a
 * collisionCount — its value as 8 little-endian bytes (uint32 in the low 4, zeros after),
 * then SafeEncodeString of the decimal sum.
 *
 * Kubernetes hashes a spew dump of the Go struct; Replicast hashes a sorted-key JSON of the
 * template, so the *values* differ from a real cluster's, but every property the controller
 * relies on holds: same template → same hash, any change → (almost surely) another hash, and a
 * bumped collisionCount → another hash.
 */
export function computeHash(template: PodTemplateSpec, collisionCount?: number): string {
  const bytes = utf8(canonicalJSON(template));
  let h = fnv32a(bytes);
  if (collisionCount !== undefined && collisionCount !== null) {
    const cc = new Uint8Array(8);
    new DataView(cc.buffer).setUint32(0, collisionCount >>> 0, true);
    h = fnv32a(cc, h);
  }
  return safeEncodeString(String(h));
}

/**
 * EqualIgnoreHash (deployment_util.go): templates equal once the pod-template-hash label is
 * removed from both, compared with apimachinery's semantic equality — a missing map/list
 * equals an empty one, and resource quantities compare by value ("0.5" equals "500m").
 * This is how the controller finds the new ReplicaSet for a Deployment's current template.
 */
export function templateEqualIgnoringHash(a: PodTemplateSpec, b: PodTemplateSpec): boolean {
  return semanticEqual(withoutHash(a), withoutHash(b), []);
}

function withoutHash(t: PodTemplateSpec): PodTemplateSpec {
  const labels = { ...(t.metadata?.labels ?? {}) };
  delete labels[POD_TEMPLATE_HASH_LABEL];
  return { ...t, metadata: { ...t.metadata, labels } };
}

const isEmptyish = (v: unknown): boolean =>
  v === undefined ||
  v === null ||
  (Array.isArray(v) && v.length === 0) ||
  (typeof v === "object" && v !== null && !Array.isArray(v) && Object.keys(v).length === 0);

/** Inside `resources.requests` / `resources.limits` values are quantities. */
const isQuantityPath = (path: string[]): boolean => {
  const n = path.length;
  return n >= 3 && path[n - 3] === "resources" && (path[n - 2] === "requests" || path[n - 2] === "limits");
};

function semanticEqual(a: unknown, b: unknown, path: string[]): boolean {
  if (isEmptyish(a) && isEmptyish(b)) return true;
  if (
    isQuantityPath(path) &&
    (typeof a === "string" || typeof a === "number") &&
    (typeof b === "string" || typeof b === "number")
  ) {
    const qa = parseQuantity(a);
    const qb = parseQuantity(b);
    if (!isQuantityError(qa) && !isQuantityError(qb)) return qa.cmp(qb) === 0;
  }
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return a === b;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((v, i) => semanticEqual(v, b[i], [...path, String(i)]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
  for (const k of keys) if (!semanticEqual(ao[k], bo[k], [...path, k])) return false;
  return true;
}
