/**
 * A DaemonSet's pods and ControllerRevisions: daemon_controller.go getDaemonPods (ClaimPods:
 * adopt the orphans the selector picks, release the pods it no longer picks) and update.go
 * controlledHistories, constructHistory, snapshot, dedupCurHistories and cleanupHistory.
 *
 * A revision's data is the StatefulSet's too — the patch that restores the template
 * (getPatch; src/k8s/kinds/statefulSet/revision.ts, shared with kubectl) — and revisions are
 * ordered as the StatefulSet controller orders them (its revisions.ts). What differs is the
 * name and the label: a DaemonSet's revision is `<ds>-<hash>` where the hash is
 * controller.ComputeHash of the template and the collision count (a pod-template-hash), and it
 * carries that hash as controller-revision-hash, which its pods carry too.
 */
import { canonicalJSON, computeHash } from "../../../k8s/hash.ts";
import { DaemonSetLabels, type DaemonSet } from "../../../k8s/kinds/daemonSet/types.ts";
import { revisionData } from "../../../k8s/kinds/statefulSet/revision.ts";
import { labelsMatch } from "../../../k8s/labels.ts";
import { namespaceOf } from "../../../k8s/namespaces.ts";
import type { ControllerRevision, Pod } from "../../../k8s/types.ts";
import type { StoreView, Write } from "../../controller.ts";
import { getControllerOf, isControlledBy, newControllerRef } from "../replicaset/controllerRef.ts";
import { sortRevisions } from "../statefulset/revisions.ts";

/** ClaimObject over the namespace's pods (ClaimPods), or its ControllerRevisions (controlledHistories). */
export function claim<T extends Pod | ControllerRevision>(
  ds: DaemonSet,
  objects: readonly T[],
  release: boolean,
): { claimed: T[]; writes: Write[] } {
  const claimed: T[] = [];
  const writes: Write[] = [];
  const deleting = ds.metadata.deletionTimestamp !== undefined;
  for (const o of objects) {
    const match = labelsMatch(ds.spec.selector, o.metadata.labels);
    if (getControllerOf(o.metadata) !== undefined) {
      if (!isControlledBy(o.metadata, "DaemonSet", ds.metadata)) continue;
      if (match) claimed.push(o);
      else if (release && !deleting) {
        const released = structuredClone(o);
        released.metadata.ownerReferences = (released.metadata.ownerReferences ?? []).filter(
          (r) => r.controller !== true,
        );
        writes.push({ op: "update", object: released });
      }
      continue;
    }
    if (deleting || !match || o.metadata.deletionTimestamp !== undefined) continue;
    const adopted = structuredClone(o);
    adopted.metadata.ownerReferences = [
      ...(adopted.metadata.ownerReferences ?? []),
      newControllerRef("apps/v1", "DaemonSet", ds.metadata),
    ];
    writes.push({ op: "update", object: adopted });
    claimed.push(adopted);
  }
  return { claimed, writes };
}

/** Match: the revision restores exactly this template. */
const matches = (data: string, cr: ControllerRevision): boolean => canonicalJSON(cr.data) === data;

const maxRevision = (revisions: readonly ControllerRevision[]): number =>
  revisions.reduce((m, r) => Math.max(m, r.revision), 0);

export interface History {
  current: ControllerRevision;
  old: ControllerRevision[];
  /** The current revision's hash: what up-to-date pods carry. */
  hash: string;
  /** Set when a name was taken by other data (status.collisionCount). */
  collisionCount?: number;
  writes: Write[];
  created: boolean;
}

/**
 * constructHistory: the revisions that restore the current template are the current one — the
 * highest of them when there are duplicates (dedupCurHistories relabels their pods and deletes
 * them), renumbered past the others when it is older (a rollback) — or a new one is made
 * (snapshot), numbered one past the others. A name taken by a revision with other data bumps
 * the collision count, which changes the hash.
 * Example: revisions 1 (busybox:1.35) and 2 (busybox:1.36), template back at 1.35 → revision 1
 * becomes revision 3 and its hash is the one pods must carry.
 */
export function constructHistory(
  ds: DaemonSet,
  revisions: readonly ControllerRevision[],
  pods: readonly Pod[],
  store: StoreView,
): History {
  const writes: Write[] = [];
  const data = canonicalJSON(revisionData(ds));
  const currentOnes: ControllerRevision[] = [];
  const old: ControllerRevision[] = [];
  for (const cr of revisions) (matches(data, cr) ? currentOnes : old).push(cr);
  const next = maxRevision(old) + 1;
  if (currentOnes.length === 0) {
    let collisionCount = ds.status?.collisionCount;
    let cr = snapshot(ds, next, collisionCount);
    let taken = store.get("ControllerRevision", namespaceOf(ds), cr.metadata.name);
    while (taken !== undefined && !matches(data, taken)) {
      collisionCount = (collisionCount ?? 0) + 1;
      cr = snapshot(ds, next, collisionCount);
      taken = store.get("ControllerRevision", namespaceOf(ds), cr.metadata.name);
    }
    if (taken === undefined) writes.push({ op: "create", object: cr });
    const current = taken ?? cr;
    const bumped = collisionCount !== ds.status?.collisionCount ? { collisionCount } : {};
    return { current, old, hash: hashOf(current), writes, created: taken === undefined, ...bumped };
  }
  const sorted = sortRevisions(currentOnes);
  let current = sorted[sorted.length - 1];
  const keep = hashOf(current);
  for (const dup of sorted.slice(0, -1)) {
    const dupHash = hashOf(dup);
    for (const pod of pods)
      if (pod.metadata.labels?.[DaemonSetLabels.revisionHash] === dupHash) {
        const relabelled = structuredClone(pod);
        relabelled.metadata.labels = { ...relabelled.metadata.labels, [DaemonSetLabels.revisionHash]: keep };
        writes.push({ op: "update", object: relabelled });
      }
    writes.push({
      op: "delete",
      kind: "ControllerRevision",
      namespace: namespaceOf(ds),
      name: dup.metadata.name,
    });
  }
  if (current.revision < next) {
    current = { ...structuredClone(current), revision: next };
    writes.push({ op: "update", object: current });
  }
  return { current, old, hash: keep, writes, created: false };
}

/** The hash a revision stands for (its label; its name for one made before the label existed). */
const hashOf = (cr: ControllerRevision): string =>
  cr.metadata.labels?.[DaemonSetLabels.revisionHash] ?? cr.metadata.name;

/** snapshot: the template's labels plus the hash, the set's annotations, the set as controller. */
function snapshot(ds: DaemonSet, revision: number, collisionCount: number | undefined): ControllerRevision {
  const hash = computeHash(ds.spec.template, collisionCount);
  const cr: ControllerRevision = {
    apiVersion: "apps/v1",
    kind: "ControllerRevision",
    metadata: {
      name: `${ds.metadata.name}-${hash}`,
      labels: { ...(ds.spec.template.metadata?.labels ?? {}), [DaemonSetLabels.revisionHash]: hash },
      annotations: { ...(ds.metadata.annotations ?? {}) },
      ownerReferences: [newControllerRef("apps/v1", "DaemonSet", ds.metadata)],
    },
    data: revisionData(ds),
    revision,
  };
  if (ds.metadata.namespace !== undefined) cr.metadata.namespace = ds.metadata.namespace;
  return cr;
}

/**
 * cleanupHistory: beyond revisionHistoryLimit, the oldest old revisions no pod (terminating
 * and finished ones included) still carries the hash of are deleted.
 * Example: limit 1, old revisions 1, 2, 3, a pod still at 2 → two to delete, oldest first,
 * 2 skipped → delete 1 and 3.
 */
export function revisionsToCleanUp(
  ds: DaemonSet,
  old: readonly ControllerRevision[],
  pods: readonly Pod[],
): ControllerRevision[] {
  let toKill = old.length - ds.spec.revisionHistoryLimit;
  if (toKill <= 0) return [];
  const live = new Set<string>();
  for (const p of pods) {
    const h = p.metadata.labels?.[DaemonSetLabels.revisionHash];
    if (h) live.add(h);
  }
  const out: ControllerRevision[] = [];
  for (const cr of [...old].sort((a, b) => a.revision - b.revision)) {
    if (toKill <= 0) break;
    if (live.has(hashOf(cr))) continue;
    out.push(cr);
    toKill--;
  }
  return out;
}
