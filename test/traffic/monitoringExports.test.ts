/**
 * Three more monitoring exports read as traffic: Azure Monitor's Metrics - List answer
 * (`az monitor metrics list --output json`, src/traffic/azureMonitor.ts), InfluxDB's annotated
 * CSV (a Flux query's answer, src/traffic/influx.ts), VictoriaMetrics' /api/v1/export JSON
 * lines (src/traffic/victoriaMetrics.ts), an Elasticsearch search answer's date_histogram
 * (src/traffic/elasticsearch.ts) and k6's --out json (src/traffic/k6Json.ts), each in the shape
 * its documentation gives.
 */
import { describe, expect, it } from "vitest";
import { readTraffic } from "../../src/traffic/index.ts";

const codes = (r: ReturnType<typeof readTraffic>) => r.problems.map((p) => [p.message.code, p.severity]);

/** The Metrics - List answer: `interval`, and a `value` list of metrics with their `timeseries`. */
const azure = (timeseries: object[], metric: object = {}, interval = "PT1M"): string =>
  JSON.stringify(
    {
      cost: 59,
      interval,
      namespace: "Microsoft.Web/sites",
      resourceregion: "westeurope",
      timespan: "2024-06-05T14:00:00Z/2024-06-05T14:03:00Z",
      value: [
        {
          errorCode: "Success",
          name: { localizedValue: "Requests", value: "Requests" },
          timeseries,
          type: "Microsoft.Insights/metrics",
          unit: "Count",
          ...metric,
        },
      ],
    },
    null,
    2,
  );
const instance = (name: string, data: object[]) => ({
  data,
  metadatavalues: [{ name: { localizedValue: "Instance", value: "Instance" }, value: name }],
});
const at = (minute: number, fields: object = {}) => ({
  timeStamp: `2024-06-05T14:0${minute}:00+00:00`,
  ...fields,
});

describe("Azure Monitor's az monitor metrics list answers", () => {
  it("replays a Count metric's Total per interval as requests per second; a point without data is a gap", () => {
    const text = azure([
      { data: [at(0, { total: 6000 }), at(1), at(2, { total: 3000 })], metadatavalues: [] },
    ]);
    const r = readTraffic(text, { unit: "requests" });
    expect(r.format).toBe("azureMonitor");
    expect(r.problems).toEqual([]);
    // PT1M: 6000 a minute is 100/s; the point with no total holds it (no data published).
    expect(r.signal).toEqual({ t: [0, 120], v: [100, 50] });
  });

  it("divides by the answer's interval (PT5M), and reads a CountPerSecond metric as it is", () => {
    const data = [at(0, { total: 30000 }), at(5, { total: 15000 })];
    expect(readTraffic(azure([{ data }], {}, "PT5M"), { unit: "requests" }).signal?.v).toEqual([100, 50]);
    const rate = azure([{ data: [at(0, { average: 12.5 })] }], { unit: "CountPerSecond" });
    expect(readTraffic(rate, { unit: "requests" }).signal).toEqual({ t: [0], v: [12.5] });
  });

  it("picks a time series by its dimension, or adds them up", () => {
    const text = azure([
      instance("web-0", [at(0, { total: 600 }), at(1, { total: 1200 })]),
      instance("web-1", [at(0, { total: 1200 }), at(1, { total: 1800 })]),
    ]);
    const one = readTraffic(text, { unit: "requests", series: [{ name: "Instance", value: "web-1" }] });
    expect(one.signal).toEqual({ t: [0, 60], v: [20, 30] });
    expect(readTraffic(text, { unit: "requests", sum: true }).signal).toEqual({ t: [0, 60], v: [30, 50] });
    const first = readTraffic(text, { unit: "requests" });
    expect(codes(first)).toEqual([["RC6016", "warning"]]);
    expect(first.problems[0].message.message).toBe(
      'the answer holds 2 series; replaying the first, {Instance="web-0"}',
    );
  });

  it("replays the first of several aggregations with a warning, or the one `column` names", () => {
    const text = azure([
      { data: [at(0, { average: 1.2, total: 6000 }), at(1, { average: 1.4, total: 7200 })] },
    ]);
    const first = readTraffic(text, { unit: "requests" });
    expect(codes(first)).toEqual([["RC4137", "warning"]]);
    expect(first.problems[0].message.message).toBe(
      "the data points hold 2 aggregations (average, total); replaying the first, average",
    );
    expect(first.signal?.v).toEqual([1.2, 1.4]);
    expect(readTraffic(text, { unit: "requests", column: "Total" }).signal?.v).toEqual([100, 120]);
  });

  it("refuses an aggregation the points do not hold, naming the ones they do", () => {
    const text = azure([{ data: [at(0, { total: 6000 })] }]);
    const missing = readTraffic(text, { unit: "requests", column: "Maximum" });
    expect(codes(missing)).toEqual([["RC4138", "error"]]);
    expect(missing.problems[0].at).toEqual({ option: "column" });
    expect(missing.problems[0].message.hint).toBe(
      "the data points hold: total; az monitor metrics list --aggregation Maximum exports it",
    );
    const unknown = readTraffic(text, { unit: "requests", column: "p99" });
    expect(unknown.problems[0].message.hint).toBe(
      "Azure Monitor's aggregations are Average, Count, Maximum, Minimum and Total; the data points hold: total",
    );
  });

  it("refuses a metric Azure did not read, at its errorCode", () => {
    const text = azure([], {
      errorCode: "BadRequest",
      errorMessage: "Metric: Requestz does not exist",
    });
    const r = readTraffic(text, { unit: "requests" });
    expect(codes(r)).toEqual([["RC4139", "error"]]);
    expect(r.problems[0].message.message).toBe(
      "the metric Requests was not read: BadRequest: Metric: Requestz does not exist",
    );
    expect(r.problems[0].at).toEqual({ offset: text.indexOf('"BadRequest"'), length: 12 });
  });
});

/** The annotated CSV as InfluxDB writes it: CRLF line ends, the annotation column first. */
const influx = (...lines: string[]): string => lines.join("\r\n") + "\r\n\r\n";
const ANNOTATIONS = [
  "#group,false,false,true,true,false,false,true,true,true",
  "#datatype,string,long,dateTime:RFC3339,dateTime:RFC3339,dateTime:RFC3339,double,string,string,string",
  "#default,_result,,,,,,,,",
  ",result,table,_start,_stop,_time,_value,_field,_measurement,host",
];
const row = (table: number, minute: number, value: string, host: string): string =>
  `,,${table},2024-06-05T14:00:00Z,2024-06-05T14:10:00Z,2024-06-05T14:0${minute}:00Z,${value},requests,nginx,${host}`;

describe("InfluxDB's annotated CSV", () => {
  const twoHosts = influx(
    ...ANNOTATIONS,
    row(0, 1, "40", "ingress-1"),
    row(0, 2, "60.5", "ingress-1"),
    row(1, 1, "38", "ingress-2"),
    row(1, 2, "", "ingress-2"),
    row(1, 3, "41", "ingress-2"),
  );

  it("reads a table per group key; `series` picks one by its group key, `sum` adds them up", () => {
    const one = readTraffic(twoHosts, { unit: "requests", series: [{ name: "host", value: "ingress-2" }] });
    expect(one.format).toBe("influx");
    expect(one.problems).toEqual([]);
    // An empty _value is a gap: 38 holds until 41.
    expect(one.signal).toEqual({ t: [0, 120], v: [38, 41] });
    expect(readTraffic(twoHosts, { unit: "requests", sum: true }).signal).toEqual({
      t: [0, 60, 120],
      v: [78, 98.5, 101.5],
    });
    const first = readTraffic(twoHosts, { unit: "requests" });
    expect(first.problems.map((p) => p.message.message)).toEqual([
      'the answer holds 2 series; replaying the first, {host="ingress-1"}',
    ]);
  });

  it("reads a file saved without annotations (the API's default dialect) by its header", () => {
    const text = [ANNOTATIONS[3], row(0, 1, "40", "a"), row(0, 2, "50", "a")].join("\n");
    const r = readTraffic(text, { unit: "requests" });
    expect(r.format).toBe("influx");
    expect(r.signal).toEqual({ t: [0, 60], v: [40, 50] });
  });

  it("reads another column with `column` (a field after pivot())", () => {
    const text = influx(
      "#group,false,false,false,false,true",
      "#datatype,string,long,dateTime:RFC3339,double,string",
      "#default,_result,,,,",
      ",result,table,_time,requests,host",
      ",,0,2024-06-05T14:01:00Z,12,web-1",
      ",,0,2024-06-05T14:02:00Z,14,web-1",
    );
    expect(readTraffic(text, { unit: "requests", column: "requests" }).signal).toEqual({
      t: [0, 60],
      v: [12, 14],
    });
    const none = readTraffic(text, { unit: "requests" });
    expect(codes(none)).toEqual([["RC6009", "error"]]);
    expect(none.problems[0].message.message).toBe('no column named "_value" in the file\'s header');
  });

  it("refuses a Flux error table with its message", () => {
    const text = influx(
      "#datatype,string,string",
      "#group,true,true",
      "#default,,",
      ",error,reference",
      ',"error calling function ""filter"": name ""r"" does not exist in scope",897',
    );
    const r = readTraffic(text, { unit: "requests" });
    expect(codes(r)).toEqual([["RC4140", "error"]]);
    expect(r.problems[0].message.message).toBe(
      'the file is a Flux query\'s error: error calling function "filter": name "r" does not exist in scope',
    );
  });

  it("says where a table's time goes backwards, with the line before (rowTimes.ts)", () => {
    const text = influx(...ANNOTATIONS, row(0, 2, "40", "a"), row(0, 1, "50", "a"));
    const r = readTraffic(text, { unit: "requests" });
    expect(codes(r)).toEqual([["RC6005", "error"]]);
    expect(r.problems[0].message.message).toBe(
      "time goes backwards: `2024-06-05T14:01:00Z` comes after `2024-06-05T14:02:00Z` (line 5)",
    );
  });
});

const vmLine = (metric: object, values: unknown[], timestamps: unknown[]): string =>
  JSON.stringify({ metric, values, timestamps });
const T0 = 1717596000000;

describe("VictoriaMetrics' /api/v1/export", () => {
  const requests = { __name__: "http_requests_total", job: "checkout", pod: "checkout-a" };

  it("replays a counter as its rate between samples, a drop as a restart, a series' lines joined", () => {
    const text = [
      vmLine(requests, [1000, 1600], [T0, T0 + 60000]),
      // max_rows_per_line split the series: its second line.
      vmLine(
        { pod: "checkout-a", job: "checkout", __name__: "http_requests_total" },
        [2500, 300],
        [T0 + 120000, T0 + 180000],
      ),
    ].join("\n");
    const r = readTraffic(text, { unit: "requests" });
    expect(r.format).toBe("victoriaMetrics");
    expect(r.problems).toEqual([]);
    // 600 in 60 s, 900 in 60 s, then a restart: the new 300 is the increase.
    expect(r.signal).toEqual({ t: [0, 60, 120], v: [10, 15, 5] });
  });

  it("reads a gauge as it is, and a CPU counter in seconds as cores", () => {
    const gauge = vmLine({ __name__: "nginx_connections_active" }, [12, 15], [T0, T0 + 15000]);
    expect(readTraffic(gauge, { unit: "requests" }).signal).toEqual({ t: [0, 15], v: [12, 15] });
    const cpu = vmLine({ __name__: "container_cpu_usage_seconds_total" }, [100, 107.5], [T0, T0 + 15000]);
    expect(readTraffic(cpu, { unit: "cpu" }).signal).toEqual({ t: [0], v: [500] });
  });

  it("adds up series with `sum` and picks one with `series`", () => {
    const text = [
      vmLine(requests, [0, 600], [T0, T0 + 60000]),
      vmLine({ ...requests, pod: "checkout-b" }, [0, 1200], [T0, T0 + 60000]),
    ].join("\n");
    expect(readTraffic(text, { unit: "requests", sum: true }).signal).toEqual({ t: [0], v: [30] });
    const b = readTraffic(text, { unit: "requests", series: [{ name: "pod", value: "checkout-b" }] });
    expect(b.signal).toEqual({ t: [0], v: [20] });
  });

  it("refuses a line that is not an export line, at the line", () => {
    const text = `${vmLine(requests, [1, 2], [T0, T0 + 1000])}\n{"metric":{},"values":[1]\n`;
    const r = readTraffic(text, { unit: "requests" });
    expect(codes(r)).toEqual([["RC4141", "error"]]);
    expect(r.problems[0].at).toMatchObject({ offset: text.indexOf("\n") + 1 });
    const short = vmLine(requests, [1, 2], [T0]);
    expect(readTraffic(short, { unit: "requests" }).problems[0].message.message).toBe(
      "not a line of /api/v1/export: 2 values and 1 timestamps; each value needs its timestamp",
    );
  });
});

/** A search answer: `hits`, and the aggregations as the request named them. */
const search = (aggregations: object): string =>
  JSON.stringify(
    {
      took: 38,
      timed_out: false,
      _shards: { total: 1, successful: 1, skipped: 0, failed: 0 },
      hits: { total: { value: 10000, relation: "gte" }, max_score: null, hits: [] },
      aggregations,
    },
    null,
    2,
  );
const bucket = (minute: number, docs: number, rps?: number | null) => ({
  key_as_string: `2024-06-05T14:0${minute}:00.000Z`,
  key: T0 + minute * 60000,
  doc_count: docs,
  ...(rps === undefined ? {} : { rps: { value: rps } }),
});

describe("Elasticsearch's date_histogram answers", () => {
  it("replays doc_count per bucket as requests per second over the buckets' length", () => {
    const text = search({ per_minute: { buckets: [bucket(0, 3000), bucket(1, 6000), bucket(2, 0)] } });
    const r = readTraffic(text, { unit: "requests" });
    expect(r.format).toBe("elasticsearch");
    expect(r.problems).toEqual([]);
    // An empty bucket logged no request: 0, not a gap.
    expect(r.signal).toEqual({ t: [0, 60, 120], v: [50, 100, 0] });
  });

  it("reads a sub-aggregation's value as it is with `column`, a null value a gap", () => {
    const text = search({
      per_minute: { buckets: [bucket(0, 3000, 50), bucket(1, 0, null), bucket(2, 60, 1)] },
    });
    expect(readTraffic(text, { unit: "requests", column: "rps" }).signal).toEqual({
      t: [0, 120],
      v: [50, 1],
    });
    const none = readTraffic(text, { unit: "requests", column: "bytes" });
    expect(codes(none)).toEqual([["RC4138", "error"]]);
    expect(none.problems[0].message.hint).toBe(
      "the buckets' sub-aggregations: rps; leave `column` out to replay doc_count per second",
    );
  });

  it("gives a series per term of a terms aggregation around the histogram", () => {
    const text = search({
      by_host: {
        doc_count_error_upper_bound: 0,
        sum_other_doc_count: 0,
        buckets: [
          { key: "ingress-a", doc_count: 9000, per_minute: { buckets: [bucket(0, 3000), bucket(1, 6000)] } },
          { key: "ingress-b", doc_count: 1200, per_minute: { buckets: [bucket(0, 600), bucket(1, 600)] } },
        ],
      },
    });
    expect(readTraffic(text, { unit: "requests", sum: true }).signal).toEqual({ t: [0, 60], v: [60, 110] });
    const b = readTraffic(text, { unit: "requests", series: [{ name: "by_host", value: "ingress-b" }] });
    expect(b.signal).toEqual({ t: [0, 60], v: [10, 10] });
    expect(codes(readTraffic(text, { unit: "requests" }))).toEqual([["RC6016", "warning"]]);
  });

  it("refuses a single bucket's doc_count as a rate, and reads Kibana's inspected rawResponse", () => {
    const one = readTraffic(search({ per_minute: { buckets: [bucket(0, 3000)] } }), { unit: "requests" });
    expect(codes(one)).toEqual([["RC4106", "error"]]);
    expect(one.problems[0].message.message).toBe(
      "a doc_count is requests per bucket, and one bucket does not tell the bucket's length",
    );
    const inspected = JSON.stringify({
      rawResponse: JSON.parse(search({ per_minute: { buckets: [bucket(0, 600), bucket(1, 1200)] } })),
    });
    expect(readTraffic(inspected, { unit: "requests" }).signal).toEqual({ t: [0, 60], v: [10, 20] });
  });
});

/** k6's JSON output: a Metric line the first time a metric is seen, then its Points. */
const k6Metric = (name: string, type: string) =>
  JSON.stringify({
    type: "Metric",
    data: { name, type, contains: "default", tainted: null, thresholds: [], submetrics: null },
    metric: name,
  });
const k6Point = (name: string, time: string, value: number, status = "200") =>
  JSON.stringify({
    type: "Point",
    data: { time: `2024-06-05T14:00:${time}+02:00`, value, tags: { method: "GET", name: "cart", status } },
    metric: name,
  });

describe("k6's JSON output", () => {
  const run = [
    k6Metric("http_reqs", "counter"),
    k6Point("http_reqs", "00.120000117", 1),
    k6Point("http_reqs", "00.870000117", 1),
    k6Metric("iterations", "counter"),
    k6Point("iterations", "00.990000117", 1),
    k6Point("http_reqs", "02.310000117", 1, "503"),
  ].join("\n");

  it("counts each second's http_reqs points as its rate, a second without one 0", () => {
    const r = readTraffic(run, { unit: "requests" });
    expect(r.format).toBe("k6");
    expect(r.problems).toEqual([]);
    expect(r.signal).toEqual({ t: [0, 1, 2, 3], v: [2, 0, 1, 0] });
    expect(readTraffic(run, { unit: "requests", column: "iterations" }).signal).toEqual({
      t: [0, 1],
      v: [1, 0],
    });
  });

  it("counts only the points whose tags `series` names, and says the values when none has them", () => {
    const failed = readTraffic(run, { unit: "requests", series: [{ name: "status", value: "503" }] });
    expect(failed.signal).toEqual({ t: [0, 1], v: [1, 0] });
    const none = readTraffic(run, { unit: "requests", series: [{ name: "status", value: "500" }] });
    expect(codes(none)).toEqual([["RC4113", "error"]]);
    expect(none.problems[0].message.hint).toBe('the file\'s status values: "200", "503"');
  });

  it("refuses CPU, `sum`, and a line cut short, with k6's words", () => {
    expect(readTraffic(run, { unit: "cpu" }).problems[0].message.message).toBe(
      "the file is k6's JSON output, whose samples count requests; it cannot be read as a CPU amount",
    );
    expect(codes(readTraffic(run, { unit: "requests", sum: true }))).toEqual([["RC4107", "error"]]);
    const cut = `${run}\n{"type":"Point","data":{"time":"2024-06-05T14:00:03`;
    const r = readTraffic(cut, { unit: "requests" });
    expect(codes(r)).toEqual([["RC6012", "error"]]);
    expect(r.problems[0].message.hint).toBe(
      "k6's JSON output is an object per line (--out json=FILE); a last line cut short by a stopped run can be deleted",
    );
  });
});
