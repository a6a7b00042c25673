/**
 * The language's front door: text in, `{ scenario?, diagnostics }` out (Chevrotain's
 * step4_error_recovery shape). It never throws, whatever the input: lexer errors, every
 * syntax error the recovering parser finds, and the checks that need no engine are all
 * collected. `scenario` is present only when no diagnostic is an error.
 */
import {
  EOF,
  type ILexingError,
  type ILexingResult,
  type IRecognitionException,
  type IToken,
  type TokenType,
} from "chevrotain";
import { builtinKinds } from "../k8s/kinds/builtin.ts";
import type { KindRegistry } from "../k8s/kinds/registry.ts";
import type { Scenario, Span, Statement } from "./ast.ts";
import type { Diagnostic, RelatedInfo } from "../text/diagnostic.ts";
import { messages, type MessageText } from "./messages.ts";
import { scenarioParser } from "./parser.ts";
import { checkDeclarations, checkTimeOrder } from "./semantics.ts";
import { LineMap } from "./span.ts";
import { decodeSyntaxMessage, describeFound, describeToken, statementError } from "./syntaxErrors.ts";
import { timeMarkOf, toStatement, type AstContext } from "./toAst.ts";
import { fastStatementLine } from "./fastPath.ts";
import { fastStatement } from "./fastAst.ts";
import { scanRange, scanRanges } from "./scanner.ts";
import { KEPT, LineMemo, NOT_COPIED, recordCopies } from "./lineMemo.ts";
import * as T from "./tokens.ts";

export type { Scenario, Statement, Span } from "./ast.ts";
export type { Diagnostic, RelatedInfo } from "../text/diagnostic.ts";
export {
  formatDiagnostic,
  formatDiagnostics,
  ansiColors,
  plainColors,
  type Colorizer,
  type FormatOptions,
} from "./codeFrame.ts";
export { messages, type MessageText } from "./messages.ts";
export { LineMap, spanAt } from "./span.ts";
export { parseDuration, formatDuration, parseQuantityValue, parseQuantityMilli } from "./units.ts";

export interface ParseResult {
  /** Present only when no diagnostic is an error. */
  scenario?: Scenario;
  /**
   * Every statement that was read, in order — with errors in the file, those without one
   * (so later stages can still report problems of a statement on its own, all at once).
   */
  statements: Statement[];
  diagnostics: Diagnostic[];
}

/** More errors than this are summarised in one last diagnostic. */
const maxDiagnostics = 100;

export interface ParseOptions {
  /** The kinds targets may name (default: the built-in ones); a run with more kinds passes its registry. */
  kinds?: KindRegistry;
}

export function parseScenario(text: string, file: string, options: ParseOptions = {}): ParseResult {
  // Chevrotain recovers from each syntax error by throwing an Error subclass, and capturing
  // its stack was most of the time of a file full of errors; nobody reads those stacks.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return parse(String(text), file, options.kinds ?? builtinKinds);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const m = messages.internalError(detail);
    return {
      statements: [],
      diagnostics: [{ ...m, severity: "error", file, span: new LineMap("").span(0, 0) }],
    };
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}

function parse(text: string, file: string, kinds: KindRegistry): ParseResult {
  const lines = new LineMap(text);
  const diagnostics: Diagnostic[] = [];
  const report = (m: MessageText, span: Span, related?: RelatedInfo[]): void => {
    diagnostics.push({ ...m, severity: "error", file, span, ...(related ? { related } : {}) });
  };

  const lexicalLines = new Set<number>();
  const lexical = (m: MessageText, span: Span): void => {
    lexicalLines.add(span.line);
    report(m, span);
  };
  const ctx: AstContext = { file, lines, report, kinds };
  let statements: Statement[] = [];
  // The statements of the lines read together between repeated ones (below): placed among the
  // others by their offset once all are read.
  const batched: Statement[] = [];
  // For each statement whose command was refused, its time mark alone: a later `at` is still
  // checked against the time an erroneous line set. Kept apart, in the text's order (most
  // files have none), so the timeline of a file without them is its statements.
  const refusedMarks: Statement[] = [];
  /** Parses the tokens of whole lines into `into`; returns how many statements were read straight from them. */
  const read = (lexed: ILexingResult, into: Statement[]): number => {
    reportCharacterErrors(lexed.errors, lexed.groups.errors ?? [], lines, lexical);
    reportTokenProblems(lexed.tokens, lines, lexical);
    let tokenOffsets: number[] | undefined;
    const syntaxError = (error: IRecognitionException): void => {
      const span = errorSpan(error.token, text, lines);
      // One error per line is enough when the lexer already complained about it.
      if (lexicalLines.has(span.line)) return;
      let m = decodeSyntaxMessage(error.message);
      // Chevrotain's in-repetition recovery names a stale previous token: say what really
      // precedes the stray token (nothing, a separator, a lone time mark, or a statement).
      if (m.code === messages.expectedEndOfStatement.code)
        m = endOfStatementError(
          lexed.tokens,
          (tokenOffsets ??= lexed.tokens.map((t) => t.startOffset)),
          error.token,
        );
      report(m, span);
    };
    return parseStatements(lexed.tokens, syntaxError, ctx, () => diagnostics.length, into, refusedMarks);
  };
  // A few hundred lines at a time at most, so that each range's tokens die young (the garbage
  // collector copied every token of a long file while they stayed alive until its last line
  // was read), and a line the file repeats read once (lineMemo.ts). The lines between copied
  // ones are read together, up to a few hundred, as one scan and one parse of the runs they
  // make (scanRanges): a long file's lines said once mostly come one at a time between
  // repeated ones, and a scan and a parse each cost more than the line. They are read before
  // any line read alone (a line kept for the memo, a heredoc), so diagnostics come in the
  // text's order as before; copies report nothing. A line with a `<<` is read with the heredoc
  // it opens. Diagnostics come out the same wherever a range is cut (test/dsl/ranges.test.ts):
  // a range holds whole statements outside any heredoc, and they are sorted by offset below.
  const memo = new LineMemo();
  // Each copied statement's index in `statements`, and that of the kept statement it copies.
  const copyAt: number[] = [];
  const copyOf: number[] = [];
  /** The runs of lines to be read together: each one's start and end in turn; and how many lines. */
  const unread: number[] = [];
  let unreadLines = 0;
  /** Where the run being gathered started, or -1. */
  let runStart = -1;
  const endRun = (to: number): void => {
    if (runStart === -1) return;
    unread.push(runStart, to);
    runStart = -1;
  };
  const readUnread = (): void => {
    if (unread.length > 0) read(scanRanges(text, unread, kinds), batched);
    unread.length = 0;
    unreadLines = 0;
  };
  let from = 0;
  let line = 1;
  // The first `<<` from `from` on, or -1: looked for again only once passed, not in every line.
  let heredocMark = text.indexOf("<<");
  do {
    // `from` is where line `line` starts: the line map has found every line already.
    const following = lines.nextLineStart(line);
    const newline = following === -1 ? text.length : following - 1;
    const lineText = text.slice(from, newline);
    const next = following === -1 ? text.length : following;
    if (heredocMark !== -1 && heredocMark < from) heredocMark = text.indexOf("<<", from);
    if (heredocMark !== -1 && heredocMark < newline) {
      endRun(from);
      readUnread();
      const to = heredocEnd(text, from, next, kinds);
      read(scanRange(text, from, to, kinds), statements);
      from = to;
      line = lines.position(to).line;
      continue;
    }
    const copied = memo.reuse(lineText, from, line);
    if (copied === undefined) {
      if (runStart === -1) runStart = from;
      unreadLines++;
      if (unreadLines === rangeLines) {
        endRun(next);
        readUnread();
      }
    } else if (copied === "keep") {
      endRun(from);
      readUnread();
      const first = statements.length;
      const reported = diagnostics.length;
      const direct = read(scanRange(text, from, next, kinds), statements);
      const clean = diagnostics.length === reported && direct === statements.length - first;
      memo.read(lineText, from, line, clean ? statements.slice(first) : undefined, first);
    } else {
      endRun(from);
      const kept = memo.copiedFrom;
      for (let i = 0; i < copied.length; i++) {
        copyAt.push(statements.length);
        copyOf.push(kept + i);
        statements.push(copied[i]);
      }
    }
    from = next;
    line++;
  } while (from < text.length);
  endRun(text.length);
  readUnread();
  // Where each of `statements` ends up among the batched ones (when there are any).
  const moved = batched.length > 0 && copyAt.length > 0 ? new Int32Array(statements.length) : undefined;
  if (batched.length > 0) statements = inTextOrder(statements, batched, moved);
  if (copyAt.length > 0) {
    const copies = new Int32Array(statements.length).fill(NOT_COPIED);
    for (let j = 0; j < copyAt.length; j++) {
      const at = moved === undefined ? copyAt[j] : moved[copyAt[j]];
      const of = moved === undefined ? copyOf[j] : moved[copyOf[j]];
      copies[at] = of;
      copies[of] = KEPT;
    }
    recordCopies(statements, copies);
  }
  checkDeclarations(statements, file, report);
  const timeline = refusedMarks.length === 0 ? statements : inTextOrder(statements, refusedMarks);
  checkTimeOrder(timeline, text, file, report);

  diagnostics.sort((a, b) => a.span.offset - b.span.offset);
  const capped = capDiagnostics(diagnostics);
  if (capped.some((d) => d.severity === "error")) return { statements, diagnostics: capped };
  const titleStatement = statements.find((s) => s.kind === "title");
  const scenario: Scenario = {
    file,
    source: text,
    ...(titleStatement?.kind === "title" ? { title: titleStatement.title } : {}),
    statements,
  };
  return { scenario, statements, diagnostics: capped };
}

const noErrors: IRecognitionException[] = [];

const isSeparator = (t: IToken): boolean => t.tokenType === T.Newline || t.tokenType === T.Semicolon;

/** Tokens a statement can start with (the FIRST set of the `statement` rule). */
const statementStarts = new Set<TokenType>([
  T.At,
  T.After,
  T.Scenario,
  T.Manifest,
  T.Set,
  T.Apply,
  T.Kubectl,
  T.Load,
  T.Watch,
  T.Nodes,
  T.Autoscale,
  T.Explain,
  T.Fault,
  T.Run,
  T.Expect,
]);

/** A recognition error for a chunk whose first token cannot start a statement. */
function strayStatement(token: IToken): IRecognitionException {
  return {
    name: "NoViableAltException",
    message: JSON.stringify(statementError(token)),
    token,
    resyncedTokens: [],
    context: { ruleStack: ["statementLine"], ruleOccurrenceStack: [0] },
  };
}

/**
 * Parses statement by statement, each with the separator that ends it, and turns each
 * statement without a syntax error into its AST at once. Chevrotain's in-repetition recovery
 * (what would resync a single `scenario` rule after a bad statement) recurses once per error:
 * a file of 20,000 bad lines overflowed the stack and took time quadratic in the number of
 * errors. One statement at a time keeps recovery inside each statement, its cost linear, and
 * every error reported; and each line's CST dies young, which keeps the garbage collector's
 * work small (it was half the parse time while the whole file's CST stayed alive).
 */
function parseStatements(
  tokens: IToken[],
  syntaxError: (error: IRecognitionException) => void,
  ctx: AstContext,
  reported: () => number,
  statements: Statement[],
  refusedMarks: Statement[],
): number {
  let direct = 0;
  let start = 0;
  for (let i = 0; i <= tokens.length; i++) {
    if (i < tokens.length && !isSeparator(tokens[i])) continue;
    if (i > start && !statementStarts.has(tokens[start].tokenType)) {
      // Cheaper than the parser's NoViableAlt, whose expected-paths analysis dominated the
      // time of files full of garbage lines.
      syntaxError(strayStatement(tokens[start]));
    } else if (i > start) {
      // The commonest forms straight to their AST (fastAst.ts), other common forms through a
      // hand-built CST (fastPath.ts), the rest — and every line with a mistake — through
      // Chevrotain's recognizer. All three give the same AST and the same diagnostics.
      const statement = fastStatement(tokens, start, i, ctx);
      if (statement !== undefined) {
        statements.push(statement);
        direct++;
        start = i + 1;
        continue;
      }
      let line = fastStatementLine(tokens, start, Math.min(i + 1, tokens.length));
      let errors: IRecognitionException[] = noErrors;
      if (line === undefined) {
        const parser = scenarioParser();
        parser.input = tokens.slice(start, i + 1);
        line = parser.statementLine();
        errors = parser.errors;
      }
      for (const error of errors) syntaxError(error);
      if (errors.length === 0) {
        // The statement runs from its first token to the end of the one before the separator.
        const last = tokens[i - 1];
        const before = reported();
        const end = last.startOffset + last.image.length;
        const statement = toStatement(line, ctx, tokens[start].startOffset, end);
        if (statement !== undefined) statements.push(statement);
        else {
          const time = timeMarkOf(line, ctx);
          if (time !== undefined) refusedMarks.push({ kind: "time", time, span: time.span });
          // A statement is never dropped silently: the visitor refuses only with a reason.
          if (reported() === before)
            ctx.report(
              messages.internalError("this statement could not be read"),
              ctx.lines.range(tokens[start].startOffset, end),
            );
        }
      }
    }
    start = i + 1;
  }
  return direct;
}

/**
 * Two lists of statements in the text's order as one: `b`'s each before the first of `a` that
 * starts after it. (Statements start at distinct offsets, and a refused statement's time mark
 * where the statement would have, so no two compared ever start at the same one.) `movedA`,
 * when given, is filled with where each of `a` ends up.
 */
function inTextOrder(a: readonly Statement[], b: readonly Statement[], movedA?: Int32Array): Statement[] {
  const out = new Array<Statement>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  if (movedA !== undefined) {
    while (i < a.length && j < b.length) {
      if (b[j].span.offset <= a[i].span.offset) out[k++] = b[j++];
      else {
        movedA[i] = k;
        out[k++] = a[i++];
      }
    }
    while (i < a.length) {
      movedA[i] = k;
      out[k++] = a[i++];
    }
  }
  while (i < a.length && j < b.length) out[k++] = b[j].span.offset <= a[i].span.offset ? b[j++] : a[i++];
  while (i < a.length) out[k++] = a[i++];
  while (j < b.length) out[k++] = b[j++];
  return out;
}

/** Lines lexed at a time, at most (see parse). */
const rangeLines = 256;

/**
 * Where the lines read with the one at `from` (ending at `next`), which holds a `<<`, end: just
 * after the heredoc it opens, or after itself when it opens none (the `<<` of a comment or a
 * string). An unterminated heredoc runs to the end of the text.
 */
function heredocEnd(text: string, from: number, next: number, kinds: KindRegistry): number {
  const tokens = scanRange(text, from, next, kinds).tokens;
  const last = tokens[tokens.length - 1];
  if (last?.tokenType !== T.Heredoc || (last.payload as T.HeredocPayload).terminated) return next;
  const heredoc = T.matchHeredoc(text, last.startOffset, [], {}) as
    (RegExpExecArray & { payload: T.HeredocPayload }) | null;
  if (heredoc === null || !heredoc.payload.terminated) return text.length;
  // It ends where its closing line does.
  const newline = text.indexOf("\n", last.startOffset + heredoc[0].length);
  return newline === -1 ? text.length : newline + 1;
}

/** Characters no token starts with: one diagnostic per contiguous run. */
function reportCharacterErrors(
  errors: ILexingError[],
  grouped: IToken[],
  lines: LineMap,
  report: (m: MessageText, span: Span) => void,
): void {
  // Most ranges have neither (one call per range read: no arrays, no iterators then).
  if (errors.length === 0 && grouped.length === 0) return;
  const runs: { offset: number; length: number }[] = [];
  for (const e of errors) runs.push({ offset: e.offset, length: e.length });
  for (const t of grouped) {
    if (t.tokenType.name === "BadLiteral")
      report(messages.badLiteral(t.image), lines.span(t.startOffset, t.image.length));
    else runs.push({ offset: t.startOffset, length: t.image.length });
  }
  runs.sort((a, b) => a.offset - b.offset);
  const merged: { offset: number; length: number }[] = [];
  for (const run of runs) {
    const last = merged[merged.length - 1];
    if (last !== undefined && last.offset + last.length === run.offset) last.length += run.length;
    else merged.push({ ...run });
  }
  for (const run of merged) {
    report(
      messages.unexpectedCharacters(lines.text.slice(run.offset, run.offset + run.length)),
      lines.span(run.offset, run.length),
    );
  }
}

/** Strings and heredocs that never close, text after `<<TAG`. */
function reportTokenProblems(
  tokens: IToken[],
  lines: LineMap,
  report: (m: MessageText, span: Span) => void,
): void {
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const type = token.tokenType;
    if (type === T.UnterminatedString) {
      report(messages.unterminatedString(), lines.span(token.startOffset, token.image.length));
    } else if (type === T.Heredoc) {
      const payload = token.payload as T.HeredocPayload;
      const headLength = payload.trailingOffset - token.startOffset;
      const trailing = payload.trailing.replace(/\r$/, "");
      if (trailing.trim() !== "" && !trailing.trim().startsWith("#")) {
        const lead = trailing.length - trailing.trimStart().length;
        report(
          messages.textAfterHeredoc(payload.tag, trailing),
          lines.span(payload.trailingOffset + lead, trailing.trim().length),
        );
      }
      if (!payload.terminated)
        report(messages.unterminatedHeredoc(payload.tag), lines.span(token.startOffset, headLength));
    }
  }
}

/** Where a syntax error points: its token, or the end of the text for EOF. */
function errorSpan(token: IToken, text: string, lines: LineMap): Span {
  if (token.tokenType === EOF || Number.isNaN(token.startOffset)) {
    // Point just past the last visible character, not at trailing blank lines.
    return lines.span(text.trimEnd().length, 0);
  }
  if (token.tokenType.name === "Newline") return lines.span(token.startOffset, 0);
  const firstLine = token.image.split("\n")[0];
  return lines.span(token.startOffset, firstLine.length);
}

/** The error for a token where a statement should have ended (or begun). */
function endOfStatementError(tokens: IToken[], offsets: number[], token: IToken): MessageText {
  const i = Number.isNaN(token.startOffset) ? tokens.length : lowerBound(offsets, token.startOffset);
  const before = tokens[i - 1];
  if (before === undefined || isSeparator(before)) return statementError(token);
  const mark = tokens[i - 2];
  const markStarts = tokens[i - 3] === undefined || isSeparator(tokens[i - 3]);
  if ((mark?.tokenType.name === "At" || mark?.tokenType.name === "After") && markStarts) {
    return statementError(token, `\`${mark.image} ${before.image}\``);
  }
  return messages.expectedEndOfStatement(describeToken(before), describeFound(token));
}

function capDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  if (diagnostics.length <= maxDiagnostics) return diagnostics;
  const shown = diagnostics.slice(0, maxDiagnostics);
  const last = shown[shown.length - 1];
  shown.push({
    ...messages.tooManyErrors(maxDiagnostics, diagnostics.length - maxDiagnostics),
    severity: "error",
    file: last.file,
    span: last.span,
  });
  return shown;
}

function lowerBound(sorted: number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
