// The legacy stabilization's chain of steps (stabilizationCycle.ts): a step that repeats the one a
// list-length before takes that step's answer. horizontal.go stabilizeRecommendation replaces the
// last stale recommendation at every sync, so a steady HPA's list turns round; every answer taken
// so must be the one the walk of the list gives.
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  stabilizeRecommendation,
  type TimestampedRecommendation,
} from "../../../src/engine/controllers/hpa/normalize.ts";
import { StabilizationCycle } from "../../../src/engine/controllers/hpa/stabilizationCycle.ts";

/** A small deterministic generator (the test's steps must repeat from run to run). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface Step {
  now: number;
  windowSeconds: number;
  desired: number;
}

/**
 * Runs the steps twice, the chain carried and not, and checks every step's answer against the
 * walk's; gives how many steps took a repeated answer.
 */
function replay(steps: readonly Step[]): number {
  const repeated = vi.spyOn(StabilizationCycle.prototype, "repeated");
  let carried: TimestampedRecommendation[] = [];
  let walked: TimestampedRecommendation[] = [];
  let cycle: StabilizationCycle | undefined;
  let taken = 0;
  for (const step of steps) {
    const a = stabilizeRecommendation({
      now: step.now,
      windowSeconds: step.windowSeconds,
      desiredReplicas: step.desired,
      recommendations: carried,
      cycle,
    });
    const calls = repeated.mock.results.length;
    if (calls > 0 && (repeated.mock.results[calls - 1].value as number) >= 0) taken++;
    repeated.mockClear();
    const b = stabilizeRecommendation({
      now: step.now,
      windowSeconds: step.windowSeconds,
      desiredReplicas: step.desired,
      recommendations: walked,
    });
    expect(a.replicas).toBe(b.replicas);
    expect(a.window).toEqual(b.window);
    expect(a.recommendations).toEqual(b.recommendations);
    carried = a.recommendations;
    walked = b.recommendations;
    cycle = a.cycle;
  }
  repeated.mockRestore();
  return taken;
}

afterEach(() => vi.restoreAllMocks());

describe("the legacy stabilization's chain of steps", () => {
  it("a steady HPA (one proposal, 15 s syncs, 300 s window) takes each step after the second turn from the one 21 before", () => {
    const steps: Step[] = [];
    for (let t = 15; t <= 15 * 200; t += 15) steps.push({ now: t, windowSeconds: 300, desired: 7 });
    // 21 pushes fill the list (20 entries in the window and the one going stale), then the
    // chain's steps: its first has no interval before it, so the one a turn after it is not
    // alike; a whole turn of alike steps after that, and every step from then on is taken.
    expect(replay(steps)).toBe(200 - 21 - (1 + 2 * 21));
  });

  it("a proposal that changes now and then: the steps taken are the walk's, and some are taken", () => {
    const steps: Step[] = [];
    const next = lcg(7);
    let desired = 5;
    for (let t = 15; t <= 15 * 2000; t += 15) {
      if (next() < 0.01) desired = 3 + Math.floor(next() * 6);
      steps.push({ now: t, windowSeconds: 300, desired });
    }
    expect(replay(steps)).toBeGreaterThan(1000);
  });

  it.each([1, 2, 3, 4, 5, 6])(
    "syncs late or early, a window that changes, proposals that change (seed %d): every answer is the walk's",
    (seed) => {
      // A late sync leaves two entries stale at once (the last stale one is replaced, the
      // other stays), an early one leaves none (the list grows); either way the list no longer
      // turns round as before, and a step must not take the answer of one that differs by its
      // interval, its window, its proposal or the places replaced since.
      const next = lcg(seed);
      const steps: Step[] = [];
      let desired = 4;
      let windowSeconds = 300;
      for (let t = 15, k = 0; k < 3000; k++) {
        const r = next();
        t += r < 0.01 ? 30 : r < 0.02 ? 8 : r < 0.025 ? 16 : 15;
        if (next() < 0.01) desired = 2 + Math.floor(next() * 4);
        if (next() < 0.002) windowSeconds = windowSeconds === 300 ? 150 : 300;
        steps.push({ now: t, windowSeconds, desired });
      }
      expect(replay(steps)).toBeGreaterThan(50);
    },
  );

  it("a list not rewritten in a turn is no chain: places written n steps apart and at no step between", () => {
    // Two entries recorded ahead of the steps' clock stay in the window (never the last stale
    // one), and the other two places take turns: each step replaces the place the step four
    // before replaced, with the same interval and proposal, but the entries kept age, so the
    // window of the step four before is not this one's. (The controller's lists hold no entry
    // ahead of its clock: the check keeps the premise the chain rests on, every place rewritten
    // within the turn.)
    const list = [
      { recommendation: 9, timestamp: 100_000 },
      { recommendation: 8, timestamp: 100_000 },
      { recommendation: 3, timestamp: 0 },
      { recommendation: 3, timestamp: 10 },
    ];
    let cycle: StabilizationCycle | undefined;
    let recommendations = list;
    const repeated = vi.spyOn(StabilizationCycle.prototype, "repeated");
    for (let t = 20; t <= 400; t += 10) {
      const a = stabilizeRecommendation({
        now: t,
        windowSeconds: 15,
        desiredReplicas: 3,
        recommendations,
        cycle,
      });
      const b = stabilizeRecommendation({ now: t, windowSeconds: 15, desiredReplicas: 3, recommendations });
      expect(a.window).toEqual(b.window);
      recommendations = a.recommendations;
      cycle = a.cycle;
    }
    // Asked at every step past the first (the chain is carried), and never answered.
    expect(repeated.mock.results.length).toBe(38);
    expect(repeated.mock.results.every((r) => r.value === -1)).toBe(true);
  });

  it("a clock in fractions of a second starts no chain: ages are exact only in whole seconds", () => {
    const steps: Step[] = [];
    for (let k = 1; k <= 200; k++) steps.push({ now: k * 15.1, windowSeconds: 300, desired: 7 });
    expect(replay(steps)).toBe(0);
  });
});
