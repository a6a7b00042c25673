// A run read only by its output leaves out the series nothing there reads
// (src/scenario/traceReads.ts): which ones, statement by statement, and that such a run's
// report is the full run's. The golden corpus runs every scenario that way too
// (test/golden/outputOnly.test.ts); none of its scenarios explains, so explanations are here.
import { describe, expect, it } from "vitest";
import { checkWith, runWith } from "../../src/scenario/api.ts";
import { defaultServices } from "../../src/scenario/defaultServices.ts";
import { formatReport, noColors } from "../../src/node.ts";
import { seriesOutputLeavesUnread } from "../../src/scenario/traceReads.ts";

const scenario = (statements: string): string => `manifest app = <<YAML
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
      - name: app
        image: app:1
        resources:
          requests: { cpu: 100m }
YAML
at 0s apply app
at 1m kubectl scale deployment web --replicas=1
${statements}
run until 3m
`;

function unread(statements: string): string[] {
  const checked = checkWith(defaultServices, scenario(statements), "s.scn");
  expect(checked.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return seriesOutputLeavesUnread(checked.plan!);
}

describe("seriesOutputLeavesUnread", () => {
  it("leaves out pods and ReplicaSets when only Deployments are expected on", () => {
    expect(unread("expect replicas 1 within 1m\nexpect ready 1 at 2m")).toEqual(["Pod", "ReplicaSet"]);
  });

  it("keeps both for `pending`, which counts pods through their ReplicaSets (traceCounts.ts)", () => {
    expect(unread("expect pending == 0 always")).toEqual([]);
    expect(unread("expect deployment/web pending == 0 always")).toEqual([]);
  });

  it("keeps the pods for an explanation of a pod, and for an expectation on one", () => {
    expect(unread("explain pod/web-abc")).toEqual(["ReplicaSet"]);
    expect(unread("explain deployment/web")).toEqual(["Pod", "ReplicaSet"]);
  });
});

describe("a run read only by its output", () => {
  it.each([
    ["an explanation of a pod", "explain pod/web-abc\nexpect replicas 1 within 1m"],
    ["an explanation of the Deployment", "explain deployment/web\nexpect replicas 1 within 1m"],
    ["a failing expectation, explained", "expect replicas 2 always"],
  ])("prints the full run's report with %s", (_, statements) => {
    const text = scenario(statements);
    const full = runWith(defaultServices, text, "s.scn");
    const alone = runWith(defaultServices, text, "s.scn", { outputOnly: true });
    expect(formatReport(alone, noColors)).toBe(formatReport(full, noColors));
    expect(full.trace!.series.Pod).not.toEqual({});
  });

  it("has a trace whose series left out throw when read, and the others whole", () => {
    const text = scenario("expect replicas 1 within 1m");
    const full = runWith(defaultServices, text, "s.scn").trace!;
    const alone = runWith(defaultServices, text, "s.scn", { outputOnly: true }).trace!;
    expect(() => alone.series.Pod).toThrow(/Pod series was not recorded/);
    expect(() => alone.series.ReplicaSet).toThrow(/ReplicaSet series was not recorded/);
    expect(alone.series.Deployment).toEqual(full.series.Deployment);
    expect(alone.events).toEqual(full.events);
    expect(alone.decisions).toEqual(full.decisions);
  });
});
