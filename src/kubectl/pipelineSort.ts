/**
 * `| sort` after a kubectl command, as GNU coreutils' sort.c sorts a pipe in the C locale
 * (LC_ALL=C: bytes compare as unsigned, blanks are space and tab, `.` is the decimal point and
 * there is no thousands separator). Walk-throughs write `kubectl get pods | sort -k 4 -n`,
 * `kubectl top pods | sort -k3 -h -r`, `... | awk '{print $3}' | sort | uniq -c`.
 *
 * The rules kept from sort.c:
 * - A key `-k POS1[,POS2]` (POS = F[.C][bhnr]) runs from field F (character C) to the end
 *   of field F2 (its character C2), or of the line. Without `-t`, a field starts at the blanks
 *   before it (begfield/limfield), so `-k 2` compares "   Running…" blanks included unless
 *   `-b`; with `-t C` every C ends a field.
 * - A key without options of its own takes the global ones (`-n`, `-h`, `-r`, `-b`); global
 *   options without a key make one key of the whole line.
 * - Lines whose keys compare equal are compared whole, byte by byte, in reverse under a global
 *   `-r` (the "last-resort comparison"), unless `-s` or `-u`; `-u` prints the first line of
 *   each run of equal keys.
 * - `-n` reads a leading `-`, digits and a fraction (anything else is 0); `-h` compares the SI
 *   suffix first (K/k, M, G, T, P, E, Z, Y, R, Q), then the number, so "250Mi" > "900Ki".
 */
import {
  byteOrder,
  fileOperand,
  linesOf,
  joined,
  stageWords,
  utf8Length,
  type PipelineProblem,
  type StageOption,
} from "./pipelineWords.ts";
import type { Token } from "./tokenize.ts";

/** A key as sort.c keeps it: 0-based field and character; `eword` Infinity is the line's end. */
export interface SortKey {
  sword: number;
  schar: number;
  eword: number;
  echar: number;
  skipStartBlanks: boolean;
  skipEndBlanks: boolean;
  numeric: boolean;
  human: boolean;
  reverse: boolean;
}

/** `sort [-n] [-h] [-r] [-u] [-s] [-b] [-t C] [-k POS1[,POS2]]…`. */
export interface SortFilter {
  kind: "sort";
  keys: SortKey[];
  /** `-t`: the field separator; without it fields start at blanks. */
  separator?: string;
  /** The global `-r`, which also reverses the last-resort comparison. */
  reverse: boolean;
  unique: boolean;
  stable: boolean;
}

const OPTIONS: StageOption[] = [
  { name: "b", short: "b", long: "--ignore-leading-blanks" },
  { name: "h", short: "h", long: "--human-numeric-sort" },
  { name: "n", short: "n", long: "--numeric-sort" },
  { name: "r", short: "r", long: "--reverse" },
  { name: "s", short: "s", long: "--stable" },
  { name: "u", short: "u", long: "--unique" },
  { name: "k", short: "k", long: "--key", value: true },
  { name: "t", short: "t", long: "--field-separator", value: true },
];

const RUNS = "-n, -h, -r, -u, -s, -b, -t C and -k POS1[,POS2] (POS = F[.C][bhnr])";

const UNSUPPORTED = {
  short: "cCdfgiMmoRSTVyz",
  long: [
    "--check",
    "--dictionary-order",
    "--ignore-case",
    "--general-numeric-sort",
    "--ignore-nonprinting",
    "--month-sort",
    "--merge",
    "--output",
    "--random-sort",
    "--sort",
    "--version-sort",
    "--zero-terminated",
    "--parallel",
    "--buffer-size",
    "--temporary-directory",
    "--files0-from",
    "--debug",
    "--random-source",
    "--compress-program",
    "--batch-size",
  ],
  runs: RUNS,
};

const newKey = (): SortKey => ({
  sword: 0,
  schar: 0,
  eword: Infinity,
  echar: 0,
  skipStartBlanks: false,
  skipEndBlanks: false,
  numeric: false,
  human: false,
  reverse: false,
});

/** Whether a key compares as plain text with no options of its own (sort.c default_key_compare). */
const plainKey = (k: SortKey) => !k.skipStartBlanks && !k.skipEndBlanks && !k.numeric && !k.human;

export function parseSort(words: Token[]): SortFilter | PipelineProblem {
  const parsed = stageWords("sort", words, OPTIONS, UNSUPPORTED);
  if ("message" in parsed) return parsed;
  if (parsed.operands.length) return fileOperand("sort", parsed.operands[0]);
  const global = newKey();
  const keys: SortKey[] = [];
  const f: SortFilter = { kind: "sort", keys, reverse: false, unique: false, stable: false };
  for (const o of parsed.options) {
    if (o.name === "b") global.skipStartBlanks = global.skipEndBlanks = true;
    else if (o.name === "h") global.human = true;
    else if (o.name === "n") global.numeric = true;
    else if (o.name === "r") global.reverse = true;
    else if (o.name === "s") f.stable = true;
    else if (o.name === "u") f.unique = true;
    else if (o.name === "k") {
      const key = parseKey(o.value, o.token);
      if ("message" in key) return key;
      keys.push(key);
    } else if (o.name === "t") {
      // sort.c: one byte, or `\0`; a second, different -t is "incompatible tabs".
      if (o.value === "") return { message: "sort: empty tab", token: o.token };
      const tab = o.value === "\\0" ? "\0" : o.value;
      if (utf8Length(tab) > 1) return { message: `sort: multi-character tab '${o.value}'`, token: o.token };
      if (f.separator !== undefined && f.separator !== tab)
        return { message: "sort: incompatible tabs", token: o.token };
      f.separator = tab;
    }
  }
  for (const key of keys)
    if (plainKey(key) && !key.reverse) {
      key.skipStartBlanks = global.skipStartBlanks;
      key.skipEndBlanks = global.skipEndBlanks;
      key.numeric = global.numeric;
      key.human = global.human;
      key.reverse = global.reverse;
    }
  if (!keys.length && !plainKey(global)) keys.push(global);
  // sort.c check_ordering_compatibility, on the keys as they stand: -n and -h cannot share one.
  if (keys.some((key) => key.numeric && key.human)) {
    const at = parsed.options.find((o) => o.name === "k" || o.name === "n" || o.name === "h")!;
    return { message: "sort: options '-hn' are incompatible", token: at.token };
  }
  f.reverse = global.reverse;
  return f;
}

/** sort.c's `-k` parsing: POS1 = F[.C][opts], POS2 = F[.C][opts]; F and C start at 1, C2 may be 0. */
function parseKey(spec: string, token: Token): SortKey | PipelineProblem {
  const key = newKey();
  let s = spec;
  const bad = (why: string): PipelineProblem => ({
    message: `sort: ${why}: invalid field specification '${spec}'`,
    token,
  });
  const count = (why: string): number | PipelineProblem => {
    const m = /^\d+/.exec(s);
    if (!m) return { message: `sort: ${why}: invalid count at start of '${s}'`, token };
    s = s.slice(m[0].length);
    return Number(m[0]);
  };
  const ordering = (end: boolean) => {
    const m = /^[bhnr]*/.exec(s)![0];
    for (const c of m) {
      if (c === "b") {
        if (end) key.skipEndBlanks = true;
        else key.skipStartBlanks = true;
      } else if (c === "h") key.human = true;
      else if (c === "n") key.numeric = true;
      else key.reverse = true;
    }
    s = s.slice(m.length);
  };
  const sword = count("invalid number at field start");
  if (typeof sword !== "number") return sword;
  if (sword === 0) return bad("field number is zero");
  key.sword = sword - 1;
  if (s.startsWith(".")) {
    s = s.slice(1);
    const schar = count("invalid number after '.'");
    if (typeof schar !== "number") return schar;
    if (schar === 0) return bad("character offset is zero");
    key.schar = schar - 1;
  }
  ordering(false);
  if (s.startsWith(",")) {
    s = s.slice(1);
    const eword = count("invalid number after ','");
    if (typeof eword !== "number") return eword;
    if (eword === 0) return bad("field number is zero");
    key.eword = eword - 1;
    if (s.startsWith(".")) {
      s = s.slice(1);
      const echar = count("invalid number after '.'");
      if (typeof echar !== "number") return echar;
      key.echar = echar;
    }
    ordering(true);
  }
  if (s !== "") {
    if (/^[dfgiMRV]/.test(s))
      return {
        message: `sort: the key option '${s[0]}' is not supported here`,
        token,
        hint: `this sort runs ${RUNS}`,
      };
    return bad("stray character in field spec");
  }
  return key;
}

const isBlank = (c: string) => c === " " || c === "\t";

/** sort.c begfield: where a key starts in a line. */
function begfield(line: string, key: SortKey, tab: string | undefined): number {
  let p = 0;
  const lim = line.length;
  let sword = key.sword;
  if (tab !== undefined)
    while (p < lim && sword--) {
      while (p < lim && line[p] !== tab) p++;
      if (p < lim) p++;
    }
  else
    while (p < lim && sword--) {
      while (p < lim && isBlank(line[p])) p++;
      while (p < lim && !isBlank(line[p])) p++;
    }
  if (key.skipStartBlanks) while (p < lim && isBlank(line[p])) p++;
  return Math.min(lim, p + key.schar);
}

/** sort.c limfield: where a key ends (just past its last character). */
function limfield(line: string, key: SortKey, tab: string | undefined): number {
  if (key.eword === Infinity) return line.length;
  let p = 0;
  const lim = line.length;
  let eword = key.eword;
  const echar = key.echar;
  // A key ending at character 0 of a field ends with that whole field.
  if (echar === 0) eword++;
  if (tab !== undefined)
    while (p < lim && eword--) {
      while (p < lim && line[p] !== tab) p++;
      if (p < lim && (eword || echar)) p++;
    }
  else
    while (p < lim && eword--) {
      while (p < lim && isBlank(line[p])) p++;
      while (p < lim && !isBlank(line[p])) p++;
    }
  if (echar !== 0) {
    if (key.skipEndBlanks) while (p < lim && isBlank(line[p])) p++;
    p = Math.min(lim, p + echar);
  }
  return p;
}

/**
 * strnumcmp as sort -n calls it: leading blanks, an optional `-`, digits, an optional fraction
 * after `.`; what is not a number is 0, and -0 is 0. Compared digit by digit, so any length.
 */
function numcompare(a: string, b: string): number {
  const x = numberOf(a);
  const y = numberOf(b);
  if (x.sign !== y.sign) return x.sign - y.sign;
  const magnitude =
    x.int.length !== y.int.length
      ? x.int.length - y.int.length
      : byteOrder(x.int, y.int) || byteOrder(x.frac, y.frac);
  return x.sign < 0 ? -magnitude : magnitude;
}

function numberOf(s: string): { sign: number; int: string; frac: string } {
  const m = /^[ \t]*(-?)(\d*)(?:\.(\d*))?/.exec(s)!;
  const int = m[2].replace(/^0+/, "");
  const frac = (m[3] ?? "").replace(/0+$/, "");
  const zero = int === "" && frac === "";
  return { sign: zero ? 0 : m[1] ? -1 : 1, int, frac };
}

/** sort.c unit_order: the SI suffixes -h knows, in order (R and Q since coreutils 9.2). */
const UNIT_ORDER: Record<string, number> = {
  K: 1,
  k: 1,
  M: 2,
  G: 3,
  T: 4,
  P: 5,
  E: 6,
  Z: 7,
  Y: 8,
  R: 9,
  Q: 10,
};

/** sort.c find_unit_order: the suffix right after the number, if the number is not zero. */
function unitOrder(s: string): number {
  const m = /^(-?)(\d*)(?:\.(\d*))?/.exec(s)!;
  if (!/[1-9]/.test(m[2] + (m[3] ?? ""))) return 0;
  const order = UNIT_ORDER[s.charAt(m[0].length)] ?? 0;
  return m[1] ? -order : order;
}

function humanCompare(a: string, b: string): number {
  const x = a.replace(/^[ \t]+/, "");
  const y = b.replace(/^[ \t]+/, "");
  return unitOrder(x) - unitOrder(y) || numcompare(x, y);
}

function keyCompare(a: string, b: string, f: SortFilter): number {
  for (const key of f.keys) {
    const ta = begfield(a, key, f.separator);
    const tb = begfield(b, key, f.separator);
    // A key that ends before it starts is empty.
    const ka = a.slice(ta, Math.max(ta, limfield(a, key, f.separator)));
    const kb = b.slice(tb, Math.max(tb, limfield(b, key, f.separator)));
    let diff = key.numeric ? numcompare(ka, kb) : key.human ? humanCompare(ka, kb) : byteOrder(ka, kb);
    if (key.reverse) diff = -diff;
    if (diff) return diff;
  }
  return 0;
}

function compare(a: string, b: string, f: SortFilter): number {
  if (f.keys.length) {
    const diff = keyCompare(a, b, f);
    if (diff || f.unique || f.stable) return diff;
  }
  const diff = byteOrder(a, b);
  return f.reverse ? -diff : diff;
}

/** What sort prints when its input ends (a watch's never does: then it prints nothing). */
export function runSort(text: string, f: SortFilter): string {
  // Array.prototype.sort is stable, as sort.c's merge sort is: -u keeps the first of a run.
  const lines = linesOf(text).sort((a, b) => compare(a, b, f));
  if (!f.unique) return joined(lines);
  // sort.c compares each line with the last one it wrote.
  const kept: string[] = [];
  for (const l of lines) if (!kept.length || compare(kept[kept.length - 1], l, f) !== 0) kept.push(l);
  return joined(kept);
}
