// Routes whose cohort form is a function of their own (the namespace controller's, the ephemeral
// volume controller's): over a cohort's changes they must push what `route` returns at each
// change its filter takes, with the change's index (controller.ts Watch.cohort, CohortRoute).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { filterTakes, type Watch, type WakeUp } from "../../src/engine/controller.ts";
import { ephemeralVolumeController } from "../../src/engine/controllers/ephemeral/index.ts";
import { namespaceController } from "../../src/engine/controllers/namespace/index.ts";
import { Simulation } from "../../src/engine/simulation.ts";
import type { WatchEvent } from "../../src/engine/store.ts";
import { builtinKinds } from "../../src/k8s/kinds/builtin.ts";
import type { KubeObject } from "../../src/k8s/types.ts";
import { inertAutoscaling } from "./fakes.ts";

const NAMESPACES = ["default", "live", "going"] as const;

function pod(name: string, namespace: string, ephemeral: boolean, deleting: boolean): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      namespace,
      uid: `uid-${namespace}-${name}`,
      ...(deleting ? { deletionTimestamp: 5 } : {}),
    },
    spec: {
      containers: [{ name: "c", image: "busybox:1.36" }],
      volumes: ephemeral
        ? [{ name: "scratch", ephemeral: { volumeClaimTemplate: { spec: {} } } }]
        : [{ name: "token", projected: { sources: [] } }],
    },
    status: { phase: "Running" },
  } as unknown as KubeObject;
}

const changeArb = fc.record({
  type: fc.constantFrom("ADDED" as const, "MODIFIED" as const, "DELETED" as const),
  pod: fc.nat(4),
  namespace: fc.constantFrom(...NAMESPACES),
  ephemeral: fc.boolean(),
  deleting: fc.boolean(),
});

/** A cluster with the namespaces "live" and "going" (Terminating: namespace_controller.go deletes its content). */
function cluster(): Simulation {
  const sim = new Simulation({ autoscaling: inertAutoscaling() });
  sim.store.add({ apiVersion: "v1", kind: "Namespace", metadata: { name: "live" } } as unknown as KubeObject);
  sim.store.add({
    apiVersion: "v1",
    kind: "Namespace",
    metadata: { name: "going", deletionTimestamp: 3 },
    spec: { finalizers: ["kubernetes"] },
  } as unknown as KubeObject);
  return sim;
}

const watches: [string, Watch][] = [
  ...(namespaceController(builtinKinds.extend()).watches ?? []).map((w): [string, Watch] => ["namespace", w]),
  ...(ephemeralVolumeController().watches ?? []).map((w): [string, Watch] => ["ephemeral", w]),
];

/** A deletion as the store notifies it: the last state stored is both the object and the old one. */
const deleted = (object: WatchEvent["object"]): WatchEvent => ({ type: "DELETED", object, old: object });

describe("a route's cohort function answers as its route at each change", () => {
  it("has a function for each of these watches", () => {
    expect(watches.map(([name, w]) => `${name} ${w.kind} ${typeof w.cohort}`)).toEqual([
      "namespace Pod function",
      "namespace PersistentVolumeClaim function",
      "ephemeral Pod function",
    ]);
  });

  it("pushes, change by change, what the route returns where the filter takes the change", () => {
    fc.assert(
      fc.property(fc.array(changeArb, { maxLength: 14 }), (spec) => {
        const changes: WatchEvent[] = spec.map((c) => {
          const object = pod(`p${c.pod}`, c.namespace, c.ephemeral, c.deleting);
          // As the store notifies: ADDED without an old object, DELETED with the last state as both.
          return c.type === "ADDED"
            ? { type: c.type, object, old: undefined }
            : { type: c.type, object, old: object };
        });
        for (const [, w] of watches) {
          // Each side on a cluster of its own: the ephemeral route remembers the claims it woke.
          const [routed, cohort] = [cluster(), cluster()];
          const count = (kind: string) => routed.store.count(kind);
          const atEach: [number, WakeUp][] = [];
          changes.forEach((ev, i) => {
            const was = ev.old?.metadata.ownerReferences?.[0]?.kind ?? "";
            if (!filterTakes(w.filter, ev.type, "", was, count)) return;
            for (const wake of w.route(ev, routed.store)) atEach.push([i, wake]);
          });
          const together: [number, WakeUp][] = [];
          if (typeof w.cohort !== "function") throw new Error(`${w.kind}: no cohort function`);
          w.cohort(changes, cohort.store, { push: (at, wake) => void together.push([at, wake]) });
          expect(together).toEqual(atEach);
        }
      }),
      { numRuns: 100 },
    );
  });

  it("wakes a Terminating namespace for each of its pods deleted, and no other", () => {
    const sim = cluster();
    const podWatch = watches[0][1];
    const changes: WatchEvent[] = [
      deleted(pod("a", "going", false, true)),
      deleted(pod("b", "live", false, true)),
      { type: "MODIFIED", object: pod("c", "going", false, true), old: pod("c", "going", false, false) },
      deleted(pod("d", "going", false, true)),
    ];
    const out: string[] = [];
    if (typeof podWatch.cohort !== "function") throw new Error("no cohort function");
    podWatch.cohort(changes, sim.store, { push: (at, wake) => void out.push(`${at}:${wake.key}`) });
    expect(out).toEqual(["0:going", "3:going"]);
  });
});
