/**
 * Lines a file repeats, read once. A long scenario says the same lines again and again
 * (`kubectl get hpa app` after every step, the same expectation every round): a line outside
 * any heredoc is lexed and parsed on its own, so its statements are a function of its text
 * alone except for their spans, which only move with the line. The second time a line's text
 * comes it is read alone and its statements are kept; where it comes again they are copied
 * with every span moved to the new line, instead of lexing and parsing it again (a line said
 * often, by code written for its statements: writtenCopy). (A line that
 * comes once is read with the lines around it: reading each line alone cost more than it
 * saved in a file of lines all different.)
 *
 * Kept only where that is exact: a line read without a diagnostic, every statement of it read
 * straight from the tokens (fastAst.ts, which never reports and reads nothing but the
 * statement's tokens, the kinds and the text), and the statements plain data — objects,
 * arrays, strings, numbers, booleans — whose only positions are spans on that one line. The
 * copy has the keys in the same order, so the AST (and its JSON) is the one parsing the line
 * again gives; test/dsl/lineMemo.test.ts compares both over every scenario of the repository.
 */
import type { Span, Statement } from "./ast.ts";

/** A line's statements as first read, with where the line was. */
interface Kept {
  statements: Statement[];
  /** The offset of the line's first character. */
  offset: number;
  /** Its 1-based line number. */
  line: number;
  /** How to copy them, once found copyable (on their first reuse). */
  copiers?: Copier[];
  /** How many times they were copied. */
  copies: number;
  /** Their copy written out as code (a line copied often), or null where that cannot be made. */
  written?: WrittenCopy | null;
  /** Where the parse put the first of them in its list of statements. */
  index: number;
}

/** A kept line's statements copied by code written for them: `chars` and `lines` on. */
type WrittenCopy = (chars: number, lines: number) => Statement[];

/**
 * How to copy one object of a kept statement: a span is copied and moved; any other object
 * or array is copied, then each of its `nested` keys (those holding an object) replaced by a
 * copy of what it holds — every object new, as reading the line again gives.
 * (A spread copies an object's keys in order at the cost of one allocation; a generic walk
 * over every key cost more than reading the line again.)
 */
interface Copier {
  span: boolean;
  nested: [key: string | number, copier: Copier][];
}

/** The keys of a span, in the order LineMap.span writes them. */
const spanKeys = ["offset", "length", "line", "col", "endLine", "endCol"];

/** Keys that hold a position outside a span (a heredoc's body): such a statement is not copied. */
const positionKeys = new Set([...spanKeys, "bodyLine", "bodyOffset"]);

/** A line read once, not kept. */
const seen = "seen";

export class LineMemo {
  /** By the line's text: read once, kept, or null for a line that cannot be copied. */
  private readonly lines = new Map<string, Kept | typeof seen | null>();

  /** The `index` given to `read` for the kept line whose copies `reuse` returned last. */
  copiedFrom = -1;

  /**
   * The statements of `text` read at `offset`, line `line`, when the same text was kept and
   * can be copied; "keep" when it was read once before (read it alone, and say what it gave
   * with `read`); undefined when it is to be read with the lines around it (the first time,
   * or a line that cannot be copied).
   */
  reuse(text: string, offset: number, line: number): Statement[] | "keep" | undefined {
    const kept = this.lines.get(text);
    if (kept === undefined) {
      this.lines.set(text, seen);
      return undefined;
    }
    if (kept === seen) return "keep";
    if (kept === null) return undefined;
    let copiers = kept.copiers;
    if (copiers === undefined) {
      const found: Copier[] = [];
      for (const s of kept.statements) {
        const copier = copierOf(s, kept.line);
        if (copier === undefined) {
          this.lines.set(text, null);
          return undefined;
        }
        found.push(copier);
      }
      kept.copiers = copiers = found;
    }
    const chars = offset - kept.offset;
    const lines = line - kept.line;
    this.copiedFrom = kept.index;
    if (++kept.copies > WRITE_AFTER) {
      if (kept.written === undefined) kept.written = writtenCopy(kept.statements, copiers);
      if (kept.written !== null) return kept.written(chars, lines);
    }
    // Sized once (an empty array's first push allocates room for 17), for each of thousands of lines.
    const out = new Array<Statement>(copiers.length);
    for (let i = 0; i < copiers.length; i++) out[i] = copied(kept.statements[i], copiers[i], chars, lines);
    return out;
  }

  /**
   * Records what reading the line alone gave: its statements when each was read straight
   * from the tokens and nothing was reported, else that it must always be read. `index` is
   * where the first of them stands in the caller's list (copiedFrom).
   */
  read(text: string, offset: number, line: number, statements: Statement[] | undefined, index = -1): void {
    this.lines.set(text, statements === undefined ? null : { statements, offset, line, copies: 0, index });
  }
}

/**
 * Which statements of a parsed list are copies of which (the parse records it): `from[i]` is
 * the index of the statement that statement i is a copy of, KEPT for a statement with copies,
 * NOT_COPIED for the others. `snapshot` is the list as the parse returned it: a statement
 * replaced in the list since is not taken for a copy (copyRelation).
 */
export interface Copies {
  from: Int32Array;
  snapshot: readonly Statement[];
}

/** A statement that neither is a copy nor has copies (Copies.from). */
export const NOT_COPIED = -1;
/** A statement that later statements are copies of (Copies.from). */
export const KEPT = -2;

/** By the list parseScenario returned. */
const copiesByList = new WeakMap<readonly Statement[], Copies>();

/** Records which statements of `statements`, the parse's list, are copies of which. */
export function recordCopies(statements: readonly Statement[], from: Int32Array): void {
  copiesByList.set(statements, { from, snapshot: statements.slice() });
}

/** The copy relation the parse recorded for `statements`, if it returned that list. */
export function copiesOf(statements: readonly Statement[]): Copies | undefined {
  return copiesByList.get(statements);
}

/**
 * Statement i's copy relation (Copies.from) in `statements`, the list `copies` was recorded
 * for; NOT_COPIED for a statement the list no longer holds, and for a copy whose kept
 * statement it no longer holds. A copy is its kept statement with every span moved to its own
 * line and nothing else changed: what depends only on a statement's values, not on where it
 * is written, is the same for both (the plan's second pass uses this).
 */
export function copyRelation(copies: Copies, statements: readonly Statement[], i: number): number {
  if (copies.snapshot[i] !== statements[i]) return NOT_COPIED;
  const from = copies.from[i];
  return from < 0 || copies.snapshot[from] === statements[from] ? from : NOT_COPIED;
}

function isSpan(value: object): value is Span {
  const keys = Object.keys(value);
  if (keys.length !== spanKeys.length) return false;
  for (let i = 0; i < keys.length; i++) {
    if (keys[i] !== spanKeys[i] || typeof (value as Record<string, unknown>)[keys[i]] !== "number")
      return false;
  }
  return true;
}

const spanCopier: Copier = { span: true, nested: [] };

/**
 * How to copy `value` when it is plain data — plain objects and arrays of strings, numbers,
 * booleans — whose only positions are spans within line `line`; undefined when it is not.
 */
function copierOf(value: unknown, line: number): Copier | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const array = Array.isArray(value);
  if (Object.getPrototypeOf(value) !== (array ? Array.prototype : Object.prototype)) return undefined;
  if (!array && isSpan(value)) return value.line === line && value.endLine === line ? spanCopier : undefined;
  const nested: [string | number, Copier][] = [];
  const entries: [string | number, unknown][] = array ? value.map((v, i) => [i, v]) : Object.entries(value);
  for (const [key, v] of entries) {
    if (typeof key === "string" && positionKeys.has(key)) return undefined;
    switch (typeof v) {
      case "string":
      case "number":
      case "boolean":
      case "undefined":
        continue;
      case "object": {
        if (v === null) continue;
        const copier = copierOf(v, line);
        if (copier === undefined) return undefined;
        nested.push([key, copier]);
        continue;
      }
      default:
        return undefined;
    }
  }
  return { span: false, nested };
}

/** A copy of `value` as `copier` says, every span moved `chars` characters and `lines` lines on. */
function copied<V>(value: V, copier: Copier, chars: number, lines: number): V {
  if (copier.span) {
    const span = { ...(value as Span) };
    span.offset += chars;
    span.line += lines;
    span.endLine += lines;
    return span as V;
  }
  const out = (Array.isArray(value) ? value.slice() : { ...value }) as Record<string | number, unknown>;
  const nested = copier.nested;
  for (let i = 0; i < nested.length; i++) {
    // Read by index: destructuring runs the iterator protocol (an allocation per step cold).
    const entry = nested[i];
    const key = entry[0];
    out[key] = copied((value as Record<string | number, unknown>)[key], entry[1], chars, lines);
  }
  return out as V;
}

/**
 * A line copied more often than this has its copy written out as code (writtenCopy): writing
 * and compiling it costs more than a few copies, so a line said a few times is copied by
 * `copied`.
 */
const WRITE_AFTER = 8;

/**
 * `copied` of a kept line's statements written out for them as a function of its own: the same
 * spreads, slices and writes in the same order, each at a site of its own. `copied`'s spread is
 * one site for objects of every shape, which V8 serves by its generic clone (a property at a
 * time); a site that only ever sees one shape copies the object whole. (Object literals with the
 * values written in would be no faster: V8 gives each object made from one an allocation memento,
 * which every scavenge then reads.) Null where the host forbids compiling code: `copied` does.
 */
function writtenCopy(statements: readonly Statement[], copiers: readonly Copier[]): WrittenCopy | null {
  const body: string[] = [];
  let names = 0;
  /** Writes the copy of `value`, found at `source` (an expression), as `copier` says; returns its name. */
  const write = (source: string, value: unknown, copier: Copier): string => {
    const from = `s${names}`;
    const to = `o${names++}`;
    body.push(`const ${from} = ${source};`);
    if (copier.span) {
      body.push(
        `const ${to} = { ...${from} };`,
        `${to}.offset += c;`,
        `${to}.line += l;`,
        `${to}.endLine += l;`,
      );
      return to;
    }
    body.push(`const ${to} = ${Array.isArray(value) ? `${from}.slice()` : `{ ...${from} }`};`);
    for (const [key, nested] of copier.nested) {
      const at = `[${JSON.stringify(key)}]`;
      const copy = write(`${from}${at}`, (value as Record<string | number, unknown>)[key], nested);
      body.push(`${to}${at} = ${copy};`);
    }
    return to;
  };
  const out: string[] = [];
  for (let i = 0; i < statements.length; i++) out.push(write(`k[${i}]`, statements[i], copiers[i]));
  body.push(
    `const out = new Array(${out.length});`,
    ...out.map((o, i) => `out[${i}] = ${o};`),
    "return out;",
  );
  let copy: (kept: readonly Statement[], chars: number, lines: number) => Statement[];
  try {
    copy = new Function("k", "c", "l", body.join("\n")) as typeof copy;
  } catch {
    return null;
  }
  return (chars, lines) => copy(statements, chars, lines);
}
