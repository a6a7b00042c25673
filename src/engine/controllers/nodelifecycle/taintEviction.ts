/**
 * The taint eviction controller (pkg/controller/tainteviction, the NoExecuteTaintManager of
 * 1.28): pods bound to a node with NoExecute taints are deleted — at once when some taint is
 * not tolerated, else when the shortest tolerationSeconds of the tolerations in use has run
 * from the taint's arrival (processPodOnNode, getMinTolerationTime); a toleration without
 * tolerationSeconds tolerates for good. Each deletion records Normal TaintManagerEviction
 * "Marking for deletion Pod default/web-…" (emitPodDeletionEvent), and the pod first gets the
 * condition DisruptionTarget True, reason DeletionByTaintManager, "Taint manager: deleting due
 * to NoExecute taint" (addConditionAndDeletePod; PodDisruptionConditions, on since 1.26).
 *
 * The DefaultTolerationSeconds admission plug-in gives every pod that lacks them tolerations
 * of node.kubernetes.io/not-ready and …/unreachable NoExecute for 300 s
 * (k8s/kinds/pod/defaultTolerationSeconds.ts). Example: a Deployment's pod on a node that
 * went unreachable at 1m40s is deleted at 6m40s.
 */
import {
  DEFAULT_TOLERATION_SECONDS,
  withDefaultTolerations,
} from "../../../k8s/kinds/pod/defaultTolerationSeconds.ts";
import { toleratesTaint } from "../../../k8s/scheduling.ts";
import { involvedObjectOf, namespaceOf } from "../../../k8s/namespaces.ts";
import type { Pod, PodCondition, Taint, Time, Toleration } from "../../../k8s/types.ts";
import {
  emptyResult,
  type Controller,
  type ReconcileContext,
  type ReconcileResult,
} from "../../controller.ts";

export { DEFAULT_TOLERATION_SECONDS };

/**
 * The pod's tolerations as admitted: an admitted pod has the DefaultTolerationSeconds ones
 * already (its list is returned as it is); a pod that never went through admission is read as
 * if it had.
 */
export const effectiveTolerations = (pod: Pod): readonly Toleration[] =>
  withDefaultTolerations(pod.spec.tolerations);

/**
 * When the pod goes, given the node's NoExecute taints: `now` when one is not tolerated,
 * the earliest taint arrival + shortest tolerationSeconds in use, or undefined (tolerated
 * for good, or no NoExecute taint).
 */
export function evictionTime(pod: Pod, taints: readonly Taint[], now: Time): Time | undefined {
  const noExecute = taints.filter((t) => t.effect === "NoExecute");
  if (noExecute.length === 0) return undefined;
  const tolerations = effectiveTolerations(pod);
  let at: Time | undefined;
  for (const taint of noExecute) {
    const used = tolerations.filter((t) => toleratesTaint(t, taint));
    if (used.length === 0) return now;
    const seconds = used.map((t) => t.tolerationSeconds).filter((s): s is number => s !== undefined);
    if (seconds.length === 0) continue;
    const due = (taint.timeAdded ?? now) + Math.max(0, Math.min(...seconds));
    at = at === undefined ? due : Math.min(at, due);
  }
  return at;
}

export function reconcileTaintEviction(ctx: ReconcileContext, name: string): ReconcileResult {
  const result = emptyResult();
  const node = ctx.store.get("Node", "", name);
  const taints = node?.spec?.taints ?? [];
  if (!node || !taints.some((t) => t.effect === "NoExecute")) return result;
  let next: Time | undefined;
  const pods = ctx.store
    .listAll("Pod")
    .filter((p) => p.spec.nodeName === name && p.metadata.deletionTimestamp === undefined)
    .map((pod) => ({ pod, key: `${namespaceOf(pod)}/${pod.metadata.name}` }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const { pod, key } of pods) {
    const at = evictionTime(pod, taints, ctx.now);
    if (at === undefined) continue;
    if (at > ctx.now) {
      next = next === undefined ? at : Math.min(next, at);
      continue;
    }
    result.events.push({
      type: "Normal",
      reason: "TaintManagerEviction",
      message: `Marking for deletion Pod ${key}`,
      involvedObject: involvedObjectOf(pod),
      source: "taint-controller",
    });
    const conditions = withDisruptionTarget(pod, ctx.now);
    if (conditions !== undefined)
      result.writes.push({ op: "updateStatus", object: { ...pod, status: { ...pod.status, conditions } } });
    result.writes.push({ op: "delete", kind: "Pod", namespace: namespaceOf(pod), name: pod.metadata.name });
  }
  if (next !== undefined) result.requeueAfter = next - ctx.now;
  return result;
}

/**
 * The pod's conditions with the taint manager's DisruptionTarget (apipod.UpdatePodCondition),
 * or undefined when it has that condition already as it would be.
 */
function withDisruptionTarget(pod: Pod, now: Time): PodCondition[] | undefined {
  const condition: PodCondition = {
    type: "DisruptionTarget",
    status: "True",
    lastTransitionTime: now,
    reason: "DeletionByTaintManager",
    message: "Taint manager: deleting due to NoExecute taint",
  };
  const conditions = pod.status.conditions ?? [];
  const i = conditions.findIndex((c) => c.type === condition.type);
  if (i < 0) return [...conditions, condition];
  const was = conditions[i];
  if (was.status === condition.status && was.reason === condition.reason && was.message === condition.message)
    return undefined;
  const next =
    was.status === condition.status
      ? { ...condition, lastTransitionTime: was.lastTransitionTime }
      : condition;
  return conditions.map((c, j) => (j === i ? next : c));
}

/** The taint eviction controller as the engine runs it: keyed by Node, woken by its changes. */
export const taintEvictionController: Controller = {
  name: "taint-eviction",
  kind: "Node",
  reconcile: (ctx, name) => reconcileTaintEviction(ctx, name),
};
