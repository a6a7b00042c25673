/**
 * A new user's repositories and traffic, third pass (test/fixtures/repos/: a live cluster's
 * objects saved with `kubectl get -o yaml` and restored, and load-test and monitoring exports
 * from JMeter, Gatling, nginx, Datadog and Google Cloud Monitoring; written for these tests,
 * shaped like public ones), run as the README tells a user to, and what trying them found.
 */
import { describe, expect, it } from "vitest";
import { checkScenario } from "../../src/scenario/index.ts";
import { memoryHost } from "../../src/scenario/host.ts";
import { nodeHost } from "../../src/scenario/nodeHost.ts";
import { readTraffic, type TrafficOptions } from "../../src/traffic/index.ts";
import { printedAt, runFixture } from "./fixtureRun.ts";

const fixtureText = (path: string) => nodeHost().readFile(`test/fixtures/repos/${path}`)!;

/** A perf-exports file read as request traffic (with options), its format, signal and problems. */
const read = (file: string, opts: Partial<TrafficOptions> = {}) => {
  const r = readTraffic(fixtureText(`perf-exports/${file}`), { unit: "requests", ...opts });
  return { ...r, said: r.problems.map((p) => [p.severity, p.message.code, p.message.message]) };
};

/** What `check` says about one `load` line against files in memory. */
const checkLoad = (line: string, files: Record<string, string>) =>
  checkScenario(
    { text: `kubectl create deployment web --image=nginx\n${line}\n`, file: "t.scn" },
    { host: memoryHost({ "t.scn": "", ...files }) },
  ).diagnostics.map((d) => [d.code, d.span.line, d.span.col, d.message]);

const CONFLICT =
  "the object has been modified; please apply your changes to the latest version and try again";

describe("a backup taken with `kubectl get -o yaml`, restored and applied again", () => {
  it("creates every item of the List in a new cluster; applied again, the file's resourceVersions are stale", async () => {
    const r = await runFixture("test/fixtures/repos/cluster-export/restore.scn");
    expect(r.diagnostics).toEqual([]);
    expect(r.expectations.map((e) => [e.line, e.passed])).toEqual([[12, true]]);
    // resource.Helper.Create clears a manifest's resourceVersion before the POST (modify=true),
    // so the first apply creates each object at this cluster's versions.
    expect(printedAt(r, 0)).toBe(
      [
        "deployment.apps/web created",
        "service/web created",
        "horizontalpodautoscaler.autoscaling/web created",
      ].join("\n"),
    );
    // Found here: the second apply printed `configured` and replace `replaced`. The patch kubectl
    // computes carries the file's resourceVersion (it differs from the live one), and the
    // registry's Update refuses a stale one (OptimisticLockErrorMsg); Patcher.Patch retries the
    // Conflict with the same manifest and gets it again.
    const failed = r.failures.map((f) => [f.line, f.message.split("\n").length]);
    expect(failed).toEqual([
      [8, 18],
      [9, 3],
      [10, 3],
    ]);
    const apply = r.failures[0].message.split("\n");
    expect(apply.slice(6, 12)).toEqual([
      "Error from server (Conflict): error when applying patch:",
      '{"metadata":{"creationTimestamp":"2024-05-02T09:14:27Z","resourceVersion":"1811","uid":"0b6a3a1e-55a4-4a57-8e0d-2f9b1f0c7d11"}}',
      "to:",
      'Resource: "/v1, Resource=services", GroupVersionKind: "/v1, Kind=Service"',
      'Name: "web", Namespace: "default"',
      `for: "backup.yaml": Operation cannot be fulfilled on services "web": ${CONFLICT}`,
    ]);
    // replace.go: Helper.Replace sends the manifest's own resourceVersion as the precondition.
    expect(r.failures[1].message.split("\n")[0]).toBe(
      `Error from server (Conflict): error when replacing "backup.yaml": Operation cannot be fulfilled on deployments.apps "web": ${CONFLICT}`,
    );
    expect(r.failures[2].message.split("\n")[0]).toBe(
      'Error from server (AlreadyExists): error when creating "backup.yaml": deployments.apps "web" already exists',
    );
    // Nothing was written by the refused lines: the Deployment is still at generation 1.
    expect(printedAt(r, 60)?.split("\n").slice(0, 2)).toEqual([
      "NAME                  READY   UP-TO-DATE   AVAILABLE   AGE",
      "deployment.apps/web   3/3     3            3           60s",
    ]);
  });
});

describe("Kubernetes Basics as a learner types it: go-template, a NodePort, v2, v10 and the undo", () => {
  it("prints the tutorial's go-template lines as kubectl does", async () => {
    // Found here: `output format "go-template" is not supported`, then `unknown flag: --template`.
    const r = await runFixture("test/fixtures/repos/bootcamp/bootcamp.scn");
    expect(r.diagnostics).toEqual([]);
    expect(r.failures).toEqual([]);
    expect(r.expectations.map((e) => [e.line, e.passed])).toEqual([[20, true]]);
    expect(printedAt(r, 30)).toBe("kubernetes-bootcamp-6db986b4d4-fc6k6");
    expect(printedAt(r, 32)).toBe("31402");
    expect(printedAt(r, 240)).toBe(
      [
        "kubernetes-bootcamp-69f97b5749-7n8rw running",
        "kubernetes-bootcamp-69f97b5749-f8wcv running",
        "kubernetes-bootcamp-69f97b5749-fklkv running",
        "kubernetes-bootcamp-7b59cf66d-lpkxj ImagePullBackOff",
        "kubernetes-bootcamp-7b59cf66d-t5h7p ImagePullBackOff",
      ].join("\n"),
    );
    expect(printedAt(r, 300)).toBe("docker.io/jocatalin/kubernetes-bootcamp:v2");
  });

  it("go-template is get's printer: other commands still say they do not print it", () => {
    const d = checkScenario(
      {
        text: "at 0s kubectl create deployment web --image=nginx -o go-template='{{.metadata.name}}'\n",
        file: "t.scn",
      },
      { host: memoryHost({ "t.scn": "" }) },
    ).diagnostics;
    expect(d.map((x) => x.message)).toEqual([
      'output format "go-template={{.metadata.name}}" of kubectl create is not supported by the Replicast simulator',
    ]);
  });
});

describe("load tests and production traffic from the tools' own files", () => {
  it("counts JMeter's samples per second, a Transaction Controller's own row left out", () => {
    // Found here: 210 rows of `time goes backwards` (threads write out of order) and the
    // `elapsed` column replayed as a rate, with a warning.
    const all = read("results.jtl");
    expect(all.format).toBe("jmeter");
    expect(all.said).toEqual([]);
    // 4 samples a second, one more every 5 s; the rows `Number of samples in transaction : 3, …`
    // (quoted, a comma inside) would have added 1 every 4th second.
    expect(all.signal).toEqual({ t: [0, 5, 10, 15, 20, 25, 30, 35, 40], v: [4, 5, 6, 7, 8, 9, 10, 11, 0] });
    const checkout = read("results.jtl", { series: [{ name: "label", value: "POST /api/checkout" }] });
    expect(checkout.signal).toEqual({ t: [0, 10, 25, 40], v: [1, 2, 3, 0] });
    expect(read("results.jtl", { series: [{ name: "lable", value: "x" }] }).said).toEqual([
      ["error", "RC4112", '`series` names the column "lable", and the file\'s header has none'],
    ]);
    const none = read("results.jtl", { series: [{ name: "label", value: "GET /x" }] }).problems[0];
    expect([none.message.message, none.message.hint]).toEqual([
      'no request in the file has label="GET /x"',
      'the file\'s label values: "GET /api/products", "POST /api/checkout", "GET /api/cart"',
    ]);
    expect(read("results.jtl", { unit: "cpu" }).said).toEqual([
      [
        "error",
        "RC4111",
        "the file is JMeter's results (a JTL), a line per request; it cannot be read as a CPU amount",
      ],
    ]);
  });

  it("counts Gatling's REQUEST records in the second they started", () => {
    // Found here: `cannot read \`REQUEST\` as a time`, ten times, then 202 more.
    const gatling = read("simulation.log");
    expect(gatling.format).toBe("gatling");
    expect(gatling.said).toEqual([]);
    expect(gatling.signal).toEqual({
      t: [0, 3, 6, 9, 12, 15, 18, 21, 24, 27, 30],
      v: [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0],
    });
    // Gatling 3.0–3.3 wrote the user's id before the groups: the start is found from the status.
    const old = readTraffic(
      "RUN\tshop.Sim\tsim\t1717599600000\t \t3.3.1\nREQUEST\t7\t\tGET /\t1717599600100\t1717599600200\tOK\t \n",
      { unit: "requests" },
    );
    expect(old.signal).toEqual({ t: [0, 1], v: [1, 0] });
  });

  it("counts ingress-nginx's access log as kubectl logs prints it, the controller's own lines left out", () => {
    // Found here: `expected a time and a value separated by a comma, a tab or a semicolon`.
    const log = read("ingress-nginx.log");
    expect(log.format).toBe("accessLog");
    expect(log.signal).toEqual({ t: [0, 15, 30, 45], v: [3, 9, 5, 0] });
    expect(log.said).toEqual([
      ["warning", "RC4115", "11 lines are not access-log lines and left out (the first: line 1)"],
    ]);
    // Apache's common log format, a zone west of UTC, and `kubectl logs --timestamps`' prefix.
    const apache = readTraffic(
      [
        '2024-06-05T19:00:00.000000001Z 192.0.2.1 - frank [05/Jun/2024:12:00:00 -0700] "GET / HTTP/1.0" 200 2326',
        '2024-06-05T19:00:02.000000001Z 192.0.2.1 - - [05/Jun/2024:12:00:02 -0700] "GET /a HTTP/1.0" 404 -',
        "",
      ].join("\n"),
      { unit: "requests" },
    );
    expect(apache).toMatchObject({
      format: "accessLog",
      problems: [],
      signal: { t: [0, 1, 2, 3], v: [1, 0, 1, 0] },
    });
  });

  it("reads a Datadog query grouped by pod: .as_count() over its interval, null a gap, `series` by tag", () => {
    // Found here: `expected a Prometheus range-query answer (resultType: matrix), found no resultType`.
    const first = read("datadog-query.json");
    expect(first.format).toBe("datadog");
    expect(first.said).toEqual([
      [
        "warning",
        "RC6016",
        'the answer holds 2 series; replaying the first, {pod_name="shop-web-7c9d5b8f4-2xkqp"}',
      ],
    ]);
    // 3000 hits a minute → 50/s; the null at 2m holds 60.
    expect(first.signal).toEqual({ t: [0, 60, 180, 240, 300, 360, 420], v: [50, 60, 80, 90, 100, 70, 50] });
    expect(read("datadog-query.json", { sum: true }).signal?.v).toEqual([
      100, 110, 120, 150, 180, 210, 150, 100,
    ]);
    const pod = read("datadog-query.json", {
      series: [{ name: "pod_name", value: "shop-web-7c9d5b8f4-9hzvt" }],
    });
    expect(pod.signal?.v).toEqual([50, 50, 60, 70, 90, 110, 80, 50]);
    // The v2 timeseries answer: times, and a values list per series.
    const v2 = readTraffic(
      JSON.stringify({
        data: {
          type: "timeseries_response",
          attributes: {
            series: [{ group_tags: [], query_index: 0 }],
            times: [1717603200000, 1717603260000],
            values: [[12.5, 20]],
          },
        },
      }),
      { unit: "requests" },
    );
    expect(v2).toMatchObject({ format: "datadog", problems: [], signal: { t: [0, 60], v: [12.5, 20] } });
    expect(
      readTraffic(
        JSON.stringify({ status: "error", res_type: "time_series", series: [], error: "Rate limit" }),
        {
          unit: "requests",
        },
      ).problems.map((p) => [p.message.code, p.message.message]),
    ).toEqual([["RC4119", "the file is a Datadog error answer: Rate limit"]]);
  });

  it("reads Cloud Monitoring's time series newest first, a DELTA count over its interval", () => {
    const first = read("cloud-monitoring.json");
    expect(first.format).toBe("cloudMonitoring");
    // 5400 requests in the minute to 17:01 → 90/s.
    expect(first.signal).toEqual({
      t: [0, 60, 120, 180, 240, 300, 360, 420],
      v: [90, 100, 120, 150, 160, 130, 100, 90],
    });
    expect(first.said).toEqual([
      ["warning", "RC6016", 'the answer holds 2 series; replaying the first, {response_code="200"}'],
    ]);
    expect(read("cloud-monitoring.json", { sum: true }).signal?.v).toEqual([
      90, 100, 121, 152, 164, 131, 100, 90,
    ]);
    expect(
      read("cloud-monitoring.json", { series: [{ name: "response_code", value: "502" }] }).signal?.v,
    ).toEqual([0, 0, 1, 2, 4, 1, 0, 0]);
    const point = { interval: { startTime: "2024-06-05T17:00:00Z", endTime: "2024-06-05T17:01:00Z" } };
    const cumulative = readTraffic(
      JSON.stringify([{ metricKind: "CUMULATIVE", points: [{ ...point, value: { int64Value: "10" } }] }]),
      { unit: "requests" },
    );
    expect(cumulative.problems.map((p) => [p.message.code, p.message.message])).toEqual([
      ["RC4118", "a CUMULATIVE (running total) value cannot be replayed"],
    ]);
    const distribution = readTraffic(
      JSON.stringify([
        { metricKind: "GAUGE", points: [{ ...point, value: { distributionValue: { count: "3" } } }] },
      ]),
      { unit: "metric" },
    );
    expect(distribution.problems.map((p) => p.message.message)).toEqual([
      "a distribution value cannot be replayed",
    ]);
  });

  it("refuses what holds no series over time, saying what to export instead", () => {
    // Found here: an exposition was `expected a time and a value separated by …` at its first
    // sample (its labels hold commas); JMeter's XML, the same at `<?xml …`.
    expect(read("metrics.txt").said).toEqual([
      [
        "error",
        "RC4117",
        "the file is a Prometheus exposition (one scrape of /metrics: each counter at one instant), not samples over time",
      ],
    ]);
    expect(read("results.xml").said).toEqual([
      ["error", "RC4114", "the file is XML: JMeter's XML results (<testResults>) are not read"],
    ]);
    // Gatling 3.12's binary simulation.log: at the statement, as a binary file has no line to show.
    expect(
      checkLoad('at 1m load requests file "simulation.log"', {
        "simulation.log": "\u0002\u0000\u0000\u0001RUN",
      }),
    ).toEqual([["RC4116", 2, 21, "the file is not text (it holds NUL bytes)"]]);
  });

  it("an option that picks from another export says what the file is, at the option", () => {
    const log = '192.0.2.1 - - [05/Jun/2024:12:00:00 +0000] "GET / HTTP/1.1" 200 2\n';
    expect(checkLoad('at 1m load requests file "access.log" sum', { "access.log": log })).toEqual([
      ["RC4107", 2, 39, "`sum` adds up series or columns, and this file is an access log"],
    ]);
    expect(checkLoad('at 1m load cpu file "access.log"', { "access.log": log })).toEqual([
      ["RC4111", 1, 1, "the file is an access log, a line per request; it cannot be read as a CPU amount"],
    ]);
    expect(
      checkLoad('at 1m load requests file "q.json" column "Average"', {
        "q.json": JSON.stringify({ status: "ok", res_type: "time_series", series: [] }),
      }),
    ).toEqual([["RC4107", 2, 35, "`column` picks a column, and this file is a Datadog query answer"]]);
  });

  it("replays each export under an HPA", async () => {
    const r = await runFixture("test/fixtures/repos/perf-exports/perf.scn");
    expect(r.diagnostics.map((d) => [d.code, d.severity])).toEqual([["RC4115", "warning"]]);
    expect(r.failures).toEqual([]);
    expect(r.expectations.map((e) => [e.line, e.passed])).toEqual([[13, true]]);
    expect(
      r.events.filter((e) => e.reason === "SuccessfulRescale").map((e) => [e.time, e.message.slice(0, 12)]),
    ).toEqual([
      [75, "New size: 4;"],
      [90, "New size: 7;"],
      [210, "New size: 10"],
    ]);
  });
});
