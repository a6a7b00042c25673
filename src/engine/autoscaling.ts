/**
 * The autoscaling subsystem the simulation loop drives (subsystems.ts `Autoscaling`): the
 * workload model, the metrics pipeline and each HPA's in-memory controller state, which share
 * what the store does not hold (usage integrals, metric samples, recommendation and
 * scale-event lists). HPAConfig comes from the run's settings at every sync.
 */
import type { Pod, Time } from "../k8s/types.ts";
import type { ReconcileContext, ReconcileResult } from "./controller.ts";
import {
  hpaConfigFromSettings,
  newHPAState,
  reconcileHPA,
  type HPAState,
} from "./controllers/hpa/controller.ts";
import { MetricsServer } from "./metrics/metricsServer.ts";
import type { PodResourceSample } from "./metrics/types.ts";
import type { SelectorRequirement } from "../k8s/labelSelectorParse.ts";
import type { Autoscaling, HPASyncContext } from "./subsystems.ts";
import type { LoadSummary } from "./trace.ts";
import { WorkloadModel } from "./workload/loadModel.ts";
import type { LoadSpec } from "./workload/types.ts";

/** What makes the load spread change: which pods run, are ready, or terminate. */
function podsSignature(pods: readonly Pod[]): string {
  return pods
    .map((p) => {
      const ready = (p.status.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True");
      const labels = Object.entries(p.metadata.labels ?? {})
        .map(([k, v]) => `${k}=${v}`)
        .join(",");
      return `${p.metadata.name}|${p.status.phase}|${ready}|${p.metadata.deletionTimestamp ?? ""}|${labels}`;
    })
    .join(";");
}

export interface AutoscalingInternals {
  workload: WorkloadModel;
  metricsServer: MetricsServer;
  hpaState(name: string): HPAState | undefined;
}

export function createAutoscaling(): Autoscaling & AutoscalingInternals {
  const workload = new WorkloadModel();
  const metricsServer = new MetricsServer(workload);
  const states = new Map<string, HPAState>();
  // horizontal.go's hpaSelectors: each HPA's selector as its last sync validated it.
  const selectors = new Map<string, readonly SelectorRequirement[]>();
  let signature = "";
  let respreadAt: Time | undefined;

  const observe = (ctx: ReconcileContext, force: boolean) => {
    const sig = podsSignature(ctx.store.list("Pod"));
    const wake = respreadAt === undefined ? undefined : workload.nextWakeup(respreadAt);
    if (!force && sig === signature && (wake === undefined || wake > ctx.now)) return;
    workload.observe(ctx.store, ctx.settings, ctx.now);
    signature = sig;
    respreadAt = ctx.now;
  };

  return {
    workload,
    metricsServer,
    hpaState: (name) => states.get(name),
    setLoad(ctx: ReconcileContext, deployment: string, spec: LoadSpec): void {
      workload.setLoad(ctx.store, ctx.settings, ctx.now, deployment, spec);
      signature = podsSignature(ctx.store.list("Pod"));
      respreadAt = ctx.now;
    },
    observe(ctx: ReconcileContext): void {
      observe(ctx, false);
    },
    scrape(ctx: ReconcileContext): void {
      observe(ctx, false);
      metricsServer.scrape(ctx.store, ctx.settings, ctx.now);
    },
    syncHPA(ctx: HPASyncContext, name: string): ReconcileResult {
      observe(ctx, false);
      metricsServer.setClock(ctx.now, ctx.settings);
      const { result, state, selector } = reconcileHPA(
        { ...ctx, hpaSelectors: selectors },
        name,
        states.get(name) ?? newHPAState(),
        metricsServer.client(ctx.store),
        hpaConfigFromSettings(ctx.settings),
      );
      states.set(name, state);
      if (selector) selectors.set(name, selector);
      return result;
    },
    forgetHPA(name: string): void {
      states.delete(name);
      selectors.delete(name);
    },
    loadSummaries(ctx: ReconcileContext): Record<string, LoadSummary> {
      observe(ctx, false);
      return workload.summaries(ctx.store, ctx.settings, ctx.now);
    },
    nextWakeup(now: Time): Time | undefined {
      return workload.nextWakeup(now);
    },
    podMetrics(podNames: readonly string[]): PodResourceSample[] {
      return podNames.flatMap((n) => {
        const s = metricsServer.sample(n);
        return s ? [s] : [];
      });
    },
  };
}
