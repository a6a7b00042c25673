/**
 * The disruption controller (pkg/controller/disruption/disruption.go trySync, v1.28): for each
 * PodDisruptionBudget, the pods it selects, how many should be healthy, how many are, and so
 * how many the eviction API may take now.
 *
 * - getExpectedPodCount: with maxUnavailable (int or %), or a percentage minAvailable, the
 *   expected count is the scale of the pods' controllers (a ReplicaSet owned by a Deployment
 *   counts the Deployment's spec.replicas, getExpectedScale), and desiredHealthy is
 *   expected − maxUnavailable (the percentage rounded up), never below 0, or the minAvailable
 *   percentage of it rounded up; with an int minAvailable, desiredHealthy is that int and the
 *   expected count the number of pods selected.
 * - countHealthyPods: pods not being deleted, Ready, and not in status.disruptedPods (pods the
 *   eviction API let go that have not started terminating; an entry expires after 2 minutes,
 *   DeletionTimeout).
 * - updatePdbStatus: disruptionsAllowed = currentHealthy − desiredHealthy, 0 when negative or
 *   when no pod is expected; the DisruptionAllowed condition (SufficientPods / InsufficientPods).
 *
 * Example: maxUnavailable 1 over a Deployment of 3 with 3 Ready pods → expected 3, desired 2,
 * current 3, allowed 1; after one eviction (the pod in disruptedPods) → current 2, allowed 0.
 */
import { labelsMatch } from "../../../k8s/labels.ts";
import { namespaceOf, parseQualifiedName, qualifiedNameOf } from "../../../k8s/namespaces.ts";
import { getScaledValueFromIntOrPercent, isIntOrStringError } from "../../../k8s/intstr.ts";
import { controllerOf } from "../../../k8s/owners.ts";
import type {
  KubeObject,
  Pod,
  PodDisruptionBudget,
  PodDisruptionBudgetCondition,
  Time,
} from "../../../k8s/types.ts";
import type {
  CohortWakes,
  Controller,
  ReconcileContext,
  ReconcileResult,
  StoreView,
} from "../../controller.ts";
import type { WatchEvent } from "../../store.ts";
import { emptyResult } from "../../controller.ts";
import { isPodReady } from "../replicaset/pods.ts";

/** DeletionTimeout: how long a disrupted pod may take to start terminating. */
export const DELETION_TIMEOUT = 120;

/** getPodsForPdb: the pods of the budget's namespace its selector matches (an empty selector: all). */
export function podsForPdb(pdb: PodDisruptionBudget, store: StoreView): Pod[] {
  return (store.list("Pod", namespaceOf(pdb)) as readonly Pod[]).filter((p) =>
    labelsMatch(pdb.spec.selector ?? {}, p.metadata.labels),
  );
}

/**
 * getExpectedScale: the sum of the scales of the pods' distinct controllers — a ReplicaSet
 * owned by a Deployment counts as the Deployment (once, however many ReplicaSets a rollout has).
 * Pods without a controller count nothing.
 */
export function expectedScale(pods: readonly Pod[], store: StoreView): number {
  const scales = new Map<string, number>();
  for (const p of pods) {
    const ref = controllerOf(p);
    if (!ref) continue;
    const owner = store.get(ref.kind, namespaceOf(p), ref.name) as
      (KubeObject & { spec: { replicas?: number } }) | undefined;
    if (!owner || owner.metadata.uid !== ref.uid) continue;
    const parentRef = ref.kind === "ReplicaSet" ? controllerOf(owner) : undefined;
    const parent =
      parentRef?.kind === "Deployment"
        ? (store.get("Deployment", namespaceOf(p), parentRef.name) as
            (KubeObject & { spec: { replicas?: number } }) | undefined)
        : undefined;
    const scaled = parent && parent.metadata.uid === parentRef?.uid ? parent : owner;
    scales.set(scaled.metadata.uid ?? scaled.metadata.name, scaled.spec.replicas ?? 1);
  }
  let sum = 0;
  for (const v of scales.values()) sum += v;
  return sum;
}

export interface BudgetCounts {
  expectedPods: number;
  desiredHealthy: number;
  currentHealthy: number;
  disruptionsAllowed: number;
  disruptedPods: Record<string, Time>;
}

/** trySync's arithmetic for one budget at `now`. */
export function budgetCounts(pdb: PodDisruptionBudget, store: StoreView, now: Time): BudgetCounts {
  const pods = podsForPdb(pdb, store);
  let expectedPods = 0;
  let desiredHealthy = 0;
  const { minAvailable, maxUnavailable } = pdb.spec;
  if (maxUnavailable !== undefined) {
    expectedPods = expectedScale(pods, store);
    const max = getScaledValueFromIntOrPercent(maxUnavailable, expectedPods, true);
    desiredHealthy = Math.max(0, expectedPods - (isIntOrStringError(max) ? 0 : max));
  } else if (typeof minAvailable === "number") {
    desiredHealthy = minAvailable;
    expectedPods = pods.length;
  } else if (typeof minAvailable === "string") {
    expectedPods = expectedScale(pods, store);
    const min = getScaledValueFromIntOrPercent(minAvailable, expectedPods, true);
    desiredHealthy = isIntOrStringError(min) ? 0 : min;
  }
  // buildDisruptedPodMap: entries for live pods not yet terminating, not expired.
  const disruptedPods: Record<string, Time> = {};
  for (const [name, t] of Object.entries(pdb.status?.disruptedPods ?? {})) {
    const p = pods.find((x) => x.metadata.name === name);
    if (!p || p.metadata.deletionTimestamp !== undefined || t + DELETION_TIMEOUT <= now) continue;
    disruptedPods[name] = t;
  }
  const currentHealthy = pods.filter(
    (p) => p.metadata.deletionTimestamp === undefined && !(p.metadata.name in disruptedPods) && isPodReady(p),
  ).length;
  let disruptionsAllowed = currentHealthy - desiredHealthy;
  if (expectedPods <= 0 || disruptionsAllowed <= 0) disruptionsAllowed = 0;
  return { expectedPods, desiredHealthy, currentHealthy, disruptionsAllowed, disruptedPods };
}

export function reconcilePdb(ctx: ReconcileContext, name: string): ReconcileResult {
  const result = emptyResult();
  const { namespace, name: pdbName } = parseQualifiedName(name);
  const pdb = ctx.store.get("PodDisruptionBudget", namespace, pdbName) as PodDisruptionBudget | undefined;
  if (!pdb) return result;
  const c = budgetCounts(pdb, ctx.store, ctx.now);
  const old = pdb.status ?? ({} as PodDisruptionBudget["status"]);
  const allowed = c.disruptionsAllowed > 0;
  const prev = old.conditions?.find((x) => x.type === "DisruptionAllowed");
  const condition: PodDisruptionBudgetCondition = {
    type: "DisruptionAllowed",
    status: allowed ? "True" : "False",
    reason: allowed ? "SufficientPods" : "InsufficientPods",
    message: "",
    lastTransitionTime:
      prev && prev.status === (allowed ? "True" : "False") ? prev.lastTransitionTime : ctx.now,
    observedGeneration: pdb.metadata.generation,
  };
  const status: PodDisruptionBudget["status"] = {
    observedGeneration: pdb.metadata.generation,
    ...(Object.keys(c.disruptedPods).length ? { disruptedPods: c.disruptedPods } : {}),
    disruptionsAllowed: c.disruptionsAllowed,
    currentHealthy: c.currentHealthy,
    desiredHealthy: c.desiredHealthy,
    expectedPods: c.expectedPods,
    conditions: [condition],
  };
  if (JSON.stringify(status) === JSON.stringify(old)) return result;
  result.writes.push({ op: "updateStatus", object: { ...structuredClone(pdb), status } });
  // A disrupted pod that never terminates leaves the map at its timeout: sync again then.
  const expiries = Object.values(c.disruptedPods).map((t) => t + DELETION_TIMEOUT - ctx.now);
  if (expiries.length) result.requeueAfter = Math.max(1e-3, Math.min(...expiries));
  return result;
}

const allBudgets = (_ev: unknown, store: StoreView) =>
  store.listAll("PodDisruptionBudget").map((p) => ({ key: qualifiedNameOf(p) }));

/**
 * `allBudgets` over a cohort's pod changes (controller.ts `CohortRoute`): its answer does not
 * depend on the change, and no budget is written inside a pod cohort (a write of another kind
 * ends it), so every change wakes the budgets the first one does, which stay queued until the
 * cohort's end: they are pushed once, at the first change. Declared `"each"`, it was called for
 * every pod change of every cohort once the cluster held a budget, and its `whileAny` made the
 * engine weigh each change against the `"each"` routes.
 */
function budgetsOfCohort(changes: readonly WatchEvent[], store: StoreView, out: CohortWakes): void {
  if (changes.length === 0) return;
  const wakes = allBudgets(changes[0], store);
  for (let j = 0; j < wakes.length; j++) out.push(0, wakes[j]);
}

/** The disruption controller as the engine runs it: a work queue of budgets, woken by their pods and controllers. */
export const disruptionController: Controller = {
  name: "disruption",
  kind: "PodDisruptionBudget",
  watches: [
    {
      kind: "Pod",
      route: allBudgets,
      filter: { whileAny: "PodDisruptionBudget" },
      cohort: budgetsOfCohort,
    },
    { kind: "Deployment", route: allBudgets, filter: { whileAny: "PodDisruptionBudget" } },
    { kind: "ReplicaSet", route: allBudgets, filter: { whileAny: "PodDisruptionBudget" } },
  ],
  reconcile: (ctx, name) => reconcilePdb(ctx, name),
};
