/**
 * The Job controller's pod event handlers (job_controller.go addPod/updatePod/deletePod). Its
 * own Jobs wake it directly (addJob, updateJob: enqueueSyncJobImmediately). A pod added,
 * changed or deleted wakes the Job its controller reference names — on a change of owner the
 * old one too — one second later (enqueueSyncJobBatched: syncJobBatchPeriod), so that the
 * changes of a second are synced together.
 *
 * Orphans wake nobody: a Job's generated selector matches its own controller-uid only, so no
 * orphan is ever adopted unless the Job sets manualSelector, which is not modelled. A cluster
 * without Jobs pays a look at each changed pod's controller reference.
 */
import { namespaceOf, qualifiedName } from "../../../k8s/namespaces.ts";
import { controllerOf } from "../../../k8s/owners.ts";
import type { KubeObject } from "../../../k8s/types.ts";
import { NO_WAKE_UP, type Watch, type WakeUp } from "../../controller.ts";
import type { WatchEvent } from "../../store.ts";

/** syncJobBatchPeriod: pod events are synced a second later. */
export const SYNC_JOB_BATCH_PERIOD = 1;

const jobName = (obj: KubeObject | undefined): string | undefined => {
  const ref = obj ? controllerOf(obj) : undefined;
  return ref !== undefined && ref.kind === "Job" ? ref.name : undefined;
};

function routePod(ev: WatchEvent): readonly WakeUp[] {
  const name = jobName(ev.object);
  const oldName = ev.type === "MODIFIED" ? jobName(ev.old) : undefined;
  if (name === undefined && oldName === undefined) return NO_WAKE_UP;
  const ns = namespaceOf(ev.object);
  const out: WakeUp[] = [];
  if (oldName !== undefined && oldName !== name)
    out.push({ key: qualifiedName(ns, oldName), after: SYNC_JOB_BATCH_PERIOD });
  if (name !== undefined) out.push({ key: qualifiedName(ns, name), after: SYNC_JOB_BATCH_PERIOD });
  return out;
}

export const jobWatches: readonly Watch[] = [
  { kind: "Pod", route: routePod, filter: { controlledBy: "Job" }, cohort: "each" },
];
