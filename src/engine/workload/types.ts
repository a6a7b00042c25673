/**
 * The load put on a workload (the `load` statement). Several channels combine: CPU demand
 * (total, per pod, or from request traffic), memory per pod, and custom metric values.
 * A later statement on the same channel replaces the earlier one; `off` clears them all.
 */
import type { Time } from "../../k8s/types.ts";

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
  /** Request traffic turned into CPU demand (spread like `cpu`). */
  | { kind: "requests"; rps: number; costMilliPerRequest: number }
  /** A custom metric value: per pod for Pods metrics, the object's value for Object, the series value for External. */
  | { kind: "metric"; name: string; valueMilli: number }
  | { kind: "off" };

/**
 * Cost of one request when a scenario gives none (`load requests 200/s`): 1 millicore-second,
 * so 1000 requests/s keep one core busy — a small web handler's order of magnitude, and a
 * round number that makes percentages easy to read.
 */
export const DEFAULT_COST_MILLI_PER_REQUEST = 1;

export interface LoadChange {
  at: Time;
  deployment: string;
  spec: LoadSpec;
}
