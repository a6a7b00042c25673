/**
 * The small rules the stored kinds' printers and describers share, by table: printIngress's
 * formatHosts, printJob's COMPLETIONS, printEndpoints' formatEndpoints, kubectl's RBAC rule
 * compaction (k8s.io/kubectl/pkg/util/rbac) and describe.go's CombineResourceGroup and
 * capIndexesListOrNone.
 */
import { describe, expect, it } from "vitest";
import { formatEndpoints } from "../../src/k8s/kinds/endpoints/index.ts";
import { formatHosts } from "../../src/k8s/kinds/ingress/index.ts";
import { capIndexes } from "../../src/k8s/kinds/job/describe.ts";
import { completionsCell } from "../../src/k8s/kinds/job/index.ts";
import { combineResourceGroup, describedRules } from "../../src/k8s/kinds/role/rules.ts";
import type { KubeObject } from "../../src/k8s/types.ts";

describe("printIngress formatHosts", () => {
  it.each([
    [[], "*"],
    [[{ http: {} }], "*"],
    [[{ host: "a.dev" }, { http: {} }, { host: "b.dev" }], "a.dev,b.dev"],
    [[{ host: "a" }, { host: "b" }, { host: "c" }, { host: "d" }, { host: "e" }], "a,b,c + 2 more..."],
  ])("%j → %s", (rules, text) => {
    expect(formatHosts(rules)).toBe(text);
  });
});

describe("printJob COMPLETIONS", () => {
  const job = (spec: object, succeeded?: number) =>
    ({ metadata: { name: "j" }, spec, status: { succeeded } }) as unknown as KubeObject;
  it.each([
    [{ completions: 3 }, 2, "2/3"],
    [{}, undefined, "0/1"],
    [{ parallelism: 1 }, 1, "1/1"],
    [{ parallelism: 4 }, 1, "1/1 of 4"],
  ])("%j with %s succeeded → %s", (spec, succeeded, text) => {
    expect(completionsCell(job(spec, succeeded))).toBe(text);
  });
});

describe("printEndpoints formatEndpoints", () => {
  it.each([
    [{}, "<none>"],
    [{ subsets: [{ addresses: [{ ip: "10.0.0.1" }] }] }, "10.0.0.1"],
    [
      {
        subsets: [
          {
            addresses: [{ ip: "10.0.0.1" }, { ip: "10.0.0.2" }],
            ports: [{ port: 80 }, { port: 443 }],
          },
        ],
      },
      "10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 1 more...",
    ],
    [{ subsets: [{ addresses: [{ ip: "fd00::1" }], ports: [{ port: 80 }] }] }, "[fd00::1]:80"],
  ])("%j → %s", (ep, text) => {
    expect(formatEndpoints(ep)).toBe(text);
  });
});

describe("RBAC rules as kubectl describe lists them", () => {
  it("breaks rules down, merges verbs per group/resource/name, and sorts by PolicyRule.String()", () => {
    const rules = describedRules([
      { apiGroups: [""], resources: ["pods", "pods/log"], verbs: ["get"] },
      { apiGroups: [""], resources: ["pods"], verbs: ["list", "get"] },
      { apiGroups: ["apps"], resources: ["deployments"], resourceNames: ["web", "api"], verbs: ["patch"] },
      { nonResourceURLs: ["/healthz"], verbs: ["get"] },
      { resources: ["secrets"], verbs: ["get"] },
    ]);
    expect(
      rules.map((r) => [combineResourceGroup(r.resources, r.apiGroups), r.resourceNames, r.verbs]),
    ).toEqual([
      // "Verbs:[get list get]" sorts before "Verbs:[get]": a space is less than "]".
      ["pods", [], ["get", "list", "get"]],
      ["", [], ["get"]],
      ["pods/log", [], ["get"]],
      ["deployments.apps", ["api"], ["patch"]],
      ["deployments.apps", ["web"], ["patch"]],
    ]);
    expect(rules[1].nonResourceURLs).toEqual(["/healthz"]);
  });

  it.each([
    [["pods"], [""], "pods"],
    [["deployments/scale"], ["apps"], "deployments.apps/scale"],
    [["leases"], ["coordination.k8s.io", "x"], "leases.coordination.k8s.io"],
    [[], ["apps"], ""],
  ])("CombineResourceGroup(%j, %j) → %s", (resources, groups, text) => {
    expect(combineResourceGroup(resources, groups)).toBe(text);
  });
});

describe("capIndexesListOrNone", () => {
  it.each([
    ["", "<none>"],
    ["0-3,7", "0-3,7"],
    // cut after the first comma at or past the 50th character
    [
      Array.from({ length: 30 }, (_, i) => String(i * 2)).join(","),
      "0,2,4,6,8,10,12,14,16,18,20,22,24,26,28,30,32,34,36,...",
    ],
  ])("%s → %s", (indexes, text) => {
    expect(capIndexes(indexes)).toBe(text);
  });
});
