import { describe, expect, it } from "vitest";
import { alignedRows, changeTimes, seriesRows, stepPoints } from "../../src/charts/steps.ts";

describe("stepPoints", () => {
  it.each([
    {
      name: "keeps the last point of an instant and extends to the end",
      points: [
        { t: 0, value: "a" },
        { t: 5, value: "b" },
        { t: 5, value: "c" },
        { t: 9, value: "d" },
      ],
      end: 12,
      want: [
        { t: 0, value: "a" },
        { t: 5, value: "c" },
        { t: 9, value: "d" },
        { t: 12, value: "d" },
      ],
    },
    {
      name: "drops points after the end",
      points: [
        { t: 0, value: "a" },
        { t: 20, value: "b" },
      ],
      end: 10,
      want: [
        { t: 0, value: "a" },
        { t: 10, value: "a" },
      ],
    },
    {
      name: "does not duplicate a point at the end",
      points: [
        { t: 0, value: "a" },
        { t: 10, value: "b" },
      ],
      end: 10,
      want: [
        { t: 0, value: "a" },
        { t: 10, value: "b" },
      ],
    },
    { name: "empty stays empty", points: [], end: 10, want: [] },
  ])("$name", ({ points, end, want }) => {
    expect(stepPoints(points, end)).toEqual(want);
  });
});

describe("changeTimes", () => {
  it("merges the instants of several series, adds the end, sorts", () => {
    expect(
      changeTimes(
        [
          [{ t: 10, value: 1 }],
          [
            { t: 0, value: 1 },
            { t: 10, value: 2 },
            { t: 30, value: 2 },
          ],
        ],
        20,
      ),
    ).toEqual([0, 10, 20]);
  });
});

describe("seriesRows", () => {
  it("labels every row with its clock time and keeps nulls as gaps", () => {
    const rows = seriesRows(
      [
        { t: 0, value: null },
        { t: 75, value: 3 },
      ],
      90,
      "current",
      (v: number | null) => v,
    );
    expect(rows).toEqual([
      { t: 0, time: "0:00", series: "current", value: null },
      { t: 75, time: "1:15", series: "current", value: 3 },
      { t: 90, time: "1:30", series: "current", value: 3 },
    ]);
  });
});

describe("alignedRows", () => {
  it("samples every series on the shared grid, 0 before a series starts, carried forward after", () => {
    const rows = alignedRows(
      [
        { series: "A", order: 0, points: [{ t: 0, value: 3 }] },
        { series: "B", order: 1, points: [{ t: 10, value: 1 }], extra: { replicaSet: "b" } },
      ],
      20,
      (v: number) => v,
    );
    expect(rows.map((r) => [r.t, r.series, r.value])).toEqual([
      [0, "A", 3],
      [0, "B", 0],
      [10, "A", 3],
      [10, "B", 1],
      [20, "A", 3],
      [20, "B", 1],
    ]);
    expect(rows[1].replicaSet).toBe("b");
  });
});
