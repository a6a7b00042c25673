/**
 * The scheduler, reduced to what the controllers can observe: which node a pod lands on
 * (the scale-down ranking prefers deleting pods doubled up on a node, deploy-semantics §5.1).
 *
 * Nodes are named "node-1" … "node-N" (`cluster.nodes`). A pod goes to the node with the
 * fewest pods bound to it (terminating pods still count until the kubelet removes them, as
 * their resources are still held); ties go to the lowest-numbered node, so an empty cluster
 * fills round-robin. Example with 3 nodes: pods a, b, c, d land on node-1, node-2, node-3,
 * node-1; delete b and the next pod lands on node-2.
 */
export const nodeName = (i: number): string => `node-${i + 1}`;

export class Scheduler {
  private readonly load: number[];
  private readonly podNode = new Map<string, number>();
  /** The nodes' names, made once: every pod's binding, image lookups and events carry one. */
  private readonly names: readonly string[];

  constructor(nodes: number) {
    if (!Number.isInteger(nodes) || nodes < 1)
      throw new RangeError(`cluster.nodes must be a positive integer, got ${nodes}`);
    this.load = new Array<number>(nodes).fill(0);
    this.names = this.load.map((_, i) => nodeName(i));
  }

  get nodes(): readonly string[] {
    return [...this.names];
  }

  /** Whether `node` is one of the nodes (without the copy `nodes` makes). */
  has(node: string): boolean {
    return this.names.includes(node);
  }

  /** Choose the node for `pod` and hold its place there. */
  assign(pod: string): string {
    let best = 0;
    for (let i = 1; i < this.load.length; i++) if (this.load[i] < this.load[best]) best = i;
    this.load[best] += 1;
    this.podNode.set(pod, best);
    return this.names[best];
  }

  /**
   * Choose the node for `pod` among those `fits` allows (the VolumeBinding filter: a bound
   * claim's volume pins the pod to its node), fewest pods first; undefined when none does.
   */
  assignWhere(pod: string, fits: (node: string) => boolean): string | undefined {
    let best = -1;
    for (let i = 0; i < this.load.length; i++)
      if (fits(this.names[i]) && (best < 0 || this.load[i] < this.load[best])) best = i;
    if (best < 0) return undefined;
    this.load[best] += 1;
    this.podNode.set(pod, best);
    return this.names[best];
  }

  /** A pod that names its node (spec.nodeName) takes a place there; false when no such node exists. */
  hold(pod: string, node: string): boolean {
    const i = this.names.indexOf(node);
    if (i < 0) return false;
    if (!this.podNode.has(pod)) {
      this.load[i] += 1;
      this.podNode.set(pod, i);
    }
    return true;
  }

  /** The pod is gone: free its place. */
  release(pod: string): void {
    const i = this.podNode.get(pod);
    if (i === undefined) return;
    this.podNode.delete(pod);
    this.load[i] -= 1;
  }

  /** Pods bound to each node, in node order. */
  podsPerNode(): readonly number[] {
    return [...this.load];
  }
}

/** The node's InternalIP as `hostIP` shows it: node-1 → 10.0.0.11 (made once per node: every bind asks). */
export function hostIPOf(node: string): string {
  let ip = hostIPs.get(node);
  if (ip === undefined) {
    if (hostIPs.size >= 1000) hostIPs.clear();
    hostIPs.set(node, (ip = `10.0.0.${10 + Number(node.slice("node-".length))}`));
  }
  return ip;
}

const hostIPs = new Map<string, string>();
