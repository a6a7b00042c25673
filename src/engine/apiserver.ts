/**
 * The API server over the store (implements `ApiServer` from cluster.ts): names, uids,
 * resourceVersions, generation, defaulting and validation (through `admit`), graceful pod
 * deletion and cascading deletion, and errors worded as kube-apiserver words them.
 *
 * Rules followed (k8s.io/apiserver/pkg/registry/rest, pkg/registry/apps/deployment/strategy.go):
 * - create: `generateName` gets a 5-character suffix; uid, creationTimestamp = now,
 *   resourceVersion; `metadata.generation` = 1 for kinds that track it; status is reset
 *   (PrepareForCreate), a Pod starts Pending.
 * - update: status is kept (PrepareForUpdate copies the old status); generation + 1 only
 *   when the spec changed. Example: scaling 3 → 5 gives generation 1 → 2; relabelling
 *   metadata keeps 1. A write that changes nothing is a no-op: no new resourceVersion, no
 *   watch event (etcd3 store GuaranteedUpdate skips identical objects), which is what keeps
 *   controllers that write back an unchanged status from waking each other forever.
 * - updateStatus: only `.status` changes; generation is untouched.
 * - delete: a scheduled Pod gets deletionGracePeriodSeconds (the request's
 *   gracePeriodSeconds, else terminationGracePeriodSeconds, default 30) and deletionTimestamp
 *   = now + that period, the time by which it should be gone (rest/delete.go BeforeDelete), and
 *   stays until the kubelet removes it; an unscheduled Pod, one already Succeeded or Failed
 *   (pod strategy.go CheckGracefulDelete), or one deleted with 0, goes at once. Other kinds go at once, and the garbage collector deletes their dependents
 *   (background propagation), or takes the owner out of their ownerReferences (orphan), or
 *   deletes them while the owner waits with the foregroundDeletion finalizer (foreground).
 * - finalizers: a deleted object with metadata.finalizers stays, deletionTimestamp now and
 *   deletionGracePeriodSeconds 0 (a pod keeps its grace period until the kubelet's own delete
 *   with 0), until an update takes the last one off (registry/store.go markAsDeleting,
 *   ShouldDeleteDuringUpdate).
 * - resourceVersion preconditions are not checked: every writer runs in turn on one thread,
 *   so no write can race another, and a stale copy simply replaces the spec it names.
 */
import { evictPod, type EvictionApi, type EvictionRefused } from "./eviction.ts";
import { admit as k8sAdmit, admitKeptSpec, type AdmitOptions } from "../k8s/admission.ts";
import { copyWith, deepClone, deepFreeze } from "../k8s/clone.ts";
import type { FieldError } from "../k8s/fieldErrors.ts";
import { formatInvalidStatus, required } from "../k8s/fieldErrors.ts";
import { groupResource, type AdmitOptions as KindAdmitOptions } from "../k8s/kinds/descriptor.ts";
import type { KindRegistry } from "../k8s/kinds/registry.ts";
import { kindOfCRD, registerCRD, unregisterCRD } from "../k8s/kinds/stored/crd.ts";
import type { Kind, KubeObject, ObjectOfKind, OwnerReference, Pod, Time } from "../k8s/types.ts";
import type { ApiError, ApiServer, DeleteOptions } from "./cluster.ts";
import type { Rng } from "./controller.ts";
import { dependentsOf } from "./garbageCollector.ts";
import { attemptToDeleteItem, type OwnerLookup } from "./gc/absentOwners.ts";
import { generateName, newUid } from "./names.ts";
import { admitCreate, admitDelete, bootstrapNamespaces } from "./namespaceLifecycle.ts";
import { admitPodPriority } from "../k8s/priority.ts";
import {
  lookUpServiceAccount,
  planServiceAccount,
  specWithServiceAccount,
  TOKEN_VOLUME_PREFIX,
  type ServiceAccountPlan,
} from "../k8s/kinds/serviceAccount/admission.ts";
import { PodKind } from "../k8s/kinds/pod/index.ts";
import { sameData } from "../k8s/kinds/pod/admittedSpecs.ts";
import { applyLimitRangeDefaults } from "../k8s/kinds/limitRange/admission.ts";
import { validatingAdmission, validatingUpdateAdmission } from "../k8s/kinds/resourceQuota/validating.ts";
import { mulberry32 } from "./rng.ts";
import { storageAdmission } from "../k8s/kinds/storageClass/admission.ts";
import type { Store } from "./store.ts";
import { metaDeleting, metaWithVersion, withKey, withMetadata, withSpec, withStatus } from "./writeCopies.ts";

/** metav1.FinalizerDeleteDependents: the owner waits for its dependents (foreground propagation). */
export const FOREGROUND_DELETION = "foregroundDeletion";

/** Defaulting, version conversion and validation: src/k8s's `admit(raw, old?, { kinds })`. */
export type Admission = (
  raw: unknown,
  old: KubeObject | undefined,
  kinds: KindRegistry,
  /** The cluster's feature gates that change admission (src/k8s AdmitOptions). */
  gates?: FeatureGates,
) => { object?: KubeObject; errors: FieldError[] };

/** The feature gates admission reads: src/k8s's AdmitOptions without the kinds. */
export type FeatureGates = KindAdmitOptions;

/** Field errors → kube-apiserver's Invalid Status message: src/k8s's `formatInvalidStatus`. */
export type InvalidFormatter = (kind: Kind, name: string, errors: readonly FieldError[]) => string;

export interface ApiServerOptions {
  store: Store;
  /** The cluster's kinds: their registry strategies and resource names. */
  kinds: KindRegistry;
  rng: Rng;
  /** The current simulated time. */
  clock: () => Time;
  /** Default: src/k8s's `admit` (defaulting, conversion, validation). */
  admit?: Admission;
  /** Default: src/k8s's `formatInvalidStatus` (`Deployment.apps "x" is invalid: …`). */
  formatInvalid?: InvalidFormatter;
  /** Feature gates admission reads (from the cluster's settings). */
  gates?: FeatureGates;
  /**
   * The stream the ServiceAccount plug-in's token volume names come from (kube-api-access-…):
   * apart from the run's generator, so that no pod changes name. Default: a fixed seed.
   */
  tokenVolumeNames?: Rng;
}

/** The default seed of the token volume names' stream. */
const TOKEN_VOLUME_SEED = 0x70ce4;

export class SimApiServer implements ApiServer {
  private readonly store: Store;
  private readonly kinds: KindRegistry;
  private readonly rng: Rng;
  private readonly clock: () => Time;
  private readonly admit: Admission;
  private readonly formatInvalid: InvalidFormatter;
  private readonly gates: FeatureGates;
  private readonly tokenVolumeNames: Rng;
  /**
   * Whether admission is src/k8s's own (no `admit` given), whose Pod strategy `lastPod` relies
   * on, and whose Deployment and ReplicaSet strategies `admittedSpecs` do.
   */
  private readonly admitsOwnPods: boolean;
  /**
   * The specs stored as src/k8s's admission gave them (a create's or an update's): an update that
   * keeps one but for its replicas needs no admission of it again (k8s/admission.ts admitKeptSpec).
   * A stored object keeps its spec object until an update replaces it (a status write, a deletion
   * mark copy the rest), so the stored object's spec being one of these says it was admitted.
   */
  private readonly admittedSpecs = new WeakSet<object>();
  /** The last pod admitted on create, for the next one asked for alike (`admitPod`). */
  private lastPod?: AdmittedPod;
  /**
   * The pod template specs of the ReplicaSets stored: stored data, never changed in place,
   * which the ReplicaSet controller sends as its pods' spec itself (podTemplate.ts). A pod
   * request holding one is told alike by identity where its spec is concerned (`admitPod`).
   */
  private readonly templateSpecs = new WeakSet<object>();

  constructor(opts: ApiServerOptions) {
    this.store = opts.store;
    this.kinds = opts.kinds;
    this.rng = opts.rng;
    this.clock = opts.clock;
    this.admit = opts.admit ?? defaultAdmission();
    this.admitsOwnPods = opts.admit === undefined;
    this.gates = opts.gates ?? {};
    this.tokenVolumeNames = opts.tokenVolumeNames ?? mulberry32(TOKEN_VOLUME_SEED);
    this.formatInvalid = opts.formatInvalid ?? formatInvalidStatus;
    bootstrapNamespaces(this.store, this.kinds, this.clock());
  }

  /** `deployments.apps "web" not found`, as kube-apiserver's StatusError words it. */
  notFound(kind: string, name: string): ApiError {
    return { reason: "NotFound", message: `${this.resourceName(kind)} "${name}" not found` };
  }

  alreadyExists(kind: string, name: string): ApiError {
    return { reason: "AlreadyExists", message: `${this.resourceName(kind)} "${name}" already exists` };
  }

  private resourceName(kind: string): string {
    const d = this.kinds.get(kind);
    return d ? groupResource(d) : kind.toLowerCase();
  }

  get<K extends Kind>(kind: K, namespace: string, name: string): ObjectOfKind<K> | undefined;
  get(kind: string, namespace: string, name: string): KubeObject | undefined;
  get(kind: string, namespace: string, name: string): KubeObject | undefined {
    return this.store.get(kind, namespace, name);
  }

  list<K extends Kind>(kind: K, namespace: string): readonly ObjectOfKind<K>[];
  list(kind: string, namespace: string): readonly KubeObject[];
  list(kind: string, namespace: string): readonly KubeObject[] {
    return this.store.list(kind, namespace);
  }

  listAll<K extends Kind>(kind: K): readonly ObjectOfKind<K>[];
  listAll(kind: string): readonly KubeObject[];
  listAll(kind: string): readonly KubeObject[] {
    return this.store.listAll(kind);
  }

  /**
   * `uids` is the stream the new object's uid comes from: the run's generator, or one of a
   * component's own (the cluster autoscaler's status ConfigMap), so that an object only some
   * runs create leaves every other object's uid and name as they were.
   */
  create(raw: KubeObject, uids: Rng = this.rng, dryRun = false): KubeObject | ApiError {
    // The kind's key: its name, or `Kind.group` where two groups share it (kinds/registry.ts).
    const kind = this.kinds.keyOf(raw);
    // Looked up once: nothing before the store's add registers or drops a kind.
    const descriptor = this.kinds.get(kind);
    // The name is generated before admission (BeforeCreate), so validation sees it.
    const name = this.nameFor(raw, kind);
    if (typeof name !== "string") return name;
    const requested = this.store.scopeNamespace(kind, raw.metadata?.namespace);
    // NamespaceLifecycle is a mutating admission plugin: it answers before validation.
    const lifecycle = admitCreate(this.store, this.kinds, kind, requested, name);
    if (lifecycle) return lifecycle;
    const admitted =
      kind === "Pod"
        ? this.admitPod(raw, name, requested, descriptor === PodKind)
        : this.runAdmission(withName(raw, name), undefined);
    if ("reason" in admitted) return admitted;
    const obj = admitted;
    const meta = obj.metadata;
    // The request's namespace (BeforeCreate): a cluster-scoped object (a Node) has none.
    const namespace = this.store.scopeNamespace(kind, meta.namespace);
    if (namespace === "") delete meta.namespace;
    else meta.namespace = namespace;
    // Allocation (a Service's requested ClusterIP) comes before the store is asked (BeginCreate).
    const unallocatable = descriptor?.strategy.allocationErrors?.(obj, this.store.listAll(kind));
    if (unallocatable?.length) return this.invalid(obj.kind, meta.name, unallocatable);
    // A generated name was looked up free just now (nameFor), in the namespace admission kept,
    // and nothing since has stored an object: asked again only of a name the client chose.
    const generated = !raw.metadata?.name && meta.name === name && namespace === requested;
    if (!generated && this.store.get(kind, namespace, meta.name)) return this.alreadyExists(kind, meta.name);
    // DefaultStorageClass and StorageObjectInUseProtection (k8s/kinds/storageClass/admission.ts).
    storageAdmission(obj, this.store);
    // LimitRanger's checks and ResourceQuota (k8s/kinds/resourceQuota/validating.ts), which
    // charges the quotas unless this is a dry run.
    const refused = validatingAdmission(obj, namespace, this.store, this.kinds, this.clock(), (q, used) => {
      if (!dryRun) this.commitStatus(q, { ...(q as { status?: object }).status, used });
    });
    if (refused !== undefined) return { reason: "Forbidden", message: refused };
    const strategy = descriptor?.strategy;
    meta.uid = newUid(uids);
    meta.creationTimestamp = this.clock();
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    if (strategy?.tracksGeneration) meta.generation = 1;
    else delete meta.generation;
    // Allocation (a Service's ClusterIP, NodePorts) is cluster-wide.
    strategy?.prepareForCreate?.(obj, this.store.listAll(kind));
    // PrepareForCreate: the status the kind starts with, whatever the client sent.
    if (strategy?.initialStatus)
      (obj as { status?: unknown }).status = strategy.initialStatus(meta.creationTimestamp);
    if (dryRun) return obj;
    meta.resourceVersion = this.store.nextResourceVersion();
    this.store.add(obj);
    this.keepAdmittedSpec(obj);
    // A CustomResourceDefinition's kind is served from now on.
    registerCRD(this.kinds, obj);
    if (meta.ownerReferences !== undefined) this.collectIfOwnersAbsent(obj);
    return obj;
  }

  update(raw: KubeObject, dryRun = false): KubeObject | ApiError {
    const old = this.stored(raw);
    if (!old) return this.notFound(this.kinds.keyOf(raw), raw.metadata?.name);
    const admitted = this.keptSpecAdmission(raw, old) ?? this.runAdmission(raw, old);
    if ("reason" in admitted) return admitted;
    const obj = admitted;
    const meta = obj.metadata;
    // Fields the API server owns: a client cannot change them through an update.
    meta.name = old.metadata.name;
    meta.namespace = old.metadata.namespace;
    meta.uid = old.metadata.uid;
    meta.creationTimestamp = old.metadata.creationTimestamp;
    copyOptional(meta, old.metadata, "deletionTimestamp");
    copyOptional(meta, old.metadata, "deletionGracePeriodSeconds");
    copyOptional(meta, old.metadata, "generation");
    const strategy = this.kinds.forObject(obj)?.strategy;
    strategy?.prepareForUpdate?.(obj, old);
    if ("status" in old && !strategy?.updatesStatus) (obj as { status?: unknown }).status = old.status;
    // ResourceQuota on an update: a Service's or a claim's growth (resourceQuota/validating.ts).
    const refused = validatingUpdateAdmission(obj, old, this.store, this.kinds, this.clock(), (q, used) => {
      if (!dryRun) this.commitStatus(q, { ...(q as { status?: object }).status, used });
    });
    if (refused !== undefined) return { reason: "Forbidden", message: refused };
    if (strategy?.tracksGeneration && !sameJson(specOf(obj), specOf(old))) {
      meta.generation = (old.metadata.generation ?? 0) + 1;
    }
    if (dryRun) return obj;
    const stored = this.commit(obj, old);
    if (stored === obj) this.keepAdmittedSpec(obj);
    // A CustomResourceDefinition's new revision is what its kind is served as from now on.
    if ((stored.kind as string) === "CustomResourceDefinition") registerCRD(this.kinds, stored);
    if (addsOwner(stored.metadata.ownerReferences, old.metadata.ownerReferences))
      this.collectIfOwnersAbsent(stored);
    // registry/store.go ShouldDeleteDuringUpdate: an object being deleted goes once an update
    // leaves it no finalizers, unless a grace period is still running (the kubelet's own delete
    // ends that one); a Namespace's spec.finalizers count too (its store's own check).
    if (
      stored.metadata.deletionTimestamp !== undefined &&
      (old.metadata.deletionGracePeriodSeconds ?? 0) === 0 &&
      (stored.metadata.finalizers?.length ?? 0) === 0 &&
      (strategy?.finalizers?.(stored).length ?? 0) === 0
    )
      this.remove(this.kinds.keyOf(stored), stored.metadata.namespace ?? "", stored.metadata.name);
    return stored;
  }

  /**
   * dryRun=All (what `kubectl diff` sends): admitted, defaulted and prepared as
   * the write would be, nothing stored and no resourceVersion spent (the registry's
   * DryRunnableStorage skips the storage write). The uid comes from `uids`, not the run's stream.
   */
  dryRunCreate(raw: KubeObject, uids: Rng): KubeObject | ApiError {
    return this.create(raw, uids, true);
  }

  dryRunUpdate(raw: KubeObject): KubeObject | ApiError {
    return this.update(raw, true);
  }

  /** The status subresource: only `.status` is taken from `raw`. */
  updateStatus(raw: KubeObject): KubeObject | ApiError {
    const old = this.stored(raw);
    if (!old) return this.notFound(this.kinds.keyOf(raw), raw.metadata?.name);
    const status = deepClone((raw as { status?: unknown }).status);
    const prepare = this.kinds.get(this.kinds.keyOf(old))?.strategy.prepareForStatusUpdate;
    const oldStatus = (old as { status?: unknown }).status;
    return this.commitStatus(old, prepare ? prepare(status, oldStatus, this.clock()) : status);
  }

  /**
   * The status subresource for a component of the cluster that read `old` from the store just
   * now and built `status` itself (the kubelet): stored without the copy `updateStatus` makes,
   * since nobody else holds the new parts and the parts taken from `old.status` are stored
   * ones, never changed in place.
   *
   * `changed`: the caller's word that `status` differs from `old.status` as JSON data (a new
   * phase, a new condition time), so the write is a change without the comparison that would
   * find it (a walk of both statuses down to the first difference). A write that changes
   * nothing must not say so: it would be stored with a new resourceVersion and watched.
   */
  updateOwnStatus<T extends KubeObject>(old: T, status: unknown, changed = false): T {
    return this.commitStatus(old, status, changed) as T;
  }

  /** `old` with only its status replaced: the same test and result as `commit` of `{...old, status}`. */
  private commitStatus(old: KubeObject, status: unknown, changed = false): KubeObject {
    // Every other field is old's own (metadata equal but for the resourceVersion commit sets
    // back), so whether the object changed is whether its status did.
    if (!changed && sameJson(status, (old as { status?: unknown }).status)) return old;
    const obj = withStatus(old, metaWithVersion(old.metadata, this.store.nextResourceVersion()), status);
    this.store.replace(obj);
    return obj;
  }

  delete(kind: string, namespace: string, name: string, options: DeleteOptions = {}): ApiError | undefined {
    const obj = this.store.get(kind, namespace, name);
    if (!obj) return this.notFound(kind, name);
    const refused = admitDelete(kind, name);
    if (refused) return refused;
    const strategy = this.kinds.get(kind)?.strategy;
    const policy = options.propagationPolicy ?? "Background";
    if (obj.metadata.deletionTimestamp !== undefined) {
      if (strategy?.gracefulDeletion?.(obj) !== undefined) {
        // rest/delete.go BeforeDelete: with no grace period left the store deletes now, unless
        // finalizers hold the object (then it stays as it is).
        if ((obj.metadata.deletionGracePeriodSeconds ?? 0) === 0) {
          if (!this.heldByFinalizers(obj)) this.remove(kind, namespace, name);
          return undefined;
        }
        if (options.gracePeriodSeconds !== undefined)
          this.shortenGracePeriod(obj, strategy.gracefulDeletion(obj, options.gracePeriodSeconds));
        return undefined;
      }
      if (policy === "Foreground" && obj.metadata.finalizers?.includes(FOREGROUND_DELETION)) return undefined;
      // Marked already (markAsDeleting): a finalizer still holds it, and deleting again changes nothing.
      if (this.heldByFinalizers(obj)) return undefined;
    } else {
      const grace = strategy?.gracefulDeletion?.(obj, options.gracePeriodSeconds);
      if (grace !== undefined) {
        const marked = withMetadata(obj, metaDeleting(obj.metadata, this.clock() + grace, grace));
        const next = strategy?.beginDeletion ? strategy.beginDeletion(marked) : marked;
        next.metadata.resourceVersion = this.store.nextResourceVersion();
        this.store.replace(next);
        return undefined;
      }
    }
    if (policy === "Orphan") this.orphanDependents(obj);
    else if (policy === "Foreground" && this.store.ownedBy(obj.metadata.uid ?? "").length > 0) {
      this.deleteDependentsFirst(obj);
      return undefined;
    }
    if (this.heldByFinalizers(obj)) this.markAsDeleting(obj);
    else this.remove(kind, namespace, name);
    return undefined;
  }

  /**
   * Finalizers that keep a deleted object stored (registry/store.go Delete: pendingFinalizers)
   * until an update takes the last off, a Namespace's spec.finalizers among them (the Job
   * controller's tracking finalizer too: a Job's pod stays Terminating until the controller has
   * counted it). Not counted: foregroundDeletion, which the garbage collector's own path here ends.
   */
  heldByFinalizers(obj: KubeObject): boolean {
    const finalizers = obj.metadata.finalizers;
    if (finalizers !== undefined) for (const f of finalizers) if (f !== FOREGROUND_DELETION) return true;
    const own = this.kinds.forObject(obj)?.strategy?.finalizers;
    return own !== undefined && own(obj).length > 0;
  }

  /**
   * registry/store.go markAsDeleting: a deleted object its finalizers hold stays, its
   * deletionTimestamp now (or the earlier one it has) and its grace period 0, generation + 1
   * the first time.
   */
  private markAsDeleting(obj: KubeObject): void {
    const now = this.clock();
    const meta = { ...obj.metadata, resourceVersion: this.store.nextResourceVersion() };
    if (meta.deletionTimestamp === undefined && meta.generation !== undefined && meta.generation > 0)
      meta.generation++;
    if (meta.deletionTimestamp === undefined || meta.deletionTimestamp > now) meta.deletionTimestamp = now;
    meta.deletionGracePeriodSeconds = 0;
    this.store.replace({ ...obj, metadata: meta } as KubeObject);
  }

  /**
   * A second delete of an object already terminating may only shorten its grace period
   * (rest/delete.go BeforeDelete), moving deletionTimestamp back by as much; `period`
   * undefined is 0: it goes now. The kubelet reads the shorter period from the pod.
   */
  private shortenGracePeriod(obj: KubeObject, period: number | undefined): void {
    const current = obj.metadata.deletionGracePeriodSeconds ?? 0;
    if ((period ?? 0) >= current) return;
    // With finalizers left the object stays, its period 0 (updateForGracefulDeletionAndFinalizers).
    if (period === undefined && !this.heldByFinalizers(obj)) {
      this.remove(this.kinds.keyOf(obj), obj.metadata.namespace ?? "", obj.metadata.name);
      return;
    }
    const deletionTimestamp = (obj.metadata.deletionTimestamp ?? this.clock()) - current + (period ?? 0);
    const next = {
      ...obj,
      metadata: { ...obj.metadata, deletionTimestamp, deletionGracePeriodSeconds: period ?? 0 },
    } as KubeObject;
    next.metadata.resourceVersion = this.store.nextResourceVersion();
    this.store.replace(next);
  }

  /** What the garbage collector's owner checks read (gc/absentOwners.ts). */
  private readonly owners: OwnerLookup = {
    served: (kind, apiVersion) => this.kinds.get(this.kinds.keyFor(apiVersion, kind)),
    get: (kind, namespace, name, apiVersion) =>
      this.store.get(this.kinds.keyFor(apiVersion, kind), namespace, name),
  };

  /**
   * The garbage collector on an object that names an owner it has not seen (gc/absentOwners.ts):
   * with no owner left it is deleted, else the absent owners are patched out of its references.
   */
  private collectIfOwnersAbsent(obj: KubeObject): void {
    const verdict = attemptToDeleteItem(obj, this.owners);
    if (verdict === undefined) return;
    const namespace = obj.metadata.namespace ?? "";
    if ("delete" in verdict) {
      this.delete(this.kinds.keyOf(obj), namespace, obj.metadata.name, { propagationPolicy: verdict.delete });
      return;
    }
    const live = this.store.get(this.kinds.keyOf(obj), namespace, obj.metadata.name);
    if (live === undefined || live.metadata.uid !== obj.metadata.uid) return;
    const refs = (live.metadata.ownerReferences ?? []).filter(
      (r) => !verdict.dropOwnerReferences.includes(r.uid),
    );
    const metadata = { ...live.metadata, resourceVersion: this.store.nextResourceVersion() };
    if (refs.length) metadata.ownerReferences = refs;
    else delete metadata.ownerReferences;
    this.store.replace({ ...live, metadata } as KubeObject);
  }

  /**
   * Orphan propagation: the garbage collector takes the owner out of its dependents'
   * ownerReferences, then the owner goes alone (garbagecollector.go orphanDependents).
   */
  private orphanDependents(owner: KubeObject): void {
    const uid = owner.metadata.uid;
    if (!uid) return;
    for (const dep of this.store.ownedBy(uid)) {
      const refs = (dep.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
      const metadata = { ...dep.metadata, resourceVersion: this.store.nextResourceVersion() };
      if (refs.length) metadata.ownerReferences = refs;
      else delete metadata.ownerReferences;
      this.store.replace({ ...dep, metadata } as KubeObject);
    }
  }

  /**
   * Foreground propagation: the owner stays, marked deleting with the foregroundDeletion
   * finalizer (registry/store.go markAsDeleting: generation + 1), while the garbage collector
   * deletes its dependents, those with dependents of their own in the foreground too
   * (garbagecollector.go attemptToDeleteItem). It goes once no dependent that blocks its
   * deletion is left (`finishForegroundDeletion`).
   */
  private deleteDependentsFirst(owner: KubeObject): void {
    const generation = owner.metadata.generation;
    const marked = {
      ...owner,
      metadata: {
        ...owner.metadata,
        deletionTimestamp: this.clock(),
        deletionGracePeriodSeconds: 0,
        finalizers: [...(owner.metadata.finalizers ?? []), FOREGROUND_DELETION],
        ...(generation !== undefined && generation > 0 ? { generation: generation + 1 } : {}),
        resourceVersion: this.store.nextResourceVersion(),
      },
    } as KubeObject;
    this.store.replace(marked);
    for (const dep of dependentsOf(this.store, owner.metadata.uid)) {
      const own = this.store.ownedBy(dep.metadata.uid ?? "").length > 0;
      this.delete(this.kinds.keyOf(dep), dep.metadata.namespace ?? "", dep.metadata.name, {
        propagationPolicy: own ? "Foreground" : "Background",
      });
    }
    this.finishForegroundDeletion(marked);
  }

  /**
   * garbagecollector.go processDeletingDependentsItem: an owner deleting in the foreground
   * goes once none of its dependents with blockOwnerDeletion is left.
   */
  private finishForegroundDeletion(owner: KubeObject): void {
    const live = this.store.get(this.kinds.keyOf(owner), owner.metadata.namespace ?? "", owner.metadata.name);
    const uid = owner.metadata.uid;
    if (!live || !uid || live.metadata.uid !== uid) return;
    if (!live.metadata.finalizers?.includes(FOREGROUND_DELETION)) return;
    const blocking = this.store
      .ownedBy(uid)
      .some((d) => d.metadata.ownerReferences?.some((r) => r.uid === uid && r.blockOwnerDeletion === true));
    if (blocking) return;
    // The garbage collector takes its finalizer off (removeFinalizer); others may still hold it.
    if (!this.heldByFinalizers(live)) {
      this.remove(this.kinds.keyOf(live), live.metadata.namespace ?? "", live.metadata.name);
      return;
    }
    const finalizers = live.metadata.finalizers?.filter((f) => f !== FOREGROUND_DELETION);
    const metadata = { ...live.metadata, finalizers, resourceVersion: this.store.nextResourceVersion() };
    this.store.replace({ ...live, metadata } as KubeObject);
  }

  /** pods/eviction: the pod goes if its PodDisruptionBudget allows it (eviction.ts). */
  evict(namespace: string, podName: string): ApiError | EvictionRefused | undefined {
    return evictPod(this as unknown as EvictionApi, namespace, podName, this.clock());
  }

  /** Take an object out of the store for good (the kubelet's final pod removal), then collect its dependents. */
  remove(kind: string, namespace: string, name: string): void {
    // A CustomResourceDefinition takes its objects with it (apiextensions-apiserver
    // crd_finalizer.go deletes every custom resource, then the CRD goes and its kind with it).
    const crd = kind === "CustomResourceDefinition" ? this.store.get(kind, namespace, name) : undefined;
    const defined = crd ? kindOfCRD(crd) : undefined;
    const served = defined ? this.kinds.lookup(defined.group, defined.kind) : undefined;
    if (served && served.plural === defined!.plural) {
      const key = this.kinds.key(served);
      for (const o of [...this.store.listAll(key)])
        this.remove(key, o.metadata.namespace ?? "", o.metadata.name);
    }
    const gone = this.store.remove(kind, namespace, name);
    if (!gone) return;
    if (crd) unregisterCRD(this.kinds, gone);
    for (const dep of dependentsOf(this.store, gone.metadata.uid))
      this.delete(this.kinds.keyOf(dep), dep.metadata.namespace ?? "", dep.metadata.name);
    // An owner waiting in the foreground for this object may go now.
    for (const ref of gone.metadata.ownerReferences ?? []) {
      const owner = this.store.get(this.kinds.keyOf(ref), gone.metadata.namespace ?? "", ref.name);
      if (owner?.metadata.uid === ref.uid && owner.metadata.finalizers?.includes(FOREGROUND_DELETION))
        this.finishForegroundDeletion(owner);
    }
  }

  /** The scheduler's binding (pods/binding subresource): sets spec.nodeName. */
  bind(namespace: string, podName: string, nodeName: string): Pod | undefined {
    const pod = this.store.get("Pod", namespace, podName);
    if (!pod || pod.spec.nodeName) return undefined;
    const spec = withKey(pod.spec, "nodeName", nodeName);
    if (nodeName === pod.spec.nodeName) return this.commit(withKey(pod, "spec", spec), pod) as Pod;
    // A new nodeName: the write is a change (what commit's comparison would find).
    const next = withSpec(pod, metaWithVersion(pod.metadata, this.store.nextResourceVersion()), spec) as Pod;
    this.store.replace(next);
    return next;
  }

  /** The object's name: its own, else one generated from generateName that no object of its kind has. */
  private nameFor(raw: KubeObject, kind: string): string | ApiError {
    const meta = raw.metadata ?? { name: "" };
    if (meta.name) return meta.name;
    if (!meta.generateName)
      return this.invalid(raw.kind, "", [required("metadata.name", "name or generateName is required")]);
    let name: string;
    do name = generateName(this.rng, meta.generateName);
    while (this.store.get(kind, meta.namespace ?? "", name));
    return name;
  }

  /** The stored object an update names (by the namespace in its metadata). */
  private stored(raw: KubeObject): KubeObject | undefined {
    return this.store.get(this.kinds.keyOf(raw), raw.metadata?.namespace ?? "", raw.metadata?.name);
  }

  /**
   * An update's admission where the stored spec was admitted and the request keeps it but for
   * its replicas (k8s/admission.ts admitKeptSpec): the object `runAdmission` would give, its
   * status already the stored one, as `update` sets it next. Top-level keys in the request's
   * order, as the kinds' defaulting copies them, then status if the request had none
   * (defaulting's `status ??=`). The spec shares the stored one's parts: stored objects are
   * never changed in place.
   */
  private keptSpecAdmission(raw: KubeObject, old: KubeObject): KubeObject | undefined {
    const spec = (old as { spec?: unknown }).spec;
    if (!this.admitsOwnPods || typeof spec !== "object" || spec === null || !this.admittedSpecs.has(spec))
      return undefined;
    if (!("status" in old)) return undefined;
    const kept = admitKeptSpec(raw, old, spec, this.kinds);
    if (kept === undefined) return undefined;
    const from = raw as unknown as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k in from)
      if (Object.hasOwn(from, k))
        out[k] =
          k === "metadata"
            ? kept.metadata
            : k === "spec"
              ? kept.spec
              : k === "status"
                ? old.status
                : deepClone(from[k]);
    if (!("status" in out)) out.status = old.status;
    return out as unknown as KubeObject;
  }

  /**
   * A stored Deployment's or ReplicaSet's spec as admission gave it (see `admittedSpecs`), and a
   * stored ReplicaSet's pod template spec (`templateSpecs`).
   */
  private keepAdmittedSpec(obj: KubeObject): void {
    // By key: another group's `Deployment` (a CRD's, stored as written) is not apps'.
    if ((obj.kind !== "Deployment" && obj.kind !== "ReplicaSet") || this.kinds.keyOf(obj) !== obj.kind)
      return;
    const spec = (obj as { spec?: { template?: { spec?: unknown } } }).spec;
    if (typeof spec !== "object" || spec === null) return;
    if (this.admitsOwnPods) this.admittedSpecs.add(spec);
    const podSpec = obj.kind === "ReplicaSet" ? spec.template?.spec : undefined;
    if (typeof podSpec === "object" && podSpec !== null) this.templateSpecs.add(podSpec);
  }

  /** Admission of `raw`, as the copy the store will own (admission may hand back its input). */
  private runAdmission(raw: KubeObject, old: KubeObject | undefined): KubeObject | ApiError {
    const admitted = this.admitted(raw, old);
    return "reason" in admitted ? admitted : deepClone(admitted.object);
  }

  private admitted(raw: KubeObject, old: KubeObject | undefined): { object: KubeObject } | ApiError {
    const { object, errors } = this.admit(raw, old, this.kinds, this.gates);
    if (errors.length > 0 || !object) {
      return this.invalid(raw.kind, raw.metadata?.name ?? raw.metadata?.generateName ?? "", errors);
    }
    return { object };
  }

  /**
   * A pod's create through the admission plug-ins, in kube-apiserver's order: LimitRanger's
   * defaults (k8s/kinds/limitRange/admission.ts), ServiceAccount (k8s/kinds/serviceAccount/
   * admission.ts, which changes the pod after defaulting), Priority (k8s/priority.ts), then
   * defaulting and validation. The ServiceAccount plan is made once per admitted spec (every
   * pod of a template shares it: kinds/pod/admittedSpecs.ts), the pod's own part being its
   * token volume's name. `namespace` is the request's.
   *
   * A pod asked for as the one before it was (`lastPod`: every pod of a ReplicaSet's create
   * batch) is that pod's admitted form again with its own name: nothing before the name's
   * generation read the request but as data equal to the last one's, and nothing after it reads
   * the name but validation's name rule. That rule passes as it did for the last pod: both names
   * are the request's own, the same one, or its generateName with five characters of the
   * generator's alphabet, all lowercase letters and digits, which the rule (a lowercase RFC 1123
   * subdomain, 253 characters at most) tells apart only by length and class. A ReplicaSet's
   * requests hold its stored template's spec itself (`templateSpecs`), and so does the kept
   * request, so the comparison answers for the spec by identity. `ownPodKind`: the cluster's Pod
   * kind is src/k8s's own (PodKind), whose strategy the kept form relies on.
   */
  private admitPod(
    raw: KubeObject,
    name: string,
    namespace: string,
    ownPodKind: boolean,
  ): KubeObject | ApiError {
    const ranges = this.store.list("LimitRange", namespace);
    const looked = this.serviceAccountOf(raw, namespace);
    if (looked && "refused" in looked) return { reason: "Forbidden", message: looked.refused };
    const account = looked?.account;
    const classes = this.store.listAll("PriorityClass");
    const last = this.lastPod;
    if (
      last !== undefined &&
      last.ranges === ranges &&
      last.classes === classes &&
      last.account === account &&
      ownPodKind &&
      sameData(raw, last.raw)
    ) {
      // Held from now on in the last one's place where it cannot change: the next create of
      // the same request (a ReplicaSet's sync sends one for all of its creates) is then told
      // alike by identity, sameData's first test, instead of by a walk of its parts.
      if (raw !== last.raw && this.sealed(raw)) last.raw = raw;
      return this.storedPod(last, name);
    }
    const limited = applyLimitRangeDefaults(withName(raw, name), ranges);
    const prioritized = admitPodPriority(limited, classes);
    if ("refused" in prioritized) return { reason: "Forbidden", message: prioritized.refused };
    const admitted = this.admitted(prioritized.object, undefined);
    if ("reason" in admitted) return admitted;
    const object = admitted.object;
    const plan = account ? planServiceAccount(specObj(object as Pod), account) : undefined;
    // Kept only where admission is src/k8s's own Pod strategy, whose output nobody else holds
    // (a copy of the request's parts, and the kept spec) and whose admitted form depends on the
    // request's data alone.
    if (this.admitsOwnPods && ownPodKind && object !== prioritized.object) {
      const frozen = deepFreeze(object);
      const spec = (raw as { spec?: unknown }).spec;
      const kept: AdmittedPod = {
        // A stored template's spec is kept itself: the next request of its ReplicaSet holds it too.
        raw: this.sealed(raw)
          ? raw
          : typeof spec === "object" && spec !== null && this.templateSpecs.has(spec)
            ? copyKeeping(raw, "spec")
            : deepClone(raw),
        ranges,
        classes,
        account,
        admitted: frozen,
        plan,
      };
      this.lastPod = kept;
      return this.storedPod(kept, name);
    }
    return this.podCopy(object, plan);
  }

  /**
   * The pod to store from a kept admitted form: a copy, with its own name and the ServiceAccount
   * plan done on its spec. A full copy: pods sharing the kept form's frozen parts allocated less
   * in the API server, but the ×10 day ran slower at load in three interleaved pairs
   * (docs/performance.md, fifteenth round), frozen objects being read on slower paths elsewhere.
   */
  private storedPod(kept: AdmittedPod, name: string): KubeObject {
    const stored = this.podCopy(kept.admitted, kept.plan);
    stored.metadata.name = name;
    return stored;
  }

  /**
   * A deep copy of an admitted pod with the ServiceAccount plan done on its spec, in one copy:
   * the spec is the plan's, its parts the plan leaves alone copied (specWithServiceAccount), where
   * a copy of the whole pod had its spec, containers' list and mounted containers copied again
   * by the plan. Keys in the pod's order, as deepClone's.
   */
  private podCopy(pod: KubeObject, plan: ServiceAccountPlan | undefined): KubeObject {
    if (plan === undefined) return deepClone(pod);
    const from = pod as unknown as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k in from)
      if (Object.hasOwn(from, k))
        out[k] =
          k === "spec"
            ? specWithServiceAccount(
                from.spec as Record<string, unknown>,
                plan,
                this.tokenVolumeName,
                deepClone,
              )
            : deepClone(from[k]);
    // A pod without a spec fails validation; the plan on none is what it was on a missing one.
    if (!Object.hasOwn(from, "spec")) out.spec = specWithServiceAccount({}, plan, this.tokenVolumeName);
    return out as unknown as KubeObject;
  }

  /**
   * Whether `v` cannot change: frozen all through but for stored template specs
   * (`templateSpecs`), which nothing changes in place. A ReplicaSet's pod request is
   * (replicaset/podTemplate.ts); such a request is held as it is, not copied (`admitPod`).
   */
  private sealed(v: unknown): boolean {
    if (typeof v !== "object" || v === null || this.templateSpecs.has(v)) return true;
    if (!Object.isFrozen(v)) return false;
    const o = v as Record<string, unknown>;
    for (const k in o) if (Object.hasOwn(o, k) && !this.sealed(o[k])) return false;
    return true;
  }

  private readonly tokenVolumeName = (): string => generateName(this.tokenVolumeNames, TOKEN_VOLUME_PREFIX);

  /**
   * The ServiceAccount plug-in's look-up, where the cluster serves ServiceAccounts in its
   * namespaces. `default` missing from an Active namespace is the account the serviceaccounts
   * controller is about to create there (it runs later in this instant; admission.go retries the
   * look-up of `default` for it): an account with nothing set.
   */
  private serviceAccountOf(
    raw: KubeObject,
    namespace: string,
  ): { account: KubeObject } | { refused: string } | undefined {
    if (!this.kinds.get("ServiceAccount") || !this.kinds.get("Namespace")) return undefined;
    return lookUpServiceAccount(
      raw,
      namespace,
      (name) =>
        this.store.get("ServiceAccount", namespace, name) ??
        (name === "default" ? PENDING_DEFAULT : undefined),
    );
  }

  private invalid(kind: Kind, name: string, errors: readonly FieldError[]): ApiError {
    return {
      reason: "Invalid",
      message: this.formatInvalid(kind, name, errors),
      causes: errors.map((e) => ({ field: e.field, message: e.message })),
    };
  }

  private commit(obj: KubeObject, old: KubeObject): KubeObject {
    obj.metadata = { ...obj.metadata, resourceVersion: old.metadata.resourceVersion };
    if (sameJson(obj, old)) return old;
    obj.metadata.resourceVersion = this.store.nextResourceVersion();
    this.store.replace(obj);
    return obj;
  }
}

/**
 * src/k8s's `admit` with the gates and kinds as its options: one options object while they are
 * the same objects (always, from one API server: its registry, and gates the simulation makes
 * from its settings once), not one per write; admission only reads it.
 */
function defaultAdmission(): Admission {
  let made: { gates: FeatureGates | undefined; kinds: KindRegistry; options: AdmitOptions } | undefined;
  return (raw, old, kinds, gates) => {
    if (made === undefined || made.gates !== gates || made.kinds !== kinds)
      made = { gates, kinds, options: copyWith(gates ?? {}, { kinds }) };
    return k8sAdmit(raw, old, made.options);
  };
}

/**
 * A pod's create as admitted (`admitPod`), and what its admission read besides the request: the
 * namespace's LimitRanges, the PriorityClasses (the store's lists, a new array after any change
 * of their kind) and the ServiceAccount object.
 */
interface AdmittedPod {
  /**
   * A private copy of the request, before its name was generated; its spec the request's own
   * where that is a stored template's (`templateSpecs`), which nothing changes in place. A
   * request that cannot change (`sealed`) is held itself, the last such one asked for alike.
   */
  raw: KubeObject;
  readonly ranges: readonly KubeObject[];
  readonly classes: readonly KubeObject[];
  readonly account: KubeObject | undefined;
  /** Admission's output (src/k8s's Pod strategy made it), frozen: only copies of it are stored. */
  readonly admitted: KubeObject;
  readonly plan: ServiceAccountPlan | undefined;
}

/** The `default` ServiceAccount as the serviceaccounts controller creates it: nothing set. */
const PENDING_DEFAULT = Object.freeze({
  apiVersion: "v1",
  kind: "ServiceAccount",
  metadata: Object.freeze({ name: "default" }),
}) as unknown as KubeObject;

/** A pod's spec as the JSON object the admission plug-ins read. */
function specObj(pod: Pod): Record<string, unknown> {
  return pod.spec as unknown as Record<string, unknown>;
}

/** A deep copy of `raw` holding its top-level `key` itself (keys in `raw`'s order, as deepClone's). */
function copyKeeping(raw: KubeObject, key: string): KubeObject {
  const from = raw as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k in from) if (Object.hasOwn(from, k)) out[k] = k === key ? from[k] : deepClone(from[k]);
  return out as unknown as KubeObject;
}

/** `raw` under `name` (its own, or the one generated for it). */
function withName(raw: KubeObject, name: string): KubeObject {
  if (raw.metadata.name === name) return raw;
  // copyWith, not a spread with a new key: V8 would give each object's metadata a hidden class
  // of its own (clone.ts copyWith says why).
  return copyWith(raw, { metadata: copyWith(raw.metadata, { name }) });
}

function specOf(obj: KubeObject): unknown {
  return "spec" in obj ? obj.spec : "data" in obj ? obj.data : undefined;
}

function copyOptional<T extends object>(to: T, from: T, key: keyof T): void {
  if (from[key] === undefined) delete to[key];
  else to[key] = from[key];
}

/** Deep equality of JSON-shaped values, ignoring key order. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], bb[i])) return false;
    return true;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  // Own keys with a defined value, as Object.keys filtered would give, counted without
  // making the arrays (every stored write is compared with its object before). a's are
  // compared first: a write that changes something differs at a key of a's most of the time,
  // found before b's keys are counted. Every defined key of a being one of b's with the same
  // data, the two are alike when b has no other: as many defined keys as a.
  let defined = 0;
  for (const k in ao) {
    if (!Object.hasOwn(ao, k)) continue;
    const v = ao[k];
    if (v === undefined) continue;
    if (!sameJson(v, bo[k])) return false;
    defined++;
  }
  for (const k in bo) if (Object.hasOwn(bo, k) && bo[k] !== undefined && --defined < 0) return false;
  return defined === 0;
}

/** Whether `after` names an owner uid `before` did not (the graph builder's referencesDiffs "added"). */
function addsOwner(
  after: readonly OwnerReference[] | undefined,
  before: readonly OwnerReference[] | undefined,
): boolean {
  if (after === undefined || after === before) return false;
  for (const r of after) if (!before?.some((b) => b.uid === r.uid)) return true;
  return false;
}
