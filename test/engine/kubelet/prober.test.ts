// A readiness probe worker (pkg/kubelet/prober/worker.go doProbe): a probe every periodSeconds
// from the container's start (none before initialDelaySeconds), results counted in runs, and
// readiness changed only when a run reaches failureThreshold (default 3) or successThreshold
// (default 1) — pkg/apis/core/v1/defaults.go SetDefaults_Probe gives the defaults.
import { describe, expect, it } from "vitest";
import {
  nextProbeAt,
  probeFailureOutput,
  probeOnce,
  probesBefore,
  succeededUntil,
  type ProbeRun,
} from "../../../src/engine/kubelet/prober.ts";
import type { Container, Probe } from "../../../src/k8s/types.ts";

const http: Probe = { httpGet: { path: "/healthz", port: 80 }, periodSeconds: 5, failureThreshold: 3 };

describe("when the worker probes", () => {
  it.each([
    // [probe, startedAt, t, next probe]
    [{ periodSeconds: 10 }, 0, 0, 0],
    [{ periodSeconds: 10 }, 0, 25, 30],
    [{ periodSeconds: 10 }, 5, 25, 25],
    [{ periodSeconds: 10, initialDelaySeconds: 15 }, 0, 0, 20],
    [{}, 2, 3, 12], // periodSeconds defaults to 10
  ] as [Probe, number, number, number][])(
    "%j started at %ss: first probe at or after %ss is at %ss",
    (p, s, t, next) => {
      expect(nextProbeAt(p, s, t)).toBe(next);
    },
  );

  it("counts the probes run before a time", () => {
    expect(probesBefore({ periodSeconds: 10 }, 0, 35)).toBe(4); // 0, 10, 20, 30
    expect(probesBefore({ periodSeconds: 10, initialDelaySeconds: 15 }, 0, 20)).toBe(0);
  });
});

describe("how results change readiness (resultRun against the thresholds)", () => {
  it("a Ready container is unready at the failureThreshold-th failure in a row, and ready at the first success", () => {
    let run: ProbeRun = succeededUntil(http, 0, 100);
    expect(run.ready).toBe(true);
    const readiness: boolean[] = [];
    for (const failed of [true, true, true, true, false, true]) {
      run = probeOnce(run, failed, http);
      readiness.push(run.ready);
    }
    expect(readiness).toEqual([true, true, false, false, true, true]);
  });

  it("successThreshold 2 needs two successes in a row to be ready again", () => {
    const p: Probe = { ...http, successThreshold: 2, failureThreshold: 1 };
    let run: ProbeRun = { lastResult: "success", resultRun: 5, ready: true };
    run = probeOnce(run, true, p);
    expect(run.ready).toBe(false);
    run = probeOnce(run, false, p);
    expect(run.ready).toBe(false);
    run = probeOnce(run, false, p);
    expect(run.ready).toBe(true);
  });
});

describe("what a failed probe reports (the Unhealthy event's text after 'Readiness probe failed: ')", () => {
  const c = {
    name: "web",
    image: "nginx",
    ports: [{ name: "http", containerPort: 8080 }],
  } as unknown as Container;
  it.each([
    // pkg/probe/http/http.go: "HTTP probe failed with statuscode: %d"
    [{ httpGet: { port: 80 } }, "HTTP probe failed with statuscode: 503"],
    // Go's net.Dial error for a refused connection; a named port resolves to the container's.
    [{ tcpSocket: { port: "http" } }, "dial tcp 10.244.1.7:8080: connect: connection refused"],
    // pkg/probe/grpc/grpc.go
    [{ grpc: { port: 9090 } }, 'service unhealthy (responded with "NOT_SERVING")'],
    [{ exec: { command: ["cat", "/tmp/ready"] } }, ""],
  ] as [Probe, string][])("%j → %s", (p, out) => {
    expect(probeFailureOutput(p, c, "10.244.1.7")).toBe(out);
  });
});
