// GetResourceReplicas (replica_calculator.go) over the resource metrics client's answer held
// by runs of pods that share a sample (replicaCalc.ts MetricsByRun) must give exactly what it
// gives over the answer's map and by pod index: the same proposal, utilization, explanation
// (pods set aside and why, the slow path's filled-in values) and grouping bounds. The ready
// pods' sums are taken as count × value per run where that is exact (replicaCalc.ts
// readyTotals); the tables below pin down where it is and where it falls back.
import { describe, expect, it } from "vitest";
import type { Pod } from "../../../src/k8s/types.ts";
import type { PodMetric, PodMetricsInfo, ReadyRun } from "../../../src/engine/controllers/hpa/groupPods.ts";
import {
  exactPrefixSums,
  getResourceReplicas,
  readyTotals,
} from "../../../src/engine/controllers/hpa/replicaCalc.ts";
import { pod } from "./objects.ts";

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
  resource: "cpu" | "memory";
}

/**
 * Pods in batches alike (the same phase, start, readiness and sample object, as a workload's
 * pods created together are), of every kind groupPods tells apart; some batches split by a
 * pod of their own. Memory cases use values in milli-bytes of gigabytes, whose totals pass
 * 2^53 in the larger cases, where the sums must fall back to the pods' order.
 */
function makeCase(seed: number): Case {
  // Consecutive seeds' first draws are close together: spread the seeds first.
  const r = rng(Math.imul(seed, 2654435761));
  const resource = r() < 0.75 ? "cpu" : "memory";
  const now = 100 + Math.floor(r() * 600);
  const pods: Pod[] = [];
  const byPod: (PodMetric | undefined)[] = [];
  const batches = 1 + Math.floor(r() * 6);
  const request = resource === "cpu" ? (r() < 0.5 ? "100m" : "200m") : "2Gi";
  for (let b = 0; b < batches; b++) {
    const size = 1 + Math.floor(r() * (r() < 0.3 ? 2000 : 12));
    const kind = r();
    const start = Math.floor(r() * now);
    const opts = {
      cpuRequest: request,
      memoryRequest: request,
      start,
      readySince: start + Math.floor(r() * 60),
      ready: r() > 0.2,
      phase: kind < 0.08 ? ("Failed" as const) : kind < 0.16 ? ("Pending" as const) : ("Running" as const),
      deleted: kind > 0.92,
    };
    const value =
      resource === "cpu"
        ? Math.floor(r() * 400)
        : Math.floor(r() * 16 * 2 ** 30) * 1000 + Math.floor(r() * 1000);
    const metric: PodMetric | undefined =
      r() < 0.85 ? { value, timestamp: now - Math.floor(r() * 30), window: 15 } : undefined;
    for (let i = 0; i < size; i++) {
      const own = r() < 0.02;
      pods.push(pod(`p${pods.length}`, own ? { ...opts, ready: !opts.ready } : opts));
      byPod.push(own && r() < 0.5 ? undefined : metric);
    }
  }
  const n = pods.length;
  return {
    pods: Object.freeze(pods),
    byPod,
    now,
    currentReplicas: Math.max(1, n + Math.floor(r() * 5) - 2),
    resource,
  };
}

/** The runs of consecutive pods with the same metric object, as the metrics client gives them. */
function runsOf(byPod: readonly (PodMetric | undefined)[]) {
  const ends: number[] = [];
  const metrics: (PodMetric | undefined)[] = [];
  for (let i = 0; i < byPod.length; i++)
    if (i > 0 && byPod[i] === byPod[i - 1]) ends[ends.length - 1] = i + 1;
    else {
      ends.push(i + 1);
      metrics.push(byPod[i]);
    }
  return { ends, metrics };
}

function proposal(
  c: Case,
  metrics: PodMetricsInfo | { byPod: (PodMetric | undefined)[] } | { byRun: ReturnType<typeof runsOf> },
) {
  return getResourceReplicas({
    currentReplicas: c.currentReplicas,
    tolerances: { scaleDown: 0.1, scaleUp: 0.1 },
    pods: c.pods,
    readiness: { cpuInitializationPeriod: 300, initialReadinessDelay: 30 },
    now: c.now,
    metrics,
    targetUtilization: 50,
    resource: c.resource,
  });
}

const mapOf = (c: Case): PodMetricsInfo =>
  new Map(c.pods.flatMap((p, i) => (c.byPod[i] ? [[p.metadata.name, c.byPod[i]!] as const] : [])));

describe("getResourceReplicas by runs of pods sharing a sample", () => {
  it("gives what it gives over the answer's map and by pod index, case by case", () => {
    const paths = new Set<string>();
    let beyondSafe = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const c = makeCase(seed);
      const byMap = JSON.stringify(proposal(c, mapOf(c)));
      expect(JSON.stringify(proposal(c, { byPod: c.byPod })), `seed ${seed}, by pod`).toBe(byMap);
      expect(JSON.stringify(proposal(c, { byRun: runsOf(c.byPod) })), `seed ${seed}, by run`).toBe(byMap);
      const p = proposal(c, mapOf(c));
      paths.add(p.ok ? p.explain.path : "error");
      const total = c.byPod.reduce((sum, m) => sum + (m?.value ?? 0), 0);
      if (total > Number.MAX_SAFE_INTEGER) beyondSafe++;
    }
    // The cases reach every path, and some sum past 2^53 (where the runs add pod by pod).
    expect([...paths].sort()).toEqual(["error", "fast", "slow", "tolerance"]);
    expect(beyondSafe).toBeGreaterThan(0);
  });
});

describe("readyTotals", () => {
  const run = (start: number, end: number, value: number): ReadyRun => ({ start, end, value });
  const requests = (...r: number[]) => Float64Array.from(r);
  // Each row: runs, requests, and the sums pod by pod in the pods' order (the reference).
  const rows: [string, ReadyRun[], Float64Array][] = [
    ["one run", [run(0, 3, 120)], requests(100, 100, 100)],
    ["runs with gaps (pods set aside)", [run(0, 2, 50), run(3, 5, 70)], requests(100, 200, 300, 400, 500)],
    ["no run", [], requests(100)],
    ["fractional values: pod by pod", [run(0, 3, 0.1)], requests(1, 1, 1)],
    ["a negative value: pod by pod", [run(0, 2, -5), run(2, 3, 10)], requests(1, 1, 1)],
    ["a total past 2^53: pod by pod", [run(0, 3, 2 ** 52 + 1)], requests(1, 1, 1)],
    ["fractional requests: pod by pod", [run(0, 3, 7)], requests(0.1, 0.2, 0.3)],
  ];
  for (const [what, runs, request] of rows)
    it(`adds what the pods' order adds: ${what}`, () => {
      let metrics = 0;
      let sum = 0;
      let n = 0;
      for (const r of runs)
        for (let i = r.start; i < r.end; i++) {
          metrics += r.value;
          sum += request[i];
          n++;
        }
      expect(readyTotals(runs, request, exactPrefixSums(request))).toEqual({ metrics, requests: sum, n });
    });

  it("groups only where every partial sum is exact", () => {
    expect(exactPrefixSums(requests(1, 2, 3))).toEqual(requests(0, 1, 3, 6));
    expect(exactPrefixSums(requests(1, 0.5))).toBeNull();
    expect(exactPrefixSums(requests(2 ** 53, 1))).toBeNull();
    expect(exactPrefixSums(requests(-1, 2))).toBeNull();
    // Six pods at 2^52 + 1: count × value (6·2^52 + 6) rounds once, the pods' order rounds at
    // each addition past 2^53 and ends 4 lower. The sum must be the pods' order's.
    const v = 2 ** 52 + 1;
    let byPod = 0;
    for (let i = 0; i < 6; i++) byPod += v;
    expect(byPod).not.toBe(6 * v);
    const six = requests(1, 1, 1, 1, 1, 1);
    expect(readyTotals([run(0, 6, v)], six, exactPrefixSums(six)).metrics).toBe(byPod);
  });
});
