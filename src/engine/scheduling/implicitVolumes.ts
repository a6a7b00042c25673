/**
 * The VolumeBinding plugin (volumeBinding.ts) in a cluster without declared nodes, where the
 * kubelet places pods itself (scheduler.ts): a pod whose claims refuse it (missing, being
 * deleted, unbound Immediate) gets kube-scheduler's FailedScheduling event, counted over the
 * `cluster.nodes` implicit nodes, and the condition PodScheduled=False (Unschedulable), and waits; a pod with an unbound WaitForFirstConsumer claim
 * has its node chosen (the place held) and the claim annotated with it, and waits for the
 * claim to be bound; a bound claim whose volume has node affinity (local-path's) keeps the pod
 * on that node. A waiting pod is placed again when one of its claims changes.
 */
import { involvedObjectOf, namespaceOf } from "../../k8s/namespaces.ts";
import type { EventDraft, KubeObject, Pod, Time } from "../../k8s/types.ts";
import type { SimApiServer } from "../apiserver.ts";
import { implicitNode } from "../controllers/persistentvolume/matching.ts";
import { podClaimNames } from "../controllers/persistentvolume/volumes.ts";
import type { Scheduler } from "../scheduler.ts";
import type { WatchEvent } from "../store.ts";
import { fitErrorText } from "./fitError.ts";
import type { FilterStatus } from "./filters.ts";
import { withUnschedulable } from "./kubeScheduler.ts";
import { notHelpful, podVolumes, preBindWrites, preFilterMessage, volumeFilter } from "./volumeBinding.ts";

export interface ImplicitVolumesHost {
  readonly now: Time;
  readonly api: SimApiServer;
  emit(event: EventDraft): void;
}

/**
 * Queues the pod `name` (uid `uid`) to be placed again: one function for every pod, called with
 * the pod a claim's change is for, so that a bind that does not wait makes no closure.
 */
export type RetryPlacement = (name: string, uid: string | undefined) => void;

interface Waiting {
  namespace: string;
  claims: readonly string[];
  uid: string | undefined;
  retry: RetryPlacement;
}

export class ImplicitVolumeBinding {
  private readonly waiting = new Map<string, Waiting>();
  /** The node chosen for a pod whose WaitForFirstConsumer claims are being bound. */
  private readonly chosen = new Map<string, string>();

  constructor(
    private readonly host: ImplicitVolumesHost,
    private readonly scheduler: Scheduler,
  ) {}

  /**
   * The node to bind `pod` (queued as `name`) to, its place held; undefined when it waits for
   * its claims (`retry` runs for it when one changes).
   */
  place(pod: Pod, name: string, retry: RetryPlacement): string | undefined {
    if (!mayMountClaims(pod)) return this.scheduler.assign(name);
    const api = this.host.api;
    const vols = podVolumes(pod, api);
    if (!vols) return this.scheduler.assign(name);
    const nodes = this.scheduler.nodes;
    if (vols.refusal) return this.wait(pod, name, retry, preFilterMessage(nodes.length, vols.refusal));
    let node = this.chosen.get(name);
    if (node === undefined) {
      const statuses: FilterStatus[] = [];
      node = this.scheduler.assignWhere(name, (n) => {
        const s = volumeFilter(vols, implicitNode(n), api);
        if (s) statuses.push(s);
        return s === undefined;
      });
      if (node === undefined)
        return this.wait(
          pod,
          name,
          retry,
          `${fitErrorText(nodes.length, statuses)}${notHelpful(nodes.length)}`,
        );
    }
    if (vols.delayed.length) {
      this.chosen.set(name, node);
      for (const w of preBindWrites(vols, implicitNode(node), api)) api.update(w);
      return this.wait(pod, name, retry);
    }
    this.chosen.delete(name);
    this.waiting.delete(name);
    return node;
  }

  private wait(pod: Pod, name: string, retry: RetryPlacement, failed?: string): undefined {
    this.waiting.set(name, {
      namespace: namespaceOf(pod),
      claims: podClaimNames(pod),
      uid: pod.metadata.uid,
      retry,
    });
    if (failed === undefined) return undefined;
    // handleSchedulingFailure: the event, then the pod's PodScheduled condition.
    this.host.emit({
      type: "Warning",
      reason: "FailedScheduling",
      message: failed,
      involvedObject: involvedObjectOf(pod),
      source: "default-scheduler",
    });
    this.host.api.updateStatus({
      ...pod,
      status: { ...pod.status, conditions: withUnschedulable(pod.status.conditions, failed, this.host.now) },
    } as KubeObject);
    return undefined;
  }

  /** A claim changed: the pods waiting on it are placed again. */
  onClaim(ev: WatchEvent): void {
    if (!this.waiting.size) return;
    const claim: KubeObject = ev.object;
    const ns = namespaceOf(claim);
    for (const [name, w] of [...this.waiting]) {
      if (w.namespace !== ns || !w.claims.includes(claim.metadata.name)) continue;
      this.waiting.delete(name);
      w.retry(name, w.uid);
    }
  }

  /** The pod is gone. */
  forget(name: string): void {
    this.waiting.delete(name);
    this.chosen.delete(name);
  }
}

/**
 * Whether one of the pod's volumes may name a claim (`podClaims`: a persistentVolumeClaim or
 * an ephemeral volume); false means podVolumes has nothing to check. Nearly every pod's only
 * volume is its ServiceAccount token volume, a projected one: two reads each, where podClaims
 * reads every volume through the stored-field helpers and an iterator (about 6.5 K instructions
 * a bind of the day's, its code unoptimized).
 */
export function mayMountClaims(pod: Pod): boolean {
  const volumes = pod.spec.volumes as readonly unknown[] | undefined;
  if (!Array.isArray(volumes)) return false;
  for (let i = 0; i < volumes.length; i++) {
    const v = volumes[i] as { persistentVolumeClaim?: unknown; ephemeral?: unknown } | null;
    if (
      typeof v === "object" &&
      v !== null &&
      (v.persistentVolumeClaim !== undefined || v.ephemeral !== undefined)
    )
      return true;
  }
  return false;
}
