/**
 * A ReplicaSet's pod request is made once per sync and frozen (replicaset/podTemplate.ts):
 * controller_utils.go GetPodFromTemplate gives every create of one sync the same data (the
 * sync's ReplicaSet and time), and the API server holds such a request as the last one
 * admitted (apiserver.ts admitPod, `sealed`) instead of a copy, telling the next create alike
 * by identity. A request that can change is still copied: a later change to it is a new request.
 */
import { describe, expect, it } from "vitest";
import { Simulation } from "../../src/engine/simulation.ts";
import { isApiError, type ApiError } from "../../src/engine/cluster.ts";
import { reconcileReplicaSet } from "../../src/engine/controllers/replicaset/index.ts";
import { getPodFromTemplate } from "../../src/engine/controllers/replicaset/podTemplate.ts";
import type { EventDraft, KubeObject, Pod, ReplicaSet } from "../../src/k8s/types.ts";
import { deepFreeze } from "../../src/k8s/clone.ts";
import { defaultSettings } from "../../src/engine/settings.ts";
import { replicaSet } from "./fakes.ts";

function must<T extends KubeObject>(r: KubeObject | ApiError): T {
  if (isApiError(r)) throw new Error(r.message);
  return r as T;
}

/** Every object in `v` frozen but those `except` names (by identity). */
function frozenAllThrough(v: unknown, except: unknown): boolean {
  if (typeof v !== "object" || v === null || v === except) return true;
  return Object.isFrozen(v) && Object.values(v).every((x) => frozenAllThrough(x, except));
}

describe("a ReplicaSet's pod request, one per sync", () => {
  it("is GetPodFromTemplate's data, frozen all through but the stored template's spec, which it holds itself", () => {
    const s = new Simulation();
    const rs = must<ReplicaSet>(s.api.create(replicaSet("web-5d847fd86c", 0)));
    const req = getPodFromTemplate(rs, 42);
    expect(JSON.parse(JSON.stringify(req))).toEqual({
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        name: "",
        generateName: "web-5d847fd86c-",
        creationTimestamp: 42,
        labels: { app: "web-5d847fd86c" },
        ownerReferences: [
          {
            apiVersion: "apps/v1",
            kind: "ReplicaSet",
            name: "web-5d847fd86c",
            uid: rs.metadata.uid,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
        namespace: "default",
      },
      spec: JSON.parse(JSON.stringify(rs.spec.template.spec)),
      status: { phase: "Pending" },
    });
    expect(req.spec).toBe(rs.spec.template.spec);
    expect(frozenAllThrough(req, rs.spec.template.spec)).toBe(true);
    // Copies of the template's labels: the stored ReplicaSet's own stay as they were.
    expect(req.metadata.labels).not.toBe(rs.spec.template.metadata.labels);
    expect(Object.isFrozen(rs.spec.template.metadata.labels)).toBe(false);
  });

  it("serves every create of a sync, its events sharing one involved object, and the pods are stored as before", () => {
    const s = new Simulation();
    must(s.api.create(replicaSet("web-5d847fd86c", 0)));
    const stored = must<ReplicaSet>(s.api.create({ ...replicaSet("api-7b9c", 5) }));
    const result = reconcileReplicaSet({ now: 3, store: s.store, settings: defaultSettings() }, "api-7b9c");
    // Slow start: the first batch is one create, whose outcome sends the next (2, then the last 2).
    const writes = [...result.writes];
    const events: EventDraft[] = [];
    const pods: Pod[] = [];
    for (let i = 0; i < writes.length; i++) {
      const w = writes[i];
      if (w.op !== "create") continue;
      const pod = must<Pod>(s.api.create(w.object));
      pods.push(pod);
      if (w.createdEvent) events.push(w.createdEvent(pod));
      const more = w.then?.({ stored: pod });
      if (more) writes.push(...more.writes);
    }
    const creates = writes.filter((w) => w.op === "create");
    expect(creates).toHaveLength(5);
    for (const w of creates) expect(w.object).toBe(creates[0].object);
    expect(events.map((e) => e.message)).toEqual(pods.map((p) => `Created pod: ${p.metadata.name}`));
    for (const e of events) expect(e.involvedObject).toBe(events[0].involvedObject);
    expect(events[0].involvedObject).toEqual({
      kind: "ReplicaSet",
      name: "api-7b9c",
      uid: stored.metadata.uid,
    });
    for (const p of pods) {
      expect(p.metadata.labels).toEqual({ app: "api-7b9c" });
      expect(Object.isFrozen(p.metadata.labels)).toBe(false);
      expect(Object.isFrozen(p.metadata.ownerReferences)).toBe(false);
      expect(p.metadata.ownerReferences?.[0].uid).toBe(stored.metadata.uid);
    }
    expect(new Set(pods.map((p) => p.metadata.name)).size).toBe(5);
  });
});

describe("the API server's last pod request", () => {
  const request = (labels: Record<string, string>) =>
    ({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "", generateName: "solo-", labels },
      spec: { containers: [{ name: "app", image: "nginx:1.25" }] },
      status: { phase: "Pending" },
    }) as unknown as KubeObject;

  it("is copied when it can change: a change to it after its create is a new request", () => {
    const s = new Simulation();
    const req = request({ app: "a" });
    expect(must<Pod>(s.api.create(req)).metadata.labels).toEqual({ app: "a" });
    (req.metadata.labels as Record<string, string>).app = "b";
    expect(must<Pod>(s.api.create(req)).metadata.labels).toEqual({ app: "b" });
  });

  it("is copied when only its outer parts are frozen", () => {
    const s = new Simulation();
    const labels = { app: "a" };
    const req = request(labels);
    Object.freeze(req);
    Object.freeze(req.metadata);
    expect(must<Pod>(s.api.create(req)).metadata.labels).toEqual({ app: "a" });
    labels.app = "b";
    expect(must<Pod>(s.api.create(req)).metadata.labels).toEqual({ app: "b" });
  });

  it("is held itself when frozen all through, and a frozen request of other data is admitted as its own", () => {
    const s = new Simulation();
    const a = deepFreeze(request({ app: "a" }));
    const again = deepFreeze(request({ app: "a" }));
    const b = deepFreeze(request({ app: "b" }));
    const pods = [a, again, again, b, a].map((r) => must<Pod>(s.api.create(r)));
    expect(pods.map((p) => p.metadata.labels?.app)).toEqual(["a", "a", "a", "b", "a"]);
    for (const p of pods) expect(Object.isFrozen(p.metadata.labels)).toBe(false);
  });
});
