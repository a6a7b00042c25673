/**
 * `| base64 -d` after a kubectl command, as GNU coreutils' base64 (src/basenc.c with gnulib's
 * base64.c) runs over a pipe: the line every chart's NOTES.txt prints to read a password,
 * `kubectl get secret my-redis -o jsonpath="{.data.redis-password}" | base64 -d`, and its
 * reverse, `| base64` (encode, wrapped at 76 columns, `-w 0` for one line).
 */
import {
  fileOperand,
  fromUtf8,
  usageError,
  utf8Bytes,
  stageWords,
  type PipelineProblem,
} from "./pipelineWords.ts";
import type { Token } from "./tokenize.ts";

/** `base64 [-d] [-i] [-w COLS]`. */
export interface Base64Filter {
  kind: "base64";
  decode: boolean;
  /** -i: when decoding, skip every byte outside the alphabet (newlines are skipped anyway). */
  ignoreGarbage: boolean;
  /** -w: encoded line length; 0 writes one line without a newline. */
  wrap: number;
}

export function parseBase64(words: Token[]): Base64Filter | PipelineProblem {
  const parsed = stageWords(
    "base64",
    words,
    [
      { name: "d", short: "d", long: "--decode" },
      { name: "i", short: "i", long: "--ignore-garbage" },
      { name: "w", short: "w", long: "--wrap", value: true },
    ],
    { short: "", long: [], runs: "-d, -i and -w COLS" },
  );
  if ("message" in parsed) return parsed;
  if (parsed.operands.length) return fileOperand("base64", parsed.operands[0]);
  const f: Base64Filter = { kind: "base64", decode: false, ignoreGarbage: false, wrap: 76 };
  for (const o of parsed.options) {
    if (o.name === "d") f.decode = true;
    else if (o.name === "i") f.ignoreGarbage = true;
    else if (!/^\d+$/.test(o.value)) return usageError("base64", `invalid wrap size: '${o.value}'`, o.token);
    else f.wrap = Number(o.value);
  }
  return f;
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const VALUE = new Map([...ALPHABET].map((c, i) => [c, i]));

/** What base64 writes, its status (1 on input it cannot decode) and what it says on stderr. */
export function runBase64(
  text: string,
  f: Base64Filter,
): { stdout: string; status: number; stderr?: string } {
  return f.decode ? decode(text, f.ignoreGarbage) : { stdout: encode(text, f.wrap), status: 0 };
}

function encode(text: string, wrap: number): string {
  const bytes = utf8Bytes(text);
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63];
    out += i + 1 < bytes.length ? ALPHABET[(n >> 6) & 63] : "=";
    out += i + 2 < bytes.length ? ALPHABET[n & 63] : "=";
  }
  if (wrap === 0 || out === "") return out;
  // basenc.c wrap_write: a newline after every `wrap` columns, and one at the end of the last line.
  let wrapped = "";
  for (let i = 0; i < out.length; i += wrap) wrapped += `${out.slice(i, i + wrap)}\n`;
  return wrapped;
}

/**
 * gnulib base64_decode_ctx over the whole input: newlines are skipped, each group of four
 * characters gives three bytes (fewer after `=` padding, which ends the group); the first
 * character outside the alphabet, a misplaced `=`, or a group left incomplete at the end
 * stops it with what was decoded so far written (the bad group's whole bytes too, as decode_4
 * writes them before it looks further) and `base64: invalid input` on stderr.
 */
function decode(text: string, ignoreGarbage: boolean): { stdout: string; status: number; stderr?: string } {
  const bytes: number[] = [];
  const group: number[] = [];
  let padded = 0;
  let invalid = false;
  for (const c of text) {
    if (c === "\n") continue;
    const v = VALUE.get(c);
    if (c === "=" && group.length >= 2 && padded < 2) {
      padded++;
      if (group.length + padded === 4) {
        flush(group, bytes);
        group.length = 0;
        padded = 0;
      }
      continue;
    }
    if (v === undefined || padded > 0) {
      if (ignoreGarbage && c !== "=" && padded === 0) continue;
      invalid = true;
      break;
    }
    group.push(v);
    if (group.length === 4) {
      flush(group, bytes);
      group.length = 0;
    }
  }
  if (group.length > 0 || padded > 0) invalid = true;
  // decode_4 writes the bytes of a group's first sextets before it finds the group bad.
  if (invalid && group.length >= 2) flush(group, bytes);
  const stdout = fromUtf8(bytes);
  return invalid ? { stdout, status: 1, stderr: "base64: invalid input\n" } : { stdout, status: 0 };
}

/** A group of 2 to 4 sextets as the 1 to 3 bytes it holds. */
function flush(group: readonly number[], bytes: number[]): void {
  const n = (group[0] << 18) | (group[1] << 12) | ((group[2] ?? 0) << 6) | (group[3] ?? 0);
  bytes.push(n >> 16);
  if (group.length > 2) bytes.push((n >> 8) & 255);
  if (group.length > 3) bytes.push(n & 255);
}
