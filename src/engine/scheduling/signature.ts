/**
 * What the node-local filters (filters.ts) read of a pod: its requests, tolerations, node
 * selector and node affinity. Pods alike in these get the same answer from those filters on
 * the same node, so they form one equivalence group — as cluster-autoscaler groups pending
 * pods by controller and spec (core/equivalence/groups.go) and the scheduler once cached
 * predicate results by equivalence class.
 */
import type { Pod } from "../../k8s/types.ts";
import { podResources } from "./nodeInfo.ts";

/** Kept per spec object: a stored pod's spec is never changed in place (a status write keeps it). */
const signatures = new WeakMap<Pod["spec"], string>();

export function localSignature(pod: Pod): string {
  let s = signatures.get(pod.spec);
  if (s === undefined) {
    const spec = pod.spec;
    s = JSON.stringify([
      podResources(pod).requests,
      spec.tolerations ?? null,
      spec.nodeSelector ?? null,
      spec.affinity?.nodeAffinity ?? null,
    ]);
    signatures.set(pod.spec, s);
  }
  return s;
}
