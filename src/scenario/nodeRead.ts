/**
 * Reading a scenario's or a manifest's text from disk, safely (Node only: the hosts in
 * nodeHost.ts and the test runner use it). Only regular files are read — never a device
 * (`/dev/zero` never ends), a FIFO (opening one for reading blocks until a writer comes), a
 * socket or a folder — and only up to MAX_FILE_BYTES; the bytes must be UTF-8, as a scenario
 * is (language.md) and as Kubernetes' YAML decoder requires (goyaml's reader refuses an
 * invalid octet: "yaml: invalid leading UTF-8 octet").
 */
import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import type { ReadProblem } from "./host.ts";

/** The largest file replicast reads: 16 MiB (kube-apiserver takes at most 3 MiB in one request). */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

export type ReadOutcome = { text: string } | { problem: ReadProblem };

const fatalUtf8 = new TextDecoder("utf-8", { fatal: true });

/** `16777216` → "16 MiB"; `2048` → "2 KiB"; `12` → "12 bytes". */
export function formatBytes(n: number): string {
  for (const [unit, size] of [
    ["GiB", 1 << 30],
    ["MiB", 1 << 20],
    ["KiB", 1 << 10],
  ] as const)
    if (n >= size) return `${Math.floor((n / size) * 10) / 10} ${unit}`;
  return `${n} bytes`;
}

/** What an open/read error means to a user (ENOENT → "no such file"). */
function explain(e: unknown): string {
  const code = (e as { code?: string }).code;
  switch (code) {
    case "ENOENT":
      return "no such file";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "ELOOP":
      return "too many levels of symbolic links";
    case "ENAMETOOLONG":
      return "the path is too long";
    case "ENOTDIR":
      return "a part of the path is not a folder";
    case "EISDIR":
      return "it is a folder";
    default:
      return code ?? (e instanceof Error ? e.message : String(e));
  }
}

/** Read `path` as UTF-8 text, or say why not. Never blocks on a FIFO, never reads past the cap. */
export function readTextFile(path: string, maxBytes = MAX_FILE_BYTES): ReadOutcome {
  if (path === "" || path.includes("\0")) return { problem: { message: "not a file name" } };
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    return { problem: { message: explain(e) } };
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) return { problem: { message: "it is a folder" } };
    if (!st.isFile())
      return {
        problem: { message: "not a regular file (a device, FIFO or socket): replicast reads files only" },
      };
    if (st.size > maxBytes)
      return {
        problem: {
          message: `the file is ${formatBytes(st.size)}, more than the ${formatBytes(maxBytes)} replicast reads`,
        },
      };
    const buf = Buffer.alloc(st.size);
    let got = 0;
    while (got < buf.length) {
      const n = readSync(fd, buf, got, buf.length - got, got);
      if (n === 0) break;
      got += n;
    }
    return decodeUtf8(buf.subarray(0, got));
  } catch (e) {
    return { problem: { message: explain(e) } };
  } finally {
    closeSync(fd);
  }
}

/**
 * Strict UTF-8; on an invalid sequence, where it is (line and column of the text before it).
 * Example: "ab\nc\xff" → not UTF-8 at line 2, column 2.
 */
export function decodeUtf8(bytes: Uint8Array): ReadOutcome {
  try {
    return { text: fatalUtf8.decode(bytes) };
  } catch {
    const at = firstInvalidByte(bytes);
    const before = new TextDecoder("utf-8").decode(bytes.subarray(0, at));
    const lastNl = before.lastIndexOf("\n");
    let line = 1;
    for (let i = 0; i < before.length; i++) if (before.charCodeAt(i) === 10) line++;
    const col = before.length - lastNl;
    const hex = bytes[at].toString(16).padStart(2, "0");
    return {
      problem: {
        message: `the file is not UTF-8: byte 0x${hex} at line ${line}, column ${col} does not start a valid character`,
        line,
        col,
      },
    };
  }
}

/** The index of the first byte that does not begin a well-formed UTF-8 sequence (RFC 3629 §4). */
function firstInvalidByte(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    let n = 0;
    let min = 0;
    if (c < 0x80) {
      i++;
      continue;
    } else if (c >= 0xc2 && c <= 0xdf) {
      n = 1;
      min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      min = 0x10000;
    } else return i;
    if (i + n >= b.length) return i;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return b.length - 1;
}
