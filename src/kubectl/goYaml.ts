/**
 * YAML text as kubectl's `-o yaml` writes it: sigs.k8s.io/yaml.Marshal, which turns the JSON
 * into go-yaml v2 values (yaml.Unmarshal) and writes those with go-yaml v2's encoder and
 * emitter (encode.go stringv, sorted.go keyList, emitterc.go yaml_emitter_analyze_scalar,
 * yaml_emitter_select_scalar_style and the write_*_scalar functions). Only JSON-shaped values
 * (maps, lists, strings, numbers, booleans, null) are written, in block style.
 *
 * - A string that would read back as something else unquoted — a number (`"1"`, `"0x1F"`,
 *   `"1_000"`, `"12:30"`), a boolean (`"true"`, `"yes"`, `"on"`), null (`""`, `"~"`), a
 *   timestamp (`"2024-01-01"`) — is double-quoted (stringv: not resolved as !!str).
 * - Any other string is plain unless the emitter's analysis forbids it: then single-quoted
 *   (`'*'`, `'@x'`, `'a: b'`, `'- x'`, `'x #y'`, `' x'`, `'x '`), or double-quoted with escapes
 *   when single quotes cannot hold it (a tab, a control or non-BMP character, a space before
 *   or after a line break).
 * - A string with a line break is a literal block (`|`, `|-` without a final break, `|+`
 *   with more than one, `|2` when it starts with a space), unless a block cannot hold it
 *   (trailing spaces, special characters): then double-quoted.
 * - Lines are folded at the first space past column 80 (best_width), in plain and quoted
 *   scalars but not in keys; a continuation is indented two past its key or dash.
 * - Map keys in go-yaml's order (keyList.Less): runs of digits compare as numbers and a
 *   non-letter sorts before a letter (`item9` before `item10`, `a-b` before `aa`).
 * - Empty maps and lists are `{}` and `[]`; lists under a key are not indented.
 */
import { isObj, type Obj } from "../k8s/jsonObject.ts";

/** emitter.best_width: go-yaml v2's default. */
const BEST_WIDTH = 80;
/** emitter.best_indent. */
const BEST_INDENT = 2;

/** The YAML text of a JSON-shaped value, ending with a newline. */
export function goYamlText(value: unknown): string {
  const e = new Emitter();
  e.node(value, false, false);
  // yaml_emitter_emit_document_end: write_indent at the root's level ends the last line.
  e.indent = -1;
  e.writeIndent();
  return e.text();
}

/** The keys with a value (encoding/json leaves undefined out), in go-yaml's order. */
function keysOf(m: Obj): string[] {
  const keys: string[] = [];
  for (const k in m) if (Object.hasOwn(m, k) && m[k] !== undefined) keys.push(k);
  return keys.sort(keyOrder);
}

/** The emitter's state as emitterc.go keeps it: column in characters, whitespace, indention, indent. */
class Emitter {
  private readonly done: string[] = [];
  private line = "";
  column = 0;
  whitespace = true;
  indention = true;
  indent = -1;

  text(): string {
    return this.done.join("") + this.line;
  }

  put(s: string): void {
    this.line += s;
    this.column += s.length === 1 ? 1 : [...s].length;
  }

  putBreak(): void {
    this.done.push(this.line, "\n");
    this.line = "";
    this.column = 0;
  }

  /** yaml_emitter_write_indent. */
  writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace))
      this.putBreak();
    if (this.column < indent) this.put(" ".repeat(indent - this.column));
    this.whitespace = true;
    this.indention = true;
  }

  /** yaml_emitter_write_indicator. */
  indicator(text: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(" ");
    this.put(text);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  /** yaml_emitter_increase_indent; the caller restores the indent it had. */
  increaseIndent(flow: boolean, indentless: boolean): void {
    if (this.indent < 0) this.indent = flow ? BEST_INDENT : 0;
    else if (!indentless) this.indent += BEST_INDENT;
  }

  /** yaml_emitter_emit_node for a value of a mapping (`mapping`) or a simple key. */
  node(v: unknown, mapping: boolean, simpleKey: boolean): void {
    const saved = this.indent;
    if (isObj(v) || Array.isArray(v)) {
      const keys = Array.isArray(v) ? undefined : keysOf(v);
      const size = keys ? keys.length : (v as unknown[]).length;
      if (size === 0) {
        // An empty collection is written in flow style (yaml_emitter_check_empty_*).
        this.indicator(keys ? "{" : "[", true, true, false);
        this.indicator(keys ? "}" : "]", false, false, false);
      } else if (keys) {
        this.increaseIndent(false, false);
        for (const k of keys) {
          this.writeIndent();
          this.node(k, false, true);
          this.indicator(":", false, false, false);
          this.node((v as Obj)[k], true, false);
        }
      } else {
        // A list that is a mapping's value is indentless (mapping_context && !indention).
        this.increaseIndent(false, mapping && !this.indention);
        for (const item of v as unknown[]) {
          this.writeIndent();
          this.indicator("-", true, false, true);
          this.node(item, false, false);
        }
      }
    } else {
      this.increaseIndent(true, false);
      this.scalar(v, simpleKey);
    }
    this.indent = saved;
  }

  private scalar(v: unknown, simpleKey: boolean): void {
    if (v === null || v === undefined) return this.plain("null", false);
    if (typeof v === "boolean") return this.plain(v ? "true" : "false", false);
    if (typeof v === "number") return this.plain(goNumber(v), false);
    const s = String(v);
    switch (scalarStyle(s, simpleKey)) {
      case "plain":
        return this.plain(s, !simpleKey);
      case "single":
        return this.singleQuoted(s, !simpleKey);
      case "double":
        return this.doubleQuoted(s, !simpleKey);
      case "literal":
        return this.literal(s);
    }
  }

  /** yaml_emitter_write_plain_scalar. */
  private plain(s: string, allowBreaks: boolean): void {
    if (s.length > 0 && !this.whitespace) this.put(" ");
    // No space can be past best_width: the whole of it at once.
    if (!allowBreaks || this.column + s.length <= BEST_WIDTH + 1 || !s.includes(" ")) this.put(s);
    else {
      const chars = [...s];
      let spaces = false;
      for (let i = 0; i < chars.length; i++) {
        const c = chars[i];
        if (c === " ") {
          if (!spaces && this.column > BEST_WIDTH && chars[i + 1] !== " ") this.writeIndent();
          else this.put(c);
          spaces = true;
        } else {
          this.put(c);
          this.indention = false;
          spaces = false;
        }
      }
    }
    if (s.length > 0) this.whitespace = false;
    this.indention = false;
  }

  /** yaml_emitter_write_single_quoted_scalar. */
  private singleQuoted(s: string, allowBreaks: boolean): void {
    this.indicator("'", true, false, false);
    const chars = [...s];
    let spaces = false;
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i];
      if (c === " ") {
        if (
          allowBreaks &&
          !spaces &&
          this.column > BEST_WIDTH &&
          i > 0 &&
          i < chars.length - 1 &&
          chars[i + 1] !== " "
        )
          this.writeIndent();
        else this.put(c);
        spaces = true;
      } else {
        this.put(c === "'" ? "''" : c);
        this.indention = false;
        spaces = false;
      }
    }
    this.indicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  /** yaml_emitter_write_double_quoted_scalar. */
  private doubleQuoted(s: string, allowBreaks: boolean): void {
    this.indicator('"', true, false, false);
    const chars = [...s];
    let spaces = false;
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i];
      const cp = c.codePointAt(0) ?? 0;
      if (!isPrintable(c) || cp === 0xfeff || isBreak(c) || c === '"' || c === "\\") {
        const named = ESCAPES[cp];
        if (named !== undefined) this.put("\\" + named);
        else {
          const [letter, width] = cp <= 0xff ? ["x", 2] : cp <= 0xffff ? ["u", 4] : ["U", 8];
          this.put("\\" + letter + cp.toString(16).toUpperCase().padStart(width, "0"));
        }
        spaces = false;
      } else if (c === " ") {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < chars.length - 1) {
          this.writeIndent();
          if (chars[i + 1] === " ") this.put("\\");
        } else this.put(c);
        spaces = true;
      } else {
        this.put(c);
        spaces = false;
      }
    }
    this.indicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  /** yaml_emitter_write_literal_scalar and its block scalar hints (indent, chomping). */
  private literal(s: string): void {
    this.indicator("|", true, false, false);
    const chars = [...s];
    if (chars[0] === " " || isBreak(chars[0])) this.indicator(String(BEST_INDENT), false, false, false);
    const last = chars.length - 1;
    if (!isBreak(chars[last])) this.indicator("-", false, false, false);
    else if (last === 0 || isBreak(chars[last - 1])) this.indicator("+", false, false, false);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (const c of chars) {
      if (isBreak(c)) {
        this.putBreak();
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.put(c);
        this.indention = false;
        breaks = false;
      }
    }
  }
}

/** encode.go stringv's requested style, then yaml_emitter_select_scalar_style. */
function scalarStyle(s: string, simpleKey: boolean): "plain" | "single" | "double" | "literal" {
  const a = analyze(s);
  let style: "plain" | "single" | "double" | "literal" = s.includes("\n")
    ? "literal"
    : resolvesAsString(s)
      ? "plain"
      : "double";
  if (simpleKey && a.multiline) style = "double";
  if (style === "plain" && (!a.blockPlainAllowed || (s === "" && simpleKey))) style = "single";
  if (style === "single" && !a.singleQuotedAllowed) style = "double";
  if (style === "literal" && (!a.blockAllowed || simpleKey)) style = "double";
  return style;
}

const isSpace = (c: string | undefined): boolean => c === " ";
const isBreak = (c: string | undefined): boolean =>
  c === "\r" || c === "\n" || c === "\u0085" || c === "\u2028" || c === "\u2029";
const isBlankz = (c: string | undefined): boolean => c === undefined || c === " " || c === "\t" || isBreak(c);

/** yaml.h is_printable, on code points (the unicode emitter: non-ASCII may stay as it is). */
function isPrintable(c: string): boolean {
  const cp = c.codePointAt(0) ?? 0;
  return (
    cp === 0x0a ||
    (cp >= 0x20 && cp <= 0x7e) ||
    (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff)
  );
}

interface Analysis {
  multiline: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

/** emitterc.go yaml_emitter_analyze_scalar (the block-context answers). */
function analyze(s: string): Analysis {
  if (s === "")
    return { multiline: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };
  const chars = [...s];
  let blockIndicators = s.startsWith("---") || s.startsWith("...");
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let precededByWhitespace = true;
  let previousSpace = false;
  let previousBreak = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    const followedByWhitespace = isBlankz(chars[i + 1]);
    if (i === 0) {
      if ("#,[]{}&*!|>'\"%@`".includes(c)) blockIndicators = true;
      else if ((c === "?" || c === ":" || c === "-") && followedByWhitespace) blockIndicators = true;
    } else if (c === ":" && followedByWhitespace) blockIndicators = true;
    else if (c === "#" && precededByWhitespace) blockIndicators = true;
    if (!isPrintable(c)) special = true;
    const last = i === chars.length - 1;
    if (isSpace(c)) {
      if (i === 0) leadingSpace = true;
      if (last) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (last) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlankz(c);
  }
  let blockPlainAllowed = true;
  let singleQuotedAllowed = true;
  let blockAllowed = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) blockPlainAllowed = false;
  if (trailingSpace) blockAllowed = false;
  if (breakSpace) blockPlainAllowed = singleQuotedAllowed = false;
  if (spaceBreak || special) blockPlainAllowed = singleQuotedAllowed = blockAllowed = false;
  if (lineBreaks || blockIndicators) blockPlainAllowed = false;
  return { multiline: lineBreaks, blockPlainAllowed, singleQuotedAllowed, blockAllowed };
}

/** resolve.go: the words that read as a boolean, null, infinity or NaN, and the merge key. */
const RESOLVED_WORDS = new Set([
  "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON",
  "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF",
  "", "~", "null", "Null", "NULL",
  ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF",
  "<<",
]); // prettier-ignore

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/**
 * encode.go stringv's test: resolve("", s) gives !!str and it is no base-60 float — else the
 * string is double-quoted so that it reads back as a string.
 */
function resolvesAsString(s: string): boolean {
  if (RESOLVED_WORDS.has(s)) return false;
  if (BASE60_FLOAT.test(s)) return false;
  const c = s[0];
  if (c === ".") return !/^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(s); // strconv.ParseFloat of ".5"
  if (!(c === "+" || c === "-" || (c >= "0" && c <= "9"))) return true;
  if (c >= "0" && c <= "9" && isTimestamp(s)) return false;
  const plain = s.replaceAll("_", "");
  if (goParseInt(plain)) return false;
  if (YAML_STYLE_FLOAT.test(plain)) return false;
  return !/^-?0b[01]+$/.test(plain);
}

/** strconv.ParseInt/ParseUint(s, 0, 64) accepting the string (sign, 0x/0o/0b/0 prefixes, 64 bits). */
function goParseInt(s: string): boolean {
  const m = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+|[1-9][0-9]*|0)$/.exec(s);
  if (!m) return false;
  const body = m[2];
  const prefixed = /^0[xXbBoO]/.test(body);
  const radix = prefixed
    ? { x: 16n, b: 2n, o: 8n }[body[1].toLowerCase() as "x" | "b" | "o"]
    : body.length > 1 && body[0] === "0"
      ? 8n
      : 10n;
  const digits = prefixed ? body.slice(2) : body.length > 1 && body[0] === "0" ? body.slice(1) : body;
  let n = 0n;
  for (const d of digits) n = n * radix + BigInt(parseInt(d, 16));
  // ParseUint takes what ParseInt leaves: up to 2^64 - 1 without a minus sign.
  return m[1] === "-" ? n <= 2n ** 63n : n <= 2n ** 64n - 1n;
}

/** resolve.go parseTimestamp: four digits and a dash, then one of its layouts. */
function isTimestamp(s: string): boolean {
  if (!/^[0-9]{4}-/.test(s)) return false;
  const date = "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}";
  const time = "[0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(\\.[0-9]+)?";
  return (
    new RegExp(`^${date}$`).test(s) ||
    new RegExp(`^${date}[Tt]${time}(Z|[-+][0-9]{2}:[0-9]{2})$`).test(s) ||
    new RegExp(`^${date} ${time}$`).test(s)
  );
}

const ESCAPES: Record<number, string> = {
  0x00: "0",
  0x07: "a",
  0x08: "b",
  0x09: "t",
  0x0a: "n",
  0x0b: "v",
  0x0c: "f",
  0x0d: "r",
  0x1b: "e",
  0x22: '"',
  0x5c: "\\",
  0x85: "N",
  0xa0: "_",
  0x2028: "L",
  0x2029: "P",
};

/**
 * strconv.FormatFloat(f, 'g', -1, 64) as encode.go floatv writes a float, and FormatInt for a
 * whole number (JSON's integers come back from yaml.Unmarshal as ints).
 */
function goNumber(n: number): string {
  if (Number.isNaN(n)) return ".nan";
  if (n === Infinity) return ".inf";
  if (n === -Infinity) return "-.inf";
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return BigInt(n).toString();
  // Shortest 'g': %e when the exponent is below -4 or at least 6 (ftoa.go: eprec = 6).
  const [mantissa, exp] = n.toExponential().split("e");
  const e = Number(exp);
  if (e < -4 || e >= 6) return `${mantissa}e${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
  return String(n);
}

/** sorted.go keyList.Less for two string keys. */
export function keyOrder(a: string, b: string): number {
  if (a === b) return 0;
  return keyLess(a, b) ? -1 : 1;
}

const isLetter = (c: string): boolean => /\p{L}/u.test(c);
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= "0" && c <= "9";

function keyLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]);
    const bl = isLetter(br[i]);
    if (al && bl) return (ar[i].codePointAt(0) ?? 0) < (br[i].codePointAt(0) ?? 0);
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (ar[i] === "0" || br[i] === "0") {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== "0") {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10 + Number(ar[ai]);
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10 + Number(br[bi]);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return (ar[i].codePointAt(0) ?? 0) < (br[i].codePointAt(0) ?? 0);
  }
  return ar.length < br.length;
}
