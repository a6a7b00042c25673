/**
 * The simulation: a Kubernetes control plane in virtual time (implements `Cluster`).
 *
 * One `EventQueue` owns the clock. Timed events are scenario actions, kubelet transitions,
 * timed requeues, load wake-ups, metrics-server scrapes and HPA syncs. After each batch of
 * events due at the same (time, priority) the loop *settles*: it drains the controllers'
 * work queue until no controller has anything left to do at that instant, so "the state at
 * T" is the state after everything due at T.
 *
 * Order at one instant (lower first): scenario actions (in the order scheduled, all before
 * any controller reacts), kubelet, timed requeues, load wake-ups, scrapes, HPA syncs.
 *
 * The work queue is one FIFO of (controller, key) shared by the deployment and ReplicaSet
 * controllers, with client-go's dedup: a key queued and not yet processed is not queued
 * twice. Watches route store changes to keys as deploy-semantics.md §3 says (watches.ts).
 * A controller that keeps waking itself at one instant is a livelock, reported with its name.
 *
 * HPAs: the HPA controller adds every key with `queue.AddRateLimited` on a
 * FixedItemIntervalRateLimiter of the sync period (podautoscaler/horizontal.go enqueueHPA:
 * "Requests are always added to queue with resyncPeriod delay"), so an HPA created at c is
 * first synced at c + period, then every period. Example, period 15 s, created at 3 s:
 * syncs at 18, 33, 48 …. metrics-server scrapes every `metrics.resolution` from t = 0.
 */
import type { Kind, KubeEvent, KubeObject, Time } from "../k8s/types.ts";
import type { Admission, InvalidFormatter } from "./apiserver.ts";
import { SimApiServer } from "./apiserver.ts";
import type { ApiError, Cluster } from "./cluster.ts";
import { isApiError } from "./cluster.ts";
import type { ReconcileContext, ReconcileResult, Rng, Write } from "./controller.ts";
import { defaultSubsystems } from "./defaultSubsystems.ts";
import { Kubelet } from "./kubelet.ts";
import { ApiFaults } from "./faults.ts";
import { EventQueue } from "./queue.ts";
import { Recorder } from "./recorder.ts";
import { mulberry32 } from "./rng.ts";
import { apiScaleClient } from "./scaleSubresource.ts";
import { Scheduler } from "./scheduler.ts";
import type { Settings } from "./settings.ts";
import { defaultSettings } from "./settings.ts";
import { Store } from "./store.ts";
import type { WatchEvent } from "./store.ts";
import type { Subsystems } from "./subsystems.ts";
import type { Decision, Trace } from "./trace.ts";
import type { WorkController, WorkItem } from "./watches.ts";
import { route } from "./watches.ts";
import type { LoadSpec } from "./workload/types.ts";
import type { PodResourceSample } from "./metrics/types.ts";

/** Order of timed events due at the same instant (lower runs first). */
export const Priority = {
  action: 0,
  kubelet: 1,
  requeue: 2,
  wakeup: 3,
  scrape: 4,
  hpa: 5,
  /** Reads (kubectl get, describe…): last, so that they see the state after everything due then. */
  observe: 6,
} as const;

export interface SimulationOptions {
  /** Overrides of the defaults in settings.ts (`set KEY = VALUE`). */
  settings?: Partial<Settings>;
  /** Controllers and autoscaling; the real ones (defaultSubsystems.ts) unless given. */
  subsystems?: Subsystems;
  /** Defaulting and validation for the API server (src/k8s's admit); pass-through unless given. */
  admit?: Admission;
  formatInvalid?: InvalidFormatter;
  /** Livelock guard: most syncs of one controller key at one instant (default 1000). */
  maxSyncsPerInstant?: number;
}

/** Thrown when controllers keep waking each other at one instant and the cluster never settles. */
export class LivelockError extends Error {
  constructor(
    readonly controller: string,
    readonly key: string,
    readonly at: Time,
    readonly syncs: number,
  ) {
    super(
      `livelock at t=${at}s: the ${controller} controller synced "${key}" ${syncs} times without the cluster settling; ` +
        `each of its writes wakes it again (check that it stops writing once the object is as it wants it)`,
    );
    this.name = "LivelockError";
  }
}

const WORK_CONTROLLER: Record<WorkController, Decision["controller"]> = {
  deployment: "deployment",
  replicaset: "replicaset",
};

export class Simulation implements Cluster {
  readonly settings: Settings;
  readonly store: Store;
  readonly api: SimApiServer;
  readonly rng: Rng;
  /** API faults in force (faults.ts): windows in which the API server refuses some requests. */
  readonly faults = new ApiFaults();
  private readonly queue: EventQueue;
  private readonly recorder: Recorder;
  private readonly subsystems: Subsystems;
  private readonly scheduler: Scheduler;
  private readonly kubelet: Kubelet;
  private readonly maxSyncs: number;
  /** The work queue: FIFO with dedup on "controller/key". */
  private work: WorkItem[] = [];
  private workHead = 0;
  private readonly queued = new Set<string>();
  /** Syncs per "controller/key" at the current instant (livelock guard). */
  private readonly syncs = new Map<string, number>();
  private syncsAt: Time = -Infinity;
  private podsChanged = false;
  private readonly wakeups = new Set<Time>();

  constructor(opts: SimulationOptions = {}) {
    const given = Object.entries(opts.settings ?? {}).filter(([, v]) => v !== undefined);
    this.settings = { ...defaultSettings(), ...Object.fromEntries(given) } as Settings;
    this.subsystems = opts.subsystems ?? defaultSubsystems();
    this.maxSyncs = opts.maxSyncsPerInstant ?? 1000;
    this.queue = new EventQueue(0);
    this.rng = mulberry32(this.settings.seed);
    this.store = new Store();
    this.api = new SimApiServer({
      store: this.store,
      rng: this.rng,
      clock: () => this.queue.now,
      admit: opts.admit,
      formatInvalid: opts.formatInvalid,
    });
    this.recorder = new Recorder(this.store);
    this.scheduler = new Scheduler(this.settings["cluster.nodes"]);
    const clock = () => this.queue.now;
    this.kubelet = new Kubelet(
      {
        get now() {
          return clock();
        },
        settings: this.settings,
        api: this.api,
        schedule: (t, fn, label) => this.queue.schedule(t, Priority.kubelet, fn, label),
        emit: (e) => this.recorder.event({ ...e, time: this.now }),
      },
      this.scheduler,
    );
    this.store.watch((ev) => this.onWatch(ev));
    this.queue.schedule(0, Priority.scrape, () => this.scrape(), "metrics-server scrape");
  }

  get now(): Time {
    return this.queue.now;
  }

  get events(): readonly KubeEvent[] {
    return this.recorder.events;
  }

  podMetrics(podNames: readonly string[]): PodResourceSample[] {
    return this.subsystems.autoscaling.podMetrics(podNames);
  }

  /** The context every reconcile gets at this instant. */
  context(): ReconcileContext {
    return { now: this.now, store: this.store, settings: this.settings };
  }

  /** Change the load on a Deployment's pods from now on. */
  setLoad(deployment: string, load: LoadSpec): void {
    const ctx = this.context();
    this.subsystems.autoscaling.setLoad(ctx, deployment, load);
    this.recorder.recordLoad(this.subsystems.autoscaling.loadSummaries(ctx), this.now);
    this.scheduleWakeup();
  }

  /**
   * Schedule a scenario action at time t (≥ now). Actions at one instant run in the order
   * scheduled, all before the controllers react to them; `label` goes into the trace's notes.
   */
  at(t: Time, label: string, fn: () => void): void {
    this.scheduleAction(t, Priority.action, label, fn);
  }

  /**
   * Schedule an observation at time t (≥ now): it runs after everything else due at t has
   * happened and been reacted to — language.md's "the state at T is the state after
   * everything due at T" — so `kubectl get pods` right after `kubectl create deployment`
   * at the same instant lists the new pods, as on a real cluster a moment later.
   */
  observeAt(t: Time, label: string, fn: () => void): void {
    this.scheduleAction(t, Priority.observe, label, fn);
  }

  private scheduleAction(t: Time, priority: number, label: string, fn: () => void): void {
    if (t < this.now)
      throw new RangeError(
        `cannot schedule "${label}" at t=${t}s: the simulation is already at t=${this.now}s`,
      );
    this.queue.schedule(
      t,
      priority,
      () => {
        this.recorder.note(this.now, label);
        fn();
      },
      label,
    );
  }

  /** Run everything due up to and including t; the clock ends at t. */
  runUntil(t: Time): void {
    if (!Number.isFinite(t))
      throw new RangeError(`cannot run until t=${t}: the end of a run must be a finite time`);
    if (t < this.now)
      throw new RangeError(`cannot run until t=${t}s: the simulation is already at t=${this.now}s`);
    // API calls made between runs (kubectl, a notebook) are reacted to at the instant they happened.
    this.settle();
    while (this.queue.peek() <= t) {
      const time = this.queue.peek();
      const priority = this.queue.peekPriority();
      while (this.queue.peek() === time && this.queue.peekPriority() === priority) this.queue.step();
      this.settle();
    }
    this.queue.runUntil(t);
  }

  /** The trace so far (shared, not copied: read it, do not change it). */
  trace(): Trace {
    return this.recorder.trace(this.now);
  }

  /** Bound pods per node, in node order ("node-1" first). */
  podsPerNode(): readonly number[] {
    return this.scheduler.podsPerNode();
  }

  // ------------------------------------------------------------------ the loop

  private onWatch(ev: WatchEvent): void {
    this.recorder.onWatch(ev, this.now);
    const obj = ev.object;
    if (obj.kind === "Pod") {
      this.podsChanged = true;
      this.kubelet.onPodEvent(ev);
    } else if (obj.kind === "HorizontalPodAutoscaler") {
      if (ev.type === "ADDED")
        this.scheduleHPASync(
          obj.metadata.name,
          obj.metadata.uid,
          (obj.metadata.creationTimestamp ?? this.now) + this.syncPeriod(),
        );
      else if (ev.type === "DELETED") this.subsystems.autoscaling.forgetHPA(obj.metadata.name);
    }
    for (const item of route(ev, this.store)) {
      if (item.after !== undefined && item.after > 0) {
        this.queue.schedule(
          this.now + item.after,
          Priority.requeue,
          () => this.enqueue(item.controller, item.key),
          `requeue ${item.controller} ${item.key}`,
        );
      } else this.enqueue(item.controller, item.key);
    }
  }

  private enqueue(controller: WorkController, key: string): void {
    const id = `${controller}/${key}`;
    if (this.queued.has(id)) return;
    this.queued.add(id);
    this.work.push({ controller, key });
  }

  /** Drain the work queue at this instant, then let autoscaling see the pods as they now are. */
  private settle(): void {
    if (this.syncsAt !== this.now) {
      this.syncsAt = this.now;
      this.syncs.clear();
    }
    while (this.workHead < this.work.length) {
      const item = this.work[this.workHead++];
      const id = `${item.controller}/${item.key}`;
      this.queued.delete(id);
      const n = (this.syncs.get(id) ?? 0) + 1;
      this.syncs.set(id, n);
      if (n > this.maxSyncs) throw new LivelockError(item.controller, item.key, this.now, n - 1);
      const reconcile =
        item.controller === "deployment" ? this.subsystems.deployment : this.subsystems.replicaSet;
      const result = reconcile(this.context(), item.key);
      this.apply(result, WORK_CONTROLLER[item.controller], item.key, (after) =>
        this.queue.schedule(
          this.now + after,
          Priority.requeue,
          () => this.enqueue(item.controller, item.key),
          `requeue ${id}`,
        ),
      );
    }
    this.work = [];
    this.workHead = 0;
    if (this.podsChanged) {
      this.podsChanged = false;
      const ctx = this.context();
      this.subsystems.autoscaling.observe(ctx);
      // The load re-spread over the new set of Ready pods shows in the trace at once, not at
      // the next scrape: unserved demand starts the instant the last Ready pod goes.
      this.recorder.recordLoad(this.subsystems.autoscaling.loadSummaries(ctx), this.now);
    }
    this.recorder.refresh(this.now);
    this.scheduleWakeup();
  }

  /**
   * Apply a controller's result: its decisions, the writes through the API server in order
   * (with each create's `createdEvent` once the name is known), then its events.
   */
  private apply(
    result: ReconcileResult,
    controller: Decision["controller"],
    key: string,
    requeue: (after: number) => void,
  ): void {
    const now = this.now;
    for (const d of result.decisions) this.recorder.decision({ ...d, t: now });
    for (const w of result.writes) {
      const outcome = this.write(w);
      if (w.op === "create" && w.createdEvent && outcome && !isApiError(outcome)) {
        this.recorder.event({ ...w.createdEvent(outcome), time: now });
      }
      if (outcome && isApiError(outcome)) {
        this.recorder.decision({
          t: now,
          controller: "apiserver",
          object: writeTarget(w),
          action: "rejected",
          summary: `${w.op} by the ${controller} controller (syncing ${key}) rejected: ${outcome.message}`,
          inputs: { op: w.op, by: controller, reason: outcome.reason, message: outcome.message },
        });
      }
    }
    for (const e of result.events) this.recorder.event({ ...e, time: now });
    if (result.requeueAfter !== undefined && result.requeueAfter >= 0) requeue(result.requeueAfter);
  }

  private write(w: Write): KubeObject | ApiError | undefined {
    switch (w.op) {
      case "create":
        return this.api.create(w.object);
      case "update":
        return this.api.update(w.object);
      case "updateStatus":
        return this.api.updateStatus(w.object);
      case "delete":
        return this.api.delete(w.kind, w.name);
    }
  }

  private syncPeriod(): number {
    return Math.max(1e-3, this.settings["hpa.sync-period"]);
  }

  private scheduleHPASync(name: string, uid: string | undefined, t: Time): void {
    this.queue.schedule(
      Math.max(t, this.now),
      Priority.hpa,
      () => {
        const hpa = this.store.get("HorizontalPodAutoscaler", name);
        if (!hpa || hpa.metadata.uid !== uid) return;
        const scales = apiScaleClient(this.api, this.faults, () => this.now);
        this.apply(
          this.subsystems.autoscaling.syncHPA({ ...this.context(), scales }, name),
          "hpa",
          name,
          () => undefined,
        );
        this.scheduleHPASync(name, uid, this.now + this.syncPeriod());
      },
      `hpa sync ${name}`,
    );
  }

  private scrape(): void {
    const ctx = this.context();
    this.subsystems.autoscaling.scrape(ctx);
    this.recorder.recordLoad(this.subsystems.autoscaling.loadSummaries(ctx), this.now);
    const resolution = Math.max(1e-3, this.settings["metrics.resolution"]);
    this.queue.schedule(this.now + resolution, Priority.scrape, () => this.scrape(), "metrics-server scrape");
  }

  private scheduleWakeup(): void {
    const t = this.subsystems.autoscaling.nextWakeup(this.now);
    if (t === undefined || !(t > this.now) || this.wakeups.has(t)) return;
    this.wakeups.add(t);
    this.queue.schedule(
      t,
      Priority.wakeup,
      () => {
        this.wakeups.delete(t);
        const ctx = this.context();
        this.subsystems.autoscaling.observe(ctx);
        this.recorder.recordLoad(this.subsystems.autoscaling.loadSummaries(ctx), this.now);
      },
      "load wake-up",
    );
  }
}

function writeTarget(w: Write): string {
  return w.op === "delete"
    ? `${w.kind as Kind}/${w.name}`
    : `${w.object.kind}/${w.object.metadata?.name ?? w.object.metadata?.generateName ?? ""}`;
}
