import { describe, expect, it } from "vitest";
import { Recorder } from "../../src/engine/recorder.ts";
import { Store } from "../../src/engine/store.ts";
import { builtinKinds } from "../../src/k8s/kinds/index.ts";
import type { KubeObject } from "../../src/k8s/types.ts";
import { eventRecords } from "../../src/scenario/result.ts";
import { PodCounterKind } from "../toy/kind/index.ts";

const recorder = (): Recorder => new Recorder(new Store(), builtinKinds.extend());

// Events as the ReplicaSet controller and the kubelet emit them (replica_set.go
// "SuccessfulCreate"; the kubelet's registration events in a node pool write their keys in
// another order).
describe("Recorder", () => {
  it("records an event with its time last, its draft's keys in order", () => {
    const r = recorder();
    const involvedObject = { kind: "ReplicaSet", name: "web-7d4b9", uid: "u-1" };
    r.event(
      {
        type: "Normal",
        reason: "SuccessfulCreate",
        message: "Created pod: web-7d4b9-x2x4q",
        involvedObject,
        source: "replicaset-controller",
      },
      12,
    );
    expect(JSON.stringify(r.events[0])).toBe(
      '{"type":"Normal","reason":"SuccessfulCreate","message":"Created pod: web-7d4b9-x2x4q",' +
        '"involvedObject":{"kind":"ReplicaSet","name":"web-7d4b9","uid":"u-1"},' +
        '"source":"replicaset-controller","time":12}',
    );
    expect(r.events[0].involvedObject).toBe(involvedObject);
  });

  it("keeps a draft's own key order when it is not the usual one", () => {
    const r = recorder();
    const involvedObject = { kind: "Node", name: "pool-1", uid: "u-9" };
    r.event(
      { type: "Normal", involvedObject, source: "kubelet", reason: "Starting", message: "Starting kubelet." },
      3,
    );
    expect(Object.keys(r.events[0])).toEqual([
      "type",
      "involvedObject",
      "source",
      "reason",
      "message",
      "time",
    ]);
  });

  it("records a decision with its time last, and a whole record as it came", () => {
    const r = recorder();
    const inputs = { desiredReplicas: 4 };
    r.decision(
      { controller: "hpa", object: "HorizontalPodAutoscaler/web", action: "hpa-sync", summary: "4", inputs },
      30,
    );
    r.recordDecision({
      t: 31,
      controller: "faults",
      object: "Pod/web-1",
      action: "crash",
      summary: "fault",
      inputs: {},
    });
    expect(Object.keys(r.decisions[0])).toEqual(["controller", "object", "action", "summary", "inputs", "t"]);
    expect(r.decisions[0]).toMatchObject({ t: 30, inputs });
    expect(Object.keys(r.decisions[1])).toEqual(["t", "controller", "object", "action", "summary", "inputs"]);
  });

  it("keeps times that are not small whole numbers exactly", () => {
    const r = recorder();
    const draft = {
      type: "Normal" as const,
      reason: "R",
      message: "m",
      involvedObject: { kind: "Pod", name: "p" },
      source: "s",
    };
    for (const t of [0, 12.5, 2 ** 31, 2 ** 40 + 0.25, 1e-9]) r.event(draft, t);
    expect(r.events.map((e) => e.time)).toEqual([0, 12.5, 2 ** 31, 2 ** 40 + 0.25, 1e-9]);
  });

  it("shares a point between objects only at one instant with one summary", () => {
    const store = new Store();
    const r = new Recorder(store, builtinKinds.extend());
    const pod = (name: string, nodeName: string): KubeObject =>
      ({
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name, namespace: "default", uid: `u-${name}` },
        spec: { nodeName, containers: [] },
        status: { phase: "Pending" },
      }) as unknown as KubeObject;
    r.onWatch({ type: "ADDED", object: pod("a", "n1"), old: undefined }, 5);
    r.onWatch({ type: "ADDED", object: pod("b", "n2"), old: undefined }, 5);
    r.onWatch({ type: "ADDED", object: pod("c", "n1"), old: undefined }, 5);
    r.onWatch({ type: "ADDED", object: pod("d", "n1"), old: undefined }, 6);
    const [a, b, c, d] = ["a", "b", "c", "d"].map((name) => r.series.Pod[name][0]);
    expect(c).toBe(a);
    expect(b).not.toBe(a);
    expect(d).not.toBe(a);
    expect([a.t, d.t]).toEqual([5, 6]);
    expect(d.value).toBe(a.value);
  });

  it("tracks no terminating dependents of a kind it does not record", () => {
    // A run that leaves ReplicaSets out (traceReads.ts) never summarises one; a summariser
    // that asked for their terminating pods would read a count nobody kept, so it throws.
    const kinds = builtinKinds.extend();
    kinds.register({
      ...PodCounterKind,
      summary: {
        summarize: (_o, _gone, ctx) => ({
          pods: 0,
          ready: 0,
          terminating: ctx.terminatingDependents("ReplicaSet", "web"),
          exists: true,
        }),
        quantities: {},
      },
    });
    const r = new Recorder(new Store(), kinds, ["Pod", "ReplicaSet"]);
    const probe = {
      apiVersion: "toys.replicast.dev/v1",
      kind: "PodCounter",
      metadata: { name: "p", namespace: "default" },
    };
    expect(() =>
      r.onWatch({ type: "ADDED", object: probe as unknown as KubeObject, old: undefined }, 1),
    ).toThrow(/terminating dependents of ReplicaSet objects are not tracked/);
  });

  it("records a pod deleted and made again under its name in the same series, from its first summary", () => {
    const r = recorder();
    const pod = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "web-1", namespace: "default", uid: "u-1" },
      spec: { containers: [{ name: "app", image: "app:1" }] },
      status: { phase: "Pending" },
    } as unknown as KubeObject;
    r.onWatch({ type: "ADDED", object: pod, old: undefined }, 1);
    r.onWatch({ type: "DELETED", object: pod, old: pod }, 2);
    r.onWatch(
      { type: "ADDED", object: { ...pod, metadata: { ...pod.metadata, uid: "u-2" } }, old: undefined },
      3,
    );
    const points = r.series.Pod["web-1"];
    expect(points.map((p) => [p.t, p.value.exists])).toEqual([
      [1, true],
      [2, false],
      [3, true],
    ]);
    expect(points[2].value).toEqual(points[0].value);
  });
});

// The result's event records: what `replicast run --json` prints as `events`, keys in this order.
describe("eventRecords", () => {
  it("writes time, type, reason, object, message, then the namespace outside default", () => {
    const r = recorder();
    const source = "replicaset-controller";
    r.event(
      {
        type: "Normal",
        reason: "SuccessfulCreate",
        message: "Created pod: web-1",
        involvedObject: { kind: "ReplicaSet", name: "web" },
        source,
      },
      5,
    );
    r.event(
      {
        type: "Warning",
        reason: "FailedCreate",
        message: "quota",
        involvedObject: { kind: "ReplicaSet", name: "api", namespace: "prod" },
        source,
      },
      7.5,
    );
    const records = eventRecords(r.events);
    expect(records.map((e) => JSON.stringify(e))).toEqual([
      '{"time":5,"type":"Normal","reason":"SuccessfulCreate","object":"replicaset/web","message":"Created pod: web-1"}',
      '{"time":7.5,"type":"Warning","reason":"FailedCreate","object":"replicaset/api","message":"quota","namespace":"prod"}',
    ]);
    expect(records[1]).toEqual({
      time: 7.5,
      type: "Warning",
      reason: "FailedCreate",
      object: "replicaset/api",
      message: "quota",
      namespace: "prod",
    });
  });
});
