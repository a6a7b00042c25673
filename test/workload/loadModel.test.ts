// The load model: how `load` statements become each pod's usage over time.
import { describe, expect, it } from "vitest";
import { WorkloadModel } from "../../src/engine/workload/loadModel.ts";
import { defaultSettings } from "../../src/engine/settings.ts";
import { MemStore, deployment, pod } from "../controllers/hpa/objects.ts";

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
    expect(model.metricValue("web", "qps")).toBeUndefined();
  });

  it("adds the configured baselines to every Running pod", () => {
    const { store, model } = setup([pod("a")]);
    const s = { ...settings, "pod.cpu-baseline": 5, "pod.memory-baseline": 1024 };
    model.setLoad(store, s, 0, "web", { kind: "cpu", amount: { milli: 100 } });
    expect(model.cpuAt("a", 0)).toBe(105);
    expect(model.memoryAt("a", false)).toBe(1024);
  });
});
