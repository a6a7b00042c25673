/**
 * The engine with the real controllers, checked over the trace against the worked example
 * in docs/kubernetes/deploy-semantics.md §4.2 (deployment/rolling.go reconcileNewReplicaSet /
 * reconcileOldReplicaSets) and the Recreate rule of §7 (deployment/recreate.go).
 */
import { describe, expect, it } from "vitest";
import type { Deployment } from "../../src/k8s/types.ts";
import { Simulation } from "../../src/engine/simulation.ts";
import type { Point, PodSummary, Trace } from "../../src/engine/trace.ts";
import { valueAt } from "../../src/engine/trace.ts";

function deployment(replicas: number, strategy: Deployment["spec"]["strategy"]): Deployment {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web" },
    spec: {
      replicas,
      selector: { matchLabels: { app: "web" } },
      strategy,
      template: {
        metadata: { labels: { app: "web" } },
        spec: { containers: [{ name: "app", image: "nginx:1.24" }] },
      },
    },
  } as unknown as Deployment;
}

/** Create the Deployment at 0, change its image at `t`, run to `end`. */
function rollout(
  strategy: Deployment["spec"]["strategy"],
  replicas: number,
  t: number,
  end: number,
  settings = {},
): Simulation {
  const s = new Simulation({ settings: { "pod.startup": 10, "image.pull-time": 0, ...settings } });
  s.at(0, "apply", () => void s.api.create(deployment(replicas, strategy)));
  s.at(t, "set image", () => {
    const d = structuredClone(s.api.get("Deployment", "default", "web")!);
    d.spec.template.spec.containers[0].image = "nginx:1.25";
    s.api.update(d);
  });
  s.runUntil(end);
  return s;
}

/** Names of the old and new ReplicaSets, by image. */
function replicaSets(trace: Trace): { old: string; next: string } {
  const names = Object.keys(trace.series.ReplicaSet);
  const image = (n: string) => trace.series.ReplicaSet[n][0].value.images.app;
  return {
    old: names.find((n) => image(n) === "nginx:1.24")!,
    next: names.find((n) => image(n) === "nginx:1.25")!,
  };
}

/** Every instant at which some pod changed, with the pods then (not terminating) and available. */
function podCounts(trace: Trace): { t: number; pods: number; available: number }[] {
  const series = Object.values(trace.series.Pod) as Point<PodSummary>[][];
  const times = [...new Set(series.flatMap((s) => s.map((p) => p.t)))].sort((a, b) => a - b);
  return times.map((t) => {
    const states = series
      .map((s) => valueAt(s, t))
      .filter((v): v is PodSummary => v !== undefined && v.exists);
    return {
      t,
      pods: states.filter((v) => !v.terminating).length,
      available: states.filter((v) => v.available).length,
    };
  });
}

describe("rolling update: replicas 10, maxSurge 3, maxUnavailable 2, pods ready 10 s after creation", () => {
  const T = 60;
  const s = rollout({ type: "RollingUpdate", rollingUpdate: { maxSurge: 3, maxUnavailable: 2 } }, 10, T, 120);
  const trace = s.trace();
  const { old, next } = replicaSets(trace);
  const rs = trace.series.ReplicaSet;
  const specAt = (name: string, t: number) => valueAt(rs[name], t)?.replicas;

  it("within the instant t: the new RS is created at 3, old 10 → 8, new grows to 5", () => {
    expect(rs[next][0].t).toBe(T);
    const newSizes = rs[next].filter((p) => p.t === T).map((p) => p.value.replicas);
    expect(newSizes[0]).toBe(3);
    expect([...new Set(newSizes)]).toEqual([3, 5]);
    const oldSizes = rs[old].filter((p) => p.t === T).map((p) => p.value.replicas);
    expect([...new Set(oldSizes)]).toEqual([8]);
    expect(valueAt(rs[old], T - 0.001)?.replicas).toBe(10);
  });

  it.each([
    [T, 5, 8],
    [T + 10, 10, 3],
    [T + 20, 10, 0],
  ])("at t=%is new/old are %i/%i", (t, n, o) => {
    expect([specAt(next, t), specAt(old, t)]).toEqual([n, o]);
  });

  it("the rollout is complete at t+20s and not before", () => {
    const d = trace.series.Deployment.web;
    expect(valueAt(d, T + 20)?.complete).toBe(true);
    expect(valueAt(d, T + 19.999)?.complete).toBe(false);
    expect(valueAt(d, T)?.complete).toBe(false);
  });

  it("available never below 8, pods never above 13 (over every pod change)", () => {
    const counts = podCounts(trace).filter((c) => c.t >= T);
    expect(counts.length).toBeGreaterThan(3);
    expect(Math.min(...counts.map((c) => c.available))).toBe(8);
    expect(Math.max(...counts.map((c) => c.pods))).toBe(13);
    const d = trace.series.Deployment.web.filter((p) => p.t >= T);
    for (const p of d) {
      expect(p.value.available).toBeGreaterThanOrEqual(8);
      expect(p.value.pods).toBeLessThanOrEqual(13);
    }
  });

  it("events say it as the deployment controller does", () => {
    const scaling = trace.events
      .filter((e) => e.reason === "ScalingReplicaSet" && e.time === T)
      .map((e) => e.message);
    expect(scaling).toEqual([
      `Scaled up replica set ${next} to 3`,
      `Scaled down replica set ${old} to 8 from 10`,
      `Scaled up replica set ${next} to 5 from 3`,
    ]);
  });

  it("same input twice → byte-identical trace JSON", () => {
    const again = rollout(
      { type: "RollingUpdate", rollingUpdate: { maxSurge: 3, maxUnavailable: 2 } },
      10,
      T,
      120,
    ).trace();
    expect(JSON.stringify(again)).toBe(JSON.stringify(trace));
  });
});

describe("Recreate: new pods only once the last old pod is gone", () => {
  const T = 60;
  const s = rollout({ type: "Recreate" }, 3, T, 120, { "pod.shutdown": 5 });
  const trace = s.trace();
  const { old, next } = replicaSets(trace);
  const pods = Object.values(trace.series.Pod);
  const oldPods = pods.filter((p) => p[0].value.replicaSet === old);
  const newPods = pods.filter((p) => p[0].value.replicaSet === next);

  it("old pods are all gone at t+5s, and the first new pod is created then, not before", () => {
    expect(oldPods).toHaveLength(3);
    expect(newPods).toHaveLength(3);
    const lastOldGone = Math.max(...oldPods.map((p) => p.find((x) => !x.value.exists)!.t));
    expect(lastOldGone).toBe(T + 5);
    expect(Math.min(...newPods.map((p) => p[0].t))).toBe(T + 5);
  });

  it("old and new pods never exist at the same time; the new ones are ready at t+15s", () => {
    const times = [...new Set(pods.flatMap((p) => p.map((x) => x.t)))];
    for (const t of times) {
      const live = (group: typeof pods) => group.filter((p) => valueAt(p, t)?.exists).length;
      expect(live(oldPods) === 0 || live(newPods) === 0).toBe(true);
    }
    expect(valueAt(trace.series.ReplicaSet[next], T + 15)?.available).toBe(3);
    expect(valueAt(trace.series.Deployment.web, T + 15)?.complete).toBe(true);
  });
});
