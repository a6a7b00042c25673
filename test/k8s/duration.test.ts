// Tables from k8s.io/apimachinery/pkg/util/duration/duration_test.go (kubernetes/kubernetes
// staging, commit 008b3652): TestHumanDuration, TestHumanDurationBoundaries,
// TestShortHumanDurationBoundaries. Durations in seconds; ms = 0.001.
import { describe, expect, it } from "vitest";
import { goDuration, humanDuration, shortHumanDuration } from "../../src/k8s/duration.ts";
import { toRFC3339, toRFC3339Micro } from "../../src/k8s/time.ts";

const ms = 0.001;
const m = 60;
const h = 3600;
const d = 24 * h;
const y = 365 * d;

describe("humanDuration: TestHumanDuration", () => {
  it.each([
    [1, "1s"],
    [70, "70s"],
    [190, "3m10s"],
    [70 * m, "70m"],
    [47 * h, "47h"],
    [49 * h, "2d1h"],
    [(8 * 24 + 2) * h, "8d"],
    [367 * 24 * h, "367d"],
    [(365 * 2 * 24 + 25) * h, "2y1d"],
    [(365 * 8 * 24 + 2) * h, "8y"],
  ])("%d s → %s", (s, want) => expect(humanDuration(s)).toBe(want));
});

describe("humanDuration: TestHumanDurationBoundaries", () => {
  it.each([
    [-2, "<invalid>"],
    [-2 + 1e-9, "0s"],
    [0, "0s"],
    [1 - ms, "0s"],
    [2 * m - ms, "119s"],
    [2 * m, "2m"],
    [2 * m + 1, "2m1s"],
    [10 * m - ms, "9m59s"],
    [10 * m, "10m"],
    [10 * m + 1, "10m"],
    [3 * h - ms, "179m"],
    [3 * h, "3h"],
    [3 * h + m, "3h1m"],
    [8 * h - ms, "7h59m"],
    [8 * h, "8h"],
    [8 * h + 59 * m, "8h"],
    [2 * d - ms, "47h"],
    [2 * d, "2d"],
    [2 * d + h, "2d1h"],
    [8 * d - ms, "7d23h"],
    [8 * d, "8d"],
    [8 * d + 23 * h, "8d"],
    [2 * y - ms, "729d"],
    [2 * y, "2y"],
    [2 * y + 23 * h, "2y"],
    [2 * y + 23 * h + 59 * m, "2y"],
    [2 * y + 24 * h - ms, "2y"],
    [2 * y + 24 * h, "2y1d"],
    [3 * y, "3y"],
    [4 * y, "4y"],
    [5 * y, "5y"],
    [6 * y, "6y"],
    [7 * y, "7y"],
    [8 * y - ms, "7y364d"],
    [8 * y, "8y"],
    [8 * y + 364 * d, "8y"],
    [9 * y, "9y"],
  ])("%d s → %s", (s, want) => expect(humanDuration(s)).toBe(want));
});

describe("humanDuration: the ages the seed walk-throughs print", () => {
  it.each([
    [4, "4s"],
    [18, "18s"],
    [175, "2m55s"],
    [241, "4m1s"],
    [256, "4m16s"],
    [593, "9m53s"],
    [578, "9m38s"],
    [50 * m, "50m"],
    [3 * h + 5 * m, "3h5m"],
    [2 * d + 3 * h, "2d3h"],
  ])("%d s → %s", (s, want) => expect(humanDuration(s)).toBe(want));
});

describe("shortHumanDuration: TestShortHumanDurationBoundaries", () => {
  it.each([
    [-2, "<invalid>"],
    [-2 + 1e-9, "0s"],
    [0, "0s"],
    [1 - ms, "0s"],
    [1, "1s"],
    [2 - ms, "1s"],
    [m - ms, "59s"],
    [m, "1m"],
    [2 * m - ms, "1m"],
    [h - ms, "59m"],
    [h, "1h"],
    [2 * h - ms, "1h"],
    [d - ms, "23h"],
    [d, "1d"],
    [2 * d - ms, "1d"],
    [y - ms, "364d"],
    [y, "1y"],
    [2 * y - ms, "1y"],
    [2 * y, "2y"],
  ])("%d s → %s", (s, want) => expect(shortHumanDuration(s)).toBe(want));
});

describe("toRFC3339 (fixed epoch 2024-01-01T00:00:00Z)", () => {
  it.each([
    [0, "2024-01-01T00:00:00Z"],
    [90, "2024-01-01T00:01:30Z"],
    [90.9, "2024-01-01T00:01:30Z"],
    [86400 + 3661, "2024-01-02T01:01:01Z"],
  ])("t=%d → %s", (t, want) => expect(toRFC3339(t)).toBe(want));

  it("MicroTime keeps microseconds", () => {
    expect(toRFC3339Micro(1.5)).toBe("2024-01-01T00:00:01.500000Z");
  });
});

// Go's time.Duration.String, as the kubelet prints its back-off ("back-off 5m0s restarting
// failed container=…"): the rows of src/time/time_test.go durationTests at millisecond
// resolution, and the back-offs the kubelet prints.
describe("goDuration: time.Duration.String (time_test.go durationTests)", () => {
  it.each([
    [0, "0s"],
    [0.5, "500ms"],
    [3.3, "3.3s"],
    [4 * m + 5, "4m5s"],
    [4 * m + 5.001, "4m5.001s"],
    [5 * h + 6 * m + 7.001, "5h6m7.001s"],
    [10, "10s"],
    [160, "2m40s"],
    [300, "5m0s"],
    [h, "1h0m0s"],
    [-90, "-1m30s"],
  ])("%ss → %s", (seconds, text) => {
    expect(goDuration(seconds)).toBe(text);
  });
});
