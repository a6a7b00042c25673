/**
 * Whether the load must be spread anew because of the pods: a pod runs or stops (or its
 * containers restarted), becomes Ready or not, starts terminating, or changes labels — or the
 * list itself changes (a pod created or deleted, another order).
 *
 * Stored objects are never changed in place (a write stores a new object, and the store hands
 * out a new frozen list after any change), so a pod object the last spread saw at the same
 * place in the list is unchanged without a look; a pod written since is compared field by
 * field with the one it replaces. So a scrape or sync with no pod written since the last
 * spread costs one comparison, and a write of one pod among ten thousand a pass of identity
 * checks. Nothing is made per pod: a text per pod object (what this compared before) was
 * garbage that lived as long as the pod object, pretenured at ten thousand pods.
 */
import { qualifiedNameOf } from "../../k8s/namespaces.ts";
import type { Pod } from "../../k8s/types.ts";

/** When each of a pod's containers started running, in order (undefined: not running). */
function sameRunningStarts(a: Pod, b: Pod): boolean {
  const as = a.status.containerStatuses ?? [];
  const bs = b.status.containerStatuses ?? [];
  if (as.length !== bs.length) return false;
  for (let i = 0; i < as.length; i++)
    if (String(as[i].state?.running?.startedAt) !== String(bs[i].state?.running?.startedAt)) return false;
  return true;
}

const isReady = (p: Pod): boolean =>
  (p.status.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True");

/** The same labels in the same order (label keys and values hold neither `=` nor `,`). */
function sameLabels(a: Pod, b: Pod): boolean {
  const al = a.metadata.labels ?? {};
  const bl = b.metadata.labels ?? {};
  if (al === bl) return true;
  const ak = Object.keys(al);
  const bk = Object.keys(bl);
  if (ak.length !== bk.length) return false;
  for (let i = 0; i < ak.length; i++) if (ak[i] !== bk[i] || al[ak[i]] !== bl[bk[i]]) return false;
  return true;
}

/**
 * Whether two pod objects are alike in everything the spread reads of a pod: qualified name,
 * phase, each container's running start, readiness, deletion timestamp, labels.
 */
export function sameForSpread(a: Pod, b: Pod): boolean {
  return (
    a.metadata.name === b.metadata.name &&
    a.status.phase === b.status.phase &&
    String(a.metadata.deletionTimestamp ?? "") === String(b.metadata.deletionTimestamp ?? "") &&
    isReady(a) === isReady(b) &&
    sameRunningStarts(a, b) &&
    sameLabels(a, b) &&
    qualifiedNameOf(a) === qualifiedNameOf(b)
  );
}

/** The pods of the last spread, to tell whether a later list differs from them in what the spread reads. */
export class SpreadPods {
  /** The pods of the last spread, or a list found alike since (frozen store lists are kept as they are). */
  private pods: readonly Pod[] = [];

  /** Whether the pods differ, in what the spread reads, from those of the last spread. */
  changed(pods: readonly Pod[]): boolean {
    if (pods === this.pods) return false;
    if (pods.length !== this.pods.length) return true;
    for (let i = 0; i < pods.length; i++)
      if (pods[i] !== this.pods[i] && !sameForSpread(pods[i], this.pods[i])) return true;
    // Alike, pod by pod: this list stands for the last spread's from now on.
    this.pods = Object.isFrozen(pods) ? pods : [...pods];
    return false;
  }

  /** The load was spread over these pods. */
  spread(pods: readonly Pod[]): void {
    this.pods = Object.isFrozen(pods) ? pods : [...pods];
  }
}
