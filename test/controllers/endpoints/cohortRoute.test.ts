// The endpoints controllers' pod route over a cohort (controllers/endpoints/util.ts
// servicesToUpdateInCohort): the pod informer's handlers (endpoints_controller.go addPod,
// updatePod, deletePod: GetPodServiceMemberships) wake the Services that select a pod, so a
// cohort's changes must wake what routing each change alone wakes (servicesToUpdate), and a
// cluster whose Services select nothing wakes none without reading any change.
import { describe, expect, it } from "vitest";
import type { WakeUp } from "../../../src/engine/controller.ts";
import {
  servicesToUpdate,
  servicesToUpdateInCohort,
} from "../../../src/engine/controllers/endpoints/util.ts";
import { Store, type WatchEvent } from "../../../src/engine/store.ts";
import type { KubeObject } from "../../../src/k8s/types.ts";

const service = (name: string, namespace: string, selector?: Record<string, string>): KubeObject =>
  ({
    apiVersion: "v1",
    kind: "Service",
    metadata: { name, namespace },
    spec: { ports: [{ port: 80 }], ...(selector ? { selector } : {}) },
  }) as unknown as KubeObject;

const pod = (name: string, namespace: string): KubeObject =>
  ({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace, labels: { app: "web" }, resourceVersion: "1" },
    spec: { containers: [{ name: "c", image: "nginx" }] },
    status: { phase: "Pending" },
  }) as unknown as KubeObject;

/** A cohort of pod creations, counting how often a change's object is read. */
function cohort(namespaces: readonly string[]): { changes: WatchEvent[]; reads: () => number } {
  let reads = 0;
  const changes = namespaces.map((ns, i) => {
    const object = pod(`p${i}`, ns);
    return {
      type: "ADDED",
      get object() {
        reads++;
        return object;
      },
      old: undefined,
    } as unknown as WatchEvent;
  });
  return { changes, reads: () => reads };
}

function inCohort(store: Store, changes: readonly WatchEvent[]): [number, string][] {
  const woken: [number, string][] = [];
  servicesToUpdateInCohort(changes, store, { push: (at: number, w: WakeUp) => woken.push([at, w.key]) });
  return woken;
}

const oneByOne = (store: Store, changes: readonly WatchEvent[]): [number, string][] =>
  changes.flatMap((ev, i) => servicesToUpdate(ev, store).map((w): [number, string] => [i, w.key]));

describe("servicesToUpdateInCohort", () => {
  it("wakes nothing, reading no change, while no Service of the cluster selects", () => {
    const store = new Store();
    store.add(service("kubernetes", "default"));
    store.add(service("headless", "other"));
    const { changes, reads } = cohort(["default", "other", "default"]);
    expect(inCohort(store, changes)).toEqual([]);
    expect(reads()).toBe(0);
    expect(oneByOne(store, changes)).toEqual([]);
  });

  it("wakes what each change alone wakes once a Service selects, in any namespace", () => {
    const store = new Store();
    store.add(service("kubernetes", "default"));
    store.add(service("web", "other", { app: "web" }));
    const { changes } = cohort(["default", "other", "default", "other"]);
    const woken = inCohort(store, changes);
    expect(woken).toEqual([
      [1, "other/web"],
      [3, "other/web"],
    ]);
    expect(woken).toEqual(oneByOne(store, changes));
  });
});
