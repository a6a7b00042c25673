// groupPods (replica_calculator.go): the CPU readiness rules at their boundaries, with the
// production flags (CPU initialization 300 s, initial readiness delay 30 s).
import { describe, expect, it } from "vitest";
import {
  groupPods,
  type PodGroup,
  type PodMetricsInfo,
} from "../../../src/engine/controllers/hpa/groupPods.ts";
import type { Pod } from "../../../src/k8s/types.ts";
import { pod, type PodOpts } from "./objects.ts";
import { intn, mulberry32 } from "../../../src/engine/rng.ts";

const cfg = { cpuInitializationPeriod: 300, initialReadinessDelay: 30 };

function groupOf(
  o: PodOpts,
  sample: { at: number; window: number } | undefined,
  now: number,
  resource = "cpu",
): PodGroup {
  const metrics = new Map(sample ? [["p", { value: 10, timestamp: sample.at, window: sample.window }]] : []);
  return groupPods([pod("p", o)], metrics, resource, cfg, now).why.p.group;
}

describe("groupPods with production flags", () => {
  it.each([
    [
      "Ready at 20, sampled at 30 with a 15 s window: the window began before readiness",
      { start: 0, readySince: 20 },
      { at: 30, window: 15 },
      30,
      "unready",
    ],
    [
      "Ready at 20, sampled at 35: exactly one window after readiness",
      { start: 0, readySince: 20 },
      { at: 35, window: 15 },
      35,
      "ready",
    ],
    [
      "Ready=False inside the initialization period",
      { start: 0, ready: false, readySince: 10 },
      { at: 60, window: 15 },
      60,
      "unready",
    ],
    [
      "after the period, unready but once ready after the delay: still counted",
      { start: 0, ready: false, readySince: 400 },
      { at: 420, window: 15 },
      420,
      "ready",
    ],
    [
      "after the period, never ready since its start delay",
      { start: 0, ready: false, readySince: 20 },
      { at: 420, window: 15 },
      420,
      "unready",
    ],
    ["being deleted", { start: 0, deleted: true }, { at: 60, window: 15 }, 60, "ignored"],
    ["phase Failed", { start: 0, phase: "Failed" }, { at: 60, window: 15 }, 60, "ignored"],
    ["phase Pending", { start: 0, phase: "Pending" }, undefined, 60, "unready"],
    ["Running without a sample", { start: 0 }, undefined, 60, "missing"],
  ] as const)("%s → %s", (_name, o, sample, now, group) => {
    expect(groupOf(o as PodOpts, sample, now)).toBe(group);
  });

  it("applies no readiness rule to memory", () => {
    expect(groupOf({ start: 0, ready: false, readySince: 10 }, { at: 60, window: 15 }, 60, "memory")).toBe(
      "ready",
    );
  });

  // The bounds within which the same pods and sample values group the same at a later sync
  // (the HPA keeps its outcome within them): each is the instant a rule of groupPods flips.
  const stableWhile = (o: PodOpts, sample: { at: number; window: number }, now: number) =>
    groupPods(
      [pod("p", o)],
      new Map([["p", { value: 10, timestamp: sample.at, window: sample.window }]]),
      "cpu",
      cfg,
      now,
    ).stableWhile;

  it("bounds a pod inside the initialization period by its end, and an early window by readiness + window", () => {
    // unready until a sample stamped 20 + 15 = 35 or later; the period's rules apply until 0 + 300
    expect(stableWhile({ start: 0, readySince: 20 }, { at: 30, window: 15 }, 30)).toEqual({
      nowBefore: 300,
      stampsBefore: 35,
    });
    // already ready by the window rule: later samples keep it so; only the period's end moves it
    expect(stableWhile({ start: 0, readySince: 20 }, { at: 35, window: 15 }, 35)).toEqual({
      nowBefore: 300,
      stampsBefore: Infinity,
    });
  });

  it("puts no bound on a pod past its initialization period", () => {
    expect(stableWhile({ start: 0, ready: false, readySince: 400 }, { at: 420, window: 15 }, 420)).toEqual({
      nowBefore: Infinity,
      stampsBefore: Infinity,
    });
  });
});

// groupPods carries each pod's view from the last list it viewed for a pod that is the same
// object (listAlign.ts): over a run of changing lists, each grouping must be the one made from
// copies of the same pods, which share no object with any list before.
describe("groupPods over a run of lists", () => {
  it("groups each list as reading every pod afresh does", () => {
    const rng = mulberry32(77);
    const phases = ["Running", "Pending", "Failed"] as const;
    const made = (name: string, t: number) =>
      pod(name, {
        phase: phases[intn(rng, 3) === 0 ? 1 + intn(rng, 2) : 0],
        ready: intn(rng, 4) > 0,
        start: t - intn(rng, 400),
        readySince: t - intn(rng, 60),
        deleted: intn(rng, 10) === 0,
      });
    let list = Array.from({ length: 25 }, (_, i) => made(`p${i}`, 400));
    const runs: { frozen: readonly Pod[]; metrics: PodMetricsInfo; t: number; carried: object }[] = [];
    for (let t = 401; t <= 600; t++) {
      list = list
        .filter(() => intn(rng, 12) > 0)
        .map((p) => (intn(rng, 5) === 0 ? made(p.metadata.name, t) : p));
      for (let n = intn(rng, 3); n > 0; n--) list.push(made(`q${t}-${n}`, t));
      if (intn(rng, 10) === 0) list.reverse();
      const metrics = new Map(
        list
          .filter(() => intn(rng, 6) > 0)
          .map((p) => [p.metadata.name, { value: 100, timestamp: t - intn(rng, 30), window: 15 }] as const),
      );
      const frozen = Object.freeze([...list]);
      const carried = groupPods(frozen, metrics, "cpu", cfg, t);
      runs.push({ frozen, metrics, t, carried: { ...carried, why: carried.why } });
    }
    // Afterwards, so that the lists above follow one another.
    for (const { frozen, metrics, t, carried } of runs) {
      const fresh = groupPods(structuredClone(frozen), metrics, "cpu", cfg, t);
      expect(carried).toEqual({ ...fresh, why: fresh.why });
    }
  });
});
