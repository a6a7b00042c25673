/**
 * The contract between the engine and its controllers.
 *
 * A controller is a reconcile function over a read-only snapshot of the store: it reads what
 * it needs and returns the writes, events and decisions it wants, plus an optional requeue.
 * It never touches the clock or the event queue (time is the `now` parameter) and never
 * mutates what it read: writers clone (`structuredClone`), change and return the copy.
 * The engine applies the writes in order through the API server (which stamps uid,
 * resourceVersion, generation and names), records everything in the trace, and lets the
 * watches decide which controller runs next.
 */
import type { ObjectReader } from "../k8s/kinds/descriptor.ts";
import type { EventDraft, Kind, KubeObject, Time } from "../k8s/types.ts";
import type { Settings } from "./settings.ts";
import type { Decision } from "./trace.ts";

/** Read-only view of the cluster's objects (one namespace). Lists are in creation order. */
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
    }
  /** Replace the whole object (spec and metadata); the API server bumps generation on spec change. */
  | { op: "update"; object: KubeObject }
  /** Replace only `.status` (the status subresource): generation is untouched. */
  | { op: "updateStatus"; object: KubeObject }
  /** Pods get a deletionTimestamp and terminate gracefully; other kinds go at once (with their dependents). */
  | { op: "delete"; kind: Kind; name: string };

export interface ReconcileResult {
  writes: Write[];
  events: EventDraft[];
  decisions: Omit<Decision, "t">[];
  /** Ask to run again for the same key after this many seconds. */
  requeueAfter?: number;
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
