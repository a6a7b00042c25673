/**
 * A ReplicaSet's claim and status counts kept across syncs and brought up to date from the
 * pods written since (the store's WriteJournal), for the steady case: every pod it could claim
 * is one it already controls and its selector selects, so ClaimPods (controller_ref_manager.go)
 * writes nothing and the claimed pods are exactly those.
 *
 * syncReplicaSet (replica_set.go) lists the namespace's pods at every sync, and the store
 * hands out a new list after any pod write: at 10,000 pods each sync walked them all to find
 * that a few had changed. Here each pod's part in the answer is a code, a pure function of the
 * pod object and of what the sync reads of the ReplicaSet (its uid, name, deletion, selector
 * and template labels), kept by the pod's slot in the store; the totals are sums of the codes, so changing
 * the codes of the pods written since the last sync gives the totals a walk of every pod would.
 *
 * Any other case — a pod to adopt or release, a pod controlled by name only, a ReplicaSet
 * without a uid, minReadySeconds not 0 (availability then depends on the time), a store
 * without a journal — returns undefined and the sync claims as before (claim.ts).
 */
import type { Pod, ReplicaSet } from "../../../k8s/types.ts";
import { selectorMatcher } from "../../../k8s/labels.ts";
import { DEFAULT_NAMESPACE } from "../../../k8s/namespaces.ts";
import type { StoreView } from "../../controller.ts";
import type { WriteJournal } from "../../store.ts";
import { alignByIdentity } from "../listAlign.ts";
import { getControllerOf } from "./controllerRef.ts";
import { isPodActive, isPodReady } from "./pods.ts";

/** What calculateStatus counts over the claimed pods, and how many they are. */
export interface OwnPods {
  claimed: number;
  fullyLabeled: number;
  ready: number;
  available: number;
}

/**
 * A steady claim's counts, and what a scale-down reads of the same pods, both answered from
 * the parts kept (in the sync that read them: the next sync brings them up to date again).
 */
export class SteadyPods implements OwnPods {
  constructor(
    readonly claimed: number,
    readonly fullyLabeled: number,
    readonly ready: number,
    readonly available: number,
    private readonly kept: Kept,
  ) {}

  /**
   * The claimed pods in the order of `pods` (the store's list of the namespace, read in the
   * same sync): ClaimPods' answer without the claim, one look-up per pod. Undefined if the list
   * is not the one the parts were brought up to date with.
   */
  claimedPods(pods: readonly Pod[]): readonly Pod[] | undefined {
    const kept = this.kept;
    const parts = kept.parts;
    const claimed: Pod[] = new Array(this.claimed);
    // A pod that is the same object as in the last list read is claimed as it was then: its
    // part has not been re-coded since (listAlign.ts), so only the others are looked up.
    const last = kept.lastList;
    const from = last !== undefined ? alignByIdentity(last, pods) : undefined;
    const bits = new Uint8Array(pods.length);
    let n = 0;
    for (let i = 0; i < pods.length; i++) {
      const pod = pods[i];
      const was = from !== undefined ? from[i] : -1;
      if (was >= 0) {
        if (kept.lastClaimed![was] === 0) continue;
      } else {
        const id = kept.store.numberOf("Pod", kept.namespace, pod.metadata.name);
        const part = id !== undefined ? parts[id] : undefined;
        if (part === undefined || (part.code & CLAIMED) === 0) continue;
        if (part.pod !== pod) return undefined;
      }
      if (n === claimed.length) return undefined;
      bits[i] = 1;
      claimed[n++] = pod;
    }
    if (n !== claimed.length) return undefined;
    if (Object.isFrozen(pods)) {
      kept.lastList = pods;
      kept.lastClaimed = bits;
    }
    // Frozen as the list is, as ClaimPods' kept answer is: the scale-down's sort carries its
    // keys between frozen lists only (listAlign.ts).
    return Object.isFrozen(pods) ? Object.freeze(claimed) : claimed;
  }

  /** The related pods per node (Kept.podsOnNode), as a map of its own. */
  relatedPodsPerNode(): Map<string, number> {
    return new Map(this.kept.podsOnNode);
  }
}

/** A store that keeps a journal of its writes (the engine's Store; test readers do not). */
interface JournaledStore {
  journalOf(kind: string): WriteJournal;
  scopeNamespace(kind: string, namespace: string | undefined): string;
  byNumber(kind: string): (id: number) => Pod | undefined;
  numberOf(kind: string, namespace: string, name: string): number | undefined;
}

const CLAIMED = 1;
const FULLY_LABELED = 2;
const READY = 4;
/** A pod ClaimPods would write (adopt or release) or that only a by-name reference ties to it. */
const UNSTEADY = 8;

interface Kept extends OwnPods {
  /** How a pod is coded for the key's ReplicaSet. */
  coder: PodCoder;
  /** The journal position read up to. */
  mark: number;
  /** The store and namespace the parts are of (a pod's slot number, for claimedPods). */
  store: JournaledStore;
  namespace: string;
  /**
   * Each pod's part, by its slot number in the store (WriteJournal.ids); pods whose code is 0
   * and that are not related have none. An array read per journal entry: a map by name cost a
   * hash of the name per pod written, and was most of the sync's reading of the journal.
   */
  parts: (Part | undefined)[];
  /** How many pods are UNSTEADY. */
  unsteady: number;
  /**
   * The related pods per node ("" unscheduled; nodes with none absent): the active pods the
   * selector selects, whoever controls them (getPodsRankedByRelatedPodsOnSameNode's count when
   * the ReplicaSet is the only one under its controller).
   */
  podsOnNode: Map<string, number>;
  /** The last list claimedPods read, and which of its pods were claimed (1) or not (0). */
  lastList?: readonly Pod[];
  lastClaimed?: Uint8Array;
}

/**
 * A pod's code and what it was read from: the pod object, and the labels and owner
 * references its owner part came from. A journal entry whose pod is the object already read
 * (one pod written several times between two syncs) is skipped; a pod written with the same
 * labels and references objects (a status write: the API server's commitStatus copies the
 * metadata shallowly) has only its activity and readiness read again. Both rest on what the
 * store's readers rest on (listAlign.ts): a stored object, and so every object in it, is never
 * changed in place.
 */
interface Part {
  pod: Pod;
  code: number;
  labels: Pod["metadata"]["labels"];
  refs: Pod["metadata"]["ownerReferences"];
  /** The code's part the labels and references decide, for an active pod (PodCoder.owner). */
  owner: number;
  /** Whether the selector selects the labels. */
  selected: boolean;
  /** The node a related pod is counted on; undefined for a pod that is not related. */
  node: string | undefined;
}

/** Per store (its pods' journal), by what a pod's code depends on. Bounded: old ReplicaSets linger. */
const keptByJournal = new WeakMap<WriteJournal, Map<string, Kept>>();

/**
 * The counts of the pods `rs` claims, when the claim is steady (module comment); undefined
 * when the sync must claim from the pods list.
 */
export function steadyOwnPods(rs: ReplicaSet, store: StoreView, namespace: string): SteadyPods | undefined {
  const journaled = store as Partial<JournaledStore>;
  const uid = rs.metadata.uid;
  if (
    journaled.journalOf === undefined ||
    journaled.scopeNamespace === undefined ||
    journaled.byNumber === undefined ||
    journaled.numberOf === undefined ||
    !uid
  )
    return undefined;
  if (rs.spec.minReadySeconds !== 0) return undefined;
  const journal = journaled.journalOf("Pod");
  const ns = journaled.scopeNamespace("Pod", namespace);
  const deleting = rs.metadata.deletionTimestamp !== undefined;
  const labels = rs.spec.template.metadata.labels ?? {};
  const key = keptKey(ns, uid, rs.metadata.name, deleting, rs.spec.selector, labels);
  let byKey = keptByJournal.get(journal);
  if (byKey === undefined) keptByJournal.set(journal, (byKey = new Map()));
  let kept = byKey.get(key);
  if (kept !== undefined && kept.mark >= journal.start) {
    const coder = kept.coder;
    const { namespaces, ids } = journal;
    const stored = journaled.byNumber("Pod");
    for (let i = kept.mark - journal.start; i < ids.length; i++) {
      if (namespaces[i] !== ns) continue;
      const id = ids[i];
      const pod = stored(id);
      // The number may have been given since to a pod of another namespace: this one's is gone.
      recode(kept, id, pod !== undefined && podNamespace(pod) === ns ? pod : undefined, coder);
    }
  } else {
    // Made once per key: the key holds the selector's and the labels' texts, so a later
    // ReplicaSet object with the same key matches as this one does.
    const coder = podCoder(uid, rs.metadata.name, deleting, rs.spec.selector, labels);
    kept = {
      coder,
      mark: 0,
      store: journaled as JournaledStore,
      namespace: ns,
      parts: [],
      claimed: 0,
      fullyLabeled: 0,
      ready: 0,
      available: 0,
      unsteady: 0,
      podsOnNode: new Map(),
    };
    const pods = store.list("Pod", ns);
    for (let i = 0; i < pods.length; i++)
      recode(kept, journaled.numberOf("Pod", ns, pods[i].metadata.name)!, pods[i], coder);
    if (byKey.size >= 64) byKey.clear();
    byKey.set(key, kept);
  }
  kept.mark = journal.end;
  if (kept.unsteady > 0) return undefined;
  return new SteadyPods(kept.claimed, kept.fullyLabeled, kept.ready, kept.available, kept);
}

/**
 * The last key made for a selector object, with what else went into it. A ReplicaSet's status
 * writes keep its spec's objects (the API server's status subresource copies the object
 * shallowly), and a stored object is never changed in place (listAlign.ts), so most syncs ask
 * again for the key of the same selector and labels objects: the texts of both were made, and
 * the key hashed afresh, at every sync. The same key is the same text, found by identity.
 */
interface KeyMade {
  labels: Record<string, string>;
  ns: string;
  uid: string;
  name: string;
  deleting: boolean;
  key: string;
}

const keyBySelector = new WeakMap<object, KeyMade>();

/** The key a pod's code depends on (steadyOwnPods): the namespace, the ReplicaSet's identity and what selects and labels. */
function keptKey(
  ns: string,
  uid: string,
  name: string,
  deleting: boolean,
  selector: ReplicaSet["spec"]["selector"],
  labels: Record<string, string>,
): string {
  const holder = typeof selector === "object" && selector !== null ? selector : undefined;
  const made = holder !== undefined ? keyBySelector.get(holder) : undefined;
  if (
    made !== undefined &&
    made.labels === labels &&
    made.ns === ns &&
    made.uid === uid &&
    made.name === name &&
    made.deleting === deleting
  )
    return made.key;
  const key = `${ns}\u0000${uid}\u0000${name}\u0000${deleting}\u0000${JSON.stringify(selector)}\u0000${JSON.stringify(labels)}`;
  if (holder !== undefined) keyBySelector.set(holder, { labels, ns, uid, name, deleting, key });
  return key;
}

/** A pod's namespace as the store keys it. */
const podNamespace = (pod: Pod): string => pod.metadata.namespace || DEFAULT_NAMESPACE;

/**
 * Bring the part at a slot number up to date with the object stored there (undefined: none),
 * and the totals with it.
 */
function recode(kept: Kept, id: number, pod: Pod | undefined, coder: PodCoder): void {
  const part = kept.parts[id];
  if (part !== undefined && part.pod === pod) return;
  if (pod === undefined) {
    if (part === undefined) return;
    kept.parts[id] = undefined;
    add(kept, part.code, -1);
    count(kept, part.node, -1);
    return;
  }
  const { labels, ownerReferences: refs } = pod.metadata;
  let owner: number;
  let selected: boolean;
  if (part !== undefined && part.labels === labels && part.refs === refs) {
    owner = part.owner;
    selected = part.selected;
  } else {
    selected = coder.selects(labels);
    owner = coder.owner(pod, selected);
  }
  const active = isPodActive(pod);
  const code = active ? coder.code(pod, owner) : 0;
  const node = active && selected ? (pod.spec.nodeName ?? "") : undefined;
  const was = part !== undefined ? part.code : 0;
  if (was !== code) {
    add(kept, was, -1);
    add(kept, code, 1);
  }
  const wasNode = part !== undefined ? part.node : undefined;
  if (wasNode !== node) {
    count(kept, wasNode, -1);
    count(kept, node, 1);
  }
  if (code === 0 && node === undefined) {
    if (part !== undefined) kept.parts[id] = undefined;
  } else if (part !== undefined) {
    part.pod = pod;
    part.code = code;
    part.labels = labels;
    part.refs = refs;
    part.owner = owner;
    part.selected = selected;
    part.node = node;
  } else kept.parts[id] = { pod, code, labels, refs, owner, selected, node };
}

/** A related pod counted on (1) or taken off (-1) its node. */
function count(kept: Kept, node: string | undefined, sign: number): void {
  if (node === undefined) return;
  const n = (kept.podsOnNode.get(node) ?? 0) + sign;
  if (n === 0) kept.podsOnNode.delete(node);
  else kept.podsOnNode.set(node, n);
}

function add(kept: Kept, code: number, sign: number): void {
  if (code & CLAIMED) kept.claimed += sign;
  if (code & FULLY_LABELED) kept.fullyLabeled += sign;
  // minReadySeconds 0: every Ready pod is available (IsPodAvailable).
  if (code & READY) {
    kept.ready += sign;
    kept.available += sign;
  }
  if (code & UNSTEADY) kept.unsteady += sign;
}

/** A pod's code for one ReplicaSet, in parts (podCoder). */
interface PodCoder {
  /** Whether the ReplicaSet's selector selects the labels. */
  selects(labels: Pod["metadata"]["labels"]): boolean;
  /** The part the pod's owner references and labels (`selected`: selects' answer) decide, for an active pod. */
  owner(pod: Pod, selected: boolean): number;
  /** The code of an active pod, from that part and the pod's readiness. */
  code(pod: Pod, owner: number): number;
}

/**
 * A pod's code for one ReplicaSet, as FilterActivePods, ClaimPods (with podIndex.ts's
 * candidates) and calculateStatus decide it: not active or controlled by another object, 0;
 * an orphan the selector selects (adopted unless the ReplicaSet is being deleted), a pod
 * controlled through a reference without a uid that names it, or one it controls that the
 * selector no longer selects (released unless it is being deleted), UNSTEADY; one it controls
 * and selects, CLAIMED with its fully-labeled and Ready answers.
 */
function podCoder(
  uid: string,
  name: string,
  deleting: boolean,
  selector: ReplicaSet["spec"]["selector"],
  templateLabels: Record<string, string>,
): PodCoder {
  const selects = selectorMatcher(selector);
  const fullyLabeled = selectorMatcher({ matchLabels: templateLabels });
  return {
    selects,
    owner: (pod, selected) => {
      const ref = getControllerOf(pod.metadata);
      if (ref === undefined) return !deleting && selected ? UNSTEADY : 0;
      if (ref.kind !== "ReplicaSet") return 0;
      if (!ref.uid) return ref.name === name ? UNSTEADY : 0;
      if (ref.uid !== uid) return 0;
      if (!selected) return deleting ? 0 : UNSTEADY;
      return CLAIMED | (fullyLabeled(pod.metadata.labels) ? FULLY_LABELED : 0);
    },
    code: (pod, owner) => ((owner & CLAIMED) !== 0 && isPodReady(pod) ? owner | READY : owner),
  };
}
