// One HPA sync at a time (horizontal.go reconcileAutoscaler): writes, events, conditions, status
// and the decision the explainer reads.
import { describe, expect, it } from "vitest";
import type { Deployment, HorizontalPodAutoscaler } from "../../../src/k8s/types.ts";
import type { MetricsClient } from "../../../src/engine/metrics/types.ts";
import type { Write } from "../../../src/engine/controller.ts";
import {
  hpaConfigFromSettings,
  newHPAState,
  reconcileHPA,
  type HPAState,
} from "../../../src/engine/controllers/hpa/controller.ts";
import { defaultSettings } from "../../../src/engine/settings.ts";
import { MemStore, cpuUtilization, deployment, hpa, hpaCtxAt, pod, cpuClient } from "./objects.ts";

const config = hpaConfigFromSettings(defaultSettings());

const client = (cpuByPod: Record<string, number>, at = 0) => cpuClient(cpuByPod, { at: () => at });

/** One sync; `scaled` is the replica count the scale subresource was set to (undefined when not written). */
function sync(store: MemStore, now: number, metrics: MetricsClient, state: HPAState = newHPAState()) {
  const ctx = hpaCtxAt(store, now);
  const r = reconcileHPA(ctx, "web", state, metrics, config);
  const last = ctx.scaled.at(-1) as Deployment | undefined;
  return { ...r, scaled: last?.spec.replicas, scaledObject: last };
}

/** The HPA status the sync wrote (fails the test when it wrote none). */
function statusOf(r: { writes: Write[] }) {
  const w = r.writes.find((x) => x.op === "updateStatus");
  if (!w || w.op !== "updateStatus") throw new Error("no status write");
  return (w.object as HorizontalPodAutoscaler).status;
}

/** Apply the sync's status write to the store, as the API server would. */
function apply(store: MemStore, writes: { op: string; object?: unknown }[]) {
  for (const w of writes) if (w.object) store.put(w.object as HorizontalPodAutoscaler);
}

/** A pod long past its CPU initialization period, ready since then, requesting 100m. */
const OLD = { start: -1000, readySince: -1000, cpuRequest: "100m" };

describe("reconcileHPA", () => {
  it("scales up through the scale subresource, changing only spec.replicas, with upstream's event text", () => {
    const store = new MemStore([
      deployment("web", 1),
      pod("a", OLD),
      hpa("web", "web", { max: 10, metrics: [cpuUtilization(70)] }),
    ]);
    const expected = structuredClone(store.get("Deployment", "default", "web")!);
    expected.spec.replicas = 3;
    const { result, scaledObject } = sync(store, 100, client({ a: 180 }));
    expect(scaledObject).toEqual(expected);
    expect(result.events).toEqual([
      expect.objectContaining({
        type: "Normal",
        reason: "SuccessfulRescale",
        message: "New size: 3; reason: cpu resource utilization (percentage of request) above target",
        source: "horizontal-pod-autoscaler",
      }),
    ]);
    const status = (result.writes.find((w) => w.op === "updateStatus")!.object as HorizontalPodAutoscaler)
      .status;
    expect(status).toMatchObject({ currentReplicas: 1, desiredReplicas: 3, lastScaleTime: 100 });
    expect(status.currentMetrics).toEqual([
      {
        type: "Resource",
        resource: { name: "cpu", current: { averageUtilization: 180, averageValue: "180m" } },
      },
    ]);
    expect(status.conditions!.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      [
        "AbleToScale",
        "True",
        "SucceededRescale",
        "the HPA controller was able to update the target scale to 3",
      ],
      [
        "ScalingActive",
        "True",
        "ValidMetricFound",
        "the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)",
      ],
      ["ScalingLimited", "False", "DesiredWithinRange", "the desired count is within the acceptable range"],
    ]);
  });

  it("records the whole calculation in the decision", () => {
    const store = new MemStore([
      deployment("web", 2),
      pod("a", OLD),
      pod("b", { ...OLD, ready: false, readySince: -1000 }),
      hpa("web", "web", { max: 10 }),
    ]);
    // a at 200 % of a 50 % target; b never became ready, so the scale-up counts it at 0.
    const { result } = sync(store, 100, client({ a: 200, b: 100 }));
    const d = result.decisions[0];
    expect(d).toMatchObject({ controller: "hpa", object: "HorizontalPodAutoscaler/web", action: "scale" });
    const m = (d.inputs.metrics as Record<string, unknown>[])[0];
    expect(m).toMatchObject({ proposal: 4, ratio: 4, withinTolerance: false });
    expect(m.calculation).toMatchObject({ path: "slow", newRatio: 2, filled: { b: 0 }, entries: 2 });
    expect((m.calculation as { groups: Record<string, { group: string }> }).groups.b.group).toBe("unready");
    expect(d.inputs).toMatchObject({
      prenormalizedDesiredReplicas: 4,
      desiredReplicas: 4,
      normalization: { path: "legacy" },
    });
  });

  it("FailedGetScale when the target does not exist, worded as the API server words it", () => {
    const store = new MemStore([hpa("web", "web", { max: 10 })]);
    const { result } = sync(store, 0, client({}));
    expect(result.events.map((e) => [e.type, e.reason, e.message])).toEqual([
      ["Warning", "FailedGetScale", 'deployments/scale.apps "web" not found'],
    ]);
    const status = statusOf(result);
    expect(status.conditions).toEqual([
      {
        type: "AbleToScale",
        status: "False",
        reason: "FailedGetScale",
        message: `the HPA controller was unable to get the target's current scale: deployments/scale.apps "web" not found`,
        lastTransitionTime: 0,
      },
    ]);
  });

  it.each([
    [
      "a container without a cpu request",
      pod("a", { start: -1000 }),
      { a: 50 },
      "failed to get cpu utilization: missing request for cpu in container nginx of Pod a",
    ],
    [
      "no samples yet",
      pod("a", OLD),
      {},
      "failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API",
    ],
  ])("reports %s with upstream's nested error texts", (_name, p, samples, detail) => {
    const store = new MemStore([deployment("web", 1), p, hpa("web", "web", { max: 10 })]);
    const { result, scaled } = sync(store, 0, client(samples));
    expect(result.events.map((e) => [e.reason, e.message])).toEqual([
      ["FailedGetResourceMetric", detail],
      [
        "FailedComputeMetricsReplicas",
        `invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: ${detail}`,
      ],
    ]);
    const status = (result.writes.find((w) => w.op === "updateStatus")!.object as HorizontalPodAutoscaler)
      .status;
    expect(status.conditions!.find((c) => c.type === "ScalingActive")).toMatchObject({
      status: "False",
      reason: "FailedGetResourceMetric",
      message: `the HPA was unable to compute the replica count: ${detail}`,
    });
    expect(scaled).toBeUndefined();
  });

  // The Pods wording is what a real cluster prints under `kubectl describe hpa` for a metric the
  // adapter does not serve (FailedGetPodsMetric, then FailedComputeMetricsReplicas).
  it.each([
    [
      {
        type: "Pods",
        pods: { metric: { name: "qps" }, target: { type: "AverageValue", averageValue: "10" } },
      },
      "FailedGetPodsMetric",
      "unable to get metric qps: no metrics returned from custom metrics API",
      "failed to get pods metric value: unable to get metric qps: no metrics returned from custom metrics API",
    ],
    [
      {
        type: "External",
        external: { metric: { name: "queue" }, target: { type: "AverageValue", averageValue: "30" } },
      },
      "FailedGetExternalMetric",
      "unable to get external metric default/queue/<nil>: no metrics returned from external metrics API",
      "failed to get queue external metric value: failed to get queue external metric: unable to get external metric default/queue/<nil>: no metrics returned from external metrics API",
    ],
    [
      {
        type: "Object",
        object: {
          describedObject: { apiVersion: "networking.k8s.io/v1", kind: "Ingress", name: "main" },
          metric: { name: "rps" },
          target: { type: "Value", value: "100" },
        },
      },
      "FailedGetObjectMetric",
      "unable to get metric rps: Ingress on default main/unable to fetch metrics from custom metrics API: the server could not find the metric rps for ingresses.networking.k8s.io main",
      "failed to get object metric value: unable to get metric rps: Ingress on default main/unable to fetch metrics from custom metrics API: the server could not find the metric rps for ingresses.networking.k8s.io main",
    ],
  ] as const)("words an unserved %#th custom metric as upstream", (metric, reason, detail, error) => {
    const store = new MemStore([
      deployment("web", 1),
      pod("a", OLD),
      hpa("web", "web", { max: 10, metrics: [metric as never] }),
    ]);
    const { result } = sync(store, 0, client({}));
    expect(result.events.map((e) => [e.reason, e.message])).toEqual([
      [reason, detail],
      ["FailedComputeMetricsReplicas", `invalid metrics (1 invalid out of 1), first error is: ${error}`],
    ]);
  });

  it("holds the first scale-down for the downscale window (the initial recommendation)", () => {
    const store = new MemStore([
      deployment("web", 4),
      ...["a", "b", "c", "d"].map((n) => pod(n, OLD)),
      hpa("web", "web", { max: 10 }),
    ]);
    const low = client({ a: 10, b: 10, c: 10, d: 10 });
    const first = sync(store, 0, low);
    expect(first.scaled).toBeUndefined();
    expect(first.result.decisions[0].summary).toBe("keep Deployment/web at 4 (ScaleDownStabilized)");
    expect(statusOf(first.result).conditions![0].reason).toBe("ScaleDownStabilized");
    let state = first.state;
    apply(store, first.result.writes);
    for (let t = 15; t <= 300; t += 15) {
      const r = sync(store, t, low, state);
      expect(r.scaled).toBeUndefined();
      state = r.state;
      apply(store, r.result.writes);
    }
    const later = sync(store, 315, low, state);
    expect(later.scaled).toBe(1);
    expect(later.result.events[0].message).toBe("New size: 1; reason: All metrics below target");
  });

  it("writes no status when nothing changed, and keeps lastTransitionTime across reason changes", () => {
    const store = new MemStore([deployment("web", 1), pod("a", OLD), hpa("web", "web", { max: 10 })]);
    const steady = client({ a: 50 });
    const first = sync(store, 0, steady);
    apply(store, first.result.writes);
    const second = sync(store, 15, steady, first.state);
    expect(second.result.writes).toEqual([]);
    expect(second.result.decisions[0].summary).toBe("keep Deployment/web at 1 (within tolerance)");
    const third = sync(store, 30, client({ a: 500 }), second.state);
    const conds = (
      third.result.writes.find((w) => w.op === "updateStatus")!.object as HorizontalPodAutoscaler
    ).status.conditions!;
    expect(conds.find((c) => c.type === "AbleToScale")).toMatchObject({
      reason: "SucceededRescale",
      lastTransitionTime: 0,
    });
  });

  it("disables scaling while the target is at zero replicas", () => {
    const store = new MemStore([deployment("web", 0), hpa("web", "web", { max: 10 })]);
    const { result, scaled } = sync(store, 0, client({}));
    const status = statusOf(result);
    expect(status.conditions!.find((c) => c.type === "ScalingActive")).toMatchObject({
      status: "False",
      reason: "ScalingDisabled",
      message: "scaling is disabled since the replica count of the target is zero",
    });
    expect(scaled).toBeUndefined();
  });

  it("applies the default behavior's scale-up policies and remembers the scale event", () => {
    const store = new MemStore([
      deployment("web", 1),
      pod("a", OLD),
      hpa("web", "web", { max: 20, behavior: {} }),
    ]);
    const first = sync(store, 0, client({ a: 1000 }));
    expect(first.scaled).toBe(5);
    const status = (
      first.result.writes.find((w) => w.op === "updateStatus")!.object as HorizontalPodAutoscaler
    ).status;
    expect(status.conditions!.find((c) => c.type === "ScalingLimited")).toMatchObject({
      status: "True",
      reason: "ScaleUpLimit",
    });
    expect(first.state.scaleEvents.up).toEqual([{ replicaChange: 4, timestamp: 0, outdated: false }]);
  });

  // computeStatusForResourceMetricGeneric (horizontal.go) builds every resource average with
  // resource.NewMilliQuantity(raw, resource.DecimalSI), memory included: 40Mi reads 41943040.
  it("reports memory utilization with a decimal-SI average, as horizontal.go builds it", () => {
    const p = pod("a", { ...OLD, memoryRequest: "50Mi" });
    const store = new MemStore([
      deployment("web", 1),
      p,
      hpa("web", "web", {
        max: 10,
        metrics: [
          {
            type: "Resource",
            resource: { name: "memory", target: { type: "Utilization", averageUtilization: 60 } },
          },
        ],
      }),
    ]);
    const mem: MetricsClient = {
      ...client({}),
      resourceSamples: () => [
        {
          pod: "a",
          timestamp: 0,
          window: 15,
          containers: { nginx: { cpu: 0, memory: 40 * 1048576 * 1000 } },
        },
      ],
    };
    const { result } = sync(store, 0, mem);
    expect(statusOf(result).currentMetrics).toEqual([
      {
        type: "Resource",
        resource: { name: "memory", current: { averageUtilization: 80, averageValue: "41943040" } },
      },
    ]);
    expect(result.events[0].message).toBe(
      "New size: 2; reason: memory resource utilization (percentage of request) above target",
    );
  });

  it.each([
    [undefined, 1.09, false],
    ["0.05", 1.09, true],
  ])("behavior.scaleUp.tolerance %s: a ratio of %d scales up → %s", (tolerance, ratio, scales) => {
    const store = new MemStore([
      deployment("web", 10),
      ...Array.from({ length: 10 }, (_, i) => pod(`p${i}`, OLD)),
      hpa("web", "web", {
        max: 20,
        metrics: [cpuUtilization(100)],
        behavior: tolerance ? { scaleUp: { tolerance } } : {},
      }),
    ]);
    const usage = Object.fromEntries(
      Array.from({ length: 10 }, (_, i) => [`p${i}`, Math.round(ratio * 100)]),
    );
    expect(sync(store, 0, client(usage)).scaled !== undefined).toBe(scales);
  });

  it("clamps to maxReplicas without reading metrics", () => {
    const store = new MemStore([deployment("web", 12), hpa("web", "web", { max: 10 })]);
    const { result } = sync(store, 0, client({}));
    expect(result.events[0].message).toBe(
      "New size: 10; reason: Current number of replicas above Spec.MaxReplicas",
    );
  });
});
