import { describe, expect, it } from "vitest";
import { SharedDecisions, SharedEvents } from "../../src/engine/sharedEvents.ts";
import type { KubeEvent } from "../../src/k8s/types.ts";

// Events as the kubelet records them about one pod (kubelet.go: Created, Started; "Killing").
const event = (reason: string, message: string, uid = "u-1", name = "web-7d4b9-x2x4q"): KubeEvent => ({
  time: 10,
  type: "Normal",
  reason,
  message,
  involvedObject: { kind: "Pod", name, uid },
  source: "kubelet",
});

describe("SharedEvents", () => {
  it("gives an object's events one involved object, and another object its own", () => {
    const shared = new SharedEvents();
    const created = shared.share(event("Created", "Created container app"));
    const started = shared.share(event("Started", "Started container app"));
    expect(started.involvedObject).toBe(created.involvedObject);
    const other = shared.share(event("Created", "Created container app", "u-2", "web-7d4b9-zzzzz"));
    expect(other.involvedObject).not.toBe(created.involvedObject);
    expect(other.involvedObject).toEqual({ kind: "Pod", name: "web-7d4b9-zzzzz", uid: "u-2" });
  });

  it("keeps a different involved object under the same uid apart", () => {
    const shared = new SharedEvents();
    const first = shared.share(event("Created", "Created container app"));
    const renamed = shared.share(event("Started", "Started container app", "u-1", "web-other"));
    expect(renamed.involvedObject).not.toBe(first.involvedObject);
    expect(renamed.involvedObject.name).toBe("web-other");
  });

  it("starts a new copy after the object is forgotten", () => {
    const shared = new SharedEvents();
    const before = shared.share(event("Killing", "Stopping container app"));
    shared.forget("u-1");
    const after = shared.share(event("Killing", "Stopping container app"));
    expect(after.involvedObject).not.toBe(before.involvedObject);
    expect(after.involvedObject).toEqual(before.involvedObject);
  });

  it("gives events in a row with one involved object what the first was given, until the object is forgotten", () => {
    // The kubelet hands one involved object per pod for its Pulled, Created and Started.
    const shared = new SharedEvents();
    const first = shared.share(event("Scheduled", "Successfully assigned default/web to node-1"));
    const again = event("Pulled", "pulled");
    const involved = again.involvedObject;
    expect(shared.share(again).involvedObject).toBe(first.involvedObject);
    const created = { ...event("Created", "Created container app"), involvedObject: involved };
    expect(shared.share(created).involvedObject).toBe(first.involvedObject);
    // Forgotten (the pod was deleted): the same object's next event starts the new copy with it.
    shared.forget("u-1");
    const started = { ...event("Started", "Started container app"), involvedObject: involved };
    expect(shared.share(started).involvedObject).toBe(involved);
    const killing = event("Killing", "Stopping container app");
    expect(shared.share(killing).involvedObject).toBe(involved);
  });

  it("keeps an object's uid as the same text, on a frozen involved object too", () => {
    const shared = new SharedEvents();
    // A uid as names.ts makes it: five groups joined by dashes, built piece by piece.
    const uid = ["0f8fad5b", "d9cb", "469f", "a165", "70867728950e"].reduce((a, b) => `${a}-${b}`);
    const e = event("Scheduled", "Successfully assigned default/web-7d4b9-x2x4q to node-1", uid);
    const involved = e.involvedObject;
    const kept = shared.share(e);
    expect(kept.involvedObject).toBe(involved);
    expect(kept.involvedObject.uid).toBe("0f8fad5b-d9cb-469f-a165-70867728950e");
    expect(shared.share(event("Pulled", "pulled", uid)).involvedObject).toBe(involved);
    const frozen = event("Created", "Created container app", "u-9");
    Object.freeze(frozen.involvedObject);
    expect(shared.share(frozen).involvedObject).toEqual({ kind: "Pod", name: "web-7d4b9-x2x4q", uid: "u-9" });
  });

  it("keeps every message's text when sharing a reason's messages", () => {
    const shared = new SharedEvents();
    const a = shared.share(event("Created", ["Created container", "app"].join(" "), "u-1"));
    const b = shared.share(event("Created", ["Created container", "app"].join(" "), "u-2"));
    expect(b.message).toBe("Created container app");
    expect(a.message).toBe(b.message);
  });
});

describe("SharedEvents past a reason's message table", () => {
  it("records every message's text when a reason's messages name each object", () => {
    const shared = new SharedEvents();
    // RealPodControl's "Created pod: <name>" (controller_utils.go): one text per pod.
    for (let i = 0; i < 400; i++) {
      const e = shared.share(event("SuccessfulCreate", `Created pod: web-${i}`, `u-${i}`, `web-${i}`));
      expect(e.message).toBe(`Created pod: web-${i}`);
    }
    // A reason that repeats its messages still shares them, however many came before.
    const a = shared.share(event("Killing", ["Stopping container", "app"].join(" "), "u-1"));
    const b = shared.share(event("Killing", ["Stopping container", "app"].join(" "), "u-2"));
    expect(b.message).toBe("Stopping container app");
    expect(a.message).toBe(b.message);
  });
});

describe("SharedDecisions", () => {
  const decision = (controller: string, object: string, action: string, inputs: Record<string, unknown>) => ({
    controller,
    object,
    action,
    summary: "s",
    inputs,
    t: 0,
  });

  it("shares an input only with the last decision of the same controller, object and action", () => {
    const shared = new SharedDecisions();
    const first = shared.share(decision("hpa", "HorizontalPodAutoscaler/web", "keep", { window: [1, 2] }));
    const again = shared.share(decision("hpa", "HorizontalPodAutoscaler/web", "keep", { window: [1, 2] }));
    expect(again.inputs.window).toBe(first.inputs.window);
    // Names that would run together in one key text stay apart.
    const x = shared.share(decision("a", "b\u0000c", "d", { v: [1] }));
    const y = shared.share(decision("a\u0000b", "c", "d", { v: [1] }));
    expect(y.inputs.v).not.toBe(x.inputs.v);
    expect(y.inputs.v).toEqual([1]);
  });
});
