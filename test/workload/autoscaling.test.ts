// The autoscaling subsystem end to end: load → metrics-server → HPA sync → scale write.
import { describe, expect, it } from "vitest";
import type { Deployment, Kind, KubeObject, ObjectOfKind } from "../../src/k8s/types.ts";
import { defaultSettings } from "../../src/engine/settings.ts";
import { createAutoscaling } from "../../src/engine/autoscaling.ts";
import {
  MemStore,
  ctxAt,
  cpuUtilization,
  deployment,
  hpa,
  hpaCtxAt,
  pod,
} from "../controllers/hpa/objects.ts";

function world() {
  const store = new MemStore([
    deployment("web", 1, "200m"),
    pod("web-1", { start: 0, readySince: 0, cpuRequest: "200m" }),
    hpa("web", "web", { max: 10, metrics: [cpuUtilization(70)] }),
  ]);
  return { store, a: createAutoscaling() };
}

/** One sync through the subsystem; the size the scale subresource was set to, if it was. */
function syncHPA(a: ReturnType<typeof createAutoscaling>, store: MemStore, now: number, name = "web") {
  const ctx = hpaCtxAt(store, now);
  const result = a.syncHPA(ctx, name);
  return { result, scaledTo: (ctx.scaled.at(-1) as Deployment | undefined)?.spec.replicas };
}

describe("createAutoscaling", () => {
  it("`load cpu 180%` on one pod at target 70% asks for 3 pods", () => {
    const { store, a } = world();
    a.setLoad(ctxAt(store, 0), "web", { kind: "cpu", amount: { percentOfRequest: 180 } });
    a.scrape(ctxAt(store, 0));
    a.scrape(ctxAt(store, 15));
    const { result: r, scaledTo } = syncHPA(a, store, 15);
    expect(scaledTo).toBe(3);
    expect(r.events[0].message).toBe(
      "New size: 3; reason: cpu resource utilization (percentage of request) above target",
    );
  });

  it("reacts only once a scrape window has seen the load (the delay comes from the pipeline)", () => {
    const { store, a } = world();
    a.observe(ctxAt(store, 0));
    a.scrape(ctxAt(store, 0));
    a.scrape(ctxAt(store, 15));
    a.setLoad(ctxAt(store, 20), "web", { kind: "cpu", amount: { percentOfRequest: 180 } });
    // The sync at 30 reads the 30 s sample: 10 s of load in a 15 s window → 120 % of request.
    a.scrape(ctxAt(store, 30));
    const first = syncHPA(a, store, 30);
    expect(a.metricsServer.sample("web-1")!.containers.nginx.cpu).toBe(240);
    expect(first.scaledTo).toBe(2);
  });

  it("keeps each HPA's recommendations between syncs and forgets them on delete", () => {
    const { store, a } = world();
    a.scrape(ctxAt(store, 0));
    a.scrape(ctxAt(store, 15));
    syncHPA(a, store, 15);
    expect(a.hpaState("web")!.recommendations).toHaveLength(2);
    a.forgetHPA("web");
    expect(a.hpaState("web")).toBeUndefined();
  });

  it("summarises load per Deployment and wakes up at a ramp's end", () => {
    const { store, a } = world();
    a.setLoad(ctxAt(store, 0), "web", {
      kind: "cpu",
      amount: { milli: 0 },
      rampTo: { milli: 400 },
      rampOver: 40,
    });
    expect(a.nextWakeup(0)).toBe(40);
    expect(a.loadSummaries(ctxAt(store, 20)).web).toMatchObject({
      demandMilli: 200,
      servedMilli: 200,
      readyPods: 1,
    });
  });

  it("re-spreads the load when a new pod becomes ready", () => {
    const { store, a } = world();
    a.setLoad(ctxAt(store, 0), "web", { kind: "cpu", amount: { milli: 400 } });
    store.put(pod("web-2", { start: 10, readySince: 12, cpuRequest: "200m" }));
    a.observe(ctxAt(store, 12));
    expect([a.workload.cpuAt("web-1", 12), a.workload.cpuAt("web-2", 12)]).toEqual([200, 200]);
  });

  it("observes a pod written between two calls at one instant (a scrape, then an HPA sync)", () => {
    // The store hands out one frozen pods list until a pod is written, as the engine's does:
    // a second observe at the same instant over the same list does nothing, and over a new
    // list re-spreads as the first would have.
    class FrozenPodsStore extends MemStore {
      private pods: readonly KubeObject[] | undefined;
      override listAll<K extends Kind>(kind: K) {
        if (kind !== "Pod") return super.listAll(kind);
        return (this.pods ??= Object.freeze(super.listAll(kind))) as ObjectOfKind<K>[];
      }
      override put(o: KubeObject): void {
        if (o.kind === "Pod") this.pods = undefined;
        super.put(o);
      }
    }
    const { store: mem } = world();
    const store = new FrozenPodsStore(mem.objects);
    const a = createAutoscaling();
    const settings = defaultSettings();
    const at = (now: number) => ({ now, store, settings });
    a.setLoad(at(0), "web", { kind: "cpu", amount: { milli: 400 } });
    a.scrape(at(12));
    a.observe(at(12));
    expect(a.workload.cpuAt("web-1", 12)).toBe(400);
    store.put(pod("web-2", { start: 10, readySince: 12, cpuRequest: "200m" }));
    a.observe(at(12));
    expect([a.workload.cpuAt("web-1", 12), a.workload.cpuAt("web-2", 12)]).toEqual([200, 200]);
  });

  // horizontal.go keeps each HPA's selector as its last sync validated it (hpaSelectors) and
  // checks the pods against all of them: an HPA not yet synced selects nothing.
  it("remembers each HPA's selector between syncs: two HPAs on one Deployment become ambiguous", () => {
    const { store, a } = world();
    store.put(hpa("web-2", "web", { max: 10, metrics: [cpuUtilization(70)] }));
    a.setLoad(ctxAt(store, 0), "web", { kind: "cpu", amount: { percentOfRequest: 180 } });
    a.scrape(ctxAt(store, 0));
    a.scrape(ctxAt(store, 15));
    const reasons = (r: { events: { reason: string }[] }) => r.events.map((e) => e.reason);
    expect(reasons(syncHPA(a, store, 15, "web").result)).toEqual(["SuccessfulRescale"]);
    expect(reasons(syncHPA(a, store, 15, "web-2").result)).toEqual([
      "AmbiguousSelector",
      "FailedComputeMetricsReplicas",
    ]);
    expect(syncHPA(a, store, 30, "web").result.events[0].message).toBe(
      "pods by selector app=web are controlled by multiple HPAs: [default/web default/web-2]",
    );
    a.forgetHPA("web-2");
    expect(reasons(syncHPA(a, store, 45, "web").result)).not.toContain("AmbiguousSelector");
  });
});
