/**
 * The matchers of replicast/vitest over a real run: each builds the expectation a scenario
 * line would and checks it with src/scenario/expectations.ts, so pass/fail and the wording of
 * failures are the scenario language's.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { runScenario } from "../../src/scenario/index.ts";
import type { ScenarioResult } from "../../src/scenario/result.ts";
import { matchers, resolveTarget, seconds, timingOf } from "../../src/testing/matchers.ts";
import { replicastMatchers } from "../../src/testing/vitest.ts";

expect.extend(replicastMatchers);

const SCENARIO = `
manifest web = <<YAML
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
      - name: web
        image: web:1
        resources:
          requests: { cpu: 100m }
          limits: { cpu: 100m }
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }
  minReplicas: 1
  maxReplicas: 10
  metrics:
  - type: Resource
    resource:
      name: cpu
      target: { type: Utilization, averageUtilization: 50 }
YAML
at 0s apply web
at 1m load cpu 300%
at 4m load off
at 12m kubectl set image deployment/web web=web:2
run for 3m
`;

let r: ScenarioResult;
beforeAll(async () => {
  r = await runScenario({ text: SCENARIO, file: "m.scn" });
  expect(r.status).not.toBe("error");
});

describe("times and targets", () => {
  it.each([
    [45, 45],
    ["30s", 30],
    ["1m30s", 90],
    ["2h", 7200],
  ] as const)("seconds(%j) = %d", (t, s) => expect(seconds(t)).toBe(s));

  it.each(["soon", "10", -1])("seconds(%j) is refused", (t) => expect(() => seconds(t)).toThrow(TypeError));

  it.each([
    [{}, 900, { t: 900, timing: { kind: "within", d: 0 } }],
    [{ at: "2m" }, 900, { t: 120, timing: { kind: "at", t: 120 } }],
    [{ within: "30s", from: "1m" }, 900, { t: 60, timing: { kind: "within", d: 30 } }],
    [{ for: "1m" }, 900, { t: 0, timing: { kind: "for", d: 60 } }],
    [{ from: "1m", to: "3m" }, 900, { t: 60, timing: { kind: "fromTo", from: 60, to: 180 } }],
    [{ from: "2m" }, 900, { t: 120, timing: { kind: "always" } }],
  ] as const)("timingOf(%j)", (when, end, want) => expect(timingOf(when, end)).toEqual(want));

  it("to before from is an error", () =>
    expect(() => timingOf({ from: "3m", to: "1m" }, 900)).toThrow(/before/));

  it("targets: kind/name, bare names, the only object, ambiguity", () => {
    const trace = r.trace!;
    expect(resolveTarget(trace, "hpa/web")).toEqual({ kind: "HorizontalPodAutoscaler", name: "web" });
    expect(resolveTarget(trace, "deploy/web")).toEqual({ kind: "Deployment", name: "web" });
    expect(resolveTarget(trace, "web")).toEqual({ kind: "Deployment", name: "web" });
    expect(resolveTarget(trace, undefined)).toEqual({ kind: "Deployment", name: "web" });
    expect(resolveTarget(trace, "svc/web")).toEqual({ error: expect.stringContaining("unknown kind") });
    const two = { ...trace, series: { ...trace.series, Deployment: { a: [], b: [] } } };
    expect(resolveTarget(two, undefined)).toEqual({ error: expect.stringContaining("2 Deployments (a, b)") });
  });
});

describe("matchers: pass and fail, with the scenario language's messages", () => {
  const cases: {
    name: string;
    run: () => ReturnType<typeof matchers.toPass>;
    pass: boolean;
    message: RegExp;
  }[] = [
    {
      name: "toHaveReplicas within a window",
      run: () => matchers.toHaveReplicas(r, 6, { within: "2m", from: "1m" }),
      pass: true,
      message: /^deployment\/web replicas was 6 at 2m15s$/,
    },
    {
      name: "toHaveReplicas too early",
      run: () => matchers.toHaveReplicas(r, 6, { within: "15s", from: "1m" }),
      pass: false,
      message: /^deployment\/web replicas was 1 from 0s, 2 from 1m15s; wanted 6 within 15s of 1m$/,
    },
    {
      name: "toHaveReplicas at the end of the run by default",
      run: () => matchers.toHaveReplicas(r, 1),
      pass: true,
      message: /replicas was 1 at 15m/,
    },
    {
      name: "toHaveReplicas at an instant",
      run: () => matchers.toHaveReplicas(r, 3, { at: "2m" }),
      pass: false,
      message: /^deployment\/web replicas was 4 from 1m45s; wanted 3 at 2m$/,
    },
    {
      name: "toHaveEvent anywhere",
      run: () => matchers.toHaveEvent(r, "New size: 4; reason: cpu resource utilization"),
      pass: true,
      message: /^1m45s SuccessfulRescale horizontalpodautoscaler\/web: New size: 4/,
    },
    {
      name: "toHaveEvent in a window it missed",
      run: () => matchers.toHaveEvent(r, "New size: 4;", { within: "10s" }),
      pass: false,
      message:
        /^no event with "New size: 4;" from 0s to 10s; it was emitted at 1m45s; wanted one within 10s of 0s$/,
    },
    // web:2 is new to the node: its first pod starts after pod.startup (2 s) and the image pull (1 s).
    {
      name: "toCompleteRollout within its duration",
      run: () => matchers.toCompleteRollout(r, { within: "1m" }),
      pass: true,
      message: /^deployment\/web the rollout that started at 12m took 3s$/,
    },
    {
      name: "toCompleteRollout faster than it did",
      run: () => matchers.toCompleteRollout(r, { within: "1s" }),
      pass: false,
      message: /took 3s; wanted <= 1s$/,
    },
    {
      name: "toStayBetween the HPA's bounds",
      run: () => matchers.toStayBetween(r, 1, 10),
      pass: true,
      message: /between 1 and 10$/,
    },
    {
      name: "toStayBetween a tighter band",
      run: () => matchers.toStayBetween(r, 1, 4, { from: "1m", to: "3m" }),
      pass: false,
      message: /replicas was 1 from 0s, 2 from 1m15s, 4 from 1m45s, 6 from 2m15s; wanted <= 4 from 1m to 3m$/,
    },
    {
      name: "toHaveNoUnservedLoad after the scale-out",
      run: () => matchers.toHaveNoUnservedLoad(r, { from: "2m" }),
      pass: true,
      message: /unserved was 0m/,
    },
    {
      name: "toHaveNoUnservedLoad from the first load (one pod cannot carry 300%; new pods serve once Ready)",
      run: () => matchers.toHaveNoUnservedLoad(r),
      pass: false,
      message:
        /^deployment\/web unserved was 200m from 1m, 100m from 1m18s, 0m from 1m47s; wanted 0m always from 1m$/,
    },
    {
      name: "toScaleAtMost: a generous budget",
      run: () => matchers.toScaleAtMost(r, 4, { per: "10m" }),
      pass: true,
      message: /^deployment\/web scale events per 10m reached 4 \(from 1m15s\) from 0s to 15m$/,
    },
    {
      name: "toScaleAtMost: a tight budget",
      run: () => matchers.toScaleAtMost(r, 1, { per: "1m" }),
      pass: false,
      message: /scale events per 1m reached 2 \(from 1m15s\) from 0s to 15m; wanted <= 1$/,
    },
    {
      name: "toCostAtMost",
      run: () => matchers.toCostAtMost(r, 12, { from: "2m", to: "4m" }),
      pass: true,
      message: /^deployment\/web pod-minutes were 11.5 from 2m to 4m$/,
    },
    {
      name: "toCostAtMost, over budget",
      run: () => matchers.toCostAtMost(r, 11, { from: "2m", to: "4m" }),
      pass: false,
      message: /pod-minutes were 11.5 from 2m to 4m; wanted <= 11$/,
    },
    {
      name: "a result that did not run",
      run: () =>
        matchers.toHaveReplicas(
          { ...r, status: "error", trace: undefined, diagnostics: [] } as ScenarioResult,
          1,
        ),
      pass: false,
      message: /the scenario m\.scn did not run/,
    },
    {
      name: "not a result at all",
      run: () => matchers.toHaveReplicas(42, 1),
      pass: false,
      message: /expected a scenario result/,
    },
  ];
  it.each(cases)("$name", ({ run, pass, message }) => {
    const got = run();
    expect(got.message).toMatch(message);
    expect(got.pass).toBe(pass);
  });
});

describe("through expect.extend", () => {
  it("passing matchers pass and .not inverts them", () => {
    expect(r).toHaveReplicas(6, { within: "2m", from: "1m" });
    expect(r).not.toHaveReplicas(6, { at: "1m" });
    expect(r).toHaveEvent("New size: 6;");
    expect(r).toCompleteRollout({ within: "2m" });
    expect(r).toStayBetween(1, 10);
    expect(r).toHaveNoUnservedLoad({ from: "2m" });
    expect(r).toScaleAtMost(4, { per: "10m", target: "hpa/web" });
  });

  it("a failing matcher throws with the values the run had", () => {
    expect(() => expect(r).toHaveReplicas(3, { within: "15s", from: "1m" })).toThrow(
      "toHaveReplicas: deployment/web replicas was 1 from 0s, 2 from 1m15s; wanted 3 within 15s of 1m",
    );
    expect(() => expect(r).not.toHaveReplicas(1)).toThrow(
      "expected toHaveReplicas not to hold, but deployment/web replicas was 1 at 15m",
    );
  });

  it("toPass lists failing expectations by file:line", async () => {
    const failing = await runScenario({
      text: `${SCENARIO.replace("run for 3m", "expect replicas 9 within 10s")}`,
      file: "f.scn",
    });
    expect(() => expect(failing).toPass()).toThrow(
      /^toPass: f\.scn:39: expect replicas 9 within 10s\n {2}deployment\/web replicas was 1 from 9m15s; wanted 9 within 10s of 12m$/,
    );
  });
});

describe("the request matchers (docs/latency.md)", () => {
  // One pod with 100m at 1m per request serves 100 requests/s; 150/s from 1m is over
  // capacity until the HPA's new pods are Ready.
  const TRAFFIC = SCENARIO.replace("at 1m load cpu 300%", "at 1m load requests 150/s").replace(
    "at 4m load off",
    "at 4m load requests 50/s",
  );
  let t: ScenarioResult;
  beforeAll(async () => {
    t = await runScenario({ text: TRAFFIC, file: "t.scn" });
  });

  it("toDropNoRequests from the first request traffic: the overload shows, with its times", () => {
    const got = matchers.toDropNoRequests(t);
    expect(got.pass).toBe(false);
    expect(got.message).toMatch(
      /^deployment\/web dropped was 50\/s from 1m, 0\/s from 1m\d+s; wanted 0 always from 1m$/,
    );
    expect(matchers.toDropNoRequests(t, { from: "3m" }).pass).toBe(true);
  });

  it("toKeepLatencyUnder: p95 by default, any percentile or the mean on request", () => {
    expect(matchers.toKeepLatencyUnder(t, "200ms", { from: "3m" }).pass).toBe(true);
    expect(matchers.toKeepLatencyUnder(t, "200ms").message).toMatch(/latency p95 was 1m from 1m/);
    expect(matchers.toKeepLatencyUnder(t, "1ms", { from: "5m", percentile: "mean" }).message).toMatch(
      /latency mean was \d/,
    );
    expect(t).toKeepLatencyUnder("100ms", { from: "5m", percentile: 99 });
    expect(t).not.toDropNoRequests();
  });
});

describe("the nodes matchers (expect nodes / expect pending)", () => {
  let r: ScenarioResult;
  beforeAll(async () => {
    r = await runScenario({
      text: `nodes 1 with cpu 1 memory 2Gi
manifest web = <<YAML
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 3
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
      - { name: web, image: web:1, resources: { requests: { cpu: 400m } } }
YAML
at 0s apply web
at 1m nodes 1 with cpu 1 memory 2Gi named late
run for 1m
`,
      file: "nodes.scn",
    });
  });

  it("toHaveReadyNodes: the cluster's and a pool's Ready nodes, with the checker's wording", () => {
    expect(r).toHaveReadyNodes(1, { at: "30s" });
    expect(r).toHaveReadyNodes(2);
    expect(r).toHaveReadyNodes(1, { pool: "late" });
    const miss = matchers.toHaveReadyNodes(r, 2, { at: "30s" });
    expect(miss.pass).toBe(false);
    expect(miss.message).toContain("Ready nodes was 1 from 0s");
  });

  it("toHaveNoPendingPods: one pod waits until the second node joins", () => {
    expect(r).toHaveNoPendingPods();
    expect(r).toHaveNoPendingPods({ target: "deployment/web", from: "1m" });
    expect(matchers.toHaveNoPendingPods(r, { at: "30s" }).pass).toBe(false);
  });
});
