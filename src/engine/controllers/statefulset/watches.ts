/**
 * The StatefulSet controller's pod event handlers (stateful_set.go addPod/updatePod/deletePod).
 * Its own StatefulSets wake it directly; ControllerRevisions wake nothing (it only lists them).
 *
 * Keys are qualified names (src/k8s/namespaces.ts); a pod wakes sets of its own namespace only.
 * - A pod added, changed or deleted wakes the set named by its controller reference (on a
 *   change of owner, the old one too); an orphan added or changed wakes every set whose
 *   selector matches it (getStatefulSetsForPod), an orphan deleted wakes nobody.
 * - A pod turning Ready under minReadySeconds > 0 also wakes its set minReadySeconds + 1 s
 *   later ("Add a second to avoid milliseconds skew in AddAfter"), to see it become available.
 */
import { labelsMatch } from "../../../k8s/labels.ts";
import { namespaceOf, qualifiedName, qualifiedNameOf } from "../../../k8s/namespaces.ts";
import { controllerOf } from "../../../k8s/owners.ts";
import type { KubeObject, Pod } from "../../../k8s/types.ts";
import type { StoreView, Watch, WakeUp } from "../../controller.ts";
import type { WatchEvent } from "../../store.ts";
import { isPodReady } from "../replicaset/pods.ts";

function setName(obj: KubeObject | undefined): string | undefined {
  const ref = obj ? controllerOf(obj) : undefined;
  return ref && ref.kind === "StatefulSet" ? ref.name : undefined;
}

function routePod(ev: WatchEvent, store: StoreView): WakeUp[] {
  const pod = ev.object as Pod;
  const ns = namespaceOf(pod);
  const out: WakeUp[] = [];
  const name = setName(pod);
  const oldName = setName(ev.old);
  if (ev.type === "MODIFIED" && oldName !== undefined && oldName !== name)
    out.push({ key: qualifiedName(ns, oldName) });
  if (name !== undefined) {
    const key = qualifiedName(ns, name);
    out.push({ key });
    const set = store.get("StatefulSet", ns, name);
    const minReady = set?.spec.minReadySeconds ?? 0;
    if (ev.type === "MODIFIED" && minReady > 0 && ev.old && !isPodReady(ev.old as Pod) && isPodReady(pod))
      out.push({ key, after: minReady + 1 });
  } else if (ev.type !== "DELETED") {
    for (const set of store.list("StatefulSet", ns))
      if (labelsMatch(set.spec.selector, pod.metadata.labels)) out.push({ key: qualifiedNameOf(set) });
  }
  return out;
}

export const statefulSetWatches: readonly Watch[] = [
  // A pod no StatefulSet controls wakes one only by adoption, which lists the StatefulSets.
  {
    kind: "Pod",
    route: routePod,
    filter: { controlledBy: "StatefulSet", whileAny: "StatefulSet" },
    cohort: "each",
  },
];
