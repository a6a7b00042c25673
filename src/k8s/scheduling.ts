/**
 * The scheduling helpers the scheduler, the cluster autoscaler and the kubelet share
 * (k8s.io/component-helpers/scheduling/corev1: helpers.go, nodeaffinity/nodeaffinity.go;
 * k8s.io/api/core/v1 toleration.go, taint.go).
 */
import type { Node, NodeSelectorRequirement, NodeSelectorTerm, Pod, Taint, Toleration } from "./types.ts";

/**
 * Toleration.ToleratesTaint (core/v1 toleration.go): a toleration with an effect tolerates
 * only that effect, with a key only that key; operator Exists tolerates any value, Equal
 * (also written as no operator) only an equal value.
 * Examples: {key: "dedicated", operator: "Exists"} tolerates dedicated=gpu:NoSchedule;
 * {key: "dedicated", value: "db", effect: "NoSchedule"} does not tolerate dedicated=gpu:NoSchedule;
 * {operator: "Exists"} (no key, no effect) tolerates every taint.
 */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  switch (t.operator ?? "") {
    case "":
    case "Equal":
      return (t.value ?? "") === (taint.value ?? "");
    case "Exists":
      return true;
    default:
      return false;
  }
}

/** TolerationsTolerateTaint: some toleration tolerates the taint. */
export const tolerationsTolerate = (tolerations: readonly Toleration[] | undefined, taint: Taint): boolean =>
  (tolerations ?? []).some((t) => toleratesTaint(t, taint));

/**
 * FindMatchingUntoleratedTaint (helpers.go): the first of the node's taints, in the node's
 * order, that passes `include` and that no toleration tolerates.
 */
export function findUntoleratedTaint(
  taints: readonly Taint[] | undefined,
  tolerations: readonly Toleration[] | undefined,
  include: (t: Taint) => boolean,
): Taint | undefined {
  return (taints ?? []).find((t) => include(t) && !tolerationsTolerate(tolerations, t));
}

/** The NoSchedule and NoExecute taints are what the TaintToleration filter refuses a node for. */
export const isFilterTaint = (t: Taint): boolean => t.effect === "NoSchedule" || t.effect === "NoExecute";

/**
 * One requirement against a node's labels (nodeaffinity.go, via labels.Requirement): In,
 * NotIn, Exists, DoesNotExist, and Gt/Lt comparing the label's value as an integer with the
 * single value given. NotIn and DoesNotExist hold for a node without the label.
 * Example: {key: "cpu-count", operator: "Gt", values: ["4"]} holds for cpu-count=8.
 */
function requirementHolds(r: NodeSelectorRequirement, labels: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  const values = r.values ?? [];
  switch (r.operator) {
    case "In":
      return has && values.includes(labels[r.key]);
    case "NotIn":
      return !has || !values.includes(labels[r.key]);
    case "Exists":
      return has;
    case "DoesNotExist":
      return !has;
    case "Gt":
    case "Lt": {
      // strconv.ParseInt(value, 10, 64) on both sides: anything but a whole number fails.
      const int = /^[+-]?[0-9]+$/;
      if (!has || values.length !== 1 || !int.test(labels[r.key]) || !int.test(values[0])) return false;
      const a = Number(labels[r.key]);
      const b = Number(values[0]);
      return r.operator === "Gt" ? a > b : a < b;
    }
    default:
      return false;
  }
}

/**
 * A node selector term: every matchExpressions requirement on the labels and every
 * matchFields requirement on the fields (only metadata.name exists) holds. A term with
 * neither matches no node (nodeaffinity.go: "an empty term matches nothing").
 */
export function termMatches(term: NodeSelectorTerm, node: Node): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  const labels = node.metadata.labels ?? {};
  if (!exprs.every((r) => requirementHolds(r, labels))) return false;
  return fields.every(
    (r) => r.key === "metadata.name" && requirementHolds(r, { "metadata.name": node.metadata.name }),
  );
}

/**
 * GetRequiredNodeAffinity(pod).Match(node): the pod's nodeSelector (every label equal) and its
 * required node affinity (some term matches) both hold.
 * Example: nodeSelector {disktype: ssd} fails a node without the label whatever the affinity.
 */
export function matchesRequiredNodeAffinity(pod: Pod, node: Node): boolean {
  const labels = node.metadata.labels ?? {};
  for (const [k, v] of Object.entries(pod.spec.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const required = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (!required) return true;
  return (required.nodeSelectorTerms ?? []).some((t) => termMatches(t, node));
}

/** The weights of the pod's preferred node affinity terms that match (the NodeAffinity score plugin, before normalising). */
export function preferredAffinityWeight(pod: Pod, node: Node): number {
  const preferred = pod.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
  let sum = 0;
  for (const p of preferred) if (p.weight && termMatches(p.preference, node)) sum += p.weight;
  return sum;
}
