// The kubelet's container restart back-off, as pkg/kubelet/kubelet.go builds it
// (flowcontrol.NewBackOff(backOffPeriod = 10s, MaxContainerBackOff = 300s)) and client-go's
// util/flowcontrol/backoff.go computes it: the first restart at once, then 10 s doubling to a
// 5-minute cap; an entry untouched for more than 2 × max (10 minutes) starts again from 10 s.
import { describe, expect, it } from "vitest";
import {
  CONTAINER_BACKOFF,
  hasExpired,
  isInBackOffSince,
  nextBackoff,
  type BackoffEntry,
} from "../../../src/engine/kubelet/backoff.ts";

/** A container that exits `runs` seconds after each start: when the kubelet restarts it, for n restarts. */
function restartTimes(firstExit: number, runs: number, n: number): number[] {
  let entry: BackoffEntry | undefined;
  let finishedAt = firstExit;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    // The pod worker syncs at the exit and then every 10 s (kubelet/pod_workers.go backOffPeriod).
    let t = finishedAt;
    while (isInBackOffSince(entry, finishedAt, t)) t += 10;
    entry = nextBackoff(entry, finishedAt, t);
    out.push(t);
    finishedAt = t + runs;
  }
  return out;
}

describe("CrashLoopBackOff (flowcontrol.Backoff with 10s / 300s)", () => {
  it("uses upstream's constants", () => {
    expect(CONTAINER_BACKOFF).toEqual({ initial: 10, max: 300 });
  });

  it("restarts at once, then waits 10s, 20s, 40s, 80s, 160s, 300s, 300s after each exit", () => {
    const starts = restartTimes(100, 1, 8);
    const exits = starts.map((s) => s + 1);
    const waits = starts.slice(1).map((s, i) => s - exits[i]);
    expect(starts[0]).toBe(100);
    expect(waits).toEqual([10, 20, 40, 80, 160, 300, 300]);
  });

  it("forgets the back-off once the container ran more than 10 minutes (hasExpired: > 2 × max)", () => {
    expect(hasExpired(701, 100, 300)).toBe(true);
    expect(hasExpired(700, 100, 300)).toBe(false); // exactly 2 × max is not past it
    expect(hasExpired(700, 400, 300)).toBe(false);
    // Backed off to 300 s, then a run of 11 minutes: the next exit restarts at once, at 10 s after.
    const entry: BackoffEntry = { backoff: 300, lastUpdate: 1000 };
    expect(isInBackOffSince(entry, 1000 + 660, 1000 + 660)).toBe(false);
    expect(nextBackoff(entry, 1660, 1660)).toEqual({ backoff: 10, lastUpdate: 1660 });
    // A run of 9 minutes keeps it: still 300 s.
    expect(isInBackOffSince(entry, 1540, 1540)).toBe(true);
    expect(nextBackoff(entry, 1540, 1840)).toEqual({ backoff: 300, lastUpdate: 1840 });
  });
});
