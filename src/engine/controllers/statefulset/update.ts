/**
 * updateStatefulSet (pkg/controller/statefulset/stateful_set_control.go, Kubernetes 1.28): what
 * one sync does to a StatefulSet's pods, as a pure function of the set, its revisions and its
 * pods. It returns the pod creations, deletions and identity repairs in the order the
 * controller makes them, the status it computed, and — in OrderedReady mode — what it stopped
 * to wait for.
 *
 * The rules, in upstream's order:
 * 1. Pods are split by ordinal: `replicas` (in [start, start+replicas)) and `condemned`
 *    (valid ordinals outside it, highest first). Missing replicas get a new pod at the revision
 *    newVersionedStatefulSetPod picks.
 * 2. Each replica, in ordinal order (processReplica): a Failed pod is deleted to be recreated;
 *    a missing pod is created — and in OrderedReady ("monotonic") mode the sync stops there;
 *    a terminating, not Running-and-Ready or not yet available pod stops the sync in
 *    OrderedReady mode; a pod whose identity or storage does not match is repaired.
 *    Parallel mode does all of it at once (slowStartBatch).
 * 3. Condemned pods, highest ordinal first (processCondemned): in OrderedReady mode the sync
 *    waits for a terminating one, and for an unhealthy one unless it is the first unhealthy
 *    pod; otherwise it is deleted — one per sync in OrderedReady mode, all at once in Parallel.
 * 4. OnDelete stops here. RollingUpdate (MaxUnavailableStatefulSet off, 1.28's default):
 *    from the highest ordinal down to the partition, the first pod not at the update revision
 *    is deleted (it comes back at the update revision) and the sync ends; an unhealthy pod at
 *    the update revision makes it wait. With the gate on
 *    (updateStatefulSetAfterInvariantEstablished), up to maxUnavailable − (unhealthy replicas)
 *    pods are deleted at once, highest first.
 *
 * Example, OrderedReady, 3 replicas, none yet: sync 1 creates web-0 and stops; the syncs while
 * web-0 starts wait for it ("Running and Ready"); the sync after web-0 turns Ready creates web-1.
 * Scaling 3 → 1 deletes web-2, waits for it to terminate, then deletes web-1.
 */
import { getScaledValueFromIntOrPercent, isIntOrStringError } from "../../../k8s/intstr.ts";
import type { ControllerRevision, Pod, StatefulSet, StatefulSetStatus, Time } from "../../../k8s/types.ts";
import {
  endOrdinal,
  identityMatches,
  inOrdinalRange,
  newVersionedStatefulSetPod,
  ordinalOf,
  podRevision,
  startOrdinal,
  storageMatches,
  updateIdentity,
  updateStorage,
} from "./identity.ts";
import { isFailed, isHealthy, isRunningAndAvailable, isRunningAndReady, isTerminating } from "./pods.ts";

/** What the sync stopped for (OrderedReady), in the words of the controller's log lines. */
export type WaitReason =
  | "to be Running and Ready"
  | "to be Available"
  | "to Terminate"
  | "to be Running and Ready prior to scale down"
  | "to be Available prior to scale down"
  | "to Terminate prior to scale down"
  | "to update";

export interface Wait {
  pod: string;
  reason: WaitReason;
}

export interface Deletion {
  pod: Pod;
  /** failed: a Failed pod to recreate; scale-down: a condemned pod; update: a rolling update step. */
  why: "failed" | "scale-down" | "update";
}

export interface UpdateResult {
  status: StatefulSetStatus;
  /** Pods to create, in order. */
  creates: Pod[];
  deletes: Deletion[];
  /** Pods whose identity or storage the controller repairs (UpdateStatefulPod). */
  repairs: Pod[];
  /** OrderedReady: the pod the sync stopped at, and why. */
  wait?: Wait;
  /** The update could proceed no further because too many pods are unavailable (gate on). */
  unavailable?: { pods: number; maxUnavailable: number };
}

export interface UpdateOptions {
  /** The MaxUnavailableStatefulSet feature gate (alpha in 1.28, off by default). */
  maxUnavailableGate: boolean;
}

/** A pod slot: a stored pod, or one this sync has built but not (yet) created. */
interface Slot {
  pod: Pod;
  created: boolean;
}

/**
 * updateStatus + computeReplicaStatus over the slots: replicas counts every created pod
 * (terminating ones too), ready the Running-and-Ready ones, available those also past
 * minReadySeconds; current and updated the created, non-terminating pods at each revision.
 */
function countInto(
  status: StatefulSetStatus,
  set: StatefulSet,
  current: string,
  update: string,
  now: Time,
  ...lists: Slot[][]
): void {
  status.replicas = 0;
  status.readyReplicas = 0;
  status.availableReplicas = 0;
  status.currentReplicas = 0;
  status.updatedReplicas = 0;
  for (const list of lists)
    for (const { pod, created } of list) {
      if (created) status.replicas += 1;
      if (created && isRunningAndReady(pod)) {
        status.readyReplicas += 1;
        if (isRunningAndAvailable(pod, set.spec.minReadySeconds, now)) status.availableReplicas += 1;
      }
      if (created && !isTerminating(pod)) {
        if (podRevision(pod) === current) status.currentReplicas += 1;
        if (podRevision(pod) === update) status.updatedReplicas += 1;
      }
    }
}

export function updateStatefulSet(
  set: StatefulSet,
  currentSet: StatefulSet,
  updateSet: StatefulSet,
  currentRevision: ControllerRevision,
  updateRevision: ControllerRevision,
  collisionCount: number,
  pods: readonly Pod[],
  now: Time,
  opts: UpdateOptions,
): UpdateResult {
  const current = currentRevision.metadata.name;
  const update = updateRevision.metadata.name;
  const status: StatefulSetStatus = {
    observedGeneration: set.metadata.generation ?? 0,
    currentRevision: current,
    updateRevision: update,
    collisionCount,
    replicas: 0,
  };
  const all: Slot[] = pods.map((pod) => ({ pod, created: true }));
  countInto(status, set, current, update, now, all);
  const out: UpdateResult = { status, creates: [], deletes: [], repairs: [] };

  const start = startOrdinal(set);
  const replicas: (Slot | undefined)[] = new Array(set.spec.replicas).fill(undefined);
  const condemned: Slot[] = [];
  for (const slot of all) {
    if (inOrdinalRange(slot.pod, set)) replicas[ordinalOf(slot.pod) - start] = slot;
    else if (ordinalOf(slot.pod) >= 0) condemned.push(slot);
  }
  for (let ord = start; ord <= endOrdinal(set); ord++)
    replicas[ord - start] ??= {
      pod: newVersionedStatefulSetPod(currentSet, updateSet, current, update, ord, now),
      created: false,
    };
  const live = replicas as Slot[];
  condemned.sort((a, b) => ordinalOf(b.pod) - ordinalOf(a.pod));

  const unhealthy = (s: Slot) => !s.created || !isHealthy(s.pod);
  let firstUnhealthy: Slot | undefined = live.find(unhealthy);
  for (let i = condemned.length - 1; i >= 0 && !firstUnhealthy; i--)
    if (unhealthy(condemned[i])) firstUnhealthy = condemned[i];

  const finish = (): UpdateResult => {
    countInto(status, set, current, update, now, live, condemned);
    return out;
  };

  if (set.metadata.deletionTimestamp !== undefined) return out;
  const monotonic = set.spec.podManagementPolicy !== "Parallel";
  const minReady = set.spec.minReadySeconds;

  // processReplica, for each replica in ordinal order.
  for (let i = 0; i < live.length; i++) {
    const slot = live[i];
    if (slot.created && isFailed(slot.pod)) {
      // Deleted now and recreated once it is gone: the name is taken until the kubelet
      // removes it, so upstream's immediate re-create fails with AlreadyExists and retries.
      out.deletes.push({ pod: slot.pod, why: "failed" });
      if (monotonic) return finish();
      continue;
    }
    if (!slot.created) {
      out.creates.push(slot.pod);
      if (monotonic) return finish();
      continue;
    }
    if (monotonic) {
      const name = slot.pod.metadata.name;
      if (isTerminating(slot.pod)) {
        out.wait = { pod: name, reason: "to Terminate" };
        return finish();
      }
      if (!isRunningAndReady(slot.pod)) {
        out.wait = { pod: name, reason: "to be Running and Ready" };
        return finish();
      }
      if (!isRunningAndAvailable(slot.pod, minReady, now)) {
        out.wait = { pod: name, reason: "to be Available" };
        return finish();
      }
    }
    if (!identityMatches(set, slot.pod) || !storageMatches(set, slot.pod)) {
      const repaired = structuredClone(slot.pod);
      updateIdentity(updateSet, repaired);
      updateStorage(updateSet, repaired);
      out.repairs.push(repaired);
    }
  }

  // processCondemned, highest ordinal first.
  for (const slot of condemned) {
    const name = slot.pod.metadata.name;
    if (isTerminating(slot.pod)) {
      if (monotonic) {
        out.wait = { pod: name, reason: "to Terminate prior to scale down" };
        return finish();
      }
      continue;
    }
    if (monotonic && slot !== firstUnhealthy) {
      if (!isRunningAndReady(slot.pod)) {
        out.wait = {
          pod: firstUnhealthy?.pod.metadata.name ?? name,
          reason: "to be Running and Ready prior to scale down",
        };
        return finish();
      }
      if (!isRunningAndAvailable(slot.pod, minReady, now)) {
        out.wait = {
          pod: firstUnhealthy?.pod.metadata.name ?? name,
          reason: "to be Available prior to scale down",
        };
        return finish();
      }
    }
    out.deletes.push({ pod: slot.pod, why: "scale-down" });
    if (monotonic) return finish();
  }

  countInto(status, set, current, update, now, live, condemned);
  if (set.spec.updateStrategy.type === "OnDelete") return out;

  const ru = set.spec.updateStrategy.rollingUpdate;
  const updateMin = ru?.partition ?? 0;
  if (opts.maxUnavailableGate)
    return rollingUpdateWithMaxUnavailable(set, live, update, updateMin, status, out);

  for (let target = live.length - 1; target >= updateMin; target--) {
    const slot = live[target];
    if (podRevision(slot.pod) !== update && !isTerminating(slot.pod)) {
      out.deletes.push({ pod: slot.pod, why: "update" });
      status.currentReplicas = (status.currentReplicas ?? 0) - 1;
      return out;
    }
    if (!isHealthy(slot.pod)) {
      out.wait = { pod: slot.pod.metadata.name, reason: "to update" };
      return out;
    }
  }
  return out;
}

/**
 * getStatefulSetMaxUnavailable: maxUnavailable (default 1) scaled against the replicas,
 * rounded down, never below 1. Examples: "50%" of 5 → 2; "10%" of 5 → 0 → 1; 3 → 3.
 */
export function maxUnavailableOf(set: StatefulSet): number {
  const v = set.spec.updateStrategy.rollingUpdate?.maxUnavailable ?? 1;
  const n = getScaledValueFromIntOrPercent(v, set.spec.replicas, false);
  return isIntOrStringError(n) || n < 1 ? 1 : n;
}

/** updateStatefulSetAfterInvariantEstablished (MaxUnavailableStatefulSet on). */
function rollingUpdateWithMaxUnavailable(
  set: StatefulSet,
  live: readonly Slot[],
  update: string,
  updateMin: number,
  status: StatefulSetStatus,
  out: UpdateResult,
): UpdateResult {
  const maxUnavailable = maxUnavailableOf(set);
  const unavailablePods = live.filter((s) => !isHealthy(s.pod)).length;
  if (unavailablePods >= maxUnavailable) {
    out.unavailable = { pods: unavailablePods, maxUnavailable };
    return out;
  }
  let budget = maxUnavailable - unavailablePods;
  for (let target = live.length - 1; target >= updateMin && budget > 0; target--) {
    const slot = live[target];
    if (podRevision(slot.pod) !== update && !isTerminating(slot.pod)) {
      out.deletes.push({ pod: slot.pod, why: "update" });
      status.currentReplicas = (status.currentReplicas ?? 0) - 1;
      budget -= 1;
    }
  }
  return out;
}

/**
 * completeRollingUpdate: once every replica is updated and ready (RollingUpdate), the update
 * revision becomes the current one.
 */
export function completeRollingUpdate(set: StatefulSet, status: StatefulSetStatus): void {
  const r = set.spec.replicas;
  if (
    set.spec.updateStrategy.type === "RollingUpdate" &&
    status.updatedReplicas === r &&
    status.readyReplicas === r &&
    status.replicas === r
  ) {
    status.currentReplicas = status.updatedReplicas;
    status.currentRevision = status.updateRevision;
  }
}

/** inconsistentStatus: a newer generation observed, or any count or revision differs. */
export function inconsistentStatus(set: StatefulSet, status: StatefulSetStatus): boolean {
  const s = set.status ?? { replicas: 0 };
  return (
    (status.observedGeneration ?? 0) > (s.observedGeneration ?? 0) ||
    status.replicas !== (s.replicas ?? 0) ||
    (status.currentReplicas ?? 0) !== (s.currentReplicas ?? 0) ||
    (status.readyReplicas ?? 0) !== (s.readyReplicas ?? 0) ||
    (status.updatedReplicas ?? 0) !== (s.updatedReplicas ?? 0) ||
    status.currentRevision !== s.currentRevision ||
    (status.availableReplicas ?? 0) !== (s.availableReplicas ?? 0) ||
    status.updateRevision !== s.updateRevision
  );
}
