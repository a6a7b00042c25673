/**
 * A claim's resize conditions and sizes, as the external resizer and the kubelet write them
 * (kubernetes-csi/external-resizer pkg/util/util.go MergeResizeConditionsOfPVC; the kubelet's
 * twin is pkg/volume/util/resize_util.go MergeResizeConditionOnPVC): `Resizing` while the
 * controller side expands the volume, `FileSystemResizePending` once only the node's part is
 * left. A merge keeps every condition of another type, keeps a resize condition the new list
 * repeats with the same status (its lastTransitionTime with it), and drops the resize
 * conditions the new list leaves out, so marking the filesystem resize pending removes
 * `Resizing`, and finishing removes both.
 */
import type { KubeObject, Time } from "../../../k8s/types.ts";
import type { Settings } from "../../settings.ts";
import { parseQuantity, Quantity } from "../../../k8s/quantity.ts";
import { list, obj, str, type Obj } from "../../../k8s/kinds/stored/fields.ts";
import { statusOf, storageOf } from "../persistentvolume/volumes.ts";

export const RESIZING = "Resizing";
export const FILE_SYSTEM_RESIZE_PENDING = "FileSystemResizePending";
const RESIZE_CONDITIONS: ReadonlySet<string> = new Set([RESIZING, FILE_SYSTEM_RESIZE_PENDING]);

/**
 * Feature gate RecoverVolumeExpansionFailure, on from 1.32 (beta; GA in 1.34): the resizer and
 * the kubelet then also keep `status.allocatedResources` (the size being made) and
 * `status.allocatedResourceStatuses` (where the resize stands: ControllerResizeInProgress,
 * NodeResizePending, gone when done; external-resizer resize_status.go). The run's
 * `kubectl.version` stands for the cluster's.
 */
export const recoversExpansionFailure = (settings: Settings): boolean => settings["kubectl.version"] >= 32;

/** mergeStorageResourceStatus, or (undefined) the storage entry deleted, the map dropped once empty. */
export function withResourceStatus(status: Obj, storage: string | undefined): Obj {
  const statuses: Obj = { ...obj(status.allocatedResourceStatuses) };
  if (storage === undefined) delete statuses.storage;
  else statuses.storage = storage;
  const out: Obj = { ...status, allocatedResourceStatuses: statuses };
  if (Object.keys(statuses).length === 0) delete out.allocatedResourceStatuses;
  return out;
}

/** markPVCAsFSResizeRequired's condition message. */
export const FS_RESIZE_PENDING_MESSAGE =
  "Waiting for user to (re-)start a pod to finish file system resize of volume on node.";

/** A condition as the resizer writes it: lastProbeTime is Go's zero time, which marshals as null. */
export const resizeCondition = (type: string, now: Time, message?: string): Obj => ({
  type,
  status: "True",
  lastProbeTime: null,
  lastTransitionTime: now,
  ...(message !== undefined ? { message } : {}),
});

/** MergeResizeConditionsOfPVC */
export function mergeResizeConditions(old: unknown, next: readonly Obj[]): Obj[] {
  const byType = new Map(next.map((c) => [str(c.type), c]));
  const out: Obj[] = [];
  for (const raw of list(old)) {
    const c = obj(raw);
    const type = str(c.type);
    if (!RESIZE_CONDITIONS.has(type)) {
      out.push(c);
      continue;
    }
    const replacement = byType.get(type);
    if (replacement === undefined) continue;
    out.push(str(replacement.status) === str(c.status) ? c : replacement);
    byType.delete(type);
  }
  out.push(...byType.values());
  return out;
}

/** Whether the claim carries a resize condition of this type. */
export const hasCondition = (claim: KubeObject, type: string): boolean =>
  list(statusOf(claim).conditions).some((c) => str(obj(c).type) === type);

const ZERO = parseQuantity("0") as Quantity;

/** A ResourceList's storage, zero when absent or malformed (as indexing a Go map is). */
export const storageOrZero = (resources: unknown): Quantity => storageOf(resources) ?? ZERO;

/**
 * A size in bytes as the CSI resizer hands it back (csi_resizer.go Resize:
 * resource.NewQuantity(newSizeBytes, resource.BinarySI)), canonical: 20Gi stays `20Gi`, 20G is
 * `19531250Ki`.
 */
export function bytesQuantity(q: Quantity): string {
  return Quantity.of(q.scaledValueBig(0), 0, "BinarySI").toString();
}
