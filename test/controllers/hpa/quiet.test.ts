// A sync that reads what the last quiet sync read repeats its outcome (controller.ts QuietSync):
// it must give exactly what the full sync gives — decision, writes, events, recommendations —
// and must not be taken once something it read changed.
import { describe, expect, it } from "vitest";
import type { HorizontalPodAutoscaler, Kind, KubeObject, ObjectOfKind } from "../../../src/k8s/types.ts";
import {
  hpaConfigFromSettings,
  newHPAState,
  reconcileHPA,
  type HPAState,
} from "../../../src/engine/controllers/hpa/controller.ts";
import { defaultSettings } from "../../../src/engine/settings.ts";
import { MemStore, cpuUtilization, deployment, hpa, hpaCtxAt, pod, cpuClient } from "./objects.ts";
import type { HpaLegacyNormalization } from "../../../src/engine/controllers/hpa/decision.ts";
import type { Write } from "../../../src/engine/controller.ts";
import { parseLabelSelector, type SelectorRequirement } from "../../../src/k8s/labelSelectorParse.ts";

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
    // Only that kind's lists: an HPA's write leaves the pods list as it was, as the engine's does.
    for (const key of [...this.lists.keys()]) if (key.startsWith(`${o.kind}/`)) this.lists.delete(key);
    super.put(o);
  }
}

const OLD = { start: -1000, readySince: -1000, cpuRequest: "100m" };

function setup(o: { max?: number; behavior?: HorizontalPodAutoscaler["spec"]["behavior"] } = {}) {
  const store = new FrozenListStore([
    deployment("web", 2),
    pod("a", OLD),
    pod("b", OLD),
    hpa("web", "web", { max: o.max ?? 10, metrics: [cpuUtilization(60)], behavior: o.behavior }),
  ]);
  let now = 0;
  const generation = { n: 1 };
  const cpu = { a: 58, b: 61 };
  const metrics = cpuClient(cpu, { at: () => now, generation });
  /** A sync whose status write (if any) the store takes; `dry`: not taken. */
  const sync = (t: number, state: HPAState, dry = false) => {
    now = t;
    const r = reconcileHPA(hpaCtxAt(store, t), "web", state, metrics, config);
    if (!dry) for (const w of r.result.writes) if (w.op === "updateStatus") store.put(w.object);
    return r;
  };
  return { store, generation, cpu, sync };
}

/**
 * The HPA as the API server's status subresource stores a status write (apiserver.ts
 * commitStatus): the old object's fields, its metadata with a new resourceVersion, the status
 * as sent, copied.
 */
const writtenObject = (w: Write): HorizontalPodAutoscaler => {
  if (w.op !== "updateStatus") throw new Error(`not a status write: ${w.op}`);
  return w.object as HorizontalPodAutoscaler;
};

function storedStatusWrite(old: HorizontalPodAutoscaler, sent: HorizontalPodAutoscaler, rv: string) {
  return { ...old, metadata: { ...old.metadata, resourceVersion: rv }, status: structuredClone(sent.status) };
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

  // horizontal.go runs the normalization at every sync (its windows age with the clock): a
  // quiet sync repeated without its generic steps (controller.ts repeatQuietSync) must still
  // give, sync after sync, what the full sync gives, on either normalization path.
  for (const [path, opts] of [
    ["legacy", {}],
    ["behavior", { behavior: { scaleDown: { stabilizationWindowSeconds: 60 } } }],
  ] as const)
    it(`repeats the full sync's result every 15 s across its windows (${path} path)`, () => {
      const { sync } = setup(opts);
      let state = sync(15, sync(0, newHPAState()).state).state;
      expect(state.quiet).toBeDefined();
      let previous = state.lastSyncInputs;
      const windows = new Map<unknown, string>();
      for (let t = 30; t <= 660; t += 15) {
        const full = sync(t, unkept(state), true);
        const quick = sync(t, state);
        expect(quick.state.quiet).toBe(state.quiet);
        expect(JSON.stringify(quick.result)).toBe(JSON.stringify(full.result));
        expect(quick.state.recommendations).toEqual(full.state.recommendations);
        // What did not change is handed on as the same objects (the recorder then need not walk them).
        const inputs = quick.result.decisions[0].inputs;
        expect(inputs.metrics).toBe(previous?.metrics);
        if (path === "behavior") expect(inputs.normalization).not.toBe(previous?.normalization);
        else {
          // The legacy window comes round in the same order (the stalest entry is overwritten in
          // place): one that came before is handed on as the very window, and so are the inputs
          // (the trace is read-only), never one that differs.
          const window = (inputs.normalization as HpaLegacyNormalization).stabilization.window;
          const json = JSON.stringify(inputs.normalization);
          expect(windows.get(window) ?? json).toBe(json);
          windows.set(window, json);
        }
        previous = quick.state.lastSyncInputs;
        state = quick.state;
      }
      // 43 syncs, the first 20 filling the 300 s window, then 21 entries in turn: from the
      // 42nd sync on, windows came round and were handed on again.
      if (path === "legacy") expect(windows.size).toBeLessThan(43);
    });

  // A sync whose only write is its status (a new utilization within tolerance) is followed by
  // one that reads the object the write made: horizontal.go's updateStatusIfNeeded then finds
  // the status it builds equal to the stored one and writes nothing — the quiet sync, which
  // the written status's record repeats (controller.ts adoptWrittenStatus).
  it("repeats a sync that wrote only its status once the store holds that write", () => {
    const { store, generation, cpu, sync } = setup();
    const get = () => store.get("HorizontalPodAutoscaler", "default", "web")!;
    let rv = 1;
    const take = (r: ReturnType<typeof sync>) => {
      for (const w of r.result.writes)
        if (w.op === "updateStatus") store.put(storedStatusWrite(get(), writtenObject(w), String(++rv)));
    };
    let state = sync(15, sync(0, newHPAState()).state).state;
    let adopted = 0;
    for (const [t, a, b] of [
      [30, 57, 60],
      [45, 57, 60],
      [60, 57, 60],
      [75, 55, 59],
      [90, 55, 59],
      [105, 58, 61],
      [120, 58, 61],
    ]) {
      if (cpu.a !== a || cpu.b !== b) {
        cpu.a = a;
        cpu.b = b;
        generation.n++;
      }
      const wrote = state.quiet?.written !== undefined;
      const full = sync(t, unkept(state), true);
      const quick = sync(t, state, true);
      expect(JSON.stringify(quick.result)).toBe(JSON.stringify(full.result));
      expect(quick.state.recommendations).toEqual(full.state.recommendations);
      if (wrote && quick.state.quiet === state.quiet) {
        // Adopted: the record now holds the stored object, and the status it wrote as unchanged.
        expect(quick.state.quiet?.hpa).toBe(get());
        expect(quick.state.unchangedStatus?.hpa).toBe(get());
        adopted++;
      }
      take(quick);
      state = quick.state;
    }
    // The utilization changed at 30, 75 and 105 (a status write each, no rescale); each next
    // sync repeated it.
    expect(adopted).toBe(3);
  });

  it("does not repeat a sync that wrote its status once anything else was written", () => {
    for (const edit of [
      // Someone else's status write after this one.
      (o: HorizontalPodAutoscaler) => ({ ...o, status: { ...o.status!, desiredReplicas: 7 } }),
      // A label added (metadata.labels).
      (o: HorizontalPodAutoscaler) => ({ ...o, metadata: { ...o.metadata, labels: { team: "a" } } }),
      // The spec written again with the same values: a new spec object.
      (o: HorizontalPodAutoscaler) => ({ ...o, spec: structuredClone(o.spec) }),
    ]) {
      const { store, generation, cpu, sync } = setup();
      const get = () => store.get("HorizontalPodAutoscaler", "default", "web")!;
      const state = sync(15, sync(0, newHPAState()).state).state;
      cpu.a = 57;
      cpu.b = 60;
      generation.n++;
      const wrote = sync(30, state, true);
      expect(wrote.result.writes.map((w) => w.op)).toEqual(["updateStatus"]);
      expect(wrote.state.quiet?.written).toBeDefined();
      store.put(edit(storedStatusWrite(get(), writtenObject(wrote.result.writes[0]), "9")));
      const full = sync(45, unkept(wrote.state), true);
      const quick = sync(45, wrote.state, true);
      expect(quick.state.quiet).not.toBe(wrote.state.quiet);
      expect(JSON.stringify(quick.result)).toBe(JSON.stringify(full.result));
    }
  });

  it("computes moved samples over the quiet sync's selection as a full sync over its own", () => {
    // The sync reads what the quiet one read (pods list, selector, other HPAs) but the samples
    // moved: it takes the quiet sync's selection instead of selecting again, and must come to
    // what a sync without the quiet record comes to, selector included.
    const { generation, cpu, sync } = setup();
    let state = sync(15, sync(0, newHPAState()).state).state;
    expect(state.quiet).toBeDefined();
    // Within the tolerance of the 60 % target (no rescale: the scale write would reach the
    // store), each a new utilization and so a status write, as at nearly every load change.
    for (const [t, a, b] of [
      [30, 57, 60],
      [45, 55, 58],
      [60, 62, 64],
    ]) {
      cpu.a = a;
      cpu.b = b;
      generation.n++;
      const full = sync(t, unkept(state), true);
      const quick = sync(t, state, true);
      expect(quick.result.decisions[0].inputs.podsSelected).toBe(2);
      expect(quick.result.writes.map((w) => w.op)).toEqual(["updateStatus"]);
      expect(JSON.stringify(quick.result)).toBe(JSON.stringify(full.result));
      expect(quick.selector).toEqual(full.selector);
      expect(quick.state.recommendations).toEqual(full.state.recommendations);
      state = sync(t, state).state;
    }
  });

  it("is not taken once another HPA's selector is registered, and is again once it is gone", () => {
    // horizontal.go's hpaSelectors (validateAndParseSelector): a second HPA whose selector
    // selects these pods makes this one's selector ambiguous, so the sync must not repeat a
    // quiet one recorded while it was alone — even when the registry then holds one entry.
    const { store } = setup();
    const metrics = cpuClient({ a: 58, b: 61 }, { at: () => 0, generation: { n: 1 } });
    const registry = new Map<string, readonly SelectorRequirement[]>();
    const sync = (t: number, state: HPAState) => {
      const r = reconcileHPA(hpaCtxAt(store, t, { hpaSelectors: registry }), "web", state, metrics, config);
      for (const w of r.result.writes) if (w.op === "updateStatus") store.put(w.object);
      if (r.selector) registry.set("web", r.selector);
      return r;
    };
    const reasons = (r: ReturnType<typeof sync>) => r.result.events.map((e) => e.reason);
    let state = sync(15, sync(0, newHPAState()).state).state;
    expect(state.quiet?.others).toEqual([]);
    const alone = sync(30, state);
    expect(alone.state.quiet).toBe(state.quiet);
    const selector = registry.get("web")!;
    // The other HPA alone in the registry (this one's entry gone): one entry, not this one's.
    registry.delete("web");
    registry.set("web-2", selector);
    expect(reasons(sync(45, alone.state))).toContain("AmbiguousSelector");
    // Both registered.
    registry.set("web", selector);
    expect(reasons(sync(60, alone.state))).toContain("AmbiguousSelector");
    // The other one forgotten: alone again, and quiet again after a full sync.
    registry.delete("web-2");
    state = sync(75, sync(75, alone.state).state).state;
    expect(sync(90, state).state.quiet).toBe(state.quiet);
  });

  it("lists another HPA over other pods in its record, and repeats while that one stays as it was", () => {
    // The other HPA's selector selects none of these pods: no ambiguity (validateAndParseSelector),
    // so the sync is quiet, and the record keeps that selector to compare it with at each sync.
    const { store } = setup();
    const metrics = cpuClient({ a: 58, b: 61 }, { at: () => 0, generation: { n: 1 } });
    const other = parseLabelSelector("app=other");
    if ("error" in other) throw new Error(other.error);
    const registry = new Map<string, readonly SelectorRequirement[]>([["api", other.requirements]]);
    const sync = (t: number, state: HPAState) => {
      const r = reconcileHPA(hpaCtxAt(store, t, { hpaSelectors: registry }), "web", state, metrics, config);
      for (const w of r.result.writes) if (w.op === "updateStatus") store.put(w.object);
      if (r.selector) registry.set("web", r.selector);
      return r;
    };
    const state = sync(15, sync(0, newHPAState()).state).state;
    expect(state.quiet?.others).toEqual([["api", other.requirements]]);
    expect(sync(30, state).state.quiet).toBe(state.quiet);
    // That HPA validated again with another selector object: not what the record read.
    registry.set("api", [...other.requirements]);
    expect(sync(45, state).state.quiet).not.toBe(state.quiet);
  });

  it("computes again once the stabilization recommends another size", () => {
    // Legacy path, max 2: a recommendation of 3 from t = 0 holds the stabilized count at 3,
    // capped to 2 (TooManyReplicas) until it leaves the 300 s window (horizontal.go
    // stabilizeRecommendation keeps an entry exactly at the edge); then the cap no longer
    // applies, ScalingLimited turns False and the status is written.
    const { sync } = setup({ max: 2 });
    let state: HPAState = { ...newHPAState(), recommendations: [{ recommendation: 3, timestamp: 0 }] };
    state = sync(15, sync(0, state).state).state;
    expect(state.quiet).toBeDefined();
    const writesAt: number[] = [];
    for (let t = 30; t <= 360; t += 15) {
      const full = sync(t, unkept(state), true);
      const quick = sync(t, state);
      expect(JSON.stringify(quick.result)).toBe(JSON.stringify(full.result));
      if (quick.result.writes.length > 0) writesAt.push(t);
      state = quick.state;
    }
    expect(writesAt).toEqual([315]);
  });
});
