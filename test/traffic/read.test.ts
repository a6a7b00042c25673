// Traffic files (src/traffic): CSV/TSV and Prometheus range-query answers read into signals,
// and every bad row reported where it is in the file.
import { describe, expect, it } from "vitest";
import { nextSignalChange, signalAt, sumSignals } from "../../src/engine/workload/signal.ts";
import { readTraffic, trafficFormat, trafficMessages } from "../../src/traffic/index.ts";
import { parseTime } from "../../src/traffic/timestamp.ts";

const requests = { unit: "requests" as const };

/** The text a problem points at. */
const pointed = (text: string, r: ReturnType<typeof readTraffic>, i = 0): string => {
  const at = r.problems[i].at;
  if (!("offset" in at)) throw new Error("a problem about an option");
  return text.slice(at.offset, at.offset + at.length);
};

describe("times", () => {
  it.each([
    ["0", { kind: "offset", seconds: 0 }],
    ["90.5", { kind: "offset", seconds: 90.5 }],
    ["1709510400", { kind: "epoch", seconds: 1709510400 }],
    ["2024-03-04T00:00:00Z", { kind: "timestamp", seconds: 1709510400 }],
    ["2024-03-04T01:00:00+01:00", { kind: "timestamp", seconds: 1709510400 }],
    ["2024-03-03T19:30:00-0430", { kind: "timestamp", seconds: 1709510400 }],
    ["2024-03-04 00:00:00", { kind: "timestamp", seconds: 1709510400 }],
    ["2024-03-04 00:00:00.250", { kind: "timestamp", seconds: 1709510400.25 }],
    ["2024-03-04 00:01", { kind: "timestamp", seconds: 1709510460 }],
    ["2024-03-04", { kind: "timestamp", seconds: 1709510400 }],
    ["2024-02-29 12:00:00", { kind: "timestamp", seconds: 1709208000 }],
  ])("%s", (text, want) => {
    expect(parseTime(text)).toEqual(want);
  });
  it.each(["", "noon", "2023-02-29", "2024-13-01", "2024-03-04 24:00", "2024-03-04T10:00:00+25:00", "1e400"])(
    "%j is no time",
    (text) => {
      expect(parseTime(text)).toBeUndefined();
    },
  );
});

describe("signals", () => {
  const s = { t: [0, 60, 120, 180], v: [100, 250, 250, 0] };
  it("hold each value until the next sample, 0 before the first", () => {
    expect(signalAt(s, 30, 29)).toBe(0);
    expect(signalAt(s, 30, 30)).toBe(100);
    expect(signalAt(s, 30, 89.9)).toBe(100);
    expect(signalAt(s, 30, 90)).toBe(250);
    expect(signalAt(s, 30, 1e9)).toBe(0);
  });
  it("report the next change, skipping repeated values", () => {
    expect(nextSignalChange(s, 30, 0)).toBe(30);
    expect(nextSignalChange(s, 30, 30)).toBe(90);
    expect(nextSignalChange(s, 30, 90)).toBe(210);
    expect(nextSignalChange(s, 30, 210)).toBeUndefined();
  });
  it("add up as step functions", () => {
    expect(
      sumSignals([
        { t: [0, 60], v: [1, 2] },
        { t: [30], v: [10] },
      ]),
    ).toEqual({
      t: [0, 30, 60],
      v: [1, 11, 12],
    });
  });
});

describe("CSV and TSV", () => {
  it("reads `time,value` with a header, offsets from the statement's time", () => {
    expect(readTraffic("time,value\n0,100\n60,250\n", requests)).toMatchObject({
      format: "csv",
      signal: { t: [0, 60], v: [100, 250] },
      problems: [],
    });
  });
  it("reads a headerless TSV with RFC 3339 timestamps: the first is the statement's time", () => {
    const text = "2024-03-04T10:00:00Z\t120\n2024-03-04T10:01:00Z\t130.5\n2024-03-04T10:03:00Z\t90\n";
    expect(readTraffic(text, requests).signal).toEqual({ t: [0, 60, 180], v: [120, 130.5, 90] });
  });
  it("reads Grafana's export: quoted cells, CRLF line ends, a BOM, spreadsheet timestamps", () => {
    const text = '\uFEFF"Time","web"\r\n"2024-03-04 10:00:00","12"\r\n"2024-03-04 10:00:30","14"\r\n';
    expect(readTraffic(text, requests).signal).toEqual({ t: [0, 30], v: [12, 14] });
  });
  it("reads semicolon-separated rows and epoch seconds; skips comments and blank lines", () => {
    const text = "# exported from the load balancer\n\n1709510400;5\n1709510460;7\n";
    expect(readTraffic(text, requests).signal).toEqual({ t: [0, 60], v: [5, 7] });
  });
  it("treats an empty cell or null as a gap: the previous value holds", () => {
    const text = "t,a\n0,1\n60,\n120,null\n180,4\n";
    expect(readTraffic(text, requests).signal).toEqual({ t: [0, 180], v: [1, 4] });
  });
  it("reads CPU in cores or millicores, and metric quantities in milli-units", () => {
    expect(readTraffic("0,0.25\n60,750m\n", { unit: "cpu" }).signal).toEqual({ t: [0, 60], v: [250, 750] });
    expect(readTraffic("0,42\n60,2k\n", { unit: "metric" }).signal).toEqual({
      t: [0, 60],
      v: [42000, 2000000],
    });
  });
  it("picks a column by its header, or adds them up", () => {
    const text = "time,api,admin\n0,10,1\n60,20,2\n";
    expect(readTraffic(text, { ...requests, column: "admin" }).signal).toEqual({ t: [0, 60], v: [1, 2] });
    expect(readTraffic(text, { ...requests, sum: true }).signal).toEqual({ t: [0, 60], v: [11, 22] });
  });
  it("replays the first of several columns with a warning on the header", () => {
    const text = "time,api,admin\n0,10,1\n60,20,2\n";
    const r = readTraffic(text, requests);
    expect(r.signal).toEqual({ t: [0, 60], v: [10, 20] });
    expect(r.problems[0]).toMatchObject({ severity: "warning", message: { code: "RC6011" } });
    expect(pointed(text, r)).toBe("api");
  });
  it("suggests a column for a misspelt name", () => {
    const r = readTraffic("time,api,admin\n0,10,1\n", { ...requests, column: "amdin" });
    expect(r.problems[0]).toMatchObject({ at: { option: "column" }, message: { code: "RC6009" } });
    expect(r.problems[0].message.hint).toContain("did you mean `admin`?");
  });

  it.each([
    ["a bad value", "time,value\n0,100\n60,lots\n", "RC6003", "lots"],
    ["a negative rate", "0,100\n60,-5\n", "RC6004", "-5"],
    ["a bad time", "time,value\n0,100\nsoon,5\n", "RC6002", "soon"],
    ["time going backwards", "0,1\n60,2\n30,3\n", "RC6005", "30"],
    ["a repeated time", "0,1\n60,2\n60,3\n", "RC6005", "60"],
    ["mixed time kinds", "2024-03-04 10:00:00,1\n60,2\n", "RC6006", "60"],
    ["a row without a value", "0,1\n60\n", "RC6007", ""],
    ["NaN", "0,1\n60,NaN\n", "RC6003", "NaN"],
  ])("%s is an error at the cell", (_name, text, code, cell) => {
    const r = readTraffic(text, requests);
    expect(r.signal).toBeUndefined();
    expect(r.problems[0]).toMatchObject({ severity: "error", message: { code } });
    expect(pointed(text, r)).toBe(cell);
  });
  it("names the line a time came after", () => {
    const r = readTraffic("0,1\n60,2\n30,3\n", requests);
    expect(r.problems[0].message.message).toBe("time goes backwards: `30` comes after `60` (line 2)");
  });
  it("reports the first ten bad rows and counts the rest", () => {
    const text = ["time,value", ...Array.from({ length: 25 }, (_, i) => `${i},x`)].join("\n");
    const r = readTraffic(text, requests);
    expect(r.problems).toHaveLength(11);
    expect(r.problems[10].message).toEqual(trafficMessages.moreRowErrors(15));
  });
  it("an empty file, a file of one column, a header alone", () => {
    expect(readTraffic("# nothing\n", requests).problems[0].message.code).toBe("RC6008");
    expect(readTraffic("100\n200\n", requests).problems[0].message.code).toBe("RC6001");
    expect(readTraffic("time,value\n", requests).problems[0].message.code).toBe("RC6008");
  });
});

/** A range-query answer as Prometheus writes it. */
function answer(series: { metric: Record<string, string>; values: [number, string][] }[]): string {
  return JSON.stringify({ status: "success", data: { resultType: "matrix", result: series } }, null, 2);
}

describe("Prometheus range-query answers", () => {
  const web1 = {
    metric: { __name__: "x", pod: "web-1", code: "200" },
    values: [
      [1709510400, "10"],
      [1709510460, "12.5"],
    ] as [number, string][],
  };
  const web2 = {
    metric: { __name__: "x", pod: "web-2", code: "200" },
    values: [[1709510430, "5"]] as [number, string][],
  };

  it("are recognised by their text, not their name", () => {
    expect(trafficFormat(answer([web1]))).toBe("prometheus");
    expect(trafficFormat("  [1]")).toBe("prometheus");
    expect(trafficFormat("time,value\n")).toBe("csv");
  });
  it("replay the only series from its first sample", () => {
    expect(readTraffic(answer([web1]), requests)).toMatchObject({
      signal: { t: [0, 60], v: [10, 12.5] },
      problems: [],
    });
  });
  it("read the data object alone", () => {
    const text = JSON.stringify({ resultType: "matrix", result: [web1] });
    expect(readTraffic(text, requests).signal).toEqual({ t: [0, 60], v: [10, 12.5] });
  });
  it("pick a series by label, or add them up", () => {
    expect(
      readTraffic(answer([web1, web2]), { ...requests, series: [{ name: "pod", value: "web-2" }] }).signal,
    ).toEqual({
      t: [0],
      v: [5],
    });
    expect(readTraffic(answer([web1, web2]), { ...requests, sum: true }).signal).toEqual({
      t: [0, 30, 60],
      v: [10, 15, 17.5],
    });
  });
  it("replay the first of several series with a warning at its labels", () => {
    const text = answer([web1, web2]);
    const r = readTraffic(text, requests);
    expect(r.signal).toEqual({ t: [0, 60], v: [10, 12.5] });
    expect(r.problems[0].message.message).toBe(
      'the answer holds 2 series; replaying the first, {pod="web-1"}',
    );
    expect(pointed(text, r)).toMatch(/^\{\s*"__name__": "x"/);
  });
  it("say which series there are when none matches, and which several do", () => {
    const none = readTraffic(answer([web1, web2]), {
      ...requests,
      series: [{ name: "pod", value: "web-3" }],
    });
    expect(none.problems[0]).toMatchObject({ at: { option: "series" }, message: { code: "RC6017" } });
    expect(none.problems[0].message.hint).toBe('the series: {pod="web-1"}, {pod="web-2"}');
    const two = readTraffic(answer([web1, web2]), { ...requests, series: [{ name: "code", value: "200" }] });
    expect(two.problems[0].message.code).toBe("RC6018");
  });
  it.each([
    ["NaN", "RC6022", '"NaN"'],
    ["+Inf", "RC6022", '"+Inf"'],
    ["many", "RC6003", '"many"'],
  ])("a %s sample is an error at the value", (value, code, shown) => {
    const text = answer([
      {
        metric: { pod: "a" },
        values: [
          [1709510400, "1"],
          [1709510460, value],
        ],
      },
    ]);
    const r = readTraffic(text, requests);
    expect(r.problems[0].message.code).toBe(code);
    expect(pointed(text, r)).toBe(shown);
  });
  it("a JSON syntax error points at the character", () => {
    const text = '{"status": "success", "data": {"resultType": "matrix", "result": [,]}}';
    const r = readTraffic(text, requests);
    expect(r.problems[0].message.code).toBe("RC6012");
    expect(pointed(text, r)).toBe(",");
  });
  it("a file nested deeper than the position reader's stack is a syntax error, not a crash", () => {
    const text = `{"data": ${"[".repeat(100_000)}`;
    const r = readTraffic(text, requests);
    expect(r.problems[0].message.code).toBe("RC6012");
    expect(r.problems[0].message.message).toContain("nests deeper than 1000 levels");
  });
  it("an instant query, an error answer and an empty result say what they are", () => {
    const vector = JSON.stringify({ status: "success", data: { resultType: "vector", result: [] } });
    expect(readTraffic(vector, requests).problems[0].message.message).toContain('found resultType "vector"');
    const error = JSON.stringify({ status: "error", errorType: "bad_data", error: "parse error at char 5" });
    expect(readTraffic(error, requests).problems[0].message.message).toBe(
      "the file is a Prometheus error answer (bad_data): parse error at char 5",
    );
    expect(readTraffic(answer([]), requests).problems[0].message.code).toBe("RC6015");
  });
});

describe("the catalogue", () => {
  it("has unique codes: RC6xxx, and RC41xx for the k6 and CloudWatch readers, the JMeter, Gatling, access-log, Datadog and Cloud Monitoring ones, Grafana's series as rows, CloudWatch's get-metric-data, and Azure Monitor, InfluxDB and VictoriaMetrics (the ranges the fifteenth, sixteenth, twenty-second, twenty-third and twenty-fourth rounds gave them)", () => {
    const codes = Object.values(trafficMessages).map((m) => m.code);
    expect(codes.filter((c) => !/^RC(?:6\d{3}|410[2-7]|411[1-9]|413[013-9]|414[01])$/.test(c))).toEqual([]);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
