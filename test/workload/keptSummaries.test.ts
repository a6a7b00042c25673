// WorkloadModel.summaries gives its last record again when every workload's kept summary still
// holds (lastSummariesHold), without walking the workloads to build a record. Held to the same
// model made to compute every summary anew (its kept summaries forgotten before each call):
// equal values at every step, whatever changes (the template a % of request reads, ramps,
// warm-up spikes, the baseline and retain settings, pods, a second workload's load).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { WorkloadModel } from "../../src/engine/workload/loadModel.ts";
import { defaultSettings } from "../../src/engine/settings.ts";
import type { Settings } from "../../src/engine/settings.ts";
import type { LoadSpec } from "../../src/engine/workload/types.ts";
import { MemStore, deployment, pod } from "../controllers/hpa/objects.ts";

type Op =
  | { wait: number }
  | { load: "web" | "api"; spec: LoadSpec }
  | { request: string }
  | { baseline: number }
  | { retain: boolean }
  | { pods: number };

const amount = fc.oneof(
  fc.record({ milli: fc.integer({ min: 0, max: 2000 }) }),
  fc.record({ percentOfRequest: fc.integer({ min: 0, max: 200 }) }),
);
const spec: fc.Arbitrary<LoadSpec> = fc.oneof(
  fc.record({ kind: fc.constant("cpu" as const), amount }),
  fc.record({
    kind: fc.constant("cpu" as const),
    amount,
    rampTo: amount,
    rampOver: fc.integer({ min: 1, max: 40 }),
  }),
  fc.record({
    kind: fc.constant("cpuPerPod" as const),
    amount,
    startupFor: fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }),
  }),
  fc.record({
    kind: fc.constant("memoryPerPod" as const),
    bytes: fc.integer({ min: 1, max: 5000 }),
    duration: fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }),
  }),
);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ wait: fc.integer({ min: 0, max: 20 }) }) },
  { weight: 2, arbitrary: fc.record({ load: fc.constantFrom("web" as const, "api" as const), spec }) },
  fc.record({ request: fc.constantFrom("100m", "250m", "1") }),
  fc.record({ baseline: fc.integer({ min: 0, max: 50 }) }),
  fc.record({ retain: fc.boolean() }),
  fc.record({ pods: fc.integer({ min: 0, max: 6 }) }),
);

/** The model's kept summaries and last record, forgotten: its next summaries are computed anew. */
function forgetKept(model: WorkloadModel): void {
  const m = model as unknown as { summaryKept: Map<string, unknown>; lastSummaries: unknown };
  m.summaryKept.clear();
  m.lastSummaries = undefined;
}

describe("WorkloadModel.summaries' last record", () => {
  it("is given again only where computing every summary anew gives the same values", () => {
    let given = 0;
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 30 }), (ops) => {
        const store = new MemStore([]);
        let request = "100m";
        const put = () => {
          store.put(deployment("web", 0, request));
          // A second workload whose pods no selector of the first picks.
          const api = deployment("api", 0, "200m");
          api.spec.selector = { matchLabels: { app: "api" } };
          store.put(api);
        };
        put();
        const kept = new WorkloadModel();
        const fresh = new WorkloadModel();
        let settings: Settings = defaultSettings();
        let t = 0;
        let pods = 0;
        const setPods = (n: number) => {
          for (let i = 0; i < Math.max(n, pods); i++)
            if (i < n) store.put(pod(`web-${i}`, { ready: true, start: t, cpuRequest: request }));
            else store.remove("Pod", `web-${i}`);
          pods = n;
        };
        setPods(2);
        let last: unknown;
        for (const op of ops) {
          if ("wait" in op) t += op.wait;
          else if ("load" in op) {
            kept.setLoad(store, settings, t, op.load, op.spec);
            fresh.setLoad(store, settings, t, op.load, op.spec);
          } else if ("request" in op) {
            request = op.request;
            put();
          } else if ("baseline" in op) settings = { ...settings, "pod.cpu-baseline": op.baseline };
          else if ("retain" in op) settings = { ...settings, "memory.retain": op.retain };
          else {
            setPods(op.pods);
            kept.observe(store, settings, t);
            fresh.observe(store, settings, t);
          }
          kept.advance(t);
          fresh.advance(t);
          forgetKept(fresh);
          const a = kept.summaries(store, settings, t);
          if (a === last) given++;
          last = a;
          expect(JSON.stringify(a)).toBe(JSON.stringify(fresh.summaries(store, settings, t)));
        }
      }),
      {
        numRuns: 300,
        // A working set that fell below its peak, then retain turned on: the peak is read.
        examples: [
          [
            [
              { load: "web", spec: { kind: "memoryPerPod", bytes: 5000 } },
              { wait: 5 },
              { load: "web", spec: { kind: "memoryPerPod", bytes: 100 } },
              { wait: 5 },
              { retain: true },
              { wait: 5 },
              { retain: false },
            ],
          ],
        ],
      },
    );
    // The shortcut was taken, not only the walk.
    expect(given).toBeGreaterThan(300);
  });
});
