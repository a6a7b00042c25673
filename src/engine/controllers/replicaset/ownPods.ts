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
    /** The journal's end when the parts were brought up to date (steadyOwnPods). */
    private readonly mark: number,
  ) {}

  private carry: (ListCarry & { list: readonly Pod[] }) | undefined;

  /**
   * The claimed pods in the order of the store's list of the namespace (`list`, read only when
   * needed): ClaimPods' answer without the claim. Undefined if the parts are not up to date
   * with the store (a write since the sync that made this).
   *
   * When no pod of the namespace was created since the last answer, the claimed pods are that
   * answer's pods still claimed as the same objects, in the same order: the store keeps an
   * object's place in creation order when it is written over (store.ts `replace`) and only a
   * create puts one at the end, so the pods left keep their order; and when as many are left as
   * are claimed now, they are all of them (each is a pod claimed now, at a slot of its own).
   * The store's list is then not read at all: a scale-down of 10,000 pods made it, aligned it
   * with the last one and looked pods up by name at each of its syncs.
   */
  claimedPods(list: () => readonly Pod[]): readonly Pod[] | undefined {
    const kept = this.kept;
    if (kept.store.journalOf("Pod").end !== this.mark) return undefined;
    const prev = kept.lastClaimed;
    if (prev !== undefined && !kept.added) {
      const carried = this.carriedClaimedPods(prev, kept.lastClaimedIds!);
      if (carried !== undefined) {
        // The last answer was not made from a list: none to carry from.
        kept.lastList = kept.lastListAt = undefined;
        return carried;
      }
    }
    return this.listedClaimedPods(list());
  }

  /** claimedPods from the last answer (see there), or undefined when pods are missing from it. */
  private carriedClaimedPods(prev: readonly Pod[], prevIds: Int32Array): readonly Pod[] | undefined {
    const parts = this.kept.parts;
    const size = this.claimed;
    const claimed: Pod[] = new Array(size);
    const ids = new Int32Array(size);
    const at = new Int32Array(size);
    let n = 0;
    for (let k = 0; k < prev.length; k++) {
      const id = prevIds[k];
      const part = parts[id];
      // Gone (its part with it), another pod at its slot, written since, or no longer claimed.
      if (part === undefined || part.pod !== prev[k] || (part.code & CLAIMED) === 0) continue;
      if (n === size) return undefined;
      claimed[n] = prev[k];
      ids[n] = id;
      at[n++] = k;
    }
    return n === size ? this.answer(claimed, ids, prev, at) : undefined;
  }

  /**
   * claimedPods from the store's list: a pod that is the same object as in the last list read
   * (else the last answer) is claimed or not as it was then (its part has not been re-coded
   * since: listAlign.ts), the others are looked up by name. Undefined if the list is not the
   * one the parts are up to date with.
   */
  private listedClaimedPods(pods: readonly Pod[]): readonly Pod[] | undefined {
    const kept = this.kept;
    const parts = kept.parts;
    const size = this.claimed;
    const claimed: Pod[] = new Array(size);
    const ids = new Int32Array(size);
    const at = new Int32Array(size);
    const listAt = new Int32Array(pods.length).fill(-1);
    const prev = kept.lastClaimed;
    const prevIds = kept.lastClaimedIds;
    // The last list read, with where each of its pods is in the last answer (-1: not claimed),
    // while that answer was made from it.
    const lastList = kept.lastList;
    const lastAt = kept.lastListAt;
    const from =
      lastList !== undefined
        ? alignByIdentity(lastList, pods)
        : prev !== undefined
          ? alignByIdentity(prev, pods)
          : undefined;
    let n = 0;
    for (let i = 0; i < pods.length; i++) {
      const pod = pods[i];
      let was = from !== undefined ? from[i] : -1;
      if (was >= 0 && lastList !== undefined) {
        was = lastAt![was];
        if (was < 0) continue;
      }
      let id: number;
      if (was >= 0) id = prevIds![was];
      else {
        const number = kept.store.numberOf("Pod", kept.namespace, pod.metadata.name);
        const part = number !== undefined ? parts[number] : undefined;
        if (part === undefined || (part.code & CLAIMED) === 0) continue;
        if (part.pod !== pod) return undefined;
        id = number!;
      }
      if (n === size) return undefined;
      claimed[n] = pod;
      ids[n] = id;
      listAt[i] = n;
      at[n++] = was >= 0 ? was : -1;
    }
    if (n !== size) return undefined;
    // Only frozen lists are carried from (listAlign.ts): a test's list of pods it changes in place is not.
    if (!Object.isFrozen(pods)) return claimed;
    const answer = this.answer(claimed, ids, prev, at);
    kept.lastList = pods;
    kept.lastListAt = listAt;
    return answer;
  }

  /**
   * The answer kept for the next claimedPods, frozen (as ClaimPods' kept answer is: the
   * scale-down's sort carries its keys between frozen lists only), with where each of its pods
   * was in the answer before (carryOf).
   */
  private answer(
    claimed: Pod[],
    ids: Int32Array,
    prev: readonly Pod[] | undefined,
    at: Int32Array,
  ): readonly Pod[] {
    const kept = this.kept;
    const list = Object.freeze(claimed);
    kept.lastClaimed = list;
    kept.lastClaimedIds = ids;
    kept.added = false;
    this.carry = prev !== undefined ? { prev, from: at, list } : undefined;
    return list;
  }

  /**
   * For the list claimedPods answered: the answer before it, and for each pod the index of the
   * same object there (-1: none), what alignByIdentity(prev, list) tells for those pods
   * (ranking.ts carries the scale-down's sort keys by it).
   */
  carryOf(list: readonly Pod[]): ListCarry | undefined {
    const carry = this.carry;
    return carry !== undefined && carry.list === list ? carry : undefined;
  }

  /** The related pods per node (Kept.podsOnNode), as a map of its own. */
  relatedPodsPerNode(): Map<string, number> {
    return new Map(this.kept.podsOnNode);
  }
}

/**
 * Where the pods of a list were in the list before it: `from[i]` is the index in `prev` of the
 * same object as the list's `i`th, or -1.
 */
export interface ListCarry {
  prev: readonly Pod[];
  from: Int32Array;
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
  /** The last answer of claimedPods (frozen), and each of its pods' slot number. */
  lastClaimed?: readonly Pod[];
  lastClaimedIds?: Int32Array;
  /**
   * The store's list the last answer was made from, if it was, and where each of its pods is
   * in that answer (-1: not claimed): a pod that is not claimed is passed over as it was then.
   */
  lastList?: readonly Pod[];
  lastListAt?: Int32Array;
  /** Whether a pod of the namespace was created since the last answer (steadyOwnPods' walk). */
  added: boolean;
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
    const { namespaces, ids, types } = journal;
    const stored = journaled.byNumber("Pod");
    for (let i = kept.mark - journal.start; i < ids.length; i++) {
      if (namespaces[i] !== ns) continue;
      if (types[i] === "ADDED") kept.added = true;
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
      added: true,
    };
    const pods = store.list("Pod", ns);
    for (let i = 0; i < pods.length; i++)
      recode(kept, journaled.numberOf("Pod", ns, pods[i].metadata.name)!, pods[i], coder);
    if (byKey.size >= 64) byKey.clear();
    byKey.set(key, kept);
  }
  kept.mark = journal.end;
  if (kept.unsteady > 0) return undefined;
  return new SteadyPods(kept.claimed, kept.fullyLabeled, kept.ready, kept.available, kept, kept.mark);
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
