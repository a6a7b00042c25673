// The time column's rules every tabular reader shares (src/traffic/rowTimes.ts): one kind per
// file, no negative offset, each point after the previous one — the same messages in the plain
// CSV reader and in Grafana's "Series as rows", whose ordering is per series.
import { describe, expect, it } from "vitest";
import { readTraffic } from "../../src/traffic/index.ts";
import { RowTimes } from "../../src/traffic/rowTimes.ts";
import type { ReadProblem } from "../../src/traffic/problems.ts";

const requests = { unit: "requests" as const };
const messages = (text: string) =>
  readTraffic(text, requests).problems.map((p) => [p.severity, p.message.code, p.message.message]);

describe("RowTimes", () => {
  it("keeps the first row's kind and refuses a later row of another, a negative offset, and a time not after the previous", () => {
    const problems: ReadProblem[] = [];
    const times = new RowTimes((p) => problems.push(p));
    expect(times.read({ text: "30", offset: 0 }, undefined)).toEqual({ kind: "offset", seconds: 30 });
    expect(times.kind).toBe("offset");
    expect(times.read({ text: "2024-06-05T16:00:00Z", offset: 10 }, undefined)).toBeUndefined();
    expect(times.read({ text: "-5", offset: 20 }, undefined)).toBeUndefined();
    expect(times.read({ text: "30", offset: 30 }, { seconds: 30, text: "30", line: 2 })).toBeUndefined();
    expect(times.read({ text: "soon", offset: 40 }, undefined)).toBeUndefined();
    expect(problems.map((p) => p.at)).toEqual([
      { offset: 10, length: 20 },
      { offset: 20, length: 2 },
      { offset: 30, length: 2 },
      { offset: 40, length: 4 },
    ]);
  });

  it("gives the plain CSV and Grafana's series as rows the same message for a negative offset", () => {
    const csv = messages("time,rps\n0,10\n-5,20\n");
    const grafana = messages('"Series";"Time";"Value"\n"a";0;10\n"a";-5;20\n');
    expect(csv).toEqual([["error", "RC6021", "`-5` is before the statement's time"]]);
    expect(grafana).toEqual(csv);
  });
});
