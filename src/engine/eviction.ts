/**
 * The eviction subresource (pods/eviction, pkg/registry/core/pod/storage/eviction.go, v1.28):
 * a pod is deleted only if its PodDisruptionBudget allows it.
 *
 * - A pod that is terminal, Pending or already terminating is deleted without a budget
 *   (canIgnorePDB); so is one no budget selects.
 * - More than one budget: InternalError "This pod has more than one PodDisruptionBudget, which
 *   the eviction subresource does not support."
 * - A budget the disruption controller has not seen yet (observedGeneration behind):
 *   TooManyRequests.
 * - A pod that is not Ready is deleted when the budget is met without it (currentHealthy ≥
 *   desiredHealthy > 0, the IfHealthyBudget policy).
 * - Otherwise checkAndDecrement: with disruptionsAllowed 0, TooManyRequests "Cannot evict pod as
 *   it would violate the pod's disruption budget." (kubectl drain retries it every 5 s); else
 *   the budget's disruptionsAllowed goes down by one and the pod enters status.disruptedPods
 *   before the pod is deleted, so two evictions at one instant cannot both spend the last
 *   disruption.
 */
import { labelsMatch } from "../k8s/labels.ts";
import type { Pod, PodDisruptionBudget, Time } from "../k8s/types.ts";
import type { ApiError } from "./cluster.ts";
import { isPodReady } from "./controllers/replicaset/pods.ts";

/** What the eviction needs of the API server. */
export interface EvictionApi {
  get(kind: "Pod", namespace: string, name: string): Pod | undefined;
  list(kind: "PodDisruptionBudget", namespace: string): readonly PodDisruptionBudget[];
  updateStatus(obj: PodDisruptionBudget): unknown;
  delete(kind: "Pod", namespace: string, name: string): ApiError | undefined;
}

export const PDB_VIOLATION = "Cannot evict pod as it would violate the pod's disruption budget.";

/** TooManyRequests: the budget forbids it now; try again later. */
export interface EvictionRefused {
  reason: "TooManyRequests";
  message: string;
  /** The StatusCause ("The disruption budget web needs 2 healthy pods and has 2 currently"). */
  cause: string;
}

export function evictPod(
  api: EvictionApi,
  namespace: string,
  name: string,
  now: Time,
): ApiError | EvictionRefused | undefined {
  const pod = api.get("Pod", namespace, name);
  if (!pod) return { reason: "NotFound", message: `pods "${name}" not found` };
  const phase = pod.status?.phase;
  const ignoresBudget =
    phase === "Succeeded" ||
    phase === "Failed" ||
    phase === "Pending" ||
    pod.metadata.deletionTimestamp !== undefined;
  if (ignoresBudget) return api.delete("Pod", namespace, name);
  const budgets = api
    .list("PodDisruptionBudget", namespace)
    .filter((b) => labelsMatch(b.spec.selector ?? {}, pod.metadata.labels));
  if (budgets.length === 0) return api.delete("Pod", namespace, name);
  if (budgets.length > 1)
    return {
      reason: "InternalError",
      message:
        "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.",
    };
  const pdb = budgets[0];
  const st = pdb.status;
  if ((st?.observedGeneration ?? 0) < (pdb.metadata.generation ?? 0))
    return {
      reason: "TooManyRequests",
      message: PDB_VIOLATION,
      cause: `The disruption budget ${pdb.metadata.name} is still being processed by the server.`,
    };
  if (!isPodReady(pod) && st.currentHealthy >= st.desiredHealthy && st.desiredHealthy > 0)
    return api.delete("Pod", namespace, name);
  if (st.disruptionsAllowed <= 0)
    return {
      reason: "TooManyRequests",
      message: PDB_VIOLATION,
      cause: `The disruption budget ${pdb.metadata.name} needs ${st.desiredHealthy} healthy pods and has ${st.currentHealthy} currently`,
    };
  api.updateStatus({
    ...structuredClone(pdb),
    status: {
      ...structuredClone(st),
      disruptionsAllowed: st.disruptionsAllowed - 1,
      disruptedPods: { ...(st.disruptedPods ?? {}), [name]: now },
    },
  });
  return api.delete("Pod", namespace, name);
}
