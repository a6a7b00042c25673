/**
 * Which nodes a DaemonSet runs on: pkg/controller/daemon/daemon_controller.go (Kubernetes 1.28)
 * NodeShouldRunDaemonPod and predicates, over the pod the set would make for the node
 * (NewPod: the template with the daemon tolerations, bound to the node).
 *
 * The nodes are the cluster's Node objects; a cluster without declared nodes has its implicit
 * nodes (`cluster.nodes`, node-1 … node-N, docs/nodes.md), which carry the labels every
 * kubelet sets (kubernetes.io/hostname, kubernetes.io/os=linux, kubernetes.io/arch=amd64 and
 * their beta twins) and no taints, so the common `nodeSelector: {kubernetes.io/os: linux}`
 * selects them.
 */
import { findUntoleratedTaint, matchesRequiredNodeAffinity } from "../../../k8s/scheduling.ts";
import type { DaemonSet } from "../../../k8s/kinds/daemonSet/types.ts";
import type { Node, Pod, Taint } from "../../../k8s/types.ts";
import { kubeletLabels } from "../../nodes/template.ts";
import type { ControllerContext } from "../../controller.ts";
import { withDaemonTolerations } from "./pods.ts";

/** The Node objects the implicit nodes stand for, made once per list of names. */
const implicit = new WeakMap<readonly string[], readonly Node[]>();

function implicitNode(name: string): Node {
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: {
      name,
      labels: kubeletLabels(name),
    },
    spec: {},
    status: {},
  } as unknown as Node;
}

/** The cluster's nodes as the controller's node lister lists them. */
export function clusterNodes(ctx: ControllerContext): readonly Node[] {
  const names = ctx.implicitNodes;
  if (names === undefined) return ctx.store.listAll("Node");
  let nodes = implicit.get(names);
  if (nodes === undefined) {
    nodes = names.map(implicitNode);
    implicit.set(names, nodes);
  }
  return nodes;
}

export interface NodeVerdict {
  /** A daemon pod should be created here. */
  shouldRun: boolean;
  /** A daemon pod already here may stay. */
  shouldContinueRunning: boolean;
}

const NEITHER: NodeVerdict = { shouldRun: false, shouldContinueRunning: false };
const BOTH: NodeVerdict = { shouldRun: true, shouldContinueRunning: true };

/**
 * NodeShouldRunDaemonPod: a template that names another node runs nowhere else; the node must
 * match the nodeSelector and required node affinity; a NoSchedule or NoExecute taint the pod
 * (with the daemon tolerations) does not tolerate stops new pods, and only an untolerated
 * NoExecute taint removes the running one.
 * Examples: a node tainted dedicated=gpu:NoSchedule → no new pod, a running one stays; a
 * cordoned node (node.kubernetes.io/unschedulable:NoSchedule) → both, as every daemon pod
 * tolerates it; a node not-ready NoExecute → both, tolerated too.
 */
export function nodeShouldRunDaemonPod(ds: DaemonSet, node: Node): NodeVerdict {
  const templateNode = ds.spec.template.spec.nodeName;
  if (templateNode !== undefined && templateNode !== "" && templateNode !== node.metadata.name)
    return NEITHER;
  const spec = withDaemonTolerations(ds.spec.template.spec);
  const pod = { metadata: {}, spec: { ...spec, nodeName: node.metadata.name } } as unknown as Pod;
  if (!matchesRequiredNodeAffinity(pod, node)) return NEITHER;
  const taints = node.spec?.taints;
  if (!taints || taints.length === 0) return BOTH;
  const filter = (t: Taint) => t.effect === "NoSchedule" || t.effect === "NoExecute";
  if (findUntoleratedTaint(taints, spec.tolerations, filter) === undefined) return BOTH;
  const noExecute = findUntoleratedTaint(taints, spec.tolerations, (t) => t.effect === "NoExecute");
  return { shouldRun: false, shouldContinueRunning: noExecute === undefined };
}
