/**
 * What a container's startup, liveness and readiness probes do over one run, as a pure function
 * of its start and of when its application first answers (the `app.startup-time` setting).
 * pkg/kubelet/prober/worker.go doProbe, v1.28:
 *
 * - each probe has its own worker, probing every periodSeconds from the container's start; a
 *   probe before initialDelaySeconds does not run;
 * - until the startup probe has succeeded (status `started`), the liveness and readiness
 *   workers do not probe ("Disable other probes until container has started"); a container
 *   without a startupProbe has started at once;
 * - a probe fails while the application does not answer yet; failureThreshold failures in a
 *   row of the startup or the liveness probe make the kubelet kill the container
 *   (kuberuntime_manager.go computePodActions: "Container app failed liveness probe, will be
 *   restarted"); successThreshold successes of the readiness probe make it ready (a container
 *   without one is ready once started: prober_manager.go UpdatePodStatus).
 *
 * Example: livenessProbe initialDelaySeconds 10, periodSeconds 10, failureThreshold 3, no
 * startupProbe, application answering after 60 s: liveness fails at 10, 20, 30 → killed at 30.
 * With a startupProbe (periodSeconds 10, failureThreshold 30) it fails at 0 … 50, succeeds at
 * 60: started at 60, liveness from then on passes.
 */
import type { Container, Probe, Time } from "../../k8s/types.ts";

export type ProbeKind = "startup" | "liveness" | "readiness";

export interface ProbeTimeline {
  /** When the container counts as started; undefined when the startup probe kills it first. */
  startedAt?: Time;
  /** When it becomes ready; undefined when it is killed first. */
  readyAt?: Time;
  /** The probe failure that kills the container, and when. */
  kill?: { at: Time; probe: "startup" | "liveness" };
  /** Every failed probe up to the kill (each a Warning Unhealthy), by time then kind. */
  failures: { at: Time; probe: ProbeKind }[];
}

/** pkg/apis/core/v1/defaults.go SetDefaults_Probe. */
const DEFAULTS = { initialDelaySeconds: 0, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 };
const ORDER: Record<ProbeKind, number> = { startup: 0, liveness: 1, readiness: 2 };
const EPS = 1e-9;

const period = (p: Probe): number => p.periodSeconds || DEFAULTS.periodSeconds;
const failureThreshold = (p: Probe): number => Math.max(1, p.failureThreshold ?? DEFAULTS.failureThreshold);
const successThreshold = (p: Probe): number => Math.max(1, p.successThreshold ?? DEFAULTS.successThreshold);

/**
 * Seconds from container start to Ready under a readiness probe (pkg/kubelet/prober/worker.go):
 * the worker probes every periodSeconds from the container's start, a probe before
 * initialDelaySeconds does not count, and readiness needs successThreshold successes in a row.
 * So Ready comes at the first probe at or after the delay, plus (successThreshold − 1) periods.
 *
 * Example: initialDelaySeconds 5, periodSeconds 10, successThreshold 2: probes at 0 (too
 * early), 10 (first success), 20 (second) → Ready 20 s after start. No probe → 0.
 */
export function readinessDelay(probe: Probe | undefined): number {
  if (!probe) return 0;
  const delay = probe.initialDelaySeconds ?? DEFAULTS.initialDelaySeconds;
  const P = period(probe);
  return Math.ceil(delay / P) * P + (successThreshold(probe) - 1) * P;
}

/** The worker's first probe at or after `t` (none before initialDelaySeconds) of a container started at `start`. */
function tickAtOrAfter(p: Probe, start: Time, t: Time): Time {
  const P = period(p);
  const first = Math.ceil((p.initialDelaySeconds ?? DEFAULTS.initialDelaySeconds) / P - EPS);
  return start + Math.max(first, Math.ceil((t - start) / P - EPS)) * P;
}

/**
 * A worker's probes from `from` on (its ticks on the container's grid): the failures before the
 * application answers at `answersAt`, the failureThreshold-th of which is a kill (startup and
 * liveness), and the first success.
 */
function run(p: Probe, start: Time, from: Time, answersAt: Time): { failures: Time[]; successAt: Time } {
  const failures: Time[] = [];
  let t = tickAtOrAfter(p, start, from);
  for (; t < answersAt - EPS; t += period(p)) {
    failures.push(t);
    if (failures.length >= failureThreshold(p)) break;
  }
  return { failures, successAt: t < answersAt - EPS ? Infinity : t };
}

export function probeTimeline(c: Container, start: Time, answersAt: Time): ProbeTimeline {
  // An application that answers from the start fails no probe: started at once, ready after
  // readinessDelay. So does a container without probes (nearly every one), whenever it answers:
  // no worker runs, and the general path below gives this object through spreads, a filter and
  // a sort of no failures (twice per pod start: the plan and the readiness round).
  if (!c.startupProbe && (answersAt <= start || (!c.livenessProbe && !c.readinessProbe)))
    return { startedAt: start, readyAt: start + readinessDelay(c.readinessProbe), failures: [] };
  const failures: ProbeTimeline["failures"] = [];
  let kill: ProbeTimeline["kill"];
  let startedAt: Time | undefined = start;
  if (c.startupProbe) {
    const s = run(c.startupProbe, start, start, answersAt);
    failures.push(...s.failures.map((at) => ({ at, probe: "startup" as const })));
    if (s.failures.length >= failureThreshold(c.startupProbe))
      kill = { at: s.failures[s.failures.length - 1], probe: "startup" };
    startedAt = kill ? undefined : s.successAt;
  }
  if (c.livenessProbe && startedAt !== undefined) {
    const l = run(c.livenessProbe, start, startedAt, answersAt);
    failures.push(...l.failures.map((at) => ({ at, probe: "liveness" as const })));
    if (l.failures.length >= failureThreshold(c.livenessProbe))
      kill = { at: l.failures[l.failures.length - 1], probe: "liveness" };
  }
  let readyAt = startedAt;
  if (c.readinessProbe && startedAt !== undefined) {
    const r = run({ ...c.readinessProbe, failureThreshold: Infinity }, start, startedAt, answersAt);
    failures.push(...r.failures.map((at) => ({ at, probe: "readiness" as const })));
    readyAt = r.successAt + (successThreshold(c.readinessProbe) - 1) * period(c.readinessProbe);
  }
  if (kill && readyAt !== undefined && readyAt >= kill.at - EPS) readyAt = undefined;
  return {
    ...(startedAt !== undefined ? { startedAt } : {}),
    ...(readyAt !== undefined ? { readyAt } : {}),
    ...(kill ? { kill } : {}),
    failures: failures
      .filter((f) => !kill || f.at <= kill.at + EPS)
      .sort((a, b) => a.at - b.at || ORDER[a.probe] - ORDER[b.probe]),
  };
}

/** The probe's target as the prober dials it: the port (a named port resolved from the container's ports), and the pod IP. */
function port(value: unknown, c: Container): string {
  if (typeof value === "string" && !/^\d+$/.test(value)) {
    const ports = (c.ports as { name?: string; containerPort: number }[] | undefined) ?? [];
    return String(ports.find((x) => x.name === value)?.containerPort ?? value);
  }
  return String(value ?? "");
}

/**
 * What a probe reports when the application does not answer yet (nothing listens on its port):
 * an HTTP GET's Go client error (pkg/probe/http/http.go returns err.Error(): `Get
 * "http://10.244.1.7:8080/healthz": dial tcp 10.244.1.7:8080: connect: connection refused`; the
 * path defaults to "/", SetDefaults_HTTPGetAction), a TCP dial's error (pkg/probe/tcp/tcp.go), a
 * gRPC probe's "timeout: failed to connect service %q within %v" (pkg/probe/grpc/grpc.go), and
 * an exec command's output (none).
 */
export function probeNoAnswerOutput(p: Probe, c: Container, podIP: string | undefined): string {
  const http = p.httpGet as { port?: unknown; host?: string; path?: string; scheme?: string } | undefined;
  if (http) {
    const host = `${http.host || podIP || ""}:${port(http.port, c)}`;
    const scheme = (http.scheme ?? "HTTP").toLowerCase();
    return `Get "${scheme}://${host}${http.path || "/"}": dial tcp ${host}: connect: connection refused`;
  }
  const tcp = p.tcpSocket as { port?: unknown; host?: string } | undefined;
  if (tcp) return `dial tcp ${tcp.host || podIP || ""}:${port(tcp.port, c)}: connect: connection refused`;
  const grpc = p.grpc as { port?: unknown } | undefined;
  if (grpc)
    return `timeout: failed to connect service "${podIP ?? ""}:${port(grpc.port, c)}" within ${p.timeoutSeconds ?? 1}s`;
  return "";
}

/** The probe's name in events: "Liveness probe failed: …" (prober.go: probeType's String, capitalised). */
export const probeTitle = (kind: ProbeKind): string => `${kind[0].toUpperCase()}${kind.slice(1)}`;
