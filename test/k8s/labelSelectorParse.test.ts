// labels.Parse (apimachinery pkg/labels/selector.go): the scale subresource's selector string
// back into requirements, with upstream's error texts; cases from selector_test.go
// (TestSelectorParse, TestToString) and horizontal_test.go's unparsable "cheddar cheese".
import { describe, expect, it } from "vitest";
import { parseLabelSelector, requirementsMatch } from "../../src/k8s/labelSelectorParse.ts";

const ok = (s: string) => {
  const r = parseLabelSelector(s);
  if ("error" in r) throw new Error(r.error);
  return r.requirements;
};

describe("parseLabelSelector", () => {
  it.each([
    ["", []],
    ["x=a", [{ key: "x", operator: "=", values: ["a"] }]],
    ["x==a", [{ key: "x", operator: "==", values: ["a"] }]],
    ["x!=a", [{ key: "x", operator: "!=", values: ["a"] }]],
    ["x=", [{ key: "x", operator: "=", values: [""] }]],
    ["!x", [{ key: "x", operator: "!", values: [] }]],
    ["x>1", [{ key: "x", operator: "gt", values: ["1"] }]],
    [
      "z in (a,b),x",
      [
        { key: "x", operator: "exists", values: [] },
        { key: "z", operator: "in", values: ["a", "b"] },
      ],
    ],
    [
      "x in (foo,,baz),y,z notin ()",
      [
        { key: "x", operator: "in", values: ["", "baz", "foo"] },
        { key: "y", operator: "exists", values: [] },
        { key: "z", operator: "notin", values: [""] },
      ],
    ],
    // "in" is a value where a value is expected.
    ["x in (in)", [{ key: "x", operator: "in", values: ["in"] }]],
  ])("parses %j", (text, reqs) => expect(ok(text)).toEqual(reqs));

  it.each([
    ["cheddar cheese", "unable to parse requirement: found 'cheese', expected: in, notin, =, ==, !=, gt, lt"],
    ["x=a b", "found 'b', expected: ',' or 'end of string'"],
    ["x,", "found '', expected: identifier after ','"],
    [",x", "found ',', expected: !, identifier, or 'end of string'"],
    ["x in a", "unable to parse requirement: found 'a' expected: '('"],
    [
      "x<a",
      "unable to parse requirement: values[0]: Invalid value: \"a\": for 'Gt', 'Lt' operators, the value must be an integer",
    ],
  ])("rejects %j as upstream words it", (text, error) => expect(parseLabelSelector(text)).toEqual({ error }));

  it("matches as Requirement.Matches does: notin and != match a missing key", () => {
    const reqs = ok("app=web,tier notin (db),canary!=yes");
    expect(requirementsMatch(reqs, { app: "web" })).toBe(true);
    expect(requirementsMatch(reqs, { app: "web", tier: "db" })).toBe(false);
    expect(requirementsMatch(reqs, { app: "api" })).toBe(false);
    expect(requirementsMatch(ok("x>3"), { x: "10" })).toBe(true);
    expect(requirementsMatch(ok("x>3"), { x: "ten" })).toBe(false);
  });
});
