/**
 * The contract between the engine and its controllers.
 *
 * A controller is a reconcile function over a read-only snapshot of the store: it reads what
 * it needs and returns the writes, events and decisions it wants, plus an optional requeue.
 * It never touches the clock or the event queue (time is the `now` parameter) and never
 * mutates what it read: writers copy (`deepClone`), change and return the copy.
 * The engine applies the writes in order through the API server (which stamps uid,
 * resourceVersion, generation and names), records everything in the trace, and lets the
 * watches decide which controller runs next.
 *
 * A controller is registered with the engine as a `Controller`: the kind it reconciles, the
 * other kinds it watches and which keys their changes wake, and either a work queue (synced
 * when woken) or a resync period (synced every period, as the HPA controller is). The
 * simulation loops over what is registered (simulation.ts); nothing in the loop names a
 * controller. docs/architecture.md shows a kind and its controller added this way.
 */
import type { ObjectReader } from "../k8s/kinds/descriptor.ts";
import type { ApiError } from "./cluster.ts";
import type { EventDraft, KubeObject, Time } from "../k8s/types.ts";
import type { ScaleClient } from "./controllers/hpa/scaleClient.ts";
import type { Settings } from "./settings.ts";
import type { WatchEvent, WatchEventType } from "./store.ts";
import type { Decision } from "./trace.ts";

/** Read-only view of the cluster's objects (ObjectReader: by namespace, or across them). Lists are in creation order. */
export type StoreView = ObjectReader;

export type Write =
  | {
      op: "create";
      object: KubeObject;
      /**
       * Optional: the event to emit once the object exists, for names the API server generates
       * (the ReplicaSet controller's SuccessfulCreate "Created pod: web-5d847fd86c-xhvf7").
       * Called only when the create succeeds, with the stored object.
       */
      createdEvent?: (created: KubeObject) => EventDraft;
      /**
       * Optional: the stream the new object's uid comes from, when not the run's generator (the
       * endpoints controllers' objects, which would otherwise rename every pod created after them).
       */
      uids?: Rng;
      /**
       * Optional: what the controller does with the API server's answer, right after this
       * write and before the next (docs/architecture.md, "Writes that fail"): the result it
       * returns is applied there, in the same sync (the ReplicaSet controller's slow start).
       */
      then?: (outcome: WriteOutcome) => ReconcileResult | undefined;
    }
  /** Replace the whole object (spec and metadata); the API server bumps generation on spec change. */
  | { op: "update"; object: KubeObject }
  /**
   * Replace only `.status` (the status subresource): generation is untouched. `own`: the
   * controller built the status itself and gives it up (it never changes it, nor its parts,
   * afterwards): stored as sent, without the copy the API server makes of a status it is
   * given (SimApiServer.updateOwnStatus, as the kubelet's are).
   */
  | { op: "updateStatus"; object: KubeObject; own?: true }
  /**
   * Pods get a deletionTimestamp and terminate gracefully; other kinds go at once (with their
   * dependents). `gracePeriodSeconds` 0: the pod goes at once (the pod GC's force delete).
   */
  | { op: "delete"; kind: string; namespace: string; name: string; gracePeriodSeconds?: number };

/** What came of one write: the object as stored, done (a delete), or the API server's refusal. */
export type WriteOutcome = { stored: KubeObject } | { done: true } | { error: ApiError };

export interface ReconcileResult {
  writes: Write[];
  events: EventDraft[];
  decisions: Omit<Decision, "t">[];
  /** Ask to run again for the same key after this many seconds. */
  requeueAfter?: number;
  /**
   * The sync failed: run again for the same key after the work queue's rate limit
   * (AddRateLimited with DefaultControllerRateLimiter: 5 ms doubling with each failure in a
   * row, at most 1000 s; a sync that does not fail resets it, as Forget does).
   */
  failed?: boolean;
}

/** Seeded pseudo-random numbers: the only source of randomness in a run. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
}

/** What every reconcile gets. */
export interface ReconcileContext {
  now: Time;
  store: StoreView;
  settings: Settings;
}

export const emptyResult = (): ReconcileResult => ({ writes: [], events: [], decisions: [] });

/**
 * The work queue's wait before a failed key's next sync, after `failures` earlier failures of
 * it: client-go's ItemExponentialFailureRateLimiter(5 ms, 1000 s), the per-item part of
 * DefaultControllerRateLimiter (util/workqueue/default_rate_limiters.go). The simulation uses it
 * for every `failed` result; a controller that keeps its own due times (the ephemeral volume
 * controller) asks it too.
 */
export const failureBackoff = (failures: number): number => Math.min(0.005 * 2 ** failures, 1000);

/**
 * What a registered controller's sync gets: the snapshot, and the API calls whose answer the
 * controller handles within the same sync — the scale subresource, which the HPA controller
 * reads and writes as horizontal.go does (an UPDATE refused is FailedUpdateScale, in this sync).
 */
export interface ControllerContext extends ReconcileContext {
  scales: ScaleClient;
  /**
   * Whether the API server serves a kind (discovery). The StatefulSet controller creates
   * PersistentVolumeClaims only where they are served; absent, every kind counts as served.
   */
  serves?(kind: string): boolean;
  /**
   * The nodes of a cluster without declared nodes (`cluster.nodes` of them, with unlimited room
   * and no Node objects: docs/nodes.md); absent where the nodes are the Node objects. The
   * DaemonSet controller runs a pod on each.
   */
  implicitNodes?: readonly string[];
}

/**
 * A reconcile function for one object kind, keyed by the object's qualified name (`web` in
 * the default namespace, `prod/web` elsewhere: src/k8s/namespaces.ts; parseQualifiedName
 * splits it, as cache.SplitMetaNamespaceKey does a work-queue key).
 */
export type Reconciler = (ctx: ControllerContext, key: string) => ReconcileResult;

/** A key a store change wakes: enqueue it now, or `after` seconds from now (AddAfter). */
export interface WakeUp {
  key: string;
  after?: number;
}

/** One of a controller's informer event handlers: the keys a change of `kind` wakes. */
export interface Watch {
  kind: string;
  /**
   * Read by the engine at once and never changed or kept: a route may hand out a shared list.
   * It has no effect besides what it returns, so a call the engine leaves out (`filter`) changes
   * nothing.
   */
  route(ev: WatchEvent, store: StoreView): readonly WakeUp[];
  /** The changes it can wake a key for; absent, every change of `kind` reaches it. */
  filter?: WatchFilter;
  /**
   * How it takes a cohort's changes (a kubelet step of many pods at one instant: Store
   * openCohort), which the engine routes together at the cohort's end. Absent: `route` is called
   * at each change, as outside a cohort. `"each"`: `route` is called for each change (that its
   * filter takes) at the cohort's end, so declared only by a route that reads no object of
   * `kind` from the store: the store then holds the cohort's later writes of that kind (objects of
   * every other kind are as at each change: a write of another kind ends the delivery first). A
   * function: called once with the cohort's changes, answering what `route` would have at each
   * (`CohortRoute`).
   */
  cohort?: "each" | CohortRoute;
}

/**
 * A route over a cohort's changes, in write order: it pushes, for each change in turn, what
 * `route` returns for it (outside its filter nothing), each with the change's index. It may leave
 * out a wake-up without `after` whose key it pushed for an earlier change of the cohort: until the
 * cohort's end the key stays queued, and a queued key is not queued twice (nothing syncs in
 * between). Timed wake-ups (`after`) are each a requeue of their own and are all pushed.
 */
export type CohortRoute = (changes: readonly WatchEvent[], store: StoreView, out: CohortWakes) => void;

/** Where a cohort route answers: the change's index in the cohort and the key it wakes. */
export interface CohortWakes {
  push(at: number, wake: WakeUp): void;
}

/**
 * What a route can wake a key for, declared with it, so that a change outside it does not call
 * the route at all: a pod's status write wakes its ReplicaSet, and before this reached nine
 * routes, eight of which woke nothing on a cluster with only Deployments. A route must return
 * no key for any change outside its filter (the engine does not call it for one).
 *
 * `types` narrows first. Then, when `controlledBy` or `whileAny` is given, the route is called
 * only if the object's controller reference (metav1.GetControllerOf) names a `controlledBy`
 * before or after the change, or the cluster holds an object of kind `whileAny` at the change
 * (an orphan's adoption lists that kind; a PodDisruptionBudget's route lists the budgets).
 */
export interface WatchFilter {
  /** The change types it handles, as a ResourceEventHandlerFuncs with only a DeleteFunc. */
  readonly types?: readonly WatchEventType[];
  /** The kind of owner whose objects it routes to (resolveControllerRef). */
  readonly controlledBy?: string;
  /** The kind it lists to find keys, so it wakes none while there is no object of it. */
  readonly whileAny?: string;
}

/**
 * Whether a change passes a route's filter: its type, the kinds of its object's controller
 * after and before it ("" for none), and how many objects of a kind the cluster holds.
 */
export function filterTakes(
  filter: WatchFilter | undefined,
  type: WatchEventType,
  owner: string,
  was: string,
  count: (kind: string) => number,
): boolean {
  if (filter === undefined) return true;
  if (filter.types !== undefined && !filter.types.includes(type)) return false;
  const { controlledBy, whileAny } = filter;
  if (controlledBy === undefined && whileAny === undefined) return true;
  return (
    (controlledBy !== undefined && (controlledBy === owner || controlledBy === was)) ||
    (whileAny !== undefined && count(whileAny) > 0)
  );
}

/** No key to wake (shared: most pod changes wake no Deployment). */
export const NO_WAKE_UP: readonly WakeUp[] = Object.freeze([]);

const wakeUpsOf = new Map<string, readonly WakeUp[]>();

/**
 * `[{ key }]`, one shared frozen list per key: every status write of a pod wakes its
 * ReplicaSet, and the x10 day writes pods 60,000 times. Bounded, as a notebook runs many
 * simulations.
 */
export function wakeUpOnly(key: string): readonly WakeUp[] {
  let wake = wakeUpsOf.get(key);
  if (wake === undefined) {
    if (wakeUpsOf.size >= 256) wakeUpsOf.clear();
    wake = Object.freeze([Object.freeze({ key })]);
    wakeUpsOf.set(key, wake);
  }
  return wake;
}

/**
 * A controller as the engine runs it.
 *
 * Dispatch order of one store change (what a shared informer's handlers, called in the order
 * they were added, come to here): first every registered controller that watches the changed
 * kind, in registration order, then the controller that reconciles it (its own key).
 * Example: a ReplicaSet change wakes its Deployment (the deployment controller watches
 * ReplicaSets) before the ReplicaSet itself; a pod deletion wakes its ReplicaSet, then — for a
 * Recreate rollout waiting on its last pod — the Deployment (the ReplicaSet controller is
 * registered first).
 */
export interface Controller {
  /** "deployment", "replicaset", "hpa": how decisions, requeues and livelock reports name it. */
  readonly name: string;
  /** The kind it reconciles; keys are the qualified names of its objects (`web`, `prod/web`). */
  readonly kind: string;
  /** The other kinds it watches. */
  readonly watches?: readonly Watch[];
  /** One sync of one key, over a read-only snapshot. */
  readonly reconcile: Reconciler;
  /**
   * Synced every period instead of when woken (the HPA controller's resync: each object first
   * at its creation + period, then every period, until it is deleted). Without it, a change of
   * one of its objects enqueues that object at once and the work queue drives it.
   */
  resync?(settings: Settings): number;
  /** The object is gone: drop whatever the controller keeps about it in memory. */
  forget?(key: string): void;
}
