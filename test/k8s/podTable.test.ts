// kubectl get pods' READY, STATUS and RESTARTS for pods with init containers and native
// sidecars, as pkg/printers/internalversion/printers.go printPod computes them (kubectl 1.29+,
// with KEP-753's restartable init containers): the init containers are walked first — one that
// completed (exit code 0) or a started sidecar is passed over, the first other gives
// Init:REASON or Init:I/N — and the app containers only once that walk found nothing, or the
// pod is Initialized.
import { describe, expect, it } from "vitest";
import { podTable } from "../../src/k8s/kinds/pod/table.ts";
import type { ContainerStatus, Pod } from "../../src/k8s/types.ts";

const waiting = (reason: string): ContainerStatus["state"] => ({ waiting: { reason } });
const running = { running: { startedAt: 0 } };
const done = { terminated: { exitCode: 0, reason: "Completed", startedAt: 0, finishedAt: 5 } };
const failed = { terminated: { exitCode: 1, reason: "Error", startedAt: 0, finishedAt: 5 } };
const st = (
  name: string,
  state: ContainerStatus["state"],
  extra: Partial<ContainerStatus> = {},
): ContainerStatus => ({
  name,
  image: `${name}:1`,
  ready: false,
  restartCount: 0,
  state,
  ...extra,
});

function pod(
  inits: ContainerStatus[],
  apps: ContainerStatus[],
  { initialized = false, sidecar = false } = {},
): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "web-1", namespace: "default", creationTimestamp: 0 },
    spec: {
      nodeName: "node-1",
      initContainers: [
        { name: "wait-for-db", image: "busybox:1.36" },
        { name: "proxy", image: "envoy:1", ...(sidecar ? { restartPolicy: "Always" } : {}) },
      ],
      containers: [{ name: "app", image: "app:1" }],
    },
    status: {
      phase: initialized && apps.some((a) => a.state?.running) ? "Running" : "Pending",
      conditions: [{ type: "Initialized", status: initialized ? "True" : "False", lastTransitionTime: 0 }],
      initContainerStatuses: inits,
      containerStatuses: apps,
    },
  };
}

const cells = (p: Pod) => podTable.cells(p, { now: 60, wide: false }).slice(1, 4);

describe("printPod with init containers", () => {
  it.each([
    [
      "nothing started yet: Init:0/2",
      pod(
        [st("wait-for-db", waiting("PodInitializing")), st("proxy", waiting("PodInitializing"))],
        [st("app", waiting("PodInitializing"))],
      ),
      ["0/1", "Init:0/2", "0"],
    ],
    [
      "the first running: Init:0/2",
      pod(
        [st("wait-for-db", running), st("proxy", waiting("PodInitializing"))],
        [st("app", waiting("PodInitializing"))],
      ),
      ["0/1", "Init:0/2", "0"],
    ],
    [
      "the first completed: Init:1/2",
      pod([st("wait-for-db", done), st("proxy", running)], [st("app", waiting("PodInitializing"))]),
      ["0/1", "Init:1/2", "0"],
    ],
    [
      "an init container that failed: Init:Error, its restarts counted",
      pod(
        [
          st("wait-for-db", failed, { restartCount: 2, lastState: failed }),
          st("proxy", waiting("PodInitializing")),
        ],
        [st("app", waiting("PodInitializing"))],
      ),
      ["0/1", "Init:Error", "2 (55s ago)"],
    ],
    [
      "one in back-off: Init:CrashLoopBackOff",
      pod(
        [
          st("wait-for-db", waiting("CrashLoopBackOff"), { restartCount: 3, lastState: failed }),
          st("proxy", waiting("PodInitializing")),
        ],
        [st("app", waiting("PodInitializing"))],
      ),
      ["0/1", "Init:CrashLoopBackOff", "3 (55s ago)"],
    ],
    [
      "all done, the app waits: PodInitializing (not an Init: reason)",
      pod([st("wait-for-db", done), st("proxy", done)], [st("app", waiting("PodInitializing"))], {
        initialized: true,
      }),
      ["0/1", "PodInitializing", "0"],
    ],
    [
      "initialized and running: the init containers' restarts no longer count",
      pod(
        [st("wait-for-db", done, { restartCount: 4 }), st("proxy", done)],
        [st("app", running, { ready: true })],
        {
          initialized: true,
        },
      ),
      ["1/1", "Running", "0"],
    ],
  ])("%s", (_, p, expected) => {
    expect(cells(p)).toEqual(expected);
  });
});

describe("printPod with a native sidecar (restartPolicy Always)", () => {
  it.each([
    [
      "started and ready: counted in READY, the walk goes on",
      pod(
        [st("wait-for-db", done), st("proxy", running, { started: true, ready: true })],
        [st("app", waiting("PodInitializing"))],
        {
          sidecar: true,
          initialized: true,
        },
      ),
      ["1/2", "PodInitializing", "0"],
    ],
    [
      "running beside a ready app: 2/2",
      pod(
        [st("wait-for-db", done), st("proxy", running, { started: true, ready: true, restartCount: 1 })],
        [st("app", running, { ready: true })],
        { sidecar: true, initialized: true },
      ),
      ["2/2", "Running", "1"],
    ],
    [
      "not started yet (its startup probe has not passed): Init:1/2",
      pod(
        [st("wait-for-db", done), st("proxy", running, { started: false })],
        [st("app", waiting("PodInitializing"))],
        {
          sidecar: true,
        },
      ),
      ["0/2", "Init:1/2", "0"],
    ],
  ])("%s", (_, p, expected) => {
    expect(cells(p)).toEqual(expected);
  });
});
