/**
 * kube-controller-manager's ephemeral volume controller (pkg/controller/volume/ephemeral
 * controller.go): a pod's generic ephemeral volume (`volumes[].ephemeral.volumeClaimTemplate`,
 * GA in 1.23) gets its claim `<pod>-<volume>` (ephemeral.VolumeClaimName), made from the
 * template's labels, annotations and spec, owned by the pod (controller and
 * blockOwnerDeletion), so that it binds as any claim and the garbage collector deletes it with
 * the pod (handleVolume).
 *
 * Upstream the work queue holds pods (enqueuePod on a pod's creation; onPVCDelete re-queues the
 * pods whose claim was deleted). Here its keys are the claims to make, `namespace/<pod>-<volume>`:
 * the claims' own changes come to this controller as to any of its kind, and a claim's deletion
 * is then the same sync as a pod's creation. A claim of that name that the pod does not control
 * (ephemeral.VolumeIsForPod) is not used: the Warning FailedBinding on the pod, `ephemeral volume
 * scratch: PVC default/app-scratch was not created for pod default/app (pod is not owner)`, as is
 * a create the API server refuses (`ephemeral volume scratch: create PVC app-scratch: …`), and
 * the pod is synced again after the work queue's rate limit (5 ms doubling with each failure, at
 * most 1000 s: DefaultTypedControllerRateLimiter), so the event repeats as upstream's does, until
 * the other claim is deleted. Upstream a pod's sync stops at its first volume that fails; here
 * each volume is retried on its own.
 */
import { deepClone } from "../../../k8s/clone.ts";
import { involvedObjectOf, namespaceOf, parseQualifiedName, qualifiedName } from "../../../k8s/namespaces.ts";
import { obj, str } from "../../../k8s/kinds/stored/fields.ts";
import type { EventDraft, KubeObject, Time } from "../../../k8s/types.ts";
import {
  emptyResult,
  failureBackoff,
  NO_WAKE_UP,
  type Controller,
  type ControllerContext,
  type ReconcileResult,
  type StoreView,
  type WakeUp,
  type WriteOutcome,
} from "../../controller.ts";
import { fnv } from "../../defaultServices.ts";
import { mulberry32 } from "../../rng.ts";
import type { WatchEvent } from "../../store.ts";
import { ephemeralClaimConflict, ephemeralClaimName } from "../persistentvolume/volumes.ts";

/** The recorder's component (NewController: v1.EventSource{Component: "ephemeral_volume"}). */
export const SOURCE = "ephemeral_volume";

interface EphemeralVolume {
  pod: KubeObject;
  /** The volume's name, as its events name it. */
  volume: string;
  template: Record<string, unknown>;
}

/** The live pods (not being deleted) of `namespace` whose ephemeral volume's claim is `claim`. */
function volumesFor(store: StoreView, namespace: string, claim: string): EphemeralVolume[] {
  const out: EphemeralVolume[] = [];
  for (const pod of store.list("Pod", namespace)) {
    if (pod.metadata.deletionTimestamp !== undefined) continue;
    const volumes = (pod as unknown as { spec?: { volumes?: unknown } }).spec?.volumes;
    if (!Array.isArray(volumes)) continue;
    for (const v of volumes) {
      const volume = obj(v);
      if (volume.ephemeral === undefined || ephemeralClaimName(pod, str(volume.name)) !== claim) continue;
      out.push({ pod, volume: str(volume.name), template: obj(obj(volume.ephemeral).volumeClaimTemplate) });
    }
  }
  return out;
}

/** The claim handleVolume creates: the template's labels, annotations and spec, the pod its controller. */
function claimFor(v: EphemeralVolume, name: string): KubeObject {
  const meta = obj(v.template.metadata);
  const metadata: Record<string, unknown> = { name, namespace: namespaceOf(v.pod) };
  if (meta.labels !== undefined) metadata.labels = deepClone(meta.labels);
  if (meta.annotations !== undefined) metadata.annotations = deepClone(meta.annotations);
  metadata.ownerReferences = [
    {
      apiVersion: "v1",
      kind: "Pod",
      name: v.pod.metadata.name,
      uid: v.pod.metadata.uid,
      controller: true,
      blockOwnerDeletion: true,
    },
  ];
  return {
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    metadata,
    spec: deepClone(v.template.spec ?? {}),
  } as unknown as KubeObject;
}

const failedBinding = (v: EphemeralVolume, err: string): EventDraft => ({
  type: "Warning",
  reason: "FailedBinding",
  message: `ephemeral volume ${v.volume}: ${err}`,
  involvedObject: involvedObjectOf(v.pod),
  source: SOURCE,
});

export function ephemeralVolumeController(): Controller {
  /**
   * Claim key → when its next look is due: set by a pod's creation (at once) and by a failed
   * sync (after the rate limit); absent, a change of the claim itself is not this controller's
   * business (upstream's claim handler takes deletions only).
   */
  const due = new Map<string, { at: Time; failures: number }>();
  /** Whether any pod with an ephemeral volume was created: until then a deleted claim wakes nothing to list. */
  let seen = false;

  const retry = (key: string, now: Time, result: ReconcileResult): ReconcileResult => {
    const failures = due.get(key)?.failures ?? 0;
    const after = failureBackoff(failures);
    due.set(key, { at: now + after, failures: failures + 1 });
    result.requeueAfter = after;
    return result;
  };

  const syncClaim = (ctx: ControllerContext, key: string): ReconcileResult => {
    const result = emptyResult();
    const { namespace, name } = parseQualifiedName(key);
    const claim = ctx.store.get("PersistentVolumeClaim", namespace, name);
    const look = due.get(key);
    // A claim that exists and that no pod's sync is due for: its own change (add, update).
    if (claim !== undefined && (look === undefined || look.at > ctx.now)) return result;
    if (!seen) return result;
    const volumes = volumesFor(ctx.store, namespace, name);
    if (!volumes.length) {
      due.delete(key);
      return result;
    }
    if (claim !== undefined) {
      // Made already: the pod's own (nothing to do), or another's (VolumeIsForPod).
      let failed = false;
      for (const v of volumes) {
        const conflict = ephemeralClaimConflict(v.pod, claim);
        if (conflict === undefined) continue;
        result.events.push(failedBinding(v, conflict));
        failed = true;
      }
      if (!failed) due.delete(key);
      return failed ? retry(key, ctx.now, result) : result;
    }
    // The claim's uid from a stream of the pod's own: no other object is renamed, and a pod of
    // the same name made again (a StatefulSet's) gets a claim, and a volume, of another uid.
    const v = volumes[0];
    result.writes.push({
      op: "create",
      object: claimFor(v, name),
      uids: mulberry32(fnv(`PersistentVolumeClaim ${key} ${v.pod.metadata.uid ?? ""}`)),
      then: (outcome: WriteOutcome) => {
        if (!("error" in outcome)) {
          // Another pod naming the same claim (`a` with volume `b-c`, `a-b` with `c`) sees it as not its own.
          if (volumes.length > 1) return retry(key, ctx.now, emptyResult());
          due.delete(key);
          return undefined;
        }
        const refused = emptyResult();
        refused.events.push(failedBinding(v, `create PVC ${name}: ${outcome.error.message}`));
        return retry(key, ctx.now, refused);
      },
    });
    return result;
  };

  /** enqueuePod: a pod created with ephemeral volumes (and not being deleted) wakes each volume's claim. */
  const podToClaims = (ev: WatchEvent): readonly WakeUp[] => {
    const pod = ev.object;
    if (pod.metadata.deletionTimestamp !== undefined) return NO_WAKE_UP;
    const volumes = (pod as unknown as { spec?: { volumes?: unknown } }).spec?.volumes;
    if (!Array.isArray(volumes) || volumes.length === 0) return NO_WAKE_UP;
    let wakes: WakeUp[] | undefined;
    for (const v of volumes) {
      const volume = obj(v);
      if (volume.ephemeral === undefined) continue;
      const key = qualifiedName(namespaceOf(pod), ephemeralClaimName(pod, str(volume.name)));
      // Due at once; a pod made again while its old claim waits starts the rate limit over.
      due.set(key, { at: -Infinity, failures: 0 });
      (wakes ??= []).push({ key });
    }
    if (wakes !== undefined) seen = true;
    return wakes ?? NO_WAKE_UP;
  };

  return {
    name: "ephemeral-volume",
    kind: "PersistentVolumeClaim",
    watches: [
      {
        kind: "Pod",
        route: podToClaims,
        filter: { types: ["ADDED"] },
        // It reads no pod from the store: a cohort's creations are routed at its end, here
        // rather than by the engine change by change (the x10 day's 13,004 creations: the
        // engine picked each one's routes, for this route alone).
        cohort: (changes, _store, out) => {
          for (let i = 0; i < changes.length; i++) {
            if (changes[i].type !== "ADDED") continue;
            const wakes = podToClaims(changes[i]);
            for (let j = 0; j < wakes.length; j++) out.push(i, wakes[j]);
          }
        },
      },
    ],
    reconcile: syncClaim,
  };
}
