/**
 * The faults a simulation can be put through (the language's `fault` statement), each held
 * where the part of the cluster it breaks consults it:
 *
 * - `api`: the API server refusing requests (api.ts) — the HPA's scale writes
 *   (`fault scale-updates for 1m`);
 * - `pods`: containers crashing, readiness probes failing and image pulls failing (pods.ts),
 *   which the kubelet acts on;
 * - `metricsServer`: metrics-server down — its aggregated API (metrics.k8s.io) answers 503 and
 *   it scrapes nothing (metrics/metricsServer.ts);
 * - `nodes`: nodes whose kubelet is down (nodes/outage.ts), which the kubelet, metrics-server
 *   and the node lifecycle controller's health check consult.
 *
 * The errors are the API machinery's own words: client-go's NewGenericServerResponse for a
 * 503 is "the server is currently unable to handle the request", followed by "(VERB
 * RESOURCE NAME)" (k8s.io/apimachinery/pkg/api/errors/errors.go) — so kubectl top prints
 * `Error from server (ServiceUnavailable): the server is currently unable to handle the
 * request (get pods.metrics.k8s.io)`, as it does against a cluster whose metrics-server is down.
 */
import type { Time } from "../../k8s/types.ts";
import type { ApiError } from "../cluster.ts";
import { ApiFaults } from "./api.ts";
import { NodeOutages } from "../nodes/outage.ts";
import { PodFaults } from "./pods.ts";

export { ApiFaults, type ApiFault } from "./api.ts";
export { PodFaults, type CrashWindow, type PullFailureWindow, type UnreadyWindow } from "./pods.ts";

/** Windows of time, each from ≤ t < until. */
export class Windows {
  private readonly windows: { from: Time; until: Time }[] = [];

  add(from: Time, until: Time): void {
    this.windows.push({ from, until });
  }

  covers(t: Time): boolean {
    return this.windows.some((w) => w.from <= t && t < w.until);
  }

  get empty(): boolean {
    return this.windows.length === 0;
  }
}

/** A 503 as client-go words it: errors.NewGenericServerResponse(503, verb, resource, name). */
export function serviceUnavailable(verb: string, resource: string, name?: string): ApiError {
  const what = name ? `${verb} ${resource} ${name}` : `${verb} ${resource}`;
  return {
    reason: "ServiceUnavailable",
    message: `the server is currently unable to handle the request (${what})`,
  };
}

export class Faults {
  /** The API server refusing requests. */
  readonly api = new ApiFaults();
  /** Containers that crash, readiness probes that fail. */
  readonly pods = new PodFaults();
  /** metrics-server down. */
  readonly metricsServer = new Windows();
  /** Nodes whose kubelet is down (nodes/outage.ts). */
  readonly nodes = new NodeOutages();
}
