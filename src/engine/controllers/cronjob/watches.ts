/**
 * The CronJob controller's Job event handlers (cronjob_controllerv2.go addJob, updateJob,
 * deleteJob): a Job added, changed or deleted wakes the CronJob its controller reference names —
 * resolveControllerRef: of kind CronJob, found by name, with the same uid — and on a change of
 * owner the old one too. Its own CronJobs wake it directly. A cluster without CronJobs pays a
 * look at each changed Job's controller reference; pods are not watched.
 */
import { namespaceOf, qualifiedName } from "../../../k8s/namespaces.ts";
import { controllerOf } from "../../../k8s/owners.ts";
import type { KubeObject } from "../../../k8s/types.ts";
import { NO_WAKE_UP, type StoreView, type Watch, type WakeUp } from "../../controller.ts";
import type { WatchEvent } from "../../store.ts";

function owningCronJob(job: KubeObject | undefined, store: StoreView): string | undefined {
  const ref = job ? controllerOf(job) : undefined;
  if (ref === undefined || ref.kind !== "CronJob") return undefined;
  const ns = namespaceOf(job!);
  const cj = store.get("CronJob", ns, ref.name);
  if (cj === undefined || cj.metadata.uid !== ref.uid) return undefined;
  return qualifiedName(ns, ref.name);
}

function routeJob(ev: WatchEvent, store: StoreView): readonly WakeUp[] {
  const key = owningCronJob(ev.object, store);
  const oldKey = ev.type === "MODIFIED" ? owningCronJob(ev.old, store) : undefined;
  if (key === undefined && oldKey === undefined) return NO_WAKE_UP;
  const out: WakeUp[] = [];
  if (oldKey !== undefined && oldKey !== key) out.push({ key: oldKey });
  if (key !== undefined) out.push({ key });
  return out;
}

export const cronJobWatches: readonly Watch[] = [{ kind: "Job", route: routeJob }];
