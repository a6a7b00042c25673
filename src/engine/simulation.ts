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
 * any controller reacts), kubelet, timed requeues, load wake-ups, scrapes, periodic controller
 * syncs (the HPA's), and last the scenario's observations — with the actions a scenario wrote
 * after an observation at that instant among them, in the order scheduled, each reacted to
 * before the next runs (`atAfterReads`).
 *
 * Controllers are registered (controller.ts `Controller`; the real ones in
 * defaultControllers.ts) and the loop runs whatever is registered. The work queue is one FIFO
 * of (controller, key) shared by the work-queue controllers, with client-go's dedup: a key
 * queued and not yet processed is not queued twice. Each store change is routed to keys by the
 * controllers' watches (controller.ts gives the order). A controller that keeps waking itself
 * at one instant is a livelock, reported with its name. A controller with a resync period is
 * synced every period from each object's creation instead (the HPA controller). metrics-server
 * scrapes every `metrics.resolution` from t = 0.
 *
 * A controller's writes are applied in order through the API server (`applyWrite`), each
 * with its outcome at hand: a create's `createdEvent` is emitted with the stored object, a
 * refusal is recorded as the API server's decision, and a create's `then` continuation gets
 * the outcome within the same sync (docs/architecture.md, "Writes that fail").
 */
import { builtinKinds } from "../k8s/kinds/builtin.ts";
import { parseQualifiedName, qualifiedName, qualifiedNameOf } from "../k8s/namespaces.ts";
import type { AnyKind, KindRegistry } from "../k8s/kinds/registry.ts";
import type { EventDraft, KubeEvent, KubeObject, Node, Time } from "../k8s/types.ts";
import type { Admission, InvalidFormatter } from "./apiserver.ts";
import { SimApiServer } from "./apiserver.ts";
import type { ApiError, Cluster } from "./cluster.ts";
import { isApiError } from "./cluster.ts";
import { createAutoscaling, type Autoscaling } from "./autoscaling.ts";
import { CohortWakeUps } from "./cohortRoutes.ts";
import { failureBackoff, filterTakes } from "./controller.ts";
import type {
  Controller,
  ControllerContext,
  ReconcileResult,
  Rng,
  Watch,
  Write,
  WriteOutcome,
} from "./controller.ts";
import type { ScaleClient } from "./controllers/hpa/scaleClient.ts";
import { recoversExpansionFailure } from "./controllers/resizer/conditions.ts";
import { defaultControllers } from "./defaultControllers.ts";
import { Kubelet } from "./kubelet.ts";
import { boundBefore } from "./nodes/boundBefore.ts";
import { Faults } from "./faults/index.ts";
import { injectFault, type FaultSpec, type Injection } from "./faults/inject.ts";
import { METRICS_API_DOWN } from "./metrics/metricsServer.ts";
import { markNodeUnknown, NODE_MONITOR_GRACE_PERIOD, postNodeReady } from "./nodes/outage.ts";
import { EventQueue } from "./queue.ts";
import { Recorder } from "./recorder.ts";
import { mulberry32 } from "./rng.ts";
import { apiScaleClient } from "./scaleSubresource.ts";
import { Scheduler } from "./scheduler.ts";
import { KubeScheduler } from "./scheduling/kubeScheduler.ts";
import { ImplicitVolumeBinding } from "./scheduling/implicitVolumes.ts";
import { NodePools, type PoolAutoscaling } from "./nodes/pools.ts";
import { podCIDR, type PoolSpec } from "./nodes/template.ts";
import { completeNodeStatus } from "./nodes/agent.ts";
import { ClusterAutoscaler } from "./nodes/clusterAutoscaler.ts";
import { EvictionManager } from "./nodes/evictionManager.ts";
import { lastTick } from "../k8s/kinds/node/conditions.ts";
import type { Settings } from "./settings.ts";
import { defaultSettings } from "./settings.ts";
import { Store } from "./store.ts";
import type { WatchEvent, WatchEventType } from "./store.ts";
import type { Trace } from "./trace.ts";
import type { LoadSpec } from "./workload/types.ts";
import type { PodResourceSample } from "./metrics/types.ts";

/** Order of timed events due at the same instant (lower runs first). */
export const Priority = {
  action: 0,
  kubelet: 1,
  requeue: 2,
  wakeup: 3,
  scrape: 4,
  /** Syncs of controllers with a resync period (the HPA controller). */
  resync: 5,
  /** Reads (kubectl get, describe…): last, so that they see the state after everything due then. */
  observe: 6,
} as const;

export interface SimulationOptions {
  /** Overrides of the defaults in settings.ts (`set KEY = VALUE`). */
  settings?: Partial<Settings>;
  /** The autoscaling stack (load model, metrics pipeline, HPA state); a fresh real one unless given. */
  autoscaling?: Autoscaling;
  /** The controllers, in registration order; the real ones (defaultControllers.ts) unless given. */
  controllers?: readonly Controller[];
  /** Defaulting, conversion and validation for the API server; src/k8s's admit (against this cluster's kinds) unless given. */
  admit?: Admission;
  formatInvalid?: InvalidFormatter;
  /** Livelock guard: most syncs of one controller key at one instant (default 1000). */
  maxSyncsPerInstant?: number;
  /** Kinds this cluster serves besides the built-in ones (registered in its own registry). */
  kinds?: readonly AnyKind[];
  /**
   * The cluster has Nodes with capacity (docs/nodes.md): kube-scheduler places pods by their
   * requests on the Nodes there are, and a pod that fits nowhere stays Pending. Without it the
   * cluster has unlimited room: pods are spread over `cluster.nodes` implicit nodes and no Node
   * objects exist (the behaviour before nodes were modelled).
   */
  capacity?: boolean;
  /** Kinds whose series nothing will read: the trace leaves them out (recorder.ts). */
  unreadSeries?: readonly string[];
  /**
   * Whether a kubelet step of many pods and a controller's run of pod creates and deletes reach
   * the trace and the pod routes as one cohort (store.ts `openCohort`); default true. False
   * delivers every write at once: the same run, which test/engine/cohortRoutes.test.ts holds
   * the cohorts to.
   */
  cohorts?: boolean;
}

/** The kubelet's nodeStatusUpdateFrequency. */
const NODE_STATUS_UPDATE = 10;

/** Salt of the scheduler's random stream (ties between equal nodes), apart from the API server's. */
const SCHEDULER_STREAM = 0x5c4ed;
/** Salt of the cluster autoscaler's expander stream (its random choice between pools). */
const EXPANDER_STREAM = 0xca5ca1e;
/** Salt of the stream the autoscaler's status ConfigMap takes its uid from (pod names stay as they were). */
const STATUS_UID_STREAM = 0x57a705;
/** The ServiceAccount plug-in's token volume names (apiserver.ts): no pod changes name for them. */
const TOKEN_VOLUME_STREAM = 0x70ce4;

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

/**
 * One controller's side of the work queue (a workqueue per controller, as each Go controller
 * has): its keys waiting, and its syncs per key at the current instant. Kept per controller so
 * that no "controller/key" string is made, flattened and hashed for each of the day's ten
 * thousand pod changes: a key is the owner's name string the pod already holds.
 */
interface ControllerQueue {
  readonly controller: Controller;
  /** Keys queued and not yet synced (the dedup). */
  readonly queued: Set<string>;
  /** Syncs per key at the instant `epoch` names (the livelock guard); stale when it is an earlier one. */
  readonly syncs: Map<string, number>;
  epoch: number;
}

/** One informer handler: a change of its kind wakes keys of `controller`. */
interface Route {
  readonly controller: Controller;
  /** Called as `watch.route(...)`, as before, so a handler written as a method keeps its `this`. */
  readonly watch: Watch;
  /** Its place among its kind's handlers. */
  readonly index: number;
}

/** What a change of one kind reaches (controller.ts gives the order). */
interface KindRoutes {
  /** The informer handlers: the controllers in registration order, each one's watches in its order. */
  readonly watch: readonly Route[];
  /** Its own work-queue and periodic controllers. */
  readonly own: readonly Controller[];
  readonly resync: readonly Controller[];
  /** Whether a handler declares a filter (controller.ts `WatchFilter`): without one, every change reaches all. */
  readonly filtered: boolean;
  /** Whether a filter reads the object's controller reference (`controlledBy`). */
  readonly byOwner: boolean;
  /** Whether some handler's filter counts this kind (`whileAny`), so its first and last object matter. */
  readonly counted: boolean;
  /**
   * The handlers a change reaches, by its type (ADDED, MODIFIED, DELETED) and then the kind of
   * its object's controller ("" for none), in `watch`'s order: each made at the first such
   * change and dropped when the cluster gets its first object of a counted kind or loses its
   * last, the only changes that can turn a `whileAny` the other way.
   */
  readonly picked: readonly Map<string, readonly Route[]>[];
  /**
   * Whether a cohort's changes of this kind are routed at each change, as outside one: some
   * filter counts the kind, a controller takes its own key or resyncs it, or no handler routes
   * a cohort (controller.ts `Watch.cohort`).
   */
  readonly atWrite: boolean;
  /** Whether some handler takes a cohort change by change (`Watch.cohort` "each"). */
  readonly each: boolean;
  /** Whether some handler declares no `cohort`: its answers are taken at the change (`routeHeld`). */
  readonly undeclared: boolean;
  /**
   * By change type, the owners a cohort's change must have for an `"each"` handler to take it
   * (`eachTakes`): true for any change, false for none, else the `controlledBy` kinds of the
   * handlers that take it by owner alone. Made at a cohort's first such change and dropped with
   * `picked`, as the counts it reads turn with it.
   */
  readonly eachGate: (boolean | readonly string[] | undefined)[];
}

/** The kinds whose cohorts the routes take together: the kubelet's steps are pod writes. */
const COHORT_KINDS: readonly string[] = ["Pod"];

export class Simulation implements Cluster {
  readonly settings: Settings;
  /** This cluster's kinds: the built-in ones, plus what it registers (never shared with another cluster). */
  readonly kinds: KindRegistry;
  readonly store: Store;
  readonly api: SimApiServer;
  readonly rng: Rng;
  /**
   * Faults in force (faults/index.ts): the API server refusing requests, containers crashing,
   * readiness probes failing, metrics-server down. `inject` (faults/inject.ts) adds them.
   */
  readonly faults = new Faults();
  private readonly queue: EventQueue;
  private readonly recorder: Recorder;
  private readonly autoscaling: Autoscaling;
  private readonly controllers: Controller[];
  /**
   * By kind: the informer handlers a change of it reaches (controllers in registration order,
   * each one's watches in its order), then its own work-queue and periodic controllers.
   */
  private readonly dispatch = new Map<string, KindRoutes>();
  private readonly scales: ScaleClient;
  /** The unlimited placement of a cluster without declared nodes. */
  private readonly scheduler?: Scheduler;
  /** Its nodes' names, for the controllers' context (made once). */
  readonly implicitNodes?: readonly string[];
  /** kube-scheduler, for a cluster with Nodes. */
  private readonly kubeScheduler?: KubeScheduler;
  /** The VolumeBinding plugin where the kubelet places pods itself (no declared nodes). */
  private readonly implicitVolumes?: ImplicitVolumeBinding;
  /** The machines behind the Nodes (a cluster with capacity only). */
  readonly pools?: NodePools;
  /** The cluster autoscaler, started by the first `autoscale nodes`. */
  private readonly clusterAutoscaler?: ClusterAutoscaler;
  /** The kubelets' eviction managers (memory pressure), in a cluster with Nodes. */
  private readonly evictionManager?: EvictionManager;
  private readonly kubelet: Kubelet;
  private readonly maxSyncs: number;
  /**
   * The work queue: FIFO with dedup on (controller, key), as two arrays side by side (a key and
   * its controller's queue at the same index) emptied in place, so an enqueue makes no object.
   */
  private readonly workQueues: ControllerQueue[] = [];
  private readonly workKeys: string[] = [];
  private workHead = 0;
  private readonly queues = new Map<Controller, ControllerQueue>();
  /** The instant the livelock guard counts syncs in, and its number (ControllerQueue.epoch). */
  private syncsAt: Time = -Infinity;
  private syncsEpoch = 0;
  private podsChanged = false;
  /** The wake-ups of the cohort the store holds, until its end (`routeCohort`). */
  private readonly cohortWakes = new CohortWakeUps();
  private readonly wakeups = new Set<Time>();
  /** Failed syncs in a row, by controller and key (the work queue's rate limiter). */
  private readonly failures = new Map<string, number>();
  /** Whether the sync being applied failed (`ReconcileResult.failed`, nested results' included). */
  private syncFailed = false;
  /** Whether the store's open cohort is a controller's pod writes, opened by `apply`. */
  private podBatch = false;
  /** `SimulationOptions.cohorts`. */
  private readonly cohorts: boolean;

  constructor(opts: SimulationOptions = {}) {
    const given = Object.entries(opts.settings ?? {}).filter(([, v]) => v !== undefined);
    this.settings = { ...defaultSettings(), ...Object.fromEntries(given) } as Settings;
    this.autoscaling =
      opts.autoscaling ??
      createAutoscaling({
        metricsServerDown: this.faults.metricsServer,
        nodeDown: (node, t) => this.faults.nodes.down(node, t),
      });
    this.kinds = builtinKinds.extend();
    for (const d of opts.kinds ?? []) this.kinds.register(d);
    this.controllers = [
      ...(opts.controllers ?? defaultControllers(this.autoscaling, this.kinds, () => this.implicitNodes)),
    ];
    this.maxSyncs = opts.maxSyncsPerInstant ?? 1000;
    this.cohorts = opts.cohorts ?? true;
    this.queue = new EventQueue(0);
    this.rng = mulberry32(this.settings.seed);
    this.store = new Store(
      (kind) => this.kinds.get(kind)?.namespaced ?? true,
      (o) => this.kinds.keyOf(o),
      () => this.kinds.generation,
    );
    this.api = new SimApiServer({
      store: this.store,
      kinds: this.kinds,
      rng: this.rng,
      clock: () => this.queue.now,
      admit: opts.admit,
      formatInvalid: opts.formatInvalid,
      gates: {
        maxUnavailableStatefulSet: this.settings["gate.max-unavailable-statefulset"],
        recoverVolumeExpansionFailure: recoversExpansionFailure(this.settings),
      },
      tokenVolumeNames: mulberry32(this.settings.seed ^ TOKEN_VOLUME_STREAM),
    });
    this.recorder = new Recorder(this.store, this.kinds, opts.unreadSeries);
    this.scales = apiScaleClient(this.api, this.faults.api, () => this.queue.now, this.kinds);
    const clock = () => this.queue.now;
    const kubeletHost = {
      get now() {
        return clock();
      },
      settings: this.settings,
      api: this.api,
      schedule: (t: Time, fn: () => void, label: string) =>
        this.queue.schedule(t, Priority.kubelet, fn, label),
      scheduleStep: <A, B>(t: Time, step: (a: A, b: B) => void, a: A, b: B, label: string) =>
        this.queue.scheduleStep(t, Priority.kubelet, step, a, b, label),
      emit: (e: Omit<KubeEvent, "time">) => this.recorder.event(e, this.now),
      faults: this.faults.pods,
      nodeDown: (node: string) => this.faults.nodes.down(node, this.now),
    };
    if (opts.capacity) {
      // Ties between equal nodes come from a stream of their own, so that declaring nodes does
      // not change the names the API server draws from the run's generator.
      const rng = mulberry32(this.settings.seed ^ SCHEDULER_STREAM);
      // (Not a spread of kubeletHost: a spread would copy its `now` getter's value once.)
      this.kubeScheduler = new KubeScheduler({
        get now() {
          return clock();
        },
        settings: this.settings,
        api: this.api,
        rng,
        schedule: kubeletHost.schedule,
        emit: kubeletHost.emit,
        decide: (d) => this.recorder.decision(d, clock()),
      });
      this.pools = new NodePools(kubeletHost);
      const pools = this.pools;
      const expander = mulberry32(this.settings.seed ^ EXPANDER_STREAM);
      const statusUids = mulberry32(this.settings.seed ^ STATUS_UID_STREAM);
      this.clusterAutoscaler = new ClusterAutoscaler({
        get now() {
          return clock();
        },
        settings: this.settings,
        api: this.api,
        pools,
        rng: expander,
        statusUids,
        schedule: (t, fn, label) => this.queue.schedule(t, Priority.resync, fn, label),
        emit: kubeletHost.emit,
      });
      this.kubelet = new Kubelet(kubeletHost);
      const kubelet = this.kubelet;
      this.evictionManager = new EvictionManager({
        get now() {
          return clock();
        },
        api: this.api,
        schedule: kubeletHost.schedule,
        emit: kubeletHost.emit,
        usage: (pod) => this.autoscaling.memoryOf?.(qualifiedNameOf(pod), this.settings) ?? 0,
        evict: (pod, message) => kubelet.evict(pod, message),
        nodeDown: (node) => this.faults.nodes.down(node, this.now),
      });
    } else {
      this.scheduler = new Scheduler(this.settings["cluster.nodes"]);
      this.implicitNodes = this.scheduler.nodes;
      this.implicitVolumes = new ImplicitVolumeBinding(kubeletHost, this.scheduler);
      this.kubelet = new Kubelet(kubeletHost, this.scheduler, this.implicitVolumes);
    }
    // The trace first, as before; a kubelet batch's pod writes come to it together at the batch's
    // end (store.ts openCohort), the other listeners as they happen.
    this.store.watch(
      (ev, kind) => this.recorder.onWatch(ev, this.now, kind),
      undefined,
      (evs, kind) => this.recorder.onWatchBatch(evs, this.now, kind),
    );
    if (this.cohorts)
      this.queue.batchHooks = { begin: () => this.store.openCohort(), end: () => this.store.closeCohort() };
    this.store.watch((ev, kind) => this.onWatch(ev, kind));
    // The pods' routes after the rest of a pod change, as before; a cohort's together at its end.
    this.store.watch(
      (ev, kind) => this.route(ev, kind),
      COHORT_KINDS,
      (evs, kind) => this.routeCohort(evs, kind),
    );
    this.queue.schedule(0, Priority.scrape, () => this.scrape(), "metrics-server scrape");
  }

  get now(): Time {
    return this.queue.now;
  }

  /**
   * Register one more controller (after the ones given or the default ones): it reconciles and
   * watches from now on. Its kind and the kinds it watches must be in this cluster's registry.
   */
  registerController(controller: Controller): void {
    for (const kind of [controller.kind, ...(controller.watches ?? []).map((w) => w.kind)])
      if (!this.kinds.get(kind))
        throw new Error(`controller ${controller.name}: kind ${kind} is not registered with this cluster`);
    if (this.controllers.some((c) => c.name === controller.name))
      throw new Error(`a controller named ${controller.name} is already registered`);
    this.controllers.push(controller);
    this.dispatch.clear();
  }

  get events(): readonly KubeEvent[] {
    return this.recorder.events;
  }

  /** metrics.k8s.io PodMetrics, or the aggregator's 503 while metrics-server is down. */
  podMetrics(namespace: string, podNames: readonly string[]): PodResourceSample[] | ApiError {
    if (this.faults.metricsServer.covers(this.now)) return METRICS_API_DOWN;
    return this.autoscaling.podMetrics(namespace, podNames);
  }

  /**
   * Put a fault into the cluster from now on (the language's `fault` statement): which pods
   * it hits and until when (faults/inject.ts).
   */
  inject(fault: FaultSpec): Injection {
    const injection = injectFault(
      {
        now: this.now,
        kinds: this.kinds,
        faults: this.faults,
        get: (kind, namespace, name) => this.store.get(kind, namespace, name),
        list: (kind, namespace) => this.store.list(kind, namespace),
        listAll: (kind) => this.store.listAll(kind),
        crashNow: (pod, image) => this.kubelet.crashNow(pod, image),
        failReadiness: (pod) => this.kubelet.failReadiness(pod),
        nodeDown: (node, from, until) => this.nodeDown(node, from, until),
      },
      fault,
    );
    this.recorder.recordDecision({
      t: this.now,
      controller: "faults",
      object: faultObject(fault),
      action: fault.kind,
      summary: `fault ${fault.kind}${injection.pods.length ? ` on ${injection.pods.join(", ")}` : ""}${
        Number.isFinite(injection.until) ? ` until t=${injection.until}s` : ""
      }`,
      inputs: {
        ...fault,
        pods: injection.pods,
        until: Number.isFinite(injection.until) ? injection.until : null,
      },
    });
    return injection;
  }

  /**
   * `fault node NAME down`: the node's kubelet stops now; the node lifecycle controller marks
   * the node Unknown once the grace period has passed, and the kubelet comes back at `until`
   * (nodes/outage.ts).
   */
  private nodeDown(node: string, from: Time, until: Time): string | undefined {
    if (!this.store.get("Node", "", node)) return `node/${node} does not exist`;
    this.faults.nodes.add(node, from, until);
    const clock = () => this.queue.now;
    const host = {
      get now() {
        return clock();
      },
      api: this.api,
      emit: (e: EventDraft) => this.recorder.event(e, this.now),
    };
    const unknownAt = from + NODE_MONITOR_GRACE_PERIOD;
    if (unknownAt < until)
      this.queue.schedule(
        unknownAt,
        Priority.resync,
        () => this.faults.nodes.down(node, this.now) && markNodeUnknown(host, node),
        `node-lifecycle ${node} unknown`,
      );
    if (Number.isFinite(until))
      this.queue.schedule(
        until,
        Priority.kubelet,
        () => {
          if (this.faults.nodes.down(node, this.now)) return;
          postNodeReady(host, node);
          this.kubelet.resume(node);
        },
        `kubelet ${node} back`,
      );
    return undefined;
  }

  /** The context every reconcile gets at this instant. */
  context(): ControllerContext {
    return {
      now: this.now,
      store: this.store,
      settings: this.settings,
      scales: this.scales,
      serves: this.serves,
      implicitNodes: this.implicitNodes,
    };
  }

  /** Discovery, one function for every context (a sync's context is made per sync). */
  private readonly serves = (kind: string): boolean => this.kinds.get(kind) !== undefined;

  /** Change the load on a Deployment's pods from now on (its qualified name: `web`, `prod/web`). */
  setLoad(deployment: string, load: LoadSpec): void {
    const ctx = this.context();
    this.autoscaling.setLoad(ctx, deployment, load);
    this.recorder.recordLoad(this.autoscaling.loadSummaries(ctx), this.now);
    this.checkMemory();
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
   * happened and been reacted to — docs/language.md's "the state at T is the state after
   * everything due at T" — so `kubectl get pods` right after `kubectl create deployment`
   * at the same instant lists the new pods, as on a real cluster a moment later.
   */
  observeAt(t: Time, label: string, fn: () => void): void {
    this.scheduleAction(t, Priority.observe, label, fn);
  }

  /**
   * Schedule a scenario action written after an observation at the same instant t: it runs
   * among the observations, in the order scheduled, and the controllers react to it before
   * the next one runs — so a read before it does not see it, and a read after it sees it and
   * what the controllers did about it (docs/language.md § Time).
   */
  atAfterReads(t: Time, label: string, fn: () => void): void {
    this.scheduleAction(t, Priority.observe, label, () => {
      fn();
      this.settle();
    });
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
    if (this.scheduler) return this.scheduler.podsPerNode();
    const pods = this.store.listAll("Pod");
    return this.store
      .listAll("Node")
      .map((n) => pods.filter((p) => p.spec.nodeName === n.metadata.name).length);
  }

  /** Whether the cluster has Nodes with capacity (SimulationOptions.capacity). */
  get hasCapacity(): boolean {
    return this.pools !== undefined;
  }

  /**
   * `nodes N with cpu C memory M named P`: a pool of N machines whose Nodes are there now
   * (nodes/pools.ts). An error when the cluster has no capacity model or the pool exists.
   */
  addNodes(spec: PoolSpec, count: number): ApiError | undefined {
    if (!this.pools)
      return {
        reason: "BadRequest",
        message: "this cluster has unlimited room: create it with { capacity: true }",
      };
    return this.pools.declare(spec, count);
  }

  /**
   * `autoscale nodes P from A to B`: the pool's bounds for the cluster autoscaler; without a
   * provisioning time, the `nodes.provision-time` setting's.
   */
  autoscaleNodes(
    pool: string,
    autoscaling: Omit<PoolAutoscaling, "provision"> & { provision?: number },
  ): ApiError | undefined {
    if (!this.pools)
      return {
        reason: "BadRequest",
        message: "this cluster has unlimited room: create it with { capacity: true }",
      };
    const err = this.pools.autoscale(pool, {
      ...autoscaling,
      provision: autoscaling.provision ?? this.settings["nodes.provision-time"],
    });
    if (!err) this.clusterAutoscaler?.start();
    return err;
  }

  // ------------------------------------------------------------------ the loop

  /** The controllers a change of `kind` reaches (controller.ts gives the order). */
  private routesOf(kind: string): KindRoutes {
    let r = this.dispatch.get(kind);
    if (!r) {
      const watch = this.controllers
        .flatMap((controller) =>
          (controller.watches ?? []).filter((w) => w.kind === kind).map((watch) => ({ controller, watch })),
        )
        .map((route, index) => ({ ...route, index }));
      r = {
        watch,
        own: this.controllers.filter((c) => c.kind === kind && !c.resync),
        resync: this.controllers.filter((c) => c.kind === kind && c.resync),
        filtered: watch.some((w) => w.watch.filter !== undefined),
        byOwner: watch.some((w) => w.watch.filter?.controlledBy !== undefined),
        counted: this.controllers.some((c) => c.watches?.some((w) => w.filter?.whileAny === kind)),
        picked: [new Map(), new Map(), new Map()],
        atWrite: false,
        each: watch.some((w) => w.watch.cohort === "each"),
        undeclared: watch.some((w) => w.watch.cohort === undefined),
        eachGate: [undefined, undefined, undefined],
      };
      (r as { atWrite: boolean }).atWrite =
        r.counted || r.own.length + r.resync.length > 0 || !watch.some((w) => w.watch.cohort !== undefined);
      this.dispatch.set(kind, r);
    }
    return r;
  }

  /**
   * The handlers this change reaches: those whose filter takes it, in registration order. A
   * route that the filter leaves out would have woken nothing (controller.ts `WatchFilter`), so
   * the keys enqueued, and their order, are those of calling every handler.
   */
  private routesFor(r: KindRoutes, ev: WatchEvent): readonly Route[] {
    if (!r.filtered) return r.watch;
    const owner = r.byOwner ? controllerKind(ev.object) : "";
    const old = ev.old;
    // A change of controller (an adoption, a release) reaches the old owner's handlers too.
    if (
      r.byOwner &&
      old !== undefined &&
      old.metadata.ownerReferences !== ev.object.metadata.ownerReferences &&
      controllerKind(old) !== owner
    )
      return this.pick(r, ev.type, owner, controllerKind(old));
    const picked = r.picked[ev.type === "ADDED" ? 0 : ev.type === "MODIFIED" ? 1 : 2];
    let routes = picked.get(owner);
    if (routes === undefined) picked.set(owner, (routes = this.pick(r, ev.type, owner, owner)));
    return routes;
  }

  private pick(r: KindRoutes, type: WatchEventType, owner: string, was: string): Route[] {
    return r.watch.filter((w) => filterTakes(w.watch.filter, type, owner, was, this.count));
  }

  private readonly count = (kind: string): number => this.store.count(kind);

  /** A counted kind's first object came or its last went: every `whileAny` on it turns. */
  private countChanged(kind: string, type: WatchEventType): void {
    if (this.store.count(kind) !== (type === "ADDED" ? 1 : 0)) return;
    for (const r of this.dispatch.values()) {
      for (const picked of r.picked) picked.clear();
      r.eachGate.fill(undefined);
    }
  }

  /** `kind` is the store's key of the change's kind, so another group's `Pod` or `Service` is not core's. */
  private onWatch(ev: WatchEvent, kind: string): void {
    const obj = ev.object;
    if (kind === "Pod") {
      this.podsChanged = true;
      this.kubelet.onPodEvent(ev);
      this.kubeScheduler?.onWatch(ev);
      // Routed by the next listener, or with the cohort that holds the change.
      const held = this.store.held();
      if (held !== undefined) this.routeHeld(ev, held, kind);
      return;
    } else if (kind === "Node" && this.pools) {
      if (ev.type === "ADDED") this.registerNode(obj as Node);
      else if (ev.type === "MODIFIED") this.schedulableEvent(ev.old as Node | undefined, obj as Node);
      this.kubeScheduler?.onWatch(ev);
    } else if (kind === "PersistentVolumeClaim") {
      // A claim bound or changed: the pods waiting on it are scheduled again.
      this.kubeScheduler?.onWatch(ev);
      this.implicitVolumes?.onClaim(ev);
    }
    this.route(ev, kind);
  }

  /** The routes of a change held for a cohort that must read the store as at the change. */
  private routeHeld(ev: WatchEvent, at: number, kind: string): void {
    const routes = this.routesOf(kind);
    if (routes.atWrite) return this.route(ev, kind);
    // Every handler routes the cohort at its end: nothing to keep from this change.
    if (!routes.undeclared) return;
    const wakes = this.cohortWakes;
    const reached = this.routesFor(routes, ev);
    for (let r = 0; r < reached.length; r++) {
      const { watch, index } = reached[r];
      if (watch.cohort !== undefined) continue;
      wakes.handler = index;
      const out = watch.route(ev, this.store);
      for (let i = 0; i < out.length; i++) wakes.push(at, out[i]);
    }
  }

  /**
   * A cohort's changes (all of one kind, in write order), routed together: each handler that
   * declares how (`Watch.cohort`) now, over the store as the cohort left it, the others' answers
   * kept since their change; all enqueued in the order routing each change would have.
   */
  private routeCohort(events: readonly WatchEvent[], kind: string): void {
    const routes = this.routesOf(kind);
    if (routes.atWrite) return;
    const wakes = this.cohortWakes;
    for (let r = 0; r < routes.watch.length; r++) {
      const cohort = routes.watch[r].watch.cohort;
      if (cohort === undefined || cohort === "each") continue;
      wakes.handler = r;
      cohort(events, this.store, wakes);
    }
    // The handlers routed change by change, where their filter takes it (as `route` picks them).
    if (routes.each)
      for (let i = 0; i < events.length; i++) {
        const ev = events[i];
        if (!this.eachTakes(routes, ev)) continue;
        const reached = this.routesFor(routes, ev);
        for (let r = 0; r < reached.length; r++) {
          const { watch, index } = reached[r];
          if (watch.cohort !== "each") continue;
          wakes.handler = index;
          const out = watch.route(ev, this.store);
          for (let j = 0; j < out.length; j++) wakes.push(i, out[j]);
        }
      }
    wakes.drain((r, wake) => {
      const controller = routes.watch[r].controller;
      if (wake.after !== undefined && wake.after > 0) this.requeue(controller, wake.key, wake.after);
      else this.enqueue(controller, wake.key);
    });
  }

  /**
   * Whether some `"each"` handler's filter takes this change: what `routesFor` would pick among
   * them, told from the change's type and the counts (the same for every change of that type
   * until a counted kind turns) and, where only a controller kind lets a handler take it, the
   * change's controller before and after it, read only then. A ReplicaSet's pods turning Ready
   * reach no `"each"` handler on a cluster without DaemonSets, StatefulSets, Jobs, Services or
   * budgets, and a change left out here would have been called for none.
   */
  private eachTakes(routes: KindRoutes, ev: WatchEvent): boolean {
    const type = ev.type === "ADDED" ? 0 : ev.type === "MODIFIED" ? 1 : 2;
    let gate = routes.eachGate[type];
    if (gate === undefined) routes.eachGate[type] = gate = this.gateOf(routes, ev.type);
    if (typeof gate === "boolean") return gate;
    const obj = ev.object;
    if (gate.includes(controllerKind(obj))) return true;
    const old = ev.old;
    // As `routesFor`: the old controller counts only where the references were changed.
    return (
      old !== undefined &&
      old.metadata.ownerReferences !== obj.metadata.ownerReferences &&
      gate.includes(controllerKind(old))
    );
  }

  /** `eachTakes`'s gate for a change type under the present counts (`filterTakes`'s terms). */
  private gateOf(routes: KindRoutes, type: WatchEventType): boolean | readonly string[] {
    const owners: string[] = [];
    for (const { watch } of routes.watch) {
      if (watch.cohort !== "each") continue;
      const f = watch.filter;
      if (f === undefined) return true;
      if (f.types !== undefined && !f.types.includes(type)) continue;
      if (f.controlledBy === undefined && f.whileAny === undefined) return true;
      if (f.whileAny !== undefined && this.count(f.whileAny) > 0) return true;
      if (f.controlledBy !== undefined && !owners.includes(f.controlledBy)) owners.push(f.controlledBy);
    }
    return owners.length > 0 ? owners : false;
  }

  /** A change's routes: its informer handlers' keys, then its own controllers'. */
  private route(ev: WatchEvent, kind: string): void {
    const obj = ev.object;
    const routes = this.routesOf(kind);
    if (routes.counted && ev.type !== "MODIFIED") this.countChanged(kind, ev.type);
    // The object's own key only where a controller of its kind takes it (not for a Pod's many
    // status writes, which only the watches route).
    const key = routes.resync.length + routes.own.length > 0 ? qualifiedNameOf(obj) : "";
    for (const c of routes.resync) {
      if (ev.type === "ADDED")
        this.scheduleResync(
          resyncTarget(c, key, obj.metadata.uid),
          (obj.metadata.creationTimestamp ?? this.now) + this.periodOf(c),
        );
      else if (ev.type === "DELETED") c.forget?.(key);
    }
    const reached = this.routesFor(routes, ev);
    for (let r = 0; r < reached.length; r++) {
      const { controller, watch } = reached[r];
      // By index: a route may hand out a frozen list, and V8 (Node 20) iterates a frozen
      // array with for…of through its generic path, one result object per element.
      const wakes = watch.route(ev, this.store);
      for (let i = 0; i < wakes.length; i++) {
        const wake = wakes[i];
        if (wake.after !== undefined && wake.after > 0) this.requeue(controller, wake.key, wake.after);
        else this.enqueue(controller, wake.key);
      }
    }
    for (const c of routes.own) this.enqueue(c, key);
  }

  private requeue(controller: Controller, key: string, after: number): void {
    this.queue.schedule(
      this.now + after,
      Priority.requeue,
      () => this.enqueue(controller, key),
      `requeue ${controller.name}/${key}`,
    );
  }

  private enqueue(controller: Controller, key: string): void {
    let queue = this.queues.get(controller);
    if (!queue) {
      queue = { controller, queued: new Set(), syncs: new Map(), epoch: -1 };
      this.queues.set(controller, queue);
    }
    if (queue.queued.has(key)) return;
    queue.queued.add(key);
    this.workQueues.push(queue);
    this.workKeys.push(key);
  }

  /** Drain the work queue at this instant, then let autoscaling see the pods as they now are. */
  private settle(): void {
    if (this.syncsAt !== this.now) {
      this.syncsAt = this.now;
      this.syncsEpoch++;
    }
    while (this.workHead < this.workKeys.length) {
      const queue = this.workQueues[this.workHead];
      const key = this.workKeys[this.workHead++];
      const controller = queue.controller;
      queue.queued.delete(key);
      if (queue.epoch !== this.syncsEpoch) {
        queue.epoch = this.syncsEpoch;
        queue.syncs.clear();
      }
      const n = (queue.syncs.get(key) ?? 0) + 1;
      queue.syncs.set(key, n);
      if (n > this.maxSyncs) throw new LivelockError(controller.name, key, this.now, n - 1);
      const result = controller.reconcile(this.context(), key);
      this.syncFailed = false;
      this.apply(result, controller, key, true);
      // Forget: a sync that did not fail starts the rate limit over.
      if (!this.syncFailed && this.failures.size > 0) this.failures.delete(`${controller.name}/${key}`);
    }
    this.workQueues.length = 0;
    this.workKeys.length = 0;
    this.workHead = 0;
    if (this.podsChanged) {
      this.podsChanged = false;
      const ctx = this.context();
      this.autoscaling.observe(ctx);
      // The load re-spread over the new set of Ready pods shows in the trace at once, not at
      // the next scrape: unserved demand starts the instant the last Ready pod goes.
      this.recorder.recordLoad(this.autoscaling.loadSummaries(ctx), this.now);
      this.checkMemory();
    }
    this.recorder.refresh(this.now);
    this.scheduleWakeup();
  }

  /**
   * Apply a controller's result: its decisions, the writes through the API server in order
   * (each with its outcome: a create's `createdEvent` once the name is known, a refusal
   * recorded as the API server's decision), then its events.
   *
   * A run of pod creates and deletes (a ReplicaSet's slow-start batches, its scale-down) is a
   * store cohort, as a kubelet step is (`openCohort`): the trace and the pod routes take it
   * together before the next write of another kind, before the result's events and requeue,
   * and before the sync's next result is applied. Why that is the same as taking each change
   * at once: the listeners that run at the change (the kubelet's, kube-scheduler's, the routes
   * that declare no `cohort`) still do; the trace's objects are recorded apart from its events
   * and decisions, at the same instant; the pod routes' wake-ups are replayed in change order
   * (cohortRoutes.ts), and between a held change and the cohort's end nothing else enqueues
   * (a write of another kind ends the cohort first) or schedules a requeue (the result's own
   * come after it); a create's continuation (`then`) reads its outcome and the store, which
   * holds every write at once, never what a listener did.
   */
  private apply(result: ReconcileResult, c: Controller, key: string, requeues: boolean): void {
    const controller = c.name;
    const now = this.now;
    for (const d of result.decisions) this.recorder.decision(d, now);
    try {
      for (const w of result.writes) {
        if (w.op === "create" ? w.object.kind === "Pod" : w.op === "delete" && w.kind === "Pod") {
          // Not inside a cohort someone else holds (a kubelet step's): that one ends with its step.
          if (!this.podBatch && this.cohorts && this.store.held() === undefined) {
            this.store.openCohort();
            this.podBatch = true;
          }
        } else if (this.podBatch) this.closePodBatch();
        this.applyOne(w, c, key, requeues);
      }
    } finally {
      if (this.podBatch) this.closePodBatch();
    }
    for (const e of result.events) this.recorder.event(e, now);
    // A periodic controller's requeue is its next period, already scheduled.
    if (requeues && result.requeueAfter !== undefined && result.requeueAfter >= 0)
      this.requeue(c, key, result.requeueAfter);
    if (requeues && result.failed) {
      this.syncFailed = true;
      const id = `${controller}/${key}`;
      const n = this.failures.get(id) ?? 0;
      this.failures.set(id, n + 1);
      this.requeue(c, key, failureBackoff(n));
    }
  }

  /** One of a result's writes, its outcome's event or refusal, and its continuation's result. */
  private applyOne(w: Write, c: Controller, key: string, requeues: boolean): void {
    const outcome = this.applyWrite(w);
    if ("stored" in outcome && w.op === "create" && w.createdEvent)
      this.recorder.event(w.createdEvent(outcome.stored), this.now);
    if ("error" in outcome) {
      const controller = c.name;
      this.recorder.recordDecision({
        t: this.now,
        controller: "apiserver",
        object: writeTarget(w),
        action: "rejected",
        summary: `${w.op} by the ${controller} controller (syncing ${key}) rejected: ${outcome.error.message}`,
        inputs: { op: w.op, by: controller, reason: outcome.error.reason, message: outcome.error.message },
      });
    }
    if (w.op === "create" && w.then) {
      const more = w.then(outcome);
      if (more) this.apply(more, c, key, requeues);
    }
  }

  /** The controller's pod batch ends: the trace and the pod routes take what it holds. */
  private closePodBatch(): void {
    this.podBatch = false;
    this.store.closeCohort();
  }

  /** One write through the API server, and what came of it. */
  private applyWrite(w: Write): WriteOutcome {
    const r =
      w.op === "create"
        ? this.api.create(w.object, w.uids)
        : w.op === "update"
          ? this.api.update(w.object)
          : w.op === "updateStatus"
            ? w.own === true
              ? this.ownStatusWrite(w.object)
              : this.api.updateStatus(w.object)
            : // The write's gracePeriodSeconds is the delete's only option (no object made for it).
              this.api.delete(w.kind, w.namespace, w.name, w);
    if (r === undefined) return { done: true };
    return isApiError(r) ? { error: r } : { stored: r };
  }

  /**
   * A status write the controller gives up (Write's `own`): the stored object's status is
   * replaced by the very one sent, not a copy (updateStatus when nothing is stored: not found).
   */
  private ownStatusWrite(raw: KubeObject): KubeObject | ApiError {
    const old = this.api.get(raw.kind, raw.metadata.namespace ?? "", raw.metadata.name);
    return old === undefined
      ? this.api.updateStatus(raw)
      : this.api.updateOwnStatus(old, (raw as { status?: unknown }).status);
  }

  /**
   * A Node created from a manifest is taken up by "its kubelet", which completes what the
   * manifest left out of its status (nodes/agent.ts) at the same instant.
   */
  private registerNode(node: Node): void {
    const pools = this.pools;
    if (!pools) return;
    const name = node.metadata.name;
    const uid = node.metadata.uid;
    // Pods bound to it before it existed (their kubelet was not there to take them up).
    const bound = boundBefore(this.store.listAll("Pod"), name);
    this.queue.schedule(
      this.now,
      Priority.kubelet,
      () => {
        const live = this.api.get("Node", "", name);
        if (!live || live.metadata.uid !== uid) return;
        let index: number | undefined;
        const take = () => (index ??= pools.takeIndex());
        const status = completeNodeStatus(live, take, this.now);
        if (status) this.api.updateStatus({ ...live, status } as KubeObject);
        // The node IPAM controller gives a node without one a /24 of the cluster CIDR
        // (pkg/controller/nodeipam/ipam/range_allocator.go AllocateOrOccupyCIDR).
        const current = this.api.get("Node", "", name);
        if (current && !current.spec?.podCIDR) {
          const cidr = podCIDR(take());
          this.api.update({
            ...current,
            spec: { ...current.spec, podCIDR: cidr, podCIDRs: [cidr] },
          } as KubeObject);
        }
        if (bound) this.kubelet.resume(name);
      },
      `register node ${name}`,
    );
  }

  /**
   * The kubelet's NodeSchedulable / NodeNotSchedulable event when the node is cordoned or
   * uncordoned, at its next node status update (nodestatus/setters.go
   * recordNodeSchedulableEvent; nodeStatusUpdateFrequency 10 s, counted from the node's creation).
   */
  private schedulableEvent(old: Node | undefined, node: Node): void {
    const was = old?.spec?.unschedulable === true;
    const is = node.spec?.unschedulable === true;
    if (was === is) return;
    const created = node.metadata.creationTimestamp ?? 0;
    const at = lastTick(created, this.now, NODE_STATUS_UPDATE) + NODE_STATUS_UPDATE;
    const name = node.metadata.name;
    const uid = node.metadata.uid;
    this.queue.schedule(
      at,
      Priority.kubelet,
      () => {
        const live = this.api.get("Node", "", name);
        if (!live || live.metadata.uid !== uid || (live.spec?.unschedulable === true) !== is) return;
        const reason = is ? "NodeNotSchedulable" : "NodeSchedulable";
        this.recorder.event(
          {
            type: "Normal",
            reason,
            message: `Node ${name} status is now: ${reason}`,
            involvedObject: { kind: "Node", name, uid },
            source: "kubelet",
          },
          this.now,
        );
      },
      `kubelet reports ${name} schedulable: ${!is}`,
    );
  }

  private periodOf(c: Controller): number {
    return Math.max(1e-3, c.resync?.(this.settings) ?? 0);
  }

  /** A periodic controller's next sync of one object (while that object, by uid, exists). */
  private scheduleResync(target: ResyncTarget, t: Time): void {
    this.queue.schedule(Math.max(t, this.now), Priority.resync, () => this.resync(target), target.label);
  }

  private resync(target: ResyncTarget): void {
    const c = target.controller;
    const obj = this.store.get(c.kind, target.namespace, target.name);
    if (!obj || obj.metadata.uid !== target.uid) return;
    this.apply(c.reconcile(this.context(), target.key), c, target.key, false);
    this.scheduleResync(target, this.now + this.periodOf(c));
  }

  /** The OOM killer's look at every running pod's working set (after the load was spread anew). */
  private checkMemory(): void {
    const memoryOf = this.autoscaling.memoryOf?.bind(this.autoscaling);
    if (!memoryOf) return;
    this.kubelet.checkMemory(this.store.listAll("Pod"), (pod) => memoryOf(pod, this.settings));
    this.evictionManager?.observe();
  }

  private scrape(): void {
    const ctx = this.context();
    this.autoscaling.scrape(ctx);
    this.recorder.recordLoad(this.autoscaling.loadSummaries(ctx), this.now);
    const resolution = Math.max(1e-3, this.settings["metrics.resolution"]);
    this.queue.schedule(this.now + resolution, Priority.scrape, () => this.scrape(), "metrics-server scrape");
  }

  private scheduleWakeup(): void {
    const t = this.autoscaling.nextWakeup(this.now);
    if (t === undefined || !(t > this.now) || this.wakeups.has(t)) return;
    this.wakeups.add(t);
    this.queue.schedule(
      t,
      Priority.wakeup,
      () => {
        this.wakeups.delete(t);
        const ctx = this.context();
        this.autoscaling.observe(ctx);
        this.recorder.recordLoad(this.autoscaling.loadSummaries(ctx), this.now);
        this.checkMemory();
      },
      "load wake-up",
    );
  }
}

/**
 * One object a periodic controller syncs: its key parsed and its queue label made once at its
 * creation, not at each of its syncs (the week's 40,000 HPA syncs).
 */
interface ResyncTarget {
  readonly controller: Controller;
  readonly key: string;
  readonly namespace: string;
  readonly name: string;
  readonly uid: string | undefined;
  readonly label: string;
}

function resyncTarget(controller: Controller, key: string, uid: string | undefined): ResyncTarget {
  const { namespace, name } = parseQualifiedName(key);
  return { controller, key, namespace, name, uid, label: `${controller.name} sync ${key}` };
}

/** What came of one write: the object as stored, done (a delete), or the API server's refusal. */

/**
 * The kind of an object's controller reference (metav1.GetControllerOf: the first with
 * `controller: true`), "" without one: what a `controlledBy` filter is matched against.
 */
function controllerKind(obj: KubeObject): string {
  const refs = obj.metadata.ownerReferences;
  if (refs === undefined) return "";
  for (let i = 0; i < refs.length; i++) if (refs[i].controller === true) return refs[i].kind;
  return "";
}

/** The object a fault is about, for its decision: the workload, the image, or the component. */
function faultObject(f: FaultSpec): string {
  switch (f.kind) {
    case "crash":
    case "unready":
      return `${f.target.kind}/${f.target.name}`;
    case "crashImage":
    case "pullImage":
      return `image/${f.image}`;
    case "metricsDown":
      return "metrics-server";
    case "scaleUpdates":
      return f.target ? `${f.target.kind}/${f.target.name}` : "scale";
    case "nodeDown":
      return `Node/${f.node}`;
  }
}

function writeTarget(w: Write): string {
  return w.op === "delete"
    ? `${w.kind}/${qualifiedName(w.namespace, w.name)}`
    : `${w.object.kind}/${qualifiedName(w.object.metadata?.namespace, w.object.metadata?.name ?? w.object.metadata?.generateName ?? "")}`;
}
