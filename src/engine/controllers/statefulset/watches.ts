/**
 * The StatefulSet controller's pod event handlers (stateful_set.go addPod/updatePod/deletePod).
 * Its own StatefulSets wake it directly; ControllerRevisions wake nothing (it only lists them).
 *
 * - A pod added, changed or deleted wakes the set named by its controller reference (on a
 *   change of owner, the old one too); an orphan added or changed wakes every set whose
 *   selector matches it (getStatefulSetsForPod), an orphan deleted wakes nobody.
 * - A pod turning Ready under minReadySeconds > 0 also wakes its set minReadySeconds + 1 s
 *   later ("Add a second to avoid milliseconds skew in AddAfter"), to see it become available.
 */
import { labelsMatch } from "../../../k8s/labels.ts";
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
  const out: WakeUp[] = [];
  const name = setName(pod);
  const oldName = setName(ev.old);
  if (ev.type === "MODIFIED" && oldName !== undefined && oldName !== name) out.push({ key: oldName });
  if (name !== undefined) {
    out.push({ key: name });
    const set = store.get("StatefulSet", name);
    const minReady = set?.spec.minReadySeconds ?? 0;
    if (ev.type === "MODIFIED" && minReady > 0 && ev.old && !isPodReady(ev.old as Pod) && isPodReady(pod))
      out.push({ key: name, after: minReady + 1 });
  } else if (ev.type !== "DELETED") {
    for (const set of store.list("StatefulSet"))
      if (labelsMatch(set.spec.selector, pod.metadata.labels)) out.push({ key: set.metadata.name });
  }
  return out;
}

export const statefulSetWatches: readonly Watch[] = [{ kind: "Pod", route: routePod }];
