/**
 * What a kubelet reports for a Node that was created from a manifest (`kind: Node`): the parts
 * of the status the manifest left out, as the kubelet's status setters fill them in
 * (pkg/kubelet/nodestatus/setters.go MachineInfo, NodeAddress, VersionInfo, ReadyCondition…):
 * capacity.pods (maxPods, 110), allocatable (capacity less the memory eviction threshold,
 * template.ts), the four healthy conditions, an InternalIP and Hostname address, and system
 * info. What the manifest says is kept: a manifest that writes `Ready: "False"` keeps a
 * NotReady node. Nothing is invented for cpu or memory — a node without them has room for
 * pods that request neither.
 */
import { HEALTHY_CONDITIONS } from "../../k8s/kinds/node/conditions.ts";
import { isQuantityError, parseQuantity, Quantity } from "../../k8s/quantity.ts";
import type { Node, NodeStatus, Time } from "../../k8s/types.ts";
import { DEFAULT_MAX_PODS, EVICTION_HARD_MEMORY, internalIP, nodeInfoFor } from "./template.ts";

/** The completed status, or undefined when nothing is missing. `takeIndex` numbers the node for its address. */
export function completeNodeStatus(node: Node, takeIndex: () => number, now: Time): NodeStatus | undefined {
  const status: NodeStatus = structuredClone(node.status ?? {});
  let changed = false;
  const capacity = { ...(status.capacity ?? {}) };
  if (capacity.pods === undefined) {
    capacity.pods = String(DEFAULT_MAX_PODS);
    status.capacity = capacity;
    changed = true;
  }
  if (status.allocatable === undefined) {
    const allocatable: Record<string, string> = { ...capacity };
    const memory = capacity.memory === undefined ? undefined : parseQuantity(capacity.memory);
    if (memory !== undefined && !isQuantityError(memory))
      allocatable.memory = Quantity.fromValue(
        Math.max(0, memory.value() - EVICTION_HARD_MEMORY),
        memory.format,
      ).toString();
    status.allocatable = allocatable;
    changed = true;
  }
  if (!status.conditions?.length) {
    status.conditions = HEALTHY_CONDITIONS.map((c) => ({
      ...c,
      lastHeartbeatTime: now,
      lastTransitionTime: now,
    }));
    changed = true;
  }
  if (!status.addresses?.length) {
    status.addresses = [
      { type: "InternalIP", address: internalIP(takeIndex()) },
      { type: "Hostname", address: node.metadata.name },
    ];
    changed = true;
  }
  if (!status.nodeInfo) {
    status.nodeInfo = nodeInfoFor(node.metadata.name);
    changed = true;
  }
  return changed ? status : undefined;
}
