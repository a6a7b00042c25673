/**
 * What users feel: request traffic served by a workload's Ready pods, as latency, queueing
 * and dropped requests. A pure function of counts and rates — offered requests per second,
 * Ready pods, the CPU each gives to requests, the CPU one request costs, the client timeout —
 * so it does not care how pods are stored. docs/latency.md states the model, its
 * assumptions and its sources.
 *
 * - Each Ready pod is one server of an M/M/c queue (queueing.ts): the Service's endpoints
 *   share one queue, and a pod serves requests at μ = cpu / cost per second (a 5m request on
 *   a pod with 500m serves in 10 ms on average; 100 requests/s at most).
 * - Below capacity (λ < cμ) every request is served; its response time is the M/M/c
 *   response time, and what a client sees is capped at the timeout.
 * - At or above capacity the pods serve cμ per second and the rest, λ − cμ, is dropped (the
 *   queue grows until requests time out: the fluid limit); the requests that are served
 *   waited the whole timeout.
 * - With no Ready pod everything is dropped and there is no latency to report.
 *
 * Worked example: 250 requests/s, 3 Ready pods with 500m each, 5m per request → μ = 100/s,
 * cμ = 300/s, ρ = 0.83: C(3, 2.5) ≈ 0.702, mean ≈ 10 + 14 = 24 ms, p95 ≈ 66.5 ms; at
 * 350/s, 300/s are served and 50/s dropped, and what is served waited the timeout.
 */
import {
  meanQueueLength,
  meanResponseTimeCapped,
  responseTimeQuantile,
  stable,
  waitProbability,
  type MMc,
} from "./queueing.ts";

export interface ServingInput {
  /** Requests per second offered to the workload's Service. */
  offered: number;
  /** Ready pods (the Service's endpoints). */
  pods: number;
  /** CPU each Ready pod gives to requests, millicores. */
  cpuPerPodMilli: number;
  /** CPU one request needs, millicore-seconds. */
  costMilli: number;
  /** Clients give up after this many seconds. */
  timeout: number;
}

/** Response times in seconds, capped at the timeout. */
export interface LatencySummary {
  mean: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
}

export interface Serving {
  offered: number;
  served: number;
  dropped: number;
  /** Requests per second one Ready pod serves at most (μ); null when requests cost no CPU. */
  podCapacity: number | null;
  /** λ / cμ; null with no Ready pod. */
  utilization: number | null;
  /** The share of requests that wait for a pod (Erlang C; 1 at or above capacity). */
  waiting: number;
  /** Mean number of requests waiting for a pod. */
  queue: number;
  /** Null when no request is served (no Ready pod). */
  latency: LatencySummary | null;
}

const QUANTILES = { p50: 0.5, p90: 0.9, p95: 0.95, p99: 0.99 } as const;

/** The queue, or why there is none: no Ready pod, or requests that cost nothing. */
function queueOf(input: ServingInput): MMc | "none" | "free" {
  if (input.pods <= 0) return "none";
  if (input.costMilli <= 0) return "free";
  return {
    servers: input.pods,
    arrivalRate: input.offered,
    serviceRate: Math.max(0, input.cpuPerPodMilli) / input.costMilli,
  };
}

const overloaded = (q: MMc): boolean => q.serviceRate <= 0 || !stable(q);

/** Serve `offered` requests per second with `pods` Ready pods. */
export function serve(input: ServingInput): Serving {
  const q = queueOf(input);
  const offered = input.offered;
  if (q === "none")
    return {
      offered,
      served: 0,
      dropped: offered,
      podCapacity: null,
      utilization: null,
      waiting: 1,
      queue: 0,
      latency: null,
    };
  if (q === "free")
    return {
      offered,
      served: offered,
      dropped: 0,
      podCapacity: null,
      utilization: 0,
      waiting: 0,
      queue: 0,
      latency: { mean: 0, p50: 0, p90: 0, p95: 0, p99: 0 },
    };
  const capacity = q.servers * q.serviceRate;
  const utilization = capacity > 0 ? offered / capacity : null;
  if (overloaded(q)) {
    const tau = input.timeout;
    return {
      offered,
      served: capacity,
      dropped: offered - capacity,
      podCapacity: q.serviceRate,
      utilization,
      waiting: 1,
      // Every arrival waits the timeout (Little's law: λ·τ requests waiting).
      queue: offered * tau,
      latency: { mean: tau, p50: tau, p90: tau, p95: tau, p99: tau },
    };
  }
  return {
    offered,
    served: offered,
    dropped: 0,
    podCapacity: q.serviceRate,
    utilization,
    waiting: waitProbability(q),
    queue: meanQueueLength(q),
    latency: {
      mean: meanResponseTimeCapped(q, input.timeout),
      p50: responseTimeQuantile(q, QUANTILES.p50, input.timeout),
      p90: responseTimeQuantile(q, QUANTILES.p90, input.timeout),
      p95: responseTimeQuantile(q, QUANTILES.p95, input.timeout),
      p99: responseTimeQuantile(q, QUANTILES.p99, input.timeout),
    },
  };
}

/**
 * Any percentile of the response time (p in (0, 100)), capped at the timeout; undefined when
 * no request is served. `expect latency p99.9 <= 1s` reads this.
 */
export function latencyPercentile(input: ServingInput, p: number): number | undefined {
  const q = queueOf(input);
  if (q === "none") return undefined;
  if (q === "free") return 0;
  if (overloaded(q)) return input.timeout;
  return responseTimeQuantile(q, p / 100, input.timeout);
}
