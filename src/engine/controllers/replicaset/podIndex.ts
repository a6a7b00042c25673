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
import type { Pod } from "../../../k8s/types.ts";
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
}

const indexes = new WeakMap<readonly Pod[], ActivePodIndex>();

/** The index of one pods list (computed on first use, then kept as long as the list lives). */
export function activePodIndex(pods: readonly Pod[]): ActivePodIndex {
  let index = indexes.get(pods);
  if (index !== undefined) return index;
  index = { byUid: new Map(), byNameNoUid: new Map(), orphans: [], pods };
  // A ReplicaSet's pods mostly come in runs (created together), so the last group is tried first.
  let lastUid = "";
  let lastGroup: number[] = [];
  for (let at = 0; at < pods.length; at++) {
    const pod = pods[at];
    if (!isPodActive(pod)) continue;
    const ref = getControllerOf(pod.metadata);
    if (ref === undefined) index.orphans.push(at);
    else if (ref.kind !== "ReplicaSet") continue;
    else if (ref.uid) {
      if (ref.uid !== lastUid) {
        lastUid = ref.uid;
        const group = index.byUid.get(lastUid);
        if (group === undefined) index.byUid.set(lastUid, (lastGroup = []));
        else lastGroup = group;
      }
      lastGroup.push(at);
    } else {
      const group = index.byNameNoUid.get(ref.name);
      if (group === undefined) index.byNameNoUid.set(ref.name, [at]);
      else group.push(at);
    }
  }
  indexes.set(pods, index);
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
