import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatReport, formatTimeline, summary, writeReport } from "../../src/scenario/report.ts";
import type { ScenarioResult } from "../../src/scenario/result.ts";

const result: ScenarioResult = {
  file: "q.scn",
  title: "Quick start",
  passed: false,
  status: "failed",
  duration: 150,
  expectations: [
    { line: 3, text: "expect ready 1 within 10s", passed: true, message: "deployment/web ready was 1 at 2s" },
    {
      line: 5,
      text: "expect replicas 3 within 30s",
      passed: false,
      message: "deployment/web replicas was 1 from 0s; wanted 3 within 30s of 1m",
    },
  ],
  events: [
    {
      time: 0,
      type: "Normal",
      reason: "ScalingReplicaSet",
      object: "deployment/web",
      message: "Scaled up replica set web-abc to 1",
    },
    {
      time: 0,
      type: "Normal",
      reason: "Scheduled",
      object: "pod/web-abc-x",
      message: "Successfully assigned default/web-abc-x to node-1",
    },
    {
      time: 15,
      type: "Warning",
      reason: "FailedGetResourceMetric",
      object: "horizontalpodautoscaler/web",
      message: "no metrics",
    },
  ],
  output: [
    { time: 0, command: "apply deploy", text: "deployment.apps/web created", line: 1, afterEvents: 0 },
    { time: 0, command: "apply deploy", text: "service/web created", line: 1, afterEvents: 0 },
    { time: 10, command: "watch deploy/web", text: "NAME  READY\nweb   0/1", line: 2, afterEvents: 2 },
    { time: 12, command: "watch deploy/web", text: "web   1/1", line: 2, watch: true, afterEvents: 2 },
  ],
  failures: [],
  diagnostics: [],
};

describe("the text report", () => {
  it("lays out the timeline: outputs after the events emitted before them, watch rows alone, pod events folded", () => {
    expect(formatTimeline(result)).toEqual([
      "   0s  $ apply deploy",
      "       deployment.apps/web created",
      "       service/web created",
      "   0s  Normal   ScalingReplicaSet        deployment/web  Scaled up replica set web-abc to 1",
      "  10s  $ watch deploy/web",
      "       NAME  READY",
      "       web   0/1",
      "  12s  web   1/1",
      "  15s  Warning  FailedGetResourceMetric  horizontalpodautoscaler/web  no metrics",
      "  (1 pod event not shown; --json lists every event)",
    ]);
  });

  it("gives each line its own time, columns and namespace where consecutive events share some", () => {
    const event = (time: number, reason: string, object: string, namespace?: string) => ({
      time,
      type: "Normal" as const,
      reason,
      object,
      message: `m ${object}`,
      ...(namespace ? { namespace } : {}),
    });
    const alike: ScenarioResult = {
      ...result,
      events: [
        event(5, "SuccessfulCreate", "replicaset/a"),
        event(5, "SuccessfulCreate", "replicaset/b", "prod"),
        event(5, "SuccessfulCreate", "replicaset/c"),
        event(5, "SuccessfulDelete", "replicaset/c"),
        event(5, "SuccessfulDelete", "replicaset/d"),
        event(7, "SuccessfulDelete", "replicaset/d"),
      ],
      output: [{ time: 6, command: "get rs", text: "x", line: 4, afterEvents: 5 }],
    };
    expect(formatTimeline(alike)).toEqual([
      "   5s  Normal   SuccessfulCreate  replicaset/a  m replicaset/a",
      "   5s  Normal   SuccessfulCreate  prod/replicaset/b  m replicaset/b",
      "   5s  Normal   SuccessfulCreate  replicaset/c  m replicaset/c",
      "   5s  Normal   SuccessfulDelete  replicaset/c  m replicaset/c",
      "   5s  Normal   SuccessfulDelete  replicaset/d  m replicaset/d",
      "   6s  $ get rs",
      "       x",
      "   7s  Normal   SuccessfulDelete  replicaset/d  m replicaset/d",
    ]);
  });

  it("shows pod events when asked", () => {
    expect(formatTimeline(result, undefined, { podEvents: true })).toContain(
      "   0s  Normal   Scheduled                pod/web-abc-x  Successfully assigned default/web-abc-x to node-1",
    );
  });

  it("lists expectations with their lines, failures with the actual values, and a summary", () => {
    const text = formatReport(result);
    expect(text.startsWith("q.scn — Quick start\n")).toBe(true);
    expect(text).toContain(
      "Expectations\n  ✓ line 3  expect ready 1 within 10s\n  ✗ line 5  expect replicas 3 within 30s\n      deployment/web replicas was 1 from 0s; wanted 3 within 30s of 1m\n",
    );
    expect(text.trimEnd().split("\n").at(-1)).toBe(
      "FAIL  2 expectations: 1 passed, 1 failed · simulated 2m30s",
    );
  });

  it("counts failed commands in the summary", () => {
    const r = {
      ...result,
      failures: [
        {
          line: 4,
          time: 5,
          command: "kubectl scale deployment nothere --replicas=2",
          message: 'Error from server (NotFound): deployments.apps "nothere" not found',
        },
      ],
    };
    expect(summary(r)).toBe("FAIL  2 expectations: 1 passed, 1 failed · 1 command failed · simulated 2m30s");
    expect(formatReport(r)).toContain(
      'Failed commands\n  ✗ line 4 at 5s  kubectl scale deployment nothere --replicas=2\n      Error from server (NotFound): deployments.apps "nothere" not found\n',
    );
  });

  it("says DONE, not PASS, when there was nothing to check", () => {
    const r: ScenarioResult = { ...result, passed: true, status: "passed", expectations: [] };
    expect(summary(r)).toBe("DONE  no expectations to check · simulated 2m30s");
  });

  it("colours only through the injected colorizer", () => {
    const tag = (name: string) => (s: string) => `<${name}>${s}</${name}>`;
    const c = {
      green: tag("g"),
      red: tag("r"),
      yellow: tag("y"),
      dim: tag("d"),
      bold: tag("b"),
      cyan: tag("c"),
    };
    const text = formatReport(result, c);
    expect(text).toContain("<g>✓</g> line 3");
    expect(text).toContain("<r>✗</r> line 5");
    expect(formatReport(result).includes("\u001b[")).toBe(false);
  });
});

describe("the core stays portable (architecture.md: no Node-only API outside the adapters)", () => {
  const dir = "src/scenario";
  const adapters = new Set(["node.ts", "nodeHost.ts", "nodeRead.ts"]);
  for (const f of readdirSync(dir).filter((x) => x.endsWith(".ts") && !adapters.has(x))) {
    it(f, () => {
      const text = readFileSync(`${dir}/${f}`, "utf8");
      expect(text).not.toMatch(/from "node:|\bprocess\.|\bBuffer\b|Date\.now\(|Math\.random\(/);
    });
  }
});

describe("repeated warnings in the timeline", () => {
  // client-go's EventCorrelator (events_cache.go) counts an identical event instead of
  // recording it again; kubectl describe prints it once, "(x4 over 45s)" (describe.go).
  const warning = (time: number, message = "no metrics"): ScenarioResult["events"][number] => ({
    time,
    type: "Warning",
    reason: "FailedGetResourceMetric",
    object: "horizontalpodautoscaler/web",
    message,
  });
  const repeated: ScenarioResult = {
    ...result,
    events: [warning(15), warning(30), warning(30, "other"), warning(45), warning(60), warning(60 + 3601)],
    output: [],
  };

  it("fold into the first, with the count and the span, as kubectl describe prints them", () => {
    expect(formatTimeline(repeated)).toEqual([
      "     15s  Warning  FailedGetResourceMetric  horizontalpodautoscaler/web  no metrics (x4 over 45s)",
      "     30s  Warning  FailedGetResourceMetric  horizontalpodautoscaler/web  other",
      "  1h1m1s  Warning  FailedGetResourceMetric  horizontalpodautoscaler/web  no metrics",
    ]);
  });

  it("print one line each with aggregate false (replicast run --no-aggregate)", () => {
    expect(formatTimeline(repeated, undefined, { aggregate: false })).toHaveLength(6);
  });
});

describe("the report in pieces (replicast run writes it so, not as one string)", () => {
  // A long run: enough lines that the report leaves in more than one piece.
  const long: ScenarioResult = {
    ...result,
    events: Array.from({ length: 3000 }, (_, i) => ({
      time: i * 7,
      type: i % 5 === 0 ? "Warning" : "Normal",
      reason: i % 5 === 0 ? "FailedGetResourceMetric" : "SuccessfulCreate",
      object: i % 3 === 0 ? `pod/web-${i}` : "replicaset/web-abc",
      message: `Created pod: web-abc-${i}`,
    })),
    output: [
      ...result.output,
      { time: 20000, command: "get pods", text: "NAME  READY\nweb   1/1", line: 9, afterEvents: 2900 },
    ],
  };

  it("joins to formatReport's text, piece by piece, each ending at a line's end", () => {
    const pieces: string[] = [];
    writeReport(long, (p) => pieces.push(p));
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces) expect(p.endsWith("\n")).toBe(true);
    const text = pieces.join("");
    expect(
      text.startsWith(`q.scn — Quick start\n\n${formatTimeline(long).join("\n")}\n\nExpectations\n`),
    ).toBe(true);
    expect(text.endsWith(`\n${summary(long)}\n`)).toBe(true);
    expect(text).toBe(formatReport(long));
    expect(formatReport(long).split("\n")).toContain("  5h33m20s  $ get pods");
  });

  it("writes an unusable scenario's two lines in one piece", () => {
    const pieces: string[] = [];
    writeReport({ ...result, status: "error" }, (p) => pieces.push(p));
    expect(pieces).toEqual(["q.scn — Quick start\nthe scenario could not be run (see the errors above)\n"]);
  });
});
