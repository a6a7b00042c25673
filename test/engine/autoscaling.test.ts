/**
 * The loop with the real autoscaling stack: metrics-server scrapes, HPA syncs on their
 * cadence (podautoscaler/horizontal.go: every sync period from creation), and the scale
 * write flows through the Deployment and ReplicaSet controllers at the same instant.
 */
import { describe, expect, it } from "vitest";
import type { Deployment, HorizontalPodAutoscaler } from "../../src/k8s/types.ts";
import { Simulation } from "../../src/engine/simulation.ts";
import { valueAt } from "../../src/engine/trace.ts";
import { createAutoscaling } from "../../src/engine/autoscaling.ts";

const deployment = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web" },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: "web" } },
    template: {
      metadata: { labels: { app: "web" } },
      spec: { containers: [{ name: "app", image: "app:1", resources: { requests: { cpu: "100m" } } }] },
    },
  },
} as unknown as Deployment;

const hpa = {
  apiVersion: "autoscaling/v2",
  kind: "HorizontalPodAutoscaler",
  metadata: { name: "web" },
  spec: {
    scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" },
    minReplicas: 1,
    maxReplicas: 5,
    metrics: [
      {
        type: "Resource",
        resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 50 } },
      },
    ],
  },
} as unknown as HorizontalPodAutoscaler;

describe("HPA in the loop (real controllers)", () => {
  const HPA_AT = 7;
  const s = new Simulation({ settings: { "pod.startup": 2 } });
  s.at(0, "apply deployment", () => void s.api.create(deployment));
  s.at(HPA_AT, "apply hpa", () => void s.api.create(hpa));
  s.at(60, "load 180% of one pod", () =>
    s.setLoad("web", { kind: "cpu", amount: { percentOfRequest: 180 } }),
  );
  s.runUntil(300);
  const trace = s.trace();

  it("syncs only at creation + k × hpa.sync-period", () => {
    const syncs = trace.decisions.filter((d) => d.controller === "hpa").map((d) => d.t);
    expect(syncs.length).toBeGreaterThan(5);
    for (const t of syncs) expect((t - HPA_AT) % 15).toBe(0);
    expect(Math.min(...syncs)).toBe(HPA_AT + 15);
  });

  it("scales 1 → ceil(180 / 50) = 4, and the new pods are created at the sync's instant", () => {
    const replicas = trace.series.Deployment.web;
    expect(valueAt(replicas, 300)?.replicas).toBe(4);
    const scaleUp = replicas.find((p) => p.value.replicas > 1)!;
    expect((scaleUp.t - HPA_AT) % 15).toBe(0);
    const created = Object.values(trace.series.Pod).map((p) => p[0].t);
    expect(created.filter((t) => t === scaleUp.t)).toHaveLength(scaleUp.value.replicas - 1);
    const rescale = trace.events.find((e) => e.reason === "SuccessfulRescale");
    expect(rescale?.time).toBe(scaleUp.t);
    expect(rescale?.message).toMatch(
      /^New size: \d; reason: cpu resource utilization \(percentage of request\) above target$/,
    );
  });

  it("records the load at scrapes and at the load change", () => {
    const load = trace.load.web;
    expect(load.some((p) => p.t === 60 && p.value.demandMilli === 180)).toBe(true);
  });
});

describe("the HPA's status writes (own: stored as sent)", () => {
  // The HPA builds each status it writes and never changes it afterwards, so its write gives
  // the status up (Write's `own`) and the API server stores that very object, as it does the
  // kubelet's (SimApiServer.updateOwnStatus): the next sync then knows its own write by
  // identity (controller.ts adoptWrittenStatus) instead of comparing the statuses.
  const autoscaling = createAutoscaling();
  const s = new Simulation({ settings: { "pod.startup": 2 }, autoscaling });
  s.at(0, "apply deployment", () => void s.api.create(deployment));
  s.at(7, "apply hpa", () => void s.api.create(hpa));
  // 40 % of a pod's request at target 50 %: no rescale, but a new utilization at each change.
  for (const [t, percent] of [
    [60, 40],
    [120, 45],
    [180, 42],
  ] as const)
    s.at(t, `load ${percent}%`, () =>
      s.setLoad("web", { kind: "cpu", amount: { percentOfRequest: percent } }),
    );
  const stored: unknown[] = [];
  const adopted: unknown[] = [];
  for (let t = 22; t <= 292; t += 15) {
    s.runUntil(t);
    stored.push(s.api.get("HorizontalPodAutoscaler", "default", "web")?.status);
    adopted.push(autoscaling.hpaState("web")?.unchangedStatus?.status);
  }

  it("keeps the written status object in the store, and the next sync adopts it by identity", () => {
    const written = new Set(stored.filter((st, i) => i > 0 && st !== stored[i - 1]));
    // Each load change gives a new utilization: a status write that scales nothing.
    expect(written.size).toBeGreaterThanOrEqual(3);
    expect(s.api.get("Deployment", "default", "web")?.spec.replicas).toBe(1);
    // After the sync that follows each write, the quiet record holds the stored status itself.
    for (const st of written) expect(adopted).toContain(st);
  });
});
