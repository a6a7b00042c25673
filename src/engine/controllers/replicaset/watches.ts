/**
 * The ReplicaSet controller's pod event handlers (pkg/controller/replicaset/replica_set.go
 * addPod/updatePod/deletePod; docs/kubernetes/deploy-semantics.md §3). Its own ReplicaSets
 * wake it directly.
 *
 * Pod add/update/delete → its owning ReplicaSet (an orphan added or updated: every ReplicaSet
 * whose selector matches it; both the old and the new owner when the ref changed). A pod that
 * turns Ready under minReadySeconds > 0 also wakes its ReplicaSet minReadySeconds + 1 s later,
 * to see it become available (updatePod's AddAfter).
 */
import { labelsMatch } from "../../../k8s/labels.ts";
import { namespaceOf, qualifiedName, qualifiedNameOf } from "../../../k8s/namespaces.ts";
import type { KubeObject, Pod } from "../../../k8s/types.ts";
import { wakeUpOnly, type CohortWakes, type StoreView, type Watch, type WakeUp } from "../../controller.ts";
import type { WatchEvent } from "../../store.ts";

/** Ready, read defensively: a watch sees objects as any writer stored them. */
const isReady = (pod: Pod | undefined): boolean =>
  pod?.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;

/** The name of the object's controller when that is a ReplicaSet (metav1.GetControllerOf), by a loop: no closure per pod change. */
function ownerName(obj: KubeObject | undefined): string | undefined {
  const refs = obj?.metadata.ownerReferences;
  if (refs === undefined) return undefined;
  for (const ref of refs)
    if (ref.controller === true) return ref.kind === "ReplicaSet" ? ref.name : undefined;
  return undefined;
}

function routePod(ev: WatchEvent, store: StoreView): readonly WakeUp[] {
  const pod = ev.object as Pod;
  const ns = namespaceOf(pod);
  const rsName = ownerName(pod);
  const oldRs = ownerName(ev.old);
  const movedFrom =
    ev.type === "MODIFIED" && oldRs !== undefined && oldRs !== rsName ? qualifiedName(ns, oldRs) : undefined;
  if (rsName !== undefined) {
    const key = qualifiedName(ns, rsName);
    const rs = store.get("ReplicaSet", ns, rsName);
    const minReady =
      ev.type === "MODIFIED" && rs && rs.spec.minReadySeconds > 0 && !isReady(ev.old as Pod) && isReady(pod);
    // Most pod changes (a status write) wake their own ReplicaSet only.
    if (movedFrom === undefined && !minReady) return wakeUpOnly(key);
    const out: WakeUp[] = [];
    if (movedFrom !== undefined) out.push({ key: movedFrom });
    out.push({ key });
    if (minReady) out.push({ key, after: rs.spec.minReadySeconds + 1 });
    return out;
  }
  const out: WakeUp[] = [];
  if (movedFrom !== undefined) out.push({ key: movedFrom });
  if (ev.type !== "DELETED" && pod.metadata.deletionTimestamp === undefined) {
    for (const rs of store.list("ReplicaSet", ns))
      if (labelsMatch(rs.spec.selector, pod.metadata.labels)) out.push({ key: qualifiedNameOf(rs) });
  }
  return out;
}

/**
 * A cohort's pod changes (the kubelet's step of one ReplicaSet's pods): a change that stays with
 * its ReplicaSet wakes it, which the cohort's first such change did already, so the key is made
 * once per run of changes of one ReplicaSet; a pod turning Ready under minReadySeconds, a pod
 * that changed owner and an orphan take `routePod`. It reads ReplicaSets only, which no pod
 * write changes.
 */
function routePods(changes: readonly WatchEvent[], store: StoreView, out: CohortWakes): void {
  let ns: string | undefined;
  let rsName: string | undefined;
  let key = "";
  let minReadySeconds = 0;
  for (let i = 0; i < changes.length; i++) {
    const ev = changes[i];
    const pod = ev.object as Pod;
    const name = ownerName(pod);
    // A status write keeps the references (the API server copies the metadata shallowly): the
    // same array names the same owner (62,532 of the x10 day's 87,301 changes here).
    const old = ev.type === "MODIFIED" ? ev.old : undefined;
    const oldName =
      old === undefined
        ? undefined
        : old.metadata.ownerReferences === pod.metadata.ownerReferences
          ? name
          : ownerName(old);
    if (name === undefined || (oldName !== undefined && oldName !== name)) {
      const wakes = routePod(ev, store);
      for (let j = 0; j < wakes.length; j++) out.push(i, wakes[j]);
      continue;
    }
    const podNs = namespaceOf(pod);
    if (name !== rsName || podNs !== ns) {
      ns = podNs;
      rsName = name;
      key = qualifiedName(podNs, name);
      minReadySeconds = store.get("ReplicaSet", podNs, name)?.spec.minReadySeconds ?? 0;
      out.push(i, wakeUpOnly(key)[0]);
    }
    if (ev.type === "MODIFIED" && minReadySeconds > 0 && !isReady(ev.old as Pod) && isReady(pod))
      out.push(i, { key, after: minReadySeconds + 1 });
  }
}

export const replicaSetWatches: readonly Watch[] = [
  // A pod no ReplicaSet controls wakes one only by adoption, which lists the ReplicaSets.
  {
    kind: "Pod",
    route: routePod,
    filter: { controlledBy: "ReplicaSet", whileAny: "ReplicaSet" },
    cohort: routePods,
  },
];
