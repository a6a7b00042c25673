/**
 * The trace: the one record of a run. Reports, expectations, charts and the explainer read
 * it; none of them reaches into the engine.
 *
 * - `series`: every object's observable state as a step function of time. Each point holds
 *   the state from `t` until the next point (several points may share a `t`; the last one
 *   at an instant is "the state at t", after everything due at t).
 * - `events`: every Kubernetes event, in emission order.
 * - `decisions`: every controller action with its inputs (HPA syncs with their full
 *   calculation, Deployment scaling steps, ReplicaSet pod creations/deletions…).
 * - `load`: the workload model per Deployment: demand, served and unserved CPU.
 * - `notes`: free-form engine notes (e.g. scenario actions), kept in order.
 */
import type {
  DeploymentSummary,
  HPASummary,
  ObjectSummary,
  PodSummary,
  ReplicaSetSummary,
} from "../k8s/kinds/index.ts";
import type { KubeEvent, Time } from "../k8s/types.ts";
import type { Serving, ServingInput } from "./workload/serving.ts";

export interface Point<V> {
  t: Time;
  value: V;
}

export type {
  ConditionSummary,
  DeploymentSummary,
  HPAMetricSummary,
  HPASummary,
  PodSummary,
  ReplicaSetSummary,
} from "../k8s/kinds/index.ts";

export interface LoadSummary {
  /** Total CPU demand on the workload, millicores. */
  demandMilli: number;
  /** CPU actually used by its pods (demand capped by limits, and by having no Ready pods). */
  servedMilli: number;
  unservedMilli: number;
  /** Ready pods that received traffic. */
  readyPods: number;
  /** Average memory per running pod, bytes. */
  memoryBytesPerPod: number;
  /**
   * Request traffic (`load requests`): the serving model's inputs and what it gives —
   * served and dropped requests per second, queueing, latency in seconds (serving.ts).
   */
  requests?: RequestSummary;
  /**
   * A load on a Service in front of several workloads: each workload's Ready endpoints
   * ("Deployment/web-canary" → 1) and its share of the offered load — requests/s under request
   * traffic, else CPU millicores (workload/types.ts endpointShares).
   */
  endpoints?: Record<string, { ready: number; share: number }>;
}

/** Requests at an instant: the serving model's inputs, so any percentile can be computed again. */
export type RequestSummary = ServingInput & Serving;

/**
 * Summaries by kind, then by qualified name (`web` in default, `prod/web` elsewhere:
 * src/k8s/namespaces.ts): every kind whose descriptor summarises it
 * (src/k8s/kinds/<kind>/summary.ts) has a series, the built-in ones typed.
 */
export interface SeriesByKind {
  Deployment: Record<string, Point<DeploymentSummary>[]>;
  ReplicaSet: Record<string, Point<ReplicaSetSummary>[]>;
  HorizontalPodAutoscaler: Record<string, Point<HPASummary>[]>;
  Pod: Record<string, Point<PodSummary>[]>;
  [kind: string]: Record<string, Point<ObjectSummary>[]>;
}

export interface Decision {
  t: Time;
  /** The registered controller's name ("deployment", "replicaset", "hpa"), or "apiserver", "kubelet". */
  controller: string;
  /** "Kind/qualified name": `Deployment/web`, `Deployment/prod/web`. */
  object: string;
  /** What was decided, e.g. "scale", "create-rs", "hpa-sync", "delete-pods". */
  action: string;
  /** One line a person can read. */
  summary: string;
  /** Everything the decision was made from (controller-specific, JSON-serialisable). */
  inputs: Record<string, unknown>;
}

/** A decision as a controller hands it over; the simulation adds its time. */
export type DecisionDraft = Omit<Decision, "t">;

/** A free-form engine note, e.g. a scenario action taking effect. */
export interface Note {
  t: Time;
  text: string;
}

export interface Trace {
  /** Simulated end of the run. */
  end: Time;
  series: SeriesByKind;
  events: KubeEvent[];
  decisions: Decision[];
  /** Workload model per Deployment (by qualified name). */
  load: Record<string, Point<LoadSummary>[]>;
  /** Engine notes in order (scenario actions as they took effect). Optional: added by the engine. */
  notes?: Note[];
}

/** The state of a step function at t: the last point at or before t (after everything due at t). */
export function valueAt<V>(points: readonly Point<V>[] | undefined, t: Time): V | undefined {
  if (!points || points.length === 0) return undefined;
  let lo = 0;
  let hi = points.length - 1;
  if (points[0].t > t) return undefined;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (points[mid].t <= t) lo = mid;
    else hi = mid - 1;
  }
  return points[lo].value;
}
