import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tokenize } from "../../src/kubectl/tokenize.ts";

// POSIX shell word splitting (the Shell Command Language, 2.2 Quoting): what kubectl's argv would be.
describe("tokenize", () => {
  const cases: { name: string; line: string; words: string[] }[] = [
    { name: "blanks separate", line: "get  pods\t-o wide", words: ["get", "pods", "-o", "wide"] },
    {
      name: "single quotes are literal",
      line: `get deploy x -o jsonpath='{.spec.template.spec.containers}'`,
      words: ["get", "deploy", "x", "-o", "jsonpath={.spec.template.spec.containers}"],
    },
    {
      name: 'double quotes keep \\" and \\\\',
      line: `annotate deploy x note="a \\"b\\" c\\\\d"`,
      words: ["annotate", "deploy", "x", 'note=a "b" c\\d'],
    },
    { name: "backslash escapes a blank", line: "get pods a\\ b", words: ["get", "pods", "a b"] },
    { name: "single quotes keep backslashes", line: `x '\\n'`, words: ["x", "\\n"] },
    { name: "adjacent quoted parts join", line: `-p '{"spec":'"{}}"`, words: ["-p", '{"spec":{}}'] },
    { name: "empty quotes are an empty word", line: `x ''`, words: ["x", ""] },
    {
      name: "double-dash stays a word",
      line: "create deployment d --image=busybox -- sleep 3600",
      words: ["create", "deployment", "d", "--image=busybox", "--", "sleep", "3600"],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = tokenize(c.line);
      expect(r.error).toBeUndefined();
      expect(r.tokens.map((t) => t.value)).toEqual(c.words);
    });
  }

  it("records where each word starts", () => {
    const r = tokenize(`get  'a b' c`);
    expect(r.tokens.map((t) => [t.start, t.end])).toEqual([
      [0, 3],
      [5, 10],
      [11, 12],
    ]);
  });

  it("an unquoted | is an operator, a quoted one a word", () => {
    const r = tokenize(`describe deploy x | grep '|'`);
    expect(r.tokens.map((t) => [t.value, !!t.pipe])).toEqual([
      ["describe", false],
      ["deploy", false],
      ["x", false],
      ["|", true],
      ["grep", false],
      ["|", false],
    ]);
  });

  it("reports an unterminated quote as bash does", () => {
    expect(tokenize("get 'pods").error).toEqual({
      message: "unexpected EOF while looking for matching `''",
      offset: 4,
    });
    expect(tokenize('get "pods').error?.message).toBe("unexpected EOF while looking for matching `\"'");
  });

  it("splits a run of plain characters where a character-by-character reading does", () => {
    // The words, offsets and `$` marks of the reading tokenize did before it searched for a run's
    // end (a test of every character for a space, `|`, a quote or a backslash): any line of
    // those characters, `$`s and letters gives the same result.
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom(
            "a",
            "b",
            "-",
            "=",
            "$",
            " ",
            "\t",
            "\n",
            "\r",
            "|",
            "'",
            '"',
            "\\",
            "\f",
            "\u00a0",
          ),
          {
            maxLength: 40,
          },
        ),
        (chars) => {
          const line = chars.join("");
          expect(tokenize(line)).toStrictEqual(readCharByChar(line));
        },
      ),
      { numRuns: 3000, seed: 9 },
    );
  });
});

/** tokenize as it read a run of plain characters before (one character at a time). */
function readCharByChar(line: string): ReturnType<typeof tokenize> {
  const isSpace = (c: string) => c === " " || c === "\t" || c === "\n" || c === "\r";
  const isSpecial = (c: string) => isSpace(c) || c === "|" || c === "'" || c === '"' || c === "\\";
  const tokens: ReturnType<typeof tokenize>["tokens"] = [];
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
        } else i++;
      } else {
        const run = i;
        do i++;
        while (i < line.length && !isSpecial(line[i]));
        for (let d = run; d < i; d++) if (line[d] === "$") (dollars ??= []).push(value.length + d - run);
        value += line.slice(run, i);
      }
    }
    const token: (typeof tokens)[number] = quoted
      ? { value, start, end: i, quoted }
      : { value, start, end: i };
    if (dollars) token.dollars = dollars;
    tokens.push(token);
  }
  return { tokens };
}
