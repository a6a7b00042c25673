/**
 * What every stage of a trailing shell pipeline (pipeline.ts) shares: its complaints, the
 * lines it reads, and the C locale's byte order the text stages sort and compare in.
 */
import type { Token } from "./tokenize.ts";

/** Where a stage's complaint points: its message, the word it is about, a hint. */
export interface PipelineProblem {
  message: string;
  token: Token;
  hint?: string;
}

/** The second line coreutils print after a usage error. */
export const tryHelp = (cmd: string): string => `Try '${cmd} --help' for more information.`;

/** A usage error as coreutils print it: the message, then the `--help` line. */
export const usageError = (cmd: string, message: string, token: Token): PipelineProblem => ({
  message: `${cmd}: ${message}`,
  token,
  hint: tryHelp(cmd),
});

/** An option GNU knows and this pipeline does not run: said so, with what it does run. */
export const notHere = (cmd: string, option: string, token: Token, runs: string): PipelineProblem => ({
  message: `${cmd}: ${option} is not supported here`,
  token,
  hint: `this ${cmd} runs ${runs}`,
});

export function fileOperand(cmd: string, t: Token): PipelineProblem {
  return {
    message: `${cmd}: ${t.value}: only standard input can be read here`,
    token: t,
    hint: `a pipeline stage reads what the command before it printed; drop "${t.value}"`,
  };
}

/**
 * The part `[from, to)` of a word's value, as a token of its own when the word is written
 * plainly or inside one pair of single quotes (so a complaint can point inside an awk
 * program); otherwise the whole word, whose quoting moved its characters about.
 */
export function within(t: Token, from: number, to: number): Token {
  const width = t.end - t.start;
  const offset = width === t.value.length ? 0 : width === t.value.length + 2 ? 1 : -1;
  if (offset < 0) return t;
  return { ...t, start: t.start + offset + from, end: t.start + offset + Math.max(to, from + 1) };
}

export function linesOf(text: string): string[] {
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

export const joined = (lines: readonly string[]): string => (lines.length ? lines.join("\n") + "\n" : "");

/**
 * The C locale's order (LC_ALL=C, which the text stages assume): strings compare as their
 * UTF-8 bytes, that is by code point. JavaScript compares UTF-16 code units, which puts the
 * surrogates of a character above U+FFFF below U+E000–U+FFFF; `unit` moves them above.
 */
export function byteOrder(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return unit(x) - unit(y);
  }
  return a.length - b.length;
}

const unit = (u: number) => (u >= 0xd800 && u <= 0xdfff ? u + 0x2000 : u >= 0xe000 ? u - 0x800 : u);

/** How many bytes a string is in UTF-8 (what `-t`, `-d` and `wc -c` count). */
export function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

/** The UTF-8 bytes of a string (cut -b and -c select bytes). */
export function utf8Bytes(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}

/**
 * Bytes back to text; a character cut in two shows as U+FFFD, as a terminal shows bytes
 * that are not UTF-8.
 */
export function fromUtf8(bytes: readonly number[]): string {
  let s = "";
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i];
    const need = b < 0x80 ? 0 : b >= 0xf0 && b < 0xf8 ? 3 : b >= 0xe0 ? 2 : b >= 0xc0 ? 1 : -1;
    let ok = need >= 0 && i + need < bytes.length;
    for (let k = 1; ok && k <= need; k++) ok = (bytes[i + k] & 0xc0) === 0x80;
    if (!ok) {
      s += "\ufffd";
      i++;
      continue;
    }
    let c = need === 0 ? b : b & (0x3f >> need);
    for (let k = 1; k <= need; k++) c = (c << 6) | (bytes[i + k] & 63);
    s += String.fromCodePoint(c);
    i += need + 1;
  }
  return s;
}

/** One option a stage takes: its short letter and long name, and whether it takes a value. */
export interface StageOption {
  name: string;
  short?: string;
  long?: string;
  value?: boolean;
}

export interface StageWords {
  /** The options in the order written, each with its value and the word it came from. */
  options: { name: string; value: string; token: Token }[];
  operands: Token[];
}

/**
 * getopt_long as coreutils call it: `-abc` clusters letters, a letter that takes a value takes
 * the rest of its word or else the next word (`-k2`, `-k 2`, `-nk2`), `--name=value` or
 * `--name value`, `--` ends the options, and options may follow operands. `unsupported` are
 * the GNU options this pipeline does not run: refused as such rather than as unknown.
 */
export function stageWords(
  cmd: string,
  words: readonly Token[],
  known: readonly StageOption[],
  unsupported: { short: string; long: readonly string[]; runs: string },
): StageWords | PipelineProblem {
  const options: StageWords["options"] = [];
  const operands: Token[] = [];
  for (let k = 0; k < words.length; k++) {
    const t = words[k];
    const w = t.value;
    if (w === "--") {
      operands.push(...words.slice(k + 1));
      break;
    }
    if (w.startsWith("--")) {
      const eq = w.indexOf("=");
      const long = eq < 0 ? w : w.slice(0, eq);
      const spec = known.find((o) => o.long === long);
      if (!spec) {
        if (unsupported.long.includes(long)) return notHere(cmd, long, t, unsupported.runs);
        return usageError(cmd, `unrecognized option '${w}'`, t);
      }
      if (!spec.value) {
        if (eq >= 0) return usageError(cmd, `option '${long}' doesn't allow an argument`, t);
        options.push({ name: spec.name, value: "", token: t });
      } else if (eq >= 0) options.push({ name: spec.name, value: w.slice(eq + 1), token: t });
      else {
        const next = words[k + 1];
        if (!next) return usageError(cmd, `option '${long}' requires an argument`, t);
        options.push({ name: spec.name, value: next.value, token: next });
        k++;
      }
      continue;
    }
    if (!w.startsWith("-") || w === "-") {
      // `-` is standard input, which is what a stage reads anyway.
      if (w !== "-") operands.push(t);
      continue;
    }
    for (let i = 1; i < w.length; i++) {
      const c = w[i];
      const spec = known.find((o) => o.short === c);
      if (!spec) {
        if (unsupported.short.includes(c)) return notHere(cmd, `-${c}`, t, unsupported.runs);
        return usageError(cmd, `invalid option -- '${c}'`, t);
      }
      if (!spec.value) {
        options.push({ name: spec.name, value: "", token: t });
        continue;
      }
      if (i + 1 < w.length) options.push({ name: spec.name, value: w.slice(i + 1), token: t });
      else {
        const next = words[k + 1];
        if (!next) return usageError(cmd, `option requires an argument -- '${c}'`, t);
        options.push({ name: spec.name, value: next.value, token: next });
        k++;
      }
      break;
    }
  }
  return { options, operands };
}

/**
 * The shell's parameter expansion in a stage's words, as bash does it before the stage runs:
 * `$1`…`$9` and `${N}` (a scenario's line has no positional parameters) and `$NAME`/`${NAME}`
 * (no variable is set) are empty, `$0` is `bash`, `$#` is 0, `$@` and `$*` are empty; `$`
 * before anything else stays. So `awk "{print $1}"` runs `{print }`, which prints whole lines,
 * while `awk '{print $1}'` keeps its `$1`. An unquoted word left empty is no word at all.
 * Command substitution and the other special parameters are refused.
 */
export function expandWords(words: readonly Token[]): Token[] | PipelineProblem {
  const out: Token[] = [];
  for (const t of words) {
    if (!t.dollars) {
      out.push(t);
      continue;
    }
    let value = "";
    let from = 0;
    for (const d of t.dollars) {
      if (d < from) continue;
      const expanded = expandAt(t.value, d);
      if (expanded === undefined) continue;
      if ("refused" in expanded)
        return {
          message: `error: ${expanded.refused} is not supported in a pipeline stage`,
          token: within(t, d, d + 2),
          hint: "in single quotes the shell leaves `$` to the command: awk '{print $(NF-1)}'",
        };
      value += t.value.slice(from, d) + expanded.text;
      from = d + expanded.length;
    }
    value += t.value.slice(from);
    if (value === "" && !t.quoted) continue;
    const { dollars: _, ...rest } = t;
    out.push({ ...rest, value });
  }
  return out;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/** The expansion of the `$` at `d`: its text and how many characters it replaces; undefined leaves it. */
function expandAt(
  value: string,
  d: number,
): { text: string; length: number } | { refused: string } | undefined {
  const next = value[d + 1];
  if (next === undefined) return undefined;
  const positional = (n: string) => (n === "0" ? "bash" : "");
  if (next >= "0" && next <= "9") return { text: positional(next), length: 2 };
  const name = NAME.exec(value.slice(d + 1));
  if (name) return { text: "", length: 1 + name[0].length };
  if (next === "#") return { text: "0", length: 2 };
  if (next === "@" || next === "*") return { text: "", length: 2 };
  if (next === "{") {
    const close = value.indexOf("}", d + 2);
    const inner = close < 0 ? "" : value.slice(d + 2, close);
    if (/^[0-9]+$/.test(inner)) return { text: positional(inner), length: close - d + 1 };
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(inner)) return { text: "", length: close - d + 1 };
    return { refused: "`${…}` parameter expansion" };
  }
  if (next === "(") return { refused: "`$(…)` command substitution" };
  if ("?$!-".includes(next)) return { refused: `\`$${next}\`` };
  return undefined;
}
