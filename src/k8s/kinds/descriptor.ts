/**
 * A kind, described once: what client-go's scheme and RESTMapper know of it (group, versions,
 * resource names, scope, categories), what its API-server registry strategy does (generation,
 * status on create, admission, allocation, graceful deletion — pkg/registry/<group>/<resource>/
 * strategy.go), how `kubectl get` and `kubectl describe` print it
 * (pkg/printers/internalversion/printers.go, kubectl/pkg/describe/describe.go), how the
 * scenario language names it and how the trace summarises it. The language, kubectl, the API
 * server, the recorder, the expectations and the matchers all read these descriptors through a
 * KindRegistry (registry.ts) instead of keeping kind tables of their own.
 *
 * Adding a kind is one folder: its descriptor (and whatever facets it has) registered with a
 * cluster's registry — see docs/architecture.md, "Adding a kind".
 */
import type { FieldError } from "../fieldErrors.ts";
import type { FieldSchema } from "../knownFields.ts";
import type { Kind, KubeEvent, KubeObject, LabelSelector, ObjectOfKind, Time } from "../types.ts";

/**
 * Read access to a cluster's objects, lists in creation order: a lister's
 * `Deployments(ns).Get(name)` and `Deployments(ns).List()`, and `listAll` across namespaces
 * (an informer's whole cache). A cluster-scoped kind ignores the namespace (pass "").
 */
export interface ObjectReader {
  get<K extends Kind>(kind: K, namespace: string, name: string): ObjectOfKind<K> | undefined;
  get(kind: string, namespace: string, name: string): KubeObject | undefined;
  /** The objects of one namespace (every object, for a cluster-scoped kind). */
  list<K extends Kind>(kind: K, namespace: string): readonly ObjectOfKind<K>[];
  list(kind: string, namespace: string): readonly KubeObject[];
  /** The objects of every namespace. */
  listAll<K extends Kind>(kind: K): readonly ObjectOfKind<K>[];
  listAll(kind: string): readonly KubeObject[];
}

/** The words the scenario language knows the kind by (`deployment/web`, `expect hpa desired 3`). */
export interface LanguageWords {
  /** The word targets are written with in reports: `hpa` → "hpa/web". */
  readonly word: string;
  /** Every word accepted before `/NAME` (lower case; `deployment.apps/web` drops the group). */
  readonly words: readonly string[];
  /** The words may stand alone as a target ("the only one"); `pods` cannot (it is a quantity). */
  readonly bare: boolean;
}

/** What `admit` makes of a raw object: the stored form, or field errors. */
export interface Admitted {
  object: Record<string, unknown>;
  errors: FieldError[];
}

/** Options of admission: the feature gates validation honours. */
export interface AdmitOptions {
  /** Feature gate HPAScaleToZero: allows an HPA's minReplicas 0 (with an Object or External metric). */
  scaleToZero?: boolean;
  /**
   * Feature gate MaxUnavailableStatefulSet (alpha in 1.28, off): without it the API server drops
   * a StatefulSet's rollingUpdate.maxUnavailable (registry/apps/statefulset/strategy.go
   * dropStatefulSetDisabledFields), unless the stored object already uses it.
   */
  maxUnavailableStatefulSet?: boolean;
  /**
   * Feature gate RecoverVolumeExpansionFailure (alpha and off in 1.23-1.31, beta and on in 1.32,
   * GA in 1.34): a claim's request may go back down to just above status.capacity. Absent, on.
   */
  recoverVolumeExpansionFailure?: boolean;
}

/**
 * The API server's registry strategy of the kind (its create/update rules).
 * Example: a Deployment tracks generation, starts with an empty status, and is defaulted and
 * validated by apps/v1's rules; a Pod is deleted gracefully once it is bound to a node.
 */
export interface Strategy<O extends KubeObject = KubeObject> {
  /** metadata.generation is 1 on create and bumped when the spec changes. */
  readonly tracksGeneration: boolean;
  /** PrepareForCreate: the status a freshly created object starts with (none: kept as sent). */
  initialStatus?(now: Time): unknown;
  /**
   * The status subresource's PrepareForUpdate: the status to store for the one a client sent,
   * given the stored one (a PersistentVolume's lastPhaseTransitionTime moves with its phase).
   */
  prepareForStatusUpdate?(status: unknown, old: unknown, now: Time): unknown;
  /** Conversion to the stored version, defaulting and validation (`old` on an update). */
  admit(raw: Record<string, unknown>, apiVersion: string, old: O | undefined, opts: AdmitOptions): Admitted;
  /** Allocation on create (a Service's ClusterIP and NodePorts), given the stored objects of the kind. */
  prepareForCreate?(obj: O, stored: readonly O[]): void;
  /**
   * Why what a create asks to be allocated cannot be (a Service's ClusterIP taken or outside
   * the service CIDR), given the stored objects of the kind: the API server answers Invalid
   * before storing anything.
   */
  allocationErrors?(obj: O, stored: readonly O[]): readonly FieldError[];
  /** Fields an update keeps from the stored object when the client left them out. */
  prepareForUpdate?(obj: O, old: O): void;
  /**
   * `.status` is a field like any other: an update stores the status it sends (or none), where
   * every other kind keeps the stored one (a custom resource whose CRD declares no status
   * subresource: apiextensions-apiserver registry/customresource/strategy.go PrepareForUpdate
   * resets status only when the subresource is installed).
   */
  readonly updatesStatus?: boolean;
  /**
   * Graceful deletion: the grace period, or undefined to delete at once. `requested` is the
   * delete request's gracePeriodSeconds (CheckGracefulDelete reads DeleteOptions).
   */
  gracefulDeletion?(obj: O, requested?: number): number | undefined;
  /** What a graceful deletion changes besides the deletionTimestamp (a Namespace turns Terminating). */
  beginDeletion?(obj: O): O;
  /**
   * Finalizers beyond metadata.finalizers (a Namespace's spec.finalizers): an object being
   * deleted goes once an update leaves it none (the generic registry's ShouldDeleteDuringUpdate).
   */
  finalizers?(obj: O): readonly string[];
}

/**
 * The scale subresource (`/scale`, autoscaling/v1 Scale) of a kind that has one, as its
 * registry's ScaleREST serves it (pkg/registry/apps/deployment/storage.go scaleFromDeployment):
 * what `kubectl scale` and the HPA controller read and write.
 */
export interface ScaleSubresource<O extends KubeObject = KubeObject> {
  /** scale.spec.replicas */
  specReplicas(obj: O): number;
  /** scale.status.replicas */
  statusReplicas(obj: O): number;
  /**
   * The selector scale.status.selector is printed from, or the text itself where the kind
   * stores it as text (a custom resource's labelSelectorPath names a string field).
   */
  selector(obj: O): LabelSelector | string;
  /** A copy of the object with spec.replicas set (what an UPDATE of /scale writes). */
  withReplicas(obj: O, replicas: number): O;
  /**
   * Why GET of /scale fails for this object, where the kind's registry can fail it: a custom
   * resource whose spec replicas field is missing or not an integer (apiextensions-apiserver
   * registry/customresource/etcd.go ScaleREST.Get, scaleFromCustomResource).
   */
  refusal?(obj: O): ScaleRefusal | undefined;
}

/** An error the scale subresource answers with, as the API server words it. */
export interface ScaleRefusal {
  reason: "InternalError";
  message: string;
}

/** How a table printer is asked to print. */
export interface PrintOptions {
  now: Time;
  wide: boolean;
  /**
   * The server-side printers' generation, named after its best-known change: "legacy" (kubectl
   * before 1.30, the seeds) or "named" (1.30 and later, the default). 1.30 spells HPA TARGETS
   * with the metric (`cpu: 0%/60%`, was `0%/60%`) and adds `get jobs`' STATUS and `get
   * cronjobs`' TIMEZONE columns; src/kubectl/version.ts picks it from the kubectl version.
   */
  targetsStyle?: TargetsStyle;
  /**
   * The kubectl minor version the scenario prints as (`kubectl.version`, src/kubectl/version.ts),
   * for a column younger than it (get pvc's and get pv's VOLUMEATTRIBUTESCLASS, 1.29); absent,
   * the current one.
   */
  printersMinor?: number;
}

export type TargetsStyle = "legacy" | "named";

/** `kubectl get`'s table for the kind: its columns, and one object's cells (name first). */
export interface TablePrinter<O extends KubeObject = KubeObject> {
  readonly header: readonly string[];
  /** The extra columns of `-o wide`. */
  readonly wide: readonly string[];
  /**
   * The columns, where they depend on the printers' generation or on `-o wide` beyond the
   * extra columns at the end (header and wide otherwise), or on the version the request read
   * (`apiVersion`: a CRD's columns are per version).
   */
  columns?(
    opts: Pick<PrintOptions, "targetsStyle" | "printersMinor"> & { wide?: boolean; apiVersion?: string },
  ): {
    header: readonly string[];
    wide: readonly string[];
  };
  cells(obj: O, opts: PrintOptions): string[];
}

/** What a describer may read besides the object: the time, the events, the other objects. */
export interface DescribeContext {
  now: Time;
  events: readonly KubeEvent[];
  objects: ObjectReader;
  /** `--show-events=false` leaves the Events section out. */
  showEvents?: boolean;
  /**
   * kubectl before 1.31 (src/kubectl/version.ts): a pod being deleted reads Terminating even
   * once its phase is Failed or Succeeded.
   */
  terminatingWhateverPhase?: boolean;
  /**
   * kubectl before 1.31 (src/kubectl/version.ts): `describe service` has no Internal Traffic
   * Policy line.
   */
  withoutInternalTrafficPolicy?: boolean;
}

/** `kubectl describe`'s text for one object. */
export type Describer<O extends KubeObject = KubeObject> = (obj: O, ctx: DescribeContext) => string;

/** Every summary says whether the object existed at that point. */
export interface ObjectSummary {
  exists: boolean;
}

/** A quantity an expectation reads: a number, a string, a flag; undefined when it has no value. */
export type Observed = number | string | boolean | undefined;

/** The parameters an expectation's quantity may carry (`image app=…`, `metric NAME`, `condition T`). */
export interface QuantityQuery {
  kind: string;
  container?: string;
  name?: string;
  type?: string;
  /** The value the expectation wants, for quantities that match rather than read (`image`). */
  wantedString?: string;
}

/** How one quantity is read from the kind's summary, and how it reads in a report. */
export interface QuantityReading<S> {
  read(summary: S, q: QuantityQuery): Observed;
  /** The quantity as reports name it (default: its word). */
  name?(q: QuantityQuery): string;
  /** How a value reads (default: as written; "<none>" when absent). */
  show?(v: Observed): string;
}

/** What a summariser may read: the time, the store, and dependents the recorder tracks. */
export interface SummaryContext {
  now: Time;
  objects: ObjectReader;
  /** Dependents of kind/name in the summarised object's namespace (by their controller reference) that are terminating. */
  terminatingDependents(kind: string, name: string): number;
  /** Ask to be summarised again at the first instant after t (a state that changes with time alone). */
  recheckAfter(t: Time): void;
}

/** How the trace summarises the kind (a point per change, not a copy of the object). */
export interface Summarizer<O extends KubeObject = KubeObject, S extends ObjectSummary = ObjectSummary> {
  summarize(obj: O, gone: boolean, ctx: SummaryContext): S;
  /** The quantities expectations read from the summary, by the language's quantity word. */
  readonly quantities: Readonly<Record<string, QuantityReading<S>>>;
  /** Why a quantity the kind does not have cannot be read, when there is more to say than "no quantity". */
  lacks?(quantity: string): string | undefined;
}

export interface KindDescriptor<O extends KubeObject = KubeObject, S extends ObjectSummary = ObjectSummary> {
  readonly kind: string;
  /** API group, "" for the core group. */
  readonly group: string;
  /** Served versions, the stored (internal) one first: an HPA is kept as autoscaling/v2. */
  readonly versions: readonly string[];
  readonly namespaced: boolean;
  readonly plural: string;
  readonly singular: string;
  readonly shortNames: readonly string[];
  /** Discovery categories: `all` makes `kubectl get all` list the kind. */
  readonly categories: readonly string[];
  /** How messages name the kind, with its article: "a Deployment", "an HPA". */
  readonly prose: string;
  /** Simulated (a controller or the kubelet acts on it) or stored as written and only listed. */
  readonly simulated: boolean;
  /**
   * Nothing in the simulation reads it (a ServiceAccount, a Role, a CRD's objects): a run's
   * report notes its objects once, "stored, not simulated".
   */
  readonly storedOnly?: boolean;
  /** The annotation keys this kind's controllers and tools write, each defined here once. */
  readonly annotations?: Readonly<Record<string, string>>;
  readonly strategy: Strategy<O>;
  /** The fields each served version defines, by version (strict field validation's unknown fields). */
  readonly fields?: Readonly<Record<string, FieldSchema>>;
  /** The scale subresource, for kinds that have one (Deployment, ReplicaSet). */
  readonly scale?: ScaleSubresource<O>;
  /**
   * Fields (dotted paths) the API server's JSON leaves out while they hold their zero value:
   * the Go struct's `omitempty` tags, e.g. a Deployment's `status.readyReplicas` (kubectl
   * `-o yaml|json` then shows no `readyReplicas: 0`).
   */
  readonly omitEmpty?: readonly string[];
  readonly language?: LanguageWords;
  readonly table?: TablePrinter<O>;
  readonly describe?: Describer<O>;
  readonly summary?: Summarizer<O, S>;
}

/** `apps/v1`, `v1`: the apiVersion of the stored version. */
export const apiVersionOf = (d: Pick<KindDescriptor, "group" | "versions">): string =>
  d.group ? `${d.group}/${d.versions[0]}` : d.versions[0];

/** `deployments.apps`, `pods`: how the API server names the resource in a StatusError. */
export const groupResource = (d: Pick<KindDescriptor, "group" | "plural">): string =>
  d.group ? `${d.plural}.${d.group}` : d.plural;

/** `deployment.apps`, `pod`: the prefix of `deployment.apps/NAME created`. */
export const kindPrefix = (d: Pick<KindDescriptor, "group" | "singular">): string =>
  d.group ? `${d.singular}.${d.group}` : d.singular;
