/**
 * Which pods a ReplicaSet owns: the ControllerRefManager's ClaimPods
 * (pkg/controller/controller_ref_manager.go) and getIndirectlyRelatedPods (replica_set.go).
 */
import { deepClone } from "../../../k8s/clone.ts";
import type { Pod, ReplicaSet } from "../../../k8s/types.ts";
import { selectorMatcher } from "../../../k8s/labels.ts";
import { namespaceOf } from "../../../k8s/namespaces.ts";
import type { StoreView, Write } from "../../controller.ts";
import { getControllerOf, isControlledBy, newControllerRef } from "./controllerRef.ts";
import { alignByIdentity } from "../listAlign.ts";
import { activePodIndex, claimCandidates, ORPHAN } from "./podIndex.ts";
import { isPodActive } from "./pods.ts";
import { activeRelatedPodsPerNode } from "./ranking.ts";

export interface ClaimResult {
  /** Pods this ReplicaSet controls after adoption and release, in store order. */
  claimed: readonly Pod[];
  /** Adoption / release patches, as the API calls the claim makes. */
  writes: Write[];
}

/**
 * ClaimPods over the namespace's active pods (FilterActivePods, then ClaimPods, as
 * syncReplicaSet does): a pod the ReplicaSet controls stays claimed while the selector matches
 * it and is released (ownerRef removed) when it no longer does; an orphan that matches is
 * adopted — unless the ReplicaSet is being deleted. Pods controlled by anyone else are left
 * alone, so only the ReplicaSet's own pods and the orphans are visited (podIndex.ts).
 *
 * `pods` is the store's list of the namespace's pods. A claim that writes nothing is kept for
 * that list and the ReplicaSet's uid, name and selector (its JSON text: a scale writes a new
 * ReplicaSet object with an equal selector): until a pod changes (a new list) every further
 * sync gets the same answer — the same frozen array — without a walk.
 */
export function claimPods(rs: ReplicaSet, pods: readonly Pod[]): ClaimResult {
  const deleting = rs.metadata.deletionTimestamp !== undefined;
  const key = `${rs.metadata.uid ?? ""}\u0000${rs.metadata.name}\u0000${deleting}\u0000${JSON.stringify(rs.spec.selector)}`;
  let kept = keptClaims.get(pods);
  const hit = kept?.get(key);
  if (hit !== undefined) return { claimed: hit, writes: [] };

  const writes: Write[] = [];
  const index = activePodIndex(pods);
  const candidates = claimCandidates(index, rs.metadata.uid, rs.metadata.name, deleting);
  // At most every candidate, mostly exactly them: made at that size and cut to what was
  // claimed, not grown pod by pod.
  const claimed: Pod[] = new Array(candidates.length);
  let n = 0;
  const selects = selectorMatcher(rs.spec.selector);
  // Whether the selector matches each candidate, carried from this key's last claim for a pod
  // that is the same object (the index's alignment with the list before), else read.
  const last = lastMatches.get(key);
  const carried = last !== undefined && last.index === index.previous ? last.matched : undefined;
  const from = index.from;
  const matched = new Uint8Array(pods.length);
  for (const at of candidates) {
    const pod = pods[at];
    const was = carried !== undefined ? from![at] : -1;
    const known = was >= 0 ? carried![was] : UNREAD;
    const matches = known === UNREAD ? selects(pod.metadata.labels) : known === MATCHES;
    matched[at] = matches ? MATCHES : DOES_NOT_MATCH;
    // A candidate is controlled (by this ReplicaSet) unless the index found it an orphan.
    if (index.kinds[at] !== ORPHAN) {
      if (matches) claimed[n++] = pod;
      else if (!deleting) {
        const released = deepClone(pod);
        released.metadata.ownerReferences = (released.metadata.ownerReferences ?? []).filter(
          (r) => r.controller !== true,
        );
        writes.push({ op: "update", object: released });
      }
      continue;
    }
    if (!matches) continue;
    const adopted = deepClone(pod);
    adopted.metadata.ownerReferences = [
      ...(adopted.metadata.ownerReferences ?? []),
      newControllerRef("apps/v1", "ReplicaSet", rs.metadata),
    ];
    writes.push({ op: "update", object: adopted });
    claimed[n++] = adopted;
  }
  claimed.length = n;
  if (writes.length === 0) {
    if (kept === undefined) keptClaims.set(pods, (kept = new Map()));
    // Frozen as the list it was claimed from is: a frozen list's pods are never changed in place.
    kept.set(key, Object.isFrozen(pods) ? Object.freeze(claimed) : claimed);
  }
  if (lastMatches.size >= 256 && !lastMatches.has(key)) lastMatches.clear();
  lastMatches.set(key, { index: index.serial, matched });
  return { claimed, writes };
}

const UNREAD = 0;
const DOES_NOT_MATCH = 1;
const MATCHES = 2;

/**
 * Each claim key's last pods list (by its index's number, which keeps no list alive) and
 * whether the selector matched each candidate of it (indexed like the list; UNREAD for the
 * others): a pure function of the pod object and the selector, which the key holds. Bounded:
 * a notebook runs many simulations.
 */
const lastMatches = new Map<string, { index: number; matched: Uint8Array }>();

/** Claims that wrote nothing, per pods list, by ReplicaSet uid, name, deletion and selector. */
const keptClaims = new WeakMap<readonly Pod[], Map<string, readonly Pod[]>>();

/**
 * getIndirectlyRelatedPods: the pods selected by every ReplicaSet that shares this one's
 * controller (a Deployment's old and new ReplicaSets), each pod once. A ReplicaSet with no
 * controller has no related pods, so all its pods rank 0.
 */
export function getIndirectlyRelatedPods(rs: ReplicaSet, store: StoreView): Pod[] {
  return indirectlyRelatedPods(rs, store, sameController(rs, store));
}

/** The ReplicaSets that share `rs`'s controller (getReplicaSetsWithSameController), in list order. */
function sameController(rs: ReplicaSet, store: StoreView): ReplicaSet[] {
  const owner = getControllerOf(rs.metadata);
  if (owner === undefined) return [];
  const ownerMeta = { name: owner.name, uid: owner.uid };
  return store
    .list("ReplicaSet", namespaceOf(rs))
    .filter((other) => isControlledBy(other.metadata, owner.kind, ownerMeta));
}

function indirectlyRelatedPods(rs: ReplicaSet, store: StoreView, replicaSets: readonly ReplicaSet[]): Pod[] {
  const seen = new Set<string>();
  const related: Pod[] = [];
  const ns = namespaceOf(rs);
  for (const other of replicaSets) {
    const selects = selectorMatcher(other.spec.selector);
    const pods = store.list("Pod", ns);
    for (let i = 0; i < pods.length; i++) {
      const pod = pods[i];
      if (!selects(pod.metadata.labels)) continue;
      const key = pod.metadata.uid || pod.metadata.name;
      if (seen.has(key)) continue;
      seen.add(key);
      related.push(pod);
    }
  }
  return related;
}

/**
 * activeRelatedPodsPerNode(getIndirectlyRelatedPods(rs, store)) (ranking.ts): the active
 * related pods per node. With one ReplicaSet under the controller (a Deployment between
 * rollouts) its selector's pods are counted as they are listed: getIndirectlyRelatedPods
 * drops a pod already seen under its uid (or name), and one list of a namespace's pods holds
 * each pod once (the store keys them by name, the API server gives each its own uid), so
 * nothing would be dropped — without the set of every pod's key and the array of them.
 */
export function relatedPodsPerNode(
  rs: ReplicaSet,
  store: StoreView,
  steady?: { relatedPodsPerNode(): Map<string, number> },
): Map<string, number> {
  const replicaSets = sameController(rs, store);
  if (replicaSets.length !== 1)
    return activeRelatedPodsPerNode(indirectlyRelatedPods(rs, store, replicaSets));
  // The one ReplicaSet is `rs` itself (as stored): a steady claim has counted its selector's
  // pods per node already (ownPods.ts).
  if (steady !== undefined && replicaSets[0] === rs) return steady.relatedPodsPerNode();
  return activePodsPerNode(replicaSets[0].spec.selector, store.list("Pod", namespaceOf(rs)));
}

/**
 * The active pods of `pods` that `selector` selects, counted per node, keys in the order their
 * first pod comes (as activeRelatedPodsPerNode fills its map). Each pod's answer — not related,
 * or related and active on which node — is a pure function of the pod object and the selector,
 * so it is carried from the last count with the same selector for a pod that is the same object
 * (listAlign.ts) and read only for the others: a scale-down of 10,000 pods matched the selector
 * against every pod's labels although few had changed since the last one.
 */
function activePodsPerNode(
  selector: ReplicaSet["spec"]["selector"],
  pods: readonly Pod[],
): Map<string, number> {
  const key = JSON.stringify(selector);
  const last = lastRelated.get(key);
  const from = last !== undefined ? alignByIdentity(last.pods, pods) : undefined;
  const nodeIds = new Int32Array(pods.length);
  const nodes = last?.nodes ?? [];
  const idOf = last?.idOf ?? new Map<string, number>();
  let selects: ((labels: Pod["metadata"]["labels"]) => boolean) | undefined;
  const counts: number[] = new Array<number>(nodes.length).fill(0);
  const order: number[] = [];
  // By index: the store's list is frozen, and V8 (Node 20) iterates a frozen array with for…of
  // through its generic path, one result object per pod.
  for (let i = 0; i < pods.length; i++) {
    const was = from !== undefined ? from[i] : -1;
    let id: number;
    if (was >= 0) id = last!.nodeIds[was];
    else {
      const pod = pods[i];
      selects ??= selectorMatcher(selector);
      if (!selects(pod.metadata.labels) || !isPodActive(pod)) id = UNRELATED;
      else {
        const node = pod.spec.nodeName ?? "";
        const known = idOf.get(node);
        if (known !== undefined) id = known;
        else {
          idOf.set(node, (id = nodes.length));
          nodes.push(node);
          counts.push(0);
        }
      }
    }
    nodeIds[i] = id;
    if (id === UNRELATED) continue;
    if (counts[id]++ === 0) order.push(id);
  }
  if (lastRelated.size >= 256 && !lastRelated.has(key)) lastRelated.clear();
  // A node's name is kept while its selector's counts are: a run has a bounded set of nodes.
  lastRelated.set(key, { pods, nodeIds, nodes, idOf });
  const podsOnNode = new Map<string, number>();
  for (const id of order) podsOnNode.set(nodes[id], counts[id]);
  return podsOnNode;
}

/** A pod the selector does not select, or one that is not active: not counted on any node. */
const UNRELATED = -1;

/**
 * The last count per selector (its JSON text): the pods list, each pod's node (an index into
 * `nodes`, UNRELATED for a pod not counted), and the node names seen. Bounded: a notebook runs
 * many simulations.
 */
const lastRelated = new Map<
  string,
  { pods: readonly Pod[]; nodeIds: Int32Array; nodes: string[]; idOf: Map<string, number> }
>();
