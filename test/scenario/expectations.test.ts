import { describe, expect, it } from "vitest";
import type { CompareOp, ExpectValue, Quantity, Timing } from "../../src/dsl/ast.ts";
import type { Trace } from "../../src/engine/trace.ts";
import {
  checkExpectation,
  integrate,
  maxInWindow,
  type PlannedExpectation,
} from "../../src/scenario/expectations.ts";
import type { ResolvedTarget } from "../../src/scenario/target.ts";
import { deployment, event, hpa, replicasTrace, span } from "./helpers.ts";

const web: ResolvedTarget = { kind: "Deployment", name: "web" };
const num = (value: number, unit?: "%" | "s"): ExpectValue => ({ kind: "number", value, unit, span: span() });

function exp(
  quantity: Quantity,
  value: ExpectValue | undefined,
  timing: Timing,
  t = 0,
  op: CompareOp = "==",
  target: ResolvedTarget | null = web,
): PlannedExpectation {
  return {
    line: 7,
    span: span(7),
    text: "expect …",
    t,
    target: target ?? undefined,
    quantity,
    op,
    value,
    timing,
  };
}

// replicas: 1 from 0s, 3 from 75s (with a transient 2 at 75s that is not "the state at 75s"), 1 from 400s.
const trace = replicasTrace(
  [
    [0, 1],
    [75, 2],
    [75, 3],
    [400, 1],
  ],
  600,
);

describe("timings over a step function, checked at every change point", () => {
  const R: Quantity = { kind: "replicas" };
  const cases: { name: string; e: PlannedExpectation; passed: boolean; message?: string }[] = [
    {
      name: "within: true at some instant of [t, t+D]",
      e: exp(R, num(3), { kind: "within", d: 30 }, 60),
      passed: true,
      message: "deployment/web replicas was 3 at 1m15s",
    },
    {
      name: "within: never reached in the window",
      e: exp(R, num(3), { kind: "within", d: 10 }, 60),
      passed: false,
      message: "deployment/web replicas was 1 from 0s; wanted 3 within 10s of 1m",
    },
    {
      name: "within 0s (the default): the state at t",
      e: exp(R, num(3), { kind: "within", d: 0 }, 75),
      passed: true,
    },
    {
      name: "a transient value inside an instant is not observable",
      e: exp(R, num(2), { kind: "within", d: 600 }, 0),
      passed: false,
    },
    {
      name: "at T: the state after everything due at T",
      e: exp(R, num(3), { kind: "at", t: 75 }),
      passed: true,
    },
    {
      name: "at T just before the change",
      e: exp(R, num(3), { kind: "at", t: 74.999 }),
      passed: false,
      message: "deployment/web replicas was 1 from 0s; wanted 3 at 1m14.999s",
    },
    {
      name: "for D: every instant of [t, t+D]",
      e: exp(R, num(3), { kind: "for", d: 299 }, 100),
      passed: true,
    },
    {
      name: "for D: broken by a change inside the window",
      e: exp(R, num(3), { kind: "for", d: 300 }, 200),
      passed: false,
      message: "deployment/web replicas was 3 from 1m15s, 1 from 6m40s; wanted 3 for 5m from 3m20s",
    },
    { name: "always: to the end of the run", e: exp(R, num(1), { kind: "always" }, 400, ">="), passed: true },
    {
      name: "always: fails on the first violating change",
      e: exp(R, num(2), { kind: "always" }, 0, "<="),
      passed: false,
    },
    { name: "never: false at every instant", e: exp(R, num(5), { kind: "never" }, 0, ">="), passed: true },
    {
      name: "never: true somewhere fails",
      e: exp(R, num(3), { kind: "never" }, 0),
      passed: false,
      message: "deployment/web replicas was 1 from 0s, 3 from 1m15s, 1 from 6m40s; wanted 3 never from 0s",
    },
    {
      name: "from…to: every instant of [T1, T2]",
      e: exp(R, num(3), { kind: "fromTo", from: 75, to: 399 }),
      passed: true,
    },
    {
      name: "from…to including the next change",
      e: exp(R, num(3), { kind: "fromTo", from: 75, to: 400 }),
      passed: false,
    },
    { name: "!= compares", e: exp(R, num(1), { kind: "at", t: 100 }, 0, "!="), passed: true },
    { name: "> compares", e: exp(R, num(3), { kind: "at", t: 100 }, 0, ">"), passed: false },
    {
      name: "a window past the end of the run fails",
      e: exp(R, num(1), { kind: "for", d: 600 }, 400),
      passed: false,
      message:
        "deployment/web replicas was 1 from 6m40s, but the run ended at 10m; wanted 1 for 10m from 6m40s",
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = checkExpectation(c.e, trace);
      expect(r.passed).toBe(c.passed);
      if (c.message) expect(r.message).toBe(c.message);
      expect(r.line).toBe(7);
    });
  }
});

describe("the example from the brief", () => {
  it("reports what the value was over the window, with times", () => {
    const t = replicasTrace(
      [
        [0, 1],
        [95, 3],
      ],
      180,
    );
    const r = checkExpectation(exp({ kind: "replicas" }, num(3), { kind: "within", d: 30 }, 60), t);
    expect(r).toEqual({
      line: 7,
      text: "expect …",
      passed: false,
      message: "deployment/web replicas was 1 from 0s; wanted 3 within 30s of 1m",
    });
  });
});

describe("Deployment and HPA quantities", () => {
  const t: Trace = {
    end: 300,
    series: {
      Deployment: {
        web: [
          {
            t: 0,
            value: deployment({
              images: { app: "nginx:1", sidecar: "envoy:1" },
              complete: false,
              revision: 1,
            }),
          },
          {
            t: 20,
            value: deployment({
              images: { app: "nginx:1", sidecar: "envoy:1" },
              complete: true,
              revision: 1,
            }),
          },
          {
            t: 100,
            value: deployment({
              images: { app: "nginx:2", sidecar: "envoy:1" },
              complete: false,
              revision: 2,
            }),
          },
          {
            t: 130,
            value: deployment({
              images: { app: "nginx:2", sidecar: "envoy:1" },
              complete: true,
              revision: 2,
            }),
          },
        ],
      },
      ReplicaSet: {},
      HorizontalPodAutoscaler: {
        web: [
          { t: 0, value: hpa({ metrics: [{ name: "cpu", current: null, target: 70, unit: "%" }] }) },
          {
            t: 15,
            value: hpa({
              metrics: [{ name: "cpu", current: 180, target: 70, unit: "%" }],
              conditions: [
                { type: "ScalingLimited", status: "False", reason: "DesiredWithinRange", message: "" },
              ],
            }),
          },
          {
            t: 30,
            value: hpa({
              currentReplicas: 3,
              desiredReplicas: 3,
              metrics: [{ name: "cpu", current: 60, target: 70, unit: "%" }],
              conditions: [{ type: "ScalingLimited", status: "True", reason: "TooFewReplicas", message: "" }],
            }),
          },
        ],
      },
      Pod: {},
    },
    events: [
      event(
        15,
        "SuccessfulRescale",
        "New size: 3; reason: cpu resource utilization (percentage of request) above target",
      ),
      event(200, "SuccessfulRescale", "New size: 1; reason: All metrics below target"),
    ],
    decisions: [],
    load: {},
  };
  const H: ResolvedTarget = { kind: "HorizontalPodAutoscaler", name: "web" };
  const str = (value: string): ExpectValue => ({ kind: "string", value, span: span() });
  const cases: { name: string; e: PlannedExpectation; passed: boolean; message?: string }[] = [
    {
      name: "image with a container",
      e: exp({ kind: "image", container: "app" }, str("nginx:2"), { kind: "within", d: 200 }),
      passed: true,
    },
    {
      name: "image without a container matches any container",
      e: exp({ kind: "image" }, str("envoy:1"), { kind: "at", t: 150 }),
      passed: true,
    },
    {
      name: "image wrong",
      e: exp({ kind: "image", container: "app" }, str("nginx:3"), { kind: "at", t: 150 }),
      passed: false,
      message: "deployment/web image app was nginx:2 from 1m40s; wanted nginx:3 at 2m30s",
    },
    { name: "revision", e: exp({ kind: "revision" }, num(2), { kind: "at", t: 100 }), passed: true },
    {
      name: "rollout complete within",
      e: exp({ kind: "rolloutComplete" }, undefined, { kind: "within", d: 60 }, 100),
      passed: true,
    },
    {
      name: "rollout complete at a time it is not",
      e: exp({ kind: "rolloutComplete" }, undefined, { kind: "at", t: 110 }),
      passed: false,
      message: "deployment/web rollout complete was false from 1m40s; wanted rollout complete at 1m50s",
    },
    {
      name: "hpa current",
      e: exp({ kind: "current" }, num(3), { kind: "at", t: 30 }, 0, "==", H),
      passed: true,
    },
    {
      name: "hpa desired",
      e: exp({ kind: "desired" }, num(3), { kind: "within", d: 30 }, 0, "==", H),
      passed: true,
    },
    {
      name: "utilization in percent",
      e: exp({ kind: "utilization" }, num(180, "%"), { kind: "at", t: 15 }, 0, "==", H),
      passed: true,
    },
    {
      name: "utilization unknown before metrics",
      e: exp({ kind: "utilization" }, num(0, "%"), { kind: "at", t: 0 }, 0, ">=", H),
      passed: false,
      message: "hpa/web utilization was <unknown> from 0s; wanted >= 0% at 0s",
    },
    {
      name: "metric by name",
      e: exp({ kind: "metric", name: "cpu" }, num(60), { kind: "at", t: 40 }, 0, "<", H),
      passed: false,
    },
    {
      name: "condition (default True) with reason",
      e: exp(
        { kind: "condition", type: "ScalingLimited", reason: "TooFewReplicas" },
        undefined,
        { kind: "within", d: 60 },
        0,
        "==",
        H,
      ),
      passed: true,
    },
    {
      name: "condition False",
      e: exp(
        { kind: "condition", type: "ScalingLimited" },
        { kind: "bool", value: false, span: span() },
        { kind: "at", t: 15 },
        0,
        "==",
        H,
      ),
      passed: true,
    },
    {
      name: "condition wrong reason",
      e: exp(
        { kind: "condition", type: "ScalingLimited", reason: "TooManyReplicas" },
        undefined,
        { kind: "always" },
        30,
        "==",
        H,
      ),
      passed: false,
      message:
        "hpa/web condition ScalingLimited was True reason TooFewReplicas from 30s; wanted True reason TooManyReplicas always from 30s",
    },
    // An absent condition reads as Unknown (API conventions, "Typical status properties":
    // "The absence of a condition should be interpreted the same as Unknown"): not True, not
    // False. The HPA above has no ScalingLimited condition before 15s.
    {
      name: "an absent condition is not True",
      e: exp({ kind: "condition", type: "ScalingLimited" }, undefined, { kind: "for", d: 10 }, 0, "!=", H),
      passed: true,
      message: "hpa/web condition ScalingLimited was absent from 0s to 10s",
    },
    {
      name: "an absent condition is not False",
      e: exp(
        { kind: "condition", type: "ScalingLimited" },
        { kind: "bool", value: false, span: span() },
        { kind: "at", t: 0 },
        0,
        "!=",
        H,
      ),
      passed: true,
    },
    {
      name: "an absent condition is not == False, and the failure says absent",
      e: exp(
        { kind: "condition", type: "ScalingLimited" },
        { kind: "bool", value: false, span: span() },
        { kind: "at", t: 10 },
        0,
        "==",
        H,
      ),
      passed: false,
      message: "hpa/web condition ScalingLimited was absent from 0s; wanted False at 10s",
    },
    {
      name: "an absent condition is not == True",
      e: exp({ kind: "condition", type: "ScalingLimited" }, undefined, { kind: "within", d: 10 }, 0, "==", H),
      passed: false,
      message: "hpa/web condition ScalingLimited was absent from 0s; wanted True within 10s of 0s",
    },
    {
      name: "!= True stops holding when the condition turns True",
      e: exp({ kind: "condition", type: "ScalingLimited" }, undefined, { kind: "always" }, 0, "!=", H),
      passed: false,
      message:
        "hpa/web condition ScalingLimited was absent from 0s, False reason DesiredWithinRange from 15s, True reason TooFewReplicas from 30s; wanted not True always from 0s",
    },
    {
      name: "an object that does not exist passes no condition test, not even !=",
      e: exp({ kind: "condition", type: "ScalingLimited" }, undefined, { kind: "at", t: 10 }, 0, "!=", {
        kind: "HorizontalPodAutoscaler",
        name: "gone",
      }),
      passed: false,
    },
    {
      name: "a quantity of the other kind",
      e: exp({ kind: "desired" }, num(3), { kind: "at", t: 30 }),
      passed: false,
      message: '"desired" is a quantity of an HPA; write `expect hpa desired …`',
    },
    {
      name: "event in the window",
      e: exp({ kind: "event", text: "New size: 3" }, undefined, { kind: "within", d: 30 }, 0, "==", null),
      passed: true,
    },
    {
      name: "event outside the window",
      e: exp({ kind: "event", text: "New size: 1" }, undefined, { kind: "within", d: 30 }, 0, "==", null),
      passed: false,
      message:
        'no event with "New size: 1" from 0s to 30s; it was emitted at 3m20s; wanted one within 30s of 0s',
    },
    {
      name: "event never",
      e: exp({ kind: "event", text: "New size: 1" }, undefined, { kind: "never" }, 0, "==", null),
      passed: false,
    },
    {
      name: "event of another object does not count",
      e: exp({ kind: "event", text: "New size: 3" }, undefined, { kind: "within", d: 30 }, 0, "==", web),
      passed: false,
    },
    {
      name: "rolloutDuration of the latest rollout",
      e: exp({ kind: "rolloutDuration" }, num(30, "s"), { kind: "within", d: 0 }, 100),
      passed: true,
    },
    {
      name: "scaleEvents per window (HPA)",
      e: exp({ kind: "scaleEvents", per: 180 }, num(1), { kind: "always" }, 0, "<=", H),
      passed: true,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = checkExpectation(c.e, t);
      if (c.message) expect(r.message).toBe(c.message);
      expect(r.passed).toBe(c.passed);
    });
  }
});

describe("aggregates", () => {
  it("maxInWindow counts the busiest half-open window", () => {
    expect(maxInWindow([0, 15, 30, 90], 60)).toEqual({ count: 3, from: 0 });
    expect(maxInWindow([0, 60, 120], 60)).toEqual({ count: 1, from: 0 });
    expect(maxInWindow([], 60)).toEqual({ count: 0, from: 0 });
  });
  it("integrate a step function over a window", () => {
    expect(
      integrate(
        [
          { t: 0, value: 1 },
          { t: 60, value: 3 },
        ],
        30,
        90,
      ),
    ).toBe(120);
  });
  it("podMinutes over the window", () => {
    const r = checkExpectation(
      exp({ kind: "podMinutes" }, num(4), { kind: "fromTo", from: 0, to: 120 }),
      replicasTrace(
        [
          [0, 1],
          [60, 3],
        ],
        200,
      ),
    );
    expect(r.message).toBe("deployment/web pod-minutes were 4 from 0s to 2m");
    expect(r.passed).toBe(true);
  });
  it("scaleEvents of a Deployment count spec.replicas changes", () => {
    const r = checkExpectation(
      exp({ kind: "scaleEvents", per: 60 }, num(1), { kind: "always" }, 0, "<="),
      replicasTrace(
        [
          [0, 1],
          [10, 2],
          [20, 3],
          [200, 1],
        ],
        300,
      ),
    );
    expect(r.passed).toBe(false);
    expect(r.message).toBe(
      "deployment/web scale events per 1m reached 2 (from 10s) from 0s to 5m; wanted <= 1",
    );
  });
  it("unserved reads the load model, in millicores or percent of one pod's request", () => {
    const tr = replicasTrace([[0, 1]], 100, {
      load: {
        web: [
          {
            t: 0,
            value: { demandMilli: 0, servedMilli: 0, unservedMilli: 0, readyPods: 1, memoryBytesPerPod: 0 },
          },
          {
            t: 10,
            value: {
              demandMilli: 300,
              servedMilli: 200,
              unservedMilli: 100,
              readyPods: 1,
              memoryBytesPerPod: 0,
            },
          },
          {
            t: 50,
            value: {
              demandMilli: 300,
              servedMilli: 300,
              unservedMilli: 0,
              readyPods: 2,
              memoryBytesPerPod: 0,
            },
          },
        ],
      },
    });
    const inPercent = {
      ...exp({ kind: "unserved" }, num(50, "%"), { kind: "at", t: 20 }),
      requestMilli: 200,
    };
    expect(checkExpectation(inPercent, tr).passed).toBe(true);
    const r = checkExpectation(exp({ kind: "unserved" }, num(0), { kind: "fromTo", from: 0, to: 60 }), tr);
    expect(r.message).toBe(
      "deployment/web unserved was 0m from 0s, 100m from 10s, 0m from 50s; wanted 0 from 0s to 1m",
    );
  });
});
