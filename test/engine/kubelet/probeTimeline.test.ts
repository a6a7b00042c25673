// The probe workers over one container run (src/engine/kubelet/probeTimeline.ts), after
// pkg/kubelet/prober/worker.go doProbe (v1.28): a probe every periodSeconds from the start, none
// before initialDelaySeconds; liveness and readiness wait for the startup probe's success;
// failureThreshold failures in a row of a startup or liveness probe kill the container
// (kuberuntime_manager.go computePodActions); defaults from SetDefaults_Probe (period 10 s,
// failureThreshold 3, successThreshold 1). The classic case is the probe docs' own ("Configure
// Liveness, Readiness and Startup Probes": protect slow starting containers with startup probes).
import { describe, expect, it } from "vitest";
import {
  probeNoAnswerOutput,
  probeTimeline,
  readinessDelay,
} from "../../../src/engine/kubelet/probeTimeline.ts";
import type { Container, Probe } from "../../../src/k8s/types.ts";

const http = (p: Partial<Probe> = {}): Probe => ({ httpGet: { path: "/healthz", port: 8080 }, ...p });
const app = (c: Partial<Container>): Container => ({ name: "app", image: "app:1", ...c });

describe("probeTimeline", () => {
  it("an application that answers at once fails nothing: started at once, ready after readinessDelay", () => {
    const c = app({
      livenessProbe: http(),
      readinessProbe: http({ initialDelaySeconds: 5, periodSeconds: 10 }),
    });
    expect(probeTimeline(c, 100, 100)).toEqual({ startedAt: 100, readyAt: 110, failures: [] });
  });

  it("a container without probes is started and ready at its start however slowly it answers", () => {
    // No worker runs for it (prober_manager.go AddPod makes none), so UpdatePodStatus counts it
    // started and ready once running; its key order is the general path's.
    const tl = probeTimeline(app({}), 100, 160);
    expect(tl).toEqual({ startedAt: 100, readyAt: 100, failures: [] });
    expect(Object.keys(tl)).toEqual(["startedAt", "readyAt", "failures"]);
    // One probe of any kind takes the general path: a liveness probe fails while it does not answer.
    expect(probeTimeline(app({ livenessProbe: http() }), 100, 160).failures.length).toBe(3);
  });

  it("liveness without a startupProbe kills a slow starter at the failureThreshold-th failure", () => {
    // initialDelaySeconds 10, period 10, threshold 3; the app answers after 60 s: fails at 10, 20, 30.
    // Without a readiness probe it counts as ready from the start until the kill.
    const c = app({ livenessProbe: http({ initialDelaySeconds: 10 }) });
    expect(probeTimeline(c, 0, 60)).toEqual({
      startedAt: 0,
      readyAt: 0,
      kill: { at: 30, probe: "liveness" },
      failures: [
        { at: 10, probe: "liveness" },
        { at: 20, probe: "liveness" },
        { at: 30, probe: "liveness" },
      ],
    });
  });

  it("a startupProbe holds liveness and readiness back until it succeeds", () => {
    const c = app({
      startupProbe: http({ periodSeconds: 10, failureThreshold: 30 }),
      livenessProbe: http({ initialDelaySeconds: 10 }),
      readinessProbe: http({ periodSeconds: 5 }),
    });
    const tl = probeTimeline(c, 0, 45);
    expect(tl.startedAt).toBe(50);
    expect(tl.readyAt).toBe(50);
    expect(tl.kill).toBeUndefined();
    expect(tl.failures.map((f) => `${f.probe}@${f.at}`)).toEqual(
      [0, 10, 20, 30, 40].map((t) => `startup@${t}`),
    );
  });

  it("a startup probe that runs out of failures kills the container before it starts", () => {
    const c = app({ startupProbe: http({ periodSeconds: 5, failureThreshold: 4 }), readinessProbe: http() });
    expect(probeTimeline(c, 0, 60)).toEqual({
      kill: { at: 15, probe: "startup" },
      failures: [0, 5, 10, 15].map((at) => ({ at, probe: "startup" })),
    });
  });

  it("readiness fails until the application answers, then needs successThreshold successes", () => {
    const c = app({ readinessProbe: http({ periodSeconds: 10, successThreshold: 2 }) });
    const tl = probeTimeline(c, 0, 25);
    expect(tl.failures.map((f) => f.at)).toEqual([0, 10, 20]);
    expect(tl.readyAt).toBe(40);
  });

  it("a container killed before its readiness succeeds is never ready; failures stop at the kill", () => {
    const c = app({ livenessProbe: http({ periodSeconds: 5, failureThreshold: 2 }), readinessProbe: http() });
    const tl = probeTimeline(c, 0, 100);
    expect(tl.kill).toEqual({ at: 5, probe: "liveness" });
    expect(tl.readyAt).toBeUndefined();
    expect(tl.failures).toEqual([
      { at: 0, probe: "liveness" },
      { at: 0, probe: "readiness" },
      { at: 5, probe: "liveness" },
    ]);
  });

  it("matches readinessDelay when nothing fails", () => {
    for (const p of [
      http(),
      http({ initialDelaySeconds: 5, successThreshold: 2 }),
      http({ periodSeconds: 3 }),
    ])
      expect(probeTimeline(app({ readinessProbe: p }), 7, 7).readyAt).toBe(7 + readinessDelay(p));
  });
});

describe("probeNoAnswerOutput: what a probe says when nothing listens yet", () => {
  const c = app({ ports: [{ name: "http", containerPort: 8080 }] });
  it.each([
    [
      "HTTP GET (Go's client error, path defaulted to /)",
      { httpGet: { port: "http" } },
      'Get "http://10.244.1.7:8080/": dial tcp 10.244.1.7:8080: connect: connection refused',
    ],
    [
      "HTTPS GET with a path",
      { httpGet: { port: 8443, path: "/actuator/health/liveness", scheme: "HTTPS" } },
      'Get "https://10.244.1.7:8443/actuator/health/liveness": dial tcp 10.244.1.7:8443: connect: connection refused',
    ],
    ["TCP", { tcpSocket: { port: 5432 } }, "dial tcp 10.244.1.7:5432: connect: connection refused"],
    [
      "gRPC (pkg/probe/grpc/grpc.go)",
      { grpc: { port: 9090 }, timeoutSeconds: 2 },
      'timeout: failed to connect service "10.244.1.7:9090" within 2s',
    ],
    ["exec (no output)", { exec: { command: ["cat", "/tmp/healthy"] } }, ""],
  ])("%s", (_, probe, expected) => {
    expect(probeNoAnswerOutput(probe as Probe, c, "10.244.1.7")).toBe(expected);
  });
});
