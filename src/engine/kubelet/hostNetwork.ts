/**
 * Pods in the node's network namespace (spec.hostNetwork: true). generateAPIPodStatus
 * (pkg/kubelet/kubelet_pods.go, v1.28) gives such a pod the node's IPs as its own: "set HostIP
 * and pod IP for host network pods" — status.podIP is the node's InternalIP (hostIPs[0]) in
 * every status the kubelet writes, the first one (Pending, ContainerCreating) included, as no
 * sandbox network is made for it (kuberuntime_sandbox.go). `kubectl get pods -o wide` shows
 * the node's address in its IP column.
 */
import { copyWith } from "../../k8s/clone.ts";
import type { Pod } from "../../k8s/types.ts";

export const usesHostNetwork = (pod: Pod): boolean => pod.spec.hostNetwork === true;

/** `status` as the kubelet writes it for `pod` on a node whose IP is `hostIP`. */
export function withHostNetworkIP(pod: Pod, status: Pod["status"], hostIP: string): Pod["status"] {
  return usesHostNetwork(pod) && hostIP !== "" ? copyWith(status, { podIP: hostIP }) : status;
}
