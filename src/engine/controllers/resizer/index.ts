/**
 * Volume expansion's control-plane half: kube-controller-manager's expand controller
 * (pkg/controller/volume/expand/expand_controller.go) and the CSI external-resizer
 * (kubernetes-csi/external-resizer pkg/controller/controller.go), which grow a bound claim's
 * volume once the API server has let its `spec.resources.requests.storage` grow
 * (src/k8s/kinds/storageClass/resize.ts). The kubelet does the node's half
 * (src/engine/kubelet/volumeExpansion.ts).
 *
 * The expand controller is woken by a claim whose request grew (its UpdateFunc). For a Bound
 * claim asking more than its status.capacity, it looks for an in-tree plugin that can expand the
 * volume (FindExpandablePluginBySpec); kube-controller-manager has none for the volumes
 * provisioners make here (CSI, local-path's hostPath), so it records the Warning
 * `ExternalExpanding` "waiting for an external controller to expand this PVC" (source
 * `volume_expand`) and leaves the claim to the resizer.
 *
 * The external-resizer of a CSI driver (syncPVC: pvcNeedResize, pvNeedResize, resizePVC) takes a
 * Bound claim asking more than its status.capacity whose volume is a CSI volume of its driver
 * (CanSupport) bound to that claim, unless the volume is already as large and only the
 * filesystem is left (FileSystemResizePending). markPVCResizeInProgress adds the condition
 * `Resizing`, it records `Resizing` "External resizer is resizing volume pvc-…", and
 * ControllerExpandVolume runs for `storage.resize-time`. Then the volume's spec.capacity is the
 * new size (UpdatePVCapacity, the bytes as a BinarySI quantity) and either, for a Filesystem
 * volume, the node must grow the filesystem: `FileSystemResizePending` ("Waiting for user to
 * (re-)start a pod to finish file system resize of volume on node.") replaces `Resizing`, event
 * `FileSystemResizeRequired` "Require file system resize of volume on node"
 * (markPVCAsFSResizeRequired); or, for a Block volume, the claim's status.capacity is the new
 * size, the conditions go, event `VolumeResizeSuccessful` "Resize volume succeeded"
 * (markPVCResizeFinished). Events come from `external-resizer <driver>`. With
 * RecoverVolumeExpansionFailure (1.32+: expand_and_recover.go, resize_status.go) the same steps
 * also write status.allocatedResources (the size being made) and allocatedResourceStatuses
 * (ControllerResizeInProgress, then NodeResizePending, gone when done), and a claim grown again
 * while the node's part is pending waits for the kubelet before it is resized again; before,
 * it is resized again as soon as the first size is in.
 *
 * Every CSI driver a volume names is taken to run its external-resizer and to answer that a
 * Filesystem volume needs NodeExpandVolume (block-storage drivers do) and a Block one does not;
 * it grows the volume to exactly the request (a cloud driver may round up to its allocation
 * unit). A volume that is not CSI (local-path's hostPath, nfs) has no resizer: the claim keeps
 * its size, with only the ExternalExpanding event, as on a real cluster.
 */
import { deepClone } from "../../../k8s/clone.ts";
import { involvedObjectOf, parseQualifiedName } from "../../../k8s/namespaces.ts";
import type { Quantity } from "../../../k8s/quantity.ts";
import type { EventDraft, KubeObject, Time } from "../../../k8s/types.ts";
import {
  emptyResult,
  type Controller,
  type ControllerContext,
  type ReconcileResult,
} from "../../controller.ts";
import { obj, str, type Obj } from "../../../k8s/kinds/stored/fields.ts";
import { phaseOf, specOf, statusOf, volumeModeOf, volumeNameOf } from "../persistentvolume/volumes.ts";
import {
  bytesQuantity,
  FILE_SYSTEM_RESIZE_PENDING,
  FS_RESIZE_PENDING_MESSAGE,
  hasCondition,
  mergeResizeConditions,
  recoversExpansionFailure,
  resizeCondition,
  RESIZING,
  storageOrZero,
  withResourceStatus,
} from "./conditions.ts";

/** The expand controller's event source (NewExpandController's EventSource). */
export const EXPAND_SOURCE = "volume_expand";

/** The external-resizer's event source (NewResizeController). */
export const resizerSource = (driver: string): string => `external-resizer ${driver}`;

const requestOf = (claim: KubeObject): Quantity => storageOrZero(obj(specOf(claim).resources).requests);
const capacityOf = (claim: KubeObject): Quantity => storageOrZero(statusOf(claim).capacity);

const claimEvent = (
  claim: KubeObject,
  type: "Normal" | "Warning",
  reason: string,
  message: string,
  source: string,
): EventDraft => ({
  type,
  reason,
  message,
  involvedObject: involvedObjectOf(claim),
  source,
});

/** The claim's bound volume, when its claimRef names this claim (by uid), else undefined. */
function boundVolume(ctx: ControllerContext, claim: KubeObject): KubeObject | undefined {
  const pv = ctx.store.get("PersistentVolume", "", volumeNameOf(claim));
  if (pv === undefined) return undefined;
  const ref = obj(specOf(pv).claimRef);
  const namespace = claim.metadata.namespace ?? "default";
  return (str(ref.namespace) || "default") === namespace && str(ref.uid) === claim.metadata.uid
    ? pv
    : undefined;
}

/** A copy of the claim with these status fields changed (conditions left out when none), as the status write sends it. */
export function withStatus(claim: KubeObject, changes: Obj, status0: Obj = statusOf(claim)): KubeObject {
  const status: Obj = { ...status0, ...changes };
  if (Array.isArray(status.conditions) && status.conditions.length === 0) delete status.conditions;
  return { ...claim, status } as unknown as KubeObject;
}

/** kube-controller-manager's expand controller. */
export function volumeExpandController(): Controller {
  /** Claim key → the request at its last sync: the UpdateFunc enqueues only a growth. */
  const seen = new Map<string, Quantity>();
  return {
    name: "volume-expand",
    kind: "PersistentVolumeClaim",
    reconcile(ctx, key) {
      const result = emptyResult();
      const { namespace, name } = parseQualifiedName(key);
      const claim = ctx.store.get("PersistentVolumeClaim", namespace, name);
      if (claim === undefined) {
        seen.delete(key);
        return result;
      }
      const request = requestOf(claim);
      const before = seen.get(key);
      seen.set(key, request);
      if (before === undefined || request.cmp(before) <= 0 || phaseOf(claim) !== "Bound") return result;
      // syncHandler: a volume not bound to the claim is an error, retried (logged only).
      if (boundVolume(ctx, claim) === undefined || request.cmp(capacityOf(claim)) <= 0) return result;
      result.events.push(
        claimEvent(
          claim,
          "Warning",
          "ExternalExpanding",
          "waiting for an external controller to expand this PVC",
          EXPAND_SOURCE,
        ),
      );
      return result;
    },
    forget: (key) => void seen.delete(key),
  };
}

/** An expansion under way: ControllerExpandVolume returns at `at` with `size`. */
interface Expansion {
  uid: string;
  at: Time;
  size: Quantity;
}

/** The external-resizer of every CSI driver, one work queue over the claims. */
export function externalResizer(): Controller {
  const expanding = new Map<string, Expansion>();

  const finish = (
    ctx: ControllerContext,
    claim: KubeObject,
    pv: KubeObject,
    size: Quantity,
    result: ReconcileResult,
  ) => {
    const driver = str(obj(specOf(pv).csi).driver);
    const newSize = bytesQuantity(size);
    // UpdatePVCapacity
    const grown = deepClone(pv) as unknown as Obj & KubeObject;
    const spec = obj(grown.spec);
    spec.capacity = { ...obj(spec.capacity), storage: newSize };
    result.writes.push({ op: "update", object: grown });
    const status = statusOf(claim);
    if (volumeModeOf(pv) === "Filesystem") {
      const conditions = mergeResizeConditions(status.conditions, [
        resizeCondition(FILE_SYSTEM_RESIZE_PENDING, ctx.now, FS_RESIZE_PENDING_MESSAGE),
      ]);
      // markForPendingNodeExpansion
      const base = recoversExpansionFailure(ctx.settings)
        ? withResourceStatus(status, "NodeResizePending")
        : status;
      result.writes.push({ op: "updateStatus", object: withStatus(claim, { conditions }, base) });
      result.events.push(
        claimEvent(
          claim,
          "Normal",
          "FileSystemResizeRequired",
          "Require file system resize of volume on node",
          resizerSource(driver),
        ),
      );
      return;
    }
    // markPVCResizeFinished (markOverallExpansionAsFinished: the storage status goes too)
    const conditions = mergeResizeConditions(status.conditions, []);
    result.writes.push({
      op: "updateStatus",
      object: withStatus(
        claim,
        { capacity: { ...obj(status.capacity), storage: newSize }, conditions },
        withResourceStatus(status, undefined),
      ),
    });
    result.events.push(
      claimEvent(claim, "Normal", "VolumeResizeSuccessful", "Resize volume succeeded", resizerSource(driver)),
    );
  };

  const syncPVC = (ctx: ControllerContext, key: string): ReconcileResult => {
    const result = emptyResult();
    const { namespace, name } = parseQualifiedName(key);
    const claim = ctx.store.get("PersistentVolumeClaim", namespace, name);
    let under = expanding.get(key);
    if (under !== undefined && under.uid !== claim?.metadata.uid) {
      expanding.delete(key);
      under = undefined;
    }
    // pvcNeedResize
    if (claim === undefined || phaseOf(claim) !== "Bound" || volumeNameOf(claim) === "") return result;
    const request = requestOf(claim);
    if (under === undefined && request.cmp(capacityOf(claim)) <= 0) return result;
    const pv = boundVolume(ctx, claim);
    // CanSupport: only a CSI volume has an external resizer.
    if (pv === undefined || str(obj(specOf(pv).csi).driver) === "") {
      expanding.delete(key);
      return result;
    }
    if (under !== undefined) {
      if (under.at > ctx.now) {
        result.requeueAfter = under.at - ctx.now;
        return result;
      }
      expanding.delete(key);
      finish(ctx, claim, pv, under.size, result);
      return result;
    }
    // expandAndRecover (1.32+): while the node's part of the last resize is pending, a larger
    // request waits for it (the kubelet's status write wakes the claim again).
    const storageStatus = str(obj(statusOf(claim).allocatedResourceStatuses).storage);
    if (recoversExpansionFailure(ctx.settings) && storageStatus === "NodeResizePending") return result;
    // pvNeedResize: a volume already this large with only the filesystem left waits for the kubelet.
    if (
      storageOrZero(specOf(pv).capacity).cmp(request) >= 0 &&
      hasCondition(claim, FILE_SYSTEM_RESIZE_PENDING)
    )
      return result;
    // markPVCResizeInProgress (1.32+ markControllerResizeInProgress: the size being made, and where it stands)
    const status = statusOf(claim);
    const conditions = mergeResizeConditions(status.conditions, [resizeCondition(RESIZING, ctx.now)]);
    const resizing = recoversExpansionFailure(ctx.settings)
      ? withStatus(
          claim,
          {
            conditions,
            allocatedResources: { ...obj(status.allocatedResources), storage: request.toString() },
          },
          withResourceStatus(status, "ControllerResizeInProgress"),
        )
      : withStatus(claim, { conditions });
    result.writes.push({ op: "updateStatus", object: resizing });
    result.events.push(
      claimEvent(
        claim,
        "Normal",
        "Resizing",
        `External resizer is resizing volume ${pv.metadata.name}`,
        resizerSource(str(obj(specOf(pv).csi).driver)),
      ),
    );
    const at = ctx.now + Math.max(0, ctx.settings["storage.resize-time"]);
    if (at > ctx.now) {
      expanding.set(key, { uid: claim.metadata.uid ?? "", at, size: request });
      result.requeueAfter = at - ctx.now;
      return result;
    }
    finish(ctx, resizing, pv, request, result);
    return result;
  };

  return {
    name: "external-resizer",
    kind: "PersistentVolumeClaim",
    reconcile: syncPVC,
    forget: (key) => void expanding.delete(key),
  };
}

/** The expand controller, then the external-resizer (both take a claim's growth at once). */
export const volumeResizeControllers = (): Controller[] => [volumeExpandController(), externalResizer()];
