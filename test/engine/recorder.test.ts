import { describe, expect, it } from "vitest";
import { Recorder } from "../../src/engine/recorder.ts";
import { Store } from "../../src/engine/store.ts";
import { builtinKinds } from "../../src/k8s/kinds/index.ts";

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
});
