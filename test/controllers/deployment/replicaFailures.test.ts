// pkg/controller/deployment/progress.go getReplicaFailures: the new ReplicaSet's ReplicaFailure
// conditions if it has any, else every ReplicaSet's in order, each as a Deployment condition
// (lastUpdateTime and lastTransitionTime both the ReplicaSet condition's lastTransitionTime).
import { describe, expect, it } from "vitest";
import { getReplicaFailures } from "../../../src/engine/controllers/deployment/progress.ts";
import type { ReplicaSet, ReplicaSetCondition } from "../../../src/k8s/types.ts";

const condition = (type: string, message: string, at = 7): ReplicaSetCondition =>
  ({ type, status: "True", reason: "FailedCreate", message, lastTransitionTime: at }) as ReplicaSetCondition;

const rs = (name: string, conditions?: ReplicaSetCondition[] | null): ReplicaSet =>
  ({
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: { name },
    spec: { replicas: 1, selector: {}, template: { metadata: {}, spec: { containers: [] } } },
    status: { replicas: 1, conditions },
  }) as unknown as ReplicaSet;

const asDeployment = (c: ReplicaSetCondition) => ({
  type: "ReplicaFailure",
  status: c.status,
  reason: c.reason,
  message: c.message,
  lastUpdateTime: c.lastTransitionTime,
  lastTransitionTime: c.lastTransitionTime,
});

describe("getReplicaFailures", () => {
  it("answers the new ReplicaSet's failures first", () => {
    const own = condition("ReplicaFailure", "new");
    const newRS = rs("new", [condition("Other", "x"), own]);
    const old = rs("old", [condition("ReplicaFailure", "old")]);
    expect(getReplicaFailures([old, newRS], newRS)).toEqual([asDeployment(own)]);
  });

  it("answers every ReplicaSet's failures in order when the new one has none", () => {
    const a = condition("ReplicaFailure", "a", 1);
    const b1 = condition("ReplicaFailure", "b1", 2);
    const b2 = condition("ReplicaFailure", "b2", 3);
    const newRS = rs("new", [condition("Other", "x")]);
    const got = getReplicaFailures(
      [rs("a", [a]), undefined, rs("none", null), rs("b", [b1, b2]), newRS],
      newRS,
    );
    expect(got).toEqual([asDeployment(a), asDeployment(b1), asDeployment(b2)]);
  });

  it("answers none when no ReplicaSet has one", () => {
    expect(getReplicaFailures([rs("a"), rs("b", [])], undefined)).toEqual([]);
    expect(getReplicaFailures([], rs("new"))).toEqual([]);
  });
});
