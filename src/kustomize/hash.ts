/**
 * The name suffix kustomize gives a generated ConfigMap or Secret (api/hasher/hasher.go): the
 * SHA-256 of the object's JSON encoding as Go's json.Marshal writes it (keys sorted, `<`, `>`
 * and `&` escaped), its first ten hex digits with 0, 1, 3, a and e swapped for g, h, k, m and
 * t so that the suffix never reads as a number or a word (encode, copied from kubectl's
 * util/hash). Only kind, name, data (and binaryData; type and stringData for a Secret) count:
 * labels and annotations do not change the suffix.
 */

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);

/** The hex SHA-256 (FIPS 180-4) of a string's UTF-8 bytes. */
export function sha256Hex(text: string): string {
  const bytes = new TextEncoder().encode(text);
  const bitLength = bytes.length * 8;
  const padded = new Uint8Array((((bytes.length + 9 + 63) >> 6) << 6) >>> 0);
  padded.set(bytes);
  padded[bytes.length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(bitLength / 0x100000000));
  view.setUint32(padded.length - 4, bitLength >>> 0);
  const h = new Uint32Array([
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  ]);
  const w = new Uint32Array(64);
  for (let block = 0; block < padded.length; block += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(block + i * 4);
    for (let i = 16; i < 64; i++) {
      const a = w[i - 15];
      const b = w[i - 2];
      const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
      const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) >>> 0;
    }
    let [a, b, c, d, e, f, g, hh] = h;
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (hh + S1 + ch + K[i] + w[i]) >>> 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) >>> 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) >>> 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) >>> 0;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
    h[5] += f;
    h[6] += g;
    h[7] += hh;
  }
  return Array.from(h, (x) => x.toString(16).padStart(8, "0")).join("");
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

function sortedKeys(v: unknown): unknown {
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
