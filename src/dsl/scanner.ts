/**
 * The scenario lexer's tokens for the lines most files are made of, read by hand a character
 * at a time; every other line goes to Chevrotain's lexer (tokens.ts), which stays the
 * definition.
 *
 * Why: in a fresh process Chevrotain's lexer tries each token's regular expression in turn
 * (up to nine for a word that starts with a digit) from an interpreted loop, which made
 * lexing a long file cost several times its warm cost. A line is read here only when each of
 * its tokens is of a shape whose token is certain without trying the others: a plain word,
 * a number with a unit, an operator, a string, a `kubectl` line, a comment. For the rest of a
 * word with `:`, `@` or `/` in it, the patterns are tried in the lexer's order (its first
 * match wins, as here); a heredoc is read by the lexer's own matcher. Anything else — a
 * character no token starts with, a string that never closes, a word that is no token — and
 * the line (or, on a line with a `<<`, the rest of the range) goes to Chevrotain.
 *
 * The result is tokenizeRange's, token for token: the same objects (the keys Chevrotain's
 * offset-only tokens have, in its order; a payload only for `kubectl`), the same keyword
 * pass. test/dsl/scanner.test.ts compares both over every scenario of the repository and
 * random near-misses.
 */
import type { ILexingResult, IToken, TokenType } from "chevrotain";
import { builtinKinds } from "../k8s/kinds/builtin.ts";
import type { KindRegistry } from "../k8s/kinds/registry.ts";
import * as T from "./tokens.ts";

/** A token's own pattern, sticky, as Chevrotain's lexer runs it (it adds the `y` flag). */
const sticky = (type: TokenType): RegExp => new RegExp((type.PATTERN as RegExp).source, "y");

const stringLiteral = sticky(T.StringLiteral);
/** The patterns a word starting with a letter tries, in the lexer's order (allTokens). */
const identifierPattern: [RegExp, TokenType][] = [[sticky(T.Identifier), T.Identifier]];
const wordPatterns: [RegExp, TokenType][] = [
  [sticky(T.ImageRef), T.ImageRef],
  [sticky(T.ObjectRef), T.ObjectRef],
  ...identifierPattern,
];
/** The patterns a word starting with a digit tries, in the lexer's order (BadLiteral is an error). */
const digitPatterns: [RegExp, TokenType][] = [
  [sticky(T.ImageRef), T.ImageRef],
  [sticky(T.ObjectRef), T.ObjectRef],
  [sticky(T.Rate), T.Rate],
  [sticky(T.Percent), T.Percent],
  [sticky(T.DurationLiteral), T.DurationLiteral],
  [sticky(T.MinutesOrMillis), T.MinutesOrMillis],
  [sticky(T.ByteQuantity), T.ByteQuantity],
  [sticky(T.ExponentNumber), T.ExponentNumber],
  [sticky(T.NumberLiteral), T.NumberLiteral],
];

/**
 * The token a number with this suffix is (the suffix is what follows its digits and
 * decimals, up to the end of the word). With no `:`, `@`, `/` in the word, ImageRef, ObjectRef
 * and Rate cannot match, and these are the first of the remaining patterns to match the
 * whole word: `10`, `100%`, `30s`, `500ms`, `2h`, `1d` (DurationLiteral), `5m`
 * (MinutesOrMillis), `50Mi`, `2k` (ByteQuantity).
 */
const numberSuffixes = new Map<string, TokenType>([
  ["", T.NumberLiteral],
  ["%", T.Percent],
  ["ms", T.DurationLiteral],
  ["s", T.DurationLiteral],
  ["h", T.DurationLiteral],
  ["d", T.DurationLiteral],
  ["m", T.MinutesOrMillis],
  ...["Ki", "Mi", "Gi", "Ti", "Pi", "Ei", "k", "M", "G", "T", "P", "E"].map((s): [string, TokenType] => [
    s,
    T.ByteQuantity,
  ]),
]);

/** Character classes of ASCII (others are none of these). */
const LETTER = 1;
const DIGIT = 2;
const UNDERSCORE = 4;
/** `.` and `-`: join the parts of an identifier. */
const JOINER = 8;
/** `/`, `:`, `@`, `%`: in images, KIND/NAME, rates and percentages. */
const MARK = 16;
const WORD = LETTER | DIGIT | UNDERSCORE;
/** What the word-like patterns (images, KIND/NAME, numbers, identifiers) can hold. */
const RUN = WORD | JOINER | MARK;
const classes = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z]/.test(ch)) classes[c] = LETTER;
  else if (/[0-9]/.test(ch)) classes[c] = DIGIT;
  else if (ch === "_") classes[c] = UNDERSCORE;
  else if (ch === "." || ch === "-") classes[c] = JOINER;
  else if ("/:@%".includes(ch)) classes[c] = MARK;
}
const classOf = (c: number): number => (c < 128 ? classes[c] : 0);

const TAB = 9;
const NEWLINE = 10;
const RETURN = 13;
const SPACE = 32;
const BANG = 33;
const QUOTE = 34;
const HASH = 35;
const DOT = 46;
const SEMICOLON = 59;
const LT = 60;
const EQ = 61;
const GT = 62;
const UNDERSCORE_CODE = 95;
const LOWER_K = 107;
const BOM = 0xfeff;

const newToken = (image: string, startOffset: number, tokenType: TokenType): IToken => ({
  image,
  startOffset,
  tokenTypeIdx: tokenType.tokenTypeIdx!,
  tokenType,
});

/** The first of `patterns` to match at `i` (the lexer's rule: first match wins), or undefined. */
function firstMatch(
  text: string,
  patterns: readonly [RegExp, TokenType][],
  i: number,
  extra: readonly string[] | undefined,
): IToken | undefined {
  // Indexed, without destructuring: each for-of step allocated before V8 optimised the loop.
  for (let p = 0; p < patterns.length; p++) {
    const pattern = patterns[p][0];
    const type = patterns[p][1];
    pattern.lastIndex = i;
    const m = pattern.exec(text);
    if (m === null) continue;
    const image = m[0];
    const keyword = type === T.Identifier ? T.wordTypeOf(image, extra) : undefined;
    return newToken(image, i, keyword ?? type);
  }
  return undefined;
}

/**
 * One line's next token from `i` (not a space or comment), or undefined for what this scanner
 * leaves to Chevrotain; `heredoc` set on `<<`. One function, called for every token: V8
 * optimises it early, where a call per kind of token ran interpreted for most of a file.
 */
function tokenAt(
  text: string,
  i: number,
  end: number,
  extra: readonly string[] | undefined,
): IToken | undefined {
  const c = text.charCodeAt(i);
  const cls = classOf(c);
  if (cls === LETTER || cls === UNDERSCORE) {
    if (c === LOWER_K && text.startsWith("kubectl", i)) {
      const m = T.matchKubectl(text, i, [], {}) as (RegExpExecArray & { payload: unknown }) | null;
      if (m !== null) {
        const token = newToken(m[0], i, T.Kubectl);
        token.payload = m.payload;
        return token;
      }
    }
    // A plain identifier: letters, digits and `_`, in parts joined by single `.` or `-`.
    // Without `/`, `:`, `@` or `%` in the run neither an image nor KIND/NAME can match
    // (ImageRef, ObjectRef come first), and Identifier takes the whole run.
    let j = i + 1;
    let joiner = false;
    let plain = true;
    for (; j < end; j++) {
      const d = classOf(text.charCodeAt(j));
      if ((d & WORD) !== 0) joiner = false;
      else if (d === JOINER) {
        if (joiner) plain = false;
        joiner = true;
      } else if (d === MARK) plain = false;
      else break;
    }
    if (plain && !joiner) {
      const image = text.slice(i, j);
      return newToken(image, i, T.wordTypeOf(image, extra) ?? T.Identifier);
    }
    // `_` starts only an Identifier (ImageRef and ObjectRef start with a letter or digit).
    return firstMatch(text, c === UNDERSCORE_CODE ? identifierPattern : wordPatterns, i, extra);
  }
  if (cls === DIGIT) {
    let k = i + 1;
    while (k < end && classOf(text.charCodeAt(k)) === DIGIT) k++;
    if (k + 1 < end && text.charCodeAt(k) === DOT && classOf(text.charCodeAt(k + 1)) === DIGIT) {
      k += 2;
      while (k < end && classOf(text.charCodeAt(k)) === DIGIT) k++;
    }
    let j = k;
    while (j < end && (classOf(text.charCodeAt(j)) & RUN) !== 0) j++;
    const type = j - k <= 2 ? numberSuffixes.get(text.slice(k, j)) : undefined;
    if (type !== undefined) return newToken(text.slice(i, j), i, type);
    return firstMatch(text, digitPatterns, i, extra);
  }
  if (c === QUOTE) {
    stringLiteral.lastIndex = i;
    const m = stringLiteral.exec(text);
    return m === null ? undefined : newToken(m[0], i, T.StringLiteral);
  }
  if (c === SEMICOLON) return newToken(";", i, T.Semicolon);
  const next = text.charCodeAt(i + 1);
  if (c === LT) return next === EQ ? newToken("<=", i, T.LtEq) : newToken("<", i, T.Lt);
  if (c === GT) return next === EQ ? newToken(">=", i, T.GtEq) : newToken(">", i, T.Gt);
  if (c === EQ) return next === EQ ? newToken("==", i, T.EqEq) : newToken("=", i, T.Equals);
  if (c === BANG && next === EQ) return newToken("!=", i, T.NotEq);
  return undefined;
}

/**
 * T.tokenizeRange(text, from, to, kinds), the same tokens, errors and groups: the lines this
 * scanner reads, read here; each other line through Chevrotain, and from a heredoc the rest
 * of the range. `from` is a line's start and `to` just after a newline or the text's end,
 * outside any heredoc (tokenizeRange's terms).
 */
export function scanRange(
  text: string,
  from: number,
  to: number,
  kinds: KindRegistry = builtinKinds,
): ILexingResult {
  const result: ILexingResult = { tokens: [], groups: { errors: [] }, errors: [] };
  scanInto(text, from, to, kinds, T.extraKindWords(kinds), result);
  return result;
}

/**
 * scanRange over several ranges, one after the other: `bounds` holds each range's `from` and
 * `to` in turn, in the text's order. The tokens are those of the ranges read one by one, in
 * the same order (each range's last line ends with a newline, or the text does): what reading
 * them apart gives, without a result and a parse per range (parse reads the lines a file says
 * once between its repeated lines this way).
 */
export function scanRanges(text: string, bounds: readonly number[], kinds: KindRegistry): ILexingResult {
  const result: ILexingResult = { tokens: [], groups: { errors: [] }, errors: [] };
  const extra = T.extraKindWords(kinds);
  for (let r = 0; r < bounds.length; r += 2) scanInto(text, bounds[r], bounds[r + 1], kinds, extra, result);
  return result;
}

/** Scans [from, to) into `result` (scanRange's terms). */
function scanInto(
  text: string,
  from: number,
  to: number,
  kinds: KindRegistry,
  extra: readonly string[] | undefined,
  result: ILexingResult,
): void {
  const tokens = result.tokens;
  const lexed = (start: number, end: number): void => {
    const chevrotain = T.tokenizeRange(text, start, end, kinds);
    for (const t of chevrotain.tokens) tokens.push(t);
    for (const t of chevrotain.groups.errors ?? []) result.groups.errors.push(t);
    for (const e of chevrotain.errors) result.errors.push(e);
  };
  let lineStart = from;
  let lineTokens = tokens.length;
  let end = text.indexOf("\n", from);
  if (end === -1 || end >= to) end = to;
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === SPACE || c === TAB || c === RETURN || c === BOM) {
      i++;
      continue;
    }
    if (c === HASH) {
      i = end;
      continue;
    }
    if (c === NEWLINE) {
      tokens.push(newToken("\n", i, T.Newline));
      lineStart = ++i;
      lineTokens = tokens.length;
      end = text.indexOf("\n", i);
      if (end === -1 || end >= to) end = to;
      continue;
    }
    if (c === LT && text.charCodeAt(i + 1) === LT) {
      // A heredoc, matched as the lexer matches it in text that ends at `to` (the lexer
      // reads a range's own text: one the range cuts short runs to its end; index.ts's
      // ranges hold every heredoc whole).
      const m = T.matchHeredoc(to === text.length ? text : text.slice(0, to), i, [], {}) as
        (RegExpExecArray & { payload: T.HeredocPayload }) | null;
      if (m !== null) {
        const token = newToken(m[0], i, T.Heredoc);
        token.payload = m.payload;
        tokens.push(token);
        // It ends where its closing line does: the newline, if any, is all that follows.
        i += m[0].length;
        lineStart = i;
        lineTokens = tokens.length;
        end = text.indexOf("\n", i);
        if (end === -1 || end >= to) end = to;
        continue;
      }
    }
    const token = tokenAt(text, i, end, extra);
    if (token !== undefined) {
      tokens.push(token);
      i += token.image.length;
      continue;
    }
    tokens.length = lineTokens;
    const heredoc = text.indexOf("<<", lineStart);
    if (heredoc !== -1 && heredoc < end) {
      // A heredoc's body is lines of its own: Chevrotain reads the rest of the range from a
      // line with a `<<` this scanner stopped on before reaching it.
      lexed(lineStart, to);
      return;
    }
    const next = end < to ? end + 1 : to;
    lexed(lineStart, next);
    lineStart = i = next;
    lineTokens = tokens.length;
    end = text.indexOf("\n", i);
    if (end === -1 || end >= to) end = to;
  }
}
