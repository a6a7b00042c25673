/**
 * The name suffix kustomize gives a generated ConfigMap or Secret (api/hasher/hasher.go): the
 * SHA-256 of the object's JSON encoding as Go's json.Marshal writes it (keys sorted, `<`, `>`
 * and `&` escaped), its first ten hex digits with 0, 1, 3, a and e swapped for g, h, k, m and
 * t so that the suffix never reads as a number or a word (encode, copied from kubectl's
 * util/hash). Only kind, name, data (and binaryData; type and stringData for a Secret) count:
 * labels and annotations do not change the suffix.
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { sortedKeys } from "../k8s/sortedKeys.ts";

/** The hex SHA-256 of a string's UTF-8 bytes (@noble/hashes: pure TypeScript, so Deno runs it too). */
export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

/**
 * A value as Go's json.Marshal writes it: map keys sorted, and the characters it escapes for
 * HTML safety (`<`, `>`, `&`, U+2028, U+2029), which JSON.stringify leaves as they are.
 */
export function goJson(v: unknown): string {
  return JSON.stringify(sortedKeys(v)).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** hasher.go encode: the first ten hex digits, with the digits and letters that could spell things swapped. */
export function encodeHash(hex: string): string {
  const swap: Record<string, string> = { "0": "g", "1": "h", "3": "k", a: "m", e: "t" };
  let out = "";
  for (const c of hex.slice(0, 10)) out += swap[c] ?? c;
  return out;
}

const isMap = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * hasher.go Hash: a ConfigMap's kind, name, data and (when it is a map) binaryData; a
 * Secret's kind, type, name, data and (when a map) stringData; a field that is absent counts
 * as "" (getNodeValues). Any other kind hashes as a whole.
 */
export function kustomizeHash(obj: Record<string, unknown>): string {
  const meta = isMap(obj.metadata) ? obj.metadata : {};
  const field = (v: unknown): unknown => (v === undefined || v === null ? "" : v);
  let encoded: string;
  if (obj.kind === "ConfigMap") {
    const m: Record<string, unknown> = { kind: "ConfigMap", name: field(meta.name), data: field(obj.data) };
    if (isMap(obj.binaryData)) m.binaryData = obj.binaryData;
    encoded = goJson(m);
  } else if (obj.kind === "Secret") {
    const m: Record<string, unknown> = {
      kind: "Secret",
      type: field(obj.type),
      name: field(meta.name),
      data: field(obj.data),
    };
    if (isMap(obj.stringData)) m.stringData = obj.stringData;
    encoded = goJson(m);
  } else encoded = goJson(obj);
  return encodeHash(sha256Hex(encoded));
}
