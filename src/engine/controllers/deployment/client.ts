/**
 * The API calls one Deployment sync makes, recorded instead of sent. The Go controller calls
 * its clientset (Create/Update/UpdateStatus/Delete) and its event recorder as it goes; here
 * every call becomes a Write, an event or a trace decision, in the same order, and the
 * "server's answer" is the object as written (the engine applies the writes afterwards).
 */
import { deepClone } from "../../../k8s/clone.ts";
import { involvedObjectOf, namespaceOf, qualifiedNameOf } from "../../../k8s/namespaces.ts";
import type { Deployment, EventDraft, ReplicaSet, Time } from "../../../k8s/types.ts";
import type { ReconcileResult, Write } from "../../controller.ts";

/** One API call, as a fake clientset would list it: "create replicasets", "update deployments/status"… */
export interface ApiCall {
  verb: "create" | "update" | "updateStatus" | "delete";
  kind: "Deployment" | "ReplicaSet";
  name: string;
}

export const DEPLOYMENT_CONTROLLER = "deployment-controller";

/**
 * A copy to write. One sync may write the same object more than once (an annotation sync,
 * then a scale; two status updates): the copies carry no resourceVersion, so each is an
 * unconditional update rather than a conflict with the sync's own previous write.
 */
function forWrite<T extends Deployment | ReplicaSet>(obj: T): T {
  const copy = deepClone(obj);
  delete copy.metadata.resourceVersion;
  return copy;
}

/**
 * The Deployment for its status subresource, which takes `.status` alone from it. Only what
 * this sync may still change in place is copied — metadata deeply, the spec object (whose
 * template a rollback replaces) and the status shallowly, their parts shared as the working
 * copy shares them (index.ts). The same text as a deep copy. The status is given up (`own`:
 * the API server stores it as sent, apiserver.ts updateOwnStatus): the sync goes on changing
 * only its working copy's status fields, and a status's parts are never changed in place —
 * its conditions list is replaced whole (conditions.ts setDeploymentCondition,
 * removeDeploymentCondition), each condition is new when it is put in one, and the rest are
 * the stored status's own.
 */
function forStatusWrite(d: Deployment): Deployment {
  const copy = { ...d };
  copy.metadata = deepClone(d.metadata);
  delete copy.metadata.resourceVersion;
  if (isObject(d.spec)) copy.spec = { ...d.spec };
  if (isObject(d.status)) copy.status = { ...d.status };
  return copy;
}

const isObject = (v: unknown): v is object => typeof v === "object" && v !== null;

export class SyncSession {
  readonly result: ReconcileResult = { writes: [], events: [], decisions: [] };
  readonly calls: ApiCall[] = [];
  /** The ReplicaSets as this sync last wrote them (later look-ups see the sync's own writes). */
  private readonly written = new Map<string, ReplicaSet | null>();
  /**
   * The annotations as stored: the stored Deployment's own (never changed in place, where the
   * sync's copy is), else a copy of the sync's as it began or as it last wrote them. Compared
   * entry by entry (sameAnnotations), not as JSON texts: kubectl's last-applied-configuration
   * annotation made every sync write out the whole manifest twice.
   */
  private storedAnnotations: Readonly<Record<string, unknown>>;
  /** Any ReplicaSet in the namespace by name (to tell a hash collision from our own ReplicaSet). */
  lookupReplicaSet: (name: string) => ReplicaSet | undefined = () => undefined;

  constructor(
    readonly now: Time,
    /** The Deployment being synced: a private copy the sync mutates as Go mutates its DeepCopy. */
    readonly d: Deployment,
    /** The stored Deployment `d` was copied from, when the caller has it (its annotations are read). */
    stored?: Deployment,
  ) {
    this.storedAnnotations =
      stored !== undefined ? (stored.metadata.annotations ?? {}) : { ...(d.metadata.annotations ?? {}) };
  }

  /** The current version of a ReplicaSet read at the start of the sync (or undefined once deleted). */
  latest(rs: ReplicaSet): ReplicaSet | undefined {
    const w = this.written.get(rs.metadata.name);
    if (w === null) return undefined;
    return w ?? rs;
  }

  /** rsList as this sync last wrote it (rsList itself while it wrote no ReplicaSet). */
  current(rsList: readonly ReplicaSet[]): readonly ReplicaSet[] {
    if (this.written.size === 0) return rsList;
    const out: ReplicaSet[] = [];
    for (const rs of rsList) {
      const latest = this.latest(rs);
      if (latest !== undefined) out.push(latest);
    }
    return out;
  }

  createReplicaSet(rs: ReplicaSet): ReplicaSet {
    const copy = forWrite(rs);
    this.push({ op: "create", object: copy }, "create", "ReplicaSet", rs.metadata.name);
    this.written.set(rs.metadata.name, copy);
    return copy;
  }

  /** `copied`: rs is the caller's own deep copy, kept by no one else, and is sent as it is. */
  updateReplicaSet(rs: ReplicaSet, copied = false): ReplicaSet {
    let copy = rs;
    if (copied) delete copy.metadata.resourceVersion;
    else copy = forWrite(rs);
    this.push({ op: "update", object: copy }, "update", "ReplicaSet", rs.metadata.name);
    this.written.set(rs.metadata.name, copy);
    return copy;
  }

  deleteReplicaSet(name: string): void {
    this.push(
      { op: "delete", kind: "ReplicaSet", namespace: namespaceOf(this.d), name },
      "delete",
      "ReplicaSet",
      name,
    );
    this.written.set(name, null);
  }

  /**
   * Deployments' UpdateStatus: the status subresource of a Deployment keeps only spec and
   * labels from the stored object (apps deploymentStatusStrategy.PrepareForUpdate), so the
   * revision annotation travels with it. The engine's updateStatus replaces `.status` only,
   * so a changed annotation goes first as a metadata update of the unchanged spec.
   */
  updateDeploymentStatus(): void {
    const annotations = this.d.metadata.annotations ?? {};
    if (!sameAnnotations(annotations, this.storedAnnotations)) {
      this.result.writes.push({ op: "update", object: forWrite(this.d) });
      this.storedAnnotations = { ...annotations };
    }
    this.push(
      { op: "updateStatus", object: forStatusWrite(this.d), own: true },
      "updateStatus",
      "Deployment",
      this.d.metadata.name,
    );
  }

  /** Update: spec and metadata (the legacy rollback rewrites the template this way). */
  updateDeployment(): void {
    this.storedAnnotations = { ...(this.d.metadata.annotations ?? {}) };
    this.push({ op: "update", object: forWrite(this.d) }, "update", "Deployment", this.d.metadata.name);
  }

  event(type: EventDraft["type"], reason: string, message: string): void {
    this.result.events.push({
      type,
      reason,
      message,
      involvedObject: involvedObjectOf(this.d),
      source: DEPLOYMENT_CONTROLLER,
    });
  }

  decide(action: string, summary: string, inputs: Record<string, unknown>): void {
    this.result.decisions.push({
      controller: "deployment",
      object: `Deployment/${qualifiedNameOf(this.d)}`,
      action,
      summary,
      inputs,
    });
  }

  private push(write: Write, verb: ApiCall["verb"], kind: ApiCall["kind"], name: string): void {
    this.result.writes.push(write);
    this.calls.push({ verb, kind, name });
  }
}

/**
 * Whether two annotation maps have the same JSON text: the same keys in the same order with
 * the same strings (JSON's string escaping tells any two strings apart); anything else — a
 * value that is not a string, keys in another order — is left to the texts themselves.
 */
function sameAnnotations(
  a: Readonly<Record<string, unknown>>,
  b: Readonly<Record<string, unknown>>,
): boolean {
  if (a === b) return true;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length === kb.length) {
    let plain = true;
    for (let i = 0; i < ka.length && plain; i++) {
      const va = a[ka[i]];
      const vb = b[kb[i]];
      if (ka[i] !== kb[i] || typeof va !== "string" || typeof vb !== "string") plain = false;
      else if (va !== vb) return false;
    }
    if (plain) return true;
  }
  return JSON.stringify(a) === JSON.stringify(b);
}
