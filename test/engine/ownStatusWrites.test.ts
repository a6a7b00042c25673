/**
 * The ReplicaSet and Deployment controllers' status writes given up (controller.ts Write's
 * `own`): each sync builds the status it sends and never changes it, nor its parts, afterwards,
 * so the API server stores that very object (SimApiServer.updateOwnStatus) instead of a copy
 * (updateStatus). Held to the copying path: the same run with every write's `own` taken off
 * (the API server then copies each status, as UpdateStatus's decoding does in
 * kube-apiserver) stores the same objects and records the same trace, byte for byte. The run
 * scales, rolls out a new template with minReadySeconds, and has creates refused by a
 * ResourceQuota (replica_set.go manageReplicas: the ReplicaFailure condition, which the
 * Deployment copies: deployment/progress.go getReplicaFailures).
 */
import { describe, expect, it } from "vitest";
import type { Controller, Write } from "../../src/engine/controller.ts";
import { createAutoscaling } from "../../src/engine/autoscaling.ts";
import { defaultControllers } from "../../src/engine/defaultControllers.ts";
import { Simulation } from "../../src/engine/simulation.ts";
import { builtinKinds } from "../../src/k8s/kinds/builtin.ts";
import type { Deployment, KubeObject } from "../../src/k8s/types.ts";

const deployment = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web" },
  spec: {
    replicas: 3,
    minReadySeconds: 5,
    selector: { matchLabels: { app: "web" } },
    template: {
      metadata: { labels: { app: "web" } },
      spec: { containers: [{ name: "app", image: "app:1", resources: { requests: { cpu: "100m" } } }] },
    },
  },
} as unknown as Deployment;

const quota = {
  apiVersion: "v1",
  kind: "ResourceQuota",
  metadata: { name: "pods" },
  spec: { hard: { pods: "4" } },
} as unknown as KubeObject;

/** One run; `keepOwn` false takes `own` off every write. The stored objects' texts at each checkpoint. */
function run(keepOwn: boolean) {
  const sent = new Set<unknown>();
  const writes = (ws: Write[]): void => {
    for (const w of ws)
      if (w.op === "updateStatus" && w.own === true) {
        sent.add((w.object as { status?: unknown }).status);
        if (!keepOwn) delete w.own;
      }
  };
  const watched = (c: Controller): Controller => ({
    ...c,
    reconcile: (ctx, key) => {
      const result = c.reconcile(ctx, key);
      writes(result.writes);
      return result;
    },
  });
  const autoscaling = createAutoscaling();
  const sim = new Simulation({
    autoscaling,
    controllers: defaultControllers(autoscaling, builtinKinds.extend()).map(watched),
    settings: { "pod.startup": 3 },
  });
  const edit = (change: (d: Deployment) => Deployment) => () => {
    const d = sim.api.get("Deployment", "default", "web")!;
    sim.api.update(change(d) as unknown as KubeObject);
  };
  const scale = (replicas: number) => edit((d) => ({ ...d, spec: { ...d.spec, replicas } }));
  sim.at(0, "apply", () => void sim.api.create(deployment as unknown as KubeObject));
  sim.at(30, "scale 8", scale(8));
  sim.at(
    90,
    "new image",
    edit((d) => {
      const next = structuredClone(d);
      next.spec.template.spec.containers[0].image = "app:2";
      return next;
    }),
  );
  sim.at(200, "scale 2", scale(2));
  sim.at(260, "quota", () => void sim.api.create(quota));
  sim.at(270, "scale 6", scale(6));
  sim.at(400, "quota gone", () => void sim.api.delete("ResourceQuota", "default", "pods"));
  const texts: string[] = [];
  const storedOwn: boolean[] = [];
  for (let t = 15; t <= 600; t += 15) {
    sim.runUntil(t);
    const objects = [
      ...sim.api.listAll("Deployment"),
      ...sim.api.listAll("ReplicaSet"),
      ...sim.api.listAll("Pod"),
    ];
    texts.push(JSON.stringify(objects));
    for (const o of objects)
      if (o.kind !== "Pod") storedOwn.push(sent.has((o as { status?: unknown }).status));
  }
  return { texts, trace: JSON.stringify(sim.trace()), sent, storedOwn };
}

describe("the ReplicaSet's and the Deployment's status writes (own: stored as sent)", () => {
  const given = run(true);
  const copied = run(false);

  it("exercises the status writes, the rollout and the refused creates", () => {
    expect(given.sent.size).toBeGreaterThan(20);
    const last = given.texts[given.texts.length - 1];
    expect(given.texts.some((t) => t.includes('"ReplicaFailure"'))).toBe(true);
    expect(last).toContain('"app:2"');
  });

  it("stores each status sent as the object itself", () => {
    // Each checkpoint's Deployment and ReplicaSets hold a status their controller sent, not a copy.
    expect(given.storedOwn.filter(Boolean).length).toBeGreaterThan(given.storedOwn.length / 2);
    // The copying path stores none of them.
    expect(copied.sent.size).toBe(given.sent.size);
    expect(copied.storedOwn.some(Boolean)).toBe(false);
  });

  it("stores the same objects and records the same trace as the copying path", () => {
    expect(given.texts).toEqual(copied.texts);
    expect(given.trace).toBe(copied.trace);
  });
});
