// The pure rules of pkg/controller/deployment/util/deployment_util.go and progress.go beyond
// what the transcribed vectors pin: the worked examples of the doc comments, as tables.
import { describe, expect, it } from "vitest";
import { SyncSession } from "../../../src/engine/controllers/deployment/client.ts";
import { progressCheckDelay } from "../../../src/engine/controllers/deployment/progress.ts";
import { historyTable, tabbed } from "../../../src/kubectl/commands/rollout/history.ts";
import { rolloutStatusMessage } from "../../../src/kubectl/commands/rollout/status.ts";
import { scale, statusEqual } from "../../../src/engine/controllers/deployment/sync.ts";
import { intn, mulberry32 } from "../../../src/engine/rng.ts";
import {
  deploymentTimedOut,
  equalIgnoreHash,
  getReplicaSetFraction,
  lastRevision,
  maxSurge,
  maxUnavailable,
  newRSNewReplicas,
  resolveFenceposts,
  roundHalfAwayFromZero,
} from "../../../src/engine/controllers/deployment/util.ts";
import type { Deployment, DeploymentStatus, PodTemplateSpec, ReplicaSet } from "../../../src/k8s/types.ts";
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

// syncDeploymentStatus writes only when the status differs (sync.go: reflect.DeepEqual of the
// old and new status). statusEqual compares field by field what it compared as JSON texts
// before: over seeded statuses with absent, zero, non-finite and string values, the two agree.
describe("statusEqual agrees with comparing the statuses' JSON texts", () => {
  const norm = (s: DeploymentStatus) =>
    JSON.stringify([
      s.observedGeneration ?? 0,
      s.replicas ?? 0,
      s.updatedReplicas ?? 0,
      s.readyReplicas ?? 0,
      s.availableReplicas ?? 0,
      s.unavailableReplicas ?? 0,
      s.collisionCount ?? null,
      (s.conditions ?? []).map((c) => [
        c.type,
        c.status,
        c.reason,
        c.message,
        c.lastUpdateTime,
        c.lastTransitionTime,
      ]),
    ]);
  it("on every pair of seeded statuses", () => {
    const rng = mulberry32(17);
    const values = [undefined, null, 0, -0, 1, 2, Number.NaN, Infinity, -Infinity, "1"] as unknown[];
    const pick = () => values[intn(rng, values.length)] as number;
    const words = ["True", "False", undefined, "x"] as unknown[];
    const word = () => words[intn(rng, words.length)] as string;
    const made = (): DeploymentStatus => ({
      ...(intn(rng, 3) > 0 ? { observedGeneration: pick() } : {}),
      replicas: pick(),
      updatedReplicas: pick(),
      readyReplicas: pick(),
      availableReplicas: pick(),
      unavailableReplicas: pick(),
      ...(intn(rng, 2) > 0 ? { collisionCount: pick() } : {}),
      ...(intn(rng, 3) > 0
        ? {
            conditions: Array.from({ length: intn(rng, 3) }, () => ({
              type: word() as "Available",
              status: word() as "True",
              reason: word(),
              message: word(),
              lastUpdateTime: pick(),
              lastTransitionTime: pick(),
            })),
          }
        : {}),
    });
    const statuses = Array.from({ length: 400 }, made);
    let equalPairs = 0;
    for (let i = 0; i < statuses.length; i++) {
      // Each against a near copy (one field moved) and against another seeded status.
      const a = statuses[i];
      const near = { ...a, replicas: intn(rng, 2) === 0 ? a.replicas : pick() };
      for (const b of [near, statuses[(i * 7 + 3) % statuses.length]]) {
        const expected = norm(a) === norm(b);
        if (expected) equalPairs++;
        expect(statusEqual(a, b)).toBe(expected);
      }
    }
    expect(equalPairs).toBeGreaterThan(100);
  });
});

// EqualIgnoreHash (deployment_util.go): apimachinery's semantic equality once the
// pod-template-hash label is gone from both. A template that is a copy of the other is found
// equal without the semantic walk; every other pair still gets it.
describe("equalIgnoreHash", () => {
  const template = (labels: Record<string, string>, cpu: unknown, extra: Record<string, unknown> = {}) =>
    ({
      metadata: { labels },
      spec: { containers: [{ name: "app", image: "nginx", resources: { requests: { cpu } } }], ...extra },
    }) as unknown as PodTemplateSpec;
  it.each([
    ["a copy with the hash label", template({ app: "web", "pod-template-hash": "abc" }, "500m"), true],
    ["a quantity written another way", template({ app: "web" }, "0.5"), true],
    ["an empty list against none", template({ app: "web" }, "500m", { tolerations: [] }), true],
    ["another image's label", template({ app: "api" }, "500m"), false],
  ])("%s", (_what, other, expected) => {
    const mine = template({ app: "web" }, "500m");
    expect(equalIgnoreHash(mine, other)).toBe(expected);
    expect(equalIgnoreHash(other, mine)).toBe(expected);
  });
  it("finds no template equal to one holding NaN, a copy of it included (NaN equals nothing)", () => {
    const odd = template({ app: "web" }, Number.NaN);
    expect(equalIgnoreHash(odd, template({ app: "web" }, Number.NaN))).toBe(false);
  });
});

// The Deployment's UpdateStatus sends a changed annotation first as a metadata update (the
// status subresource takes no metadata: apps deploymentStatusStrategy.PrepareForUpdate).
describe("updateDeploymentStatus and the stored annotations", () => {
  const base = deployment("d", 1, "x", {});
  const stored = {
    ...base,
    metadata: {
      ...base.metadata,
      annotations: {
        "kubectl.kubernetes.io/last-applied-configuration": "{}",
        "deployment.kubernetes.io/revision": "1",
      },
    },
  } as Deployment;
  const ops = (change: (d: Deployment) => void) => {
    const d = structuredClone(stored);
    const s = new SyncSession(100, d, stored);
    change(d);
    s.updateDeploymentStatus();
    s.updateDeploymentStatus();
    return s.result.writes.map((w) => w.op);
  };
  it("writes the status alone while the annotations are as stored", () => {
    expect(ops(() => {})).toEqual(["updateStatus", "updateStatus"]);
  });
  it("writes the metadata first, once, when the revision changed", () => {
    expect(
      ops((d) => {
        d.metadata.annotations!["deployment.kubernetes.io/revision"] = "2";
      }),
    ).toEqual(["update", "updateStatus", "updateStatus"]);
  });
  it("counts a reordering of the same annotations as a change, as their JSON texts do", () => {
    expect(
      ops((d) => {
        const a = d.metadata.annotations!;
        d.metadata.annotations = {
          "deployment.kubernetes.io/revision": a["deployment.kubernetes.io/revision"],
        };
        d.metadata.annotations["kubectl.kubernetes.io/last-applied-configuration"] = "{}";
      }),
    ).toEqual(["update", "updateStatus", "updateStatus"]);
  });
});
