// The store's journal gives each write its object's slot number, and a number is given again
// once its object is removed, in any namespace (store.ts WriteJournal). The ReplicaSet's
// journal reader (ownPods.ts) keeps its parts by that number and the workload model finds its
// records by it (loadModel.ts factsAt): whatever the writes — in and out of cohorts, pods
// removed and others taking their numbers in the same or another namespace — the kept counts
// must be what syncReplicaSet (replica_set.go) gets from its whole pods list (FilterActivePods,
// ClaimPods in controller_ref_manager.go, calculateStatus in replica_set_utils.go), and a
// cohort's batch must deliver exactly what its N single notifications would.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { claimPods } from "../../../src/engine/controllers/replicaset/claim.ts";
import { steadyOwnPods } from "../../../src/engine/controllers/replicaset/ownPods.ts";
import { calculateStatus } from "../../../src/engine/controllers/replicaset/status.ts";
import { Store, type WatchEvent } from "../../../src/engine/store.ts";
import type { Pod, ReplicaSet } from "../../../src/k8s/types.ts";

const rs = {
  apiVersion: "apps/v1",
  kind: "ReplicaSet",
  metadata: { name: "a", namespace: "default", uid: "uid-a" },
  spec: {
    replicas: 2,
    minReadySeconds: 0,
    selector: { matchLabels: { app: "web" } },
    template: {
      metadata: { labels: { app: "web", tier: "front" } },
      spec: { containers: [{ name: "app", image: "nginx" }] },
    },
  },
  status: { replicas: 0 },
} as ReplicaSet;

const mine = [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: "a", uid: "uid-a", controller: true }];
const labelSets = [{ app: "web", tier: "front" }, { app: "web" }];

/** A pod the ReplicaSet controls (a steady claim), in a phase and readiness. */
function pod(name: string, namespace: string, phase: number, ready: boolean, labels: number): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      namespace,
      uid: `uid-${namespace}-${name}`,
      labels: labelSets[labels],
      ownerReferences: mine,
    },
    spec: { containers: [{ name: "app", image: "nginx" }], nodeName: "n1" },
    status: {
      phase: (["Running", "Pending", "Succeeded"] as const)[phase],
      conditions: [{ type: "Ready", status: ready ? "True" : "False", lastTransitionTime: 0 }],
    },
  } as Pod;
}

/** One write: its pod (of a few names, in two namespaces), and what it does. */
const op = fc.record({
  write: fc.constantFrom("put", "put", "status", "remove"),
  name: fc.integer({ min: 0, max: 7 }),
  other: fc.boolean(),
  phase: fc.integer({ min: 0, max: 2 }),
  ready: fc.boolean(),
  labels: fc.integer({ min: 0, max: 1 }),
  /** Opens (or keeps open) a cohort before the write, or closes it. */
  cohort: fc.constantFrom("open", "close", "keep"),
  sync: fc.boolean(),
});

describe("the numbered journal", () => {
  it("keeps a ReplicaSet's counts as claiming its whole list does, and a batch as its single notifications", () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 80 }), (ops) => {
        const store = new Store();
        const single: WatchEvent[] = [];
        const batched: WatchEvent[] = [];
        store.watch((e) => single.push(e), ["Pod"]);
        store.watch(
          (e) => batched.push(e),
          ["Pod"],
          (events) => batched.push(...events),
        );
        for (const o of ops) {
          if (o.cohort === "open") store.openCohort();
          else if (o.cohort === "close") store.closeCohort();
          const namespace = o.other ? "other" : "default";
          const name = `p${o.name}`;
          const was = store.get("Pod", namespace, name);
          if (o.write === "remove") store.remove("Pod", namespace, name);
          else if (was === undefined) store.add(pod(name, namespace, o.phase, o.ready, o.labels));
          else if (o.write === "status") {
            // commitStatus: the metadata kept, a new status.
            const fresh = pod(name, namespace, o.phase, o.ready, o.labels);
            store.replace({ ...was, status: fresh.status } as Pod);
          } else store.replace(pod(name, namespace, o.phase, o.ready, o.labels));
          if (!o.sync) continue;
          const got = steadyOwnPods(rs, store, "default");
          const claim = claimPods(rs, store.list("Pod", "default"));
          const status = calculateStatus(rs, claim.claimed, 0);
          expect(got).toBeDefined();
          expect({ claimed: got!.claimed, ready: got!.ready, fullyLabeled: got!.fullyLabeled }).toEqual({
            claimed: status.replicas,
            ready: status.readyReplicas,
            fullyLabeled: status.fullyLabeledReplicas,
          });
          const listed = got!.claimedPods(() => store.list("Pod", "default"));
          expect(listed).toEqual(claim.claimed);
        }
        store.closeCohort();
        expect(batched.length).toBe(single.length);
        batched.forEach((e, i) => {
          expect(e.type).toBe(single[i].type);
          expect(e.object).toBe(single[i].object);
          expect(e.old).toBe(single[i].old);
        });
      }),
      { numRuns: 300 },
    );
  });

  it("gives each journal entry the number its object was stored at, and a removed object's number again", () => {
    const store = new Store();
    store.add(pod("p0", "default", 0, true, 0));
    store.add(pod("p1", "default", 0, true, 0));
    const journal = store.journalOf("Pod");
    expect(journal.ids).toEqual([0, 1]);
    store.remove("Pod", "default", "p0");
    // The removal is journaled at the number it frees; the next pod, in another namespace, takes it.
    store.add(pod("q", "other", 0, true, 0));
    expect(journal.ids).toEqual([0, 1, 0, 0]);
    expect(store.byNumber("Pod")(0)).toBe(store.get("Pod", "other", "q"));
    expect(store.numberOf("Pod", "default", "p1")).toBe(1);
    expect(store.numberOf("Pod", "default", "p0")).toBeUndefined();
  });
});
