/**
 * The kubelet's half of volume expansion (v1.28): growing the filesystem of a claim the
 * external resizer left `FileSystemResizePending` (src/engine/controllers/resizer), on the node
 * of a pod that mounts it. Registered beside the controllers, since it reads only the store;
 * the kubelet's own pod steps (kubelet.ts) are untouched.
 *
 * - A pod that mounts the claim after the resize (offline expansion): MountVolume grows the
 *   filesystem as it mounts (operation_generator.go GenerateMountVolumeFunc,
 *   expandVolumeDuringMount), when the kubelet starts the pod (status.startTime).
 * - A pod already running with it (online expansion, ExpandInUsePersistentVolumes): the volume
 *   manager's populator notices the volume's larger spec.capacity only when the pod is processed
 *   again (desired_state_of_world_populator.go processPodVolumes, checkVolumeFSResize), which
 *   the pod worker's sync asks for (WaitForAttachAndMount → ReprocessPod); a quiet pod is synced
 *   every --sync-frequency (1 m), modelled from its start without the pod worker's jitter
 *   (workerResyncIntervalJitterFactor: 60-90 s upstream).
 * - Pods being deleted are left out (findAndAddNewPods skips a pod whose containers should be
 *   terminating); a claim no pod mounts stays FileSystemResizePending.
 *
 * NodeExpandVolume succeeding (node_expander.go expandOnPlugin): the event
 * `FileSystemResizeSuccessful` "MountVolume.NodeExpandVolume succeeded for volume "pvc-…" NODE"
 * (VolumeToMount.GenerateMsg: the volume spec's name, the PV's) on the pod and then on the
 * claim, both from the kubelet; then MarkFSResizeFinished (resize_util.go): the claim's
 * status.capacity is the volume's spec.capacity and its resize conditions go (from 1.32,
 * MarkNodeExpansionFinishedWithRecovery: its allocatedResourceStatuses' storage entry too).
 */
import { involvedObjectOf, namespaceOf, parseQualifiedName, qualifiedName } from "../../k8s/namespaces.ts";
import type { EventDraft, KubeObject, Pod, Time } from "../../k8s/types.ts";
import { list, obj, str, type Obj } from "../../k8s/kinds/stored/fields.ts";
import { quantityText } from "../../k8s/printing/quantityText.ts";
import { emptyResult, NO_WAKE_UP, type Controller, type WakeUp } from "../controller.ts";
import {
  ephemeralClaimConflict,
  podClaims,
  specOf,
  statusOf,
  volumeNameOf,
} from "../controllers/persistentvolume/volumes.ts";
import {
  FILE_SYSTEM_RESIZE_PENDING,
  mergeResizeConditions,
  withResourceStatus,
} from "../controllers/resizer/conditions.ts";
import { withStatus } from "../controllers/resizer/index.ts";
import type { StoreView } from "../controller.ts";

/** The kubelet's --sync-frequency: a running pod's worker syncs it this often. */
export const KUBELET_SYNC_FREQUENCY = 60;

/** When the claim's FileSystemResizePending began, or undefined without it. */
function pendingSince(claim: KubeObject): Time | undefined {
  for (const c of list(statusOf(claim).conditions)) {
    const condition = obj(c);
    if (str(condition.type) === FILE_SYSTEM_RESIZE_PENDING) {
      const t = condition.lastTransitionTime;
      return typeof t === "number" ? t : 0;
    }
  }
  return undefined;
}

/** Whether the kubelet has the pod's volumes mounted: started on its node, not finished, not being deleted. */
function mounts(pod: Pod, claim: KubeObject): boolean {
  const phase = pod.status?.phase;
  if (
    !pod.spec.nodeName ||
    pod.status?.startTime === undefined ||
    pod.metadata.deletionTimestamp !== undefined
  )
    return false;
  if (phase === "Succeeded" || phase === "Failed") return false;
  return podClaims(pod).some(
    (c) =>
      c.name === claim.metadata.name && (!c.ephemeral || ephemeralClaimConflict(pod, claim) === undefined),
  );
}

/** When the pod's node grows the filesystem: at its mount if it started after the resize, else its next sync. */
function expansionTime(pod: Pod, since: Time): Time {
  const start = pod.status?.startTime ?? since;
  if (start >= since) return start;
  return start + Math.ceil((since - start) / KUBELET_SYNC_FREQUENCY) * KUBELET_SYNC_FREQUENCY;
}

const kubeletEvent = (o: KubeObject, message: string): EventDraft => ({
  type: "Normal",
  reason: "FileSystemResizeSuccessful",
  message,
  involvedObject: involvedObjectOf(o),
  source: "kubelet",
});

/** A pod started (or synced) on its node wakes its claims waiting for the filesystem resize. */
function podToPendingClaims(ev: { object: KubeObject }, store: StoreView): readonly WakeUp[] {
  const pod = ev.object as Pod;
  if (!pod.spec.nodeName || pod.status?.startTime === undefined) return NO_WAKE_UP;
  const claims = podClaims(pod);
  if (claims.length === 0) return NO_WAKE_UP;
  const ns = namespaceOf(pod);
  const wakes: WakeUp[] = [];
  for (const c of claims) {
    const claim = store.get("PersistentVolumeClaim", ns, c.name);
    if (claim !== undefined && pendingSince(claim) !== undefined)
      wakes.push({ key: qualifiedName(ns, c.name) });
  }
  return wakes;
}

export function kubeletVolumeExpansion(): Controller {
  return {
    name: "kubelet-volume-expansion",
    kind: "PersistentVolumeClaim",
    watches: [
      {
        kind: "Pod",
        route: podToPendingClaims,
        filter: { types: ["ADDED", "MODIFIED"], whileAny: "PersistentVolumeClaim" },
        // It reads claims, never pods.
        cohort: "each",
      },
    ],
    reconcile(ctx, key) {
      const result = emptyResult();
      const { namespace, name } = parseQualifiedName(key);
      const claim = ctx.store.get("PersistentVolumeClaim", namespace, name);
      const since = claim === undefined ? undefined : pendingSince(claim);
      if (claim === undefined || since === undefined) return result;
      const pv = ctx.store.get("PersistentVolume", "", volumeNameOf(claim));
      if (pv === undefined) return result;
      let first: { pod: Pod; at: Time } | undefined;
      for (const p of ctx.store.list("Pod", namespace)) {
        const pod = p as Pod;
        if (!mounts(pod, claim)) continue;
        const at = Math.max(ctx.now, expansionTime(pod, since));
        if (first === undefined || at < first.at) first = { pod, at };
      }
      if (first === undefined) return result;
      if (first.at > ctx.now) {
        result.requeueAfter = first.at - ctx.now;
        return result;
      }
      const message = `MountVolume.NodeExpandVolume succeeded for volume ${JSON.stringify(pv.metadata.name)} ${first.pod.spec.nodeName}`;
      result.events.push(kubeletEvent(first.pod, message), kubeletEvent(claim, message));
      // MarkFSResizeFinished: the claim's capacity is the volume's.
      const storage = obj(specOf(pv).capacity).storage;
      const capacity: Obj = { ...obj(statusOf(claim).capacity) };
      if (typeof storage === "string" || typeof storage === "number")
        capacity.storage = quantityText(storage);
      result.writes.push({
        op: "updateStatus",
        object: withStatus(
          claim,
          { capacity, conditions: mergeResizeConditions(statusOf(claim).conditions, []) },
          // MarkNodeExpansionFinishedWithRecovery (1.32+): the storage entry of allocatedResourceStatuses goes.
          withResourceStatus(statusOf(claim), undefined),
        ),
      });
      return result;
    },
  };
}
