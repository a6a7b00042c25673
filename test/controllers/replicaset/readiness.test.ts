// pkg/api/v1/pod/util.go IsPodReady and IsPodAvailable: Ready means the Ready condition is True;
// available means Ready and, with minReadySeconds > 0, Ready since strictly more than
// minReadySeconds (a zero lastTransitionTime is never available). podReadiness answers both
// from one look-up and must agree with the two predicates.
import { describe, expect, it } from "vitest";
import { isPodAvailable, isPodReady, podReadiness } from "../../../src/engine/controllers/replicaset/pods.ts";
import type { Pod } from "../../../src/k8s/types.ts";

function pod(ready: { status: string; since?: number } | undefined): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "p" },
    spec: { containers: [] },
    status: {
      phase: "Running",
      conditions: ready
        ? [
            { type: "ContainersReady", status: "True" },
            { type: "Ready", status: ready.status, lastTransitionTime: ready.since },
          ]
        : [],
    },
  } as unknown as Pod;
}

describe("podReadiness", () => {
  it.each([
    ["no Ready condition", undefined, 0, 15, "unready"],
    ["Ready False", { status: "False", since: 1 }, 0, 15, "unready"],
    ["Ready, minReadySeconds 0", { status: "True", since: 10 }, 0, 10, "available"],
    ["Ready at 10, 5 s: not yet at 15 (not strictly after)", { status: "True", since: 10 }, 5, 15, "ready"],
    ["Ready at 10, 5 s: available at 15.001", { status: "True", since: 10 }, 5, 15.001, "available"],
    [
      "Ready with a zero time, 5 s: never available",
      { status: "True", since: Number.NEGATIVE_INFINITY },
      5,
      99,
      "ready",
    ],
    ["Ready without a time, 5 s: never available", { status: "True" }, 5, 99, "ready"],
  ] as const)("%s", (_what, ready, minReady, now, want) => {
    const p = pod(ready);
    expect(podReadiness(p, minReady, now)).toBe(want);
    expect(isPodReady(p)).toBe(want !== "unready");
    expect(isPodAvailable(p, minReady, now)).toBe(want === "available");
  });
});
