/**
 * The DaemonSet controller's event handlers (daemon_controller.go addPod/updatePod/deletePod,
 * addNode/updateNode). Its own DaemonSets wake it directly. A cluster without DaemonSets pays a
 * check of each pod's controller reference and, for a Node change, an empty list.
 *
 * - A pod added, changed or deleted wakes the set its controller reference names (on a change
 *   of owner, the old one too); an orphan added, or changed in its labels, wakes every set of
 *   its namespace whose selector matches it (getDaemonSetsForPod); an orphan deleted wakes
 *   nobody. A pod turning Ready under minReadySeconds > 0 also wakes its set
 *   minReadySeconds + 1 s later, to see it become available.
 * - A Node added wakes every set that should run a pod there; a Node changed wakes every set
 *   whose verdict for it changed (shouldRun or shouldContinueRunning). A Node deleted wakes every
 *   set too, so that its status counts the node no more (upstream has no delete handler and
 *   leaves that to the next sync).
 */
import type { DaemonSet } from "../../../k8s/kinds/daemonSet/types.ts";
import { labelsMatch } from "../../../k8s/labels.ts";
import { namespaceOf, qualifiedName, qualifiedNameOf } from "../../../k8s/namespaces.ts";
import { controllerOf } from "../../../k8s/owners.ts";
import type { KubeObject, Node, Pod } from "../../../k8s/types.ts";
import type { StoreView, Watch, WakeUp } from "../../controller.ts";
import type { WatchEvent } from "../../store.ts";
import { isPodReady } from "../replicaset/pods.ts";
import { nodeShouldRunDaemonPod } from "./nodes.ts";

const NONE: readonly WakeUp[] = Object.freeze([]);

const setName = (obj: KubeObject | undefined): string | undefined => {
  const ref = obj ? controllerOf(obj) : undefined;
  return ref && ref.kind === "DaemonSet" ? ref.name : undefined;
};

const sets = (store: StoreView, ns?: string): readonly DaemonSet[] =>
  (ns === undefined
    ? store.listAll("DaemonSet")
    : store.list("DaemonSet", ns)) as unknown as readonly DaemonSet[];

const keyOf = (ds: DaemonSet): string => qualifiedNameOf(ds as unknown as KubeObject);

function routePod(ev: WatchEvent, store: StoreView): WakeUp[] {
  const pod = ev.object as Pod;
  const name = setName(pod);
  const oldName = setName(ev.old);
  if (name === undefined && oldName === undefined) {
    // An orphan: only its arrival or a change of labels can make a set adopt it.
    if (pod.metadata.ownerReferences?.some((r) => r.controller === true)) return NONE as WakeUp[];
    if (ev.type === "DELETED") return NONE as WakeUp[];
    if (ev.type === "MODIFIED" && ev.old && sameLabels(ev.old.metadata.labels, pod.metadata.labels))
      return NONE as WakeUp[];
    const out: WakeUp[] = [];
    for (const ds of sets(store, namespaceOf(pod)))
      if (labelsMatch(ds.spec.selector, pod.metadata.labels)) out.push({ key: keyOf(ds) });
    return out;
  }
  const ns = namespaceOf(pod);
  const out: WakeUp[] = [];
  if (ev.type === "MODIFIED" && oldName !== undefined && oldName !== name)
    out.push({ key: qualifiedName(ns, oldName) });
  if (name !== undefined) {
    const key = qualifiedName(ns, name);
    out.push({ key });
    if (ev.type === "MODIFIED" && ev.old && !isPodReady(ev.old as Pod) && isPodReady(pod)) {
      const ds = store.get("DaemonSet", ns, name) as unknown as DaemonSet | undefined;
      const minReady = ds?.spec.minReadySeconds ?? 0;
      if (minReady > 0) out.push({ key, after: minReady + 1 });
    }
  }
  return out;
}

function sameLabels(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  if (a === b) return true;
  const ka = Object.keys(a ?? {});
  if (ka.length !== Object.keys(b ?? {}).length) return false;
  return ka.every((k) => a?.[k] === b?.[k]);
}

function routeNode(ev: WatchEvent, store: StoreView): WakeUp[] {
  const all = sets(store);
  if (all.length === 0) return NONE as WakeUp[];
  const node = ev.object as Node;
  const out: WakeUp[] = [];
  for (const ds of all) {
    if (ev.type === "ADDED") {
      if (nodeShouldRunDaemonPod(ds, node).shouldRun) out.push({ key: keyOf(ds) });
    } else if (ev.type === "MODIFIED" && ev.old) {
      const before = nodeShouldRunDaemonPod(ds, ev.old as Node);
      const after = nodeShouldRunDaemonPod(ds, node);
      if (
        before.shouldRun !== after.shouldRun ||
        before.shouldContinueRunning !== after.shouldContinueRunning
      )
        out.push({ key: keyOf(ds) });
    } else out.push({ key: keyOf(ds) });
  }
  return out;
}

export const daemonSetWatches: readonly Watch[] = [
  // A pod no DaemonSet controls wakes one only by adoption, which lists the DaemonSets.
  {
    kind: "Pod",
    route: routePod,
    filter: { controlledBy: "DaemonSet", whileAny: "DaemonSet" },
    cohort: "each",
  },
  { kind: "Node", route: routeNode, filter: { whileAny: "DaemonSet" } },
];
