/**
 * The parts the simulation loop drives, declared here so that the loop (simulation.ts) and
 * the parts (controllers/, workload/, metrics/) are built and tested apart. The default set
 * is wired in defaultSubsystems.ts.
 */
import type { Time } from "../k8s/types.ts";
import type { ReconcileContext, ReconcileResult } from "./controller.ts";
import type { LoadSummary } from "./trace.ts";
import type { LoadSpec } from "./workload/types.ts";
import type { PodResourceSample } from "./metrics/types.ts";
import type { ScaleClient } from "./controllers/hpa/scaleClient.ts";

/** What an HPA sync gets besides the snapshot: the scale subresource, through the API server. */
export interface HPASyncContext extends ReconcileContext {
  scales: ScaleClient;
}

/** A reconcile function for one object kind, keyed by object name. */
export type Reconciler = (ctx: ReconcileContext, name: string) => ReconcileResult;

/**
 * Load, metrics pipeline and HPA controller, which share in-memory state that is not in the
 * store (usage integrals, metric samples, each HPA's recommendation and scale-event lists).
 */
export interface Autoscaling {
  /** A `load` statement took effect at ctx.now. */
  setLoad(ctx: ReconcileContext, deployment: string, spec: LoadSpec): void;
  /** Pods (or their readiness) changed at ctx.now: re-spread the load from now on. Cheap when nothing relevant changed. */
  observe(ctx: ReconcileContext): void;
  /** metrics-server scrape at ctx.now (every `metrics.resolution`). */
  scrape(ctx: ReconcileContext): void;
  /** One HPA sync (every `hpa.sync-period` from the HPA's creation); it reads and writes /scale through ctx.scales. */
  syncHPA(ctx: HPASyncContext, name: string): ReconcileResult;
  /** The HPA was deleted: drop its in-memory state. */
  forgetHPA(name: string): void;
  /** Load summary of every Deployment that has load, at ctx.now (recorded in the trace). */
  loadSummaries(ctx: ReconcileContext): Record<string, LoadSummary>;
  /** Next time a ramp or timed load (e.g. memory `for D`) needs the loop to wake up, if any. */
  nextWakeup(now: Time): Time | undefined;
  /** metrics.k8s.io PodMetrics (metrics-server's latest sample) of those pods that have one. */
  podMetrics(podNames: readonly string[]): PodResourceSample[];
}

export interface Subsystems {
  deployment: Reconciler;
  replicaSet: Reconciler;
  autoscaling: Autoscaling;
}
