import { describe, expect, it } from "vitest";
import type { Deployment, ReplicaSet } from "../../src/k8s/types.ts";
import { emptyResult } from "../../src/engine/controller.ts";
import type { Reconciler } from "../../src/engine/controller.ts";
import { LivelockError, Simulation } from "../../src/engine/simulation.ts";
import type { CallLog } from "./fakes.ts";
import { fakeControllers, inertAutoscaling, miniReplicaSet, pod, podFor, replicaSet } from "./fakes.ts";

/** Wrap a reconciler to log (t, key, what it saw). */
function spy(inner: Reconciler, log: { t: number; key: string; replicas?: number }[]): Reconciler {
  return (ctx, key) => {
    log.push({ t: ctx.now, key, replicas: ctx.store.get("ReplicaSet", "default", key)?.spec.replicas });
    return inner(ctx, key);
  };
}

function deploymentOwning(name: string, strategy: "Recreate" | "RollingUpdate"): Deployment {
  const rs = replicaSet(name, 1);
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name },
    spec: {
      replicas: 1,
      selector: rs.spec.selector,
      template: rs.spec.template,
      strategy: { type: strategy },
      minReadySeconds: 0,
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    },
    status: {},
  };
}

function ownedBy(rs: ReplicaSet, d: Deployment): ReplicaSet {
  return {
    ...rs,
    metadata: {
      ...rs.metadata,
      ownerReferences: [
        {
          apiVersion: "apps/v1",
          kind: "Deployment",
          name: d.metadata.name,
          uid: d.metadata.uid ?? "",
          controller: true,
        },
      ],
    },
  };
}

describe("Simulation loop with fake controllers", () => {
  it("a ReplicaSet gets its pods at the instant it is created, and Ready pods show in its status", () => {
    const s = new Simulation({ settings: { "pod.startup": 4, "image.pull-time": 0 }, ...fakeControllers() });
    s.at(10, "create rs", () => void s.api.create(replicaSet("web", 3)));
    s.runUntil(10);
    expect(s.api.list("Pod", "default")).toHaveLength(3);
    expect(s.api.get("ReplicaSet", "default", "web")?.status).toMatchObject({
      replicas: 3,
      readyReplicas: 0,
    });
    s.runUntil(14);
    expect(s.api.get("ReplicaSet", "default", "web")?.status).toMatchObject({
      replicas: 3,
      readyReplicas: 3,
    });
    for (const p of s.api.list("Pod", "default"))
      expect(p.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it("actions at one instant run in the order scheduled, all before any controller reacts", () => {
    const log: { t: number; key: string; replicas?: number }[] = [];
    const s = new Simulation({ ...fakeControllers({ replicaSet: spy(miniReplicaSet, log) }) });
    s.at(5, "create", () => void s.api.create(replicaSet("web", 1)));
    s.at(5, "scale to 3", () => {
      const rs = structuredClone(s.api.get("ReplicaSet", "default", "web")!);
      rs.spec.replicas = 3;
      s.api.update(rs);
    });
    s.runUntil(5);
    expect(log[0]).toEqual({ t: 5, key: "web", replicas: 3 });
    expect(s.api.list("Pod", "default")).toHaveLength(3);
    expect(s.trace().notes).toEqual([
      { t: 5, text: "create" },
      { t: 5, text: "scale to 3" },
    ]);
  });

  it("observations at an instant run after every action due then and the controllers' reactions", () => {
    const s = new Simulation({ ...fakeControllers({ replicaSet: miniReplicaSet }) });
    const seen: number[] = [];
    s.observeAt(5, "count pods", () => void seen.push(s.api.list("Pod", "default").length));
    s.at(5, "create", () => void s.api.create(replicaSet("web", 2)));
    s.runUntil(5);
    expect(seen).toEqual([2]);
    expect((s.trace().notes ?? []).map((n) => n.text)).toEqual(["create", "count pods"]);
  });

  it("dedups a key queued and not yet processed: 5 pods turning Ready at once cost one sync (plus the one its own status write wakes)", () => {
    const log: { t: number; key: string }[] = [];
    const s = new Simulation({
      settings: { "pod.startup": 2, "image.pull-time": 0 },
      ...fakeControllers({ replicaSet: spy(miniReplicaSet, log) }),
    });
    s.api.create(replicaSet("web", 5));
    s.runUntil(1);
    log.length = 0;
    s.runUntil(2);
    expect(log.filter((l) => l.t === 2)).toHaveLength(2);
  });

  it("a controller that keeps waking itself is stopped with an error naming it", () => {
    let n = 0;
    const restless: Reconciler = (ctx, key) => {
      const rs = structuredClone(ctx.store.get("ReplicaSet", "default", key)!);
      rs.metadata.annotations = { bump: String(n++) };
      return { ...emptyResult(), writes: [{ op: "update", object: rs }] };
    };
    const s = new Simulation({
      ...fakeControllers({ replicaSet: restless }),
      maxSyncsPerInstant: 50,
    });
    s.at(1, "create", () => void s.api.create(replicaSet("web", 0)));
    expect(() => s.runUntil(1)).toThrow(LivelockError);
    const s2 = new Simulation({
      ...fakeControllers({ replicaSet: restless }),
      maxSyncsPerInstant: 50,
    });
    s2.api.create(replicaSet("loop", 0));
    expect(() => s2.runUntil(0)).toThrow(
      /livelock at t=0s: the replicaset controller synced "loop" 50 times/,
    );
  });

  it("the livelock guard counts a key's syncs per instant: 40 at t=1 and 40 more at t=2 pass a limit of 50", () => {
    // client-go's workqueue has no such guard; the engine's counts syncs of one controller key
    // at one instant only, so a key busy at many instants is never taken for a loop.
    const syncsAt = new Map<number, number>();
    const busy: Reconciler = (ctx, key) => {
      const n = (syncsAt.get(ctx.now) ?? 0) + 1;
      syncsAt.set(ctx.now, n);
      if (n >= 40) return emptyResult();
      const rs = structuredClone(ctx.store.get("ReplicaSet", "default", key)!);
      rs.metadata.annotations = { bump: `${ctx.now}-${n}` };
      return { ...emptyResult(), writes: [{ op: "update", object: rs }] };
    };
    const s = new Simulation({ ...fakeControllers({ replicaSet: busy }), maxSyncsPerInstant: 50 });
    s.at(1, "create", () => void s.api.create(replicaSet("web", 0)));
    s.at(2, "relabel", () => {
      const rs = structuredClone(s.api.get("ReplicaSet", "default", "web")!);
      rs.metadata.labels = { ...rs.metadata.labels, again: "yes" };
      s.api.update(rs);
    });
    s.runUntil(2);
    expect(syncsAt.get(1)).toBe(40);
    expect(syncsAt.get(2)).toBe(40);
  });

  it("requeueAfter brings the key back after that many seconds", () => {
    const times: number[] = [];
    const r: Reconciler = (ctx) => {
      times.push(ctx.now);
      return { ...emptyResult(), requeueAfter: times.length < 3 ? 7 : undefined };
    };
    const s = new Simulation({ ...fakeControllers({ replicaSet: r }) });
    s.at(1, "create", () => void s.api.create(replicaSet("web", 0)));
    s.runUntil(100);
    expect(times).toEqual([1, 8, 15]);
  });

  it("a write the API server rejects is recorded as an apiserver decision", () => {
    const r: Reconciler = () => ({
      ...emptyResult(),
      writes: [{ op: "delete", kind: "Pod", namespace: "default", name: "ghost" }],
    });
    const s = new Simulation({ ...fakeControllers({ replicaSet: r }) });
    s.api.create(replicaSet("web", 0));
    s.runUntil(0);
    expect(s.trace().decisions[0]).toMatchObject({
      controller: "apiserver",
      action: "rejected",
      object: "Pod/ghost",
    });
    expect(s.trace().decisions[0].summary).toContain('pods "ghost" not found');
  });

  it("a create's createdEvent is emitted with the generated name, only when the create succeeds", () => {
    const withEvents: Reconciler = (ctx, key) => {
      const rs = ctx.store.get("ReplicaSet", "default", key)!;
      const out = miniReplicaSet(ctx, key);
      for (const w of out.writes) {
        if (w.op !== "create") continue;
        w.createdEvent = (created) => ({
          type: "Normal",
          reason: "SuccessfulCreate",
          message: `Created pod: ${created.metadata.name}`,
          involvedObject: { kind: "ReplicaSet", name: rs.metadata.name, uid: rs.metadata.uid },
          source: "replicaset-controller",
        });
      }
      // A create the API server refuses (an invalid name) gets no event.
      const bad = podFor(rs);
      bad.metadata = { ...bad.metadata, name: "Not_A_Name", generateName: undefined };
      out.writes.push({
        op: "create",
        object: bad,
        createdEvent: () => ({ ...out.events[0], reason: "Never" }),
      });
      return out;
    };
    const s = new Simulation({ ...fakeControllers({ replicaSet: withEvents }) });
    s.api.create(replicaSet("web", 2));
    s.runUntil(0);
    const created = s.events.filter((e) => e.reason === "SuccessfulCreate").map((e) => e.message);
    const pods = s.api.list("Pod", "default").map((p) => `Created pod: ${p.metadata.name}`);
    expect(created).toEqual(pods);
    expect(s.events.some((e) => e.reason === "Never")).toBe(false);
  });

  it("HPA syncs every hpa.sync-period from its creation and stops when it is deleted; scrapes run from t=0", () => {
    const log: CallLog = { calls: [] };
    const s = new Simulation({
      settings: { "hpa.sync-period": 15, "metrics.resolution": 10 },
      ...fakeControllers({}, log),
    });
    s.at(
      3,
      "create hpa",
      () =>
        void s.api.create({
          apiVersion: "autoscaling/v2",
          kind: "HorizontalPodAutoscaler",
          metadata: { name: "web" },
          spec: { scaleTargetRef: { kind: "Deployment", name: "web" }, maxReplicas: 3 },
          status: { currentReplicas: 0, desiredReplicas: 0 },
        }),
    );
    s.at(40, "delete hpa", () => void s.api.delete("HorizontalPodAutoscaler", "default", "web"));
    s.runUntil(90);
    expect(log.calls.filter((c) => c.fn === "syncHPA").map((c) => c.t)).toEqual([18, 33]);
    expect(log.calls.filter((c) => c.fn === "forgetHPA").map((c) => c.name)).toEqual(["web"]);
    expect(log.calls.filter((c) => c.fn === "scrape").map((c) => c.t)).toEqual([
      0, 10, 20, 30, 40, 50, 60, 70, 80, 90,
    ]);
  });

  it("setLoad reaches autoscaling at now; a ramp's wake-up time brings an observe then", () => {
    const log: CallLog = { calls: [] };
    let wake: number | undefined;
    const autoscaling = inertAutoscaling(log, {
      setLoad: (ctx, d) => {
        log.calls.push({ fn: "setLoad", t: ctx.now, name: d });
        wake = ctx.now + 25;
      },
      nextWakeup: (now) => (wake !== undefined && wake > now ? wake : undefined),
    });
    const s = new Simulation({
      settings: { "metrics.resolution": 1000 },
      ...fakeControllers({ autoscaling }),
    });
    s.at(5, "load", () => s.setLoad("web", { kind: "cpu", amount: { milli: 100 } }));
    s.runUntil(60);
    expect(log.calls.filter((c) => c.fn !== "scrape").map((c) => `${c.fn}@${c.t}`)).toEqual([
      "setLoad@5",
      "observe@30",
    ]);
  });

  it("pods changing make autoscaling observe, once per settled batch", () => {
    const log: CallLog = { calls: [] };
    const s = new Simulation({
      settings: { "pod.startup": 2, "image.pull-time": 0, "metrics.resolution": 1000 },
      ...fakeControllers({}, log),
    });
    s.api.create(replicaSet("web", 2));
    s.runUntil(10);
    expect(log.calls.filter((c) => c.fn === "observe").map((c) => c.t)).toEqual([0, 0, 2]);
  });

  it("Recreate: deleting the last pod of the Deployment wakes it; a RollingUpdate Deployment is not woken by pods", () => {
    for (const strategy of ["Recreate", "RollingUpdate"] as const) {
      const woken: number[] = [];
      const deployment: Reconciler = (ctx, key) => {
        if (ctx.store.get("Deployment", "default", key)) woken.push(ctx.now);
        return emptyResult();
      };
      const s = new Simulation({
        settings: { "pod.shutdown": 5 },
        ...fakeControllers({ deployment }),
      });
      const d = s.api.create(deploymentOwning("web", strategy)) as Deployment;
      s.api.create({ ...ownedBy(replicaSet("web-1", 2), d) });
      s.runUntil(10);
      s.at(20, "scale old to 0", () => {
        const rs = structuredClone(s.api.get("ReplicaSet", "default", "web-1")!);
        rs.spec.replicas = 0;
        s.api.update(rs);
      });
      woken.length = 0;
      s.runUntil(40);
      // t=20: the RS update (spec) and its status write; t=25: pods gone.
      if (strategy === "Recreate") expect(woken).toContain(25);
      else expect(woken).not.toContain(25);
      expect(s.api.list("Pod", "default")).toHaveLength(0);
    }
  });

  it("a pod turning Ready under minReadySeconds wakes its ReplicaSet again minReadySeconds + 1 s later", () => {
    const log: { t: number; key: string }[] = [];
    const s = new Simulation({
      settings: { "pod.startup": 2, "image.pull-time": 0 },
      ...fakeControllers({ replicaSet: spy(miniReplicaSet, log) }),
    });
    const rs = replicaSet("web", 1);
    rs.spec.minReadySeconds = 10;
    s.api.create(rs);
    s.runUntil(30);
    expect([...new Set(log.map((l) => l.t))]).toEqual([0, 2, 13]);
  });

  it("an orphan pod wakes every ReplicaSet whose selector matches it", () => {
    const log: { t: number; key: string }[] = [];
    const s = new Simulation({ ...fakeControllers({ replicaSet: spy(() => emptyResult(), log) }) });
    s.api.create(replicaSet("a", 0));
    s.api.create({
      ...replicaSet("b", 0),
      // Selects app=a too: its template carries both labels, as validation requires.
      spec: {
        ...replicaSet("b", 0).spec,
        selector: { matchLabels: { app: "a" } },
        template: { ...replicaSet("b", 0).spec.template, metadata: { labels: { app: "a", rs: "b" } } },
      },
    });
    s.api.create(replicaSet("c", 0));
    s.runUntil(0);
    log.length = 0;
    const orphan = pod("stray");
    orphan.metadata.labels = { app: "a" };
    s.api.create(orphan);
    s.runUntil(0);
    // Woken on ADDED, then again by the kubelet's binding and status writes; never "c".
    expect(log.slice(0, 2).map((l) => l.key)).toEqual(["a", "b"]);
    expect(new Set(log.map((l) => l.key))).toEqual(new Set(["a", "b"]));
  });

  it("API calls made between runs are reacted to at the instant they were made", () => {
    const s = new Simulation({ ...fakeControllers() });
    s.runUntil(50);
    s.api.create(replicaSet("web", 2));
    s.runUntil(50);
    expect(s.api.list("Pod", "default").map((p) => p.metadata.creationTimestamp)).toEqual([50, 50]);
  });

  it("refuses to go back in time", () => {
    const s = new Simulation({ ...fakeControllers() });
    s.runUntil(10);
    expect(() => s.runUntil(5)).toThrow(/already at t=10s/);
    expect(() => s.runUntil(Infinity)).toThrow(/must be a finite time/);
    expect(() => s.at(5, "late", () => undefined)).toThrow(/cannot schedule "late" at t=5s/);
  });

  it("settings given as undefined keep their defaults", () => {
    const s = new Simulation({
      settings: { seed: undefined, "pod.startup": 7, "image.pull-time": 0 },
      ...fakeControllers(),
    });
    expect(s.settings.seed).toBe(1);
    expect(s.settings["pod.startup"]).toBe(7);
    expect(s.settings["hpa.sync-period"]).toBe(15);
  });
});

describe("the trace", () => {
  const run = (seed: number) => {
    const s = new Simulation({
      settings: { seed, "pod.startup": 3, "image.pull-time": 0, "pod.shutdown": 2 },
      ...fakeControllers(),
    });
    s.at(0, "create", () => void s.api.create(replicaSet("web", 3)));
    s.at(20, "scale down", () => {
      const rs = structuredClone(s.api.get("ReplicaSet", "default", "web")!);
      rs.spec.replicas = 1;
      s.api.update(rs);
    });
    s.runUntil(60);
    return s.trace();
  };

  it("same input, same seed → byte-identical JSON; another seed changes the names", () => {
    const a = JSON.stringify(run(1));
    expect(JSON.stringify(run(1))).toBe(a);
    expect(JSON.stringify(run(2))).not.toBe(a);
  });

  it("records a point only when the summary changed, terminating pods per ReplicaSet, and deleted pods", () => {
    const t = run(1);
    const rs = t.series.ReplicaSet.web;
    for (let i = 1; i < rs.length; i++)
      expect(JSON.stringify(rs[i].value)).not.toBe(JSON.stringify(rs[i - 1].value));
    const at = (time: number) => rs.filter((p) => p.t <= time).at(-1)!.value;
    expect(at(3)).toMatchObject({ replicas: 3, pods: 3, ready: 3, terminating: 0 });
    expect(at(20)).toMatchObject({ replicas: 1, pods: 1, terminating: 2 });
    expect(at(22)).toMatchObject({ replicas: 1, pods: 1, terminating: 0 });
    const pods = Object.values(t.series.Pod);
    expect(pods).toHaveLength(3);
    const gone = pods.filter((p) => p.at(-1)!.value.exists === false);
    expect(gone).toHaveLength(2);
    for (const p of gone) expect(p.at(-1)!.t).toBe(22);
    expect(t.end).toBe(60);
  });

  it("under minReadySeconds a pod's available point comes when the ReplicaSet's requeue settles the loop", () => {
    const s = new Simulation({
      settings: { "pod.startup": 2, "image.pull-time": 0, "metrics.resolution": 1000 },
      ...fakeControllers(),
    });
    const rs = replicaSet("web", 1);
    rs.spec.minReadySeconds = 10;
    s.api.create(rs);
    s.runUntil(30);
    const points = Object.values(s.trace().series.Pod)[0];
    const readyAt = points.find((p) => p.value.ready)!.t;
    const availableAt = points.find((p) => p.value.available)!.t;
    expect([readyAt, availableAt]).toEqual([2, 13]);
  });
});
