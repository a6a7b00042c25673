/**
 * A node's metrics as metrics-server serves them (NodeMetrics, pkg/api/node.go), read by both
 * `kubectl top node` and `kubectl get --raw /apis/metrics.k8s.io/v1beta1/nodes`, so the two
 * print the same usage as they do against a real cluster. The simulated machines run nothing
 * but their pods, so a node's usage is the sum of the latest samples of the Running pods bound
 * to it, each container's memory rounded up to bytes as a pod's is (Quantity.Value()); the
 * newest of those samples gives the node's timestamp and window.
 */
import { isApiError, type ApiError, type Cluster } from "../engine/cluster.ts";
import type { PodResourceSample } from "../engine/metrics/types.ts";
import { namespaceOf } from "../k8s/namespaces.ts";

export interface NodeUsage {
  /** Millicores. */
  cpu: number;
  /** Bytes. */
  memory: number;
  /** The newest pod sample summed; undefined when no pod on the node has one yet. */
  latest: PodResourceSample | undefined;
}

export function nodeUsage(cluster: Cluster, node: string): NodeUsage | ApiError {
  const byNamespace = new Map<string, string[]>();
  for (const p of cluster.api.listAll("Pod")) {
    if (p.spec.nodeName !== node || p.status.phase !== "Running") continue;
    const ns = namespaceOf(p);
    let names = byNamespace.get(ns);
    if (names === undefined) byNamespace.set(ns, (names = []));
    names.push(p.metadata.name);
  }
  const usage: NodeUsage = { cpu: 0, memory: 0, latest: undefined };
  for (const [ns, names] of byNamespace) {
    const answer = cluster.podMetrics(ns, names);
    if (isApiError(answer)) return answer;
    for (const s of answer) {
      for (const c of Object.values(s.containers)) {
        usage.cpu += c.cpu;
        usage.memory += Math.ceil(c.memory / 1000);
      }
      if (usage.latest === undefined || s.timestamp > usage.latest.timestamp) usage.latest = s;
    }
  }
  return usage;
}
