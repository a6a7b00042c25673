// The load model over the engine's store: a spread after pod writes lays the new list out from
// the last one by identity (relayout) and moves only the written pods between spread groups,
// and podsChanged tells from the store's journal whether a spread is due. A model over a plain
// MemStore (a new list at every read) lays out and spreads pod by pod every time: the two must
// agree to the bit, whatever the writes do (pods created, written, deleted, created again under
// their name with another uid or none).
import { describe, expect, it } from "vitest";
import { WorkloadModel } from "../../src/engine/workload/loadModel.ts";
import { SpreadPods } from "../../src/engine/workload/spreadPods.ts";
import { Store } from "../../src/engine/store.ts";
import { defaultSettings } from "../../src/engine/settings.ts";
import { MemStore, deployment, pod } from "../controllers/hpa/objects.ts";
import { intn, mulberry32 } from "../../src/engine/rng.ts";
import type { Pod } from "../../src/k8s/types.ts";

const settings = defaultSettings();

/** A pod as the API server stores it: with a uid, unless `uid` is undefined. */
function stored(name: string, uid: string | undefined, o: Parameters<typeof pod>[1]): Pod {
  const p = pod(name, o);
  return uid === undefined ? p : { ...p, metadata: { ...p.metadata, uid } };
}

describe("WorkloadModel over the engine's store: relayout and podsChanged", () => {
  it("gives every pod, summary and wake-up what a pod-by-pod spread gives, to the bit", () => {
    for (const seed of [1, 2, 3, 4]) {
      const rng = mulberry32(20261214 + seed);
      const store = new Store();
      const plain = new MemStore([]);
      const web = deployment("web", 0, "100m");
      store.add(web);
      plain.put(web);
      const byGroup = new WorkloadModel();
      const byPod = new WorkloadModel(true);
      const spreadPods = new SpreadPods();
      const names = Array.from({ length: 16 }, (_, i) => `web-${i}`);
      const uids = new Map<string, number>();
      let relaid = 0;
      const load = (t: number) => {
        const spec: Parameters<WorkloadModel["setLoad"]>[4] =
          intn(rng, 3) === 0
            ? {
                kind: "cpuPerPod",
                amount: { milli: 10 * intn(rng, 5) },
                startupFor: 30 * intn(rng, 2) || undefined,
              }
            : intn(rng, 4) === 0
              ? { kind: "memoryPerPod", bytes: 1000 * (1 + intn(rng, 4)), duration: 60 }
              : { kind: "cpu", amount: { milli: 100 * (1 + intn(rng, 30)) } };
        byGroup.setLoad(store, settings, t, "web", spec);
        byPod.setLoad(plain, settings, t, "web", spec);
        spreadPods.spread(store.listAll("Pod"));
      };
      load(0);
      for (let t = 1; t <= 400; t += 1 + intn(rng, 5)) {
        // A few writes between two looks, as a settle makes them.
        for (let w = intn(rng, 4); w >= 0; w--) {
          const name = names[intn(rng, names.length)];
          const listed = store.get("Pod", "default", name);
          const op = intn(rng, 6);
          if (listed !== undefined && op === 0) {
            store.remove("Pod", "default", name);
            plain.remove("Pod", name);
            continue;
          }
          // Now and then a pod created again under its name (another uid), or without a uid.
          const again = listed !== undefined && op === 1;
          if (listed === undefined || again) uids.set(name, (uids.get(name) ?? 0) + 1);
          const uid = intn(rng, 12) === 0 ? undefined : `${name}-${uids.get(name)}`;
          const next = stored(name, uid, {
            ready: intn(rng, 3) > 0,
            phase: intn(rng, 5) === 0 ? "Pending" : "Running",
            start: Math.max(0, t - intn(rng, 40)),
            cpuLimit: intn(rng, 6) === 0 ? "150m" : undefined,
          });
          if (again) {
            store.remove("Pod", "default", name);
            plain.remove("Pod", name);
            store.add(next);
            plain.put(next);
          } else if (listed !== undefined) {
            store.replace(next);
            plain.put(next);
          } else {
            store.add(next);
            plain.put(next);
          }
        }
        if (intn(rng, 5) === 0) load(t);
        else {
          // What autoscaling.ts asks before a spread: the journal's answer, where it has one,
          // is the lists' answer.
          const list = store.listAll("Pod");
          const told = byGroup.podsChanged(store);
          const compared = spreadPods.changed(list);
          if (told !== undefined) expect(told).toBe(compared);
          if (compared) {
            const states = byGroup.statesGeneration;
            byGroup.observe(store, settings, t);
            byPod.observe(plain, settings, t);
            spreadPods.spread(list);
            if (byGroup.statesGeneration !== states) relaid++;
          } else {
            byGroup.advance(t);
            byPod.advance(t);
          }
        }
        for (const n of names)
          expect([n, byGroup.cpuAt(n, t), byGroup.memoryAt(n, true), byGroup.cpuIntegral(n)]).toEqual([
            n,
            byPod.cpuAt(n, t),
            byPod.memoryAt(n, true),
            byPod.cpuIntegral(n),
          ]);
        // JSON: a number's shortest round trip, so equal text is equal bits (summed in the same order).
        expect(JSON.stringify(byGroup.summaries(store, settings, t))).toBe(
          JSON.stringify(byPod.summaries(plain, settings, t)),
        );
        expect(byGroup.nextWakeup(t)).toBe(byPod.nextWakeup(t));
      }
      expect(relaid).toBeGreaterThan(20);
    }
  });

  it("reads a pod's limit again when a write brings a new containers list, and keeps it over a bind", () => {
    const store = new Store();
    store.add(deployment("web", 2, "100m"));
    for (const name of ["web-0", "web-1"]) store.add(stored(name, `${name}-1`, { start: 0 }));
    const model = new WorkloadModel();
    model.setLoad(store, settings, 0, "web", { kind: "cpu", amount: { milli: 1000 } });
    expect(model.cpuAt("web-0", 0)).toBe(500);
    // A bind: a new spec (its nodeName) with the same containers list.
    const listed = store.get("Pod", "default", "web-0")!;
    store.replace({ ...listed, spec: { ...listed.spec, nodeName: "n1" } });
    expect(model.podsChanged(store)).toBe(false);
    model.observe(store, settings, 10);
    expect([model.cpuAt("web-0", 10), model.cpuAt("web-1", 10)]).toEqual([500, 500]);
    // A new containers list with a 150m limit caps the pod's share. (A pod's containers are
    // immutable in Kubernetes, so podsChanged does not look for this: the spread is asked.)
    const bound = store.get("Pod", "default", "web-0")!;
    const limited = stored("web-0", "web-0-1", { start: 0, cpuLimit: "150m" });
    store.replace({ ...bound, spec: { ...bound.spec, containers: limited.spec.containers } });
    model.observe(store, settings, 20);
    expect([model.cpuAt("web-0", 20), model.cpuAt("web-1", 20)]).toEqual([150, 500]);
  });
});
