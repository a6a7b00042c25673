// A trailing `| grep -A/-B/-C NUM` (GNU grep's context lines: each match with NUM lines after,
// before or around it, groups that do not touch separated by `--`), as blog walk-throughs use
// it on `kubectl describe` (`| grep -A 5 Events`).
import { describe, expect, it } from "vitest";
import { parseKubectl } from "../../src/kubectl/parse.ts";
import { grep } from "../../src/kubectl/pipeline.ts";

const TEXT = ["a", "match 1", "b", "c", "d", "e", "match 2", "f"].join("\n") + "\n";
const filter = (line: string) => {
  const stage = parseKubectl(`get pods | grep ${line}`).command!.pipeline![0];
  if (stage.kind !== "grep") throw new Error(`not a grep stage: ${stage.kind}`);
  return stage;
};

describe("grep context lines", () => {
  it("reads -A NUM, -A NUM written together, -B, -C and -NUM", () => {
    expect(filter("-A 2 x")).toMatchObject({ pattern: "x", after: 2 });
    expect(filter("-A2 x")).toMatchObject({ after: 2 });
    expect(filter("-B 1 x")).toMatchObject({ before: 1 });
    expect(filter("-C 3 x")).toMatchObject({ before: 3, after: 3 });
    expect(filter("-2 -i x")).toMatchObject({ before: 2, after: 2, ignoreCase: true });
    expect(parseKubectl("get pods | grep -A x").diagnostics[0].message).toBe(
      "grep: x: invalid context length argument",
    );
  });

  it("prints each match with its context, `--` between groups apart", () => {
    expect(grep(TEXT, filter("-A 1 match"))).toBe("match 1\nb\n--\nmatch 2\nf\n");
    expect(grep(TEXT, filter("-B 1 match"))).toBe("a\nmatch 1\n--\ne\nmatch 2\n");
    // Groups that meet are one group.
    expect(grep(TEXT, filter("-C 2 match"))).toBe("a\nmatch 1\nb\nc\nd\ne\nmatch 2\nf\n");
    expect(grep(TEXT, filter("-A 1 nothing"))).toBe("");
  });
});
