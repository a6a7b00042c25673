// The workload model's journal readers pass over the entries of pods created since the last
// layout (loadModel.ts `removedSince`, store.ts WriteJournal.types) instead of looking each up by
// name: until a removal is read since the mark, such a pod has no record. A pod created again
// under its name after its removal must still be looked up (its record is the old pod's). Held
// to a model reading the same store through a journal that calls every write a replace (so it
// looks up every entry: the full walk), and to a model over a plain store that lays out and
// spreads pod by pod.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { WorkloadModel } from "../../src/engine/workload/loadModel.ts";
import { SpreadPods } from "../../src/engine/workload/spreadPods.ts";
import { Store } from "../../src/engine/store.ts";
import { defaultSettings } from "../../src/engine/settings.ts";
import { MemStore, deployment, pod } from "../controllers/hpa/objects.ts";
import type { Pod } from "../../src/k8s/types.ts";
import type { StoreView } from "../../src/engine/controller.ts";

const settings = defaultSettings();
const NAMES = 5;

type Op =
  | { write: number; ready: boolean; running: boolean }
  | { remove: number }
  | { again: number; sameUid: boolean; ready: boolean; running: boolean }
  | { look: true }
  | { load: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ write: fc.nat(NAMES - 1), ready: fc.boolean(), running: fc.boolean() }),
  },
  { weight: 2, arbitrary: fc.record({ remove: fc.nat(NAMES - 1) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      again: fc.nat(NAMES - 1),
      sameUid: fc.boolean(),
      ready: fc.boolean(),
      running: fc.boolean(),
    }),
  },
  { weight: 3, arbitrary: fc.record({ look: fc.constant(true as const) }) },
  fc.record({ load: fc.integer({ min: 1, max: 20 }) }),
);

function podOf(name: string, uid: string, ready: boolean, running: boolean): Pod {
  const p = pod(name, { ready, phase: running ? "Running" : "Pending", start: 0 });
  return { ...p, metadata: { ...p.metadata, uid } };
}

/** The store with its pod journal's entries all read as replaces: its readers take no shortcut. */
function everyEntryLookedUp(store: Store): StoreView {
  const journal = store.journalOf("Pod");
  const asWrites = {
    get start() {
      return journal.start;
    },
    get end() {
      return journal.end;
    },
    namespaces: journal.namespaces,
    names: journal.names,
    ids: journal.ids,
    types: new Proxy(journal.types, {
      get: (target, prop, receiver) =>
        typeof prop === "string" && /^\d+$/.test(prop) ? "MODIFIED" : Reflect.get(target, prop, receiver),
    }),
  };
  return new Proxy(store, {
    get(target, prop) {
      if (prop === "journalOf") return (kind: string) => (kind === "Pod" ? asWrites : target.journalOf(kind));
      const v = Reflect.get(target, prop, target) as unknown;
      return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  }) as unknown as StoreView;
}

describe("the workload's journal readers over created pods", () => {
  it("answer podsChanged and spread as reading every entry does", () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 40 }), (ops) => {
        const store = new Store();
        const plain = new MemStore([]);
        const web = deployment("web", 0, "100m");
        store.add(web);
        plain.put(web);
        const byGroup = new WorkloadModel();
        const full = new WorkloadModel();
        const fullStore = everyEntryLookedUp(store);
        const byPod = new WorkloadModel(true);
        const spreadPods = new SpreadPods();
        const uids = new Map<string, number>();
        let t = 0;
        const load = (milli: number) => {
          const spec = { kind: "cpu", amount: { milli: 100 * milli } } as const;
          byGroup.setLoad(store, settings, t, "web", spec);
          full.setLoad(fullStore, settings, t, "web", spec);
          byPod.setLoad(plain, settings, t, "web", spec);
          spreadPods.spread(store.listAll("Pod"));
        };
        load(5);
        for (const op of ops) {
          t++;
          if ("look" in op) {
            const list = store.listAll("Pod");
            expect(byGroup.podsChanged(store)).toBe(full.podsChanged(fullStore));
            if (spreadPods.changed(list)) {
              byGroup.observe(store, settings, t);
              full.observe(fullStore, settings, t);
              byPod.observe(plain, settings, t);
              spreadPods.spread(list);
            }
          } else if ("load" in op) load(op.load);
          else if ("remove" in op) {
            const name = `web-${op.remove}`;
            if (store.get("Pod", "default", name) === undefined) continue;
            store.remove("Pod", "default", name);
            plain.remove("Pod", name);
          } else {
            const name = `web-${"write" in op ? op.write : op.again}`;
            const listed = store.get("Pod", "default", name) as Pod | undefined;
            // Created again: removed, then added under its name (the same uid or a new one).
            const again = "again" in op && listed !== undefined;
            if (listed === undefined || (again && !op.sameUid)) uids.set(name, (uids.get(name) ?? 0) + 1);
            const next = podOf(name, `${name}-${uids.get(name)}`, op.ready, op.running);
            if (again) {
              store.remove("Pod", "default", name);
              plain.remove("Pod", name);
            }
            if (listed === undefined || again) store.add(next);
            else store.replace(next);
            plain.put(next);
          }
          const summaries = JSON.stringify(byGroup.summaries(store, settings, t));
          expect(summaries).toBe(JSON.stringify(full.summaries(fullStore, settings, t)));
          expect(summaries).toBe(JSON.stringify(byPod.summaries(plain, settings, t)));
        }
      }),
      {
        numRuns: 300,
        // A pod created again under its name with its uid and its facts, after a spread: its
        // removal is read first, so its creation is looked up and found alike (random runs
        // rarely line the four steps up).
        examples: [
          [
            [
              { write: 0, ready: true, running: true },
              { look: true },
              { again: 0, sameUid: true, ready: true, running: true },
              { look: true },
            ],
          ],
        ],
      },
    );
  });

  it("journals each write's type: a create, a replace, a removal", () => {
    const store = new Store();
    const journal = store.journalOf("Pod");
    const p = podOf("web-0", "u", true, true);
    store.add(p);
    store.replace({ ...p, status: { ...p.status, phase: "Pending" } });
    store.remove("Pod", "default", "web-0");
    store.add(p);
    expect(journal.types).toEqual(["ADDED", "MODIFIED", "DELETED", "ADDED"]);
    expect(journal.names).toEqual(["web-0", "web-0", "web-0", "web-0"]);
  });
});
