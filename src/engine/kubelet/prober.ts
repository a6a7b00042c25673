/**
 * A readiness probe worker (pkg/kubelet/prober/worker.go), as pure functions: when it probes,
 * how it counts results, and what a failed probe says.
 *
 * The worker probes every periodSeconds from the container's start; a probe before
 * initialDelaySeconds does not run (doProbe returns early). Each result extends a run of equal
 * results (`resultRun`) or starts a new one; the readiness the results manager holds changes
 * only when a run reaches its threshold — failureThreshold failures (default 3) or
 * successThreshold successes (default 1):
 *
 *     if (result == Failure && resultRun < FailureThreshold) ||
 *        (result == Success && resultRun < SuccessThreshold) { return true }  // unchanged
 *     w.resultsManager.Set(w.containerID, result, w.pod)
 *
 * So a Ready container whose probe starts failing at t is unready at the failureThreshold-th
 * failed probe: the first probe at or after t plus (failureThreshold − 1) periods. Every failed
 * probe records a Warning Unhealthy event "Readiness probe failed: OUTPUT"
 * (prober.go runProbeWithRetries/probe).
 */
import type { Container, Probe, Time } from "../../k8s/types.ts";

/** pkg/apis/core/v1/defaults.go SetDefaults_Probe. */
const DEFAULTS = { initialDelaySeconds: 0, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 };

export interface ProbeRun {
  /** The last result, and how many in a row (undefined before the first probe). */
  lastResult: "success" | "failure" | undefined;
  resultRun: number;
  /** What the results manager holds: the container's readiness. */
  ready: boolean;
}

const period = (p: Probe): number => p.periodSeconds || DEFAULTS.periodSeconds;
const threshold = (n: number | undefined, d: number): number => Math.max(1, n ?? d);

/** The first probe at or after `t` of a container started at `startedAt` (probes before the initial delay do not count). */
export function nextProbeAt(p: Probe, startedAt: Time, t: Time): Time {
  const P = period(p);
  const firstK = Math.ceil((p.initialDelaySeconds ?? DEFAULTS.initialDelaySeconds) / P);
  const k = Math.max(firstK, Math.ceil((t - startedAt) / P - 1e-9));
  return startedAt + k * P;
}

/** Probes run from `startedAt` up to, not including, `t` (all of them successes when nothing failed them). */
export function probesBefore(p: Probe, startedAt: Time, t: Time): number {
  const first = nextProbeAt(p, startedAt, startedAt);
  if (first >= t) return 0;
  return Math.ceil((t - first) / period(p) - 1e-9);
}

/** The state of a worker whose probes before `t` all succeeded. */
export function succeededUntil(p: Probe, startedAt: Time, t: Time): ProbeRun {
  const n = probesBefore(p, startedAt, t);
  return {
    lastResult: n > 0 ? "success" : undefined,
    resultRun: n,
    ready: n >= threshold(p.successThreshold, DEFAULTS.successThreshold),
  };
}

/** doProbe's bookkeeping for one result. */
export function probeOnce(run: ProbeRun, failed: boolean, p: Probe): ProbeRun {
  const result = failed ? "failure" : "success";
  const resultRun = run.lastResult === result ? run.resultRun + 1 : 1;
  const needed = failed
    ? threshold(p.failureThreshold, DEFAULTS.failureThreshold)
    : threshold(p.successThreshold, DEFAULTS.successThreshold);
  return { lastResult: result, resultRun, ready: resultRun < needed ? run.ready : !failed };
}

/** The period between probes, seconds. */
export const probePeriod = period;

/**
 * What a failed readiness probe reports, by its handler, for an application that answers but is
 * not ready: an HTTP 503 (pkg/probe/http/http.go: "HTTP probe failed with statuscode: %d"), a
 * refused TCP connection (Go's net error "dial tcp IP:PORT: connect: connection refused"), a
 * gRPC NOT_SERVING (pkg/probe/grpc/grpc.go), and an exec command's (empty) output.
 */
export function probeFailureOutput(p: Probe, container: Container, podIP: string | undefined): string {
  if (p.httpGet) return "HTTP probe failed with statuscode: 503";
  const tcp = p.tcpSocket as { port?: number | string; host?: string } | undefined;
  if (tcp) {
    let port = tcp.port;
    if (typeof port === "string" && !/^\d+$/.test(port)) {
      const ports = (container.ports as { name?: string; containerPort: number }[] | undefined) ?? [];
      port = ports.find((x) => x.name === port)?.containerPort ?? port;
    }
    return `dial tcp ${tcp.host || podIP || ""}:${port ?? ""}: connect: connection refused`;
  }
  if (p.grpc) return 'service unhealthy (responded with "NOT_SERVING")';
  return "";
}
