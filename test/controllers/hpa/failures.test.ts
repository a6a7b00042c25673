// The HPA sync's failure branches (horizontal.go reconcileAutoscaler, validateAndParseSelector,
// computeReplicasForMetrics) reached through the ScaleClient and the metrics clients, one sync
// at a time over a store. The texts are upstream's; the refusal used is the Conflict an API
// server returns for a stale write.
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
import { ApiFaults } from "../../../src/engine/faults/api.ts";
import { parseLabelSelector, type SelectorRequirement } from "../../../src/k8s/labelSelectorParse.ts";
import { defaultSettings } from "../../../src/engine/settings.ts";
import { MemStore, cpuUtilization, deployment, hpa, hpaCtxAt, pod, cpuClient } from "./objects.ts";

const config = hpaConfigFromSettings(defaultSettings());
const OLD = { start: -1000, readySince: -1000, cpuRequest: "100m" };
const CONFLICT =
  'Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again';

const client = (cpuByPod: Record<string, number>, containers = ["nginx"]) =>
  cpuClient(cpuByPod, { containers });

function sync(
  store: MemStore,
  metrics: MetricsClient,
  opts: {
    faults?: ApiFaults;
    hpaSelectors?: Map<string, readonly SelectorRequirement[]>;
    state?: HPAState;
  } = {},
) {
  const ctx = hpaCtxAt(store, 100, opts);
  const r = reconcileHPA(ctx, "web", opts.state ?? newHPAState(), metrics, config);
  return { ...r, scaled: ctx.scaled };
}

const statusOf = (writes: Write[]) =>
  (writes.find((w) => w.op === "updateStatus")?.object as HorizontalPodAutoscaler | undefined)?.status;
const conditions = (writes: Write[]) =>
  statusOf(writes)!.conditions!.map((c) => [c.type, c.status, c.reason, c.message]);

const refuse = (verb: "get" | "update") => {
  const f = new ApiFaults();
  f.add({ verb, resource: "scale", from: 0, until: 1000, error: { reason: "Conflict", message: CONFLICT } });
  return f;
};

describe("the scale subresource failing", () => {
  // TestConditionFailedUpdateScale: the UPDATE fails after a scale-up was decided.
  it("FailedUpdateScale: a FailedRescale event, AbleToScale False, desiredReplicas kept, no scale event", () => {
    const store = new MemStore([
      deployment("web", 1),
      pod("a", OLD),
      hpa("web", "web", { max: 10, metrics: [cpuUtilization(70)], behavior: {} }),
    ]);
    const before = structuredClone(store.get("HorizontalPodAutoscaler", "default", "web")!.status);
    const r = sync(store, client({ a: 180 }), { faults: refuse("update") });
    expect(r.scaled).toEqual([]);
    expect(store.get("Deployment", "default", "web")!.spec.replicas).toBe(1);
    expect(r.result.events.map((e) => [e.type, e.reason, e.message])).toEqual([
      [
        "Warning",
        "FailedRescale",
        `New size: 3; reason: cpu resource utilization (percentage of request) above target; error: ${CONFLICT}`,
      ],
    ]);
    expect(conditions(r.result.writes)[0]).toEqual([
      "AbleToScale",
      "False",
      "FailedUpdateScale",
      `the HPA controller was unable to update the target scale: ${CONFLICT}`,
    ]);
    const status = statusOf(r.result.writes)!;
    expect(status.desiredReplicas).toBe(before?.desiredReplicas ?? 0);
    expect(status.lastScaleTime).toBe(before?.lastScaleTime);
    expect(r.state.scaleEvents).toEqual({ up: [], down: [] });
    // The recommendation was still recorded: the next sync's stabilization sees it.
    expect(r.state.recommendations!.map((x) => x.recommendation)).toEqual([1, 3]);
  });

  it("scales at the next sync once the API takes the write again", () => {
    const store = new MemStore([
      deployment("web", 1),
      pod("a", OLD),
      hpa("web", "web", { max: 10, metrics: [cpuUtilization(70)] }),
    ]);
    const refused = sync(store, client({ a: 180 }), { faults: refuse("update") });
    for (const w of refused.result.writes) if (w.op === "updateStatus") store.put(w.object);
    const ok = sync(store, client({ a: 180 }), { state: refused.state });
    expect((ok.scaled[0] as Deployment).spec.replicas).toBe(3);
    expect(conditions(ok.result.writes)[0].slice(0, 3)).toEqual(["AbleToScale", "True", "SucceededRescale"]);
  });

  // TestConditionFailedGetScale.
  it("FailedGetScale: the API's error in the event and the condition, nothing else computed", () => {
    const store = new MemStore([deployment("web", 1), pod("a", OLD), hpa("web", "web", { max: 10 })]);
    const r = sync(store, client({ a: 180 }), { faults: refuse("get") });
    expect(r.result.events.map((e) => [e.reason, e.message])).toEqual([["FailedGetScale", CONFLICT]]);
    expect(conditions(r.result.writes)).toEqual([
      [
        "AbleToScale",
        "False",
        "FailedGetScale",
        `the HPA controller was unable to get the target's current scale: ${CONFLICT}`,
      ],
    ]);
    expect(r.state.recommendations).toBeUndefined();
  });
});

describe("fault windows of the scale subresource (faults/api.ts)", () => {
  const reading = (faults: ApiFaults, now: number) =>
    hpaCtxAt(new MemStore([deployment("web", 2)]), now, { faults }).scales.get("default", {
      apiVersion: "apps/v1",
      kind: "Deployment",
      name: "web",
    });

  // The window is from ≤ t < until, and only the verb and target it names are refused; the
  // scale client asks for the target only while some window of its verb covers the instant.
  it("refuses inside the window, for its verb and target only, and serves the scale outside it", () => {
    const f = new ApiFaults();
    f.add({
      verb: "get",
      resource: "scale",
      from: 60,
      until: 120,
      error: { reason: "Conflict", message: CONFLICT },
    });
    f.add({
      verb: "update",
      resource: "scale",
      from: 0,
      until: 1000,
      error: { reason: "Conflict", message: "not this verb" },
    });
    f.add({
      verb: "get",
      resource: "scale",
      target: { kind: "Deployment", name: "other" },
      from: 200,
      until: 300,
      error: { reason: "Conflict", message: "not this target" },
    });
    expect([59, 60, 119, 120, 250].map((t) => f.covers("get", "scale", t))).toEqual([
      false,
      true,
      true,
      false,
      true,
    ]);
    expect(reading(f, 59)).toMatchObject({ specReplicas: 2 });
    expect(reading(f, 60)).toEqual({ reason: "Conflict", message: CONFLICT });
    expect(reading(f, 119)).toEqual({ reason: "Conflict", message: CONFLICT });
    expect(reading(f, 120)).toMatchObject({ specReplicas: 2 });
    // A window for another target covers the instant, and this target is still served.
    expect(reading(f, 250)).toMatchObject({ specReplicas: 2 });
  });

  it("gives an error function the request's target, namespace included", () => {
    const f = new ApiFaults();
    const seen: unknown[] = [];
    f.add({
      verb: "get",
      resource: "scale",
      from: 0,
      until: 10,
      error: (target) => {
        seen.push(target);
        return { reason: "NotFound", message: `${target.kind} ${target.name}` };
      },
    });
    expect(reading(f, 5)).toEqual({ reason: "NotFound", message: "Deployment web" });
    expect(seen).toEqual([{ apiVersion: "apps/v1", kind: "Deployment", name: "web", namespace: "default" }]);
  });
});

describe("the scale's selector (validateAndParseSelector)", () => {
  // TestConditionInvalidSelectorMissing: a scale subresource without a selector.
  it("a scale without a selector: SelectorRequired, ScalingActive False InvalidSelector", () => {
    const d = deployment("web", 1);
    d.spec.selector = {};
    const store = new MemStore([d, pod("a", OLD), hpa("web", "web", { max: 10 })]);
    const r = sync(store, client({ a: 180 }));
    expect(r.result.events.map((e) => [e.type, e.reason, e.message])).toEqual([
      ["Warning", "SelectorRequired", "selector is required"],
      ["Warning", "FailedComputeMetricsReplicas", "selector is required"],
    ]);
    expect(conditions(r.result.writes)[1]).toEqual([
      "ScalingActive",
      "False",
      "InvalidSelector",
      "the HPA target's scale is missing a selector",
    ]);
    expect(r.selector).toBeUndefined();
  });

  // TestConditionAmbiguousSelectorWhenFullSelectorOverlapBetweenHPAs.
  it("another HPA whose remembered selector selects the same pods: AmbiguousSelector", () => {
    const store = new MemStore([deployment("web", 1), pod("a", OLD), hpa("web", "web", { max: 10 })]);
    const other = (parseLabelSelector("app=web") as { requirements: SelectorRequirement[] }).requirements;
    const r = sync(store, client({ a: 180 }), { hpaSelectors: new Map([["web-2", other]]) });
    const msg = "pods by selector app=web are controlled by multiple HPAs: [default/web default/web-2]";
    expect(r.result.events[0]).toMatchObject({ type: "Warning", reason: "AmbiguousSelector", message: msg });
    expect(conditions(r.result.writes)[1]).toEqual(["ScalingActive", "False", "AmbiguousSelector", msg]);
    expect(r.scaled).toEqual([]);
  });

  it("an HPA with a selector over other pods is no conflict, and the sync returns its own selector", () => {
    const store = new MemStore([deployment("web", 1), pod("a", OLD), hpa("web", "web", { max: 10 })]);
    const other = (parseLabelSelector("app=api") as { requirements: SelectorRequirement[] }).requirements;
    const r = sync(store, client({ a: 180 }), { hpaSelectors: new Map([["api", other]]) });
    expect((r.scaled[0] as Deployment).spec.replicas).toBe(4);
    expect(r.selector).toEqual([{ key: "app", operator: "=", values: ["web"] }]);
  });
});

describe("metrics the resource metrics API does not give", () => {
  // metrics/client.go: no PodMetrics at all vs. samples only for pods the calculator sets aside.
  it.each([
    [
      "no PodMetrics at all",
      pod("a", OLD),
      {},
      "failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API",
    ],
    [
      "samples only for a pod that never became ready",
      pod("a", { ...OLD, ready: false, start: -20, readySince: -20 }),
      { a: 50 },
      "failed to get cpu utilization: did not receive metrics for targeted pods (pods might be unready)",
    ],
  ])("%s: FailedGetResourceMetric with upstream's text", (_n, p, samples, detail) => {
    const store = new MemStore([deployment("web", 1), p, hpa("web", "web", { max: 10 })]);
    const r = sync(store, client(samples));
    expect(r.result.events[0]).toMatchObject({ reason: "FailedGetResourceMetric", message: detail });
    expect(conditions(r.result.writes)[1]).toEqual([
      "ScalingActive",
      "False",
      "FailedGetResourceMetric",
      `the HPA was unable to compute the replica count: ${detail}`,
    ]);
  });

  // getContainerMetrics: a PodMetrics without the named container is an error, not a missing pod.
  it("a ContainerResource metric for a container the samples lack", () => {
    const store = new MemStore([
      deployment("web", 1),
      pod("a", OLD),
      hpa("web", "web", {
        max: 10,
        metrics: [
          {
            type: "ContainerResource",
            containerResource: {
              name: "cpu",
              container: "app",
              target: { type: "Utilization", averageUtilization: 50 },
            },
          },
        ],
      }),
    ]);
    const r = sync(store, client({ a: 180 }));
    expect(r.result.events[0]).toMatchObject({
      reason: "FailedGetContainerResourceMetric",
      message:
        "failed to get cpu utilization: unable to get metrics for resource cpu: failed to get container metrics: container app not present in metrics for pod default/a",
    });
  });
});

describe("scale events without behavior (horizontal.go storeScaleEvent)", () => {
  // storeScaleEvent returns at once for a nil behavior: the legacy path never reads the events.
  it("a rescale of an HPA without behavior stores no scale event; with behavior it does", () => {
    for (const [behavior, stored] of [
      [undefined, 0],
      [{}, 1],
    ] as const) {
      const store = new MemStore([
        deployment("web", 1),
        pod("a", OLD),
        hpa("web", "web", { max: 10, metrics: [cpuUtilization(70)], ...(behavior ? { behavior } : {}) }),
      ]);
      const r = sync(store, client({ a: 180 }));
      expect(r.scaled).toHaveLength(1);
      expect(r.state.scaleEvents.up).toHaveLength(stored);
    }
  });
});
