/**
 * `| uniq` and `| cut` after a kubectl command, as GNU coreutils' uniq.c and cut.c treat a
 * pipe in the C locale: `kubectl get pods -o wide | awk '{print $7}' | sort | uniq -c` (pods
 * per node), `kubectl get pods -o name | cut -d/ -f2` (bare names).
 */
import {
  byteOrder,
  fileOperand,
  fromUtf8,
  linesOf,
  stageWords,
  usageError,
  utf8Bytes,
  utf8Length,
  type PipelineProblem,
} from "./pipelineWords.ts";
import type { Token } from "./tokenize.ts";

/** `uniq [-c] [-d] [-u] [-i]`. */
export interface UniqFilter {
  kind: "uniq";
  count: boolean;
  /** -d: only lines that repeat (one copy each). */
  repeated: boolean;
  /** -u: only lines that do not repeat. */
  unique: boolean;
  ignoreCase: boolean;
}

export function parseUniq(words: Token[]): UniqFilter | PipelineProblem {
  const parsed = stageWords(
    "uniq",
    words,
    [
      { name: "c", short: "c", long: "--count" },
      { name: "d", short: "d", long: "--repeated" },
      { name: "u", short: "u", long: "--unique" },
      { name: "i", short: "i", long: "--ignore-case" },
    ],
    {
      short: "Dfswz0123456789",
      long: [
        "--all-repeated",
        "--group",
        "--skip-fields",
        "--skip-chars",
        "--check-chars",
        "--zero-terminated",
      ],
      runs: "-c, -d, -u and -i",
    },
  );
  if ("message" in parsed) return parsed;
  // uniq.c takes [INPUT [OUTPUT]]: either names a file.
  if (parsed.operands.length) return fileOperand("uniq", parsed.operands[0]);
  const has = (n: string) => parsed.options.some((o) => o.name === n);
  // uniq.c: -c with -D is refused; with -d and -u both set, nothing is printed (as GNU does).
  return { kind: "uniq", count: has("c"), repeated: has("d"), unique: has("u"), ignoreCase: has("i") };
}

/**
 * uniq.c check_file, a line at a time: a group of equal adjacent lines is printed when the
 * first different line arrives (or the input ends), so over a watch, whose input never ends,
 * the last group waits. Plain uniq prints each new line at once (its fast path).
 */
export function uniqStream(f: UniqFilter): { line(l: string): string; end(): string } {
  let prev: string | undefined;
  let repeats = 0;
  const same = (a: string, b: string) =>
    f.ignoreCase ? byteOrder(asciiUpper(a), asciiUpper(b)) === 0 : a === b;
  const plain = !f.count && !f.repeated && !f.unique;
  // uniq.c writeline: a group of one is printed unless -d, of several unless -u.
  const group = (line: string, n: number) =>
    (n === 0 ? !f.repeated : !f.unique) ? `${f.count ? `${String(n + 1).padStart(7)} ` : ""}${line}\n` : "";
  return {
    line(l) {
      if (prev !== undefined && same(prev, l)) {
        repeats++;
        return "";
      }
      const out = plain ? `${l}\n` : prev === undefined ? "" : group(prev, repeats);
      prev = l;
      repeats = 0;
      return out;
    },
    end: () => (plain || prev === undefined ? "" : group(prev, repeats)),
  };
}

/** The C locale's case folding (memcasecmp): ASCII letters only. */
const asciiUpper = (s: string) => s.replace(/[a-z]/g, (c) => c.toUpperCase());

/** A range of cut's list, 1-based and inclusive; `hi` Infinity runs to the end of the line. */
export interface CutRange {
  lo: number;
  hi: number;
}

/** `cut -f LIST [-d C] [-s] | -b LIST | -c LIST [--output-delimiter=S]`. */
export interface CutFilter {
  kind: "cut";
  /** Fields (-f), or bytes (-b, and -c, which GNU cut 9 still counts in bytes). */
  mode: "fields" | "bytes";
  ranges: CutRange[];
  delimiter: string;
  outputDelimiter?: string;
  onlyDelimited: boolean;
}

export function parseCut(words: Token[], name: Token): CutFilter | PipelineProblem {
  const parsed = stageWords(
    "cut",
    words,
    [
      { name: "b", short: "b", long: "--bytes", value: true },
      { name: "c", short: "c", long: "--characters", value: true },
      { name: "f", short: "f", long: "--fields", value: true },
      { name: "d", short: "d", long: "--delimiter", value: true },
      { name: "s", short: "s", long: "--only-delimited" },
      { name: "n", short: "n" },
      { name: "o", long: "--output-delimiter", value: true },
    ],
    {
      short: "z",
      long: ["--complement", "--zero-terminated"],
      runs: "-f LIST [-d C] [-s], -b LIST or -c LIST",
    },
  );
  if ("message" in parsed) return parsed;
  // cut.c main: the options first, in the order written, then the checks after them.
  let list: { value: string; token: Token } | undefined;
  let mode: CutFilter["mode"] = "fields";
  let delimiter: { value: string; token: Token } | undefined;
  let outputDelimiter: string | undefined;
  let onlyDelimited: Token | undefined;
  for (const o of parsed.options) {
    if (o.name === "b" || o.name === "c" || o.name === "f") {
      if (list) return usageError("cut", "only one list may be specified", o.token);
      list = { value: o.value, token: o.token };
      if (o.name !== "f") mode = "bytes";
    } else if (o.name === "d") {
      // `-d ''` is the NUL byte.
      if (utf8Length(o.value) > 1)
        return usageError("cut", "the delimiter must be a single character", o.token);
      delimiter = { value: o.value === "" ? "\0" : o.value, token: o.token };
    } else if (o.name === "s") onlyDelimited = o.token;
    else if (o.name === "o") outputDelimiter = o.value;
  }
  if (parsed.operands.length) return fileOperand("cut", parsed.operands[0]);
  if (!list) return usageError("cut", "you must specify a list of bytes, characters, or fields", name);
  if (mode === "bytes" && delimiter)
    return usageError(
      "cut",
      "an input delimiter may be specified only when operating on fields",
      delimiter.token,
    );
  if (mode === "bytes" && onlyDelimited)
    return usageError(
      "cut",
      "suppressing non-delimited lines makes sense\n\tonly when operating on fields",
      onlyDelimited,
    );
  const ranges = cutList(list.value, mode === "bytes", list.token);
  if ("message" in ranges) return ranges;
  return {
    kind: "cut",
    mode,
    ranges,
    delimiter: delimiter?.value ?? "\t",
    ...(outputDelimiter !== undefined ? { outputDelimiter } : {}),
    onlyDelimited: onlyDelimited !== undefined,
  };
}

/** The largest number set-fields.c reads (UINTMAX_MAX is "too large" itself). */
const UINTMAX = 18446744073709551615n;

/**
 * coreutils set-fields.c set_fields: ranges `N`, `N-M`, `N-`, `-M` separated by commas or
 * blanks, sorted, and merged where they overlap (`1-3,2-5` is `1-5`; `1-2,3-4` stay two,
 * which --output-delimiter shows).
 */
function cutList(spec: string, bytes: boolean, token: Token): CutRange[] | PipelineProblem {
  const fail = (m: string) => usageError("cut", m, token);
  const fromOne = bytes ? "byte/character positions are numbered from 1" : "fields are numbered from 1";
  const ranges: CutRange[] = [];
  let initial = 1;
  let value = 0;
  let lhs = false;
  let rhs = false;
  let dash = false;
  let digitsFrom = -1;
  for (let i = 0; ; i++) {
    const c = spec.charAt(i);
    if (c === "-") {
      digitsFrom = -1;
      if (dash) return fail(bytes ? "invalid byte or character range" : "invalid field range");
      dash = true;
      if (lhs && !value) return fail(fromOne);
      initial = lhs ? value : 1;
      value = 0;
    } else if (c === "," || c === " " || c === "\t" || c === "") {
      digitsFrom = -1;
      if (dash) {
        dash = false;
        if (!lhs && !rhs) return fail("invalid range with no endpoint: -");
        if (!rhs) ranges.push({ lo: initial, hi: Infinity });
        else {
          if (value < initial) return fail("invalid decreasing range");
          ranges.push({ lo: initial, hi: value });
        }
      } else {
        if (value === 0) return fail(fromOne);
        ranges.push({ lo: value, hi: value });
      }
      value = 0;
      if (c === "") break;
      lhs = rhs = false;
    } else if (c >= "0" && c <= "9") {
      if (digitsFrom < 0) digitsFrom = i;
      if (dash) rhs = true;
      else lhs = true;
      const digits = spec.slice(digitsFrom, i + 1);
      if (BigInt(digits) >= UINTMAX) {
        const whole = /^\d+/.exec(spec.slice(digitsFrom))![0];
        return fail(`${bytes ? "byte/character offset" : "field number"} '${whole}' is too large`);
      }
      value = Number(digits);
    } else
      return fail(
        bytes
          ? `invalid byte/character position '${spec.slice(i)}'`
          : `invalid field value '${spec.slice(i)}'`,
      );
  }
  ranges.sort((a, b) => a.lo - b.lo || a.hi - b.hi);
  for (let i = 0; i < ranges.length; i++)
    while (i + 1 < ranges.length && ranges[i + 1].lo <= ranges[i].hi) {
      ranges[i].hi = Math.max(ranges[i].hi, ranges[i + 1].hi);
      ranges.splice(i + 1, 1);
    }
  return ranges;
}

const selected = (ranges: readonly CutRange[], k: number) => ranges.some((r) => r.lo <= k && k <= r.hi);

/**
 * One line through cut.c: fields joined by the output delimiter (a line without the delimiter
 * whole, or nothing under -s), or the selected bytes with the output delimiter where a range
 * starts. Fields split on every delimiter, so `cut -d' ' -f2` of a table's padded columns
 * finds the empty strings between spaces, as it does in a shell.
 */
export function cutLine(line: string, f: CutFilter): string | undefined {
  if (f.mode === "fields") {
    if (!line.includes(f.delimiter)) return f.onlyDelimited ? undefined : line;
    const out = line.split(f.delimiter).filter((_, i) => selected(f.ranges, i + 1));
    return out.join(f.outputDelimiter ?? f.delimiter);
  }
  const bytes = utf8Bytes(line);
  let out: number[] = [];
  let text = "";
  let any = false;
  for (let k = 1; k <= bytes.length; k++) {
    if (!selected(f.ranges, k)) continue;
    if (f.outputDelimiter !== undefined && any && f.ranges.some((r) => r.lo === k)) {
      text += fromUtf8(out) + f.outputDelimiter;
      out = [];
    }
    any = true;
    out.push(bytes[k - 1]);
  }
  return text + fromUtf8(out);
}

/** cut over its whole input. */
export function runCut(text: string, f: CutFilter): string {
  let out = "";
  for (const l of linesOf(text)) {
    const c = cutLine(l, f);
    if (c !== undefined) out += `${c}\n`;
  }
  return out;
}

export function runUniq(text: string, f: UniqFilter): string {
  const u = uniqStream(f);
  let out = "";
  for (const l of linesOf(text)) out += u.line(l);
  return out + u.end();
}
