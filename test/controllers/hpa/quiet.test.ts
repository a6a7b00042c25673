// A sync that reads what the last quiet sync read repeats its outcome (controller.ts QuietSync):
// it must give exactly what the full sync gives — decision, writes, events, recommendations —
// and must not be taken once something it read changed.
import { describe, expect, it } from "vitest";
import type { Kind, KubeObject, ObjectOfKind } from "../../../src/k8s/types.ts";
import {
  hpaConfigFromSettings,
  newHPAState,
  reconcileHPA,
  type HPAState,
} from "../../../src/engine/controllers/hpa/controller.ts";
import { defaultSettings } from "../../../src/engine/settings.ts";
import { MemStore, cpuUtilization, deployment, hpa, hpaCtxAt, pod, cpuClient } from "./objects.ts";

const config = hpaConfigFromSettings(defaultSettings());

/** A store that hands out one frozen list until an object is written, as the engine's does. */
class FrozenListStore extends MemStore {
  private readonly lists = new Map<string, readonly KubeObject[]>();
  override list<K extends Kind>(kind: K, namespace: string): ObjectOfKind<K>[] {
    const key = `${kind}/${namespace}`;
    let l = this.lists.get(key);
    if (!l) this.lists.set(key, (l = Object.freeze(super.list(kind, namespace))));
    return l as ObjectOfKind<K>[];
  }
  override put(o: KubeObject): void {
    this.lists.clear();
    super.put(o);
  }
}

const OLD = { start: -1000, readySince: -1000, cpuRequest: "100m" };

function setup() {
  const store = new FrozenListStore([
    deployment("web", 2),
    pod("a", OLD),
    pod("b", OLD),
    hpa("web", "web", { max: 10, metrics: [cpuUtilization(60)] }),
  ]);
  let now = 0;
  const generation = { n: 1 };
  const metrics = cpuClient({ a: 58, b: 61 }, { at: () => now, generation });
  const sync = (t: number, state: HPAState) => {
    now = t;
    const r = reconcileHPA(hpaCtxAt(store, t), "web", state, metrics, config);
    for (const w of r.result.writes) if (w.op === "updateStatus") store.put(w.object);
    return r;
  };
  return { store, generation, sync };
}

/** The same state without what a quiet sync is recognised by: the sync runs in full. */
const unkept = (s: HPAState): HPAState => ({ ...s, quiet: undefined, unchangedStatus: undefined });

describe("a quiet HPA sync", () => {
  it("gives what the full sync gives, decision and recommendations included", () => {
    const { sync } = setup();
    const first = sync(0, newHPAState());
    expect(first.result.writes.map((w) => w.op)).toEqual(["updateStatus"]);
    const second = sync(15, first.state);
    expect(second.result.writes).toEqual([]);
    expect(second.state.quiet).toBeDefined();
    for (const t of [30, 45, 300, 330]) {
      const state = second.state;
      const quick = sync(t, state);
      const full = sync(t, unkept(state));
      // Taken: the quiet record carries over unchanged.
      expect(quick.state.quiet).toBe(state.quiet);
      expect(JSON.stringify(quick.result)).toBe(JSON.stringify(full.result));
      expect(quick.state.recommendations).toEqual(full.state.recommendations);
      expect(quick.selector).toBe(full.selector);
      second.state = quick.state;
    }
  });

  it("is not taken after a pod, the samples or the scale changed", () => {
    const { store, generation, sync } = setup();
    let state = sync(15, sync(0, newHPAState()).state).state;
    const quiet = state.quiet;
    expect(quiet).toBeDefined();

    // A new samples generation: the outcome is computed again (a new object), not repeated.
    generation.n++;
    const afterSamples = sync(30, state);
    expect(afterSamples.state.quiet).not.toBe(quiet);
    state = afterSamples.state;

    // A new pod: a new pods list; the decision counts three pods.
    store.put(pod("c", OLD));
    const afterPod = sync(45, state);
    expect(afterPod.state.quiet?.pods).not.toBe(quiet?.pods);
    expect(afterPod.result.decisions[0].inputs.podsSelected).toBe(3);
    state = afterPod.state;

    // The target scaled by someone else: a new scale, the decision reads it.
    store.put(deployment("web", 3));
    const afterScale = sync(60, state);
    expect(afterScale.result.decisions[0].inputs.currentReplicas).toBe(3);
  });
});
