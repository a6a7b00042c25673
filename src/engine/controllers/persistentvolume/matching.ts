/**
 * Which PersistentVolume a claim binds to: pkg/controller/volume/persistentvolume/index.go
 * findBestMatchForClaim and component-helpers storage/volume/pv_helpers.go FindMatchingVolume.
 *
 * The volumes are grouped by their access modes; only groups whose modes include all the
 * claim's are tried, the group with the fewest modes first (allPossibleMatchingAccessModes).
 * In a group the match is the smallest volume at least as large as the request that is
 * Available, has no claimRef, carries the claim's class, its selector's labels, its volume
 * mode and — on the scheduler's path, with a node — node affinity that node satisfies. A
 * volume pre-bound to the claim (claimRef naming it) is taken whatever its size. On the PV
 * controller's path (no node) a WaitForFirstConsumer claim binds only a volume pre-bound to it:
 * the scheduler binds the others.
 *
 * Example: a claim asking 5Gi RWO of class `manual` among Available `manual` volumes of 2Gi
 * RWO, 10Gi RWO, 8Gi RWO+RWX and 20Gi RWO binds the 10Gi one (the RWO group first, smallest
 * that fits); asking RWX it binds the 8Gi one.
 */
import { labelsMatch } from "../../../k8s/labels.ts";
import { termMatches } from "../../../k8s/scheduling.ts";
import type { KubeObject, LabelSelector, Node, NodeSelectorTerm } from "../../../k8s/types.ts";
import {
  classOf,
  claimRequest,
  isVolumeBoundToClaim,
  phaseOf,
  specOf,
  volumeCapacity,
  volumeModeOf,
} from "./volumes.ts";
import { obj, strings } from "../../../k8s/kinds/stored/fields.ts";

/** The access modes kubectl and the index know, in the index's order. */
const MODES = ["ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"];

/** CheckNodeAffinity: a volume without required node affinity fits every node. */
export function volumeFitsNode(pv: KubeObject, node: Node): boolean {
  const required = obj(obj(specOf(pv).nodeAffinity).required);
  if (specOf(pv).nodeAffinity === undefined || obj(specOf(pv).nodeAffinity).required === undefined)
    return true;
  const terms = (
    Array.isArray(required.nodeSelectorTerms) ? required.nodeSelectorTerms : []
  ) as NodeSelectorTerm[];
  return terms.some((t) => termMatches(t, node));
}

/** A node as node affinity sees it: its name and labels (kubernetes.io/hostname for an implicit node). */
export const implicitNode = (name: string): Node =>
  ({
    apiVersion: "v1",
    kind: "Node",
    metadata: { name, labels: { "kubernetes.io/hostname": name } },
  }) as unknown as Node;

/**
 * findBestMatchForClaim(claim, delayBinding) over `volumes`, or with `node` the scheduler's
 * FindMatchingVolume for that node.
 */
export function findBestMatchForClaim(
  claim: KubeObject,
  volumes: readonly KubeObject[],
  delayBinding: boolean,
  node?: Node,
): KubeObject | undefined {
  const wanted = new Set(strings(specOf(claim).accessModes));
  const groups = new Map<string, KubeObject[]>();
  for (const pv of volumes) {
    const modes = strings(specOf(pv).accessModes);
    const key = MODES.filter((m) => modes.includes(m)).join(",");
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    group.push(pv);
  }
  const possible = [...groups.entries()]
    .filter(([key]) => {
      const have = key.split(",");
      return [...wanted].every((m) => have.includes(m));
    })
    .sort(([a], [b]) => a.split(",").length - b.split(",").length);
  for (const [, group] of possible) {
    const match = findMatchingVolume(claim, group, delayBinding, node);
    if (match) return match;
  }
  return undefined;
}

function findMatchingVolume(
  claim: KubeObject,
  volumes: readonly KubeObject[],
  delayBinding: boolean,
  node: Node | undefined,
): KubeObject | undefined {
  const requested = claimRequest(claim);
  const spec = specOf(claim);
  const selector = spec.selector as LabelSelector | undefined;
  const requestedClass = classOf(claim);
  let smallest: KubeObject | undefined;
  for (const pv of volumes) {
    if (pv.metadata.deletionTimestamp !== undefined) continue;
    // checkVolumeModeMismatches
    if (volumeModeOf(pv) !== volumeModeOf(claim)) continue;
    const fits = node === undefined || volumeFitsNode(pv, node);
    if (isVolumeBoundToClaim(pv, claim)) return fits ? pv : undefined;
    if (node === undefined && delayBinding) continue;
    if (phaseOf(pv) !== "Available" || specOf(pv).claimRef !== undefined) continue;
    if (selector && !labelsMatch(selector, pv.metadata.labels)) continue;
    if (classOf(pv) !== requestedClass) continue;
    if (!fits) continue;
    const capacity = volumeCapacity(pv);
    if (!capacity || (requested && capacity.cmp(requested) < 0)) continue;
    const smallestCapacity = smallest && volumeCapacity(smallest);
    if (!smallest || (smallestCapacity && smallestCapacity.cmp(capacity) > 0)) smallest = pv;
  }
  return smallest;
}
