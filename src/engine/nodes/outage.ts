/**
 * A node whose kubelet stops (`fault node NAME down [for D]`), as the control plane sees it:
 *
 * - the kubelet posts nothing more and acts on none of the node's pods (kubelet.ts, `halted`):
 *   they keep their last status — a pod deleted meanwhile stays Terminating;
 * - node-monitor-grace-period (40 s, kube-controller-manager's --node-monitor-grace-period)
 *   after it went quiet, the node lifecycle controller (node_lifecycle_controller.go
 *   tryUpdateNodeHealth) sets each of its conditions Unknown — reason NodeStatusUnknown,
 *   "Kubelet stopped posting node status." — records Normal NodeNotReady "Node NAME status is
 *   now: NodeNotReady" (nodeutil.RecordNodeStatusChange), and MarkPodsNotReady sets its pods'
 *   Ready condition False, each with Warning NodeNotReady "Node is not ready". The
 *   unreachable taints follow (controllers/nodelifecycle/index.ts), and after the pods'
 *   tolerationSeconds their eviction (controllers/nodelifecycle/taintEviction.ts);
 * - back up, the kubelet posts its conditions again (nodestatus/setters.go ReadyCondition),
 *   records Normal NodeReady "Node NAME status is now: NodeReady", and resumes its pods.
 *
 * The controller notices at exactly 40 s here (it checks every --node-monitor-period, 5 s,
 * from the last Lease renewal; the difference is at most those few seconds).
 */
import { HEALTHY_CONDITIONS } from "../../k8s/kinds/node/conditions.ts";
import { involvedObjectOf } from "../../k8s/namespaces.ts";
import type { EventDraft, Node, NodeCondition, Time } from "../../k8s/types.ts";
import type { SimApiServer } from "../apiserver.ts";

/** kube-controller-manager --node-monitor-grace-period. */
export const NODE_MONITOR_GRACE_PERIOD = 40;

/** When each node's kubelet is down: windows from ≤ t < until. */
export class NodeOutages {
  private readonly windows = new Map<string, { from: Time; until: Time }[]>();

  add(node: string, from: Time, until: Time): void {
    const list = this.windows.get(node) ?? [];
    list.push({ from, until });
    this.windows.set(node, list);
  }

  down(node: string | undefined, t: Time): boolean {
    if (node === undefined) return false;
    // The kubelet asks at each of a pod's steps: no list or closure for a node never down.
    const list = this.windows.get(node);
    if (list === undefined) return false;
    for (const w of list) if (w.from <= t && t < w.until) return true;
    return false;
  }
}

export interface OutageHost {
  readonly now: Time;
  readonly api: SimApiServer;
  emit(event: EventDraft): void;
}

const nodeEvent = (node: Node, reason: string, source: string): EventDraft => ({
  type: "Normal",
  reason,
  message: `Node ${node.metadata.name} status is now: ${reason}`,
  involvedObject: involvedObjectOf(node),
  source,
});

/** tryUpdateNodeHealth past the grace period, then MarkPodsNotReady. */
export function markNodeUnknown(host: OutageHost, name: string): void {
  const node = host.api.get("Node", "", name);
  if (!node) return;
  const now = host.now;
  const conditions = (node.status?.conditions ?? []).map((c): NodeCondition =>
    c.status === "Unknown"
      ? c
      : {
          ...c,
          status: "Unknown",
          reason: "NodeStatusUnknown",
          message: "Kubelet stopped posting node status.",
          lastTransitionTime: now,
        },
  );
  host.api.updateStatus({ ...node, status: { ...node.status, conditions } });
  host.emit(nodeEvent(node, "NodeNotReady", "node-controller"));
  for (const pod of host.api.listAll("Pod")) {
    if (pod.spec.nodeName !== name) continue;
    const ready = pod.status.conditions?.find((c) => c.type === "Ready");
    if (!ready || ready.status === "False") continue;
    host.api.updateStatus({
      ...pod,
      status: {
        ...pod.status,
        conditions: (pod.status.conditions ?? []).map((c) =>
          c.type === "Ready" ? { ...c, status: "False", lastTransitionTime: now } : c,
        ),
      },
    });
    host.emit({
      type: "Warning",
      reason: "NodeNotReady",
      message: "Node is not ready",
      involvedObject: involvedObjectOf(pod),
      source: "node-controller",
    });
  }
}

/** The kubelet's first status after it comes back: its healthy conditions, where they changed. */
export function postNodeReady(host: OutageHost, name: string): void {
  const node = host.api.get("Node", "", name);
  if (!node) return;
  const now = host.now;
  const old = node.status?.conditions ?? [];
  let changed = false;
  const conditions = HEALTHY_CONDITIONS.map((h): NodeCondition => {
    const before = old.find((c) => c.type === h.type);
    if (before && before.status === h.status) return before;
    changed = true;
    return { ...h, lastHeartbeatTime: now, lastTransitionTime: now };
  });
  if (!changed) return;
  host.api.updateStatus({ ...node, status: { ...node.status, conditions } });
  host.emit(nodeEvent(node, "NodeReady", "kubelet"));
}
