/**
 * A run's time series as plain arrays, for plotting elsewhere (`replicast run --json`'s
 * `series`, the notebook helpers' `timeSeries`). Each workload and each HPA has its own
 * time axis `t`: the instants at which anything of it changed (the state after everything
 * due then, as trace.ts defines it); value[i] holds from t[i] until t[i + 1], and the last
 * entry is the state at the end of the run. A value that does not exist at an instant (no
 * request traffic yet, an HPA metric not yet read, no pod Ready to serve) is null.
 *
 * Example: replicas 1 from 0 s and 3 from 75 s, demand 0 until 60 s and 180m after, end 120 →
 * t = [0, 60, 75, 120], replicas = [1, 1, 3, 3], cpuDemandMilli = [0, 180, 180, 180].
 */
import type { Point, Trace } from "../engine/trace.ts";
import { valueAt } from "../engine/trace.ts";
import { loadedWorkload, loadKey } from "../engine/workload/types.ts";

/**
 * One workload (a Deployment, a StatefulSet, or a Service's endpoints under a canary's load):
 * pods, CPU and, with request traffic, what users felt.
 */
export interface WorkloadSeries {
  t: number[];
  /** spec.replicas */
  replicas: (number | null)[];
  /** status.replicas: pods that are not terminating. */
  pods: (number | null)[];
  ready: (number | null)[];
  available: (number | null)[];
  cpuDemandMilli: number[];
  cpuServedMilli: number[];
  cpuUnservedMilli: number[];
  /** Requests per second offered, served and dropped (0 without request traffic). */
  requestsOffered: number[];
  requestsServed: number[];
  requestsDropped: number[];
  /** Response times, seconds, capped at latency.timeout; null with no request served. */
  latencyMean: (number | null)[];
  latencyP50: (number | null)[];
  latencyP90: (number | null)[];
  latencyP95: (number | null)[];
  latencyP99: (number | null)[];
  /** The share of requests that wait for a pod (Erlang C), null without traffic. */
  waiting: (number | null)[];
}

/** One HPA: its replica counts and each metric's current value against its target. */
export interface HpaSeries {
  t: number[];
  current: (number | null)[];
  desired: (number | null)[];
  /** By the metric's name as the HPA shows it ("cpu", "pods/http_requests_per_second"). */
  metrics: Record<string, { target: number; unit: "%" | ""; current: (number | null)[] }>;
}

export interface TimeSeries {
  /** Simulated end of the run, seconds. */
  end: number;
  /**
   * By load key (src/engine/workload/types.ts loadKey): a Deployment by its name, a StatefulSet
   * as "StatefulSet/NAME", a Service in front of several workloads as "Service/NAME" (its pod
   * counts are null: a Service has none of its own).
   */
  deployments: Record<string, WorkloadSeries>;
  hpas: Record<string, HpaSeries>;
}

/** The counts a workload's summary holds (DeploymentSummary, StatefulSetSummary). */
interface WorkloadCounts {
  replicas: number;
  pods: number;
  ready: number;
  available: number;
  exists: boolean;
}

/** The instants any of the series changes at, up to `end`, and `end` itself, sorted. */
function instants(series: readonly (readonly Point<unknown>[] | undefined)[], end: number): number[] {
  const set = new Set<number>();
  for (const points of series) for (const p of points ?? []) if (p.t <= end) set.add(p.t);
  if (set.size > 0) set.add(end);
  return [...set].sort((a, b) => a - b);
}

export function timeSeries(trace: Trace): TimeSeries {
  const end = trace.end;
  const deployments: Record<string, WorkloadSeries> = {};
  const workloads = [
    ...Object.keys(trace.series.Deployment),
    ...Object.keys(trace.series.StatefulSet ?? {}).map((n) => loadKey("StatefulSet", n)),
    ...Object.keys(trace.load),
  ];
  for (const name of [...new Set(workloads)].sort()) {
    const { kind, name: object } = loadedWorkload(name);
    // A Deployment's or a StatefulSet's summary: both hold replicas, pods, ready and available.
    const d =
      kind === "Service" ? undefined : (trace.series[kind]?.[object] as Point<WorkloadCounts>[] | undefined);
    const load = trace.load[name];
    const t = instants([d, load], end);
    const at = t.map((x) => ({ d: valueAt(d, x), l: valueAt(load, x) }));
    const count = (pick: (s: NonNullable<(typeof at)[number]["d"]>) => number) =>
      at.map(({ d: s }) => (s && s.exists ? pick(s) : null));
    const requests = at.map(({ l }) => l?.requests);
    const latency = (k: "mean" | "p50" | "p90" | "p95" | "p99") =>
      requests.map((r) => r?.latency?.[k] ?? null);
    deployments[name] = {
      t,
      replicas: count((s) => s.replicas),
      pods: count((s) => s.pods),
      ready: count((s) => s.ready),
      available: count((s) => s.available),
      cpuDemandMilli: at.map(({ l }) => l?.demandMilli ?? 0),
      cpuServedMilli: at.map(({ l }) => l?.servedMilli ?? 0),
      cpuUnservedMilli: at.map(({ l }) => l?.unservedMilli ?? 0),
      requestsOffered: requests.map((r) => r?.offered ?? 0),
      requestsServed: requests.map((r) => r?.served ?? 0),
      requestsDropped: requests.map((r) => r?.dropped ?? 0),
      latencyMean: latency("mean"),
      latencyP50: latency("p50"),
      latencyP90: latency("p90"),
      latencyP95: latency("p95"),
      latencyP99: latency("p99"),
      waiting: requests.map((r) => (r ? r.waiting : null)),
    };
  }
  const hpas: Record<string, HpaSeries> = {};
  for (const [name, points] of Object.entries(trace.series.HorizontalPodAutoscaler).sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  )) {
    const t = instants([points], end);
    const at = t.map((x) => valueAt(points, x));
    const metrics: HpaSeries["metrics"] = {};
    for (const s of at)
      for (const m of s?.exists ? s.metrics : [])
        metrics[m.name] ??= { target: m.target, unit: m.unit, current: [] };
    for (const [metric, entry] of Object.entries(metrics))
      entry.current = at.map((s) =>
        s?.exists ? (s.metrics.find((m) => m.name === metric)?.current ?? null) : null,
      );
    hpas[name] = {
      t,
      current: at.map((s) => (s?.exists ? s.currentReplicas : null)),
      desired: at.map((s) => (s?.exists ? s.desiredReplicas : null)),
      metrics,
    };
  }
  return { end, deployments, hpas };
}
