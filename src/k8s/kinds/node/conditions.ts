/**
 * What a Node's status and taints mean, defined once for the kubelet model, the scheduler,
 * the node lifecycle controller, the cluster autoscaler and kubectl:
 * - the kubelet's standard conditions with their reasons and messages
 *   (pkg/kubelet/nodestatus/setters.go: ReadyCondition, MemoryPressureCondition,
 *   DiskPressureCondition, PIDPressureCondition);
 * - the taints Kubernetes itself puts on nodes (k8s.io/api/core/v1 well_known_taints.go:
 *   TaintNodeNotReady, TaintNodeUnreachable, TaintNodeUnschedulable) and the cluster
 *   autoscaler's ToBeDeletedByClusterAutoscaler (cluster-autoscaler/utils/taints/taints.go);
 * - the labels every node carries (well_known_labels.go: kubernetes.io/hostname, …/os,
 *   …/arch), and the label Replicast puts on a pool's nodes.
 */
import type { Node, NodeCondition, Taint, Time } from "../../types.ts";

/** Taint keys of well_known_taints.go and the cluster autoscaler. */
export const TaintKeys = {
  notReady: "node.kubernetes.io/not-ready",
  unreachable: "node.kubernetes.io/unreachable",
  unschedulable: "node.kubernetes.io/unschedulable",
  /** v1.TaintNodeOutOfService: an administrator's word that a NotReady node is shut down (non-graceful node shutdown). */
  outOfService: "node.kubernetes.io/out-of-service",
  /** cluster-autoscaler/utils/taints: set on a node it is about to delete (value: Unix seconds). */
  toBeDeletedByClusterAutoscaler: "ToBeDeletedByClusterAutoscaler",
} as const;

/**
 * The label a pool's nodes carry (`nodes 3 … named pool-a` → `replicast.dev/pool=pool-a`):
 * the cluster autoscaler's node groups and `expect nodes pool-a` find a pool's nodes by it,
 * as GKE's `cloud.google.com/gke-nodepool` or EKS's `eks.amazonaws.com/nodegroup` do.
 */
export const POOL_LABEL = "replicast.dev/pool";

/** The kubelet's conditions of a healthy node, in the order it reports them (setters.go). */
export const HEALTHY_CONDITIONS: readonly Omit<NodeCondition, "lastHeartbeatTime" | "lastTransitionTime">[] =
  [
    {
      type: "MemoryPressure",
      status: "False",
      reason: "KubeletHasSufficientMemory",
      message: "kubelet has sufficient memory available",
    },
    {
      type: "DiskPressure",
      status: "False",
      reason: "KubeletHasNoDiskPressure",
      message: "kubelet has no disk pressure",
    },
    {
      type: "PIDPressure",
      status: "False",
      reason: "KubeletHasSufficientPID",
      message: "kubelet has sufficient PID available",
    },
    { type: "Ready", status: "True", reason: "KubeletReady", message: "kubelet is posting ready status" },
  ];

export function readyCondition(node: Node): NodeCondition | undefined {
  return node.status?.conditions?.find((c) => c.type === "Ready");
}

/** Ready=True (what `kubectl get nodes` prints as Ready, and `expect nodes` counts). */
export const isNodeReady = (node: Node): boolean => readyCondition(node)?.status === "True";

export const poolOf = (node: Node): string | undefined => node.metadata.labels?.[POOL_LABEL];

export const hasTaint = (node: Node, key: string, effect?: Taint["effect"]): boolean =>
  (node.spec?.taints ?? []).some((t) => t.key === key && (effect === undefined || t.effect === effect));

/**
 * The kubelet's status timing as `kubectl describe node` shows it: the kubelet renews its
 * Lease every 10 s (nodeLeaseDurationSeconds 40 × renewIntervalFraction 0.25) and, when
 * nothing changed, posts its status every 5 minutes (nodeStatusReportFrequency), which is when
 * each condition's lastHeartbeatTime moves. Example: a node created at 0 and described at 7m
 * shows heartbeats at 5m and its Lease renewed at 7m0s; at 7m5s still 7m0s.
 */
export const NODE_STATUS_REPORT_FREQUENCY = 300;
export const NODE_LEASE_RENEW_INTERVAL = 10;

export function lastTick(since: Time, now: Time, every: number): Time {
  return since + Math.max(0, Math.floor((now - since) / every)) * every;
}
