/**
 * Whether pods name a Node as theirs before it exists: bound with spec.nodeName (a pod written
 * with it, a restored export) to a node no kubelet had registered yet. Such a pod stays Pending;
 * when the kubelet registers the Node it lists the pods bound to it and runs them (kubelet.go
 * syncLoop over its config source: the API server's pods with spec.nodeName = the node,
 * pkg/kubelet/config/apiserver.go NewSourceApiserver), unless the pod GC force-deleted them first
 * (pkg/controller/podgc gc_controller.go gcOrphaned: a node missing through its 40 s quarantine).
 * Example: a pod with `nodeName: worker-2` applied at 0s, the Node `worker-2` at 20s: the pod
 * starts at 20s.
 */
import type { KubeObject } from "../../k8s/types.ts";

export function boundBefore(pods: readonly KubeObject[], node: string): boolean {
  for (let i = 0; i < pods.length; i++)
    if ((pods[i] as { spec?: { nodeName?: string } }).spec?.nodeName === node) return true;
  return false;
}
