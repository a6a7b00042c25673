// The custom-metrics pipeline: Prometheus' rate() (promql/functions.go extrapolatedRate),
// its scrapes, and what prometheus-adapter hands the HPA — late, as in a cluster.
import { describe, expect, it } from "vitest";
import { CustomMetricsPipeline, REQUEST_RATE_METRICS } from "../../src/engine/metrics/customMetrics.ts";
import { extrapolatedRate } from "../../src/engine/metrics/promql.ts";
import { defaultSettings, type Settings } from "../../src/engine/settings.ts";
import { WorkloadModel } from "../../src/engine/workload/loadModel.ts";
import { MemStore, deployment, pod } from "../controllers/hpa/objects.ts";

describe("rate() as Prometheus extrapolates it", () => {
  it("a counter sampled across the whole range: the plain slope", () => {
    // 10/s, scraped every 60 s from -240 to 60: the range (-240, 60] holds 300 s of samples
    // less the one on its open edge; extrapolation carries the slope to both edges.
    const samples = [-240, -180, -120, -60, 0, 60].map((t) => ({ t, v: 10 * (t + 1000) }));
    expect(extrapolatedRate(samples, 60, 300)).toBeCloseTo(10, 12);
  });
  it("the young-series worked example: 15000 over 60 s, zero point 60 s back → 100/s, not 250/s", () => {
    expect(
      extrapolatedRate(
        [
          { t: 60, v: 15000 },
          { t: 120, v: 30000 },
        ],
        120,
        300,
      ),
    ).toBeCloseTo(100, 12);
  });
  it("adds back a counter reset", () => {
    // 0 → 600 → (restart) 300 → 900: the increase is 600 + 900 = 1500 over the 180 s sampled;
    // the first sample is the counter's zero point, so nothing is extrapolated before it.
    const samples = [
      { t: 0, v: 0 },
      { t: 60, v: 600 },
      { t: 120, v: 300 },
      { t: 180, v: 900 },
    ];
    const r = extrapolatedRate(samples, 180, 240)!;
    expect(r * 240).toBeCloseTo(1500, 9);
  });
  it("needs two samples in the left-open range", () => {
    expect(extrapolatedRate([{ t: 60, v: 5 }], 60, 300)).toBeUndefined();
    expect(
      extrapolatedRate(
        [
          { t: 0, v: 0 },
          { t: 60, v: 5 },
        ],
        300,
        300,
      ),
    ).toBeUndefined();
  });
});

function rig(s: Partial<Settings> = {}) {
  const settings = { ...defaultSettings(), ...s };
  const store = new MemStore([deployment("web", 3), pod("a"), pod("b"), pod("c")]);
  const workload = new WorkloadModel();
  const pipeline = new CustomMetricsPipeline(workload);
  workload.observe(store, settings, 0);
  const at = (t: number): void => {
    workload.observe(store, settings, t);
    pipeline.maybeScrape(store, settings, t);
  };
  return { settings, store, workload, pipeline, at };
}

const values = (samples: { valueMilli: number }[]): number[] => samples.map((x) => x.valueMilli / 1000);

describe("the pipeline", () => {
  it("scrapes at multiples of its interval, only while some load feeds it", () => {
    const { settings, store, workload, pipeline, at } = rig();
    at(10);
    expect(pipeline.nextScrape(10)).toBeUndefined();
    workload.setLoad(store, settings, 37, "web", { kind: "metric", name: "queue", valueMilli: 5000 });
    at(37);
    expect(pipeline.nextScrape(37)).toBe(60);
    expect(pipeline.podsMetric("default", "queue", ["a"], settings, 45)).toEqual([]);
    at(60);
    expect(pipeline.nextScrape(60)).toBe(120);
    expect(values(pipeline.podsMetric("default", "queue", ["a", "b"], settings, 75))).toEqual([5, 5]);
  });

  it("a gauge reaches the HPA at the next scrape, not when it changes", () => {
    const { settings, store, workload, pipeline, at } = rig();
    workload.setLoad(store, settings, 0, "web", { kind: "metric", name: "queue", valueMilli: 5000 });
    at(0);
    at(60);
    workload.setLoad(store, settings, 70, "web", { kind: "metric", name: "queue", valueMilli: 9000 });
    at(70);
    expect(values(pipeline.podsMetric("default", "queue", ["a"], settings, 100))).toEqual([5]);
    at(120);
    expect(values(pipeline.podsMetric("default", "queue", ["a"], settings, 120))).toEqual([9]);
  });

  it("`total` spreads the workload's value over its Ready pods", () => {
    const { settings, store, workload, pipeline, at } = rig();
    workload.setLoad(store, settings, 0, "web", {
      kind: "metric",
      name: "rps",
      valueMilli: 750000,
      total: true,
    });
    at(0);
    expect(values(pipeline.podsMetric("default", "rps", ["a", "b", "c"], settings, 0))).toEqual([
      250, 250, 250,
    ]);
    expect(pipeline.objectMetric("default", "Deployment", "web", "rps", settings, 0)).toBe(750000);
  });

  it("request traffic is a per-pod rate that converges over the rate window", () => {
    const { settings, store, workload, pipeline, at } = rig();
    workload.setLoad(store, settings, 0, "web", { kind: "requests", rps: 750, costMilliPerRequest: 1 });
    at(0);
    at(60);
    // At 60 each pod has two samples (0 and 60): 250/s × 60 s, its first sample its zero
    // point, so nothing is extrapolated: 15000 over the 300 s range.
    expect(
      values(pipeline.podsMetric("default", "http_requests_per_second", ["a"], settings, 60))[0],
    ).toBeCloseTo(50, 9);
    for (let t = 120; t <= 600; t += 60) at(t);
    expect(values(pipeline.podsMetric("default", "http_requests", ["a"], settings, 600))[0]).toBeCloseTo(
      250,
      9,
    );
    expect(
      pipeline.objectMetric("default", "Deployment", "web", "requests_per_second", settings, 600),
    ).toBeCloseTo(750000, 6);
    expect(REQUEST_RATE_METRICS).toContain("http_requests_per_second");
  });

  it("a new pod has no rate until two of its samples are in the window: the HPA counts it missing", () => {
    const { settings, store, workload, pipeline, at } = rig();
    workload.setLoad(store, settings, 0, "web", { kind: "requests", rps: 300, costMilliPerRequest: 1 });
    for (let t = 0; t <= 300; t += 60) at(t);
    store.put(pod("d", { start: 310 }));
    for (let t = 360; t <= 420; t += 60) at(t);
    expect(
      pipeline.podsMetric("default", "http_requests", ["a", "d"], settings, 365).map((x) => x.pod),
    ).toEqual(["a"]);
    expect(
      pipeline.podsMetric("default", "http_requests", ["a", "d"], settings, 425).map((x) => x.pod),
    ).toEqual(["a", "d"]);
  });

  it("a pod that is gone goes stale at the next scrape", () => {
    const { settings, store, workload, pipeline, at } = rig();
    workload.setLoad(store, settings, 0, "web", { kind: "metric", name: "queue", valueMilli: 1000 });
    at(0);
    store.remove("Pod", "b");
    at(60);
    expect(pipeline.podsMetric("default", "queue", ["a", "b"], settings, 60).map((x) => x.pod)).toEqual([
      "a",
    ]);
  });

  it("a `load metric` of a request-rate name wins over the traffic", () => {
    const { settings, store, workload, pipeline, at } = rig();
    workload.setLoad(store, settings, 0, "web", { kind: "requests", rps: 300, costMilliPerRequest: 1 });
    workload.setLoad(store, settings, 0, "web", { kind: "metric", name: "http_requests", valueMilli: 42000 });
    at(0);
    expect(values(pipeline.podsMetric("default", "http_requests", ["a"], settings, 0))).toEqual([42]);
  });
});
