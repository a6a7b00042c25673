/**
 * The pod GC's passes over the pods it lists (pkg/controller/podgc/gc_controller.go, v1.31), each
 * ending in markFailedAndDeletePodWithCondition: a pod not yet Succeeded or Failed is patched
 * Failed (with a condition when the pass gives one), then deleted with grace period 0 — which
 * removes it at once unless finalizers hold it.
 *
 * - gcTerminated: terminated pods (phase neither Pending, Running nor Unknown) beyond
 *   --terminated-pod-gc-threshold, evicted ones first, then the oldest (byEvictionAndCreationTimestamp).
 * - gcTerminating: terminating pods (deletionTimestamp set) on a node that is not Ready and
 *   carries the `node.kubernetes.io/out-of-service` taint — the non-graceful node shutdown: no
 *   kubelet will ever finish them. No condition: the taint eviction controller gave the reason.
 * - gcUnscheduledTerminating: terminating pods bound to no node (a finalizer held them when
 *   they were deleted; the API server deletes any other unbound pod at once).
 */
import { isNodeReady, TaintKeys } from "../../../k8s/kinds/node/conditions.ts";
import type { Node, Pod, PodCondition } from "../../../k8s/types.ts";
import type { Write } from "../../controller.ts";

/** isPodTerminated: any phase but Pending, Running and Unknown. */
export const isPodTerminated = (pod: Pod): boolean => {
  const phase = pod.status.phase;
  return phase !== "Pending" && phase !== "Running" && phase !== "Unknown";
};

/** gcTerminating's node: not Ready, and tainted out-of-service (any effect). */
export const isOutOfService = (node: Node): boolean =>
  !isNodeReady(node) && (node.spec?.taints ?? []).some((t) => t.key === TaintKeys.outOfService);

/** eviction.PodIsEvicted: Failed with reason Evicted. */
const isEvicted = (pod: Pod): boolean => pod.status.phase === "Failed" && pod.status.reason === "Evicted";

/** byEvictionAndCreationTimestamp: evicted first, then by creation, then by name. */
export function byEvictionAndCreation(a: Pod, b: Pod): number {
  const ea = isEvicted(a);
  if (ea !== isEvicted(b)) return ea ? -1 : 1;
  const ta = a.metadata.creationTimestamp ?? 0;
  const tb = b.metadata.creationTimestamp ?? 0;
  if (ta !== tb) return ta - tb;
  const na = a.metadata.name;
  const nb = b.metadata.name;
  return na < nb ? -1 : na > nb ? 1 : 0;
}

/** gcTerminated: the terminated pods beyond `threshold`, in the order they go (none when it is 0). */
export function terminatedBeyond(pods: readonly Pod[], threshold: number): Pod[] {
  if (threshold <= 0) return [];
  const terminated = pods.filter(isPodTerminated);
  const deleteCount = terminated.length - threshold;
  if (deleteCount <= 0) return [];
  return terminated.sort(byEvictionAndCreation).slice(0, deleteCount);
}

/** gcUnscheduledTerminating: terminating pods bound to no node. */
export const unscheduledTerminating = (pods: readonly Pod[]): Pod[] =>
  pods.filter((p) => p.metadata.deletionTimestamp !== undefined && !p.spec.nodeName);

/** markFailedAndDeletePodWithCondition's writes for one pod. */
export function markFailedAndDelete(pod: Pod, condition?: PodCondition): Write[] {
  const writes: Write[] = [];
  const phase = pod.status.phase;
  if (phase !== "Succeeded" && phase !== "Failed") {
    const status = {
      ...pod.status,
      phase: "Failed" as const,
      ...(condition ? { conditions: withCondition(pod, condition) } : {}),
    };
    writes.push({ op: "updateStatus", object: { ...pod, status } });
  }
  writes.push({
    op: "delete",
    kind: "Pod",
    namespace: pod.metadata.namespace ?? "",
    name: pod.metadata.name,
    gracePeriodSeconds: 0,
  });
  return writes;
}

/**
 * podutil.UpdatePodCondition: a condition of a type the pod lacks is appended; one it has is
 * replaced where it stands, keeping its lastTransitionTime while its status is the same.
 */
function withCondition(pod: Pod, condition: PodCondition): PodCondition[] {
  const conditions = pod.status.conditions ?? [];
  const i = conditions.findIndex((c) => c.type === condition.type);
  if (i < 0) return [...conditions, condition];
  const was = conditions[i];
  const next =
    was.status === condition.status
      ? { ...condition, lastTransitionTime: was.lastTransitionTime }
      : condition;
  return conditions.map((c, j) => (j === i ? next : c));
}
