// When statements happen (docs/language.md § Time): resolveTimes serves both the parser's check
// and the plan, so the two can never disagree.
import { describe, expect, it } from "vitest";
import { resolveTimes } from "../../src/dsl/semantics.ts";
import { problems, statementsOf } from "./helpers.ts";

describe("resolveTimes (docs/language.md § Time)", () => {
  it("at, after, inherited times and lines holding only a time", () => {
    const text = [
      "at 10s kubectl get pods",
      "kubectl get pods",
      "after 5s kubectl get pods",
      "at 1m",
      "kubectl get pods",
      "after 30s",
      "after 15s kubectl get pods",
    ].join("\n");
    const r = resolveTimes(statementsOf(text));
    expect(r.times).toEqual([10, 10, 15, 60, 60, 90, 105]);
    expect(r.backwards).toEqual([]);
  });

  it("an `at` that goes backwards is listed with where the time was set, and time stays", () => {
    const statements = statementsOf("at 20s kubectl get pods\nkubectl get pods");
    // Hand the second statement an earlier time mark: the parser refuses to build one.
    const earlier = { ...statements[1], time: { ...statements[0].time!, t: 10 } };
    const r = resolveTimes([statements[0], earlier, statements[1]]);
    expect(r.times).toEqual([20, 20, 20]);
    expect(r.backwards.map((b) => [b.statement, b.now, b.setBy.line])).toEqual([[earlier, 20, 1]]);
  });

  it("is reported by parseScenario at the `at`, with a note where the time was set", () => {
    expect(problems("at 20s kubectl get pods\nafter 5s kubectl get pods\nat 10s kubectl get pods")).toEqual([
      "3:1 RC3003 time goes backwards: `at 10s` comes after a statement at 25s",
    ]);
  });
});
