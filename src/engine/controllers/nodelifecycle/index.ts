/**
 * The node lifecycle controller's NoSchedule tainting
 * (pkg/controller/nodelifecycle/node_lifecycle_controller.go doNoScheduleTaintingPass, with
 * the TaintNodesByCondition behaviour that is always on since 1.17): a node's conditions and
 * its spec.unschedulable become NoSchedule taints, so that the scheduler (and anything reading
 * taints, such as the cluster autoscaler) sees them as taints:
 *
 *   Ready False → node.kubernetes.io/not-ready, Ready Unknown → node.kubernetes.io/unreachable,
 *   MemoryPressure/DiskPressure/PIDPressure/NetworkUnavailable True → node.kubernetes.io/memory-pressure, …,
 *   spec.unschedulable → node.kubernetes.io/unschedulable.
 *
 * Only these NoSchedule taints are the controller's: it adds the ones missing (with timeAdded,
 * as SwapNodeControllerTaint stamps them) after the node's other taints, and removes the ones
 * no longer due, leaving every other taint as it is. Example: `kubectl cordon node-1` →
 * node-1 gains node.kubernetes.io/unschedulable:NoSchedule; `kubectl uncordon` removes it.
 *
 * doNoExecuteTaintingPass adds the NoExecute taints of taint-based eviction the same way:
 * Ready False → node.kubernetes.io/not-ready:NoExecute, Ready Unknown (a node whose kubelet
 * stopped posting its status) → node.kubernetes.io/unreachable:NoExecute, each stamped with
 * its timeAdded, and removes them once the node is Ready; the taint eviction controller
 * (taintEviction.ts) evicts the pods that do not tolerate them.
 */
import { TaintKeys } from "../../../k8s/kinds/node/conditions.ts";
import type { Node, Taint } from "../../../k8s/types.ts";
import {
  emptyResult,
  type Controller,
  type ReconcileContext,
  type ReconcileResult,
} from "../../controller.ts";

/** nodeConditionToTaintKeyStatusMap */
const CONDITION_TAINTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  Ready: { False: TaintKeys.notReady, Unknown: TaintKeys.unreachable },
  MemoryPressure: { True: "node.kubernetes.io/memory-pressure" },
  DiskPressure: { True: "node.kubernetes.io/disk-pressure" },
  NetworkUnavailable: { True: "node.kubernetes.io/network-unavailable" },
  PIDPressure: { True: "node.kubernetes.io/pid-pressure" },
};

const MANAGED_KEYS = new Set<string>([
  TaintKeys.unschedulable,
  ...Object.values(CONDITION_TAINTS).flatMap((m) => Object.values(m)),
]);

/** doNoExecuteTaintingPass: the Ready condition's NoExecute taint (NotReadyTaintTemplate, UnreachableTaintTemplate). */
const NO_EXECUTE: Readonly<Record<string, string>> = CONDITION_TAINTS.Ready;
const NO_EXECUTE_KEYS = new Set(Object.values(NO_EXECUTE));

/** The NoSchedule taint keys the node's conditions and spec call for, in the controller's order. */
export function dueTaintKeys(node: Node): string[] {
  const keys: string[] = [];
  for (const c of node.status?.conditions ?? []) {
    const key = CONDITION_TAINTS[c.type]?.[c.status];
    if (key) keys.push(key);
  }
  if (node.spec?.unschedulable) keys.push(TaintKeys.unschedulable);
  return keys;
}

/** The NoExecute taint key the node's Ready condition calls for, if any. */
export function dueNoExecuteKey(node: Node): string | undefined {
  const ready = node.status?.conditions?.find((c) => c.type === "Ready");
  return ready ? NO_EXECUTE[ready.status] : undefined;
}

export function reconcileNodeTaints(ctx: ReconcileContext, name: string): ReconcileResult {
  const result = emptyResult();
  const node = ctx.store.get("Node", "", name);
  if (!node) return result;
  const due = dueTaintKeys(node);
  const noExecute = dueNoExecuteKey(node);
  const taints = node.spec?.taints ?? [];
  const isManaged = (t: Taint) => t.effect === "NoSchedule" && MANAGED_KEYS.has(t.key);
  const isManagedNoExecute = (t: Taint) => t.effect === "NoExecute" && NO_EXECUTE_KEYS.has(t.key);
  const kept = taints.filter(
    (t) => (!isManaged(t) || due.includes(t.key)) && (!isManagedNoExecute(t) || t.key === noExecute),
  );
  const added = due
    .filter((k) => !taints.some((t) => isManaged(t) && t.key === k))
    .map((key): Taint => ({ key, effect: "NoSchedule", timeAdded: ctx.now }));
  if (noExecute !== undefined && !taints.some((t) => isManagedNoExecute(t) && t.key === noExecute))
    added.push({ key: noExecute, effect: "NoExecute", timeAdded: ctx.now });
  if (added.length === 0 && kept.length === taints.length) return result;
  const updated = structuredClone(node);
  updated.spec = { ...updated.spec, taints: [...kept, ...added] };
  if (updated.spec.taints?.length === 0) delete updated.spec.taints;
  result.writes.push({ op: "update", object: updated });
  return result;
}

/** The node lifecycle controller as the engine runs it: a work queue of Nodes. */
export const nodeLifecycleController: Controller = {
  name: "nodelifecycle",
  kind: "Node",
  reconcile: (ctx, name) => reconcileNodeTaints(ctx, name),
};
