/**
 * The kubelet's eviction manager under memory pressure (pkg/kubelet/eviction, v1.28), in a
 * cluster with Nodes:
 *
 * - Every --eviction-monitoring period (10 s, from the kubelet's start: t = 0, 10, 20, …) it
 *   observes memory.available = the node's memory capacity − the working sets of its running
 *   pods (the root cgroup's; no system daemons' memory is modelled) and compares it with the
 *   default hard threshold memory.available<100Mi (eviction_manager.go synchronize,
 *   helpers.go makeSignalObservations; the same 100Mi the allocatable holds back).
 * - Below it, the node's MemoryPressure condition turns True ("KubeletHasInsufficientMemory",
 *   "kubelet has insufficient memory available"; nodestatus/setters.go MemoryPressureCondition
 *   with its Normal NodeHasInsufficientMemory event), which the node lifecycle controller turns
 *   into the node.kubernetes.io/memory-pressure:NoSchedule taint; and one pod per period is
 *   evicted, ranked by rankMemoryPressure: first the pods using more memory than they request,
 *   then the lower priority, then the larger usage above requests.
 * - The evicted pod (evictPod, killed at once for a hard threshold) gets Warning Evicted "The
 *   node was low on resource: memory. Threshold quantity: 100Mi, available: 51200Ki.
 *   Container app was using 3Gi, request is 256Mi, has larger consumption of memory. "
 *   (evictionMessage), and is left Failed with reason Evicted for its controller to replace.
 * - The condition returns to False only when no threshold has been met for
 *   --eviction-pressure-transition-period (5 min), with NodeHasSufficientMemory.
 *
 * Examples: a 4Gi node whose pods use 3.95Gi has 51.2Mi available — below 100Mi: pressure.
 */
import { formatBytes, isQuantityError, parseQuantity } from "../../k8s/quantity.ts";
import { podRequests } from "../../k8s/podResources.ts";
import type { Pod, Time } from "../../k8s/types.ts";
import { containerShares } from "../workload/containerShares.ts";

/** The kubelet's default hard eviction threshold memory.available<100Mi. */
export const MEMORY_AVAILABLE_HARD = 100 * 1024 * 1024;
/** The eviction manager's monitoring period (--eviction-monitoring-period, housekeeping). */
export const EVICTION_MONITORING_PERIOD = 10;
/** --eviction-pressure-transition-period. */
export const EVICTION_PRESSURE_TRANSITION_PERIOD = 300;

/** A pod's working set in bytes now, by its qualified name. */
export type Usage = (pod: Pod) => number;

/**
 * rankMemoryPressure (helpers.go): orderedBy(exceedMemoryRequests, priority, memory); ties keep
 * the given order.
 */
export function rankForMemoryPressure(pods: readonly Pod[], usage: Usage): Pod[] {
  const over = (p: Pod) => usage(p) - podRequests(p).memory;
  return [...pods].sort((a, b) => {
    const exceedA = over(a) > 0;
    const exceedB = over(b) > 0;
    if (exceedA !== exceedB) return exceedA ? -1 : 1;
    const prioA = Number(a.spec.priority ?? 0);
    const prioB = Number(b.spec.priority ?? 0);
    if (prioA !== prioB) return prioA - prioB;
    return over(b) - over(a);
  });
}

/**
 * evictionMessage: the node's state, then each container whose share of the pod's working set
 * passes its memory request (as resource.Quantity prints them: "3Gi", "51200Ki", "0").
 */
export function evictionMessage(pod: Pod, podUsage: number, available: number): string {
  let message = `The node was low on resource: memory. Threshold quantity: 100Mi, available: ${quantityText(available)}. `;
  const shares = new Map(containerShares(pod, "memory"));
  for (const c of pod.spec.containers) {
    const used = Math.round(podUsage * (shares.get(c.name) ?? 0));
    const parsed = parseQuantity(c.resources?.requests?.memory ?? "0");
    const request = isQuantityError(parsed) ? undefined : parsed;
    if (used > (request?.value() ?? 0))
      message += `Container ${c.name} was using ${quantityText(used)}, request is ${request?.toString() ?? "0"}, has larger consumption of memory. `;
  }
  return message;
}

/** A BinarySI quantity's String(): the largest binary suffix that divides it, else the bytes. */
function quantityText(bytes: number): string {
  const text = formatBytes(bytes);
  return /i$/.test(text) || text === "0" ? text : String(Math.round(bytes));
}

/** What the eviction manager needs of one node and its pods. */
export interface NodeMemory {
  /** The node's memory capacity in bytes. */
  capacity: number;
  /** Its running pods (not terminal, not terminating). */
  pods: readonly Pod[];
}

/** memory.available: capacity less the running pods' working sets. */
export function memoryAvailable(node: NodeMemory, usage: Usage): number {
  return node.capacity - node.pods.reduce((sum, p) => sum + usage(p), 0);
}

/** The first monitoring instant at or after t (floating-point noise below a tick rounds to it). */
export function nextMonitoringTick(t: Time): Time {
  const k = Math.ceil(t / EVICTION_MONITORING_PERIOD - 1e-9);
  return k <= 0 ? 0 : k * EVICTION_MONITORING_PERIOD;
}
