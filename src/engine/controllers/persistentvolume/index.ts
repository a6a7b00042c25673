/**
 * kube-controller-manager's PersistentVolume controller (pkg/controller/volume/persistentvolume/
 * pv_controller.go, pv_controller_base.go), with the external provisioner it hands claims to
 * (provisioner.ts) and the pvc-protection and pv-protection controllers
 * (pkg/controller/volume/pvcprotection, pvprotection). Two work queues, as upstream: claims
 * (syncClaim) and volumes (syncVolume).
 *
 * A claim (syncUnboundClaim): bound to the best matching volume (matching.ts) when there is one;
 * else, WaitForFirstConsumer without the scheduler's `volume.kubernetes.io/selected-node`: the
 * event WaitForFirstConsumer, "waiting for first consumer to be created before binding"; else,
 * with a class: provisionClaim — the class missing is the Warning ProvisioningFailed
 * (`storageclass.storage.k8s.io "fast" not found`); its provisioner is asked
 * (provisionClaimOperationExternal: the annotations volume.kubernetes.io/storage-provisioner and
 * its beta twin, the event ExternalProvisioning), records Provisioning, and after the
 * `storage.provision-time` setting creates the volume (ProvisioningSucceeded), which the claim
 * then binds to; without a class: FailedBinding, "no persistent volumes available for this claim
 * and no storage class is set". binding (bind, bindVolumeToClaim, bindClaimToVolume): the
 * volume's claimRef (and pv.kubernetes.io/bound-by-controller when the controller set it), its
 * phase Bound; the claim's volumeName, pv.kubernetes.io/bind-completed and bound-by-controller,
 * its status Bound with the volume's capacity and access modes. A claim still Pending is synced
 * again at the controller's resync (every 15 s, --pvclaimbinder-sync-period), so its events
 * repeat as upstream's do.
 *
 * A volume (syncVolume): Available without a claimRef; Released once its claim is gone, then
 * reclaimed by its policy — Delete: the provisioner deletes a volume it made (a volume made by
 * hand has no deleter: Failed, VolumeFailedDelete), Retain: it stays Released.
 *
 * Protection: a claim being deleted keeps kubernetes.io/pvc-protection while a scheduled pod that
 * is not Succeeded or Failed mounts it (pvc_protection_controller.go isBeingUsed); a volume being
 * deleted keeps kubernetes.io/pv-protection while Bound (pv_protection_controller.go).
 */
import { deepClone } from "../../../k8s/clone.ts";
import { involvedObjectOf, namespaceOf, qualifiedName, parseQualifiedName } from "../../../k8s/namespaces.ts";
import type { EventDraft, KubeObject, Pod, Time } from "../../../k8s/types.ts";
import {
  emptyResult,
  NO_WAKE_UP,
  type Controller,
  type ControllerContext,
  type ReconcileResult,
  type StoreView,
  type WakeUp,
} from "../../controller.ts";
import { fnv } from "../../defaultServices.ts";
import { mulberry32 } from "../../rng.ts";
import type { WatchEvent } from "../../store.ts";
import { findBestMatchForClaim } from "./matching.ts";
import { provisionedVolume, provisionedVolumeName, provisionerEvent } from "./provisioner.ts";
import {
  claimReference,
  Ann,
  classOf,
  ephemeralClaimConflict,
  isDelayBinding,
  isVolumeBoundToClaim,
  NO_PROVISIONER,
  phaseOf,
  podClaimNames,
  podClaims,
  provisionerOf,
  PV_PROTECTION,
  PVC_PROTECTION,
  specOf,
  volumeNameOf,
} from "./volumes.ts";
import { obj, str } from "../../../k8s/kinds/stored/fields.ts";

/** --pvclaimbinder-sync-period: the controller lists every claim and volume this often. */
export const RESYNC_PERIOD = 15;
export const SOURCE = "persistentvolume-controller";

/** The next resync after `now` (the informers' resync from the controller's start at 0). */
const untilResync = (now: Time): number => (Math.floor(now / RESYNC_PERIOD) + 1) * RESYNC_PERIOD - now;

const claimEvent = (
  claim: KubeObject,
  type: "Normal" | "Warning",
  reason: string,
  message: string,
): EventDraft => ({
  type,
  reason,
  message,
  involvedObject: involvedObjectOf(claim),
  source: SOURCE,
});

/**
 * A pod that is not Succeeded or Failed, is scheduled, and mounts the claim (isBeingUsed,
 * podUsesPVC: the kubelet starts no pod whose claim is being deleted, so an unscheduled one keeps
 * nothing); through a generic ephemeral volume, only the claim made for it (VolumeIsForPod).
 */
function claimInUse(claim: KubeObject, store: StoreView): boolean {
  for (const pod of store.list("Pod", namespaceOf(claim))) {
    const phase = (pod as Pod).status?.phase;
    if (phase === "Succeeded" || phase === "Failed" || !(pod as Pod).spec.nodeName) continue;
    for (const c of podClaims(pod))
      if (
        c.name === claim.metadata.name &&
        (!c.ephemeral || ephemeralClaimConflict(pod, claim) === undefined)
      )
        return true;
  }
  return false;
}

function withoutFinalizer(o: KubeObject, finalizer: string): KubeObject {
  const copy = deepClone(o);
  copy.metadata.finalizers = (copy.metadata.finalizers ?? []).filter((f) => f !== finalizer);
  return copy;
}

/** bind(volume, claim): both objects' writes. */
function bind(result: ReconcileResult, pv: KubeObject, claim: KubeObject): void {
  const volume = deepClone(pv) as unknown as Record<string, unknown> & KubeObject;
  const vspec = (volume.spec ??= {}) as Record<string, unknown>;
  const preBound = isVolumeBoundToClaim(pv, claim);
  if (!preBound || !str(obj(vspec.claimRef).uid)) {
    vspec.claimRef = claimReference(claim);
    // bindVolumeToClaim: bound-by-controller only where the user did not name the claim.
    if (!preBound)
      volume.metadata.annotations = { ...volume.metadata.annotations, [Ann.boundByController]: "yes" };
    result.writes.push({ op: "update", object: volume });
  }
  if (phaseOf(pv) !== "Bound")
    result.writes.push({
      op: "updateStatus",
      object: { ...volume, status: { phase: "Bound" } } as KubeObject,
    });
  const bound = deepClone(claim) as unknown as Record<string, unknown> & KubeObject;
  const cspec = (bound.spec ??= {}) as Record<string, unknown>;
  const annotations = { ...bound.metadata.annotations };
  if (cspec.volumeName !== pv.metadata.name) {
    cspec.volumeName = pv.metadata.name;
    annotations[Ann.boundByController] = "yes";
  }
  annotations[Ann.bindCompleted] = "yes";
  bound.metadata.annotations = sortedKeys(annotations);
  result.writes.push({ op: "update", object: bound });
  const ps = specOf(pv);
  result.writes.push({
    op: "updateStatus",
    object: {
      ...bound,
      status: { accessModes: ps.accessModes, capacity: ps.capacity, phase: "Bound" },
    } as KubeObject,
  });
}

const sortedKeys = (m: Record<string, string>): Record<string, string> =>
  Object.fromEntries(
    Object.keys(m)
      .sort()
      .map((k) => [k, m[k]]),
  );

/** The claim worker and the volume worker, with the provisioner's in-flight operations. */
export function persistentVolumeControllers(): Controller[] {
  /** Claim uid → when its provisioner has the volume made. */
  const provisioning = new Map<string, Time>();

  const syncClaim = (ctx: ControllerContext, key: string): ReconcileResult => {
    const result = emptyResult();
    const { namespace, name } = parseQualifiedName(key);
    const claim = ctx.store.get("PersistentVolumeClaim", namespace, name);
    if (!claim) return result;
    if (claim.metadata.deletionTimestamp !== undefined) {
      if (claim.metadata.finalizers?.includes(PVC_PROTECTION) && !claimInUse(claim, ctx.store))
        result.writes.push({ op: "update", object: withoutFinalizer(claim, PVC_PROTECTION) });
      return result;
    }
    const volumeName = volumeNameOf(claim);
    if (volumeName !== "") {
      // syncBoundClaim: the volume it names, bound to it.
      const pv = ctx.store.get("PersistentVolume", "", volumeName);
      if (!pv) {
        if (claim.metadata.annotations?.[Ann.bindCompleted] !== undefined && phaseOf(claim) !== "Lost") {
          result.writes.push({
            op: "updateStatus",
            object: { ...claim, status: { phase: "Lost" } } as KubeObject,
          });
          result.events.push(
            claimEvent(
              claim,
              "Warning",
              "ClaimLost",
              "Bound claim has lost its PersistentVolume. Data on the volume is lost!",
            ),
          );
        }
        return result;
      }
      if (specOf(pv).claimRef === undefined || isVolumeBoundToClaim(pv, claim)) {
        if (
          phaseOf(claim) !== "Bound" ||
          phaseOf(pv) !== "Bound" ||
          !claim.metadata.annotations?.[Ann.bindCompleted]
        )
          bind(result, pv, claim);
        return result;
      }
      // The volume is bound to another claim: ClaimMisbound.
      result.events.push(
        claimEvent(
          claim,
          "Warning",
          "ClaimMisbound",
          "Two claims are bound to the same volume, this one is bound incorrectly",
        ),
      );
      return result;
    }
    const delay = isDelayBinding(claim, ctx.store);
    const match = findBestMatchForClaim(claim, ctx.store.listAll("PersistentVolume"), delay);
    if (match) {
      provisioning.delete(claim.metadata.uid ?? "");
      bind(result, match, claim);
      return result;
    }
    result.requeueAfter = untilResync(ctx.now);
    const selected = claim.metadata.annotations?.[Ann.selectedNode];
    const className = classOf(claim);
    if (delay && selected === undefined) {
      result.events.push(
        claimEvent(
          claim,
          "Normal",
          "WaitForFirstConsumer",
          "waiting for first consumer to be created before binding",
        ),
      );
      return result;
    }
    if (className === "") {
      result.events.push(
        claimEvent(
          claim,
          "Normal",
          "FailedBinding",
          "no persistent volumes available for this claim and no storage class is set",
        ),
      );
      return result;
    }
    const sc = ctx.store.get("StorageClass", "", className);
    if (!sc) {
      result.events.push(
        claimEvent(
          claim,
          "Warning",
          "ProvisioningFailed",
          `storageclass.storage.k8s.io "${className}" not found`,
        ),
      );
      return result;
    }
    return provision(ctx, claim, sc, selected, result);
  };

  /** provisionClaimOperationExternal, then the provisioner's own steps. */
  const provision = (
    ctx: ControllerContext,
    claim: KubeObject,
    sc: KubeObject,
    node: string | undefined,
    result: ReconcileResult,
  ): ReconcileResult => {
    const provisioner = provisionerOf(sc);
    const uid = claim.metadata.uid ?? "";
    const readyAt = provisioning.get(uid);
    if (readyAt === undefined) {
      const annotated = deepClone(claim);
      annotated.metadata.annotations = sortedKeys({
        ...annotated.metadata.annotations,
        [Ann.betaStorageProvisioner]: provisioner,
        [Ann.storageProvisioner]: provisioner,
      });
      result.writes.push({ op: "update", object: annotated });
      result.events.push(
        claimEvent(
          claim,
          "Normal",
          "ExternalProvisioning",
          `Waiting for a volume to be created either by the external provisioner '${provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`,
        ),
      );
      // No provisioner runs for kubernetes.io/no-provisioner: the claim waits for a volume made by hand.
      if (provisioner === NO_PROVISIONER || provisioner === "") return result;
      result.events.push(
        provisionerEvent(
          claim,
          provisioner,
          "Provisioning",
          `External provisioner is provisioning volume for claim "${namespaceOf(claim)}/${claim.metadata.name}"`,
        ),
      );
      const at = ctx.now + Math.max(0, ctx.settings["storage.provision-time"]);
      provisioning.set(uid, at);
      if (at > ctx.now) {
        result.requeueAfter = at - ctx.now;
        return result;
      }
    } else if (readyAt > ctx.now) {
      result.requeueAfter = readyAt - ctx.now;
      return result;
    }
    const name = provisionedVolumeName(claim);
    if (!ctx.store.get("PersistentVolume", "", name)) {
      result.writes.push({
        op: "create",
        object: provisionedVolume(claim, sc, node),
        // A uid of its own stream: provisioning renames no pod.
        uids: mulberry32(fnv(`PersistentVolume ${name}`)),
      });
      result.events.push(
        provisionerEvent(
          claim,
          provisioner,
          "ProvisioningSucceeded",
          `Successfully provisioned volume ${name}`,
        ),
      );
    }
    provisioning.delete(uid);
    delete result.requeueAfter;
    return result;
  };

  const syncVolume = (ctx: ControllerContext, name: string): ReconcileResult => {
    const result = emptyResult();
    const pv = ctx.store.get("PersistentVolume", "", name);
    if (!pv) return result;
    if (pv.metadata.deletionTimestamp !== undefined) {
      if (pv.metadata.finalizers?.includes(PV_PROTECTION) && phaseOf(pv) !== "Bound")
        result.writes.push({ op: "update", object: withoutFinalizer(pv, PV_PROTECTION) });
      return result;
    }
    const spec = specOf(pv);
    if (spec.claimRef === undefined) {
      if (phaseOf(pv) !== "Available")
        result.writes.push({
          op: "updateStatus",
          object: { ...pv, status: { phase: "Available" } } as KubeObject,
        });
      return result;
    }
    const ref = obj(spec.claimRef);
    const claim = ctx.store.get("PersistentVolumeClaim", str(ref.namespace) || "default", str(ref.name));
    const refUid = str(ref.uid);
    if (claim && (!refUid || claim.metadata.uid === refUid)) {
      // Bound, or pre-bound and waiting for the claim's sync.
      if (volumeNameOf(claim) === name && phaseOf(pv) !== "Bound")
        result.writes.push({
          op: "updateStatus",
          object: { ...pv, status: { phase: "Bound" } } as KubeObject,
        });
      return result;
    }
    if (!refUid) {
      if (phaseOf(pv) !== "Available")
        result.writes.push({
          op: "updateStatus",
          object: { ...pv, status: { phase: "Available" } } as KubeObject,
        });
      return result;
    }
    // The claim is gone: Released, then reclaimed (reclaimVolume).
    const policy = str(spec.persistentVolumeReclaimPolicy) || "Retain";
    const phase = phaseOf(pv);
    if (phase === "Released" || phase === "Failed") {
      if (policy === "Delete" && phase === "Released") {
        if (pv.metadata.annotations?.[Ann.provisionedBy] !== undefined)
          result.writes.push({ op: "delete", kind: "PersistentVolume", namespace: "", name });
        else {
          const message = `error getting deleter volume plugin for volume "${name}": no deletable volume plugin matched`;
          result.writes.push({
            op: "updateStatus",
            object: { ...pv, status: { message, phase: "Failed" } } as KubeObject,
          });
          result.events.push({
            type: "Warning",
            reason: "VolumeFailedDelete",
            message,
            involvedObject: involvedObjectOf(pv),
            source: SOURCE,
          });
        }
      }
      return result;
    }
    result.writes.push({
      op: "updateStatus",
      object: { ...pv, status: { phase: "Released" } } as KubeObject,
    });
    if (policy === "Delete") result.requeueAfter = 0;
    return result;
  };

  /**
   * A volume's change wakes the claim its claimRef names — that claim, not a later one of the
   * same name (a StatefulSet pod's ephemeral claim made again while the old claim's volume is
   * released and deleted, which would otherwise repeat the new claim's events at each step).
   */
  const volumeToClaim = (ev: WatchEvent, store: StoreView): readonly WakeUp[] => {
    const ref = specOf(ev.object).claimRef;
    if (ref === undefined) return NO_WAKE_UP;
    const namespace = str(obj(ref).namespace) || "default";
    const name = str(obj(ref).name);
    const uid = str(obj(ref).uid);
    if (uid !== "") {
      const claim = store.get("PersistentVolumeClaim", namespace, name);
      if (claim !== undefined && claim.metadata.uid !== uid) return NO_WAKE_UP;
    }
    return [{ key: qualifiedName(namespace, name) }];
  };

  /** A pod gone or finished wakes its claims that are being deleted. */
  const podToClaims = (ev: WatchEvent, store: StoreView): readonly WakeUp[] => {
    const pod = ev.object as Pod;
    const ended =
      ev.type === "DELETED" || pod.status?.phase === "Succeeded" || pod.status?.phase === "Failed";
    if (!ended) return NO_WAKE_UP;
    const wakes: WakeUp[] = [];
    for (const claimName of podClaimNames(pod)) {
      const claim = store.get("PersistentVolumeClaim", namespaceOf(pod), claimName);
      if (claim?.metadata.deletionTimestamp !== undefined)
        wakes.push({ key: qualifiedName(namespaceOf(pod), claimName) });
    }
    return wakes;
  };

  /** A claim's deletion wakes the volumes bound (or being provisioned) for it. */
  const claimToVolumes = (ev: WatchEvent, store: StoreView): readonly WakeUp[] => {
    if (ev.type !== "DELETED") return NO_WAKE_UP;
    const claim = ev.object;
    const wakes: WakeUp[] = [];
    for (const pv of store.listAll("PersistentVolume"))
      if (str(obj(specOf(pv).claimRef).uid) === claim.metadata.uid) wakes.push({ key: pv.metadata.name });
    provisioning.delete(claim.metadata.uid ?? "");
    return wakes;
  };

  return [
    {
      name: "persistentvolume-binder",
      kind: "PersistentVolumeClaim",
      watches: [
        { kind: "PersistentVolume", route: volumeToClaim },
        {
          kind: "Pod",
          route: podToClaims,
          filter: { types: ["MODIFIED", "DELETED"], whileAny: "PersistentVolumeClaim" },
          // It reads claims, never pods: a cohort's changes may each be routed at its end.
          cohort: "each",
        },
      ],
      reconcile: syncClaim,
    },
    {
      name: "persistentvolume",
      kind: "PersistentVolume",
      watches: [{ kind: "PersistentVolumeClaim", route: claimToVolumes }],
      reconcile: syncVolume,
    },
  ];
}
