// The simulated metrics-server: scrape windows, first samples, caps, memory and custom metrics.
import { describe, expect, it } from "vitest";
import { CustomMetricsPipeline } from "../../src/engine/metrics/customMetrics.ts";
import { MetricsServer } from "../../src/engine/metrics/metricsServer.ts";
import { WorkloadModel } from "../../src/engine/workload/loadModel.ts";
import { defaultSettings, type Settings } from "../../src/engine/settings.ts";
import { MemStore, deployment, pod } from "../controllers/hpa/objects.ts";
import { FrozenListStore } from "../workload/frozenListStore.ts";
import { intn, mulberry32 } from "../../src/engine/rng.ts";

function rig(pods: ReturnType<typeof pod>[], s: Partial<Settings> = {}) {
  const settings = { ...defaultSettings(), ...s };
  const store = new MemStore([deployment("web", pods.length, "100m"), ...pods]);
  const workload = new WorkloadModel();
  const server = new MetricsServer(workload, new CustomMetricsPipeline(workload));
  workload.observe(store, settings, 0);
  return { settings, store, workload, server };
}

const cpuOf = (server: MetricsServer, p: string) => server.sample(p)?.containers.nginx.cpu;

describe("MetricsServer", () => {
  it("a step from 0 to 180% of one pod's request shows fully in the first full-window sample", () => {
    const { settings, store, workload, server } = rig([pod("a", { cpuRequest: "100m" })]);
    server.scrape(store, settings, 15);
    workload.setLoad(store, settings, 20, "web", { kind: "cpu", amount: { percentOfRequest: 180 } });
    server.scrape(store, settings, 30);
    expect(cpuOf(server, "a")).toBe(120); // 10 s of 180m averaged over 15 s
    server.scrape(store, settings, 45);
    expect(cpuOf(server, "a")).toBe(180);
    expect(server.sample("a")).toMatchObject({ timestamp: 45, window: 15 });
  });

  it("keeps its samples' generation while a steady load only re-stamps them, and moves it when a value changes", () => {
    const { settings, store, workload, server } = rig([
      pod("a", { cpuRequest: "100m" }),
      pod("b", { cpuRequest: "100m" }),
    ]);
    workload.setLoad(store, settings, 0, "web", { kind: "cpu", amount: { milli: 120 } });
    server.scrape(store, settings, 0);
    server.scrape(store, settings, 15);
    const first = server.samplesState;
    const containers = server.sample("a")?.containers;
    server.scrape(store, settings, 30);
    expect(server.samplesState).toEqual({ generation: first.generation, stampedUpTo: 30 });
    expect(server.sample("a")).toMatchObject({ timestamp: 30, window: 15 });
    expect(server.sample("a")?.containers).toBe(containers);
    workload.setLoad(store, settings, 40, "web", { kind: "cpu", amount: { milli: 300 } });
    server.scrape(store, settings, 45);
    expect(cpuOf(server, "a")).toBe(90); // (10 s × 60m + 5 s × 150m) / 15 s
    expect(server.samplesState.generation).not.toBe(first.generation);
  });

  it("pods scraped as one group part exactly when one of them stops taking load", () => {
    // a and b start together under one load: one run, one point, one sample each of 100m.
    const { settings, store, workload, server } = rig([
      pod("a", { cpuRequest: "100m" }),
      pod("b", { cpuRequest: "100m" }),
    ]);
    workload.setLoad(store, settings, 0, "web", { kind: "cpu", amount: { milli: 200 } });
    server.scrape(store, settings, 0);
    server.scrape(store, settings, 15);
    expect([cpuOf(server, "a"), cpuOf(server, "b")]).toEqual([100, 100]);
    // b goes unready at 20: from then a takes all 200m and b none.
    store.put(pod("b", { cpuRequest: "100m", ready: false }));
    workload.observe(store, settings, 20);
    server.scrape(store, settings, 30);
    expect([cpuOf(server, "a"), cpuOf(server, "b")]).toEqual([167, 34]); // (5×100 + 10×200)/15, 5×100/15
    server.scrape(store, settings, 45);
    // (ceilMilli of a zero rate is -0, as it always was: JSON writes it 0)
    expect([cpuOf(server, "a"), cpuOf(server, "b")]).toEqual([200, -0]);
    expect(server.sample("b")).toMatchObject({ pod: "b", timestamp: 45, window: 15 });
  });

  it("gives a pod no sample until it has been running for a whole window", () => {
    const { settings, store, workload, server } = rig([pod("a", { cpuRequest: "100m" })]);
    workload.setLoad(store, settings, 0, "web", { kind: "cpu", amount: { milli: 50 } });
    server.scrape(store, settings, 0);
    expect(server.sample("a")).toBeUndefined();
    server.scrape(store, settings, 15);
    expect(cpuOf(server, "a")).toBe(50);
  });

  it("averages a ramp exactly over each window", () => {
    const { settings, store, workload, server } = rig([pod("a", { cpuRequest: "100m" })]);
    workload.setLoad(store, settings, 0, "web", {
      kind: "cpu",
      amount: { milli: 0 },
      rampTo: { milli: 1000 },
      rampOver: 60,
    });
    server.scrape(store, settings, 0);
    const seen: number[] = [];
    for (const t of [15, 30, 45, 60, 75]) {
      server.scrape(store, settings, t);
      seen.push(cpuOf(server, "a")!);
    }
    expect(seen).toEqual([125, 375, 625, 875, 1000]);
  });

  it("reports a capped pod at its limit", () => {
    const { settings, store, workload, server } = rig([pod("a", { cpuRequest: "100m", cpuLimit: "150m" })]);
    workload.setLoad(store, settings, 0, "web", { kind: "cpu", amount: { milli: 400 } });
    server.scrape(store, settings, 0);
    server.scrape(store, settings, 15);
    expect(cpuOf(server, "a")).toBe(150);
  });

  it("reports memory as the working set at the scrape, in milli-bytes; retained when memory.retain is set", () => {
    for (const [retain, expected] of [
      [false, 0],
      [true, 52428800 * 1000],
    ] as const) {
      const { settings, store, workload, server } = rig([pod("a")], { "memory.retain": retain });
      workload.setLoad(store, settings, 0, "web", { kind: "memoryPerPod", bytes: 52428800, duration: 20 });
      server.scrape(store, settings, 0);
      server.scrape(store, settings, 15);
      expect(server.sample("a")!.containers.nginx.memory).toBe(52428800 * 1000);
      workload.observe(store, settings, 20);
      server.scrape(store, settings, 30);
      expect(server.sample("a")!.containers.nginx.memory).toBe(expected);
    }
  });

  it("splits a pod's usage over its containers by their requests", () => {
    const p = pod("a", { cpuRequest: "100m", containers: ["app", "log"] });
    p.spec.containers[1].resources = { requests: { cpu: "300m" } };
    const { settings, store, workload, server } = rig([p]);
    workload.setLoad(store, settings, 0, "web", { kind: "cpu", amount: { milli: 400 } });
    server.scrape(store, settings, 0);
    server.scrape(store, settings, 15);
    expect(server.sample("a")!.containers).toMatchObject({ app: { cpu: 100 }, log: { cpu: 300 } });
  });

  it("drops the samples of pods that stopped running", () => {
    const { settings, store, workload, server } = rig([pod("a")]);
    server.scrape(store, settings, 0);
    server.scrape(store, settings, 15);
    expect(server.sample("a")).toBeDefined();
    store.remove("Pod", "a");
    workload.observe(store, settings, 20);
    server.scrape(store, settings, 30);
    expect(server.sample("a")).toBeUndefined();
  });

  it("serves custom metrics through the pipeline, as Prometheus last scraped them", () => {
    const { settings, store, workload } = rig([pod("a"), pod("b")]);
    const custom = new CustomMetricsPipeline(workload);
    const server = new MetricsServer(workload, custom);
    workload.setLoad(store, settings, 0, "web", { kind: "metric", name: "qps", valueMilli: 7000 });
    custom.maybeScrape(store, settings, 0);
    server.setClock(40, settings);
    const client = server.client("default");
    expect(client.podsMetric("qps", ["a", "b"])).toEqual([
      { pod: "a", valueMilli: 7000, timestamp: 40, window: 60 },
      { pod: "b", valueMilli: 7000, timestamp: 40, window: 60 },
    ]);
    expect(client.objectMetric("Deployment", "web", "qps")).toBe(7000);
    expect(client.objectMetric("Ingress", "main", "qps")).toBe(7000);
    expect(client.externalMetric("qps", undefined)).toEqual([7000]);
    expect(client.externalMetric("latency", undefined)).toBeUndefined();
    expect(client.podsMetric("latency", ["a"])).toEqual([]);
  });
});

describe("MetricsServer: groups kept across a spread that rewrote the pods' states in place", () => {
  // Over a store that hands out one frozen list until a pod is written, a load change keeps
  // the pods' state objects (the load model rewrites each group's in place), and the scrape
  // keeps its groups while their pods are still alike; over a plain MemStore (a new list at
  // every read) it regroups at every scrape. Every pod's sample must be the same either way.
  it("gives every pod the sample a regrouping gives it", () => {
    const rng = mulberry32(20261209);
    const settings = defaultSettings();
    const names = Array.from({ length: 8 }, (_, i) => `web-${i}`);
    const podOf = (i: number, ready: boolean) =>
      pod(names[i], { start: Math.floor(i / 3) * 10, ready, cpuRequest: "100m" });
    const pods = names.map((_, i) => podOf(i, true));
    const kept = new FrozenListStore([deployment("web", 8, "100m"), ...pods]);
    const plain = new MemStore([deployment("web", 8, "100m"), ...pods]);
    const rigOf = () => {
      const workload = new WorkloadModel();
      return { workload, server: new MetricsServer(workload, new CustomMetricsPipeline(workload)) };
    };
    const a = rigOf();
    const b = rigOf();
    let keptGroups = 0;
    for (let t = 15; t <= 1800; t += 15) {
      const op = intn(rng, 6);
      if (op === 0) {
        const i = intn(rng, names.length);
        const p = podOf(i, intn(rng, 3) > 0);
        kept.put(p);
        plain.put(p);
        a.workload.observe(kept, settings, t - 5);
        b.workload.observe(plain, settings, t - 5);
      } else if (op < 4) {
        const load = { kind: "cpu" as const, amount: { milli: 50 * (1 + intn(rng, 30)) } };
        a.workload.setLoad(kept, settings, t - 5, "web", load);
        b.workload.setLoad(plain, settings, t - 5, "web", load);
      }
      const groups = (a.server as unknown as { grouped: unknown }).grouped;
      const spread = a.workload.spreadGeneration;
      a.server.scrape(kept, settings, t);
      b.server.scrape(plain, settings, t);
      if (
        op !== 0 &&
        groups !== undefined &&
        (a.server as unknown as { grouped: unknown }).grouped === groups
      )
        if (spread !== 0) keptGroups++;
      for (const n of names) expect([n, a.server.sample(n)]).toEqual([n, b.server.sample(n)]);
    }
    expect(keptGroups).toBeGreaterThan(20);
  });
});
