/**
 * Counts over many objects of the trace as step functions of time: Ready nodes (of a pool),
 * and Pending pods — pods that exist, are not terminating and are bound to no node, which is
 * what `kubectl get pods` shows as STATUS Pending (a bound pod whose containers are starting
 * shows ContainerCreating). Expectations (`expect nodes`, `expect pending`) and the dashboard's
 * nodes/pending panel read them. Each object's summary points become +1/−1 steps, added up
 * in time order; several points at one instant collapse into the state after all of them.
 *
 * Example: pods a (Pending 0–30, then bound) and b (Pending 10–40) → 1 at 0, 2 at 10, 1 at 30, 0 at 40.
 */
import type { NodeSummary, PodSummary } from "../k8s/kinds/index.ts";
import type { ObjectSummary } from "../k8s/kinds/descriptor.ts";
import type { Point, Trace } from "./trace.ts";

/** A count over the objects of one kind: 1 for each whose summary satisfies `counts` at that instant. */
export function countSeries<S extends ObjectSummary>(
  byName: Record<string, readonly Point<S>[]> | undefined,
  counts: (s: S, name: string) => boolean,
): Point<number>[] {
  const steps: { t: number; delta: number; order: number }[] = [];
  let order = 0;
  for (const [name, points] of Object.entries(byName ?? {})) {
    let was = false;
    for (const p of points) {
      const is = p.value.exists && counts(p.value, name);
      if (is !== was) steps.push({ t: p.t, delta: is ? 1 : -1, order: order++ });
      was = is;
    }
  }
  steps.sort((a, b) => a.t - b.t || a.order - b.order);
  const out: Point<number>[] = [{ t: 0, value: 0 }];
  let n = 0;
  for (const s of steps) {
    n += s.delta;
    if (out[out.length - 1].t === s.t) out[out.length - 1] = { t: s.t, value: n };
    else out.push({ t: s.t, value: n });
  }
  return out.filter((p, i) => i === 0 || p.value !== out[i - 1].value);
}

/** Ready nodes, of one pool when `pool` is given. */
export function readyNodesSeries(trace: Trace, pool?: string): Point<number>[] {
  return countSeries(
    trace.series.Node as Record<string, Point<NodeSummary>[]> | undefined,
    (s) => s.ready && (pool === undefined || s.pool === pool),
  );
}

/** Whether a pod is Pending as `expect pending` counts it: not bound to a node, not terminating. */
export const isPendingPod = (s: PodSummary): boolean => s.node === undefined && !s.terminating;

/**
 * Pending pods, of one Deployment when `deployment` is given (through each pod's ReplicaSet
 * and that ReplicaSet's owner).
 */
export function pendingPodsSeries(trace: Trace, deployment?: string): Point<number>[] {
  let owned: ((s: PodSummary) => boolean) | undefined;
  if (deployment !== undefined) {
    const sets = new Set<string>();
    for (const [name, points] of Object.entries(trace.series.ReplicaSet ?? {}))
      if (points.some((p) => p.value.deployment === deployment)) sets.add(name);
    owned = (s) => s.replicaSet !== undefined && sets.has(s.replicaSet);
  }
  return countSeries(trace.series.Pod, (s) => isPendingPod(s) && (owned === undefined || owned(s)));
}
