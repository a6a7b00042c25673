// Grafana's legacy panel export (public/app/core/utils/file_export.ts): "Series as rows"
// (convertSeriesListToCsv: `"Series";"Time";"Value"`, a row per point, `null` for a gap, the
// browser's local time as YYYY-MM-DDTHH:mm:ssZ, `\r\n` between rows and none after the last)
// and the "Excel CSV dialect" (formatSpecialHeader: a first line `sep=;`), which Grafana's
// inspector (packages/grafana-data toCSV, useExcelHeader) writes as `sep=,`.
import { describe, expect, it } from "vitest";
import { readTraffic } from "../../src/traffic/index.ts";

const requests = { unit: "requests" as const };

const rows = [
  '"Series";"Time";"Value"',
  '"web-a";"2024-06-05T16:00:00+02:00";10',
  '"web-a";"2024-06-05T16:01:00+02:00";null',
  '"web-a";"2024-06-05T16:02:00+02:00";30',
  '"web-b";"2024-06-05T16:01:00+02:00";5',
  '"web-b";"2024-06-05T16:02:00+02:00";7.5',
].join("\r\n");

describe("Grafana's series as rows", () => {
  it("adds the series up with `sum`, from the file's earliest time; null holds the value before it", () => {
    expect(readTraffic(rows, { ...requests, sum: true })).toEqual({
      format: "csv",
      signal: { t: [0, 60, 120], v: [10, 15, 37.5] },
      problems: [],
    });
  });
  it("picks a series by its name with `column`, a later series counted from the file's first time", () => {
    expect(readTraffic(rows, { ...requests, column: "web-b" }).signal).toEqual({ t: [60, 120], v: [5, 7.5] });
    expect(readTraffic(rows, { ...requests, column: "WEB-A" }).signal).toEqual({ t: [0, 120], v: [10, 30] });
  });
  it("replays the first series with a warning at its name, and names the series for a misspelt one", () => {
    const r = readTraffic(rows, requests);
    expect(r.signal).toEqual({ t: [0, 120], v: [10, 30] });
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ severity: "warning", message: { code: "RC4131" } });
    expect(r.problems[0].message.message).toBe(
      'the file has 2 series (a row per point, Grafana\'s "Series as rows"); replaying the first, "web-a"',
    );
    const at = r.problems[0].at as { offset: number; length: number };
    expect(rows.slice(at.offset, at.offset + at.length)).toBe("web-a");
    const wrong = readTraffic(rows, { ...requests, column: "web-c" });
    expect(wrong.signal).toBeUndefined();
    expect(wrong.problems[0]).toMatchObject({ at: { option: "column" }, message: { code: "RC4130" } });
    expect(wrong.problems[0].message.message).toBe('no series named "web-c" in the file\'s Series column');
    expect(wrong.problems[0].message.hint).toBe("did you mean `web-a`? (series: web-a, web-b)");
  });
  it("says where a series' time goes backwards or a value is no rate", () => {
    const bad = [
      rows,
      '"web-a";"2024-06-05T16:01:30+02:00";12',
      '"web-b";"2024-06-05T16:03:00+02:00";NaN',
    ].join("\r\n");
    const r = readTraffic(bad, { ...requests, sum: true });
    expect(r.signal).toBeUndefined();
    expect(r.problems.map((p) => [p.message.code, p.message.message])).toEqual([
      [
        "RC6005",
        "time goes backwards: `2024-06-05T16:01:30+02:00` comes after `2024-06-05T16:02:00+02:00` (line 4)",
      ],
      ["RC6003", expect.stringContaining("`NaN`")],
    ]);
  });
});

describe("Excel's `sep=` line", () => {
  it("names the delimiter and is no row: Grafana 6's `sep=;`, the inspector's `sep=,`", () => {
    const semicolons =
      'sep=;\r\n"Time";"web-a";"web-b"\r\n"2024-06-05T16:00:00+02:00";10;1\r\n"2024-06-05T16:01:00+02:00";20;null';
    expect(readTraffic(semicolons, { ...requests, sum: true })).toEqual({
      format: "csv",
      signal: { t: [0, 60], v: [11, 21] },
      problems: [],
    });
    const commas = 'sep=,\r\n"Time","web-a"\r\n2024-06-05 16:00:00,1.5\r\n2024-06-05 16:02:00,2\r\n';
    expect(readTraffic(commas, requests).signal).toEqual({ t: [0, 120], v: [1.5, 2] });
  });
  it("with rows in series-as-rows order too", () => {
    expect(readTraffic(`sep=;\r\n${rows}`, { ...requests, column: "web-b" }).signal).toEqual({
      t: [60, 120],
      v: [5, 7.5],
    });
  });
});
