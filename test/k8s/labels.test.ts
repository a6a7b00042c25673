// Selector semantics from k8s.io/apimachinery/pkg/labels/selector.go (Requirement.Matches,
// Requirement.String) and metav1.FormatLabelSelector.
import { describe, expect, it } from "vitest";
import {
  isEmptySelector,
  labelsMatch,
  labelsToString,
  selectorFromSet,
  selectorMatcher,
  selectorToString,
} from "../../src/k8s/labels.ts";
import type { LabelSelector } from "../../src/k8s/types.ts";

describe("labelsMatch", () => {
  const web: LabelSelector = {
    matchLabels: { app: "nginx" },
    matchExpressions: [{ key: "tier", operator: "In", values: ["web", "edge"] }],
  };
  const cases: {
    name: string;
    selector: LabelSelector | undefined;
    labels: Record<string, string>;
    want: boolean;
  }[] = [
    {
      name: "matchLabels and In both hold",
      selector: web,
      labels: { app: "nginx", tier: "web" },
      want: true,
    },
    { name: "In value absent from set", selector: web, labels: { app: "nginx", tier: "db" }, want: false },
    { name: "In key missing", selector: web, labels: { app: "nginx" }, want: false },
    { name: "matchLabels value differs", selector: web, labels: { app: "apache", tier: "web" }, want: false },
    {
      name: "extra labels are fine",
      selector: { matchLabels: { app: "x" } },
      labels: { app: "x", pod: "y" },
      want: true,
    },
    {
      name: "NotIn matches a missing key",
      selector: { matchExpressions: [{ key: "env", operator: "NotIn", values: ["prod"] }] },
      labels: {},
      want: true,
    },
    {
      name: "NotIn rejects a listed value",
      selector: { matchExpressions: [{ key: "env", operator: "NotIn", values: ["prod"] }] },
      labels: { env: "prod" },
      want: false,
    },
    {
      name: "Exists",
      selector: { matchExpressions: [{ key: "env", operator: "Exists" }] },
      labels: { env: "" },
      want: true,
    },
    {
      name: "Exists, key missing",
      selector: { matchExpressions: [{ key: "env", operator: "Exists" }] },
      labels: {},
      want: false,
    },
    {
      name: "DoesNotExist",
      selector: { matchExpressions: [{ key: "env", operator: "DoesNotExist" }] },
      labels: { app: "x" },
      want: true,
    },
    {
      name: "DoesNotExist, key present",
      selector: { matchExpressions: [{ key: "env", operator: "DoesNotExist" }] },
      labels: { env: "x" },
      want: false,
    },
    { name: "empty selector selects everything", selector: {}, labels: { anything: "x" }, want: true },
    { name: "nil selector selects nothing", selector: undefined, labels: { anything: "x" }, want: false },
  ];
  it.each(cases)("$name", ({ selector, labels, want }) => {
    expect(labelsMatch(selector, labels)).toBe(want);
  });
  it.each(cases)(
    "selectorMatcher, the same rule with the requirements read once: $name",
    ({ selector, labels, want }) => {
      expect(selectorMatcher(selector)(labels)).toBe(want);
    },
  );
});

describe("selectorToString (kubectl describe's Selector:)", () => {
  it.each([
    [
      { matchLabels: { app: "nginx" }, matchExpressions: [{ key: "tier", operator: "In", values: ["web"] }] },
      "app=nginx,tier in (web)",
    ],
    [{ matchLabels: { tier: "a", app: "b" } }, "app=b,tier=a"],
    [{ matchExpressions: [{ key: "env", operator: "NotIn", values: ["qa", "dev"] }] }, "env notin (dev,qa)"],
    [
      {
        matchExpressions: [
          { key: "env", operator: "Exists" },
          { key: "canary", operator: "DoesNotExist" },
        ],
      },
      "!canary,env",
    ],
    [{}, "<none>"],
  ] as [LabelSelector, string][])("%j → %s", (selector, want) => {
    expect(selectorToString(selector)).toBe(want);
  });
});

describe("helpers", () => {
  it("selectorFromSet selects exactly the set's pairs", () => {
    const s = selectorFromSet({ app: "web", "pod-template-hash": "5d59d67564" });
    expect(labelsMatch(s, { app: "web", "pod-template-hash": "5d59d67564" })).toBe(true);
    expect(labelsMatch(s, { app: "web", "pod-template-hash": "other" })).toBe(false);
  });

  it("isEmptySelector tells {} from a real selector and from nil", () => {
    expect(isEmptySelector({})).toBe(true);
    expect(isEmptySelector({ matchLabels: {} })).toBe(true);
    expect(isEmptySelector({ matchLabels: { a: "b" } })).toBe(false);
    expect(isEmptySelector(undefined)).toBe(false);
  });

  it("labelsToString sorts keys like labels.Set.String", () => {
    expect(labelsToString({ tier: "web", app: "nginx" })).toBe("app=nginx,tier=web");
    expect(labelsToString(undefined)).toBe("");
  });
});
