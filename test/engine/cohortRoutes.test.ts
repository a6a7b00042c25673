// A cohort's pod changes routed together (simulation.ts routeCohort, the routes' `cohort`
// forms): the work queue must hold what routing each change as it happened gives, key for key
// and in order, and the timed requeues (minReadySeconds' AddAfter, replica_set.go updatePod) must
// be the same, in the same order.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Deployment, KubeObject, Pod, ReplicaSet } from "../../src/k8s/types.ts";
import { emptyResult, type Controller, type Watch } from "../../src/engine/controller.ts";
import { CohortWakeUps } from "../../src/engine/cohortRoutes.ts";
import { defaultControllers } from "../../src/engine/defaultControllers.ts";
import { Simulation } from "../../src/engine/simulation.ts";
import { builtinKinds } from "../../src/k8s/kinds/builtin.ts";
import type { WatchEvent } from "../../src/engine/store.ts";
import { inertAutoscaling } from "./fakes.ts";
import { simulationWithSyncLog } from "./syncLog.ts";

const ref = (kind: string, name: string) => [
  { apiVersion: "apps/v1", kind, name, uid: `uid-${name}`, controller: true },
];

function deployment(name: string, strategy: "Recreate" | "RollingUpdate"): Deployment {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace: "default", uid: `uid-${name}` },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: name } },
      strategy: { type: strategy },
      template: {},
    },
  } as unknown as Deployment;
}

function replicaSet(name: string, owner: string | undefined, minReadySeconds: number): ReplicaSet {
  return {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: {
      name,
      namespace: "default",
      uid: `uid-${name}`,
      ...(owner ? { ownerReferences: ref("Deployment", owner) } : {}),
    },
    spec: { replicas: 1, minReadySeconds, selector: { matchLabels: { app: "x" } }, template: {} },
  } as unknown as ReplicaSet;
}

/** Owners a pod can have: ReplicaSets of a Recreate and a rolling Deployment, a Job, none. */
const OWNERS = ["rs-roll", "rs-rec", "rs-rec2", "rs-slow", "job", "none"] as const;
type Owner = (typeof OWNERS)[number];

function podOf(name: string, owner: Owner, ready: boolean, rv: number): Pod {
  const ownerReferences =
    owner === "none" ? undefined : owner === "job" ? ref("Job", "j") : ref("ReplicaSet", owner);
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      namespace: "default",
      uid: `uid-${name}`,
      resourceVersion: String(rv),
      labels: { app: "x" },
      ...(ownerReferences ? { ownerReferences } : {}),
    },
    spec: { nodeName: "elsewhere", containers: [{ name: "c", image: "busybox:1.36" }] },
    status: {
      phase: "Running",
      conditions: [{ type: "Ready", status: ready ? "True" : "False" }],
    },
  } as unknown as Pod;
}

type Op = { pod: number; owner: Owner; ready: boolean } | { pod: number; remove: true };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ pod: fc.nat(5), owner: fc.constantFrom(...OWNERS), ready: fc.boolean() }),
  fc.record({ pod: fc.nat(5), remove: fc.constant(true as const) }),
);

/** Every sync the work queue runs and every requeue, in order, for the writes in groups. */
function syncs(groups: { cohort: boolean; ops: Op[] }[], asCohorts: boolean): string[] {
  const log: string[] = [];
  const logged = (c: Controller): Controller => ({
    ...c,
    reconcile: (ctx, key) => {
      log.push(`${ctx.now} ${c.name} ${key}`);
      return emptyResult();
    },
  });
  const sim = new Simulation({
    autoscaling: inertAutoscaling(),
    controllers: defaultControllers(inertAutoscaling(), builtinKinds.extend()).map(logged),
  });
  const s = sim.store;
  s.add(deployment("d-rec", "Recreate"));
  s.add(deployment("d-roll", "RollingUpdate"));
  s.add(replicaSet("rs-rec", "d-rec", 0));
  s.add(replicaSet("rs-rec2", "d-rec", 0));
  s.add(replicaSet("rs-roll", "d-roll", 0));
  s.add(replicaSet("rs-slow", "d-roll", 7));
  let rv = 0;
  for (const [g, group] of groups.entries()) {
    sim.runUntil(g * 10);
    if (group.cohort && asCohorts) s.openCohort();
    for (const op of group.ops) {
      const name = `p${op.pod}`;
      const stored = s.get("Pod", "default", name) !== undefined;
      if ("remove" in op) {
        if (stored) s.remove("Pod", "default", name);
      } else if (stored) s.replace(podOf(name, op.owner, op.ready, ++rv));
      else s.add(podOf(name, op.owner, op.ready, ++rv));
    }
    if (group.cohort && asCohorts) s.closeCohort();
    sim.runUntil(g * 10);
  }
  sim.runUntil(groups.length * 10 + 20);
  return log;
}

describe("a cohort's pod changes routed together", () => {
  it("syncs and requeues as routing each change did", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ cohort: fc.boolean(), ops: fc.array(opArb, { maxLength: 12 }) }), {
          maxLength: 6,
        }),
        (groups) => {
          expect(syncs(groups, true)).toEqual(syncs(groups, false));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("wakes a Recreate Deployment at its last pod's deletion within a cohort, not before", () => {
    // deployment_controller.go deletePod: a Recreate Deployment is synced once no pod of its
    // ReplicaSets is left, so the new ReplicaSet is created after the last old pod is gone.
    const ops: Op[] = [
      { pod: 0, owner: "rs-rec", ready: true },
      { pod: 1, owner: "rs-rec2", ready: true },
      { pod: 2, owner: "rs-roll", ready: true },
    ];
    const removes: Op[] = [
      { pod: 0, remove: true },
      { pod: 2, remove: true },
      { pod: 1, remove: true },
    ];
    const log = syncs(
      [
        { cohort: false, ops },
        { cohort: true, ops: removes },
      ],
      true,
    );
    expect(log.filter((l) => l.startsWith("10 "))).toEqual([
      "10 replicaset rs-rec",
      "10 replicaset rs-roll",
      "10 replicaset rs-rec2",
      "10 deployment d-rec",
    ]);
  });
});

describe("a cohort's wake-ups in the order routing each change gives", () => {
  it("replays by change, then handler, each handler's own order kept", () => {
    const w = new CohortWakeUps();
    w.handler = 1;
    w.push(0, { key: "b0" });
    w.push(2, { key: "b2" });
    w.push(2, { key: "b2'", after: 3 });
    w.handler = 0;
    w.push(2, { key: "a2" });
    w.push(5, { key: "a5" });
    const out: string[] = [];
    w.drain((h, wake) => out.push(`${h}:${wake.key}`));
    expect(out).toEqual(["1:b0", "0:a2", "1:b2", "1:b2'", "0:a5"]);
    w.drain(() => out.push("again"));
    expect(out).toHaveLength(5);
  });

  it("each route declared for cohorts reads no pod from the store", () => {
    // What `Watch.cohort` asks: a route called at the cohort's end must answer what it did at the
    // change. A store that throws on a pod read catches one that lists or gets pods.
    const sim = new Simulation({ autoscaling: inertAutoscaling() });
    const noPods = new Proxy(sim.store, {
      get(target, prop) {
        const v = Reflect.get(target, prop, target) as unknown;
        if (typeof v !== "function") return v;
        return (...args: unknown[]) => {
          if (args[0] === "Pod" && (prop === "get" || prop === "list" || prop === "listAll"))
            throw new Error(`reads pods: ${String(prop)}`);
          return (v as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    sim.store.add(replicaSet("rs-slow", undefined, 7));
    const ev: WatchEvent = {
      type: "MODIFIED",
      object: podOf("p", "rs-slow", true, 2) as KubeObject,
      old: podOf("p", "rs-slow", false, 1) as KubeObject,
    };
    const controllers = defaultControllers(inertAutoscaling(), builtinKinds.extend());
    const pods: [string, Watch][] = controllers.flatMap((c) =>
      (c.watches ?? []).filter((w) => w.kind === "Pod").map((w): [string, Watch] => [c.name, w]),
    );
    expect(pods.every(([, w]) => w.cohort !== undefined)).toBe(true);
    let read = 0;
    for (const [name, w] of pods)
      for (const e of [ev, { ...ev, type: "ADDED" as const, old: undefined }]) {
        if (w.cohort === "each") w.route(e, noPods);
        // The Deployment's reads the pods as the cohort left them, and takes the later changes back.
        else if (w.cohort && name !== "deployment") w.cohort([e], noPods, { push: () => void read++ });
      }
    // The ReplicaSet's woke rs-slow: the check ran through it.
    expect(read).toBeGreaterThan(0);
  });
});

/** A Deployment of `replicas` pods labelled app=`name`, Ready a few seconds after they start. */
function served(name: string, strategy: "Recreate" | "RollingUpdate", minReadySeconds: number): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace: "default" },
    spec: {
      replicas: 1,
      minReadySeconds,
      selector: { matchLabels: { app: name } },
      strategy: { type: strategy },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: "c", image: "busybox:1.36" }] },
      },
    },
  } as unknown as KubeObject;
}

type Change =
  | { at: number; scale: "d-rec" | "d-roll" | "d-slow"; replicas: number }
  | { at: number; image: "d-rec" | "d-roll" }
  | { at: number; job: number }
  | { at: number; service: boolean }
  | { at: number; quota: number | undefined };

const changeArb: fc.Arbitrary<Change> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      at: fc.nat(60),
      scale: fc.constantFrom("d-rec", "d-roll", "d-slow"),
      replicas: fc.nat(20),
    }),
  },
  fc.record({ at: fc.nat(60), image: fc.constantFrom("d-rec", "d-roll") }),
  fc.record({ at: fc.nat(60), job: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ at: fc.nat(60), service: fc.boolean() }),
  fc.record({ at: fc.nat(60), quota: fc.option(fc.nat(30), { nil: undefined }) }),
);

/**
 * The real controllers over the changes, with every sync logged (controller, key, instant), and
 * the whole trace: the kubelet's steps and the controllers' pod batches as cohorts (`cohorts`) or each write at once.
 */
function run(
  changes: readonly Change[],
  cohorts: boolean,
  maxPods = Infinity,
): { log: string[]; trace: unknown; stopped?: string } {
  const { sim, log } = simulationWithSyncLog(cohorts);
  const api = sim.api;
  // A run's budget (src/scenario/budget.ts): a watcher that stops the run at a pod's ADD.
  let pods = 0;
  sim.store.watch(
    (ev) => {
      if (ev.type === "ADDED" && ++pods > maxPods) throw new Error(`more than ${maxPods} pods`);
    },
    ["Pod"],
  );
  sim.at(0, "apply", () => {
    api.create(served("d-rec", "Recreate", 0));
    api.create(served("d-roll", "RollingUpdate", 0));
    api.create(served("d-slow", "RollingUpdate", 4));
  });
  let jobs = 0;
  for (const [i, ch] of changes.entries())
    sim.at(ch.at, `change ${i}`, () => {
      if ("scale" in ch || "image" in ch) {
        const name = "scale" in ch ? ch.scale : ch.image;
        const d = structuredClone(api.get("Deployment", "default", name)) as unknown as Deployment;
        if ("scale" in ch) d.spec.replicas = ch.replicas;
        else d.spec.template.spec.containers[0].image = `busybox:1.${i}`;
        api.update(d as unknown as KubeObject);
      } else if ("job" in ch) {
        api.create({
          apiVersion: "batch/v1",
          kind: "Job",
          metadata: { name: `job-${jobs++}`, namespace: "default" },
          spec: {
            parallelism: ch.job,
            completions: ch.job,
            template: { spec: { restartPolicy: "Never", containers: [{ name: "j", image: "j" }] } },
          },
        } as unknown as KubeObject);
      } else if ("service" in ch) {
        const there = api.get("Service", "default", "web") !== undefined;
        if (ch.service && !there)
          api.create({
            apiVersion: "v1",
            kind: "Service",
            metadata: { name: "web", namespace: "default" },
            spec: { selector: { app: "d-roll" }, ports: [{ port: 80 }] },
          } as unknown as KubeObject);
        else if (!ch.service && there) api.delete("Service", "default", "web");
      } else {
        const there = api.get("ResourceQuota", "default", "pods") !== undefined;
        if (there) api.delete("ResourceQuota", "default", "pods");
        if (ch.quota !== undefined)
          api.create({
            apiVersion: "v1",
            kind: "ResourceQuota",
            metadata: { name: "pods", namespace: "default" },
            spec: { hard: { pods: String(ch.quota) } },
          } as unknown as KubeObject);
      }
    });
  try {
    sim.runUntil(90);
  } catch (e) {
    return { log, trace: sim.trace(), stopped: (e as Error).message };
  }
  return { log, trace: sim.trace() };
}

describe("a controller's pod creates and deletes, and the kubelet's steps, as cohorts", () => {
  it("syncs, requeues and records as delivering each write at once", () => {
    // Slow start's batches (replica_set.go slowStartBatch), a quota refusing some creates
    // (FailedCreate, the sync retried after the rate limit), scale-downs, rollouts of a Recreate and
    // a rolling Deployment (one with minReadySeconds), Jobs' pods, and a Service and a quota that
    // come and go, turning the `"each"` routes' filters on and off (`whileAny`).
    fc.assert(
      fc.property(fc.array(changeArb, { maxLength: 8 }), (changes) => {
        const batched = run(changes, true);
        const each = run(changes, false);
        expect(batched.log).toEqual(each.log);
        expect(JSON.stringify(batched.trace)).toBe(JSON.stringify(each.trace));
      }),
      { numRuns: 30 },
    );
  });

  it("leaves the trace and the work queue as at each write when a watcher stops the run at a pod's ADD", () => {
    // A budget's BudgetExceeded thrown from the store's notification in the middle of a
    // ReplicaSet's create batch: the trace (the partial run's report) still has the pod.
    const changes: Change[] = [{ at: 5, scale: "d-roll", replicas: 12 }];
    const batched = run(changes, true, 9);
    const each = run(changes, false, 9);
    expect(batched.stopped).toBe("more than 9 pods");
    expect(each.stopped).toBe("more than 9 pods");
    expect(batched.log).toEqual(each.log);
    expect(JSON.stringify(batched.trace)).toBe(JSON.stringify(each.trace));
  });
});
