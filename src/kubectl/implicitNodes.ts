/**
 * The nodes of a cluster without declared nodes, as `kubectl get nodes` and `describe node`
 * show them. Such a cluster spreads its pods over `cluster.nodes` implicit nodes (node-1 …
 * node-N, docs/nodes.md) with unlimited room and stores no Node objects, so the run's output
 * stays what it was; but a user of a kind or minikube cluster always sees its node listed, and
 * pods that say `node-1` point at one. kubectl is shown each as its kubelet would register it
 * (src/engine/nodes/template.ts: the kubelet's labels, Ready since the cluster's start, the
 * 1.28 kubelet's node info), without capacity or allocatable: it has no room to count.
 */
import type { Cluster } from "../engine/cluster.ts";
import { internalIP, kubeletLabels, nodeInfoFor, podCIDR } from "../engine/nodes/template.ts";
import { HEALTHY_CONDITIONS } from "../k8s/kinds/node/conditions.ts";
import type { KubeObject, Node } from "../k8s/types.ts";

/** Made once per list of names: the objects are read, never written. */
const made = new WeakMap<readonly string[], readonly Node[]>();

function implicitNode(name: string, index: number): Node {
  const cidr = podCIDR(index);
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: {
      name,
      creationTimestamp: 0,
      labels: kubeletLabels(name),
      annotations: {
        "node.alpha.kubernetes.io/ttl": "0",
        "volumes.kubernetes.io/controller-managed-attach-detach": "true",
      },
    },
    spec: { podCIDR: cidr, podCIDRs: [cidr] },
    status: {
      conditions: HEALTHY_CONDITIONS.map((c) => ({ ...c, lastHeartbeatTime: 0, lastTransitionTime: 0 })),
      addresses: [
        { type: "InternalIP", address: internalIP(index) },
        { type: "Hostname", address: name },
      ],
      nodeInfo: nodeInfoFor(name),
    },
  } as unknown as Node;
}

/** The implicit nodes, when the cluster has them and no Node object was stored. */
function implicitNodes(cluster: Cluster): readonly Node[] | undefined {
  const names = cluster.implicitNodes;
  if (names === undefined || names.length === 0 || cluster.api.listAll("Node").length > 0) return undefined;
  let nodes = made.get(names);
  if (nodes === undefined) {
    nodes = names.map((n, i) => implicitNode(n, i + 1));
    made.set(names, nodes);
  }
  return nodes;
}

/** api.get, the implicit nodes included. */
export function getObject(
  cluster: Cluster,
  kind: string,
  namespace: string,
  name: string,
): KubeObject | undefined {
  const found = cluster.api.get(kind, namespace, name);
  if (found !== undefined || kind !== "Node") return found;
  return implicitNodes(cluster)?.find((n) => n.metadata.name === name);
}

/** api.list (api.listAll for every namespace), the implicit nodes included. */
export function listObjects(
  cluster: Cluster,
  kind: string,
  namespace: string | undefined,
): readonly KubeObject[] {
  const listed = namespace === undefined ? cluster.api.listAll(kind) : cluster.api.list(kind, namespace);
  if (kind !== "Node" || listed.length > 0) return listed;
  return implicitNodes(cluster) ?? listed;
}
