/**
 * What the scheduler knows of one node (pkg/scheduler/framework types.go NodeInfo): the node,
 * its allocatable resources, and the sums over the pods bound to it — their requests (what
 * the fit filter checks), their non-zero requests (what LeastAllocated scores), their count, and
 * the pods themselves (what PodTopologySpread and InterPodAffinity count by their labels).
 * Pods count from the moment they are bound until they leave the store, terminating ones
 * included: their resources are held until the kubelet has stopped them.
 */
import { isQuantityError, parseQuantity } from "../../k8s/quantity.ts";
import { podNonZeroRequests, podRequests, resourcesOf, type Resources } from "../../k8s/podResources.ts";
import type { Node, Pod } from "../../k8s/types.ts";

export interface Allocatable extends Resources {
  /** AllowedPodNumber: status.allocatable.pods. */
  pods: number;
}

export interface NodeInfo {
  node: Node;
  allocatable: Allocatable;
  requested: Resources;
  nonZeroRequested: Resources;
  /** Pods bound to the node. */
  pods: number;
  /** The pods themselves (NodeInfo.Pods), for the plugins that count pods by their labels. */
  boundPods: Pod[];
}

/** NodeInfo.SetNode: status.allocatable as integers (a missing resource is 0). */
export function allocatableOf(node: Node): Allocatable {
  const alloc = node.status?.allocatable;
  const pods = alloc?.pods === undefined ? undefined : parseQuantity(alloc.pods);
  return {
    ...resourcesOf(alloc),
    pods: pods === undefined || isQuantityError(pods) ? 0 : pods.value(),
  };
}

/** A NodeInfo from the node and the pods bound to it. */
export function nodeInfo(node: Node, pods: readonly Pod[]): NodeInfo {
  const info: NodeInfo = {
    node,
    allocatable: allocatableOf(node),
    requested: { cpu: 0, memory: 0 },
    nonZeroRequested: { cpu: 0, memory: 0 },
    pods: 0,
    boundPods: [],
  };
  for (const p of pods) addPod(info, p);
  return info;
}

/**
 * A pod's requests and non-zero requests, computed once per spec (framework.PodInfo computes
 * them once per pod): a stored pod's spec is never changed in place, and a status write keeps
 * the spec object, so the pod's every later version finds them here.
 */
const requestsBySpec = new WeakMap<Pod["spec"], { requests: Resources; nonZero: Resources }>();

export function podResources(pod: Pod): { requests: Resources; nonZero: Resources } {
  let r = requestsBySpec.get(pod.spec);
  if (!r) {
    r = { requests: podRequests(pod), nonZero: podNonZeroRequests(pod) };
    requestsBySpec.set(pod.spec, r);
  }
  return r;
}

/** NodeInfo.AddPod: one more pod's requests (the scheduler's "assume" before binding does the same). */
export function addPod(info: NodeInfo, pod: Pod): void {
  const { requests: r, nonZero: nz } = podResources(pod);
  info.requested.cpu += r.cpu;
  info.requested.memory += r.memory;
  info.nonZeroRequested.cpu += nz.cpu;
  info.nonZeroRequested.memory += nz.memory;
  info.pods += 1;
  info.boundPods.push(pod);
}

/**
 * A pod in phase Succeeded or Failed: it holds nothing on its node any more. The scheduler's
 * and the cluster autoscaler's pod listers both leave them out with a field selector
 * (`status.phase!=Succeeded,status.phase!=Failed`: scheduler.go newPodInformer;
 * cluster-autoscaler utils/kubernetes/listers.go).
 */
export function isTerminal(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === "Succeeded" || phase === "Failed";
}

/** Every node's NodeInfo from a list of nodes and pods (the pods' spec.nodeName says where they are). */
export function nodeInfos(nodes: readonly Node[], pods: readonly Pod[]): NodeInfo[] {
  const byNode = new Map<string, Pod[]>();
  for (const p of pods) {
    const n = p.spec.nodeName;
    if (n === undefined || isTerminal(p)) continue;
    let list = byNode.get(n);
    if (!list) byNode.set(n, (list = []));
    list.push(p);
  }
  return nodes.map((n) => nodeInfo(n, byNode.get(n.metadata.name) ?? []));
}
