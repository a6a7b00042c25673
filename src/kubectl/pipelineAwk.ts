/**
 * `| awk PROGRAM` after a kubectl command, limited to what walk-throughs use it for: picking
 * columns out of a table. One rule, `[PATTERN] [{ print ITEMS }]`, run by gawk's rules:
 *
 * - `awk '{print $1, $3}'`: items separated by `,` are joined by OFS (a space), written side
 *   by side they are concatenated (`$1 "/" $2`); `print` alone prints the line; ORS is "\n".
 *   An item is `$N`, `$NF`, `$(NF-N)`, `NR`, `NF`, a "string" or an integer.
 * - `awk 'NR>1 {print $1}'` drops a table's header; a pattern compares `NR`, `NF` or a field
 *   with `<`, `<=`, `>`, `>=`, `==`, `!=`, numerically when both sides look like numbers (a
 *   field is a "strnum"), else as strings byte by byte (gawk outside --posix does not collate).
 * - `awk '/Running/ {print $1}'`, `!/re/`, `$3 ~ /re/`, `$3 !~ /re/`: the regex is an ERE,
 *   matched with RE2 (so its time is linear in the line).
 * - A pattern without an action prints the line. `-F C` splits on the character C (a tab with
 *   `-F '\t'`), a longer -F on the ERE it spells; without -F, on runs of blanks, leading and
 *   trailing ones ignored.
 *
 * Anything else (BEGIN/END, variables, `-v`, functions, several rules) is refused at the word.
 */
import { RE2JS } from "re2js";
import { compileGrep } from "./grepPattern.ts";
import {
  byteOrder,
  fileOperand,
  linesOf,
  notHere,
  usageError,
  within,
  type PipelineProblem,
} from "./pipelineWords.ts";
import type { Token } from "./tokenize.ts";

export type AwkOperand =
  | { kind: "field"; index: number }
  /** `$NF` is `{ fromEnd: 0 }`, `$(NF-2)` `{ fromEnd: 2 }`. */
  | { kind: "field"; fromEnd: number }
  | { kind: "NR" }
  | { kind: "NF" }
  | { kind: "string"; value: string }
  | { kind: "number"; value: number };

export type AwkPattern =
  | { kind: "match"; subject?: AwkOperand; regex: string; negate: boolean }
  | {
      kind: "compare";
      left: AwkOperand;
      op: "<" | "<=" | ">" | ">=" | "==" | "!=";
      right: AwkOperand;
      negate: boolean;
    };

export interface AwkFilter {
  kind: "awk";
  /** FS: undefined is the default (runs of blanks), one character is literal, more an ERE. */
  fieldSeparator?: string;
  pattern?: AwkPattern;
  /** The print items (each a concatenation); undefined prints the line. */
  print?: AwkOperand[][];
}

const RUNS = 'one rule: [NR>N | /regex/ | $N ~ /regex/ | $N == "text"] [{print $N, $M ...}], with -F C';

export function parseAwk(words: Token[], name: Token): AwkFilter | PipelineProblem {
  let fs: string | undefined;
  let k = 0;
  for (; k < words.length; k++) {
    const t = words[k];
    const w = t.value;
    if (w === "--") {
      k++;
      break;
    }
    if (!w.startsWith("-") || w === "-") break;
    let value: string | undefined;
    if (w === "-F" || w === "--field-separator") {
      const next = words[k + 1];
      if (!next) return usageError("awk", `option requires an argument -- 'F'`, t);
      value = next.value;
      k++;
    } else if (w.startsWith("-F")) value = w.slice(2);
    else if (w.startsWith("--field-separator=")) value = w.slice("--field-separator=".length);
    else if (/^-[vfeW]|^--/.test(w)) return notHere("awk", w.split("=")[0], t, RUNS);
    else return usageError("awk", `invalid option -- '${w.charAt(1)}'`, t);
    fs = fieldSeparatorOf(value);
    if (fs === "") return notHere("awk", "an empty -F", t, RUNS);
    if (fs !== undefined && fs.length > 1) {
      const re = compileGrep(fs, { extended: true, ignoreCase: false });
      if ("error" in re) return { message: re.error.replace(/^grep:/, "awk:"), token: t };
    }
  }
  const program = words[k];
  if (!program) return { message: "error: awk needs a PROGRAM", token: name, hint: `this awk runs ${RUNS}` };
  if (words[k + 1]) return fileOperand("awk", words[k + 1]);
  // Unquoted, the shell would have read these characters itself (`NR>1` writes to a file "1").
  const shell = program.quoted ? null : /[<>;&()$]/.exec(program.value);
  if (shell)
    return {
      message: `awk: the shell reads \`${shell[0]}\` here, before awk sees the program`,
      token: within(program, shell.index, shell.index + 1),
      hint: `quote the program: awk '${program.value}'`,
    };
  const parsed = new AwkParser(program).parse();
  if ("message" in parsed) return parsed;
  return { kind: "awk", ...(fs !== undefined ? { fieldSeparator: fs } : {}), ...parsed };
}

/** gawk reads -F like a string constant (`\t` is a tab); " " is the default splitting. */
function fieldSeparatorOf(value: string): string | undefined {
  const fs = value.replace(/\\([tn\\/"])/g, (_, c: string) => (c === "t" ? "\t" : c === "n" ? "\n" : c));
  return fs === " " ? undefined : fs;
}

interface Lexeme {
  text: string;
  kind: "punct" | "name" | "number" | "string" | "regex" | "end";
  value: string;
  at: number;
}

class AwkParser {
  private readonly src: string;
  private pos = 0;
  private tok!: Lexeme;

  /** The current lexeme (a call, so that the checker does not keep a narrowing across next()). */
  private t(): Lexeme {
    return this.tok;
  }

  constructor(private readonly word: Token) {
    this.src = word.value;
  }

  parse(): { pattern?: AwkPattern; print?: AwkOperand[][] } | PipelineProblem {
    try {
      this.next(true);
      const out: { pattern?: AwkPattern; print?: AwkOperand[][] } = {};
      if (this.t().text !== "{") out.pattern = this.pattern();
      if (this.t().text === "{") {
        this.next(false);
        if (this.t().text === "print") {
          this.next(false);
          const items: AwkOperand[][] = [];
          while (this.t().text !== "}" && this.t().text !== ";") {
            if (items.length) this.expect(",");
            items.push(this.concatenation());
          }
          if (items.length) out.print = items;
          if (this.t().text === ";") this.next(false);
        } else throw this.refuse();
        this.expect("}");
      } else if (!out.pattern) throw this.refuse();
      if (this.t().kind !== "end") throw this.refuse();
      return out;
    } catch (e) {
      if (e instanceof AwkRefusal) return e.problem;
      throw e;
    }
  }

  private pattern(): AwkPattern {
    let negate = false;
    if (this.t().text === "!") {
      negate = true;
      this.next(true);
    }
    if (this.t().kind === "regex") {
      const regex = this.regex();
      return { kind: "match", regex, negate };
    }
    const left = this.operand();
    const op = this.t().text;
    if (op === "~" || op === "!~") {
      this.next(true);
      if (this.t().kind !== "regex") throw this.refuse();
      const regex = this.regex();
      return { kind: "match", subject: left, regex, negate: negate !== (op === "!~") };
    }
    if (op === "<" || op === "<=" || op === ">" || op === ">=" || op === "==" || op === "!=") {
      this.next(false);
      return { kind: "compare", left, op, right: this.operand(), negate };
    }
    throw this.refuse();
  }

  private regex(): string {
    const t = this.t();
    const re = compileGrep(t.value, { extended: true, ignoreCase: false });
    if ("error" in re)
      throw new AwkRefusal({
        message: re.error.replace(/^grep:/, "awk:"),
        token: within(this.word, t.at, t.at + t.text.length),
      });
    this.next(false);
    return t.value;
  }

  private concatenation(): AwkOperand[] {
    const parts = [this.operand()];
    while (this.t().text === "$" || ["name", "number", "string"].includes(this.t().kind))
      parts.push(this.operand());
    return parts;
  }

  private operand(): AwkOperand {
    const t = this.t();
    if (t.kind === "string") {
      this.next(false);
      return { kind: "string", value: t.value };
    }
    if (t.kind === "number") {
      this.next(false);
      return { kind: "number", value: Number(t.value) };
    }
    if (t.text === "NR" || t.text === "NF") {
      this.next(false);
      return { kind: t.text };
    }
    if (t.text !== "$") throw this.refuse();
    this.next(false);
    const f = this.t();
    if (f.kind === "number") {
      this.next(false);
      return { kind: "field", index: Number(f.value) };
    }
    if (f.text === "NF") {
      this.next(false);
      return { kind: "field", fromEnd: 0 };
    }
    // $(NF-N), how walk-throughs take the column before last.
    this.expect("(");
    if (this.t().text === "NF") {
      this.next(false);
      let back = 0;
      if (this.t().text === "-") {
        this.next(false);
        if (this.t().kind !== "number") throw this.refuse();
        back = Number(this.t().value);
        this.next(false);
      }
      this.expect(")");
      return { kind: "field", fromEnd: back };
    }
    if (this.t().kind !== "number") throw this.refuse();
    const index = Number(this.t().value);
    this.next(false);
    this.expect(")");
    return { kind: "field", index };
  }

  private expect(text: string): void {
    if (this.t().text !== text) throw this.refuse();
    this.next(false);
  }

  private refuse(): AwkRefusal {
    const t = this.t();
    const what = t.kind === "end" ? "the end of the program" : `\`${t.text}\``;
    return new AwkRefusal({
      message: `awk: ${what} is not supported here`,
      token: t.kind === "end" ? this.word : within(this.word, t.at, t.at + t.text.length),
      hint: `this awk runs ${RUNS}`,
    });
  }

  /** The next lexeme; `regexAllowed` where a `/` starts a regex rather than dividing. */
  private next(regexAllowed: boolean): void {
    const s = this.src;
    while (this.pos < s.length && /[ \t\n]/.test(s[this.pos])) this.pos++;
    const at = this.pos;
    if (at >= s.length) {
      this.tok = { text: "", kind: "end", value: "", at };
      return;
    }
    const c = s[at];
    const lex = (text: string, kind: Lexeme["kind"], value = text): void => {
      this.pos = at + text.length;
      this.tok = { text, kind, value, at };
    };
    if (c === "/" && regexAllowed) {
      // A regex runs to the next unescaped `/`; `\/` stands for `/`.
      let i = at + 1;
      let value = "";
      while (i < s.length && s[i] !== "/") {
        if (s[i] === "\\" && s[i + 1] === "/") {
          value += "/";
          i += 2;
        } else if (s[i] === "\\" && i + 1 < s.length) {
          value += s.slice(i, i + 2);
          i += 2;
        } else value += s[i++];
      }
      if (i >= s.length) return lex(s.slice(at), "punct");
      return lex(s.slice(at, i + 1), "regex", value);
    }
    if (c === '"') {
      let i = at + 1;
      let value = "";
      while (i < s.length && s[i] !== '"') {
        if (s[i] === "\\" && i + 1 < s.length) {
          const e = s[i + 1];
          value += e === "t" ? "\t" : e === "n" ? "\n" : e;
          i += 2;
        } else value += s[i++];
      }
      if (i >= s.length) return lex(s.slice(at), "punct");
      return lex(s.slice(at, i + 1), "string", value);
    }
    const num = /^\d+(?![.\w])/.exec(s.slice(at));
    if (num) return lex(num[0], "number");
    const word = /^[A-Za-z_]\w*/.exec(s.slice(at));
    if (word) return lex(word[0], "name");
    const op = /^(<=|>=|==|!=|!~|&&|\|\||[<>!~{}(),;$+\-*%^=?:])/.exec(s.slice(at));
    return lex(op ? op[0] : c, "punct");
  }
}

class AwkRefusal {
  constructor(readonly problem: PipelineProblem) {}
}

/** A record split into fields, as gawk splits $0 by FS. */
function fieldsOf(record: string, fs: string | undefined, splitter: RE2JS | undefined): string[] {
  if (fs === undefined) return record.split(/[ \t\n]+/).filter((f) => f !== "");
  if (record === "") return [];
  if (!splitter) return record.split(fs);
  const out: string[] = [];
  const m = splitter.matcher(record);
  let from = 0;
  let search = 0;
  while (search <= record.length && m.find(search)) {
    // A separator that matches the empty string separates nothing.
    if (m.end() === m.start()) {
      search = m.end() + 1;
      continue;
    }
    out.push(record.slice(from, m.start()));
    from = search = m.end();
  }
  out.push(record.slice(from));
  return out;
}

/** gawk's test for a field that looks like a number (a "strnum"): then it compares as one. */
const looksNumeric = (s: string) => /^[ \t\n]*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?[ \t\n]*$/.test(s);

/** gawk's fatal error for `$(NF-2)` on a line of one field: it stops reading, status 2. */
class AwkFatal {
  constructor(readonly field: number) {}
}

/**
 * The program over a stream of lines: NR counts across everything the stage has read. A line
 * that asks for a negative field ends the program (gawk: "attempt to access field -1"): the
 * stream prints nothing from then on and `failed` is set.
 */
export function awkStream(f: AwkFilter): ((line: string) => string) & { failed?: boolean } {
  const stream = (line: string): string => {
    if (stream.failed) return "";
    try {
      return run(line);
    } catch (e) {
      if (!(e instanceof AwkFatal)) throw e;
      stream.failed = true;
      return "";
    }
  };
  stream.failed = false;
  const run = awkLines(f);
  return stream;
}

function awkLines(f: AwkFilter): (line: string) => string {
  let nr = 0;
  const splitter =
    f.fieldSeparator !== undefined && f.fieldSeparator.length > 1
      ? RE2JS.compile(f.fieldSeparator)
      : undefined;
  const regexes = new Map<string, ReturnType<typeof compileGrep>>();
  const regex = (source: string) => {
    let re = regexes.get(source);
    if (!re) regexes.set(source, (re = compileGrep(source, { extended: true, ignoreCase: false })));
    return re;
  };
  return (line) => {
    nr++;
    const fields = fieldsOf(line, f.fieldSeparator, splitter);
    const value = (o: AwkOperand): { text: string; numeric: boolean } => {
      switch (o.kind) {
        case "NR":
          return { text: String(nr), numeric: true };
        case "NF":
          return { text: String(fields.length), numeric: true };
        case "string":
          return { text: o.value, numeric: false };
        case "number":
          return { text: String(o.value), numeric: true };
        case "field": {
          const i = "index" in o ? o.index : fields.length - o.fromEnd;
          if (i < 0) throw new AwkFatal(i);
          const text = i === 0 ? line : (fields[i - 1] ?? "");
          return { text, numeric: looksNumeric(text) };
        }
      }
    };
    if (f.pattern && !matches(f.pattern, line, value, regex)) return "";
    if (!f.print) return `${line}\n`;
    return f.print.map((parts) => parts.map((p) => value(p).text).join("")).join(" ") + "\n";
  };
}

function matches(
  p: AwkPattern,
  line: string,
  value: (o: AwkOperand) => { text: string; numeric: boolean },
  regex: (source: string) => ReturnType<typeof compileGrep>,
): boolean {
  if (p.kind === "match") {
    const re = regex(p.regex);
    const subject = p.subject ? value(p.subject).text : line;
    return ("error" in re ? false : re.test(subject)) !== p.negate;
  }
  const l = value(p.left);
  const r = value(p.right);
  const diff = l.numeric && r.numeric ? Number(l.text) - Number(r.text) : byteOrder(l.text, r.text);
  const ok =
    p.op === "<"
      ? diff < 0
      : p.op === "<="
        ? diff <= 0
        : p.op === ">"
          ? diff > 0
          : p.op === ">="
            ? diff >= 0
            : p.op === "=="
              ? diff === 0
              : diff !== 0;
  return ok !== p.negate;
}

/** awk over its whole input, and its status (2 after a fatal error). */
export function runAwk(text: string, f: AwkFilter): { stdout: string; status: number } {
  const run = awkStream(f);
  let out = "";
  for (const l of linesOf(text)) out += run(l);
  return { stdout: out, status: run.failed ? 2 : 0 };
}
