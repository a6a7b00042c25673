// replica_set_utils.go updateReplicaSetStatus: no write when the counts, the observed
// generation and the conditions (reflect.DeepEqual, here their JSON texts) are unchanged.
import { describe, expect, it } from "vitest";
import { statusNeedsUpdate } from "../../../src/engine/controllers/replicaset/status.ts";
import type { ReplicaSet, ReplicaSetCondition, ReplicaSetStatus } from "../../../src/k8s/types.ts";

const failure = (message: string): ReplicaSetCondition => ({
  type: "ReplicaFailure",
  status: "True",
  reason: "FailedCreate",
  message,
  lastTransitionTime: 5,
});

function replicaSet(conditions?: ReplicaSetCondition[]): ReplicaSet {
  return {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: { name: "a", generation: 2 },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: "web" } },
      template: { metadata: {}, spec: { containers: [] } },
    },
    status: {
      replicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
      fullyLabeledReplicas: 3,
      observedGeneration: 2,
      conditions,
    },
  } as unknown as ReplicaSet;
}

const next = (rs: ReplicaSet, conditions: ReplicaSetCondition[] | undefined): ReplicaSetStatus => ({
  ...rs.status,
  conditions,
});

describe("statusNeedsUpdate's conditions", () => {
  it("writes nothing for the same entries, for equal copies of them, or for none", () => {
    const c = failure("quota");
    const rs = replicaSet([c]);
    expect(statusNeedsUpdate(rs, next(rs, [c]))).toBe(false);
    expect(statusNeedsUpdate(rs, next(rs, [{ ...c }]))).toBe(false);
    const none = replicaSet(undefined);
    expect(statusNeedsUpdate(none, next(none, undefined))).toBe(false);
    expect(statusNeedsUpdate(none, next(none, []))).toBe(false);
  });

  it("writes a condition added, removed or changed", () => {
    const c = failure("quota");
    const rs = replicaSet([c]);
    expect(statusNeedsUpdate(rs, next(rs, []))).toBe(true);
    expect(statusNeedsUpdate(rs, next(rs, [c, failure("other")]))).toBe(true);
    expect(statusNeedsUpdate(rs, next(rs, [failure("other")]))).toBe(true);
    // The same entry first, then one that differs: not told equal by the entries it shares.
    const two = replicaSet([c, failure("x")]);
    expect(statusNeedsUpdate(two, next(two, [c, failure("y")]))).toBe(true);
    const none = replicaSet(undefined);
    expect(statusNeedsUpdate(none, next(none, [c]))).toBe(true);
  });
});
