/**
 * A StatefulSet's revision history as ControllerRevisions: pkg/controller/history
 * (NewControllerRevision, HashControllerRevision, ControllerRevisionName, FindEqualRevisions,
 * SortControllerRevisions) and the StatefulSet's use of it (stateful_set_utils.go newRevision,
 * nextRevision; stateful_set_control.go getStatefulSetRevisions,
 * truncateHistory).
 *
 * A revision's data is the patch that restores the pod template (src/k8s/kinds/statefulSet/
 * revision.ts, which kubectl reads too). Its name is the set's name and
 * a hash of that data (FNV-1, 32 bits, then the collision count as decimal digits, then
 * SafeEncodeString of the decimal sum), so the same template always maps to the same revision.
 * Go serialises the typed template; Replicast hashes the stored template as sorted-key JSON,
 * so names look like a cluster's (web-7c9d8f6b5) without being byte-identical to one.
 */
import { StatefulSetLabels } from "../../../k8s/kinds/statefulSet/labels.ts";
import { canonicalJSON, safeEncodeString, utf8 } from "../../../k8s/hash.ts";
import { revisionData } from "../../../k8s/kinds/statefulSet/revision.ts";
import type { ControllerRevision, Pod, StatefulSet } from "../../../k8s/types.ts";
import { newControllerRef } from "../replicaset/controllerRef.ts";
import { podRevision } from "./identity.ts";

const FNV32_OFFSET = 0x811c9dc5;
const FNV32_PRIME = 0x01000193;

/** FNV-1 (hash/fnv New32: multiply, then xor), 32 bits. */
export function fnv32(bytes: Uint8Array, seed: number = FNV32_OFFSET): number {
  let h = seed >>> 0;
  for (const b of bytes) {
    h = Math.imul(h, FNV32_PRIME) >>> 0;
    h = (h ^ b) >>> 0;
  }
  return h >>> 0;
}

/**
 * HashControllerRevision: FNV-1 of the data, then (when given) the collision count's decimal
 * digits; SafeEncodeString of the sum's decimal form.
 */
export function hashRevision(data: unknown, collisionCount: number | undefined): string {
  let h = fnv32(utf8(canonicalJSON(data)));
  if (collisionCount !== undefined) h = fnv32(utf8(String(collisionCount)), h);
  return safeEncodeString(String(h));
}

/** ControllerRevisionName: prefix (cut to 223 characters) + "-" + hash. */
export function revisionName(prefix: string, hash: string): string {
  return `${prefix.length > 223 ? prefix.slice(0, 223) : prefix}-${hash}`;
}

/**
 * newRevision (+ NewControllerRevision): the template's labels plus the hash label, the set as
 * controller, its annotations copied, and `revision` numbered.
 */
export function newRevision(set: StatefulSet, revision: number, collisionCount: number): ControllerRevision {
  const data = revisionData(set);
  const hash = hashRevision(data, collisionCount);
  const cr: ControllerRevision = {
    apiVersion: "apps/v1",
    kind: "ControllerRevision",
    metadata: {
      name: revisionName(set.metadata.name, hash),
      labels: { ...(set.spec.template.metadata?.labels ?? {}), [StatefulSetLabels.revisionHash]: hash },
      ownerReferences: [newControllerRef("apps/v1", "StatefulSet", set.metadata)],
      annotations: { ...(set.metadata.annotations ?? {}) },
    },
    data,
    revision,
  };
  if (set.metadata.namespace !== undefined) cr.metadata.namespace = set.metadata.namespace;
  return cr;
}

/** EqualRevision: the same data (compared as canonical JSON, as bytes.Equal compares Data.Raw). */
export const equalRevision = (a: ControllerRevision, b: ControllerRevision): boolean =>
  canonicalJSON(a.data) === canonicalJSON(b.data);

/** FindEqualRevisions. */
export const findEqualRevisions = (
  revisions: readonly ControllerRevision[],
  needle: ControllerRevision,
): ControllerRevision[] => revisions.filter((r) => equalRevision(r, needle));

/**
 * SortControllerRevisions: by revision number, ties by creation time, then by name.
 * Example: [web-b (2), web-a (1), web-c (2, older than web-b)] → web-a, web-c, web-b.
 */
export function sortRevisions(revisions: readonly ControllerRevision[]): ControllerRevision[] {
  return [...revisions].sort(
    (a, b) =>
      a.revision - b.revision ||
      (a.metadata.creationTimestamp ?? 0) - (b.metadata.creationTimestamp ?? 0) ||
      (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0),
  );
}

/** nextRevision: one past the highest, 1 for none (revisions sorted). */
export const nextRevision = (sorted: readonly ControllerRevision[]): number =>
  sorted.length === 0 ? 1 : sorted[sorted.length - 1].revision + 1;

/**
 * truncateHistory: the revisions no pod uses and that are neither current nor update, oldest
 * first, beyond revisionHistoryLimit. Example: limit 1, revisions 1..4, current = update = 4,
 * a pod still at 3 → history [1, 2] → delete [1].
 */
export function revisionsToTruncate(
  set: StatefulSet,
  pods: readonly Pod[],
  sorted: readonly ControllerRevision[],
  current: string,
  update: string,
): ControllerRevision[] {
  const live = new Set([current, update, ...pods.map(podRevision)]);
  const history = sorted.filter((r) => !live.has(r.metadata.name));
  const limit = set.spec.revisionHistoryLimit;
  return history.length <= limit ? [] : history.slice(0, history.length - limit);
}
