/**
 * A node as its kubelet registers it (pkg/kubelet/kubelet_node_status.go initialNode and the
 * status setters in pkg/kubelet/nodestatus/setters.go), for the nodes of a pool:
 * - labels: kubernetes.io/hostname, kubernetes.io/os=linux, kubernetes.io/arch=amd64 and their
 *   beta.kubernetes.io twins (well_known_labels.go), plus the pool's label, and its zone's
 *   labels when the pool has a zone (zoneLabels);
 * - capacity: the machine's cpu and memory, and pods (the kubelet's maxPods, 110 by default);
 * - allocatable: capacity less the default hard eviction threshold for memory
 *   (evictionHard memory.available<100Mi; no kube-reserved or system-reserved by default), so a
 *   node "with memory 1Gi" offers pods 924Mi — as a kubeadm node does;
 * - conditions: the kubelet's four, healthy (conditions.ts);
 * - an InternalIP and a pod CIDR from the node's index; system info of a current Linux node.
 * Names follow the pool: `P-1`, `P-2`, … (docs/nodes.md).
 */
import { HEALTHY_CONDITIONS, POOL_LABEL } from "../../k8s/kinds/node/conditions.ts";
import { Quantity } from "../../k8s/quantity.ts";
import type { Node, Taint, Time } from "../../k8s/types.ts";

/** What every node of a pool has (`nodes 3 with cpu 4 memory 16Gi named pool-a`). */
export interface PoolSpec {
  name: string;
  /** Millicores. */
  cpu: number;
  /** Bytes. */
  memory: number;
  /** The kubelet's maxPods. */
  maxPods: number;
  labels?: Record<string, string>;
  taints?: Taint[];
}

/** v1.LabelTopologyZone and the deprecated v1.LabelFailureDomainBetaZone (well_known_labels.go). */
export const LABEL_TOPOLOGY_ZONE = "topology.kubernetes.io/zone";
export const LABEL_FAILURE_DOMAIN_BETA_ZONE = "failure-domain.beta.kubernetes.io/zone";

/**
 * The labels every kubelet puts on its Node (kubelet_node_status.go initialNode: hostname, os
 * and arch, and the beta twins it still sets), for a linux/amd64 node.
 */
export function kubeletLabels(name: string): Record<string, string> {
  return {
    "beta.kubernetes.io/arch": "amd64",
    "beta.kubernetes.io/os": "linux",
    "kubernetes.io/arch": "amd64",
    "kubernetes.io/hostname": name,
    "kubernetes.io/os": "linux",
  };
}

/**
 * A zone's labels on a node (`nodes … zone eu-west-1a`): the kubelet of a cloud node sets both
 * the GA label and its deprecated beta twin from the provider's zone
 * (pkg/kubelet/kubelet_node_status.go initialNode).
 */
export function zoneLabels(zone: string): Record<string, string> {
  return { [LABEL_FAILURE_DOMAIN_BETA_ZONE]: zone, [LABEL_TOPOLOGY_ZONE]: zone };
}

/** kubelet config default maxPods. */
export const DEFAULT_MAX_PODS = 110;
/** kubelet config default evictionHard memory.available. */
export const EVICTION_HARD_MEMORY = 100 * 1024 * 1024;
/** The version every simulated node reports (Replicast models Kubernetes 1.28). */
export const KUBELET_VERSION = "v1.28.0";

/** `10.0.0.11` for the first node: addresses counted from 10.0.0.11, as kind/kubeadm labs number them. */
export function internalIP(index: number): string {
  const n = 10 + index;
  return `10.0.${Math.floor(n / 256)}.${n % 256}`;
}

/** The node's pod CIDR, `10.244.<index>.0/24` (the node IPAM controller's /24 per node from 10.244.0.0/16). */
export function podCIDR(index: number): string {
  return `10.${244 + Math.floor(index / 256)}.${index % 256}.0/24`;
}

/** A stable hex id from a name (machine-id, system UUID and boot id are per machine, not random here). */
function hexId(name: string, salt: string, length: number): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  const s = `${salt}/${name}`;
  let out = "";
  while (out.length < length) {
    for (let i = 0; i < s.length; i++) {
      h1 = Math.imul(h1 ^ s.charCodeAt(i), 0x01000193) >>> 0;
      h2 = Math.imul(h2 ^ s.charCodeAt(i), 0x85ebca6b) >>> 0;
    }
    out += h1.toString(16).padStart(8, "0") + h2.toString(16).padStart(8, "0");
  }
  return out.slice(0, length);
}

const uuid = (hex: string): string =>
  `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;

/** The Node object a pool's node registers with. `index` numbers nodes across the cluster from 1. */
export function poolNode(pool: PoolSpec, name: string, index: number, now: Time): Node {
  const capacity = {
    cpu: Quantity.fromMilli(pool.cpu).toString(),
    memory: Quantity.fromValue(pool.memory, "BinarySI").toString(),
    pods: String(pool.maxPods),
  };
  const allocatable = {
    cpu: capacity.cpu,
    memory: Quantity.fromValue(Math.max(0, pool.memory - EVICTION_HARD_MEMORY), "BinarySI").toString(),
    pods: capacity.pods,
  };
  const cidr = podCIDR(index);
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: {
      name,
      labels: {
        ...kubeletLabels(name),
        [POOL_LABEL]: pool.name,
        ...pool.labels,
      },
      annotations: {
        "node.alpha.kubernetes.io/ttl": "0",
        "volumes.kubernetes.io/controller-managed-attach-detach": "true",
      },
    },
    spec: {
      podCIDR: cidr,
      podCIDRs: [cidr],
      providerID: `replicast://${pool.name}/${name}`,
      ...(pool.taints?.length ? { taints: pool.taints.map((t) => ({ ...t })) } : {}),
    },
    status: {
      capacity,
      allocatable,
      conditions: HEALTHY_CONDITIONS.map((c) => ({ ...c, lastHeartbeatTime: now, lastTransitionTime: now })),
      addresses: [
        { type: "InternalIP", address: internalIP(index) },
        { type: "Hostname", address: name },
      ],
      nodeInfo: nodeInfoFor(name),
    },
  };
}

/** status.nodeInfo of a simulated node: Ubuntu 22.04 with containerd, the kubelet of 1.28. */
export function nodeInfoFor(name: string): NonNullable<Node["status"]["nodeInfo"]> {
  const machine = hexId(name, "machine", 32);
  return {
    machineID: machine,
    systemUUID: uuid(hexId(name, "system", 32)),
    bootID: uuid(hexId(name, "boot", 32)),
    kernelVersion: "5.15.0-105-generic",
    osImage: "Ubuntu 22.04.4 LTS",
    containerRuntimeVersion: "containerd://1.7.13",
    kubeletVersion: KUBELET_VERSION,
    kubeProxyVersion: KUBELET_VERSION,
    operatingSystem: "linux",
    architecture: "amd64",
  };
}
