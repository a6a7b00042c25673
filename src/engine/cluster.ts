/**
 * What the outside (kubectl layer, scenario runner, notebooks) sees of a running simulation.
 * The engine's `Simulation` implements it.
 */
import type { KindRegistry } from "../k8s/kinds/registry.ts";
import type { Kind, KubeEvent, KubeObject, ObjectOfKind, Time } from "../k8s/types.ts";
import type { Settings } from "./settings.ts";
import type { PodResourceSample } from "./metrics/types.ts";
import type { LoadSpec } from "./workload/types.ts";
import type { EvictionRefused } from "./eviction.ts";
import type { Rng } from "./controller.ts";

/** An API error worded as the API server words it (kubectl prints `Error from server (…): …`). */
export interface ApiError {
  reason:
    | "NotFound"
    | "AlreadyExists"
    | "Invalid"
    | "Conflict"
    | "BadRequest"
    | "Forbidden"
    | "InternalError"
    | "ServiceUnavailable";
  message: string;
  /** For Invalid: each field error, path as Kubernetes spells it (e.g. "spec.replicas"). */
  causes?: { field: string; message: string }[];
}

export const isApiError = (x: unknown): x is ApiError =>
  typeof x === "object" && x !== null && "reason" in x && "message" in x && !("kind" in x);

/**
 * The API server as clients call it. Objects are addressed by kind, namespace and name (a
 * cluster-scoped kind ignores the namespace: pass ""); create and update read the namespace
 * from the object's metadata, as the request path carries it (`default` when left out).
 */
export interface ApiServer {
  get<K extends Kind>(kind: K, namespace: string, name: string): ObjectOfKind<K> | undefined;
  get(kind: string, namespace: string, name: string): KubeObject | undefined;
  /** The objects of one namespace (all of a cluster-scoped kind), in creation order. */
  list<K extends Kind>(kind: K, namespace: string): readonly ObjectOfKind<K>[];
  list(kind: string, namespace: string): readonly KubeObject[];
  /** The objects of every namespace (`kubectl get -A`), in creation order. */
  listAll<K extends Kind>(kind: K): readonly ObjectOfKind<K>[];
  listAll(kind: string): readonly KubeObject[];
  /** Defaulting and validation are applied; returns the stored object. */
  create(object: KubeObject): KubeObject | ApiError;
  /** Replace spec/metadata (as `kubectl apply`, `edit`, `patch` end up doing); validation applies. */
  update(object: KubeObject): KubeObject | ApiError;
  /**
   * Pods terminate gracefully; Deployments and ReplicaSets cascade to their dependents, in the
   * background unless the options say otherwise.
   */
  delete(kind: string, namespace: string, name: string, options?: DeleteOptions): ApiError | undefined;
  /**
   * The pods/eviction subresource: delete the pod if its PodDisruptionBudget allows it
   * (eviction.ts); `TooManyRequests` when it does not, now. Optional: a cluster without budgets
   * deletes (kubectl drain falls back to delete).
   */
  evict?(namespace: string, podName: string): ApiError | EvictionRefused | undefined;
  /** dryRun=All: the object a create or an update would store, nothing stored (kubectl diff). */
  dryRunCreate?(object: KubeObject, uids: Rng): KubeObject | ApiError;
  dryRunUpdate?(object: KubeObject): KubeObject | ApiError;
}

/** metav1.DeletionPropagation: what the garbage collector does with an object's dependents. */
export type PropagationPolicy = "Background" | "Foreground" | "Orphan";

/** metav1.DeleteOptions, the parts a client sets (kubectl delete's --grace-period and --cascade). */
export interface DeleteOptions {
  /** Instead of the object's own grace period (a Pod's terminationGracePeriodSeconds); 0 deletes at once. */
  gracePeriodSeconds?: number;
  /** Background when left out, as kubectl sends it. */
  propagationPolicy?: PropagationPolicy;
}

export interface Cluster {
  readonly now: Time;
  /** The kinds this cluster serves (kubectl resolves resource words against them). */
  readonly kinds: KindRegistry;
  readonly api: ApiServer;
  readonly settings: Settings;
  /** Every event emitted so far, in order. */
  readonly events: readonly KubeEvent[];
  /** Change the load on a Deployment's pods from now on (its qualified name: `web`, `prod/web`). */
  setLoad(deployment: string, load: LoadSpec): void;
  /**
   * metrics.k8s.io PodMetrics (as `kubectl top pod` reads them) of those pods of a namespace
   * that have a sample, or the API's error (metrics-server down).
   */
  podMetrics(namespace: string, podNames: readonly string[]): PodResourceSample[] | ApiError;
  /**
   * A cluster without declared nodes: the names of the implicit nodes its pods are spread
   * over (docs/nodes.md), which no Node object stands for.
   */
  readonly implicitNodes?: readonly string[];
}
