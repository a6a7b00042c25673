import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { sameJsonText } from "../../src/engine/jsonText.ts";
import { SharedSummaries, samePlainTree, sameTree, shareChanged } from "../../src/engine/sharedSummaries.ts";
import type { ObjectSummary } from "../../src/k8s/kinds/descriptor.ts";

// Summaries as the pod and ReplicaSet summarisers make them (src/k8s/kinds/*/summary.ts).
const pod = (over: Record<string, unknown> = {}): ObjectSummary =>
  ({
    replicaSet: "web-7d4b9",
    phase: "Running",
    ready: true,
    available: true,
    terminating: false,
    node: "node-1",
    exists: true,
    ...over,
  }) as unknown as ObjectSummary;

describe("sameTree", () => {
  it.each([
    ["0 and -0", { a: 0 }, { a: -0 }],
    ["undefined and a missing key", { a: 1, b: undefined }, { a: 1 }],
    ["keys in another order", { a: 1, b: 2 }, { b: 2, a: 1 }],
    ["another nested value", { images: { app: "nginx:1.24" } }, { images: { app: "nginx:1.25" } }],
    ["an array and an object", { a: [1] }, { a: { 0: 1 } }],
    ["a null-prototype object and a plain one", Object.assign(Object.create(null), { a: 1 }), { a: 1 }],
  ])("tells apart %s", (_, a, b) => {
    expect(sameTree(a, b)).toBe(false);
    expect(sameTree(b, a)).toBe(false);
  });

  it("compares own keys as Object.keys lists them: an inherited enumerable key is not one", () => {
    const proto = { inherited: 1 };
    const withOwn = Object.assign(Object.create(proto) as Record<string, unknown>, { a: 1 });
    const alike = Object.assign(Object.create(proto) as Record<string, unknown>, { a: 1 });
    const shadowing = Object.assign(Object.create(proto) as Record<string, unknown>, { a: 1, inherited: 1 });
    expect(sameTree(withOwn, alike)).toBe(true);
    expect(sameTree(withOwn, shadowing)).toBe(false);
    expect(sameTree(shadowing, withOwn)).toBe(false);
  });

  it("answers as a comparison of Object.keys lists does, at every depth", () => {
    // The comparison as it was written before its keys were walked without lists.
    const byKeyLists = (a: unknown, b: unknown): boolean => {
      if (Object.is(a, b)) return true;
      if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
      if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
      if (Array.isArray(a)) {
        const bs = b as unknown[];
        return a.length === bs.length && a.every((v, i) => byKeyLists(v, bs[i]));
      }
      const ak = Object.keys(a);
      const bk = Object.keys(b);
      const ao = a as Record<string, unknown>;
      const bo = b as Record<string, unknown>;
      return ak.length === bk.length && ak.every((k, i) => k === bk[i] && byKeyLists(ao[k], bo[k]));
    };
    const tree = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: "small" },
        fc.constantFrom(0, -0, 1, "x", undefined, null, NaN),
        fc.dictionary(fc.constantFrom("x", "y", "z", "1", "0"), tie("node"), { maxKeys: 3 }),
        fc.array(tie("node"), { maxLength: 2 }),
      ),
    })).node;
    fc.assert(
      fc.property(tree, tree, (a, b) => {
        expect(sameTree(a, b)).toBe(byKeyLists(a, b));
        expect(sameTree(a, structuredClone(a))).toBe(byKeyLists(a, structuredClone(a)));
      }),
      { numRuns: 3000 },
    );
  });

  it("finds equal trees equal, NaN included", () => {
    expect(sameTree({ a: [1, { b: "x" }], c: NaN }, { a: [1, { b: "x" }], c: NaN })).toBe(true);
  });
});

describe("SharedSummaries", () => {
  it("gives an equal flat summary the one recorded before, and keeps a different one apart", () => {
    const shared = new SharedSummaries();
    const first = shared.share("Pod", pod(), undefined);
    expect(shared.share("Pod", pod(), undefined)).toBe(first);
    const pending = pod({ phase: "Pending", ready: false, available: false });
    expect(shared.share("Pod", pending, undefined)).toBe(pending);
    expect(shared.share("Pod", pod({ node: undefined }), undefined)).not.toBe(first);
    // Another kind with the same fields is another table.
    expect(shared.share("Other", pod(), undefined)).not.toBe(first);
  });

  it("gives a nested field equal to the last summary's the last one's value", () => {
    const shared = new SharedSummaries();
    const rs = (ready: number, image: string) =>
      ({ deployment: "web", ready, images: { app: image } }) as unknown as ObjectSummary;
    const last = shared.share("ReplicaSet", rs(1, "nginx:1.24"), undefined);
    const next = shared.share("ReplicaSet", rs(2, "nginx:1.24"), last) as unknown as Record<string, unknown>;
    expect(next.images).toBe((last as unknown as Record<string, unknown>).images);
    expect(next.ready).toBe(2);
    const updated = shared.share("ReplicaSet", rs(2, "nginx:1.25"), last) as unknown as Record<
      string,
      unknown
    >;
    expect(updated.images).toEqual({ app: "nginx:1.25" });
  });
});

/** Whether a tree holds nothing but primitives, arrays and objects of Object.prototype or of none. */
function plainData(v: unknown): boolean {
  if (typeof v !== "object" || v === null) return true;
  if (Array.isArray(v)) return v.every(plainData);
  const proto: unknown = Object.getPrototypeOf(v);
  return (proto === Object.prototype || proto === null) && Object.values(v).every(plainData);
}

/**
 * A copy of a tree, each object of its original's prototype (a Date a Date of the same time),
 * an object met twice copied once (what structuredClone keeps; it gives a dictionary a prototype).
 */
function copyTree<T>(v: T, copies = new Map<object, unknown>()): T {
  if (typeof v !== "object" || v === null) return v;
  const made = copies.get(v);
  if (made !== undefined) return made as T;
  let out: unknown;
  if (v instanceof Date) out = new Date(v.getTime());
  else if (Array.isArray(v)) {
    const items: unknown[] = [];
    copies.set(v, items);
    for (const x of v) items.push(copyTree(x, copies));
    return items as T;
  } else {
    const o = Object.create(Object.getPrototypeOf(v) as object | null) as Record<string, unknown>;
    copies.set(v, o);
    for (const [k, x] of Object.entries(v)) o[k] = copyTree(x, copies);
    return o as T;
  }
  copies.set(v, out);
  return out as T;
}

// shareChanged answers what the recorder asked before in two walks: nothing to record when
// the JSON texts are the same (sameJsonText), else what share records.
describe("shareChanged", () => {
  const leaf = fc.oneof(
    fc.constantFrom(0, -0, 1, NaN, Infinity, "0", "a", true, false, undefined, null),
    fc.constantFrom(new Date(0), new Date(1)),
  );
  const nested = fc.oneof(
    leaf,
    fc.dictionary(fc.constantFrom("x", "y"), leaf),
    // A dictionary with no prototype, as a ReplicaSet's images are (src/k8s/kinds/summaries.ts).
    fc
      .dictionary(fc.constantFrom("x", "y"), leaf)
      .map((d) => Object.assign(Object.create(null), d) as unknown),
    fc.array(leaf, { maxLength: 2 }),
  );
  const summary = fc
    .tuple(
      fc.shuffledSubarray(["a", "b", "c", "images"], { minLength: 1 }),
      fc.array(nested, { minLength: 4, maxLength: 4 }),
    )
    .map(
      ([keys, values]) => Object.fromEntries(keys.map((k, i) => [k, values[i]])) as unknown as ObjectSummary,
    );

  it("records nothing exactly when the texts are the same, else what share records", () => {
    fc.assert(
      fc.property(summary, summary, (last, value) => {
        // Each way takes its own copy of the pair (share changes the summary it is given; a
        // copy of both at once keeps what they hold in common).
        const [lastA, valueA] = copyTree([last, value]);
        const [lastB, valueB] = copyTree([last, value]);
        const before = sameJsonText(lastA, valueA)
          ? undefined
          : new SharedSummaries().share("K", valueA, lastA);
        const got = shareChanged(new SharedSummaries(), "K", valueB, lastB);
        expect(got === undefined).toBe(JSON.stringify(last) === JSON.stringify(value));
        expect(got === undefined ? undefined : JSON.stringify(got)).toBe(
          before === undefined ? undefined : JSON.stringify(before),
        );
        // The same fields stand for the last summary's: the sharing share made, made the same way.
        if (got !== undefined && before !== undefined) {
          const fieldsOf = (s: ObjectSummary) => s as unknown as Record<string, unknown>;
          for (const key of Object.keys(fieldsOf(got)))
            expect(fieldsOf(got)[key] === fieldsOf(lastB)[key]).toBe(
              fieldsOf(before)[key] === fieldsOf(lastA)[key],
            );
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("takes one tree of plain data for one text and one tree, and nothing else", () => {
    const tree = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: "small" },
        leaf,
        fc.dictionary(fc.constantFrom("x", "y", "toJSON"), tie("node")),
        fc.array(tie("node"), { maxLength: 2 }),
        fc.constant(Object.assign(Object.create(null), { x: 1 })),
      ),
    })).node;
    fc.assert(
      fc.property(tree, tree, (a, b) => {
        if (samePlainTree(a, b)) {
          expect(sameTree(a, b)).toBe(true);
          expect(JSON.stringify(a)).toBe(JSON.stringify(b));
        }
        // A tree is the same as a copy of itself unless it holds what is not plain data (a Date).
        const copy = copyTree(a);
        expect(samePlainTree(a, copy)).toBe(plainData(a));
      }),
      { numRuns: 2000 },
    );
  });

  it("tells a field that changed from a nested value that did not", () => {
    const last = { deployment: "web", terminating: 1, images: { app: "app:1" }, exists: true };
    const value = { deployment: "web", terminating: 2, images: { app: "app:1" }, exists: true };
    const got = shareChanged(
      new SharedSummaries(),
      "ReplicaSet",
      value as unknown as ObjectSummary,
      last as unknown as ObjectSummary,
    ) as unknown as typeof value;
    expect(got).toBe(value);
    // The unchanged images are the last summary's object.
    expect(got.images).toBe(last.images);
    const again = { ...last, images: { app: "app:1" } } as unknown as ObjectSummary;
    expect(
      shareChanged(new SharedSummaries(), "ReplicaSet", again, last as unknown as ObjectSummary),
    ).toBeUndefined();
  });

  it("leaves a changed nested field as it came, and shares what only sameTree takes for one tree", () => {
    // An HPA's summary after a scrape: the metric's value moved, the conditions did not.
    const metrics = [{ name: "cpu", current: 61, target: 60, unit: "%" }];
    const conditions = [{ type: "AbleToScale", status: "True", reason: "ReadyForNewScale", message: "" }];
    const last = { target: "Deployment/app", currentReplicas: 3, metrics, conditions, exists: true };
    const value = {
      ...last,
      metrics: [{ ...metrics[0], current: 58 }],
      conditions: [{ ...conditions[0] }],
    };
    const fresh = value.metrics;
    const got = shareChanged(
      new SharedSummaries(),
      "HorizontalPodAutoscaler",
      value as unknown as ObjectSummary,
      last as unknown as ObjectSummary,
    ) as unknown as typeof value;
    expect(got).toBe(value);
    expect(got.metrics).toBe(fresh);
    expect(got.conditions).toBe(conditions);
    // Two Dates have other texts but no own keys: one tree for share (sameTree), so the field
    // is the last's, as share makes it; samePlainTree cannot say so, and share is asked.
    const lastDated = { n: 1, at: { when: new Date(0) } };
    const dated = { n: 1, at: { when: new Date(1) } };
    const shared = shareChanged(
      new SharedSummaries(),
      "K",
      dated as unknown as ObjectSummary,
      lastDated as unknown as ObjectSummary,
    ) as unknown as typeof dated;
    expect(shared).toBe(dated);
    expect(shared.at).toBe(lastDated.at);
  });
});
