/**
 * The autoscaling stack the simulation drives: the workload model, the metrics pipeline and
 * each HPA's in-memory controller state, which share what the store does not hold (usage
 * integrals, metric samples, recommendation and scale-event lists). HPAConfig comes from the
 * run's settings at every sync. The HPA controller is registered with the engine like any
 * other (`hpaController`), its syncs going through this stack.
 */
import { parseQualifiedName, qualifiedName } from "../k8s/namespaces.ts";
import type { Pod, Time } from "../k8s/types.ts";
import type { Controller, ControllerContext, ReconcileContext, ReconcileResult } from "./controller.ts";
import {
  hpaConfigFromSettings,
  newHPAState,
  reconcileHPA,
  type HPAConfig,
  type HPAState,
} from "./controllers/hpa/controller.ts";
import { CustomMetricsPipeline, type ExternalMetricsAdapter } from "./metrics/customMetrics.ts";
import { MetricsServer } from "./metrics/metricsServer.ts";
import type { PodResourceSample } from "./metrics/types.ts";
import type { SelectorRequirement } from "../k8s/labelSelectorParse.ts";
import type { LoadSummary } from "./trace.ts";
import { WorkloadModel } from "./workload/loadModel.ts";
import { SpreadPods } from "./workload/spreadPods.ts";
import type { LoadSpec } from "./workload/types.ts";
import type { Windows } from "./faults/index.ts";
import type { Settings } from "./settings.ts";

/**
 * Load, metrics pipeline and HPA controller, which share in-memory state that is not in the
 * store (usage integrals, metric samples, each HPA's recommendation and scale-event lists).
 */
export interface Autoscaling {
  /** A `load` statement took effect at ctx.now (on the Deployment of this qualified name). */
  setLoad(ctx: ReconcileContext, deployment: string, spec: LoadSpec): void;
  /** Pods (or their readiness) changed at ctx.now: re-spread the load from now on. Cheap when nothing relevant changed. */
  observe(ctx: ReconcileContext): void;
  /** metrics-server scrape at ctx.now (every `metrics.resolution`). */
  scrape(ctx: ReconcileContext): void;
  /** One HPA sync (every `hpa.sync-period` from the HPA's creation); it reads and writes /scale through ctx.scales. */
  syncHPA(ctx: ControllerContext, key: string): ReconcileResult;
  /** The HPA was deleted: drop its in-memory state. */
  forgetHPA(key: string): void;
  /** Load summary of every Deployment that has load, at ctx.now (recorded in the trace). */
  loadSummaries(ctx: ReconcileContext): Record<string, LoadSummary>;
  /** Next time a ramp or timed load (e.g. memory `for D`) needs the loop to wake up, if any. */
  nextWakeup(now: Time): Time | undefined;
  /** metrics.k8s.io PodMetrics (metrics-server's latest sample) of those pods of a namespace that have one. */
  podMetrics(namespace: string, podNames: readonly string[]): PodResourceSample[];
  /** A running pod's working set now, bytes, by its qualified name (what the kubelet's OOM check compares with limits). */
  memoryOf?(pod: string, settings: Settings): number | undefined;
  /**
   * The value `load … metric NAME` sets at `now`, summed over the namespace's workloads that
   * carry it, whatever their pods; undefined when none does (what KEDA's prometheus trigger reads).
   */
  loadMetric?(namespace: string, name: string, now: Time): number | undefined;
  /** An adapter that answers some external metrics before prometheus-adapter does (KEDA's). */
  serveExternalMetrics?(adapter: ExternalMetricsAdapter): void;
}

/**
 * The HPA controller as the engine runs it. Every HPA is added with queue.AddRateLimited on a
 * FixedItemIntervalRateLimiter of the sync period (podautoscaler/horizontal.go enqueueHPA:
 * "Requests are always added to queue with resyncPeriod delay"), so an HPA created at c is
 * first synced at c + period, then every period. Example, period 15 s, created at 3 s: syncs
 * at 18, 33, 48 ….
 */
export function hpaController(autoscaling: Autoscaling): Controller {
  return {
    name: "hpa",
    kind: "HorizontalPodAutoscaler",
    reconcile: (ctx, name) => autoscaling.syncHPA(ctx, name),
    resync: (settings) => settings["hpa.sync-period"],
    forget: (name) => autoscaling.forgetHPA(name),
  };
}

export interface AutoscalingInternals {
  workload: WorkloadModel;
  metricsServer: MetricsServer;
  customMetrics: CustomMetricsPipeline;
  hpaState(name: string): HPAState | undefined;
}

export interface AutoscalingOptions {
  /** When metrics-server is down (the simulation's `faults.metricsServer`). */
  metricsServerDown?: Windows;
  /** Whether a node's kubelet is down at t: metrics-server cannot scrape its pods. */
  nodeDown?: (node: string, t: Time) => boolean;
}

/** The HPA flags of a run's settings, read once per settings object (a run's are never changed). */
const hpaConfigs = new WeakMap<Settings, HPAConfig>();

function hpaConfigOf(settings: Settings): HPAConfig {
  let config = hpaConfigs.get(settings);
  if (!config) hpaConfigs.set(settings, (config = hpaConfigFromSettings(settings)));
  return config;
}

export function createAutoscaling(options: AutoscalingOptions = {}): Autoscaling & AutoscalingInternals {
  const workload = new WorkloadModel();
  const customMetrics = new CustomMetricsPipeline(workload);
  const metricsServer = new MetricsServer(
    workload,
    customMetrics,
    options.metricsServerDown,
    options.nodeDown,
  );
  const states = new Map<string, HPAState>();
  // horizontal.go's hpaSelectors: each HPA's selector as its last sync validated it.
  const selectors = new Map<string, readonly SelectorRequirement[]>();
  const spreadPods = new SpreadPods();
  let respreadAt: Time | undefined;
  // What the last observe read: the store, its (frozen) pods list, the settings and the clock.
  // Another at the same instant over the very same list finds what it found — no pod change
  // (the store hands out a new list after any pod write), the wake-up it compared already
  // passed or still to come, custom metrics scraped or not due — and does nothing: a scrape
  // and an HPA sync fall on the same instants (both every 15 s), and each observes first.
  let observedStore: ReconcileContext["store"] | undefined;
  let observedPods: readonly Pod[] | undefined;
  let observedSettings: Settings | undefined;
  let observedAt: Time | undefined;

  const observe = (ctx: ReconcileContext, force: boolean) => {
    const pods = ctx.store.listAll("Pod");
    if (
      !force &&
      observedAt === ctx.now &&
      observedPods === pods &&
      observedStore === ctx.store &&
      observedSettings === ctx.settings
    )
      return;
    const changed = workload.podsChanged(ctx.store) ?? spreadPods.changed(pods);
    const wake = respreadAt === undefined ? undefined : workload.nextWakeup(respreadAt);
    if (force || changed || (wake !== undefined && wake <= ctx.now)) {
      workload.observe(ctx.store, ctx.settings, ctx.now);
      spreadPods.spread(pods);
      respreadAt = ctx.now;
    }
    // Prometheus scrapes at its own interval; the loop is woken for each (nextWakeup).
    customMetrics.maybeScrape(ctx.store, ctx.settings, ctx.now);
    const frozen = Object.isFrozen(pods);
    observedStore = frozen ? ctx.store : undefined;
    observedPods = frozen ? pods : undefined;
    observedSettings = ctx.settings;
    observedAt = ctx.now;
  };

  return {
    workload,
    metricsServer,
    customMetrics,
    hpaState: (name) => states.get(name),
    setLoad(ctx: ReconcileContext, deployment: string, spec: LoadSpec): void {
      // A load changes what an observe finds (its channels, their wake-ups and custom metrics).
      observedAt = undefined;
      workload.setLoad(ctx.store, ctx.settings, ctx.now, deployment, spec);
      spreadPods.spread(ctx.store.listAll("Pod"));
      respreadAt = ctx.now;
      customMetrics.maybeScrape(ctx.store, ctx.settings, ctx.now);
    },
    observe(ctx: ReconcileContext): void {
      observe(ctx, false);
    },
    scrape(ctx: ReconcileContext): void {
      observe(ctx, false);
      metricsServer.scrape(ctx.store, ctx.settings, ctx.now);
    },
    syncHPA(ctx: ControllerContext, key: string): ReconcileResult {
      observe(ctx, false);
      metricsServer.setClock(ctx.now, ctx.settings);
      const { result, state, selector } = reconcileHPA(
        // What the HPA sync reads of the context (a spread of the whole context cost more).
        {
          now: ctx.now,
          store: ctx.store,
          settings: ctx.settings,
          scales: ctx.scales,
          hpaSelectors: selectors,
        },
        key,
        states.get(key) ?? newHPAState(),
        metricsServer.client(parseQualifiedName(key).namespace),
        hpaConfigOf(ctx.settings),
      );
      states.set(key, state);
      if (selector) selectors.set(key, selector);
      return result;
    },
    forgetHPA(key: string): void {
      states.delete(key);
      selectors.delete(key);
    },
    loadSummaries(ctx: ReconcileContext): Record<string, LoadSummary> {
      observe(ctx, false);
      return workload.summaries(ctx.store, ctx.settings, ctx.now);
    },
    nextWakeup(now: Time): Time | undefined {
      const load = workload.nextWakeup(now);
      const scrape = customMetrics.nextScrape(now);
      return load === undefined ? scrape : scrape === undefined ? load : Math.min(load, scrape);
    },
    memoryOf(pod: string, settings: Settings): number | undefined {
      return workload.memoryAt(pod, settings["memory.retain"]);
    },
    loadMetric(namespace: string, name: string, now: Time): number | undefined {
      let total: number | undefined;
      for (const d of workload.deploymentsWithMetric(name)) {
        if (parseQualifiedName(d).namespace !== namespace) continue;
        const v = workload.metricValue(d, name, now);
        if (v !== undefined) total = (total ?? 0) + v;
      }
      return total;
    },
    serveExternalMetrics(adapter: ExternalMetricsAdapter): void {
      customMetrics.externalAdapter = adapter;
    },
    podMetrics(namespace: string, podNames: readonly string[]): PodResourceSample[] {
      return podNames.flatMap((n) => {
        const s = metricsServer.sample(qualifiedName(namespace, n));
        return s ? [s] : [];
      });
    },
  };
}
