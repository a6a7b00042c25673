// The run's time series as plain arrays (`replicast run --json`'s `series`, the notebook
// helpers): one axis per workload and per HPA, the state after everything due at each instant.
import { describe, expect, it } from "vitest";
import { timeSeries } from "../../src/scenario/timeSeries.ts";
import { requestsTrace } from "../charts/fixtures/traces.ts";
import { hpa, replicasTrace } from "./helpers.ts";

describe("timeSeries", () => {
  it("the worked example: replicas and demand on one axis, the last state at the end", () => {
    const base = replicasTrace(
      [
        [0, 1],
        [75, 3],
      ],
      120,
    );
    const load = (demandMilli: number) => ({
      demandMilli,
      servedMilli: demandMilli,
      unservedMilli: 0,
      readyPods: 1,
      memoryBytesPerPod: 0,
    });
    const s = timeSeries({
      ...base,
      load: {
        web: [
          { t: 0, value: load(0) },
          { t: 60, value: load(180) },
        ],
      },
    });
    expect(s.deployments.web).toMatchObject({
      t: [0, 60, 75, 120],
      replicas: [1, 1, 3, 3],
      cpuDemandMilli: [0, 180, 180, 180],
      requestsOffered: [0, 0, 0, 0],
      latencyP95: [null, null, null, null],
    });
  });

  it("keeps the last state of an instant", () => {
    const s = timeSeries(
      replicasTrace(
        [
          [0, 1],
          [15, 2],
          [15, 3],
        ],
        30,
      ),
    );
    expect(s.deployments.web).toMatchObject({ t: [0, 15, 30], replicas: [1, 3, 3] });
  });

  it("carries each HPA's replicas and metrics, null before a metric is read", () => {
    const trace = replicasTrace([[0, 1]], 60);
    trace.series.HorizontalPodAutoscaler.web = [
      { t: 0, value: hpa({ metrics: [{ name: "cpu", current: null, target: 70, unit: "%" }] }) },
      {
        t: 30,
        value: hpa({ desiredReplicas: 3, metrics: [{ name: "cpu", current: 180, target: 70, unit: "%" }] }),
      },
    ];
    expect(timeSeries(trace).hpas.web).toEqual({
      t: [0, 30, 60],
      current: [1, 1, 1],
      desired: [1, 3, 3],
      metrics: { cpu: { target: 70, unit: "%", current: [null, 180, 180] } },
    });
  });

  it("reads what users felt from a real run: offered, served, dropped, latency", () => {
    const s = timeSeries(requestsTrace()).deployments.web;
    const at = (t: number) => s.t.indexOf(t);
    expect(s.requestsOffered[at(60)]).toBe(300);
    expect(s.requestsServed[at(60)]).toBe(250);
    expect(s.requestsDropped[at(60)]).toBe(50);
    expect(s.latencyP99[at(60)]).toBe(60);
    expect(s.latencyMean[at(0)]).toBeNull(); // no pod Ready: nothing served
    expect(s.latencyMean[at(120)]).toBeCloseTo(0.004 / 0.6, 9); // M/M/1: 1/(μ − λ) = 1/150 s
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });
});
