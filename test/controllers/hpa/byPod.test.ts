// GetResourceReplicas (replica_calculator.go) over the resource metrics client's answer held
// by pod index (replicaCalc.ts MetricsByPod) must give exactly what it gives over the answer's
// map: the same proposal, utilization, explanation (pods set aside and why, the slow path's
// filled-in values) and grouping bounds, on both paths and on every error.
import { describe, expect, it } from "vitest";
import type { Pod } from "../../../src/k8s/types.ts";
import type { PodMetric, PodMetricsInfo } from "../../../src/engine/controllers/hpa/groupPods.ts";
import { getResourceReplicas } from "../../../src/engine/controllers/hpa/replicaCalc.ts";
import {
  computeReplicasForMetric,
  resourceMetricsFromSamples,
} from "../../../src/engine/controllers/hpa/computeMetrics.ts";
import type { MetricsClient, PodResourceSample } from "../../../src/engine/metrics/types.ts";
import { cpuUtilization, pod } from "./objects.ts";

/** A small seeded generator (LCG), so a failure names a case that can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface Case {
  pods: readonly Pod[];
  byPod: (PodMetric | undefined)[];
  now: number;
  currentReplicas: number;
}

/** Pods of every kind groupPods tells apart, each with a sample or not. */
function makeCase(seed: number): Case {
  const r = rng(seed);
  const n = 1 + Math.floor(r() * 12);
  const now = 100 + Math.floor(r() * 600);
  const pods: Pod[] = [];
  const byPod: (PodMetric | undefined)[] = [];
  for (let i = 0; i < n; i++) {
    const kind = r();
    const start = Math.floor(r() * now);
    const p = pod(`p${i}`, {
      cpuRequest: r() < 0.5 ? "100m" : "200m",
      start,
      readySince: start + Math.floor(r() * 60),
      ready: r() > 0.2,
      phase: kind < 0.08 ? "Failed" : kind < 0.16 ? "Pending" : "Running",
      deleted: kind > 0.92,
    });
    pods.push(p);
    byPod.push(
      r() < 0.85
        ? { value: Math.floor(r() * 400), timestamp: now - Math.floor(r() * 30), window: 15 }
        : undefined,
    );
  }
  return { pods: Object.freeze(pods), byPod, now, currentReplicas: Math.max(1, n + Math.floor(r() * 5) - 2) };
}

function proposal(c: Case, metrics: PodMetricsInfo | { byPod: (PodMetric | undefined)[] }) {
  return getResourceReplicas({
    currentReplicas: c.currentReplicas,
    tolerances: { scaleDown: 0.1, scaleUp: 0.1 },
    pods: c.pods,
    readiness: { cpuInitializationPeriod: 300, initialReadinessDelay: 30 },
    now: c.now,
    metrics,
    targetUtilization: 50,
    resource: "cpu",
  });
}

const mapOf = (c: Case): PodMetricsInfo =>
  new Map(c.pods.flatMap((p, i) => (c.byPod[i] ? [[p.metadata.name, c.byPod[i]!] as const] : [])));

describe("getResourceReplicas by pod index", () => {
  it("gives what it gives over the answer's map, case by case", () => {
    const paths = new Set<string>();
    for (let seed = 1; seed <= 400; seed++) {
      const c = makeCase(seed);
      const byMap = proposal(c, mapOf(c));
      const byIndex = proposal(c, { byPod: c.byPod });
      expect(JSON.stringify(byIndex), `seed ${seed}`).toBe(JSON.stringify(byMap));
      paths.add(byMap.ok ? byMap.explain.path : "error");
    }
    // The cases reach the fast path, the tolerance band, the slow path and an error.
    expect([...paths].sort()).toEqual(["error", "fast", "slow", "tolerance"]);
  });

  it("leaves the caller's metrics as they were on the slow path", () => {
    // A missing pod on a scale-down fills it in (replica_calculator.go: request × max(100,
    // target)/100) in the calculator's own copy only.
    const c: Case = {
      pods: Object.freeze([pod("a", { cpuRequest: "100m" }), pod("b", { cpuRequest: "100m" })]),
      byPod: [{ value: 10, timestamp: 0, window: 15 }, undefined],
      now: 1000,
      currentReplicas: 2,
    };
    const before = [...c.byPod];
    const r = proposal(c, { byPod: c.byPod });
    expect(r.ok && r.explain.path).toBe("slow");
    expect(r.ok && r.explain.filled).toEqual({ b: 100 });
    expect(c.byPod).toEqual(before);
  });

  // Samples the pods' index cannot hold (another order, a pod not selected, which the map
  // keeps and the calculation counts among its entries) are read through the map, as before.
  for (const [what, order] of [
    ["in the pods' order", ["a", "b", "c"]],
    ["in another order", ["c", "a", "b"]],
    ["with a pod not selected", ["a", "z", "b", "c"]],
  ] as const)
    it(`reads samples ${what} as the map does`, () => {
      const pods = Object.freeze(["a", "b", "c"].map((n) => pod(n, { cpuRequest: "100m" })));
      const cpu: Record<string, number> = { a: 90, b: 80, c: 10, z: 500 };
      const samples: PodResourceSample[] = order.map((n) => ({
        pod: n,
        timestamp: 1000,
        window: 15,
        containers: { nginx: { cpu: cpu[n], memory: 0 } },
      }));
      const client: MetricsClient = {
        resourceSamples: () => samples,
        podsMetric: () => [],
        objectMetric: () => undefined,
        externalMetric: () => undefined,
      };
      const common = {
        currentReplicas: 3,
        tolerances: { scaleDown: 0.1, scaleUp: 0.1 },
        pods,
        readiness: { cpuInitializationPeriod: 300, initialReadinessDelay: 30 },
        now: 1000,
      };
      const outcome = computeReplicasForMetric(cpuUtilization(50), {
        ...common,
        namespace: "default",
        scale: {
          namespace: "default",
          target: { kind: "Deployment", name: "web" },
          specReplicas: 3,
          statusReplicas: 3,
          selector: "app=web",
        },
        client,
      });
      const expected = getResourceReplicas({
        ...common,
        metrics: resourceMetricsFromSamples(samples, "cpu", undefined),
        targetUtilization: 50,
        resource: "cpu",
      });
      expect(outcome.ok && expected.ok).toBe(true);
      if (outcome.ok && expected.ok) {
        expect(outcome.replicas).toBe(expected.replicas);
        expect(JSON.stringify(outcome.explain)).toBe(JSON.stringify(expected.explain));
      }
    });
});
