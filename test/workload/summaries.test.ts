// A summary adds the pods' values once per stretch of the pods map's order in one group, each
// stretch's value added once per pod: the bits a sum pod by pod gives, in the same order.
import { describe, expect, it } from "vitest";
import { WorkloadModel, addTimes } from "../../src/engine/workload/loadModel.ts";
import { defaultSettings } from "../../src/engine/settings.ts";
import { MemStore, deployment, pod } from "../controllers/hpa/objects.ts";

const settings = defaultSettings();

const onePerPod = (sum: number, value: number, times: number): number => {
  for (let i = 0; i < times; i++) sum += value;
  return sum;
};

describe("addTimes", () => {
  it("gives the bits of one addition per pod, including where a product would not", () => {
    const values = [
      0,
      -0,
      0.1,
      1 / 3,
      600 / 7,
      1e-3,
      -0.1,
      7,
      2 ** 52 + 1,
      2 ** 53 - 10,
      1e300,
      Infinity,
      NaN,
    ];
    const sums = [0, -0, 0.7, 3, 1e16, -5, 2 ** 53 - 1];
    let productDiffers = 0;
    for (const value of values)
      for (const sum of sums)
        for (let times = 0; times <= 40; times++) {
          const want = onePerPod(sum, value, times);
          expect([value, sum, times, addTimes(sum, value, times)]).toEqual([value, sum, times, want]);
          if (!Object.is(sum + value * times, want)) productDiffers++;
        }
    // The shortcut must not be taken where it would round otherwise (0.1 × 10 is 1, ten
    // additions 0.9999999999999999).
    expect(productDiffers).toBeGreaterThan(0);
  });
});

describe("WorkloadModel.summaries", () => {
  it("sums a group's pods one addition per pod: served CPU as the pod-by-pod sum", () => {
    // Seven Ready pods started together: one group, one stretch. A demand whose share, added
    // seven times, is not seven times the share.
    let milli = 100;
    while (onePerPod(0, milli / 7, 7) === (milli / 7) * 7) milli++;
    const names = ["a", "b", "c", "d", "e", "f", "g"];
    const store = new MemStore([deployment("web", 7, "100m"), ...names.map((n) => pod(n))]);
    const model = new WorkloadModel();
    const reference = new WorkloadModel(true);
    for (const m of [model, reference])
      m.setLoad(store, settings, 0, "web", { kind: "cpu", amount: { milli } });
    let byPod = 0;
    for (const n of names) byPod += model.cpuAt(n, 0)!;
    const served = model.summaries(store, settings, 0).web.servedMilli;
    expect(served).toBe(byPod);
    expect(served).not.toBe((milli / 7) * 7);
    expect(served).toBe(reference.summaries(store, settings, 0).web.servedMilli);
  });
});
