/**
 * Splits a kubectl command line into words the way a POSIX shell would before exec'ing
 * kubectl: single quotes keep everything literally, double quotes keep everything but
 * `\"`, `\\`, `\$` and `` \` `` escapes, a backslash outside quotes escapes the next
 * character. No expansion happens here (the `$`s a shell would expand are marked, for the
 * pipeline's stages). An unquoted `|` is the one operator kept
 * (so a trailing `| grep PATTERN` can be recognised); everything else is a word.
 *
 * Example: `get deploy x -o jsonpath='{.spec.template.spec.containers}'` gives the words
 * `get`, `deploy`, `x`, `-o`, `jsonpath={.spec.template.spec.containers}`, the last starting
 * at the column of `j`.
 */

export interface Token {
  /** The word after quote removal. */
  value: string;
  /** 0-based offset of the word's first character in the command line. */
  start: number;
  /** 0-based offset just past the word. */
  end: number;
  /** An unquoted `|`. */
  pipe?: boolean;
  /** Part of the word was quoted (so `--` or `|` written in quotes are plain words). */
  quoted?: boolean;
  /**
   * Offsets in `value` of each `$` a shell would expand (unquoted or in double quotes, not
   * escaped): the pipeline's stages expand them as bash does (pipelineWords.ts).
   */
  dollars?: number[];
}

export interface TokenizeResult {
  tokens: Token[];
  error?: { message: string; offset: number };
}

const isSpace = (c: string) => c === " " || c === "\t" || c === "\n" || c === "\r";

/** What ends a run of plain characters in a word: a space (isSpace's), `|`, a quote or a backslash. */
const plainEnd = /[ \t\n\r|'"\\]/g;

export function tokenize(line: string): TokenizeResult {
  const tokens: Token[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c === "|") {
      tokens.push({ value: "|", start: i, end: i + 1, pipe: true });
      i++;
      continue;
    }
    const start = i;
    let value = "";
    let quoted = false;
    let dollars: number[] | undefined;
    while (i < line.length && !isSpace(line[i]) && line[i] !== "|") {
      const ch = line[i];
      if (ch === "'") {
        quoted = true;
        const close = line.indexOf("'", i + 1);
        if (close < 0)
          return { tokens, error: { message: "unexpected EOF while looking for matching `''", offset: i } };
        value += line.slice(i + 1, close);
        i = close + 1;
      } else if (ch === '"') {
        quoted = true;
        i++;
        let closed = false;
        while (i < line.length) {
          const d = line[i];
          if (d === '"') {
            closed = true;
            i++;
            break;
          }
          if (d === "\\" && i + 1 < line.length && '"\\$`\n'.includes(line[i + 1])) {
            if (line[i + 1] !== "\n") value += line[i + 1];
            i += 2;
            continue;
          }
          if (d === "$") (dollars ??= []).push(value.length);
          value += d;
          i++;
        }
        if (!closed)
          return {
            tokens,
            error: { message: "unexpected EOF while looking for matching `\"'", offset: start },
          };
      } else if (ch === "\\") {
        quoted = true;
        if (i + 1 < line.length) {
          if (line[i + 1] !== "\n") value += line[i + 1];
          i += 2;
        } else {
          i++;
        }
      } else {
        // A run of plain characters at once: one slice, not a string per character, its end
        // found by one regular expression search rather than a test of each character (which,
        // before V8 optimises this loop, cost a call and eight comparisons a character: most
        // of a check's time reading a scenario's kubectl lines).
        const run = i;
        plainEnd.lastIndex = i + 1;
        i = plainEnd.exec(line) === null ? line.length : plainEnd.lastIndex - 1;
        const plain = line.slice(run, i);
        // Only this run's characters: a search of the rest of the line would make a long line of
        // short words quadratic (test/hostile/linear.test.ts).
        for (let d = plain.indexOf("$"); d !== -1; d = plain.indexOf("$", d + 1))
          (dollars ??= []).push(value.length + d);
        value += plain;
      }
    }
    const token: Token = quoted ? { value, start, end: i, quoted } : { value, start, end: i };
    if (dollars) token.dollars = dollars;
    tokens.push(token);
  }
  return { tokens };
}
