/**
 * The kubelet's eviction manager as it runs (pkg/kubelet/eviction/eviction_manager.go
 * synchronize), per node, in a cluster with Nodes; the rules are memoryPressure.ts.
 *
 * It costs nothing while memory is plentiful: whenever the pods' memory use may have changed,
 * the simulation asks `observe`, and a node below the threshold starts its monitoring loop at
 * the next 10-second tick; the loop runs every tick — setting MemoryPressure, evicting one pod a
 * tick — until the node has been above the threshold for the pressure transition period and
 * the condition is False again. A node whose kubelet is down (`fault node … down`) evicts
 * nothing.
 */
import { parseQuantity, isQuantityError } from "../../k8s/quantity.ts";
import { involvedObjectOf } from "../../k8s/namespaces.ts";
import type { EventDraft, Node, NodeCondition, Pod, Time } from "../../k8s/types.ts";
import type { SimApiServer } from "../apiserver.ts";
import {
  EVICTION_MONITORING_PERIOD,
  EVICTION_PRESSURE_TRANSITION_PERIOD,
  MEMORY_AVAILABLE_HARD,
  evictionMessage,
  memoryAvailable,
  nextMonitoringTick,
  rankForMemoryPressure,
  type NodeMemory,
} from "./memoryPressure.ts";

export interface EvictionManagerHost {
  readonly now: Time;
  readonly api: SimApiServer;
  schedule(t: Time, fn: () => void, label: string): void;
  emit(event: EventDraft): void;
  /** A pod's working set in bytes now. */
  usage(pod: Pod): number;
  /** The kubelet kills the pod and leaves it Failed, reason Evicted (Kubelet.evict). */
  evict(pod: Pod, message: string): void;
  /** Whether the node's kubelet is down now. */
  nodeDown(node: string): boolean;
}

/** nodestatus/setters.go MemoryPressureCondition's two states. */
const PRESSURE = {
  True: { reason: "KubeletHasInsufficientMemory", message: "kubelet has insufficient memory available" },
  False: { reason: "KubeletHasSufficientMemory", message: "kubelet has sufficient memory available" },
} as const;

/** The pods whose memory the node's kubelet counts: Running or Pending on it. */
const counts = (p: Pod): boolean => p.status.phase === "Running" || p.status.phase === "Pending";

/** The node's memory capacity in bytes. */
function memoryCapacity(node: Node): number {
  const q = parseQuantity(node.status?.capacity?.memory ?? "0");
  return isQuantityError(q) ? 0 : q.value();
}

export class EvictionManager {
  /** Nodes whose monitoring loop is running. */
  private readonly monitoring = new Set<string>();
  /** When each node last met the threshold (thresholdsFirstObservedAt / lastObservedAt). */
  private readonly lastMet = new Map<string, Time>();

  constructor(private readonly host: EvictionManagerHost) {}

  /** A look at every node: one below the threshold starts its loop at the next tick. */
  observe(): void {
    const usage = (p: Pod) => this.host.usage(p);
    // Every node's pods in one pass over the pods (a pass per node was nodes × pods).
    const byNode = new Map<string, Pod[]>();
    for (const p of this.host.api.listAll("Pod")) {
      const name = p.spec.nodeName;
      if (name === undefined || !counts(p)) continue;
      let list = byNode.get(name);
      if (!list) byNode.set(name, (list = []));
      list.push(p);
    }
    for (const node of this.host.api.listAll("Node")) {
      const name = node.metadata.name;
      if (this.monitoring.has(name)) continue;
      const memory = { capacity: memoryCapacity(node), pods: byNode.get(name) ?? [] };
      if (memoryAvailable(memory, usage) >= MEMORY_AVAILABLE_HARD) continue;
      this.monitoring.add(name);
      this.host.schedule(
        nextMonitoringTick(this.host.now),
        () => this.synchronize(name),
        `eviction manager ${name}`,
      );
    }
  }

  private nodeMemory(node: Node): NodeMemory {
    const name = node.metadata.name;
    const pods = this.host.api.listAll("Pod").filter((p) => p.spec.nodeName === name && counts(p));
    return { capacity: memoryCapacity(node), pods };
  }

  private synchronize(name: string): void {
    const node = this.host.api.get("Node", "", name);
    if (!node || this.host.nodeDown(name)) {
      this.monitoring.delete(name);
      return;
    }
    const now = this.host.now;
    const usage = (p: Pod) => this.host.usage(p);
    const memory = this.nodeMemory(node);
    const available = memoryAvailable(memory, usage);
    const underPressure = node.status?.conditions?.some(
      (c) => c.type === "MemoryPressure" && c.status === "True",
    );
    if (available < MEMORY_AVAILABLE_HARD) {
      this.lastMet.set(name, now);
      if (!underPressure) this.setPressure(node, "True");
      const candidates = memory.pods.filter(
        (p) => p.status.phase === "Running" && p.metadata.deletionTimestamp === undefined,
      );
      const [victim] = rankForMemoryPressure(candidates, usage);
      if (victim) this.host.evict(victim, evictionMessage(victim, usage(victim), available));
    } else if (!underPressure) {
      this.monitoring.delete(name);
      return;
    } else if (now - (this.lastMet.get(name) ?? -Infinity) >= EVICTION_PRESSURE_TRANSITION_PERIOD) {
      this.setPressure(node, "False");
      this.monitoring.delete(name);
      return;
    }
    this.host.schedule(
      now + EVICTION_MONITORING_PERIOD,
      () => this.synchronize(name),
      `eviction manager ${name}`,
    );
  }

  /** The kubelet's MemoryPressure condition and its NodeHasInsufficientMemory/NodeHasSufficientMemory event. */
  private setPressure(node: Node, status: "True" | "False"): void {
    const now = this.host.now;
    const condition: NodeCondition = {
      type: "MemoryPressure",
      status,
      ...PRESSURE[status],
      lastHeartbeatTime: now,
      lastTransitionTime: now,
    };
    const conditions = (node.status?.conditions ?? []).map((c) =>
      c.type === "MemoryPressure" ? condition : c,
    );
    this.host.api.updateStatus({ ...node, status: { ...node.status, conditions } });
    const reason = status === "True" ? "NodeHasInsufficientMemory" : "NodeHasSufficientMemory";
    this.host.emit({
      type: "Normal",
      reason,
      message: `Node ${node.metadata.name} status is now: ${reason}`,
      involvedObject: involvedObjectOf(node),
      source: "kubelet",
    });
  }
}
