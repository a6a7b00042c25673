// The kubelet's status copies (src/engine/kubelet/statusCopies.ts) are copyWith's objects: the
// same keys in the same order and the same values, whatever status they are given.
import { describe, expect, it } from "vitest";
import { copyWith } from "../../../src/k8s/clone.ts";
import type { ContainerStatus, Pod, PodCondition } from "../../../src/k8s/types.ts";
import {
  acknowledgedStatus,
  runningStatus,
  withContainerStatuses,
} from "../../../src/engine/kubelet/statusCopies.ts";

const conditions: PodCondition[] = [{ type: "Ready", status: "False", lastTransitionTime: 3 }];
const statuses: ContainerStatus[] = [
  { name: "app", image: "app:1", imageID: "", ready: false, restartCount: 0, started: false, state: {} },
];

/** The same object: keys in order, values by identity. */
function expectSame(made: object, wanted: object): void {
  expect(Object.keys(made)).toEqual(Object.keys(wanted));
  for (const k of Object.keys(wanted))
    expect((made as Record<string, unknown>)[k]).toBe((wanted as Record<string, unknown>)[k]);
}

const created = { phase: "Pending" } as Pod["status"];
const acknowledged = acknowledgedStatus(created, 2, "10.0.0.11", conditions, statuses);
const started = runningStatus(acknowledged, "10.244.1.7", statuses, conditions);
/** Statuses of other shapes: another writer's keys, another order, a key left undefined. */
const others = [
  {},
  { phase: "Pending", qosClass: "BestEffort" },
  { phase: "Pending", nominatedNodeName: "node-2" },
  { startTime: 1, phase: "Pending", hostIP: "10.0.0.11", conditions, containerStatuses: statuses },
  { ...acknowledged, reason: "Evicted" },
  { ...started, initContainerStatuses: statuses },
  { ...started, podIP: undefined },
] as Pod["status"][];

describe("the kubelet's status copies", () => {
  it("an acknowledged status is copyWith's, from the API server's status or any other", () => {
    for (const status of [created, ...others])
      expectSame(
        acknowledgedStatus(status, 5, "10.0.0.12", conditions, statuses),
        copyWith(status, {
          phase: "Pending" as const,
          startTime: 5,
          hostIP: "10.0.0.12",
          conditions,
          containerStatuses: statuses,
        }),
      );
    expect(Object.keys(acknowledged)).toEqual([
      "phase",
      "startTime",
      "hostIP",
      "conditions",
      "containerStatuses",
    ]);
  });

  it("a Running status is copyWith's, podIP appended after the acknowledged keys", () => {
    for (const status of [acknowledged, ...others])
      expectSame(
        runningStatus(status, "10.244.1.9", statuses, undefined),
        copyWith(status, {
          phase: "Running" as const,
          podIP: "10.244.1.9",
          containerStatuses: statuses,
          conditions: undefined,
        }),
      );
    expect(Object.keys(started)).toEqual([
      "phase",
      "startTime",
      "hostIP",
      "conditions",
      "containerStatuses",
      "podIP",
    ]);
    expect(started.phase).toBe("Running");
  });

  it("new container statuses and conditions are copyWith's, for a started pod and any other", () => {
    const stopped: PodCondition[] = [{ type: "Ready", status: "False", lastTransitionTime: 9 }];
    for (const status of [started, acknowledged, ...others]) {
      expectSame(
        withContainerStatuses(status, statuses, stopped),
        copyWith(status, { containerStatuses: statuses, conditions: stopped }),
      );
      expectSame(
        withContainerStatuses(status, undefined, undefined),
        copyWith(status, { containerStatuses: undefined, conditions: undefined }),
      );
    }
  });
});
