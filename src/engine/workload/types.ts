/**
 * The load put on a workload (the `load` statement). Several channels combine: CPU demand
 * (total, per pod, or from request traffic), memory per pod, and custom metric values.
 * A later statement on the same channel replaces the earlier one; `off` clears them all.
 */
import { dict } from "../../k8s/safeKeys.ts";
import type { Time } from "../../k8s/types.ts";
import type { Signal } from "./signal.ts";

/** A CPU amount: absolute millicores, or a percentage of ONE pod's CPU request. */
export type CpuAmount = { milli: number } | { percentOfRequest: number };

export type LoadSpec =
  /** Total demand spread evenly over the Ready pods (the Service's endpoints); optional linear ramp. */
  | { kind: "cpu"; amount: CpuAmount; rampTo?: CpuAmount; rampOver?: number }
  /**
   * Fixed usage in every Running pod; with `startupFor`, only in each pod's first
   * `startupFor` seconds after its containers start (a warm-up spike: `load cpu 800m per pod
   * at startup for 90s`), on a channel of its own beside the steady per-pod usage.
   */
  | { kind: "cpuPerPod"; amount: CpuAmount; startupFor?: number }
  /** Working set per pod, optionally on the first N pods only, optionally for a duration. */
  | { kind: "memoryPerPod"; bytes: number; onPods?: number; duration?: number }
  /** Total demand replayed from data (`load cpu file "cpu.csv"`), millicores; replaces a ramp. */
  | { kind: "cpuSignal"; milli: Signal }
  /**
   * Request traffic, requests per second (a constant, or a signal replayed from a file or
   * `steps`): turned into CPU demand spread like `cpu`, served by the Ready pods
   * (serving.ts), and counted per pod for the request-rate metrics (metrics/customMetrics.ts).
   */
  | { kind: "requests"; rps: number | Signal; costMilliPerRequest: number }
  /**
   * A custom metric value in milli-units (a constant or a signal): per pod for Pods metrics,
   * the object's value for Object, the series value for External. With `total`, the value is
   * the workload's total, spread over its Ready pods as a per-pod rate is.
   */
  | { kind: "metric"; name: string; valueMilli: number | Signal; total?: boolean }
  | { kind: "off" };

/**
 * Cost of one request when a scenario gives none (`load requests 200/s`): 1 millicore-second,
 * so 1000 requests/s keep one core busy — a small web handler's order of magnitude, and a
 * round number that makes percentages easy to read.
 */
export const DEFAULT_COST_MILLI_PER_REQUEST = 1;

/**
 * What a `load` can be about: a Deployment or a StatefulSet (its pods are those spec.selector
 * picks, and "a % of one pod's request" reads spec.template), or a Service that selects the pods
 * of several workloads (a canary beside its stable Deployment): its traffic is spread over the
 * Ready pods its selector picks — its endpoints — whichever workload they belong to.
 */
export type LoadedKind = "Deployment" | "StatefulSet" | "Service";

/**
 * The key of a loaded workload in the load model and in the trace's `load` record, from its
 * kind and qualified name (src/k8s/namespaces.ts: `web` in default, `prod/web` elsewhere): a
 * Deployment by its qualified name (as before StatefulSets could be loaded), any other kind as
 * "Kind/" + the qualified name. A kind starts with a capital and a namespace cannot, so the
 * two never collide. Examples: ("Deployment", "prod/web") → "prod/web"; ("StatefulSet",
 * "worker") → "StatefulSet/worker"; ("Service", "prod/web") → "Service/prod/web".
 */
export const loadKey = (kind: LoadedKind, name: string): string =>
  kind === "Deployment" ? name : `${kind}/${name}`;

const LOADED_KINDS: readonly LoadedKind[] = ["Deployment", "StatefulSet", "Service"];

/**
 * How a Service's traffic divides between the workloads behind it: kube-proxy spreads
 * connections evenly over the Ready endpoints, so each workload's share is its Ready pods over
 * all Ready endpoints. Example: 400 requests/s, stable 3 Ready and canary 1 → 300 and 100; no
 * Ready endpoint → nothing served (every share 0).
 */
export function endpointShares(
  total: number,
  ready: Readonly<Record<string, number>>,
): Record<string, number> {
  const endpoints = Object.values(ready).reduce((a, b) => a + b, 0);
  const out = dict<number>();
  for (const [workload, n] of Object.entries(ready))
    out[workload] = endpoints > 0 ? (total * n) / endpoints : 0;
  return out;
}

/** The workload a load key names, with its qualified name (loadKey's inverse). */
export function loadedWorkload(key: string): { kind: LoadedKind; name: string } {
  const slash = key.indexOf("/");
  const head = slash < 0 ? "" : key.slice(0, slash);
  return (LOADED_KINDS as readonly string[]).includes(head)
    ? { kind: head as LoadedKind, name: key.slice(slash + 1) }
    : { kind: "Deployment", name: key };
}

export interface LoadChange {
  at: Time;
  deployment: string;
  spec: LoadSpec;
}
