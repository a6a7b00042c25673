import { describe, expect, it } from "vitest";
import type { Pod } from "../../src/k8s/types.ts";
import { SpreadPods, sameForSpread } from "../../src/engine/workload/spreadPods.ts";

// A pod as the kubelet leaves it once Running and Ready (the fields the spread reads of it:
// loadModel.ts factsOf and the owner match by labels).
const pod = (
  over: {
    name?: string;
    namespace?: string;
    phase?: string;
    started?: (number | undefined)[];
    ready?: boolean;
    deletion?: number;
    labels?: Record<string, string>;
  } = {},
): Pod =>
  ({
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: over.name ?? "web-7d4b9-x2x4q",
      ...(over.namespace !== undefined ? { namespace: over.namespace } : {}),
      labels: over.labels ?? { app: "web", "pod-template-hash": "7d4b9" },
      ...(over.deletion !== undefined ? { deletionTimestamp: over.deletion } : {}),
    },
    spec: { containers: [{ name: "app", image: "nginx" }] },
    status: {
      phase: over.phase ?? "Running",
      conditions: [
        { type: "Ready", status: over.ready === false ? "False" : "True", lastTransitionTime: 12 },
      ],
      containerStatuses: (over.started ?? [10]).map((t) => ({
        name: "app",
        ready: over.ready !== false,
        restartCount: 0,
        state: t === undefined ? { waiting: { reason: "ContainerCreating" } } : { running: { startedAt: t } },
      })),
    },
  }) as unknown as Pod;

describe("sameForSpread: what the load spread reads of a pod", () => {
  it.each([
    ["another name", pod({ name: "web-7d4b9-zzzzz" })],
    ["another namespace", pod({ namespace: "prod" })],
    ["another phase", pod({ phase: "Failed" })],
    ["a container restarted", pod({ started: [40] })],
    ["a container not running", pod({ started: [undefined] })],
    ["another container", pod({ started: [10, 10] })],
    ["not Ready", pod({ ready: false })],
    ["terminating", pod({ deletion: 50 })],
    ["a label changed", pod({ labels: { app: "web", "pod-template-hash": "5f6c8" } })],
    ["labels in another order", pod({ labels: { "pod-template-hash": "7d4b9", app: "web" } })],
    ["a label fewer", pod({ labels: { app: "web" } })],
  ])("differs: %s", (_, other) => {
    expect(sameForSpread(pod(), other)).toBe(false);
    expect(sameForSpread(other, pod())).toBe(false);
  });

  it("is alike for another object of the same pod (a status write that changed nothing it reads)", () => {
    const a = pod();
    const b = { ...a, status: { ...a.status, podIP: "10.0.0.7" } } as Pod;
    expect(sameForSpread(a, b)).toBe(true);
    // `default` is the namespace a pod without one is in (namespaces.ts qualifiedName).
    expect(sameForSpread(pod(), pod({ namespace: "default" }))).toBe(true);
  });
});

describe("SpreadPods", () => {
  it("tells a changed list from one alike to the last spread's", () => {
    const a = pod({ name: "a" });
    const b = pod({ name: "b" });
    const pods = new SpreadPods();
    pods.spread(Object.freeze([a, b]));
    expect(pods.changed(Object.freeze([a, b]))).toBe(false);
    expect(pods.changed(Object.freeze([a, { ...b } as Pod]))).toBe(false);
    expect(pods.changed(Object.freeze([a]))).toBe(true);
    expect(pods.changed(Object.freeze([b, a]))).toBe(true);
    expect(pods.changed(Object.freeze([a, pod({ name: "b", ready: false })]))).toBe(true);
  });
});
