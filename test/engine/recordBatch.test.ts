// Recorder.onWatchBatch must record exactly what Recorder.onWatch records for the same changes
// one at a time, in order, whenever its series are read (each kind's is a log until then,
// recorder.ts KindRecord): the same points, the same summaries shared the same way, the same
// ReplicaSet points as its pods start and stop terminating, the same minReadySeconds
// re-checks. Pods here go through the steps the kubelet and the controllers take them through
// (created, bound, running, Ready, not Ready, terminating, deleted), in cohorts and alone.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Recorder } from "../../src/engine/recorder.ts";
import { Store, type WatchEvent } from "../../src/engine/store.ts";
import { builtinKinds } from "../../src/k8s/kinds/index.ts";
import type { KubeObject } from "../../src/k8s/types.ts";
import type { Trace } from "../../src/engine/trace.ts";

const STEPS = ["bind", "run", "ready", "unready", "terminate", "delete", "create"] as const;
type Step = (typeof STEPS)[number];

function replicaSet(name: string, minReadySeconds: number): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: { name, namespace: "default", uid: `uid-${name}` },
    spec: { replicas: 3, minReadySeconds, selector: { matchLabels: { app: name } }, template: {} },
    status: { replicas: 0 },
  } as unknown as KubeObject;
}

/** The next version of pod `name` after `step` at `t`, and its watch event; undefined when the step does not apply. */
function change(
  current: KubeObject | undefined,
  name: string,
  owner: string,
  step: Step,
  node: number,
  t: number,
  uid: number,
): WatchEvent | undefined {
  if (current === undefined) {
    if (step !== "create") return undefined;
    const pod = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        name,
        namespace: "default",
        uid: `uid-${name}-${uid}`,
        ownerReferences: [
          { apiVersion: "apps/v1", kind: "ReplicaSet", name: owner, uid: `uid-${owner}`, controller: true },
        ],
      },
      spec: { containers: [{ name: "app", image: "app:1" }] },
      status: { phase: "Pending" },
    } as unknown as KubeObject;
    return { type: "ADDED", object: pod, old: undefined };
  }
  const pod = current as unknown as {
    metadata: Record<string, unknown>;
    spec: Record<string, unknown>;
    status: Record<string, unknown>;
  };
  const next = { ...pod, metadata: { ...pod.metadata }, spec: { ...pod.spec }, status: { ...pod.status } };
  const ready = (status: "True" | "False") => [{ type: "Ready", status, lastTransitionTime: t }];
  switch (step) {
    case "create":
      return undefined;
    case "bind":
      next.spec.nodeName = `node-${node}`;
      break;
    case "run":
      next.status.phase = "Running";
      break;
    case "ready":
      next.status.conditions = ready("True");
      break;
    case "unready":
      next.status.conditions = ready("False");
      break;
    case "terminate":
      next.metadata.deletionTimestamp = t;
      break;
    case "delete":
      return { type: "DELETED", object: current, old: current };
  }
  return { type: "MODIFIED", object: next as unknown as KubeObject, old: current };
}

/**
 * A trace's text, and which of its pod and ReplicaSet points share one summary object, and
 * which are one point object (the recorder shares a point between series at an instant).
 */
function recorded(trace: Trace): { text: string; sharing: number[] } {
  const ids = new Map<unknown, number>();
  const sharing: number[] = [];
  const id = (o: unknown): number => {
    if (!ids.has(o)) ids.set(o, ids.size);
    return ids.get(o)!;
  };
  for (const kind of ["Pod", "ReplicaSet"])
    for (const points of Object.values(trace.series[kind]))
      for (const p of points) sharing.push(id(p.value), id(p));
  return { text: JSON.stringify(trace), sharing };
}

const batch = fc.record({
  after: fc.integer({ min: 0, max: 8 }),
  /** Whether the series are read after this batch (a recorder keeps them as a log until then). */
  read: fc.boolean(),
  changes: fc.array(
    fc.record({
      pod: fc.integer({ min: 0, max: 7 }),
      step: fc.constantFrom(...STEPS),
      node: fc.integer({ min: 0, max: 2 }),
    }),
    { minLength: 1, maxLength: 12 },
  ),
});

describe("Recorder.onWatchBatch", () => {
  it("records what onWatch records for each change in order", () => {
    fc.assert(
      fc.property(
        fc.array(batch, { minLength: 1, maxLength: 30 }),
        fc.constantFrom(0, 5),
        (batches, minReady) => {
          const store = new Store();
          store.add(replicaSet("web-a", minReady));
          store.add(replicaSet("web-b", 0));
          const one = new Recorder(store, builtinKinds.extend());
          const many = new Recorder(store, builtinKinds.extend());
          // Its series read along the way: a read lays out the log, later points go straight in.
          const read = new Recorder(store, builtinKinds.extend());
          let podsRead: Trace["series"]["Pod"] | undefined;
          const pods = new Map<string, KubeObject>();
          let t = 0;
          let made = 0;
          for (const b of batches) {
            t += b.after;
            const evs: WatchEvent[] = [];
            for (const c of b.changes) {
              const name = `web-${c.pod}`;
              const ev = change(
                pods.get(name),
                name,
                c.pod % 2 ? "web-b" : "web-a",
                c.step,
                c.node,
                t,
                made++,
              );
              if (ev === undefined) continue;
              if (ev.type === "DELETED") pods.delete(name);
              else pods.set(name, ev.object);
              evs.push(ev);
            }
            for (const ev of evs) one.onWatch(ev, t);
            many.onWatchBatch(evs, t);
            read.onWatchBatch(evs, t);
            // The simulation's settle after the instant's writes.
            one.refresh(t);
            many.refresh(t);
            read.refresh(t);
            if (b.read) {
              const series = read.trace(t).series;
              // A series once read is the one object, its arrays taking later points.
              if (podsRead !== undefined) expect(series.Pod).toBe(podsRead);
              podsRead = series.Pod;
              expect(JSON.stringify(series)).toBe(JSON.stringify(one.trace(t).series));
            }
          }
          const a = recorded(one.trace(t + 1));
          const b = recorded(many.trace(t + 1));
          expect(b.text).toBe(a.text);
          expect(b.sharing).toEqual(a.sharing);
          const c = recorded(read.trace(t + 1));
          expect(c.text).toBe(a.text);
          expect(c.sharing).toEqual(a.sharing);
          if (podsRead !== undefined) expect(read.trace(t + 1).series.Pod).toBe(podsRead);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("records a cohort's step once per pod, every pod's point sharing the one summary", () => {
    const store = new Store();
    store.add(replicaSet("web-a", 0));
    const r = new Recorder(store, builtinKinds.extend());
    const pods = new Map<string, KubeObject>();
    for (const [t, step] of [
      [0, "create"],
      [1, "bind"],
      [2, "run"],
      [3, "ready"],
    ] as const) {
      const evs: WatchEvent[] = [];
      for (let i = 0; i < 50; i++) {
        const ev = change(pods.get(`web-${i}`), `web-${i}`, "web-a", step, 0, t, i)!;
        pods.set(`web-${i}`, ev.object);
        evs.push(ev);
      }
      r.onWatchBatch(evs, t);
    }
    const series = Object.values(r.series.Pod);
    expect(series).toHaveLength(50);
    for (let step = 0; step < 4; step++) {
      const values = new Set(series.map((points) => points[step].value));
      expect(values.size).toBe(1);
      // One point object too: the same time and summary (recorder.ts pointAt).
      expect(new Set(series.map((points) => points[step])).size).toBe(1);
    }
    expect(series[49].map((p) => [p.t, p.value.phase, p.value.ready, p.value.node])).toEqual([
      [0, "Pending", false, undefined],
      [1, "Pending", false, "node-0"],
      [2, "Running", false, "node-0"],
      [3, "Running", true, "node-0"],
    ]);
  });
});
