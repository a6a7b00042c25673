/**
 * The trace's decisions kept small until read (src/engine/decisionLog.ts): a decision whose
 * inputs differ from the last whole one's (same controller, object and action) at one place is
 * kept as that one and the value, and reads back as the same JSON text, keys in their order.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DecisionLog, declareRepeat, soleDifference } from "../../src/engine/decisionLog.ts";
import { Recorder } from "../../src/engine/recorder.ts";
import { Store } from "../../src/engine/store.ts";
import { builtinKinds } from "../../src/k8s/kinds/index.ts";
import type { Decision } from "../../src/engine/trace.ts";

/** An HPA sync's inputs as the HPA records them: a quiet sync's differ by the window's ages. */
function hpaInputs(ages: number[], current = 82): Record<string, unknown> {
  return {
    target: "Deployment/app",
    currentReplicas: current,
    tolerances: { scaleDown: 0.1, scaleUp: 0.1 },
    metrics: [{ type: "Resource", current: { averageUtilization: 59 } }],
    normalization: {
      path: "legacy",
      stabilization: {
        windowSeconds: 300,
        window: ages.map((age) => ({ recommendation: current, age })),
        stabilizedRecommendation: current,
      },
      limit: { scaleUpLimit: 164 },
    },
    rescale: false,
  };
}

const draft = (inputs: Record<string, unknown>): Omit<Decision, "t"> => ({
  controller: "hpa",
  object: "HorizontalPodAutoscaler/app",
  action: "hpa-sync",
  summary: ["keep Deployment/app at", String(inputs.currentReplicas)].join(" "),
  inputs,
});

const sync = (t: number, inputs: Record<string, unknown>): Decision => ({ ...draft(inputs), t });

const keep = (d: Decision): Decision => d;

describe("DecisionLog", () => {
  it("reads a repeat back as the inputs given, its other parts the earlier decision's", () => {
    const log = new DecisionLog();
    const first = sync(15, hpaInputs([15]));
    const given = [first, sync(30, hpaInputs([30, 15])), sync(45, hpaInputs([45, 30, 15]))];
    const texts = given.map((d) => JSON.stringify(d));
    for (const d of given) log.push(d, true, keep);
    const read = log.list();
    expect(read.map((d) => JSON.stringify(d))).toEqual(texts);
    expect(read[0]).toBe(first);
    // Kept as a repeat: laid out anew, sharing what did not change with the first.
    expect(read[2]).not.toBe(given[2]);
    expect(read[2].inputs.tolerances).toBe(first.inputs.tolerances);
    expect(read[2].inputs.metrics).toBe(first.inputs.metrics);
    const stabilization = (d: Decision): unknown =>
      (d.inputs.normalization as { stabilization: { window: unknown } }).stabilization.window;
    expect(stabilization(read[2])).toBe(stabilization(given[2]));
  });

  it("keeps a decision whole when its inputs differ at two places, and repeats it from then on", () => {
    const log = new DecisionLog();
    const given = [
      sync(15, hpaInputs([15])),
      sync(30, hpaInputs([30, 15], 90)),
      sync(45, hpaInputs([45, 30, 15], 90)),
    ];
    for (const d of given) log.push(d, true, keep);
    const read = log.list();
    expect(read[1]).toBe(given[1]);
    expect(read[2]).not.toBe(given[2]);
    expect(read[2].inputs.tolerances).toBe(given[1].inputs.tolerances);
    expect(read.map((d) => JSON.stringify(d))).toEqual(given.map((d) => JSON.stringify(d)));
  });

  it("keeps whole a record of other keys, and pushes onto the list once it has been read", () => {
    const log = new DecisionLog();
    const a = sync(15, hpaInputs([15]));
    log.push(a, true, keep);
    const read = log.list();
    const b = sync(30, hpaInputs([30, 15]));
    log.push(b, true, keep);
    expect(log.list()).toBe(read);
    expect(read).toEqual([a, b]);
    expect(read[1]).toBe(b);
    const other = { t: 45, ...draft(hpaInputs([45, 30, 15])) };
    log.push(other, false, keep);
    expect(read[2]).toBe(other);
  });

  it("keeps each key's decisions apart: one object's actions and controllers, objects alike", () => {
    // Interleaved keys that share an object, a controller or an action: each repeat refers to
    // the last whole decision of its own key (the same controller, object and action).
    const log = new DecisionLog();
    const as = (d: Decision, o: Partial<Decision>): Decision => ({ ...d, ...o });
    const given: Decision[] = [];
    for (let i = 0; i < 4; i++) {
      const ages = [15 * (i + 1), 15];
      const t = 15 * (i + 1);
      given.push(
        sync(t, hpaInputs(ages)),
        as(sync(t, hpaInputs(ages, 90)), { action: "scale" }),
        as(sync(t, hpaInputs(ages, 70)), { controller: "keda" }),
        as(sync(t, hpaInputs(ages, 60)), { object: "HorizontalPodAutoscaler/other" }),
        as(sync(t, hpaInputs(ages, 50)), { object: "HorizontalPodAutoscaler/app\u0000hpa-sync" }),
      );
    }
    const texts = given.map((d) => JSON.stringify(d));
    for (const d of given) log.push(d, true, keep);
    const read = log.list();
    expect(read.map((d) => JSON.stringify(d))).toEqual(texts);
    // The later ones of each key are repeats of its first (laid out anew), not kept whole.
    for (let k = 0; k < 5; k++) {
      expect(read[k]).toBe(given[k]);
      expect(read[5 + k]).not.toBe(given[5 + k]);
      expect(read[5 + k].inputs.tolerances).toBe(given[k].inputs.tolerances);
    }
  });

  it("is the trace's decisions under the recorder, laid out when read", () => {
    const r = new Recorder(new Store(), builtinKinds.extend());
    r.decision(draft(hpaInputs([15])), 15);
    r.decision(draft(hpaInputs([30, 15])), 30);
    const trace = r.trace(60);
    expect(trace.decisions.map((d) => Object.keys(d))).toEqual([
      ["controller", "object", "action", "summary", "inputs", "t"],
      ["controller", "object", "action", "summary", "inputs", "t"],
    ]);
    expect(trace.decisions[1]).toMatchObject({ t: 30, inputs: hpaInputs([30, 15]) });
    expect(r.decisions).toBe(trace.decisions);
  });
});

describe("DecisionLog with repeats declared by their maker", () => {
  const WINDOW = ["normalization", "stabilization", "window"];
  type Inputs = Record<string, unknown> & { normalization: { stabilization: Record<string, unknown> } };
  /** As the HPA's quiet sync makes its inputs: the recorded ones, spread, with a new window. */
  const withWindow = (base: Record<string, unknown>, window: unknown): Record<string, unknown> => {
    const n = (base as Inputs).normalization;
    return { ...base, normalization: { ...n, stabilization: { ...n.stabilization, window } } };
  };
  const windowOf = (d: Decision): unknown => (d.inputs as Inputs).normalization.stabilization.window;

  it("keeps a declared repeat of the last whole decision's inputs as a repeat, read back as given", () => {
    const log = new DecisionLog();
    const first = sync(15, hpaInputs([15]));
    const window = [
      { recommendation: 82, age: 15 },
      { recommendation: 82, age: 30 },
    ];
    const repeat = sync(30, withWindow(first.inputs, window));
    log.push(first, true, keep);
    declareRepeat(repeat.inputs, first.inputs, WINDOW);
    log.push(repeat, true, keep);
    const read = log.list();
    expect(read[1]).not.toBe(repeat);
    expect(JSON.stringify(read[1])).toBe(JSON.stringify(repeat));
    expect(windowOf(read[1])).toBe(window);
    expect(read[1].inputs.metrics).toBe(first.inputs.metrics);
  });

  it("keeps whole a declared repeat whose new value is the same tree as the old", () => {
    // The walk finds no difference there: such inputs are kept whole, as given.
    const log = new DecisionLog();
    const first = sync(15, hpaInputs([15, 30]));
    const same = sync(30, withWindow(first.inputs, structuredClone(windowOf(first))));
    log.push(first, true, keep);
    declareRepeat(same.inputs, first.inputs, WINDOW);
    log.push(same, true, keep);
    expect(log.list()[1]).toBe(same);
  });

  it("walks a declared repeat of inputs that are not the last whole decision's", () => {
    // Declared of `first`, but `second` (whole: it differs from first at two places) is the
    // last whole one: from that, the repeat differs at two places too, and is kept whole.
    const log = new DecisionLog();
    const first = sync(15, hpaInputs([15]));
    const second = sync(30, hpaInputs([30, 15], 90));
    const late = sync(45, withWindow(first.inputs, [{ recommendation: 82, age: 45 }]));
    log.push(first, true, keep);
    log.push(second, true, keep);
    declareRepeat(late.inputs, first.inputs, WINDOW);
    log.push(late, true, keep);
    const read = log.list();
    expect(read[2]).toBe(late);
    expect(read.map((d) => JSON.stringify(d))).toEqual([first, second, late].map((d) => JSON.stringify(d)));
  });

  it("takes a declared repeat of the inputs a whole decision was given when its record shares their fields", () => {
    // The recorder keeps a whole decision's inputs with a field in an earlier decision's equal
    // tree (sharedEvents.ts SharedDecisions). A repeat declared of the inputs as given is that
    // decision's repeat at the declared place, without a walk into the shared field: its
    // stand-in counts every look the walk takes into it.
    const log = new DecisionLog();
    const first = sync(15, hpaInputs([15]));
    const looks: string[] = [];
    const earlier = new Proxy(
      { scaleDown: 0.1, scaleUp: 0.1 },
      {
        getPrototypeOf: (t) => (looks.push("prototype"), Object.getPrototypeOf(t)),
        ownKeys: (t) => (looks.push("keys"), Reflect.ownKeys(t)),
      },
    );
    const sharing = (d: Decision): Decision => ({ ...d, inputs: { ...d.inputs, tolerances: earlier } });
    log.push(first, true, sharing);
    const window = [{ recommendation: 82, age: 30 }];
    const repeat = sync(30, withWindow(first.inputs, window));
    declareRepeat(repeat.inputs, first.inputs, WINDOW);
    log.push(repeat, true, keep);
    expect(looks).toEqual([]);
    const read = log.list();
    expect(read[1]).not.toBe(repeat);
    expect(JSON.stringify(read[1])).toBe(JSON.stringify(repeat));
    expect(read[1].inputs.tolerances).toBe(earlier);
    expect(windowOf(read[1])).toBe(window);
  });

  it("takes a declared repeat of a repeat the walk found, at the same place", () => {
    // An HPA's computing sync whose inputs differ from the last whole decision's by the window
    // is kept as its repeat (walked); its quiet syncs after are declared of those inputs. The
    // inputs handed are a stand-in that counts every look the walk would take at them.
    const log = new DecisionLog();
    const first = sync(15, hpaInputs([15]));
    log.push(first, true, keep);
    const computed = sync(30, withWindow(first.inputs, [{ recommendation: 82, age: 30 }]));
    log.push(computed, true, keep);
    const looks: string[] = [];
    const watched = (inputs: Record<string, unknown>) =>
      new Proxy(inputs, {
        getPrototypeOf: (t) => (looks.push("prototype"), Object.getPrototypeOf(t)),
        ownKeys: (t) => (looks.push("keys"), Reflect.ownKeys(t)),
      });
    const window = [
      { recommendation: 82, age: 45 },
      { recommendation: 82, age: 15 },
    ];
    const quiet = sync(45, watched(withWindow(computed.inputs, window)));
    declareRepeat(quiet.inputs, computed.inputs, WINDOW);
    log.push(quiet, true, keep);
    expect(looks).toEqual([]);
    // Declared at another place than the walk found: walked.
    const elsewhere = sync(60, watched({ ...computed.inputs, rescale: true }));
    declareRepeat(elsewhere.inputs, computed.inputs, ["rescale"]);
    log.push(elsewhere, true, keep);
    expect(looks).not.toEqual([]);
    const read = log.list();
    expect(read.map((d) => JSON.stringify(d))).toEqual(
      [first, computed, quiet, elsewhere].map((d) => JSON.stringify(d)),
    );
    expect(read[2]).not.toBe(quiet);
    expect(read[2].inputs.metrics).toBe(first.inputs.metrics);
    expect(windowOf(read[2])).toBe(window);
  });

  it("walks a declared repeat of inputs given to a whole decision that a later one replaced", () => {
    const log = new DecisionLog();
    const first = sync(15, hpaInputs([15]));
    const shared = (d: Decision): Decision => ({ ...d, inputs: { ...d.inputs } });
    log.push(first, true, shared);
    const second = sync(30, hpaInputs([30, 15], 90));
    log.push(second, true, shared);
    const late = sync(45, withWindow(first.inputs, [{ recommendation: 82, age: 45 }]));
    declareRepeat(late.inputs, first.inputs, WINDOW);
    log.push(late, true, keep);
    const read = log.list();
    // From `second` it differs at more places than one: kept whole, as given.
    expect(read[2]).toBe(late);
    expect(read.map((d) => JSON.stringify(d))).toEqual([first, second, late].map((d) => JSON.stringify(d)));
  });

  it("walks on into a declared place that holds two records, as a repeat not declared is walked", () => {
    const log = new DecisionLog();
    const first = sync(15, hpaInputs([15]));
    const repeat = sync(30, withWindow(first.inputs, [{ recommendation: 82, age: 30 }]));
    log.push(first, true, keep);
    declareRepeat(repeat.inputs, first.inputs, ["normalization", "stabilization"]);
    log.push(repeat, true, keep);
    const read = log.list();
    expect(JSON.stringify(read[1])).toBe(JSON.stringify(repeat));
    // The place is the window, as the walk finds it: the stabilization is laid out anew.
    const stabilization = (d: Decision): unknown => (d.inputs as Inputs).normalization.stabilization;
    expect(stabilization(read[1])).not.toBe(stabilization(repeat));
    expect(windowOf(read[1])).toBe(windowOf(repeat));
  });
});

describe("DecisionLog over generated syncs", () => {
  // Each sync's inputs: the last ones with a change at up to three places (a value replaced at
  // any depth, a key added, a record's keys reordered), for two objects in turn; every list of
  // decisions reads back as the JSON text given, keys in their order, whichever were repeats.
  const change = fc.record({
    place: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
    how: fc.constantFrom("value", "key", "reorder", "same"),
    value: fc.oneof(fc.integer(), fc.constantFrom(-0, 0, null, "x", [1], { deep: 1 })),
  });
  const syncs = fc.array(
    fc.record({ object: fc.constantFrom("a", "b"), changes: fc.array(change, { maxLength: 3 }) }),
    {
      maxLength: 25,
    },
  );

  function copyWith(tree: unknown, place: number[], how: string, value: unknown): unknown {
    if (typeof tree !== "object" || tree === null || Array.isArray(tree))
      return how === "same" ? tree : value;
    const o = tree as Record<string, unknown>;
    const keys = Object.keys(o);
    if (place.length === 0 || keys.length === 0) {
      if (how === "key") return { ...o, [`k${keys.length}`]: value };
      if (how === "reorder") return Object.fromEntries(Object.entries(o).reverse());
      return how === "same" ? { ...o } : value;
    }
    const k = keys[place[0] % keys.length];
    return { ...o, [k]: copyWith(o[k], place.slice(1), how, value) };
  }

  it("reads every decision back as the JSON text given", () => {
    fc.assert(
      fc.property(syncs, (list) => {
        const log = new DecisionLog();
        const last: Record<string, Record<string, unknown>> = { a: hpaInputs([15]), b: hpaInputs([15, 30]) };
        const given: Decision[] = [];
        list.forEach(({ object, changes }, t) => {
          let inputs: unknown = last[object];
          for (const c of changes) inputs = copyWith(inputs, c.place, c.how, c.value);
          if (typeof inputs !== "object" || inputs === null || Array.isArray(inputs))
            inputs = { value: inputs };
          last[object] = inputs as Record<string, unknown>;
          const d = { ...draft(last[object]), object, t };
          given.push(d);
          log.push(d, true, keep);
        });
        expect(log.list().map((d) => JSON.stringify(d))).toEqual(given.map((d) => JSON.stringify(d)));
      }),
      { seed: 21, numRuns: 400 },
    );
  });
});

describe("soleDifference", () => {
  it("finds the one place two trees differ, or none", () => {
    expect(soleDifference(hpaInputs([15]), hpaInputs([15]))).toEqual([]);
    expect(soleDifference(hpaInputs([15]), hpaInputs([30]))).toEqual([
      "normalization",
      "stabilization",
      "window",
    ]);
  });

  it("answers the record itself when it differs at two places or in its keys' order", () => {
    // Two places: no path below the root (no keys), unlike the same trees' answer.
    const two = soleDifference(hpaInputs([15]), hpaInputs([30], 90));
    expect(two).toEqual([]);
    expect(two).not.toBe(soleDifference(hpaInputs([15]), hpaInputs([15])));
    expect(soleDifference({ a: { x: 1, y: 2 } }, { a: { y: 2, x: 1 } })).toEqual(["a"]);
    expect(soleDifference({ a: { x: 1 }, b: [1] }, { a: { x: 2 }, b: [1] })).toEqual(["a", "x"]);
    expect(soleDifference({ a: [1, 2] }, { a: [1, 3] })).toEqual(["a"]);
  });
});
