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
});
