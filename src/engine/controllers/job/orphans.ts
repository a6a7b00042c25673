/**
 * The Job controller's orphan pods (job_controller.go deleteJob → cleanupPodFinalizers,
 * deletePod → enqueueOrphanPod, syncOrphanPod): a pod that still carries the tracking
 * finalizer when no live, unfinished Job will count it — its Job deleted or finished, or its
 * controller reference taken away (`kubectl delete job --cascade=orphan`) — has the finalizer
 * removed, so that the API server can let it go. The finalizer is kept on a pod another kind of
 * controller (or another API version) owns: syncOrphanPod's "not a batch/v1 Job".
 *
 * Upstream has a second work queue of pod keys for this; here the Job's own key does it: a
 * Job's deletion wakes it at once (deleteJob's immediate sync), and a change of one of its pods
 * wakes it a second later (its route, watches.ts). A pod without a controller reference is
 * cleaned by the sync of the Job it had (the route wakes the old controller).
 */
import { JOB_TRACKING_FINALIZER, isJobFinished, type Job } from "../../../k8s/kinds/job/types.ts";
import { controllerOf } from "../../../k8s/owners.ts";
import type { KubeObject, Pod } from "../../../k8s/types.ts";
import type { StoreView, Write } from "../../controller.ts";

export const tracked = (p: Pod): boolean => p.metadata.finalizers?.includes(JOB_TRACKING_FINALIZER) ?? false;

/**
 * syncOrphanPod's test: the pod has no controller, or a batch/v1 Job controller that is not
 * `live` (absent here, a different uid, or finished).
 */
function isOrphan(pod: Pod, name: string, live: Job | undefined): boolean {
  const ref = controllerOf(pod as unknown as KubeObject);
  if (ref === undefined) return true;
  if (ref.kind !== "Job" || ref.apiVersion !== "batch/v1" || ref.name !== name) return false;
  return (
    live === undefined || (ref.uid !== undefined && ref.uid !== live.metadata.uid) || isJobFinished(live)
  );
}

/**
 * The finalizer removals for the orphans of Job `name` in `namespace` (`live`: the Job stored
 * now, if any): one pod update each (removeTrackingFinalizerPatch).
 */
export function orphanFinalizerRemovals(
  store: StoreView,
  namespace: string,
  name: string,
  live: Job | undefined,
): Write[] {
  const writes: Write[] = [];
  for (const pod of store.list("Pod", namespace) as readonly Pod[])
    if (tracked(pod) && isOrphan(pod, name, live))
      writes.push({ op: "update", object: withoutFinalizer(pod) });
  return writes;
}

/** removeTrackingFinalizerPatch: the pod without the tracking finalizer. */
export function withoutFinalizer(p: Pod): KubeObject {
  const copy = structuredClone(p);
  const rest = (copy.metadata.finalizers ?? []).filter((f) => f !== JOB_TRACKING_FINALIZER);
  if (rest.length > 0) copy.metadata.finalizers = rest;
  else delete copy.metadata.finalizers;
  return copy as unknown as KubeObject;
}
