// The load model: how `load` statements become each pod's usage over time.
import { describe, expect, it } from "vitest";
import { WorkloadModel } from "../../src/engine/workload/loadModel.ts";
import { defaultSettings } from "../../src/engine/settings.ts";
import { MemStore, deployment, pod } from "../controllers/hpa/objects.ts";
import { intn, mulberry32 } from "../../src/engine/rng.ts";
import type { Pod } from "../../src/k8s/types.ts";
import { FrozenListStore } from "./frozenListStore.ts";

const settings = defaultSettings();

function setup(pods: ReturnType<typeof pod>[], cpuRequest = "200m") {
  const store = new MemStore([deployment("web", pods.length, cpuRequest), ...pods]);
  return { store, model: new WorkloadModel() };
}

describe("WorkloadModel", () => {
  it("spreads total demand evenly over Ready pods only; unready pods get none", () => {
    const { store, model } = setup([pod("a"), pod("b"), pod("c", { ready: false })]);
    model.setLoad(store, settings, 0, "web", { kind: "cpu", amount: { milli: 300 } });
    expect([model.cpuAt("a", 0), model.cpuAt("b", 0), model.cpuAt("c", 0)]).toEqual([150, 150, 0]);
  });

  it("reads a percentage as a share of ONE pod's request (template requests summed)", () => {
    const { store, model } = setup([pod("a")], "200m");
    model.setLoad(store, settings, 0, "web", { kind: "cpu", amount: { percentOfRequest: 180 } });
    expect(model.cpuAt("a", 0)).toBeCloseTo(360, 9);
  });

  it("terminating pods leave the Service's endpoints", () => {
    const { store, model } = setup([pod("a"), pod("b", { deleted: true })]);
    model.setLoad(store, settings, 0, "web", { kind: "cpu", amount: { milli: 300 } });
    expect([model.cpuAt("a", 0), model.cpuAt("b", 0)]).toEqual([300, 0]);
  });

  it("gives per-pod CPU to every Running pod, ready or not", () => {
    const { store, model } = setup([pod("a"), pod("b", { ready: false }), pod("p", { phase: "Pending" })]);
    model.setLoad(store, settings, 0, "web", { kind: "cpuPerPod", amount: { milli: 40 } });
    expect([model.cpuAt("a", 0), model.cpuAt("b", 0), model.cpuAt("p", 0)]).toEqual([40, 40, undefined]);
  });

  it("turns requests/s × cost into demand", () => {
    const { store, model } = setup([pod("a"), pod("b")]);
    model.setLoad(store, settings, 0, "web", { kind: "requests", rps: 200, costMilliPerRequest: 2 });
    expect(model.cpuAt("a", 0)).toBe(200);
  });

  it("caps a pod at its CPU limit and records the excess as unserved", () => {
    const store = new MemStore([deployment("web", 1), pod("a", { cpuRequest: "100m", cpuLimit: "100m" })]);
    const model = new WorkloadModel();
    model.setLoad(store, settings, 0, "web", { kind: "cpu", amount: { milli: 300 } });
    expect(model.cpuAt("a", 0)).toBe(100);
    expect(model.summaries(store, settings, 0).web).toMatchObject({
      demandMilli: 300,
      servedMilli: 100,
      unservedMilli: 200,
    });
  });

  it("leaves all demand unserved when no pod is Ready", () => {
    const { store, model } = setup([pod("a", { ready: false })]);
    model.setLoad(store, settings, 0, "web", { kind: "cpu", amount: { milli: 500 } });
    expect(model.summaries(store, settings, 0).web).toMatchObject({
      servedMilli: 0,
      unservedMilli: 500,
      readyPods: 0,
    });
  });

  it("re-spreads when pods change, keeping what was used so far", () => {
    const { store, model } = setup([pod("a")]);
    model.setLoad(store, settings, 0, "web", { kind: "cpu", amount: { milli: 200 } });
    store.put(pod("b", { start: 10 }));
    model.observe(store, settings, 10);
    model.advance(20);
    // a: 200m for 10 s, then 100m for 10 s.
    expect(model.cpuIntegral("a")).toBeCloseTo(3000, 9);
    expect(model.cpuIntegral("b")).toBeCloseTo(1000, 9);
  });

  it("accumulates CPU-seconds exactly over a ramp", () => {
    const { store, model } = setup([pod("a")]);
    model.setLoad(store, settings, 0, "web", {
      kind: "cpu",
      amount: { milli: 0 },
      rampTo: { milli: 600 },
      rampOver: 60,
    });
    model.advance(60);
    expect(model.cpuIntegral("a")).toBeCloseTo(18000, 9);
    expect(model.nextWakeup(0)).toBe(60);
    expect(model.nextWakeup(60)).toBeUndefined();
  });

  it("puts memory on the first N pods by creation, for a duration", () => {
    const { store, model } = setup([pod("a"), pod("b"), pod("c")]);
    model.setLoad(store, settings, 0, "web", { kind: "memoryPerPod", bytes: 1000, onPods: 2, duration: 30 });
    expect(["a", "b", "c"].map((p) => model.memoryAt(p, false))).toEqual([1000, 1000, 0]);
    expect(model.nextWakeup(0)).toBe(30);
    model.observe(store, settings, 30);
    expect(model.memoryAt("a", false)).toBe(0);
    expect(model.memoryAt("a", true)).toBe(1000);
  });

  it("`off` clears every channel", () => {
    const { store, model } = setup([pod("a")]);
    model.setLoad(store, settings, 0, "web", { kind: "cpu", amount: { milli: 200 } });
    model.setLoad(store, settings, 0, "web", { kind: "metric", name: "qps", valueMilli: 5000 });
    model.setLoad(store, settings, 5, "web", { kind: "off" });
    expect(model.cpuAt("a", 5)).toBe(0);
    expect(model.metricValue("web", "qps", 5)).toBeUndefined();
  });

  it("adds the configured baselines to every Running pod", () => {
    const { store, model } = setup([pod("a")]);
    const s = { ...settings, "pod.cpu-baseline": 5, "pod.memory-baseline": 1024 };
    model.setLoad(store, s, 0, "web", { kind: "cpu", amount: { milli: 100 } });
    expect(model.cpuAt("a", 0)).toBe(105);
    expect(model.memoryAt("a", false)).toBe(1024);
  });
});

describe("WorkloadModel: a warm-up spike (load cpu X per pod at startup for D)", () => {
  it("adds the spike to each Running pod, ready or not, for its first D seconds only", () => {
    // a started at 0, b at 60 (not yet ready): a spike of 800m for 90 s each.
    const { store, model } = setup([pod("a", { start: 0 }), pod("b", { start: 60, ready: false })]);
    model.setLoad(store, settings, 30, "web", { kind: "cpuPerPod", amount: { milli: 800 }, startupFor: 90 });
    expect([model.cpuAt("a", 30), model.cpuAt("b", 30)]).toEqual([800, 800]);
    // Each spike ends at start + 90: a at 90, b at 150 — the model asks to be woken then.
    expect(model.nextWakeup(30)).toBe(90);
    model.observe(store, settings, 90);
    expect([model.cpuAt("a", 90), model.cpuAt("b", 90)]).toEqual([0, 800]);
    expect(model.nextWakeup(90)).toBe(150);
    model.observe(store, settings, 150);
    expect([model.cpuAt("a", 150), model.cpuAt("b", 150)]).toEqual([0, 0]);
    expect(model.nextWakeup(150)).toBeUndefined();
  });

  it("a pod whose warm-up ended before the statement gets none; the spike stacks on the spread load and steady per-pod usage", () => {
    const { store, model } = setup([pod("old", { start: 0 }), pod("new", { start: 500 })]);
    model.setLoad(store, settings, 520, "web", { kind: "cpu", amount: { milli: 200 } });
    model.setLoad(store, settings, 520, "web", { kind: "cpuPerPod", amount: { milli: 10 } });
    model.setLoad(store, settings, 520, "web", {
      kind: "cpuPerPod",
      amount: { percentOfRequest: 400 },
      startupFor: 60,
    });
    // 100 (spread) + 10 (steady) for both; + 400% of the 200m request = 800 for the new pod.
    expect([model.cpuAt("old", 520), model.cpuAt("new", 520)]).toEqual([110, 910]);
    expect(model.summaries(store, settings, 520).web).toMatchObject({ demandMilli: 200 + 2 * 10 + 800 });
  });

  it("a summary read again between two spreads is the same until a warm-up ends or while a ramp moves", () => {
    const { store, model } = setup([pod("a", { start: 0 }), pod("b", { start: 60 })]);
    model.setLoad(store, settings, 70, "web", { kind: "cpu", amount: { milli: 200 } });
    model.setLoad(store, settings, 70, "web", { kind: "cpuPerPod", amount: { milli: 800 }, startupFor: 90 });
    const first = model.summaries(store, settings, 70).web;
    expect(first).toMatchObject({ demandMilli: 200 + 2 * 800 });
    expect(model.summaries(store, settings, 85).web).toBe(first);
    // a's warm-up ended at 90, with no spread since: read at 100, it is worked out anew.
    expect(model.summaries(store, settings, 100).web).toMatchObject({ demandMilli: 200 + 800 });
    model.setLoad(store, settings, 200, "web", {
      kind: "cpu",
      amount: { milli: 0 },
      rampTo: { milli: 600 },
      rampOver: 60,
    });
    expect(model.summaries(store, settings, 215).web).toMatchObject({ demandMilli: 150 });
    expect(model.summaries(store, settings, 230).web).toMatchObject({ demandMilli: 300 });
  });

  it("answers a wake-up anew after a spread whose warm-ups end elsewhere, as many as before", () => {
    // A spread keeps the last warm-up ends when they are the same (the kept answer holds):
    // here one pod's end gives way to another's, at the very instant the answer was asked.
    const store = new FrozenListStore([deployment("web", 1, "200m"), pod("a", { start: 0 })]);
    const model = new WorkloadModel();
    model.setLoad(store, settings, 10, "web", { kind: "cpuPerPod", amount: { milli: 800 }, startupFor: 90 });
    const ends = (model as unknown as { spikeEnds: readonly number[] }).spikeEnds;
    expect(model.nextWakeup(20)).toBe(90);
    // a written unready (its start and so its warm-up's end the same): the ends are kept.
    store.put(pod("a", { start: 0, ready: false }));
    model.observe(store, settings, 20);
    expect((model as unknown as { spikeEnds: readonly number[] }).spikeEnds).toBe(ends);
    expect(model.nextWakeup(20)).toBe(90);
    // a gone, b started at 20: one end again, at 110.
    store.remove("Pod", "a");
    store.put(pod("b", { start: 20 }));
    model.observe(store, settings, 20);
    expect(model.nextWakeup(20)).toBe(110);
  });

  it("answers a wake-up asked again at one instant anew after a load statement or a spread then", () => {
    // The answer is kept for the instant it was asked at, while the channels (load statements)
    // and the warm-up ends (each spread's) are those it read.
    // A store that keeps its frozen list while no pod is written: a spread over it from the
    // same inputs is the last one, kept.
    const store = new FrozenListStore([deployment("web", 1, "200m"), pod("a", { start: 0 })]);
    const model = new WorkloadModel();
    model.setLoad(store, settings, 0, "web", { kind: "cpu", amount: { milli: 100 } });
    expect(model.nextWakeup(10)).toBeUndefined();
    expect(model.nextWakeup(10)).toBeUndefined();
    // Requests at the same rate now, but not from 60 on: the spread is the one the pods have
    // (no new warm-up ends), and only the load statement tells the answer changed.
    model.setLoad(store, settings, 10, "web", {
      kind: "requests",
      rps: { t: [0], v: [10] },
      costMilliPerRequest: 1,
    });
    expect(model.nextWakeup(10)).toBeUndefined();
    model.setLoad(store, settings, 10, "web", {
      kind: "requests",
      rps: { t: [0, 50], v: [10, 20] },
      costMilliPerRequest: 1,
    });
    expect(model.nextWakeup(10)).toBe(60);
    model.setLoad(store, settings, 10, "web", {
      kind: "cpu",
      amount: { milli: 100 },
      rampTo: { milli: 200 },
      rampOver: 100,
    });
    expect(model.nextWakeup(10)).toBe(60);
    // a, running since 0, warms up until 30.
    model.setLoad(store, settings, 10, "web", { kind: "cpuPerPod", amount: { milli: 50 }, startupFor: 30 });
    // Asked at two instants by turns (an event's, the last spread's): each its own answer.
    expect(model.nextWakeup(35)).toBe(60);
    expect(model.nextWakeup(10)).toBe(30);
    expect(model.nextWakeup(35)).toBe(60);
    expect(model.nextWakeup(10)).toBe(30);
    // b, running from 35, warms up until 65: the spread at 35 gives that end, and a's is gone.
    store.put(pod("b", { start: 35 }));
    expect(model.nextWakeup(10)).toBe(30);
    model.observe(store, settings, 35);
    // Neither answer is kept past the spread.
    expect(model.nextWakeup(35)).toBe(60);
    expect(model.nextWakeup(10)).toBe(60);
    expect(model.nextWakeup(62)).toBe(65);
    expect(model.nextWakeup(62)).toBe(65);
  });

  it("CPU-seconds are integrated exactly across the spike's end", () => {
    const { store, model } = setup([pod("a", { start: 0 })]);
    model.setLoad(store, settings, 0, "web", { kind: "cpuPerPod", amount: { milli: 1000 }, startupFor: 30 });
    model.observe(store, settings, 30);
    model.advance(100);
    expect(model.cpuIntegral("a")).toBe(30 * 1000);
  });

  it("replays a signal: the value at each instant, a wake-up at each change, exact integrals", () => {
    const { store, model } = setup([pod("a"), pod("b")]);
    const rps = { t: [0, 60, 120, 180], v: [100, 400, 400, 0] };
    model.setLoad(store, settings, 30, "web", { kind: "requests", rps, costMilliPerRequest: 2 });
    expect(model.cpuAt("a", 30)).toBe(100);
    expect(model.nextWakeup(30)).toBe(90);
    model.observe(store, settings, 90);
    expect(model.cpuAt("a", 90)).toBe(400);
    // 150 repeats 400: the next change is the drop to 0 at 210.
    expect(model.nextWakeup(90)).toBe(210);
    model.observe(store, settings, 210);
    // Each pod: 60 s at 50 requests/s (2 m each) + 120 s at 200/s.
    expect(model.cpuIntegral("a")).toBeCloseTo(60 * 100 + 120 * 400, 9);
    expect(model.requestCount("a")).toBeCloseTo(60 * 50 + 120 * 200, 9);
  });

  it("counts the requests each Ready pod receives, none for an unready one", () => {
    const { store, model } = setup([pod("a"), pod("b"), pod("c", { ready: false })]);
    model.setLoad(store, settings, 0, "web", { kind: "requests", rps: 300, costMilliPerRequest: 1 });
    model.advance(10);
    expect([model.requestCount("a"), model.requestCount("b"), model.requestCount("c")]).toEqual([
      1500, 1500, 0,
    ]);
  });

  it("serves requests with each Ready pod's limit, else its request, less its other load", () => {
    const store = new MemStore([
      deployment("web", 2),
      pod("a", { cpuRequest: "500m" }),
      pod("b", { cpuRequest: "500m" }),
    ]);
    const model = new WorkloadModel();
    model.setLoad(store, settings, 0, "web", { kind: "requests", rps: 250, costMilliPerRequest: 5 });
    model.setLoad(store, settings, 0, "web", { kind: "cpu", amount: { milli: 200 } });
    // 500m each, 100m of it for `load cpu 200m` shared by two: 400m for requests → μ = 80/s.
    const r = model.summaries(store, settings, 0).web.requests!;
    expect(r).toMatchObject({ offered: 250, pods: 2, cpuPerPodMilli: 400, costMilli: 5, timeout: 60 });
    expect(r.podCapacity).toBe(80);
    expect(r.served).toBe(160);
    expect(r.dropped).toBe(90);
  });

  it("replays CPU from data on the cpu channel", () => {
    const { store, model } = setup([pod("a")]);
    model.setLoad(store, settings, 0, "web", { kind: "cpuSignal", milli: { t: [0, 60], v: [250, 750] } });
    expect(model.cpuAt("a", 0)).toBe(250);
    model.observe(store, settings, 60);
    expect(model.cpuAt("a", 60)).toBe(750);
  });
});

describe("WorkloadModel's layout across pods lists", () => {
  // layoutOf finds each pod's facts where the last list had them and falls back to its name:
  // whatever the lists do between two spreads (pods written in place, deleted in the middle,
  // created again under the same name, in other namespaces, in another order), each pod's
  // spread must be the one a model that never saw the earlier lists gives it.
  it("spreads every list as a model seeing only that list does", () => {
    const rng = mulberry32(20261206);
    const store = new MemStore([deployment("web", 0, "100m")]);
    const model = new WorkloadModel();
    model.setLoad(store, settings, 0, "web", { kind: "cpu", amount: { milli: 900 } });
    const names = Array.from({ length: 12 }, (_, i) => `web-${i}`);
    const inPlace = (p: Pod) => ({
      ...p,
      metadata: { ...p.metadata, namespace: intn(rng, 4) === 0 ? "prod" : "default" },
    });
    for (let t = 1; t <= 300; t++) {
      const name = names[intn(rng, names.length)];
      const listed = store.objects.find((o) => o.kind === "Pod" && o.metadata.name === name);
      const op = intn(rng, 4);
      if (listed !== undefined && op === 0) store.remove("Pod", name);
      else {
        const next = pod(name, {
          ready: intn(rng, 3) > 0,
          phase: intn(rng, 5) === 0 ? "Pending" : "Running",
          start: t - intn(rng, 3),
        });
        store.put(op === 1 ? next : inPlace(next));
      }
      if (intn(rng, 8) === 0) store.objects.reverse();
      model.observe(store, settings, t);
      const fresh = new WorkloadModel();
      fresh.setLoad(store, settings, t, "web", { kind: "cpu", amount: { milli: 900 } });
      for (const n of names) {
        expect([n, model.cpuAt(n, t), model.deploymentOf(n), model.servesTraffic(n)]).toEqual([
          n,
          fresh.cpuAt(n, t),
          fresh.deploymentOf(n),
          fresh.servesTraffic(n),
        ]);
      }
    }
  });
});

describe("WorkloadModel: a spread that would change no pod's state", () => {
  // A spread over the same frozen list under the same inputs is skipped (the spread generation
  // stays, so scrapes keep their groups). A plain MemStore hands out a new list at every read,
  // so the model over it spreads every time: the two must agree to the bit at every step.
  it("is skipped, and every pod's usage, memory and integral stay those of a spread done anew", () => {
    const rng = mulberry32(20261207);
    const names = ["a", "b", "c", "d"];
    const pods = names.map((n, i) => pod(n, { start: i * 20, ready: i !== 3 }));
    const quiet = new FrozenListStore([deployment("web", 4, "100m"), ...pods]);
    const plain = new MemStore([deployment("web", 4, "100m"), ...pods]);
    const skipping = new WorkloadModel();
    const spreading = new WorkloadModel();
    const loads: Parameters<WorkloadModel["setLoad"]>[4][] = [
      { kind: "cpu", amount: { milli: 500 } },
      { kind: "cpu", amount: { milli: 700 } },
      { kind: "cpu", amount: { percentOfRequest: 350 } },
      { kind: "cpu", amount: { milli: 100 }, rampTo: { milli: 900 }, rampOver: 40 },
      { kind: "cpuPerPod", amount: { milli: 30 } },
      { kind: "cpuPerPod", amount: { milli: 800 }, startupFor: 90 },
      { kind: "memoryPerPod", bytes: 4096, onPods: 2, duration: 100 },
      { kind: "requests", rps: 40, costMilliPerRequest: 2 },
    ];
    let skipped = 0;
    for (let t = 1; t <= 600; t += 1 + intn(rng, 20)) {
      // Mostly a load statement seen before; now and then a pod written.
      if (intn(rng, 10) === 0) {
        const i = intn(rng, names.length);
        const p = pod(names[i], { start: i * 20, ready: intn(rng, 2) === 0 });
        quiet.put(p);
        plain.put(p);
        skipping.observe(quiet, settings, t);
        spreading.observe(plain, settings, t);
      } else {
        const load = loads[intn(rng, intn(rng, 2) === 0 ? 2 : loads.length)];
        const before = skipping.spreadGeneration;
        skipping.setLoad(quiet, settings, t, "web", load);
        spreading.setLoad(plain, settings, t, "web", load);
        if (skipping.spreadGeneration === before) skipped++;
      }
      for (const n of names) {
        expect([n, skipping.cpuAt(n, t), skipping.memoryAt(n, true), skipping.cpuIntegral(n)]).toEqual([
          n,
          spreading.cpuAt(n, t),
          spreading.memoryAt(n, true),
          spreading.cpuIntegral(n),
        ]);
        expect(skipping.requestCount(n)).toBe(spreading.requestCount(n));
      }
      expect(skipping.summaries(quiet, settings, t)).toEqual(spreading.summaries(plain, settings, t));
      expect(skipping.nextWakeup(t)).toBe(spreading.nextWakeup(t));
    }
    expect(skipped).toBeGreaterThan(5);
  });

  it("a `load cpu` repeated later keeps the pods' demand: integrals to the bit of one statement", () => {
    const once = setup([pod("a"), pod("b")]);
    const again = setup([pod("a"), pod("b")]);
    once.model.setLoad(once.store, settings, 0, "web", { kind: "cpu", amount: { milli: 333 } });
    again.model.setLoad(again.store, settings, 0, "web", { kind: "cpu", amount: { milli: 333 } });
    for (const t of [7.5, 300, 301.25, 650]) {
      again.model.setLoad(again.store, settings, t, "web", { kind: "cpu", amount: { milli: 333 } });
      once.model.advance(t);
    }
    once.model.advance(1000.3);
    again.model.advance(1000.3);
    expect(again.model.cpuIntegral("a")).toBe(once.model.cpuIntegral("a"));
    expect(again.model.cpuIntegral("b")).toBe(once.model.cpuIntegral("b"));
  });

  it("summaries read again while none changed give the same record (the recorder skips it by identity)", () => {
    const { store, model } = setup([pod("a")]);
    model.setLoad(store, settings, 0, "web", { kind: "cpuSignal", milli: { t: [0, 60], v: [250, 750] } });
    const first = model.summaries(store, settings, 10);
    expect(Object.isFrozen(first)).toBe(true);
    // A replayed signal's summary holds until its next change (60 s).
    expect(model.summaries(store, settings, 59)).toBe(first);
    model.observe(store, settings, 60);
    expect(model.summaries(store, settings, 60).web).toMatchObject({ demandMilli: 750 });
  });
});

describe("WorkloadModel: a load change over the same pods, spread group by group", () => {
  // Pods that read the same share one state, rewritten in place once per group when only the
  // load changed (statesGeneration stays); a model over a plain MemStore (a new list at every
  // read) spreads pod by pod every time: the two must agree to the bit.
  it("gives every pod the state a pod-by-pod spread gives it", () => {
    const rng = mulberry32(20261208);
    const names = Array.from({ length: 9 }, (_, i) => `web-${i}`);
    const podOf = (i: number, ready: boolean) =>
      pod(names[i], { start: Math.floor(i / 3) * 10, ready, cpuLimit: i === 8 ? "150m" : undefined });
    const pods = names.map((_, i) => podOf(i, i !== 4));
    const grouped = new FrozenListStore([deployment("web", 9, "100m"), ...pods]);
    const plain = new MemStore([deployment("web", 9, "100m"), ...pods]);
    const byGroup = new WorkloadModel();
    const byPod = new WorkloadModel();
    let inPlace = 0;
    for (let t = 1; t <= 900; t += 1 + intn(rng, 30)) {
      if (intn(rng, 8) === 0) {
        const i = intn(rng, names.length);
        const p = podOf(i, intn(rng, 3) > 0);
        grouped.put(p);
        plain.put(p);
        byGroup.observe(grouped, settings, t);
        byPod.observe(plain, settings, t);
      } else {
        const load: Parameters<WorkloadModel["setLoad"]>[4] =
          intn(rng, 4) === 0
            ? {
                kind: "cpuPerPod",
                amount: { milli: 10 * intn(rng, 5) },
                startupFor: 20 * intn(rng, 3) || undefined,
              }
            : intn(rng, 5) === 0
              ? { kind: "memoryPerPod", bytes: 1000 * intn(rng, 4), duration: 50 }
              : { kind: "cpu", amount: { milli: 100 * (1 + intn(rng, 20)) } };
        const states = byGroup.statesGeneration;
        const spreads = byGroup.spreadGeneration;
        byGroup.setLoad(grouped, settings, t, "web", load);
        byPod.setLoad(plain, settings, t, "web", load);
        if (byGroup.statesGeneration === states && byGroup.spreadGeneration !== spreads) inPlace++;
      }
      byGroup.advance(t + 7);
      byPod.advance(t + 7);
      for (const n of names)
        expect([n, byGroup.cpuAt(n, t + 7), byGroup.memoryAt(n, true), byGroup.cpuIntegral(n)]).toEqual([
          n,
          byPod.cpuAt(n, t + 7),
          byPod.memoryAt(n, true),
          byPod.cpuIntegral(n),
        ]);
      expect(byGroup.summaries(grouped, settings, t + 7)).toEqual(byPod.summaries(plain, settings, t + 7));
    }
    expect(inPlace).toBeGreaterThan(10);
  });
});

describe("WorkloadModel: pods side by side that differ in one thing the spread reads", () => {
  it("each gets its own limit, readiness and warm-up, before and after a load change", () => {
    const store = new FrozenListStore([
      deployment("web", 4, "100m"),
      pod("a", { start: 20 }),
      pod("b", { start: 20, cpuLimit: "150m" }),
      pod("c", { start: 20, ready: false }),
      pod("d", { start: 25 }),
    ]);
    const model = new WorkloadModel();
    model.setLoad(store, settings, 30, "web", { kind: "cpuPerPod", amount: { milli: 40 }, startupFor: 12 });
    model.setLoad(store, settings, 30, "web", { kind: "cpu", amount: { milli: 900 } });
    // Ready a, b, d share 900m; every pod takes 40m in its first 12 s (a, b, c until 32, d until 37).
    expect(["a", "b", "c", "d"].map((n) => model.cpuAt(n, 30))).toEqual([340, 150, 40, 340]);
    model.setLoad(store, settings, 33, "web", { kind: "cpu", amount: { milli: 600 } });
    expect(["a", "b", "c", "d"].map((n) => model.cpuAt(n, 33))).toEqual([200, 150, 0, 240]);
  });
});

describe("WorkloadModel: the loaded workload as stored", () => {
  // A store whose pods list stays while only a Deployment is written: the layout is kept by
  // the load keys' sources (namespace and selector), and the workload is read from the stored
  // object at each spread.
  class PodsKeptStore extends FrozenListStore {
    override put(o: Parameters<FrozenListStore["put"]>[0]): void {
      if (o.kind === "Pod") super.put(o);
      else MemStore.prototype.put.call(this, o);
    }
  }
  const labelled = (p: Pod, app: string): Pod => ({ ...p, metadata: { ...p.metadata, labels: { app } } });

  it("reads a Deployment written since: its new selector, and its spec kept across a status write", () => {
    const web = deployment("web", 1, "100m");
    const store = new PodsKeptStore([web, pod("a"), labelled(pod("b"), "api")]);
    const model = new WorkloadModel();
    model.setLoad(store, settings, 0, "web", { kind: "cpu", amount: { percentOfRequest: 300 } });
    expect([model.cpuAt("a", 0), model.cpuAt("b", 0)]).toEqual([300, 0]);
    // A status write: the same spec object, the same pods carry the load.
    store.put({ ...web, status: { replicas: 2 } });
    model.setLoad(store, settings, 10, "web", { kind: "cpu", amount: { percentOfRequest: 200 } });
    expect([model.cpuAt("a", 10), model.cpuAt("b", 10)]).toEqual([200, 0]);
    // The selector and the template's request changed: b carries the load, at 200% of 50m.
    store.put({
      ...web,
      spec: {
        ...web.spec,
        selector: { matchLabels: { app: "api" } },
        template: deployment("web", 1, "50m").spec.template,
      },
    });
    model.observe(store, settings, 20);
    expect([model.cpuAt("a", 20), model.cpuAt("b", 20)]).toEqual([0, 100]);
  });
});
