// The disruption controller's pod route over a cohort (controllers/disruption/index.ts
// budgetsOfCohort): the pod informer's handlers wake the budgets of every pod change
// (pkg/controller/disruption/disruption.go addPod, updatePod, deletePod: getPdbForPod, here
// every budget of the cluster), so a cohort of pod changes must leave the same syncs, in the same
// order and at the same instants, as routing each change as it happened.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../../src/k8s/types.ts";
import { simulationWithSyncLog } from "../../engine/syncLog.ts";

const APPS = ["a", "b"] as const;

function deployment(name: string, replicas: number): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace: "default" },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: "c", image: "busybox:1.36" }] },
      },
    },
  } as unknown as KubeObject;
}

type Change =
  | { at: number; scale: (typeof APPS)[number]; replicas: number }
  | { at: number; budget: number; app: (typeof APPS)[number]; limit: number | string | undefined };

const changeArb: fc.Arbitrary<Change> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ at: fc.nat(60), scale: fc.constantFrom(...APPS), replicas: fc.nat(12) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      at: fc.nat(60),
      budget: fc.nat(1),
      app: fc.constantFrom(...APPS),
      // A number: minAvailable; a percentage: maxUnavailable; undefined: the budget goes.
      limit: fc.option(fc.oneof(fc.nat(6), fc.constantFrom("0%", "25%", "50%")), { nil: undefined }),
    }),
  },
);

/** The real controllers over the changes, every sync logged (instant, controller, key), and the trace. */
function run(changes: readonly Change[], cohorts: boolean): { log: string[]; trace: string } {
  const { sim, log } = simulationWithSyncLog(cohorts);
  const api = sim.api;
  sim.at(0, "apply", () => {
    for (const app of APPS) api.create(deployment(app, 3));
  });
  for (const [i, ch] of changes.entries())
    sim.at(ch.at, `change ${i}`, () => {
      if ("scale" in ch) {
        const d = structuredClone(api.get("Deployment", "default", ch.scale)) as unknown as {
          spec: { replicas: number };
        };
        d.spec.replicas = ch.replicas;
        api.update(d as unknown as KubeObject);
        return;
      }
      const name = `pdb-${ch.budget}`;
      if (api.get("PodDisruptionBudget", "default", name) !== undefined)
        api.delete("PodDisruptionBudget", "default", name);
      if (ch.limit === undefined) return;
      api.create({
        apiVersion: "policy/v1",
        kind: "PodDisruptionBudget",
        metadata: { name, namespace: "default" },
        spec: {
          selector: { matchLabels: { app: ch.app } },
          ...(typeof ch.limit === "number" ? { minAvailable: ch.limit } : { maxUnavailable: ch.limit }),
        },
      } as unknown as KubeObject);
    });
  sim.runUntil(90);
  return { log, trace: JSON.stringify(sim.trace()) };
}

describe("the disruption controller's pod route over a cohort", () => {
  it("syncs the budgets as routing each pod change at once", () => {
    fc.assert(
      fc.property(fc.array(changeArb, { maxLength: 8 }), (changes) => {
        const batched = run(changes, true);
        const each = run(changes, false);
        expect(batched.log).toEqual(each.log);
        expect(batched.trace).toBe(each.trace);
      }),
      { numRuns: 30 },
    );
  });

  it("wakes a budget at its pods' changes inside a cohort (the kubelet's steps, a ReplicaSet's creates)", () => {
    // A budget made before the pods: every later sync of it was woken by pod changes, most of
    // them held in cohorts (the pods' creation batch, their Running and Ready steps).
    const changes: Change[] = [
      { at: 0, budget: 0, app: "a", limit: 2 },
      { at: 20, scale: "a", replicas: 8 },
    ];
    const batched = run(changes, true);
    const syncs = batched.log.filter((l) => l.includes(" disruption "));
    expect(syncs.length).toBeGreaterThan(2);
    expect(syncs.some((l) => Number(l.split(" ")[0]) > 20)).toBe(true);
    expect(batched.log).toEqual(run(changes, false).log);
  });
});
