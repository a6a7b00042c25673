/**
 * The namespace's active pods grouped by the ReplicaSet that controls them, built once per
 * pods list the store hands out.
 *
 * syncReplicaSet (replica_set.go) lists every pod of the namespace, keeps the active ones
 * (controller.FilterActivePods) and runs ClaimPods over all of them, although a pod another
 * controller owns is skipped at once and most pods of a namespace belong to one ReplicaSet or
 * another. The store never changes a stored object in place and hands out a new frozen list
 * after any write, so the grouping of one list holds for every sync that reads that list: a
 * ReplicaSet's sync then visits only the pods it could claim (its own and the orphans), and the
 * syncs of the other ReplicaSets, or its own next sync before any pod changed, do not walk the
 * namespace again.
 */
import type { OwnerReference, Pod } from "../../../k8s/types.ts";
import { alignByIdentity } from "../listAlign.ts";
import { getControllerOf } from "./controllerRef.ts";
import { isPodActive } from "./pods.ts";

/** Positions (in the pods list) of the active pods, by who controls them. */
export interface ActivePodIndex {
  /** Controlled by a ReplicaSet through a reference that carries a uid, by that uid. */
  byUid: Map<string, number[]>;
  /** Controlled by a ReplicaSet through a reference without a uid (hand-made objects), by name. */
  byNameNoUid: Map<string, number[]>;
  /** No controller at all: candidates for adoption by any ReplicaSet that selects them. */
  orphans: number[];
  /** The pods list itself, for a ReplicaSet that has no uid yet (matched by name: rare). */
  pods: readonly Pod[];
  /** What each pod of the list is (aligned with it), for the next list's index to carry. */
  kinds: Int32Array;
  /** The uids `kinds` names, by index. */
  uids: string[];
  /** This index's number: no two indexes share one. */
  serial: number;
  /**
   * The number of the index this one carried kinds from, and where each pod was in its list (-1:
   * not there). A number, not the list: holding the list would keep that list's index alive
   * through the WeakMap, and with it every list before (the whole history of the run).
   */
  previous: number;
  from: Int32Array | undefined;
}

/** A pod's kind in `kinds`: not a candidate at all, an orphan, or controlled by name only; else the index of its uid. */
const OTHER = -3;
export const ORPHAN = -1;
const BY_NAME = -2;

const indexes = new WeakMap<readonly Pod[], ActivePodIndex>();

/**
 * The last index made: the next list is mostly the same pod objects, whose kind is carried
 * from it instead of read again (listAlign.ts; each read is a walk of the pod's owner
 * references, and a list comes with every pod write).
 */
let lastIndex: ActivePodIndex | undefined;
/** The last index number given (0: none). */
let serials = 0;

/** The index of one pods list (computed on first use, then kept as long as the list lives). */
export function activePodIndex(pods: readonly Pod[]): ActivePodIndex {
  let index = indexes.get(pods);
  if (index !== undefined) return index;
  const kinds = new Int32Array(pods.length);
  const last = lastIndex;
  const from = last !== undefined ? alignByIdentity(last.pods, pods) : undefined;
  index = {
    byUid: new Map(),
    byNameNoUid: new Map(),
    orphans: [],
    pods,
    kinds,
    uids: [],
    serial: ++serials,
    previous: last?.serial ?? 0,
    from,
  };
  const uidIndex = new Map<string, number>();
  // First each pod's kind and how many pods each uid controls, then each group made at its
  // size and filled in list order: pushed one by one, a ReplicaSet's group of the x10 day's
  // 10,000 positions grew through a dozen backing stores.
  const counts: number[] = [];
  let names: (string | undefined)[] | undefined;
  // A ReplicaSet's pods mostly come in runs (created together), so the last uid is tried first.
  let lastUid = "";
  let lastK = -1;
  for (let at = 0; at < pods.length; at++) {
    const was = from !== undefined ? from[at] : -1;
    let kind = was >= 0 ? last!.kinds[was] : BY_NAME;
    let uid = kind >= 0 ? last!.uids[kind] : "";
    let ref: OwnerReference | undefined;
    if (kind === BY_NAME) {
      // Read from the pod: not in the last list (or controlled by name, whose name is read again).
      const pod = pods[at];
      ref = isPodActive(pod) ? getControllerOf(pod.metadata) : undefined;
      if (!isPodActive(pod)) kind = OTHER;
      else if (ref === undefined) kind = ORPHAN;
      else if (ref.kind !== "ReplicaSet") kind = OTHER;
      else if (ref.uid) {
        kind = 0;
        uid = ref.uid;
      }
    }
    if (kind === OTHER || kind === ORPHAN) kinds[at] = kind;
    else if (kind === BY_NAME) {
      kinds[at] = BY_NAME;
      (names ??= new Array<string | undefined>(pods.length))[at] = ref!.name;
    } else {
      if (uid !== lastUid || lastK < 0) {
        lastUid = uid;
        let k = uidIndex.get(uid);
        if (k === undefined) {
          uidIndex.set(uid, (k = index.uids.length));
          index.uids.push(uid);
          counts.push(0);
        }
        lastK = k;
      }
      counts[lastK]++;
      kinds[at] = lastK;
    }
  }
  // The groups in the order their first pod comes, as the map was filled before.
  const groups: number[][] = new Array(counts.length);
  for (let k = 0; k < counts.length; k++) {
    groups[k] = new Array(counts[k]);
    index.byUid.set(index.uids[k], groups[k]);
  }
  const filled = new Int32Array(counts.length);
  for (let at = 0; at < pods.length; at++) {
    const kind = kinds[at];
    if (kind >= 0) groups[kind][filled[kind]++] = at;
    else if (kind === ORPHAN) index.orphans.push(at);
    else if (kind === BY_NAME) {
      const name = names![at]!;
      const group = index.byNameNoUid.get(name);
      if (group === undefined) index.byNameNoUid.set(name, [at]);
      else group.push(at);
    }
  }
  indexes.set(pods, index);
  lastIndex = index;
  return index;
}

/** The active pods whose uid-carrying ReplicaSet reference names `name` (for a ReplicaSet without a uid). */
function byNameWithUid(index: ActivePodIndex, name: string): number[] {
  const found: number[] = [];
  index.pods.forEach((pod, at) => {
    if (!isPodActive(pod)) return;
    const ref = getControllerOf(pod.metadata);
    if (ref !== undefined && ref.kind === "ReplicaSet" && ref.uid && ref.name === name) found.push(at);
  });
  return found;
}

const NONE: readonly number[] = Object.freeze([]);

/**
 * The positions, in list order, of the active pods a ReplicaSet (uid, name) could claim: those
 * whose controller reference names it (by uid when both sides have one, by name otherwise, as
 * controllerRef.ts isControlledBy) and, unless it is being deleted, the orphans. Every other
 * active pod is controlled by someone else, which ClaimPods leaves alone.
 */
export function claimCandidates(
  index: ActivePodIndex,
  uid: string | undefined,
  name: string,
  deleting: boolean,
): readonly number[] {
  const groups: (readonly number[])[] = [];
  const add = (g: readonly number[] | undefined) => {
    if (g !== undefined && g.length > 0) groups.push(g);
  };
  if (uid) add(index.byUid.get(uid));
  else add(byNameWithUid(index, name));
  add(index.byNameNoUid.get(name));
  if (!deleting) add(index.orphans);
  if (groups.length === 0) return NONE;
  if (groups.length === 1) return groups[0];
  return groups.flat().sort((a, b) => a - b);
}
