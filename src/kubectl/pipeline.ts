/**
 * The shell pipeline after a kubectl command, as walk-throughs write it:
 * `kubectl get pods | grep web`, `kubectl get pods | tail -n +2 | wc -l`,
 * `kubectl describe pod x | grep -A 5 Events`, `kubectl get rs | head -3`,
 * `kubectl get pods -o wide | awk 'NR>1 {print $7}' | sort | uniq -c`.
 *
 * Each stage is the GNU coreutils / grep / gawk command it is named after, in the C locale,
 * reading standard input only (a file operand is refused, there is no file system to read).
 * The pipeline's output is the last stage's; its status is the last stage's too (only grep
 * fails: 1 when it selected no line), as a shell without `pipefail` reports it.
 */
import type { GrepFilter } from "./command.ts";
import { compileGrep } from "./grepPattern.ts";
import { awkStream, parseAwk, runAwk, type AwkFilter } from "./pipelineAwk.ts";
import { parseBase64, runBase64, type Base64Filter } from "./pipelineBase64.ts";
import { parseSort, runSort, type SortFilter } from "./pipelineSort.ts";
import {
  cutLine,
  parseCut,
  parseUniq,
  runCut,
  runUniq,
  uniqStream,
  type CutFilter,
  type UniqFilter,
} from "./pipelineText.ts";
import {
  expandWords,
  fileOperand,
  joined,
  linesOf,
  tryHelp,
  utf8Length,
  type PipelineProblem,
} from "./pipelineWords.ts";
import type { Token } from "./tokenize.ts";

export type { PipelineProblem } from "./pipelineWords.ts";

/** `head [-n [-]N | -N]`: the first N lines (10), or with `-n -N` all but the last N. */
export interface HeadFilter {
  kind: "head";
  lines: number;
  allBut: boolean;
}

/** `tail [-n [+]N | -N]`: the last N lines (10), or with `-n +N` from line N on. */
export interface TailFilter {
  kind: "tail";
  lines: number;
  fromLine: boolean;
}

/** `wc [-l] [-w] [-m] [-c]`: counts of lines, words, characters and bytes (all but -m by default). */
export interface WcFilter {
  kind: "wc";
  lines: boolean;
  words: boolean;
  chars: boolean;
  bytes: boolean;
}

export type ShellFilter =
  | ({ kind: "grep" } & GrepFilter)
  | HeadFilter
  | TailFilter
  | WcFilter
  | SortFilter
  | UniqFilter
  | CutFilter
  | AwkFilter
  | Base64Filter;

export const SUPPORTED_STAGES =
  "grep [-i] [-v] [-c] [-E] [-A|-B|-C NUM] PATTERN, head [-n N], tail [-n [+]N], wc [-l] [-w] [-m] [-c], " +
  "sort [-n] [-h] [-r] [-u] [-t C] [-k POS1[,POS2]], uniq [-c] [-d] [-u], cut -d C -f LIST | -c LIST, " +
  "awk [-F C] '[NR>N | /regex/] {print $N, $M}', or base64 [-d] [-w COLS]";

/**
 * The stages after the first `|` (`rest` holds the words after it, later pipes included).
 * Each stage gets its command's own complaint about a bad option, as the shell would show it.
 */
export function parsePipeline(rest: readonly Token[], pipe: Token): ShellFilter[] | PipelineProblem {
  const stages: Token[][] = [[]];
  const pipes: Token[] = [pipe];
  for (const t of rest) {
    if (t.pipe) {
      stages.push([]);
      pipes.push(t);
    } else stages[stages.length - 1].push(t);
  }
  for (let i = 0; i < stages.length; i++) {
    const expanded = expandWords(stages[i]);
    if (!Array.isArray(expanded)) return expanded;
    stages[i] = expanded;
  }
  const filters: ShellFilter[] = [];
  for (let i = 0; i < stages.length; i++) {
    const [name, ...args] = stages[i];
    if (!name) return { message: "error: a `|` needs a command after it", token: pipes[i] };
    const parse = STAGES[name.value];
    if (!parse || name.quoted)
      return {
        message: `error: \`| ${name.value}\` is not supported after a kubectl command`,
        token: name,
        hint: `the commands a pipeline can use are ${SUPPORTED_STAGES}`,
      };
    const f = parse(args, name);
    if ("message" in f) return f;
    filters.push(f);
  }
  return filters;
}

const STAGES: Record<string, (args: Token[], name: Token) => ShellFilter | PipelineProblem> = {
  grep: parseGrep,
  head: (args, name) => parseLines("head", args, name),
  tail: (args, name) => parseLines("tail", args, name),
  wc: parseWc,
  sort: parseSort,
  uniq: parseUniq,
  cut: parseCut,
  awk: parseAwk,
  base64: parseBase64,
};

function parseGrep(words: Token[], name: Token): ShellFilter | PipelineProblem {
  const g: { kind: "grep" } & GrepFilter = {
    kind: "grep",
    pattern: "",
    ignoreCase: false,
    invert: false,
    extended: false,
  };
  let pattern: Token | undefined;
  for (let k = 0; k < words.length; k++) {
    const t = words[k];
    // -A NUM, -B NUM, -C NUM (or -A5, -NUM for -C): lines of context around each match.
    const context = !pattern && !t.quoted ? /^-([ABC])(\d*)$|^-(\d+)$/.exec(t.value) : null;
    if (context) {
      let digits = context[2] || context[3];
      if (!digits) {
        const next = words[k + 1];
        if (!next || !/^\d+$/.test(next.value))
          return { message: `grep: ${next?.value ?? ""}: invalid context length argument`, token: next ?? t };
        digits = next.value;
        k++;
      }
      const n = Number(digits);
      const which = context[1] ?? "C";
      if (which !== "B") g.after = n;
      if (which !== "A") g.before = n;
      continue;
    }
    if (!pattern && !t.quoted && /^-[ivEFc]+$/.test(t.value)) {
      for (const c of t.value.slice(1)) {
        if (c === "i") g.ignoreCase = true;
        else if (c === "v") g.invert = true;
        else if (c === "E") g.extended = true;
        else if (c === "c") g.count = true;
      }
      continue;
    }
    if (pattern) return fileOperand("grep", t);
    pattern = t;
  }
  if (!pattern) return { message: "error: grep needs a PATTERN", token: name };
  g.pattern = pattern.value;
  const compiled = compileGrep(g.pattern, g);
  if ("error" in compiled) return { message: compiled.error, token: pattern };
  return g;
}

/** head's and tail's `-n N`, `-nN`, `--lines=N`, `-N` (the obsolete form), and their signs. */
function parseLines(cmd: "head" | "tail", words: Token[], name: Token): ShellFilter | PipelineProblem {
  let count: { text: string; token: Token } | undefined;
  for (let k = 0; k < words.length; k++) {
    const t = words[k];
    let text: string | undefined;
    if (t.value === "-n" || t.value === "--lines") {
      const next = words[k + 1];
      if (!next)
        return { message: `${cmd}: option requires an argument -- 'n'`, token: t, hint: tryHelp(cmd) };
      text = next.value;
      k++;
    } else if (t.value.startsWith("--lines=")) text = t.value.slice("--lines=".length);
    else if (/^-n./.test(t.value)) text = t.value.slice(2);
    else if (/^-\d+$/.test(t.value)) text = t.value.slice(1);
    else if (t.value.startsWith("-") && t.value !== "-")
      return {
        message: `${cmd}: invalid option -- '${t.value.replace(/^-+/, "").charAt(0)}'`,
        token: t,
        hint: tryHelp(cmd),
      };
    else return fileOperand(cmd, t);
    count = { text, token: t };
  }
  const text = count?.text ?? "10";
  const m = /^([+-]?)(\d+)$/.exec(text);
  if (!m) return { message: `${cmd}: invalid number of lines: '${text}'`, token: count?.token ?? name };
  const lines = Number(m[2]);
  // head reads a leading '-' as "all but"; tail a leading '+' as "from line".
  return cmd === "head"
    ? { kind: "head", lines, allBut: m[1] === "-" }
    : { kind: "tail", lines, fromLine: m[1] === "+" };
}

function parseWc(words: Token[]): ShellFilter | PipelineProblem {
  const f: WcFilter = { kind: "wc", lines: false, words: false, chars: false, bytes: false };
  const long: Record<string, keyof Omit<WcFilter, "kind">> = {
    "--lines": "lines",
    "--words": "words",
    "--chars": "chars",
    "--bytes": "bytes",
  };
  const short: Record<string, keyof Omit<WcFilter, "kind">> = {
    l: "lines",
    w: "words",
    m: "chars",
    c: "bytes",
  };
  for (const t of words) {
    if (long[t.value]) f[long[t.value]] = true;
    else if (/^-[a-zA-Z]+$/.test(t.value)) {
      for (const c of t.value.slice(1)) {
        if (!short[c]) return { message: `wc: invalid option -- '${c}'`, token: t, hint: tryHelp("wc") };
        f[short[c]] = true;
      }
    } else return fileOperand("wc", t);
  }
  if (!f.lines && !f.words && !f.chars && !f.bytes) f.lines = f.words = f.bytes = true;
  return f;
}

/**
 * What the pipeline prints, its status (grep's 1 when the last stage selected nothing), and
 * what its stages wrote on stderr (base64's `invalid input`), in stage order.
 */
export function runPipeline(
  text: string,
  filters: readonly ShellFilter[],
): { stdout: string; status: number; stderr?: string } {
  let out = text;
  let status = 0;
  let stderr = "";
  for (const f of filters) {
    const r = runStage(out, f);
    out = r.stdout;
    status = r.status;
    if (r.stderr) stderr += r.stderr;
  }
  return stderr ? { stdout: out, status, stderr } : { stdout: out, status };
}

/**
 * The pipeline over input that never ends (`kubectl get pods -w | grep web`): each `write`
 * passes what the watch printed next through the stages, each keeping what it has read. grep
 * selects line by line (context lines within one write); `head -n N` passes N lines in all,
 * then nothing; `tail -n +N` drops the first N-1 lines in all, then passes everything; cut and
 * awk pass each line as it comes (awk's NR counting on); uniq prints a line when the next
 * different one arrives (plain uniq at once). `grep -c`, `tail -n N`, `head -n -N`, `wc` and
 * `sort` print when their input ends, which a watch's never does: they print nothing.
 */
export function streamPipeline(filters: readonly ShellFilter[]): {
  write(text: string): { stdout: string; status: number };
} {
  const stages = filters.map(streamStage);
  return {
    write(text) {
      let out = text;
      let status = 0;
      for (const stage of stages) {
        const r = stage(out);
        out = r.stdout;
        if (r.status !== undefined) status = r.status;
      }
      return { stdout: out, status };
    },
  };
}

/**
 * One stage over a stream: what it passes on of each piece it reads, and its status (none
 * from a `grep -c` that has not ended: the status stays the stage's before).
 */
function streamStage(f: ShellFilter): (text: string) => { stdout: string; status?: number } {
  let seen = 0;
  const byLine = (each: (line: string) => string) => (text: string) => ({
    stdout: linesOf(text).map(each).join(""),
    status: 0,
  });
  switch (f.kind) {
    case "grep":
      return f.count ? () => ({ stdout: "" }) : (text) => runGrep(text, f);
    case "head":
      if (f.allBut) break;
      return (text) => {
        const lines = linesOf(text);
        const before = seen;
        seen += lines.length;
        return { stdout: joined(lines.slice(0, Math.max(0, f.lines - before))), status: 0 };
      };
    case "tail":
      if (!f.fromLine) break;
      return (text) => {
        const lines = linesOf(text);
        const before = seen;
        seen += lines.length;
        return { stdout: joined(lines.slice(Math.max(0, f.lines - 1 - before))), status: 0 };
      };
    case "uniq": {
      const u = uniqStream(f);
      return byLine((l) => u.line(l));
    }
    case "cut":
      return byLine((l) => {
        const c = cutLine(l, f);
        return c === undefined ? "" : `${c}\n`;
      });
    case "awk": {
      const run = awkStream(f);
      return (text) => ({ stdout: linesOf(text).map(run).join(""), status: run.failed ? 2 : 0 });
    }
    default:
      break;
  }
  return () => ({ stdout: "", status: 0 });
}

function runStage(text: string, f: ShellFilter): { stdout: string; status: number; stderr?: string } {
  switch (f.kind) {
    case "grep":
      return runGrep(text, f);
    case "head": {
      const lines = linesOf(text);
      return {
        stdout: joined(
          f.allBut ? lines.slice(0, Math.max(0, lines.length - f.lines)) : lines.slice(0, f.lines),
        ),
        status: 0,
      };
    }
    case "tail": {
      const lines = linesOf(text);
      // tail -n +N starts at line N (1-based; +0 is +1); tail -n 0 prints nothing.
      const kept = f.fromLine ? lines.slice(Math.max(0, f.lines - 1)) : f.lines ? lines.slice(-f.lines) : [];
      return { stdout: joined(kept), status: 0 };
    }
    case "wc":
      return { stdout: wc(text, f), status: 0 };
    case "sort":
      return { stdout: runSort(text, f), status: 0 };
    case "uniq":
      return { stdout: runUniq(text, f), status: 0 };
    case "cut":
      return { stdout: runCut(text, f), status: 0 };
    case "awk":
      return runAwk(text, f);
    case "base64":
      return runBase64(text, f);
  }
}

/**
 * wc's counts in its order (lines, words, characters, bytes). Reading a pipe, GNU wc pads each
 * count to 7 columns, separated by a space, unless it prints only one (wc.c: compute_number_width
 * takes 7 as the minimum for input that is not a regular file; one count prints unpadded).
 */
function wc(text: string, f: WcFilter): string {
  const counts: number[] = [];
  if (f.lines) counts.push((text.match(/\n/g) ?? []).length);
  if (f.words) counts.push(text.split(/[ \t\n\v\f\r]+/).filter((w) => w !== "").length);
  if (f.chars) counts.push([...text].length);
  if (f.bytes) counts.push(utf8Length(text));
  const width = counts.length === 1 ? 1 : 7;
  return counts.map((c) => String(c).padStart(width)).join(" ") + "\n";
}

function runGrep(text: string, g: GrepFilter): { stdout: string; status: number } {
  const kept = grepLines(text, g);
  const status = kept.length ? 0 : 1;
  if (g.count) return { stdout: `${kept.length}\n`, status };
  if (g.after === undefined && g.before === undefined) return { stdout: joined(kept), status };
  return { stdout: withContext(text, g), status };
}

/**
 * grep's line filter: -i ignores case, -v inverts, -E takes an extended regular expression;
 * a basic pattern is matched with its regex metacharacters `.`, `*`, `^`, `$`, `[…]` and the
 * rest literal. Example: `describe deploy x | grep -i image:` keeps "    Image:      busybox:v3".
 */
export function grep(text: string, g: GrepFilter): string {
  return runGrep(text, g).stdout;
}

/**
 * GNU grep's -A/-B/-C: each matching line with the lines around it; groups that do not touch
 * are separated by a line `--`. Example: `describe pod x | grep -A 2 Events:`.
 */
function withContext(text: string, g: GrepFilter): string {
  const re = compileGrep(g.pattern, g);
  if ("error" in re) return "";
  const lines = linesOf(text);
  const after = g.after ?? 0;
  const before = g.before ?? 0;
  const shown = new Array<boolean>(lines.length).fill(false);
  for (let i = 0; i < lines.length; i++) {
    if (re.test(lines[i]) === g.invert) continue;
    for (let j = Math.max(0, i - before); j <= Math.min(lines.length - 1, i + after); j++) shown[j] = true;
  }
  let out = "";
  let last = -1;
  for (let i = 0; i < lines.length; i++) {
    if (!shown[i]) continue;
    if (last >= 0 && i > last + 1) out += "--\n";
    out += `${lines[i]}\n`;
    last = i;
  }
  return out;
}

function grepLines(text: string, g: GrepFilter): string[] {
  const re = compileGrep(g.pattern, g);
  // parsePipeline has refused a pattern that does not compile.
  if ("error" in re) return [];
  return linesOf(text).filter((l) => re.test(l) !== g.invert);
}
