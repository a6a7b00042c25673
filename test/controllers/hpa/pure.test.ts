// Table tests of the HPA's pure helpers: quantities, selectors, conditions, metric names and the
// worked examples of the normalization doc comments (horizontal.go, replica_calculator.go).
import { describe, expect, it } from "vitest";
import { formatMilli, parseMilli } from "../../../src/engine/controllers/hpa/quantity.ts";
import { selectorString } from "../../../src/engine/controllers/hpa/selector.ts";
import { labelsMatch } from "../../../src/k8s/labels.ts";
import { setCondition } from "../../../src/engine/controllers/hpa/conditions.ts";
import { goLabelSelector, metricDisplayName } from "../../../src/engine/controllers/hpa/metricNames.ts";
import {
  calculateScaleUpLimit,
  convertDesiredReplicasWithBehaviorRate,
  convertDesiredReplicasWithRules,
  stabilizeRecommendation,
  stabilizeRecommendationWithBehaviors,
} from "../../../src/engine/controllers/hpa/normalize.ts";
import { isWithin } from "../../../src/engine/controllers/hpa/replicaCalc.ts";
import {
  generateScaleDownRules,
  generateScaleUpRules,
  defaultHPABehavior,
} from "../../../src/k8s/hpaBehaviorDefaults.ts";
import { storeScaleEvent } from "../../../src/engine/controllers/hpa/scaleEvents.ts";
import { Quantity } from "../../../src/k8s/quantity.ts";

describe("parseMilli (Quantity.MilliValue)", () => {
  it.each([
    ["50m", 50],
    ["0.5", 500],
    ["1", 1000],
    ["0.1", 100],
    ["1.5k", 1500000],
    ["1Gi", 1073741824000],
    ["50Mi", 52428800000],
    ["1e3", 1000000],
    ["0.0005", 1],
    ["bogus", undefined],
  ])("%s → %s", (q, milli) => expect(parseMilli(q)).toBe(milli));
});

describe("formatMilli (NewMilliQuantity(...).String())", () => {
  it.each([
    [500, "DecimalSI", "500m"],
    [20000, "DecimalSI", "20"],
    [6667, "DecimalSI", "6667m"],
    [1500000, "DecimalSI", "1500"],
    [2000000, "DecimalSI", "2k"],
    [0, "DecimalSI", "0"],
    [52428800000, "BinarySI", "50Mi"],
    [1000000, "BinarySI", "1k"],
  ] as const)("%d %s → %s", (milli, format, s) => expect(formatMilli(milli, format)).toBe(s));

  // DecimalSI takes a path in plain numbers; src/k8s/quantity.ts's BigInt canonicalization
  // (CanonicalizeBytes) is the reference it must print exactly as.
  it("prints DecimalSI as Quantity's canonical form does, for every sign, size and run of zeros", () => {
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    const values = [1, 9, 10, 99, 100, 999, 1000, 1001, 10000, 999999, 1e6, 1e9, 1e12, 1e15, 9e15];
    values.push(Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 1234.9, -0.5, 7.99);
    for (let i = 0; i < 2000; i++) {
      const digits = next() % 9;
      const zeros = next() % 16;
      values.push((next() % 10 ** digits) * 10 ** zeros * (next() % 2 === 0 ? 1 : -1));
    }
    for (const v of values) {
      const m = Math.trunc(v);
      const expected = Number.isSafeInteger(m)
        ? Quantity.of(BigInt(m), 3, "DecimalSI").toString()
        : undefined;
      if (expected !== undefined) expect(formatMilli(v), String(v)).toBe(expected);
    }
  });
});

describe("label selectors", () => {
  const sel = {
    matchLabels: { tier: "a", app: "web" },
    matchExpressions: [{ key: "env", operator: "In" as const, values: ["b", "a"] }],
  };
  it("prints as the scale subresource does: sorted by key", () => {
    expect(selectorString(sel)).toBe("app=web,env in (a,b),tier=a");
    expect(selectorString({ matchExpressions: [{ key: "x", operator: "DoesNotExist" }] })).toBe("!x");
    expect(selectorString({})).toBe("");
  });
  it.each([
    [{ app: "web", tier: "a", env: "a" }, true],
    [{ app: "web", tier: "a", env: "c" }, false],
    [{ app: "web", tier: "a" }, false],
  ])("matches %o → %s", (labels, ok) => expect(labelsMatch(sel, labels)).toBe(ok));
});

describe("setCondition (setConditionInList)", () => {
  it("keeps lastTransitionTime when only the reason changes, moves it when the status changes", () => {
    const a = setCondition([], "AbleToScale", "True", { reason: "R1", message: "m1" }, 10);
    const b = setCondition(a, "AbleToScale", "True", { reason: "R2", message: "m2" }, 20);
    const c = setCondition(b, "AbleToScale", "False", { reason: "R3", message: "m3" }, 30);
    expect([a[0].lastTransitionTime, b[0].lastTransitionTime, c[0].lastTransitionTime]).toEqual([10, 10, 30]);
    expect(b[0].reason).toBe("R2");
    expect(a[0].reason).toBe("R1");
  });
});

describe("metric names (computeStatusFor*Metric)", () => {
  it.each([
    [
      {
        type: "Resource",
        resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 50 } },
      },
      "cpu resource utilization (percentage of request)",
    ],
    [
      {
        type: "Resource",
        resource: { name: "memory", target: { type: "AverageValue", averageValue: "50Mi" } },
      },
      "memory resource",
    ],
    [
      {
        type: "ContainerResource",
        containerResource: {
          name: "cpu",
          container: "app",
          target: { type: "Utilization", averageUtilization: 50 },
        },
      },
      "cpu container resource utilization (percentage of request)",
    ],
    [
      {
        type: "Pods",
        pods: { metric: { name: "qps" }, target: { type: "AverageValue", averageValue: "1" } },
      },
      "pods metric qps",
    ],
    [
      {
        type: "Object",
        object: {
          describedObject: { kind: "Ingress", name: "main" },
          metric: { name: "rps" },
          target: { type: "Value", value: "10" },
        },
      },
      "Ingress metric rps",
    ],
    [
      {
        type: "External",
        external: {
          metric: { name: "queue", selector: { matchLabels: { q: "jobs" } } },
          target: { type: "Value", value: "10" },
        },
      },
      "external metric queue(&LabelSelector{MatchLabels:map[q:jobs],MatchExpressions:[]LabelSelectorRequirement{},})",
    ],
  ] as const)("%# → %s", (spec, name) => expect(metricDisplayName(spec as never)).toBe(name));
  it("prints a nil selector as Go does", () => expect(goLabelSelector(undefined)).toBe("<nil>"));
});

describe("tolerance band (Tolerances.isWithin)", () => {
  it.each([
    [0.9, true],
    [1.1, true],
    [0.89, false],
    [1.1000001, false],
  ])("ratio %d within 0.1 → %s", (r, ok) => expect(isWithin({ scaleDown: 0.1, scaleUp: 0.1 }, r)).toBe(ok));
});

describe("normalization worked examples (horizontal.go)", () => {
  it("behavior stabilization: current 4, proposal 2, down-window {5, 3} → 4, ScaleDownStabilized", () => {
    const r = stabilizeRecommendationWithBehaviors({
      now: 1000,
      currentReplicas: 4,
      desiredReplicas: 2,
      scaleUpWindowSeconds: 0,
      scaleDownWindowSeconds: 300,
      recommendations: [
        { recommendation: 5, timestamp: 900 },
        { recommendation: 3, timestamp: 800 },
      ],
    });
    expect([r.replicas, r.reason, r.downRecommendation]).toEqual([4, "ScaleDownStabilized", 5]);
    expect(r.recommendations.map((x) => x.recommendation)).toEqual([5, 3, 2]);
  });
  it("behavior rate: current 5, desired 20, max 8 with default policies → 8, TooManyReplicas", () => {
    const r = convertDesiredReplicasWithBehaviorRate({
      now: 0,
      currentReplicas: 5,
      desiredReplicas: 20,
      minReplicas: 1,
      maxReplicas: 8,
      scaleUp: generateScaleUpRules(),
      scaleDown: generateScaleDownRules(),
      scaleUpEvents: [],
      scaleDownEvents: [],
    });
    expect([r.replicas, r.reason, r.limit]).toEqual([8, "TooManyReplicas", 10]);
  });
  // float64, like Go's math.Ceil(float64(start) * (1 + value/100)): 100 × 1.1 is 110.00000000000001.
  it("Percent scale-up rounds up in float64: ceil(100 × 1.1) = 111", () => {
    const r = convertDesiredReplicasWithBehaviorRate({
      now: 0,
      currentReplicas: 100,
      desiredReplicas: 500,
      minReplicas: 1,
      maxReplicas: 1000,
      scaleUp: { selectPolicy: "Max", policies: [{ type: "Percent", value: 10, periodSeconds: 60 }] },
      scaleDown: generateScaleDownRules(),
      scaleUpEvents: [],
      scaleDownEvents: [],
    });
    expect([r.replicas, r.reason]).toEqual([111, "ScaleUpLimit"]);
  });
  it("legacy stabilization: window 300 s, {5 @ −100 s, 7 @ −400 s}, proposal 3 → 5, stale entry replaced", () => {
    const r = stabilizeRecommendation({
      now: 1000,
      windowSeconds: 300,
      desiredReplicas: 3,
      recommendations: [
        { recommendation: 5, timestamp: 900 },
        { recommendation: 7, timestamp: 600 },
      ],
    });
    expect(r.replicas).toBe(5);
    expect(r.recommendations.map((x) => x.recommendation)).toEqual([5, 3]);
  });
  it("legacy stabilization's window: the in-window recommendations with their ages, one object per sequence", () => {
    // horizontal.go stabilizeRecommendation reads every stored recommendation not older than
    // the window; the decision records them (recommendation, age) in the list's order. A window
    // met again (a steady HPA's comes round every 21 syncs) is the object recorded before.
    let recommendations = [{ recommendation: 4, timestamp: 0 }];
    const seen = new Map<string, unknown>();
    let again = 0;
    // Syncs 15 s apart, with a late and an early one now and then (a sync's time moves with
    // the work queue): windows of the same recommendations at other ages.
    const steps = [15, 15, 15, 22, 8, 15, 15];
    for (let k = 0, t = 15; t <= 4000; t += steps[k++ % steps.length]) {
      const desired = t < 2000 ? 4 + (k % 3 === 0 ? 1 : 0) : 6;
      const r = stabilizeRecommendation({
        now: t,
        windowSeconds: 300,
        desiredReplicas: desired,
        recommendations,
      });
      const want = recommendations
        .filter((x) => x.timestamp >= t - 300)
        .map((x) => ({ recommendation: x.recommendation, age: t - x.timestamp }));
      expect(r.window).toEqual(want);
      const key = JSON.stringify(want);
      if (seen.has(key)) {
        expect(r.window).toBe(seen.get(key));
        again++;
      } else seen.set(key, r.window);
      recommendations = r.recommendations;
    }
    expect(again).toBeGreaterThan(100);
  });
  it.each([
    [3, 10, 1, 20, 2, [6, "ScaleUpLimit"]],
    [1, 10, 1, 20, 2, [4, "ScaleUpLimit"]],
    [3, 10, 1, 5, 2, [5, "TooManyReplicas"]],
    [3, 0, 2, 5, 2, [2, "TooFewReplicas"]],
    [3, 4, 1, 5, 2, [4, "DesiredWithinRange"]],
  ] as const)(
    "legacy rules: current %d desired %d min %d max %d factor %d → %o",
    (cur, want, min, max, f, out) => {
      const r = convertDesiredReplicasWithRules(cur, want, min, max, f, 4);
      expect([r.replicas, r.reason]).toEqual(out);
    },
  );
  it("legacy cap is trunc(max(factor × current, minimum))", () => {
    expect([
      calculateScaleUpLimit(3, 2, 4),
      calculateScaleUpLimit(1, 2, 4),
      calculateScaleUpLimit(3, 1.5, 4),
    ]).toEqual([6, 4, 4]);
  });
});

describe("behavior defaulting (pkg/apis/autoscaling/v2/defaults.go)", () => {
  it("leaves a nil behavior nil (the legacy path)", () =>
    expect(defaultHPABehavior(undefined)).toBeUndefined());
  it("fills a missing direction entirely and keeps a given tolerance", () => {
    expect(defaultHPABehavior({ scaleUp: { tolerance: "0.05" } })).toEqual({
      scaleUp: {
        stabilizationWindowSeconds: 0,
        selectPolicy: "Max",
        policies: [
          { type: "Pods", value: 4, periodSeconds: 15 },
          { type: "Percent", value: 100, periodSeconds: 15 },
        ],
        tolerance: "0.05",
      },
      scaleDown: { selectPolicy: "Max", policies: [{ type: "Percent", value: 100, periodSeconds: 15 }] },
    });
  });
});

describe("storeScaleEvent", () => {
  it("stores nothing without behavior, and separates up and down events", () => {
    expect(storeScaleEvent(undefined, { up: [], down: [] }, 3, 5, 0)).toEqual({ up: [], down: [] });
    const b = defaultHPABehavior({})!;
    const up = storeScaleEvent(b, { up: [], down: [] }, 3, 5, 0);
    const down = storeScaleEvent(b, up, 5, 2, 10);
    expect(down).toEqual({
      up: [{ replicaChange: 2, timestamp: 0, outdated: false }],
      down: [{ replicaChange: 3, timestamp: 10, outdated: false }],
    });
  });
});
