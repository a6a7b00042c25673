/**
 * The scheduler's cache (pkg/scheduler/internal/cache/cache.go and snapshot.go): what each
 * node holds, kept up to date from the watch instead of rebuilt from every pod at every
 * scheduling cycle. Upstream keeps one NodeInfo per node with a generation bumped by every
 * change, and UpdateSnapshot copies only the NodeInfos whose generation moved; here a node's
 * NodeInfo is rebuilt only when a pod bound to it (or the Node itself) changed since the last
 * cycle, and the others are handed out again as they were.
 *
 * The snapshot is the one `nodeInfos(listAll("Node"), listAll("Pod"))` would build: nodes in
 * the store's order, each node's pods in creation order (the store's), pods bound to a node
 * that does not exist left out. Its NodeInfos are shared between cycles: callers never change
 * them (a cycle that needs to add a pod works on a copy, as preemption and the nominated pods
 * do).
 *
 * Pods that have finished (Succeeded or Failed) are not in it: kube-scheduler's pod informer
 * lists and watches with `status.phase!=Succeeded,status.phase!=Failed` (scheduler.go,
 * newPodInformer), so a pod reaching a terminal phase arrives as a deletion and gives its
 * node its room back — a finished Job's pods, a pod the kubelet evicted.
 *
 * It also keeps the pending pods nominated to a node (status.nominatedNodeName), which every
 * cycle reads, so a cycle does not walk every pod to find them.
 *
 * An assumed pod (cache.go AssumePod: the scheduling cycle's Reserve, before its binding cycle
 * has bound it) counts on its node as if bound, so a later cycle cannot take its room while it
 * waits in PreBind; its own updates while still unbound leave it there. It is confirmed by the
 * watch event that binds it, and dropped by ForgetPod or its deletion.
 */
import { qualifiedNameOf } from "../../k8s/namespaces.ts";
import type { Node, Pod } from "../../k8s/types.ts";
import type { WatchEvent } from "../store.ts";
import { isTerminal, nodeInfo, type NodeInfo } from "./nodeInfo.ts";

export class SchedulerCache {
  /** Creation order of the pods there are (the store lists them in it). */
  private seq = 0;
  private readonly created = new Map<string, number>();
  /** Bound pods by node name, then by qualified name. */
  private readonly podsOn = new Map<string, Map<string, Pod>>();
  /** Where each bound pod is. */
  private readonly nodeOf = new Map<string, string>();
  /** Each node's NodeInfo as last built; absent once something on the node changed. */
  private readonly infos = new Map<string, NodeInfo>();
  /** Pending pods with a nominated node, by qualified name. */
  private readonly nominatedPods = new Map<string, Pod>();
  /** Assumed pods (not bound yet), by qualified name. */
  private readonly assumed = new Set<string>();

  /** AssumePod: the pod counts on `node` from now until it is bound, forgotten or deleted. */
  assume(pod: Pod, node: string): void {
    const key = qualifiedNameOf(pod);
    this.place(key, { ...pod, spec: { ...pod.spec, nodeName: node } });
    this.assumed.add(key);
  }

  /** ForgetPod: an assumed pod leaves its node (its binding cycle failed). */
  forget(key: string): void {
    if (!this.assumed.delete(key)) return;
    this.place(key, undefined);
  }

  /** Store watch handler for Pods (Nodes are read from the list the store keeps). */
  onPod(ev: WatchEvent): void {
    const pod = ev.object as Pod;
    const key = qualifiedNameOf(pod);
    if (ev.type === "ADDED") this.created.set(key, ++this.seq);
    const gone = ev.type === "DELETED" || isTerminal(pod);
    const after = gone ? undefined : pod.spec.nodeName;
    if (this.assumed.has(key)) {
      if (!gone && after === undefined) return;
      this.assumed.delete(key);
    }
    this.place(key, after === undefined ? undefined : pod);
    if (!gone && after === undefined && pod.status?.nominatedNodeName) this.nominatedPods.set(key, pod);
    else this.nominatedPods.delete(key);
    if (ev.type === "DELETED") this.created.delete(key);
  }

  /** The pod on its node (spec.nodeName), or on none. */
  private place(key: string, pod: Pod | undefined): void {
    const before = this.nodeOf.get(key);
    if (before !== undefined) {
      this.podsOn.get(before)?.delete(key);
      this.infos.delete(before);
      this.nodeOf.delete(key);
    }
    const after = pod?.spec.nodeName;
    if (pod && after !== undefined) {
      let pods = this.podsOn.get(after);
      if (!pods) this.podsOn.set(after, (pods = new Map()));
      pods.set(key, pod);
      this.nodeOf.set(key, after);
      this.infos.delete(after);
    }
  }

  /** UpdateSnapshot: a NodeInfo per node, rebuilt only where something changed. */
  snapshot(nodes: readonly Node[]): NodeInfo[] {
    return nodes.map((node) => {
      const name = node.metadata.name;
      const cached = this.infos.get(name);
      if (cached && cached.node === node) return cached;
      const info = nodeInfo(node, this.podsOf(name));
      this.infos.set(name, info);
      return info;
    });
  }

  /** Pending pods nominated to a node, in creation order. */
  nominated(): Pod[] {
    if (this.nominatedPods.size === 0) return [];
    return this.inCreationOrder([...this.nominatedPods]);
  }

  private podsOf(node: string): Pod[] {
    const pods = this.podsOn.get(node);
    if (!pods || pods.size === 0) return [];
    return this.inCreationOrder([...pods]);
  }

  private inCreationOrder(entries: [string, Pod][]): Pod[] {
    const order = (key: string) => this.created.get(key) ?? 0;
    return entries.sort((a, b) => order(a[0]) - order(b[0])).map(([, pod]) => pod);
  }
}
