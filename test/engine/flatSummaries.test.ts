// FlatSummaries (src/engine/flatSummaries.ts): a flat summary is kept once per tree, with
// JSON.stringify's text; keepAfter, which looks first at the object's last kept summary and the
// summaries objects went to from it, gives the very summary keep gives.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FlatSummaries, type KeptSummary } from "../../src/engine/flatSummaries.ts";
import type { ObjectSummary } from "../../src/k8s/kinds/descriptor.ts";

// Values that trees tell apart and JSON texts may not: -0 and 0, undefined and a missing key.
const value = fc.oneof(
  fc.constantFrom<unknown>(0, -0, NaN, undefined),
  fc.constantFrom<unknown>(1, "", "a", "0", true, false, null),
);
const key = fc.constantFrom("phase", "ready", "node", "0", "1");
const withProto = fc.constantFrom<object | null>(Object.prototype, null, { inherited: 1 });
const summary = fc
  .tuple(fc.array(fc.tuple(key, value), { maxLength: 5 }), withProto)
  .map(([entries, proto]) => {
    const o = Object.create(proto) as Record<string, unknown>;
    for (const [k, v] of entries) o[k] = v;
    return o as unknown as ObjectSummary;
  });

describe("FlatSummaries.keepAfter", () => {
  it("gives the summary keep gives, whatever the last summary was", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(summary, fc.nat(3)), { minLength: 1, maxLength: 40 }), (steps) => {
        const flat = new FlatSummaries();
        // Four objects, each with its last kept summary.
        const last: (KeptSummary | undefined)[] = [undefined, undefined, undefined, undefined];
        for (const [s, object] of steps) {
          const kept = flat.keepAfter("Pod", s, last[object]);
          // keep finds, in the table, the one summary kept for s's tree.
          expect(kept).toBe(flat.keep("Pod", s));
          if (kept !== undefined) expect(kept.text).toBe(JSON.stringify(s));
          last[object] = kept;
        }
      }),
      { numRuns: 500 },
    );
  });

  it("finds the step the last pod took from the same summary without keeping another", () => {
    const flat = new FlatSummaries();
    const pod = (phase: string, restarts: number) => ({ phase, restarts }) as unknown as ObjectSummary;
    const pending = flat.keep("Pod", pod("Pending", 0))!;
    const running = flat.keepAfter("Pod", pod("Running", 0), pending)!;
    expect(flat.keepAfter("Pod", pod("Running", 0), pending)).toBe(running);
    // -0 is another tree (its text is the same: JSON writes it 0).
    const minusZero = flat.keepAfter("Pod", pod("Running", -0), pending)!;
    expect(minusZero).not.toBe(running);
    expect(Object.is((minusZero.value as unknown as { restarts: number }).restarts, -0)).toBe(true);
  });
});
