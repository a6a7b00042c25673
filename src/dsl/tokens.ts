/**
 * Every token of the scenario language, in one place (Chevrotain's step1_lexing style).
 *
 * Lexical decisions worth knowing (grammar/README.md tells users the same):
 * - A statement ends at a newline or `;`. `#` starts a comment to the end of the line.
 * - `5m` is ambiguous on its own: five minutes after `within`, five millicores after `cpu`.
 *   It lexes as one `MinutesOrMillis` token that belongs to both the Duration and the
 *   CpuQuantity categories; the CST→AST visitor reads it by its context.
 * - `kubectl …` is one token: everything after `kubectl` up to the end of the line, an
 *   unquoted `;`, or an unquoted `#` that starts a word (shell rules: `'…'` and `"…"` quote,
 *   a backslash escapes the next character). `kubectl get pods; expect pods 3` is two
 *   statements, `kubectl get deploy -o jsonpath='{.a;b}'` is one.
 * - `<<TAG` starts a heredoc whose body runs to the first line holding only TAG (spaces
 *   around it allowed). The body is kept verbatim — tabs, `#`, quotes — with each line's
 *   newline; only a comment may follow `<<TAG` on its own line.
 * - Keywords are words: the lexer reads every word as an Identifier and `tokenizeScenario`
 *   turns those spelled exactly as a keyword, kind word or boolean into that token.
 * - Characters that cannot start any token are collected into `Unexpected` tokens (one per
 *   run) in a separate group, so the parser never sees them and the diagnostics report
 *   each run once.
 */
import {
  createToken,
  Lexer,
  type CustomPatternMatcherFunc,
  type ILexerConfig,
  type ILexingResult,
  type IToken,
  type TokenType,
} from "chevrotain";
import { builtinKinds } from "../k8s/kinds/builtin.ts";
import type { KindRegistry } from "../k8s/kinds/registry.ts";

// ── Categories (pattern NA): the parser consumes these; concrete tokens belong to them. ──

/** Anything that can name a manifest, a setting, a metric or a condition: identifiers and keywords. */
export const Name = createToken({ name: "Name", pattern: Lexer.NA });
/** `15s`, `1m30s`, `500ms`, `2h`, `1d` — and the ambiguous `5m`. */
export const Duration = createToken({ name: "Duration", pattern: Lexer.NA });
/** `500m` (millicores) or `1.5` (cores). */
export const CpuQuantity = createToken({ name: "CpuQuantity", pattern: Lexer.NA });
/** `50Mi`, `40M`, `1Gi`, `512Ki`, `1e6`, `1048576`. */
export const MemoryQuantity = createToken({ name: "MemoryQuantity", pattern: Lexer.NA });
/** A plain number: `3`, `0.5`, `1e6`. */
export const NumberLike = createToken({ name: "NumberLike", pattern: Lexer.NA });
export const StringLike = createToken({ name: "StringLike", pattern: Lexer.NA });
export const CompareOp = createToken({ name: "CompareOp", pattern: Lexer.NA });
/** Quantity words that stand alone after `expect [TARGET]`: replicas, ready, … */
export const QuantityWord = createToken({ name: "QuantityWord", pattern: Lexer.NA });
export const Bool = createToken({ name: "Bool", pattern: Lexer.NA });

// ── Layout ──

/*
 * Every pattern names the characters it can start with (`start_chars_hint`, the same sets
 * Chevrotain's lexer would otherwise work out by parsing each regular expression with
 * regexp-to-ast when it is built, a cost every command paid at start-up). test/dsl/tokens.test.ts
 * checks them against that analysis.
 */
const digits = [..."0123456789"];
const alphanumerics = [..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"];

export const WhiteSpace = createToken({
  name: "WhiteSpace",
  pattern: /[ \t\r\uFEFF]+/,
  start_chars_hint: [" ", "\t", "\r", "\uFEFF"],
  group: Lexer.SKIPPED,
});
export const Comment = createToken({
  name: "Comment",
  pattern: /#[^\n]*/,
  start_chars_hint: ["#"],
  group: Lexer.SKIPPED,
});
export const Newline = createToken({
  name: "Newline",
  pattern: /\n/,
  start_chars_hint: ["\n"],
  line_breaks: true,
});
export const Semicolon = createToken({ name: "Semicolon", pattern: ";" });

// ── Heredoc ──

/** What the heredoc matcher learns, kept on `token.payload`. */
export interface HeredocPayload {
  tag: string;
  /** Text after `<<TAG` on the opening line (only a comment is allowed there). */
  trailing: string;
  /** Offset of `trailing` in the source. */
  trailingOffset: number;
  /** The raw body: every line between the opening and closing lines, each with its newline. */
  body: string;
  /** Offset of the body's first character in the source. */
  bodyOffset: number;
  /** False when the file ends before a line holding only TAG. */
  terminated: boolean;
}

const heredocHead = /<<(["']?)([A-Za-z_][A-Za-z0-9_]*)\1/y;

/**
 * `<<TAG` (bash's quoted `<<'TAG'` and `<<"TAG"` too) through the line that holds only TAG.
 * Example: "<<YAML\na: 1\nYAML" matches all of it, with body "a: 1\n". An unterminated
 * heredoc still matches to the end of the file, so that the diagnostic can name it.
 */
export const matchHeredoc: CustomPatternMatcherFunc = (text, offset) => {
  heredocHead.lastIndex = offset;
  const head = heredocHead.exec(text);
  if (head === null) return null;
  const tag = head[2];
  const trailingOffset = offset + head[0].length;
  const eol = text.indexOf("\n", trailingOffset);
  const trailingEnd = eol === -1 ? text.length : eol;
  const payload: HeredocPayload = {
    tag,
    trailing: text.slice(trailingOffset, trailingEnd),
    trailingOffset,
    body: "",
    bodyOffset: trailingEnd,
    terminated: false,
  };
  let end = text.length;
  if (eol !== -1) {
    const bodyOffset = eol + 1;
    payload.bodyOffset = bodyOffset;
    let lineStart = bodyOffset;
    while (lineStart <= text.length) {
      const next = text.indexOf("\n", lineStart);
      const lineEnd = next === -1 ? text.length : next;
      if (text.slice(lineStart, lineEnd).trim() === tag) {
        payload.body = text.slice(bodyOffset, lineStart);
        payload.terminated = true;
        end = lineEnd;
        break;
      }
      if (next === -1) break;
      lineStart = next + 1;
    }
    if (!payload.terminated) payload.body = text.slice(bodyOffset);
  }
  const result = [text.slice(offset, end)] as unknown as RegExpExecArray & { payload: HeredocPayload };
  result.payload = payload;
  return result;
};

export const Heredoc = createToken({
  name: "Heredoc",
  pattern: matchHeredoc,
  line_breaks: true,
  start_chars_hint: ["<"],
});

// ── kubectl: the rest of the line is kubectl's own command line ──

/** What the kubectl matcher learns, kept on `token.payload`. */
export interface KubectlPayload {
  /** The argument text after `kubectl`, trimmed. */
  args: string;
  argsOffset: number;
  /** Offset of an opening quote that is never closed on the line, if any. */
  unclosedQuote?: number;
}

const isWordEnd = (ch: string | undefined): boolean =>
  ch === undefined || ch === " " || ch === "\t" || ch === "\r" || ch === "\n" || ch === ";" || ch === "#";

/** The characters the kubectl matcher stops at: outside quotes, in double quotes, in single quotes. */
const unquotedStop = /[\n;#\\'"]/g;
const doubleQuotedStop = /[\n\\"]/g;
const singleQuotedStop = /[\n']/g;

/**
 * `kubectl ARGS` up to the end of the line, an unquoted `;`, or an unquoted `#` at the start
 * of a word. Example: `kubectl get deploy -o jsonpath='{.a;b}' # x` → args
 * `get deploy -o jsonpath='{.a;b}'`.
 */
export const matchKubectl: CustomPatternMatcherFunc = (text, offset) => {
  if (!text.startsWith("kubectl", offset) || !isWordEnd(text[offset + 7])) return null;
  let i = offset + 7;
  let quote: string | undefined;
  let quoteAt = -1;
  // From one character that matters to the next, each found by a regular expression search:
  // a test of every character (a call and half a dozen comparisons each before V8 optimises
  // the loop) was most of the scanner's time on a kubectl line.
  for (;;) {
    const next = quote === undefined ? unquotedStop : quote === '"' ? doubleQuotedStop : singleQuotedStop;
    next.lastIndex = i;
    if (next.exec(text) === null) {
      i = text.length;
      break;
    }
    i = next.lastIndex - 1;
    const ch = text[i];
    if (ch === "\n") break;
    if (quote !== undefined) {
      // In double quotes a backslash escapes the next character but a newline; else the quote closes.
      if (ch === "\\") {
        if (i + 1 < text.length && text[i + 1] !== "\n") i++;
      } else quote = undefined;
    } else if (ch === ";") break;
    else if (ch === "#") {
      if (/[ \t]/.test(text[i - 1])) break;
    } else if (ch === "\\") {
      if (i + 1 < text.length && text[i + 1] !== "\n") i++;
    } else {
      quote = ch;
      quoteAt = i;
    }
    i++;
  }
  const raw = text.slice(offset + 7, i);
  const lead = raw.length - raw.trimStart().length;
  const payload: KubectlPayload = { args: raw.trim(), argsOffset: offset + 7 + lead };
  if (quote !== undefined) payload.unclosedQuote = quoteAt;
  const result = [text.slice(offset, offset + 7 + raw.trimEnd().length)] as unknown as RegExpExecArray & {
    payload: KubectlPayload;
  };
  result.payload = payload;
  return result;
};

export const Kubectl = createToken({
  name: "Kubectl",
  pattern: matchKubectl,
  line_breaks: false,
  start_chars_hint: ["k"],
});

// ── Literals ──

export const StringLiteral = createToken({
  name: "StringLiteral",
  pattern: /"(?:[^"\\\n]|\\[^\n])*"/,
  start_chars_hint: ['"'],
  categories: [StringLike],
});
/** A string the line ends inside; the parser accepts it so that only one error is reported. */
export const UnterminatedString = createToken({
  name: "UnterminatedString",
  pattern: /"(?:[^"\\\n]|\\[^\n])*\\?/,
  start_chars_hint: ['"'],
  categories: [StringLike],
});

/** `busybox:v2`, `nginx:1.15`, `registry.io:5000/app:1.2`, `app@sha256:…`: an image needs a tag or digest. */
export const ImageRef = createToken({
  name: "ImageRef",
  pattern: /[A-Za-z0-9][\w.\-/]*(?:(?::[\w.\-/]+)+(?:@sha256:[0-9a-fA-F]+)?|@sha256:[0-9a-fA-F]+)/,
  start_chars_hint: alphanumerics,
});

/**
 * `deployment/web`, `hpa/web`, `deployment.apps/web`: KIND/NAME as kubectl writes it; with a
 * namespace in front, `prod/deployment/web` (a namespace is a DNS-1123 label: lower case).
 */
export const ObjectRef = createToken({
  name: "ObjectRef",
  pattern: /(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\/)?[A-Za-z][A-Za-z0-9.]*\/[A-Za-z0-9][\w.-]*/,
  start_chars_hint: alphanumerics,
});

export const Rate = createToken({
  name: "Rate",
  pattern: /\d+(?:\.\d+)?\/s(?![\w.])/,
  start_chars_hint: digits,
});
export const Percent = createToken({ name: "Percent", pattern: /\d+(?:\.\d+)?%/, start_chars_hint: digits });

/** Durations other than a lone `Nm`: `15s`, `500ms`, `2h`, `1d`, `1m30s`, `2h5m`. */
export const DurationLiteral = createToken({
  name: "DurationLiteral",
  pattern: /(?:\d+(?:\.\d+)?(?:ms|s|h|d)|\d+(?:\.\d+)?m(?=\d))(?:\d+(?:\.\d+)?(?:ms|s|m|h|d))*(?![\w.%])/,
  start_chars_hint: digits,
  categories: [Duration],
});
/** `5m`: five minutes or five millicores, read by context. */
export const MinutesOrMillis = createToken({
  name: "MinutesOrMillis",
  pattern: /\d+(?:\.\d+)?m(?![\w.%])/,
  start_chars_hint: digits,
  categories: [Duration, CpuQuantity],
});
/** Kubernetes quantities with a binary or decimal suffix: `50Mi`, `40M`, `1Gi`, `512Ki`, `2k`. */
export const ByteQuantity = createToken({
  name: "ByteQuantity",
  pattern: /\d+(?:\.\d+)?(?:[KMGTPE]i|[kMGTPE])(?![\w.%])/,
  start_chars_hint: digits,
  categories: [MemoryQuantity],
});
export const ExponentNumber = createToken({
  name: "ExponentNumber",
  pattern: /\d+(?:\.\d+)?[eE][+-]?\d+(?![\w.%])/,
  start_chars_hint: digits,
  categories: [NumberLike, MemoryQuantity],
});
export const NumberLiteral = createToken({
  name: "NumberLiteral",
  pattern: /\d+(?:\.\d+)?(?![\w.%])/,
  start_chars_hint: digits,
  categories: [NumberLike, CpuQuantity, MemoryQuantity],
});
/** A word that starts with a digit but is none of the above, e.g. `1m30` or `5x`. */
export const BadLiteral = createToken({
  name: "BadLiteral",
  pattern: /\d[\w.%]*/,
  start_chars_hint: digits,
  group: "errors",
});

// ── Operators ──

export const EqEq = createToken({ name: "EqEq", pattern: "==", categories: [CompareOp] });
export const NotEq = createToken({ name: "NotEq", pattern: "!=", categories: [CompareOp] });
export const GtEq = createToken({ name: "GtEq", pattern: ">=", categories: [CompareOp] });
export const LtEq = createToken({ name: "LtEq", pattern: "<=", categories: [CompareOp] });
export const Gt = createToken({ name: "Gt", pattern: ">", categories: [CompareOp] });
export const Lt = createToken({ name: "Lt", pattern: "<", categories: [CompareOp] });
export const Equals = createToken({ name: "Equals", pattern: "=" });

// ── Words ──

export const Identifier = createToken({
  name: "Identifier",
  pattern: /[A-Za-z_][A-Za-z0-9_]*(?:[.-][A-Za-z0-9_]+)*/,
  start_chars_hint: [..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_"],
  categories: [Name],
});

const keywordTokens: TokenType[] = [];
/** Exact spellings of keywords, kind words and booleans, to the token each word is. */
const wordTypes = new Map<string, TokenType>();
/** Word tokens made so far, each with the categories it belongs to (joined by `joinWordCategories`). */
const wordCategories: [TokenType, TokenType[]][] = [];

/**
 * A word the lexer reads as an Identifier and `tokenizeScenario` then gives its own type.
 * One word pattern and a table lookup replace a pattern per keyword (each with Identifier as
 * its longer alternative), which had the lexer try a dozen patterns on many words; the rule
 * is the same: a word is a keyword only when it is exactly the keyword (`pods` is one,
 * `podcast` and `pods.x` are Identifiers).
 *
 * Made without its categories, which `joinWordCategories` adds once every word token exists:
 * Chevrotain's createToken lists again every token of each category a new token joins, and
 * every word is a Name, so a hundred words listed Name's members some 5,000 times, a cost of
 * every command's start-up.
 */
function wordToken(name: string, spellings: string[], categories: TokenType[]): TokenType {
  const token = createToken({ name, pattern: Lexer.NA, label: spellings[0] });
  wordCategories.push([token, [Name, ...categories]]);
  for (const word of spellings) wordTypes.set(word, token);
  return token;
}

/**
 * What createToken's `categories` would have left (chevrotain scan/tokens.ts augmentTokenTypes):
 * each word token's CATEGORIES, and for each category the map and the ascending list of its
 * members' indexes, and isParent. The categories have none of their own, so a member's own
 * lists stay empty. test/dsl/tokenCategories.test.ts checks that Chevrotain's augmentation of
 * every token (which the lexer and the parser run when they are built) changes nothing.
 */
function joinWordCategories(): void {
  // A list, not a Set: this module's `Set` is the keyword.
  const joined: TokenType[] = [];
  for (const [token, categories] of wordCategories) {
    token.CATEGORIES = categories;
    for (const category of categories) {
      category.categoryMatchesMap![token.tokenTypeIdx!] = true;
      if (!joined.includes(category)) joined.push(category);
    }
  }
  for (const category of joined) {
    category.categoryMatches = Object.keys(category.categoryMatchesMap!).map(Number);
    category.isParent = category.categoryMatches.length > 0;
  }
}

/** A keyword is also a Name (so `apply deploy` can name a manifest "deploy"). */
function keyword(word: string, ...categories: TokenType[]): TokenType {
  const name = word
    .split("-")
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join("");
  const token = wordToken(name, [word], categories);
  keywordTokens.push(token);
  return token;
}

export const Scenario = keyword("scenario");
export const Manifest = keyword("manifest");
export const File = keyword("file");
export const Set = keyword("set");
export const Apply = keyword("apply");
export const Load = keyword("load");
export const Watch = keyword("watch");
export const Explain = keyword("explain");
export const Fault = keyword("fault");
export const Run = keyword("run");
export const At = keyword("at");
export const After = keyword("after");
export const Expect = keyword("expect");

export const Cpu = keyword("cpu");
export const Memory = keyword("memory");
export const Requests = keyword("requests");
export const Metric = keyword("metric");
export const Off = keyword("off");
export const Ramp = keyword("ramp");
export const To = keyword("to");
export const Over = keyword("over");
export const Steps = keyword("steps");
export const Every = keyword("every");
export const Per = keyword("per");
export const Pod = keyword("pod");
export const Pods = keyword("pods");
export const Startup = keyword("startup");
export const On = keyword("on");
export const For = keyword("for");
export const Cost = keyword("cost");
export const Request = keyword("request");
export const Times = keyword("times");
export const Series = keyword("series");
export const Column = keyword("column");
export const Sum = keyword("sum");
export const Total = keyword("total");
export const Until = keyword("until");
export const Nodes = keyword("nodes");
export const With = keyword("with");
export const Named = keyword("named");
export const Zone = keyword("zone");
export const Autoscale = keyword("autoscale");
export const Provision = keyword("provision");
export const ScaleDown = keyword("scale-down");

export const Within = keyword("within");
export const Always = keyword("always");
export const Never = keyword("never");
export const From = keyword("from");

export const Rollout = keyword("rollout");
export const Complete = keyword("complete");
export const DurationWord = wordToken("DurationWord", ["duration"], []);
keywordTokens.push(DurationWord);
export const Event = keyword("event");
export const Condition = keyword("condition");
export const Reason = keyword("reason");
export const Image = keyword("image");
export const ScaleEvents = keyword("scale-events");
export const Scale = keyword("scale");
export const Events = keyword("events");
export const PodMinutes = keyword("pod-minutes");
export const Unserved = keyword("unserved");
export const Latency = keyword("latency");

export const Crash = keyword("crash");
export const Pull = keyword("pull");
export const Unready = keyword("unready");
export const Node = keyword("node");
export const Down = keyword("down");
export const Metrics = keyword("metrics");
export const ScaleUpdates = keyword("scale-updates");

export const Replicas = keyword("replicas", QuantityWord);
export const Ready = keyword("ready", QuantityWord);
export const Available = keyword("available", QuantityWord);
export const Updated = keyword("updated", QuantityWord);
export const Unavailable = keyword("unavailable", QuantityWord);
export const Revision = keyword("revision", QuantityWord);
export const Current = keyword("current", QuantityWord);
export const Desired = keyword("desired", QuantityWord);
export const Utilization = keyword("utilization", QuantityWord);
export const Dropped = keyword("dropped", QuantityWord);
export const Pending = keyword("pending", QuantityWord);

export const True = wordToken("True", ["True", "true"], [Bool]);
export const False = wordToken("False", ["False", "false"], [Bool]);
keywordTokens.push(True, False);

/**
 * A bare kind word used as a target: `expect hpa desired 3` means the only HPA. The words are
 * the built-in kinds' (src/k8s/kinds); a registry with more kinds adds its own when it lexes
 * (`tokenizeScenario(text, kinds)`).
 */
export const KindWord = wordToken("KindWord", bareKindWords(builtinKinds), []);
joinWordCategories();

function bareKindWords(kinds: KindRegistry): string[] {
  return kinds.all().flatMap((d) => (d.language?.bare ? [...d.language.words] : []));
}

const unexpectedRun = /[^A-Za-z0-9_ \t\r\n\uFEFF"#;<>=!]+/y;

/**
 * Chevrotain's first-character optimisation files patterns by their possible first
 * character, in buckets of 256 above U+00FF; a complement class cannot be analysed, so the
 * Unexpected matcher lists its ASCII start characters and one character of every bucket.
 */
const unexpectedStarts: string[] = [];
for (let code = 0; code < 256; code++) {
  const ch = String.fromCharCode(code);
  if (!/[A-Za-z0-9_ \t\r\n"#;<>=!]/.test(ch)) unexpectedStarts.push(ch);
}
for (let bucket = 1; bucket < 256; bucket++) unexpectedStarts.push(String.fromCharCode(bucket * 256));

/** A run of characters no token can start with; reported once per run. */
export const Unexpected = createToken({
  name: "Unexpected",
  pattern: (text: string, offset: number) => {
    unexpectedRun.lastIndex = offset;
    return unexpectedRun.exec(text);
  },
  line_breaks: false,
  start_chars_hint: unexpectedStarts,
  group: "errors",
});

// Order matters: the first pattern that matches wins, so KIND/NAME and images come before
// words (`deployment/web` is one ObjectRef, not a word and a stray `/`).
export const allTokens: TokenType[] = [
  WhiteSpace,
  Comment,
  Newline,
  Semicolon,
  Heredoc,
  Kubectl,
  StringLiteral,
  UnterminatedString,
  ImageRef,
  ObjectRef,
  Rate,
  Percent,
  DurationLiteral,
  MinutesOrMillis,
  ByteQuantity,
  ExponentNumber,
  NumberLiteral,
  BadLiteral,
  EqEq,
  NotEq,
  GtEq,
  LtEq,
  Gt,
  Lt,
  Equals,
  Identifier,
  // Words given their type after lexing: no pattern of their own.
  KindWord,
  ...keywordTokens,
  Unexpected,
  // Categories last: they have no pattern of their own.
  Name,
  Duration,
  CpuQuantity,
  MemoryQuantity,
  NumberLike,
  StringLike,
  CompareOp,
  QuantityWord,
  Bool,
];

/** Every keyword spelled as users write it, for did-you-mean suggestions. */
export const keywordWords: readonly string[] = [
  ...keywordTokens.filter((t) => t !== True && t !== False).map((t) => t.LABEL!),
  "true",
  "false",
];

/** How the scenario lexer is configured (test/dsl/tokens.test.ts builds one with validations on). */
export const lexerConfig: ILexerConfig = {
  // Offsets only: lines and columns come from LineMap (span.ts), and smaller tokens are
  // less work for the garbage collector.
  positionTracking: "onlyOffset",
  lineTerminatorsPattern: /\n/g,
  lineTerminatorCharacters: ["\n"],
  ensureOptimizations: true,
};

/**
 * The lexer every parse uses. Chevrotain's definition checks (patterns that can match empty
 * text, unreachable tokens, line-terminator warnings) take a third of the lexer's
 * construction, which every `replicast` command pays at start-up; the definition is fixed
 * when the code is written, so a test runs them once (tokens.test.ts) instead.
 */
let scenarioLexer: Lexer | undefined;

/**
 * Built on first use: most files' lines are all read by scanner.ts, and building the lexer
 * (its tables of patterns by first character) was a cost every command paid at start-up.
 */
const lexer = (): Lexer =>
  (scenarioLexer ??= new Lexer(allTokens, { ...lexerConfig, skipValidations: true }));

/** Words of kinds registered beyond the built-in ones (a test's toy kind): kind words too. */
export function extraKindWords(kinds: KindRegistry): string[] | undefined {
  return kinds === builtinKinds ? undefined : bareKindWords(kinds);
}

/** The keyword, kind word or boolean an Identifier spelled `word` is, if any. */
export function wordTypeOf(word: string, extra: readonly string[] | undefined): TokenType | undefined {
  return wordTypes.get(word) ?? (extra?.includes(word) ? KindWord : undefined);
}

/**
 * Lexes a scenario: Chevrotain's lexer, then each Identifier that is exactly a keyword, kind
 * word or boolean becomes that token (type and index, which is what the parser matches on).
 */
export function tokenizeScenario(text: string, kinds: KindRegistry = builtinKinds): ILexingResult {
  const lexed = lexer().tokenize(text);
  const extra = extraKindWords(kinds);
  for (const token of lexed.tokens) {
    if (token.tokenType !== Identifier) continue;
    const type = wordTypeOf(token.image, extra);
    if (type === undefined) continue;
    token.tokenType = type;
    token.tokenTypeIdx = type.tokenTypeIdx!;
  }
  return lexed;
}

/**
 * Lexes text[from, to) as tokenizeScenario lexes the whole text, every offset (tokens, their
 * payloads, errors) counted in the whole text. The range must start at a line's start and end
 * just after a newline or at the end of the text, outside any heredoc: no other token spans
 * a line break, so the tokens are the whole text's. Lines and columns of lexing errors stay
 * the range's own (nothing reads them: LineMap turns offsets into lines).
 */
export function tokenizeRange(
  text: string,
  from: number,
  to: number,
  kinds: KindRegistry = builtinKinds,
): ILexingResult {
  const lexed = tokenizeScenario(from === 0 && to === text.length ? text : text.slice(from, to), kinds);
  if (from === 0) return lexed;
  for (const token of lexed.tokens) shiftToken(token, from);
  for (const token of lexed.groups.errors ?? []) shiftToken(token, from);
  for (const error of lexed.errors) error.offset += from;
  return lexed;
}

function shiftToken(token: IToken, by: number): void {
  token.startOffset += by;
  if (token.endOffset !== undefined) token.endOffset += by;
  if (token.tokenType === Kubectl) {
    const payload = token.payload as KubectlPayload;
    payload.argsOffset += by;
    if (payload.unclosedQuote !== undefined) payload.unclosedQuote += by;
  } else if (token.tokenType === Heredoc) {
    const payload = token.payload as HeredocPayload;
    payload.trailingOffset += by;
    payload.bodyOffset += by;
  }
}
