// The pure rules of pkg/controller/deployment/util/deployment_util.go and progress.go beyond
// what the transcribed vectors pin: the worked examples of the doc comments, as tables.
import { describe, expect, it } from "vitest";
import { SyncSession } from "../../../src/engine/controllers/deployment/client.ts";
import { progressCheckDelay } from "../../../src/engine/controllers/deployment/progress.ts";
import { historyTable, tabbed } from "../../../src/kubectl/commands/rollout/history.ts";
import { rolloutStatusMessage } from "../../../src/kubectl/commands/rollout/status.ts";
import { scale } from "../../../src/engine/controllers/deployment/sync.ts";
import {
  deploymentTimedOut,
  getReplicaSetFraction,
  lastRevision,
  maxSurge,
  maxUnavailable,
  newRSNewReplicas,
  resolveFenceposts,
  roundHalfAwayFromZero,
} from "../../../src/engine/controllers/deployment/util.ts";
import type { Deployment, ReplicaSet } from "../../../src/k8s/types.ts";
import { deployment } from "./harness.ts";

function rs(
  name: string,
  replicas: number,
  annotations: Record<string, string> = {},
  created = 0,
): ReplicaSet {
  return {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: { name, annotations, creationTimestamp: created },
    spec: {
      replicas,
      minReadySeconds: 0,
      selector: {},
      template: { metadata: {}, spec: { containers: [] } },
    },
    status: { replicas },
  };
}

const rolling = (replicas: number, surge: number | string, unavailable: number | string): Deployment =>
  deployment("d", replicas, "x", {
    strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: surge, maxUnavailable: unavailable } },
  });

describe("resolveFenceposts (deployment_util.go ResolveFenceposts doc comment)", () => {
  it.each([
    // [maxSurge, maxUnavailable, desired, surge, unavailable]
    ["25%", "25%", 1, 1, 0],
    ["25%", "25%", 3, 1, 0],
    ["25%", "25%", 4, 1, 1],
    ["25%", "25%", 10, 3, 2],
    ["0%", "1%", 2, 0, 1], // both 0 after rounding → unavailable 1: old(−1) then new(+1)
    ["0%", "25%", 3, 0, 1],
    [3, 2, 10, 3, 2],
  ] as const)("maxSurge %s, maxUnavailable %s of %i → %i, %i", (s, u, desired, surge, unavailable) => {
    expect(resolveFenceposts(s, u, desired)).toEqual({ surge, unavailable });
  });

  it("reports intstr.go's error for a string without %", () => {
    expect(resolveFenceposts("5", "1", 10)).toEqual({
      surge: 0,
      unavailable: 0,
      error: "invalid value for IntOrString: invalid type: string is not a percentage",
    });
  });

  it("gives Recreate no surge and no unavailability", () => {
    const d = deployment("d", 10, "x", { strategy: { type: "Recreate" } });
    expect([maxSurge(d), maxUnavailable(d)]).toEqual([0, 0]);
  });
});

describe("newRSNewReplicas (rounds the raw maxSurge, ignoring the fencepost)", () => {
  it.each([
    // [replicas, surge, old spec, new spec, expected]
    [10, 3, 10, 0, 3],
    [10, 3, 8, 3, 5],
    [10, 0, 10, 0, 0], // surge 0: no scale-up even though the fencepost makes unavailable 1
    [10, "25%", 10, 0, 3],
  ] as const)(
    "replicas %i, maxSurge %s, old %i, new %i → %i",
    (replicas, surge, oldSpec, newSpec, expected) => {
      const newRS = rs("new", newSpec);
      expect(newRSNewReplicas(rolling(replicas, surge, 0), [rs("old", oldSpec), newRS], newRS)).toBe(
        expected,
      );
    },
  );
});

describe("proportional scaling rounding (sync.go getReplicaSetFraction → integer.RoundToInt32)", () => {
  it.each([
    [2.5, 3],
    [-2.5, -3],
    [2.4, 2],
    [-0.5, -1],
  ])("round(%d) = %i (half away from zero)", (x, r) => {
    expect(roundHalfAwayFromZero(x)).toBe(r);
  });

  it("gives each ReplicaSet round(spec × newMax / oldMax) − spec", () => {
    // round(5 × 5 / 10 = 2.5) − 5 = −2; round(4 × 1 / 8 = 0.5) − 4 = −3.
    const d = rolling(5, 0, 1);
    expect(getReplicaSetFraction(rs("a", 5, { "deployment.kubernetes.io/max-replicas": "10" }), d)).toBe(-2);
    const down = rolling(1, 0, 1); // 4 × 1 / 8 = 0.5 → 1 − 4 = −3
    expect(getReplicaSetFraction(rs("b", 4, { "deployment.kubernetes.io/max-replicas": "8" }), down)).toBe(
      -3,
    );
  });

  it("scales two equal old ReplicaSets down oldest first (TestScale 3 → 2 analogue, with leftovers)", () => {
    const d = rolling(2, 0, 1);
    const ann = {
      "deployment.kubernetes.io/desired-replicas": "3",
      "deployment.kubernetes.io/max-replicas": "3",
    };
    const older = rs("older", 1, { ...ann }, 1);
    const old = rs("old", 1, { ...ann }, 2);
    const newer = rs("new", 1, { ...ann }, 3);
    const s = new SyncSession(100, d);
    scale(s, d, newer, [older, old]);
    const sizes = [older, old, newer].map((x) => s.latest(x)?.spec.replicas);
    expect(sizes).toEqual([0, 1, 1]);
    expect(s.result.events.map((e) => e.message)).toEqual(["Scaled down replica set older to 0 from 1"]);
  });
});

describe("deploymentTimedOut (strictly before) and the progress re-check timer", () => {
  const d = deployment("d", 1, "x", { progressDeadlineSeconds: 10 });
  const status = (lastUpdateTime: number, reason = "ReplicaSetUpdated") => ({
    conditions: [
      {
        type: "Progressing" as const,
        status: "True" as const,
        reason,
        message: "",
        lastUpdateTime,
        lastTransitionTime: 0,
      },
    ],
  });
  it.each([
    [0, 9, false],
    [0, 10, false], // 0 + 10 is not before 10
    [0, 10.001, true],
  ])("last update %d, now %d → %s", (last, now, timedOut) => {
    expect(deploymentTimedOut(d, status(last), now)).toBe(timedOut);
  });
  it("never times out a completed rollout", () => {
    expect(deploymentTimedOut(d, status(0, "NewReplicaSetAvailable"), 1e6)).toBe(false);
  });
  it.each([
    [420, 421], // progress.go: 00:10:00 − 00:03:00 → 7 min, +1 s
    [1, 2],
    [0.3, 0.305],
    [0, 0.005],
    [-3, undefined],
  ])("remaining %d s → requeue after %s s", (remaining, delay) => {
    const got = progressCheckDelay(remaining);
    if (delay === undefined) expect(got).toBeUndefined();
    else expect(got).toBeCloseTo(delay, 9);
  });
});

describe("rolloutStatusMessage (rollout_status.go)", () => {
  const d = (status: Deployment["status"], generation = 1, annotations: Record<string, string> = {}) => {
    const x = deployment("web", 3, "x");
    x.metadata.generation = generation;
    x.metadata.annotations = annotations;
    x.status = { observedGeneration: 1, ...status };
    return x;
  };
  it("reports an exceeded deadline as an error", () => {
    const x = d({
      conditions: [
        {
          type: "Progressing",
          status: "False",
          reason: "ProgressDeadlineExceeded",
          message: "",
          lastUpdateTime: 0,
          lastTransitionTime: 0,
        },
      ],
    });
    expect(rolloutStatusMessage(x)).toEqual({
      message: "",
      done: false,
      error: 'deployment "web" exceeded its progress deadline',
    });
  });
  it("waits for updated replicas to become available", () => {
    expect(rolloutStatusMessage(d({ replicas: 3, updatedReplicas: 3, availableReplicas: 1 })).message).toBe(
      'Waiting for deployment "web" rollout to finish: 1 of 3 updated replicas are available...\n',
    );
  });
  it("refuses a --revision that is not the running one", () => {
    const x = d({ replicas: 3, updatedReplicas: 3, availableReplicas: 3 }, 1, {
      "deployment.kubernetes.io/revision": "2",
    });
    expect(rolloutStatusMessage(x, 3).error).toBe(
      "desired revision (3) is different from the running revision (2)",
    );
    expect(rolloutStatusMessage(x, 2).done).toBe(true);
  });
});

describe("rollout history (history.go)", () => {
  it("says so when there is no history", () => {
    expect(historyTable([])).toBe("No rollout history found.");
  });
  it("aligns columns as text/tabwriter (padding 2, last column unpadded)", () => {
    expect(
      tabbed([
        ["REVISION", "CHANGE-CAUSE"],
        ["10", "x"],
        ["9", "<none>"],
      ]),
    ).toBe("REVISION  CHANGE-CAUSE\n10        x\n9         <none>\n");
  });
  it("lastRevision is the second highest (what undo goes back to)", () => {
    const r = (n: string) => rs(`r${n}`, 0, { "deployment.kubernetes.io/revision": n });
    expect(lastRevision([r("1"), r("3"), r("2")])).toBe(2);
    expect(lastRevision([r("4")])).toBe(0);
  });
});
