// The simulated metrics-server: scrape windows, first samples, caps, memory and custom metrics.
import { describe, expect, it } from "vitest";
import { CustomMetricsPipeline } from "../../src/engine/metrics/customMetrics.ts";
import { MetricsServer } from "../../src/engine/metrics/metricsServer.ts";
import { WorkloadModel } from "../../src/engine/workload/loadModel.ts";
import { defaultSettings, type Settings } from "../../src/engine/settings.ts";
import { MemStore, deployment, pod } from "../controllers/hpa/objects.ts";
import { FrozenListStore } from "../workload/frozenListStore.ts";
import { Windows } from "../../src/engine/faults/index.ts";
import { intn, mulberry32 } from "../../src/engine/rng.ts";
import type { Deployment, Pod } from "../../src/k8s/types.ts";
import type { LoadSpec } from "../../src/engine/workload/types.ts";

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
    // Asked again with nothing scraped since, the same object; one given is never changed
    // after (an HPA's kept outcome compares against the values it read).
    expect(server.samplesState).toBe(first);
    const containers = server.sample("a")?.containers;
    server.scrape(store, settings, 30);
    expect(first).toEqual({ generation: first.generation, stampedUpTo: 15 });
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

  it("a regrouping keeps a group's point while every pod that has it stays in the group, and copies it once one parts", () => {
    // A MemStore lists a new array at each read: every scrape regroups.
    const { settings, store, workload, server } = rig([
      pod("a", { cpuRequest: "100m" }),
      pod("b", { cpuRequest: "100m" }),
      pod("c", { cpuRequest: "100m" }),
    ]);
    const pointOf = (p: string) =>
      (server as unknown as { points: Map<string, { point: unknown }> }).points.get(p)?.point;
    workload.setLoad(store, settings, 0, "web", { kind: "cpu", amount: { milli: 300 } });
    server.scrape(store, settings, 0);
    const shared = pointOf("a");
    expect([pointOf("b"), pointOf("c")]).toEqual([shared, shared]);
    server.scrape(store, settings, 15);
    expect([pointOf("a"), pointOf("b"), pointOf("c")]).toEqual([shared, shared, shared]);
    expect(pointOf("a")).toBe(shared);
    // c goes unready at 20: a and b part from it. Their group takes a copy; c's, the last with
    // a record of that point, keeps it (no other record has it then).
    store.put(pod("c", { cpuRequest: "100m", ready: false }));
    workload.observe(store, settings, 20);
    server.scrape(store, settings, 30);
    expect(pointOf("a")).toBe(pointOf("b"));
    expect(pointOf("a")).not.toBe(shared);
    expect(pointOf("c")).toBe(shared);
    expect([cpuOf(server, "a"), cpuOf(server, "b"), cpuOf(server, "c")]).toEqual([134, 134, 34]); // (5 s × 100m + 10 s × 150m) / 15 s; 5 s × 100m / 15 s
    // From then on each keeps its own.
    const [ab, c] = [pointOf("a"), pointOf("c")];
    server.scrape(store, settings, 45);
    expect([pointOf("a"), pointOf("b"), pointOf("c")]).toEqual([ab, ab, c]);
    expect(pointOf("b")).toBe(ab);
    expect(pointOf("c")).toBe(c);
    expect([cpuOf(server, "a"), cpuOf(server, "b"), cpuOf(server, "c")]).toEqual([150, 150, -0]);
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

  it("keeps its groups over a scrape that forgets the points of pods gone, and samples them as a regrouping would", () => {
    // The scrape after a removal forgets the gone pods' points: no group has those points, so
    // the next scrape keeps the groups (the reference, over lists that are never the same,
    // groups at every scrape).
    const settings = defaultSettings();
    const pods = ["a", "b", "c", "d"].map((n, i) => pod(n, { cpuRequest: "100m", start: i < 2 ? 0 : 5 }));
    const kept = new FrozenListStore([deployment("web", 4, "100m"), ...pods]);
    const plain = new MemStore([deployment("web", 4, "100m"), ...pods]);
    const rigOf = (store: MemStore) => {
      const workload = new WorkloadModel();
      workload.setLoad(store, settings, 0, "web", { kind: "cpu", amount: { milli: 400 } });
      return { store, workload, server: new MetricsServer(workload, new CustomMetricsPipeline(workload)) };
    };
    const a = rigOf(kept);
    const b = rigOf(plain);
    const groupsOf = (server: MetricsServer) => (server as unknown as { grouped: unknown }).grouped;
    const scrape = (t: number) => {
      for (const r of [a, b]) r.server.scrape(r.store, settings, t);
      for (const n of ["a", "b", "c", "d"]) expect([n, a.server.sample(n)]).toEqual([n, b.server.sample(n)]);
    };
    scrape(15);
    scrape(30);
    for (const r of [a, b]) {
      r.store.remove("Pod", "b");
      r.store.remove("Pod", "c");
      r.workload.observe(r.store, settings, 40);
    }
    scrape(45); // regroups (a new list), and forgets b's and c's points
    expect([a.server.sample("b"), a.server.sample("c")]).toEqual([undefined, undefined]);
    const groups = groupsOf(a.server);
    scrape(60);
    expect(groupsOf(a.server)).toBe(groups);
    for (const r of [a, b])
      r.workload.setLoad(r.store, settings, 65, "web", { kind: "cpu", amount: { milli: 100 } });
    scrape(75);
    scrape(90);
    expect(cpuOf(a.server, "a")).toBe(50);
  });

  it("groups the pods anew after metrics-server was down: their points went with it", () => {
    // The same frozen list throughout: only the clearing tells the scrape to group again.
    const settings = defaultSettings();
    const pods = [pod("a", { cpuRequest: "100m" }), pod("b", { cpuRequest: "100m" })];
    const store = new FrozenListStore([deployment("web", 2, "100m"), ...pods]);
    const workload = new WorkloadModel();
    const outages = new Windows();
    outages.add(30, 45);
    const server = new MetricsServer(workload, new CustomMetricsPipeline(workload), outages);
    workload.setLoad(store, settings, 0, "web", { kind: "cpu", amount: { milli: 100 } });
    for (const t of [0, 15]) server.scrape(store, settings, t);
    expect(cpuOf(server, "a")).toBe(50);
    server.scrape(store, settings, 30); // down: every point forgotten
    expect(server.sample("a")).toBeUndefined();
    server.scrape(store, settings, 45); // back: first points again
    expect(server.sample("a")).toBeUndefined();
    server.scrape(store, settings, 60);
    expect([server.sample("a")?.window, cpuOf(server, "a"), cpuOf(server, "b")]).toEqual([15, 50, 50]);
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

describe("MetricsServer: a scrape group whose pods' states drift apart in place", () => {
  // stillAlike guards this: a scrape group may hold pods of several load-model states alike
  // only in what a scrape reads (the same run, container start and memory), e.g. the unready
  // pods of two workloads, which take no share of either's load and so run alike. A load
  // change of one workload over the same pods rewrites its states in place (the states
  // generation stays, the spread generation moves): its pods leave the run the others stay
  // in, so the group must be made anew, or the others are scraped with its values. The
  // reference is a MemStore, whose new list at every read regroups at every scrape.
  const labelled = (p: Pod, app: string): Pod => ({ ...p, metadata: { ...p.metadata, labels: { app } } });
  const workloadOf = (name: string, replicas: number): Deployment => {
    const d = deployment(name, replicas, "100m");
    return { ...d, spec: { ...d.spec, selector: { matchLabels: { app: name } } } };
  };
  const twoRigs = (objects: (Pod | Deployment)[]) => {
    const rigOf = (store: MemStore) => {
      const workload = new WorkloadModel();
      return { store, workload, server: new MetricsServer(workload, new CustomMetricsPipeline(workload)) };
    };
    // Each store its own array: a MemStore writes into the one it was given.
    return { a: rigOf(new FrozenListStore([...objects])), b: rigOf(new MemStore([...objects])) };
  };
  interface Grouped {
    running: unknown;
    spread: number;
    states: number;
    clearings: number;
    groups: readonly { pods: readonly unknown[]; states: readonly unknown[] }[];
  }
  const groupsOf = (server: MetricsServer) => (server as unknown as { grouped: Grouped | undefined }).grouped;

  it("regroups the unready pods of two workloads once a load change of one parts their runs", () => {
    const settings = defaultSettings();
    const unready = (name: string, app: string) =>
      labelled(pod(name, { cpuRequest: "100m", ready: false }), app);
    const pods = [
      unready("web-0", "web"),
      unready("web-1", "web"),
      unready("api-0", "api"),
      unready("api-1", "api"),
    ];
    const { a, b } = twoRigs([workloadOf("web", 2), workloadOf("api", 2), ...pods]);
    for (const r of [a, b]) {
      r.workload.observe(r.store, settings, 0);
      r.workload.setLoad(r.store, settings, 0, "web", { kind: "cpu", amount: { milli: 200 } });
      r.workload.setLoad(r.store, settings, 0, "api", { kind: "cpu", amount: { milli: 300 } });
      r.server.scrape(r.store, settings, 0);
      r.server.scrape(r.store, settings, 15);
    }
    const names = pods.map((p) => p.metadata.name);
    const cpus = (server: MetricsServer) => names.map((n) => cpuOf(server, n));
    // No pod is Ready: each takes no share of its workload's load, and all four run alike.
    expect(cpus(a.server)).toEqual([-0, -0, -0, -0]);
    // One scrape group of the four pods, over web's state and api's.
    const groups = groupsOf(a.server);
    expect(groups?.groups.map((g) => [g.pods.length, g.states.length])).toEqual([[4, 2]]);
    const states = a.workload.statesGeneration;
    const spread = a.workload.spreadGeneration;
    // A per-pod load counts on every pod of web, Ready or not (`load web cpuPerPod`).
    for (const r of [a, b])
      r.workload.setLoad(r.store, settings, 20, "web", { kind: "cpuPerPod", amount: { milli: 60 } });
    // The case this test is for: web's states were rewritten in place, not made anew.
    expect(a.workload.statesGeneration).toBe(states);
    expect(a.workload.spreadGeneration).not.toBe(spread);
    for (const t of [30, 45]) {
      a.server.scrape(a.store, settings, t);
      b.server.scrape(b.store, settings, t);
      for (const n of names) expect([n, a.server.sample(n)]).toEqual([n, b.server.sample(n)]);
    }
    expect(groupsOf(a.server)).not.toBe(groups);
    // web's pods: 10 s of 60m over the 15 s window to 30, then 60m; api's stay at nothing.
    expect(cpus(a.server)).toEqual([60, 60, -0, -0]);
  });

  it("regroups them once a memory load of one came and went between two scrapes (memory.retain)", () => {
    // Two spreads in place between scrapes: the second gives web's pods back api's working
    // set, but they keep the peak they retained, which a scrape reads under memory.retain.
    const settings = { ...defaultSettings(), "memory.retain": true };
    const unready = (name: string, app: string) =>
      labelled(pod(name, { cpuRequest: "100m", ready: false }), app);
    const pods = [unready("web-0", "web"), unready("api-0", "api")];
    const { a, b } = twoRigs([workloadOf("web", 1), workloadOf("api", 1), ...pods]);
    for (const r of [a, b]) {
      r.workload.setLoad(r.store, settings, 0, "web", { kind: "cpu", amount: { milli: 200 } });
      r.workload.setLoad(r.store, settings, 0, "api", { kind: "cpu", amount: { milli: 300 } });
      r.server.scrape(r.store, settings, 0);
      r.server.scrape(r.store, settings, 15);
    }
    const groups = groupsOf(a.server);
    expect(groups?.groups.map((g) => [g.pods.length, g.states.length])).toEqual([[2, 2]]);
    const states = a.workload.statesGeneration;
    for (const r of [a, b]) {
      r.workload.setLoad(r.store, settings, 20, "web", {
        kind: "memoryPerPod",
        bytes: 52428800,
        duration: 5,
      });
      r.workload.observe(r.store, settings, 25);
    }
    expect(a.workload.statesGeneration).toBe(states);
    // The premise: web's working set is api's again (nothing above the baseline), its peak is not.
    expect([a.workload.memoryAt("web-0", false), a.workload.memoryAt("api-0", false)]).toEqual([0, 0]);
    expect([a.workload.memoryAt("web-0", true), a.workload.memoryAt("api-0", true)]).toEqual([52428800, 0]);
    a.server.scrape(a.store, settings, 30);
    b.server.scrape(b.store, settings, 30);
    for (const n of ["web-0", "api-0"]) expect([n, a.server.sample(n)]).toEqual([n, b.server.sample(n)]);
    expect(groupsOf(a.server)).not.toBe(groups);
    const memoryOf = (n: string) => a.server.sample(n)?.containers.nginx.memory;
    expect([memoryOf("web-0"), memoryOf("api-0")]).toEqual([52428800 * 1000, 0]);
  });

  it("gives every pod the sample a regrouping gives it while two workloads' loads change apart", () => {
    // Pods of web and api, some unready, started at two instants, under loads that part pods
    // of one run in place: a per-pod load, a warm-up spike that ends, a memory load that ends.
    // Pods of a run that parted never share one again, so now and then a pod of each is
    // replaced by a new one (pods first seen at one spread alike take one run).
    const rng = mulberry32(20261206);
    const settings = defaultSettings();
    const apps = ["web", "api"];
    const names = Array.from({ length: 10 }, (_, i) => `${apps[i % 2]}-${i}`);
    const podOf = (i: number, ready: boolean, start: number) =>
      labelled(pod(names[i], { start, ready, cpuRequest: "100m" }), apps[i % 2]);
    const pods = names.map((_, i) => podOf(i, i % 3 === 0, i % 4 < 2 ? 0 : 10));
    const { a, b } = twoRigs([workloadOf("web", 5), workloadOf("api", 5), ...pods]);
    for (const r of [a, b])
      for (const app of apps)
        r.workload.setLoad(r.store, settings, 0, app, { kind: "cpu", amount: { milli: 100 } });
    let kept = 0;
    let parted = 0;
    for (let t = 15; t <= 7200; t += 15) {
      const op = intn(rng, 12);
      // A load for web, for api, or the same for both (their new pods alike again).
      const to = [["web"], ["api"], apps, apps][intn(rng, 4)];
      // Few amounts, so that web's per-pod load and warm-up are often api's when new pods come.
      const spec: LoadSpec | undefined =
        op === 3
          ? { kind: "cpu", amount: { milli: 50 * (1 + intn(rng, 20)) } }
          : op === 4 || op === 5
            ? { kind: "cpuPerPod", amount: { milli: 20 * intn(rng, 2) } }
            : op === 6
              ? { kind: "cpuPerPod", amount: { milli: 200 * intn(rng, 2) }, startupFor: 20 }
              : op === 7 || op === 8
                ? {
                    kind: "memoryPerPod",
                    bytes: 1048576 * (1 + intn(rng, 2)),
                    duration: 20 * (1 + intn(rng, 2)),
                  }
                : undefined;
      if (op === 0) {
        const i = intn(rng, names.length);
        const p = podOf(i, intn(rng, 2) > 0, 10 * intn(rng, 2));
        for (const r of [a, b]) {
          r.store.put(p);
          r.workload.observe(r.store, settings, t - 5);
        }
      } else if (op === 1 || op === 2) {
        // New pods of web and of api in place of old ones, unready while they start: one run.
        const fresh = [2 * intn(rng, 5), 2 * intn(rng, 5) + 1].map((i) => {
          for (const r of [a, b]) r.store.remove("Pod", names[i]);
          names[i] = `${apps[i % 2]}-${i}-${t}`;
          return podOf(i, false, t - 5);
        });
        for (const r of [a, b]) {
          for (const p of fresh) r.store.put(p);
          r.workload.observe(r.store, settings, t - 5);
        }
      } else if (spec !== undefined)
        for (const r of [a, b]) for (const app of to) r.workload.setLoad(r.store, settings, t - 5, app, spec);
      const before = groupsOf(a.server);
      const spreadMoved = before !== undefined && before.spread !== a.workload.spreadGeneration;
      a.server.scrape(a.store, settings, t);
      b.server.scrape(b.store, settings, t);
      const after = groupsOf(a.server);
      // Only the spread moved (the pods' states rewritten in place): the groups were kept, or
      // stillAlike found some group's pods apart.
      if (
        spreadMoved &&
        after !== undefined &&
        after.running === before.running &&
        after.states === before.states &&
        after.clearings === before.clearings
      )
        if (after === before) kept++;
        else parted++;
      for (const n of names) expect([n, a.server.sample(n)]).toEqual([n, b.server.sample(n)]);
    }
    // Both happened, often (142 and 13 with this seed).
    expect(kept).toBeGreaterThan(50);
    expect(parted).toBeGreaterThan(8);
  });
});

describe("MetricsServer: each running pod's point record, kept on its scrape record", () => {
  // A regrouping finds each running pod's record (its point) on the pod's scrape record instead
  // of by name; that record is only good in the map and at the point generation it was found
  // at. metrics-server forgets the point of a pod no scrape reached (its node's kubelet down:
  // metrics-server's scrape of a node fails as a whole), and a pod whose node comes back is the
  // same pod object with the same scrape record: it must get a new point, then a sample a
  // window later, as a pod seen for the first time does.
  const onNode = (p: Pod, nodeName: string): Pod => ({ ...p, spec: { ...p.spec, nodeName } });

  it("gives a pod whose node was down a new point, then a sample a window after its node is back", () => {
    const settings = defaultSettings();
    const pods = [
      onNode(pod("a", { cpuRequest: "100m" }), "n1"),
      onNode(pod("b", { cpuRequest: "100m" }), "n2"),
    ];
    const store = new FrozenListStore([deployment("web", 2, "100m"), ...pods]);
    const workload = new WorkloadModel();
    const down = (node: string, t: number) => node === "n1" && t >= 30 && t < 60;
    const server = new MetricsServer(workload, new CustomMetricsPipeline(workload), undefined, down);
    workload.setLoad(store, settings, 0, "web", { kind: "cpu", amount: { milli: 100 } });
    for (const t of [0, 15]) server.scrape(store, settings, t);
    expect([server.sample("a")?.window, server.sample("b")?.window]).toEqual([15, 15]);
    for (const t of [30, 45]) server.scrape(store, settings, t);
    expect(server.sample("a")).toBeUndefined();
    expect(server.sample("b")).toMatchObject({ timestamp: 45, window: 15 });
    server.scrape(store, settings, 60);
    expect(server.sample("a")).toBeUndefined(); // its first point since
    server.scrape(store, settings, 75);
    expect(server.sample("a")).toMatchObject({ timestamp: 75, window: 15 });
    expect(cpuOf(server, "a")).toBe(cpuOf(server, "b"));
  });

  it("drops the samples of exactly the down node's pods among many nodes (nodes past the few kept in a list)", () => {
    // Twelve nodes, one pod on each, listed twice over: the scrape's nodes are found in a list
    // for the first eight, then in a set beside it.
    const settings = defaultSettings();
    const nodes = Array.from({ length: 12 }, (_, i) => `n${i}`);
    const pods = Array.from({ length: 24 }, (_, i) =>
      onNode(pod(`p${i}`, { cpuRequest: "100m" }), nodes[i % 12]),
    );
    const store = new FrozenListStore([deployment("web", pods.length, "100m"), ...pods]);
    const workload = new WorkloadModel();
    const down = (node: string, t: number) => (node === "n2" || node === "n10") && t >= 30;
    const server = new MetricsServer(workload, new CustomMetricsPipeline(workload), undefined, down);
    workload.setLoad(store, settings, 0, "web", { kind: "cpu", amount: { milli: 2400 } });
    for (const t of [0, 15, 30, 45]) server.scrape(store, settings, t);
    const sampled = pods
      .filter((p) => server.sample(p.metadata.name) !== undefined)
      .map((p) => p.spec.nodeName);
    expect(sampled).toEqual([...nodes, ...nodes].filter((n) => n !== "n2" && n !== "n10"));
    expect(cpuOf(server, "p0")).toBe(100);
  });

  it("reads a pod again when its spec is written, over a list the load model laid out (records kept with its own)", () => {
    // A scrape after a spread over the same list takes each pod's scrape record from the load
    // model's record of the pod (scrapePointsOf), kept there for the pod object it was read
    // from: a status write keeps the spec and the record, a spec write (here a node, whose
    // kubelet is down) is read again.
    const settings = defaultSettings();
    const a = onNode(pod("a", { cpuRequest: "100m" }), "n1");
    const b = onNode(pod("b", { cpuRequest: "100m" }), "n1");
    const store = new FrozenListStore([deployment("web", 2, "100m"), a, b]);
    const workload = new WorkloadModel();
    const down = (node: string) => node === "n2";
    const server = new MetricsServer(workload, new CustomMetricsPipeline(workload), undefined, down);
    const recordOf = (name: string) =>
      (server as unknown as { lastRunning: { pods: { podName: string }[] } }).lastRunning.pods.find(
        (r) => r.podName === name,
      );
    const scrape = (t: number) => {
      workload.observe(store, settings, t);
      expect(workload.scrapePointsOf(store.listAll("Pod"))).toBeDefined();
      server.scrape(store, settings, t);
    };
    workload.setLoad(store, settings, 0, "web", { kind: "cpu", amount: { milli: 100 } });
    scrape(0);
    scrape(15);
    const first = recordOf("a");
    store.put({ ...a, status: { ...a.status, hostIP: "10.0.0.1" } });
    scrape(30);
    expect(recordOf("a")).toBe(first);
    expect(server.sample("a")).toMatchObject({ timestamp: 30, window: 15 });
    store.put(onNode(a, "n2"));
    scrape(45);
    expect(recordOf("a")).not.toBe(first);
    expect(server.sample("a")).toBeUndefined();
    expect(server.sample("b")).toMatchObject({ timestamp: 45, window: 15 });
  });

  it("keeps each server's records apart when two servers scrape the very same pod objects", () => {
    // Lists that are not frozen share one scrape record per pod object between servers.
    const settings = defaultSettings();
    const pods = [pod("a", { cpuRequest: "100m" }), pod("b", { cpuRequest: "100m" })];
    const rigOf = () => {
      const store = new MemStore([deployment("web", 2, "100m"), ...pods]);
      const workload = new WorkloadModel();
      workload.setLoad(store, settings, 0, "web", { kind: "cpu", amount: { milli: 100 } });
      return { store, server: new MetricsServer(workload, new CustomMetricsPipeline(workload)) };
    };
    const first = rigOf();
    const second = rigOf();
    for (const t of [0, 15, 30]) {
      first.server.scrape(first.store, settings, t);
      if (t > 0) second.server.scrape(second.store, settings, t);
    }
    expect(first.server.sample("a")).toMatchObject({ timestamp: 30, window: 15 });
    expect(second.server.sample("a")).toMatchObject({ timestamp: 30, window: 15 });
    expect(second.server.sample("b")).toMatchObject({ timestamp: 30, window: 15 });
  });
});
