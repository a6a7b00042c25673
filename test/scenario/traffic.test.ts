// Traffic from real data end to end: a scenario replays a monitoring export beside it, read
// through the same host as manifests, and the expectations on latency and drops read the
// serving model (language.md "Traffic from real data…" and "Latency").
import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../src/dsl/codeFrame.ts";
import { checkScenario, memoryHost, runScenario } from "../../src/scenario/index.ts";
import { problems } from "../dsl/helpers.ts";

/** A Deployment of `replicas` pods requesting 500m each, and a Service. */
const deployment = (replicas: number, extra = ""): string => `
apply <<YAML
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.25
          resources:
            requests:
              cpu: 500m
${extra}YAML
`;

/** A day shaped like a load balancer's export: per-minute RFC 3339 samples. */
const csv = [
  "timestamp,requests_per_second",
  "2024-03-04T09:00:00Z,100",
  "2024-03-04T09:01:00Z,400",
  "2024-03-04T09:02:00Z,400",
  "2024-03-04T09:03:00Z,1200",
  "2024-03-04T09:04:00Z,100",
].join("\n");

const run = (text: string, files: Record<string, string> = {}) =>
  runScenario({ text, file: "s/traffic.scn" }, { host: memoryHost(files) });

describe("replaying a traffic file", () => {
  it("replays each sample at its time after the statement, one load change per sample", async () => {
    const text = `${deployment(2)}at 1m load requests file "day.csv" cost 2m per request
expect dropped == 0 from 1m to 3m59s
expect dropped == 200 from 4m to 5m
expect latency p95 <= 60s always
run until 6m`;
    const r = await run(text, { "s/day.csv": csv });
    expect(r.diagnostics).toEqual([]);
    // 2 pods with 500m at 2m per request serve 500/s at most: 1200/s drops 700/s.
    const load = r.trace!.load.web.map((p) => [p.t, p.value.requests?.offered, p.value.requests?.dropped]);
    expect(load).toContainEqual([60, 100, 0]);
    expect(load).toContainEqual([120, 400, 0]);
    expect(load).toContainEqual([240, 1200, 700]);
    expect(load).toContainEqual([300, 100, 0]);
    expect(r.expectations.map((e) => e.passed)).toEqual([true, false, true]);
    expect(r.expectations[1].message).toContain("dropped was 700/s from 4m");
  });

  it("scales with `times` and reads the offset form too", async () => {
    const text = `${deployment(2)}at 0s load requests file "t.csv" times 2
expect dropped == 0 always
run until 3m`;
    const r = await run(text, { "s/t.csv": "0,10\n60,20\n" });
    const offered = r.trace!.load.web.map((p) => p.value.requests?.offered);
    expect(offered).toContain(20);
    expect(offered).toContain(40);
  });

  it("ends the run a minute after the last sample when nothing else says", async () => {
    const r = await run(`${deployment(1)}at 0s load requests file "day.csv"\nexpect dropped == 0 always`, {
      "s/day.csv": csv,
    });
    expect(r.duration).toBe(4 * 60 + 60);
  });

  it("replays CPU and a metric from files", async () => {
    const text = `${deployment(1)}at 0s load cpu file "cpu.csv"
at 0s load metric queue file "queue.csv"
expect unserved == 0 always
run until 3m`;
    const r = await run(text, { "s/cpu.csv": "0,0.25\n60,750m\n", "s/queue.csv": "0,3\n60,7\n" });
    expect(r.diagnostics).toEqual([]);
    const demand = r.trace!.load.web.map((p) => p.value.demandMilli);
    expect(demand).toContain(250);
    expect(demand).toContain(750);
  });
});

describe("what a bad file says", () => {
  const check = (text: string, files: Record<string, string>, allowOutside = false) =>
    checkScenario({ text, file: "s/traffic.scn" }, { host: memoryHost(files), allowOutside });

  it("points at the bad cell of the data file itself, with its line and a caret", () => {
    const data = "timestamp,rps\n2024-03-04 09:00:00,100\n2024-03-04 09:01:00,lots\n";
    const r = check(`${deployment(1)}at 0s load requests file "day.csv"`, { "s/day.csv": data });
    expect(r.ok).toBe(false);
    const d = r.diagnostics[0];
    expect(d).toMatchObject({ code: "RC6003", file: "s/day.csv", span: { line: 3, col: 21 } });
    expect(formatDiagnostic(d, data)).toBe(
      [
        "s/day.csv:3:21: error: cannot read `lots` as a number of requests per second",
        "  3 | 2024-03-04 09:01:00,lots",
        "    |                     ^^^^",
        "hint: write a number such as 120 or 87.5",
      ].join("\n"),
    );
  });

  it("refuses a file outside the scenario's folder unless allowed, as for manifests", () => {
    const text = `${deployment(1)}at 0s load requests file "../day.csv"`;
    const refused = check(text, { "day.csv": csv });
    expect(refused.diagnostics[0]).toMatchObject({ code: "RC4004", file: "s/traffic.scn" });
    expect(check(text, { "day.csv": csv }, true).ok).toBe(true);
    expect(check(`${deployment(1)}at 0s load requests file "nope.csv"`, {}).diagnostics[0].code).toBe(
      "RC4003",
    );
  });

  it("puts an option that picks nothing on the statement", () => {
    const text = `${deployment(1)}at 0s load requests file "day.csv" series job="api"`;
    const r = check(text, { "s/day.csv": csv });
    expect(r.diagnostics[0]).toMatchObject({ code: "RC6020", file: "s/traffic.scn" });
    expect(text.slice(r.diagnostics[0].span.offset).startsWith('series job="api"')).toBe(true);
  });

  it("warns when a Prometheus answer holds several series, and replays the first", () => {
    const answer = JSON.stringify({
      status: "success",
      data: {
        resultType: "matrix",
        result: [
          { metric: { pod: "a" }, values: [[1709510400, "1"]] },
          { metric: { pod: "b" }, values: [[1709510400, "2"]] },
        ],
      },
    });
    const r = check(`${deployment(1)}at 0s load requests file "rate.json"\nexpect dropped == 0`, {
      "s/rate.json": answer,
    });
    expect(r.ok).toBe(true);
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.file])).toEqual([
      ["RC6016", "warning", "s/rate.json"],
    ]);
  });
});

describe("the language's own checks", () => {
  it.each([
    ['load cpu file "c.csv" cost 2m per request', "1:23 RC3015 `cost` does not fit here"],
    ["load requests 100/s sum", "1:21 RC3015 `sum` does not fit here"],
    ['load requests file "t.csv" times 2 times 3', "1:36 RC3016 `times` is given twice"],
    ["load requests 100/s times 0", "1:27 RC3014 the factor after `times` must be greater than zero"],
    ["expect latency <= 200ms", "1:8 RC3017 say which latency to compare"],
    ["expect latency p100 <= 200ms", "1:16 RC3017 unknown latency statistic `p100`"],
    ["expect latency p95 <= 200", "1:23 RC3011 `latency p95` compares with a duration such as 200ms"],
    ["expect dropped <= 5m", "1:19 RC3011 `dropped` compares with requests per second"],
  ])("%s", (text, wanted) => {
    expect(problems(text)[0]).toContain(wanted);
  });
});

describe("a Pods metric that follows the traffic", () => {
  const withHpa = (load: string) => `${deployment(
    3,
    `---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: web
  minReplicas: 1
  maxReplicas: 20
  metrics:
    - type: Pods
      pods:
        metric:
          name: http_requests_per_second
        target:
          type: AverageValue
          averageValue: "100"
`,
  )}at 0s ${load}
expect replicas 8 from 20m to 30m
run until 30m`;

  // 800 in all at 100 per pod: 8 pods at ratio 1.0; 7 reads 1.14 and 9 reads 0.89, both
  // outside the 10% tolerance, so 8 is where the HPA rests (horizontal.go, tolerance).
  it.each([
    ["as a total spread over the Ready pods", "load metric http_requests_per_second total 800"],
    ["derived from the request traffic", "load requests 800/s"],
  ])("settles at 8 %s", async (_name, load) => {
    const r = await run(withHpa(load));
    expect(r.expectations[0].message).toBe("deployment/web replicas was 8 from 20m to 30m");
  });

  it("with one fixed value in every pod it runs to its maximum, as Kubernetes would", async () => {
    const r = await run(withHpa("load metric http_requests_per_second 266"));
    expect(r.expectations[0].passed).toBe(false);
    expect(r.expectations[0].message).toContain("replicas was 20");
  });
});

describe("latency and drops over a run", () => {
  it("say what users felt while the pods could not keep up", async () => {
    const text = `${deployment(1)}at 0s load requests steps 100/s 300/s 100/s every 1m cost 2m per request
expect latency p95 <= 100ms from 10s to 59s
expect latency p95 <= 100ms from 1m to 1m59s
expect dropped == 50 from 1m to 1m59s
expect dropped <= 20% from 1m to 1m59s
expect latency mean <= 100ms from 2m to 3m
run until 3m`;
    const r = await run(text);
    expect(r.expectations.map((e) => e.passed)).toEqual([true, false, true, true, true]);
    // One pod, 500m at 2m per request: 250/s at most; 300/s is over capacity and waits the timeout.
    expect(r.expectations[1].message).toContain("latency p95 was 1m from 1m");
  });

  it("say that there is no latency without request traffic", async () => {
    const r = await run(`${deployment(1)}at 0s load cpu 100m\nexpect latency p95 <= 1s always`);
    expect(r.expectations[0].message).toContain("is about request traffic, and deployment/web has none");
  });

  it("a latency expectation fails while no pod is Ready: no request is served", async () => {
    const r = await run(
      `${deployment(1)}at 0s load requests 10/s\nexpect latency p95 <= 1s always\nrun until 1m`,
    );
    expect(r.expectations[0].passed).toBe(false);
    expect(r.expectations[0].message).toContain("<none: no request served> from 0s");
  });
});
