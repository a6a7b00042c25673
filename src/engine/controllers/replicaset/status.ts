/**
 * A ReplicaSet's status from its pods: pkg/controller/replicaset/replica_set_utils.go
 * (calculateStatus, updateReplicaSetStatus) and the minReadySeconds re-queues of replica_set.go.
 */
import type { Pod, ReplicaSet, ReplicaSetCondition, ReplicaSetStatus, Time } from "../../../k8s/types.ts";
import { selectorMatcher } from "../../../k8s/labels.ts";
import { alignByIdentity } from "../listAlign.ts";
import { isZeroTime, podReadiness } from "./pods.ts";

/**
 * calculateStatus over the ReplicaSet's active, claimed pods:
 * replicas = all of them; fullyLabeledReplicas = those whose labels include every template
 * label; readyReplicas = Ready ones; availableReplicas = Ready for strictly more than
 * minReadySeconds. A manageReplicas error adds ReplicaFailure (FailedCreate when pods were
 * missing, FailedDelete when in surplus); a clean sync removes it.
 */
export function calculateStatus(
  rs: ReplicaSet,
  filteredPods: readonly Pod[],
  now: Time,
  manageReplicasError?: string,
): ReplicaSetStatus {
  return statusFromCounts(
    rs,
    filteredPods.length,
    podCounts(rs, filteredPods, now),
    now,
    manageReplicasError,
  );
}

/** calculateStatus from the claimed pods' number and counts (however they were counted). */
export function statusFromCounts(
  rs: ReplicaSet,
  claimed: number,
  { fullyLabeled, ready, available }: PodCounts,
  now: Time,
  manageReplicasError?: string,
): ReplicaSetStatus {
  const status: ReplicaSetStatus = {
    ...rs.status,
    conditions: rs.status.conditions ? [...rs.status.conditions] : undefined,
  };
  const failure = rs.status.conditions?.find((c) => c.type === "ReplicaFailure");
  if (manageReplicasError !== undefined && failure === undefined) {
    const diff = claimed - rs.spec.replicas;
    const reason = diff < 0 ? "FailedCreate" : diff > 0 ? "FailedDelete" : "";
    const cond: ReplicaSetCondition = {
      type: "ReplicaFailure",
      status: "True",
      reason,
      message: manageReplicasError,
      lastTransitionTime: now,
    };
    status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== "ReplicaFailure"), cond];
  } else if (manageReplicasError === undefined && failure !== undefined) {
    status.conditions = (status.conditions ?? []).filter((c) => c.type !== "ReplicaFailure");
  }
  status.replicas = claimed;
  status.fullyLabeledReplicas = fullyLabeled;
  status.readyReplicas = ready;
  status.availableReplicas = available;
  return status;
}

export interface PodCounts {
  fullyLabeled: number;
  ready: number;
  available: number;
}

/**
 * Counts kept per frozen pods array (claim.ts keeps a claim, frozen, for as long as no pod
 * changes): what they were computed from — the template's labels (their JSON text: a scale
 * writes a new ReplicaSet object with equal labels), minReadySeconds and, when that is not 0,
 * the time.
 */
const keptCounts = new WeakMap<
  readonly Pod[],
  { labels: string; minReady: number; now: Time; counts: PodCounts }
>();

/** calculateStatus's per-pod counts: fully labeled, Ready, and available at `now`. */
function podCounts(rs: ReplicaSet, pods: readonly Pod[], now: Time): PodCounts {
  const labels = rs.spec.template.metadata.labels ?? {};
  const labelsText = JSON.stringify(labels);
  const minReady = rs.spec.minReadySeconds;
  const kept = keptCounts.get(pods);
  if (
    kept !== undefined &&
    kept.labels === labelsText &&
    kept.minReady === minReady &&
    (minReady === 0 || kept.now === now)
  )
    return kept.counts;
  const counts: PodCounts = { fullyLabeled: 0, ready: 0, available: 0 };
  const fullyLabeled = selectorMatcher({ matchLabels: labels });
  // Each pod's answers are a function of the pod object, the labels, minReadySeconds and (when
  // that is not 0) the time: carried from the last count with the same ones for a pod that is
  // the same object (listAlign.ts), else read.
  const key = `${minReady}\u0000${labelsText}`;
  const last = lastCounts.get(key);
  const carried = last !== undefined && (minReady === 0 || last.now === now) ? last : undefined;
  const from = carried !== undefined ? alignByIdentity(carried.pods, pods) : undefined;
  const codes = new Uint8Array(pods.length);
  for (let i = 0; i < pods.length; i++) {
    const was = from !== undefined ? from[i] : -1;
    let code = was >= 0 ? carried!.codes[was] : 0;
    if (code === 0) {
      const pod = pods[i];
      const readiness = podReadiness(pod, minReady, now);
      code =
        READ |
        (fullyLabeled(pod.metadata.labels) ? FULLY_LABELED : 0) |
        (readiness !== "unready" ? READY : 0) |
        (readiness === "available" ? AVAILABLE : 0);
    }
    codes[i] = code;
    if (code & FULLY_LABELED) counts.fullyLabeled++;
    if (code & READY) counts.ready++;
    if (code & AVAILABLE) counts.available++;
  }
  if (lastCounts.size >= 256 && !lastCounts.has(key)) lastCounts.clear();
  lastCounts.set(key, { pods, now, codes });
  if (Object.isFrozen(pods)) keptCounts.set(pods, { labels: labelsText, minReady, now, counts });
  return counts;
}

/** A pod's answers in lastCounts: read, fully labeled, Ready, available. */
const READ = 1;
const FULLY_LABELED = 2;
const READY = 4;
const AVAILABLE = 8;

/**
 * The last count per minReadySeconds and template labels: its pods, time and each pod's
 * answers (indexed like its pods). Bounded: a notebook runs many simulations.
 */
const lastCounts = new Map<string, { pods: readonly Pod[]; now: Time; codes: Uint8Array }>();

/**
 * updateReplicaSetStatus skips the write in the steady state: same counts, the generation
 * already observed, same conditions. Otherwise it stamps observedGeneration = generation.
 */
export function statusNeedsUpdate(rs: ReplicaSet, next: ReplicaSetStatus): boolean {
  const cur = rs.status;
  return !(
    cur.replicas === next.replicas &&
    (cur.fullyLabeledReplicas ?? 0) === (next.fullyLabeledReplicas ?? 0) &&
    (cur.readyReplicas ?? 0) === (next.readyReplicas ?? 0) &&
    (cur.availableReplicas ?? 0) === (next.availableReplicas ?? 0) &&
    (rs.metadata.generation ?? 0) === (cur.observedGeneration ?? 0) &&
    sameConditions(cur.conditions ?? [], next.conditions ?? [])
  );
}

/**
 * Whether two condition lists have the same JSON text. The next status's list is a copy of the
 * stored one's entries unless a condition was added or removed (statusFromCounts), and the same
 * entries in the same order write the same text: only other lists are written out and compared.
 */
function sameConditions(a: readonly ReplicaSetCondition[], b: readonly ReplicaSetCondition[]): boolean {
  if (a.length === b.length) {
    let i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    if (i === a.length) return true;
  }
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * When must the ReplicaSet look again to see a Ready pod become available? Kubernetes has two
 * timers (replica_set.go):
 * - updatePod: a pod turning Ready re-queues its ReplicaSet after minReadySeconds + 1 s, i.e. at
 *   readyTime + minReadySeconds + 1 (the extra second gets past the strictly-before rule);
 * - syncReplicaSet: when every pod is Ready but not every one available, re-queue after
 *   minReadySeconds "as a last line of defense to guard against clock-skew".
 * The engine keeps one timer per key, so this returns the earliest one still in the future.
 * Example: minReadySeconds 10, a pod Ready at t=3, sync at t=3 → min(3+10+1−3, 10) = 10 → the
 * sync at t=13 finds it still unavailable (3+10 is not before 13) and asks for 1 s more → t=14.
 */
export function minReadyRequeue(
  rs: ReplicaSet,
  status: ReplicaSetStatus,
  filteredPods: readonly Pod[],
  now: Time,
): number | undefined {
  const minReady = rs.spec.minReadySeconds;
  if (minReady <= 0) return undefined;
  const candidates: number[] = [];
  // By index: a kept claim is frozen (for…of over it makes a result object per pod: claim.ts).
  for (let i = 0; i < filteredPods.length; i++) {
    const pod = filteredPods[i];
    if (podReadiness(pod, minReady, now) !== "ready") continue;
    const since = pod.status.conditions?.find((c) => c.type === "Ready")?.lastTransitionTime;
    if (isZeroTime(since)) continue;
    const after = (since as Time) + minReady + 1 - now;
    if (after > 0) candidates.push(after);
  }
  if (
    (status.readyReplicas ?? 0) === rs.spec.replicas &&
    (status.availableReplicas ?? 0) !== rs.spec.replicas
  )
    candidates.push(minReady);
  return candidates.length > 0 ? candidates.reduce((a, b) => Math.min(a, b)) : undefined;
}
