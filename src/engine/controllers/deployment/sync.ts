/**
 * Scaling, revisions, history cleanup and status: pkg/controller/deployment/sync.go (v1.28).
 */
import { copyWith, deepClone } from "../../../k8s/clone.ts";
import type { Deployment, DeploymentStatus, ReplicaSet } from "../../../k8s/types.ts";
import { computeHash, POD_TEMPLATE_HASH_LABEL } from "../../../k8s/hash.ts";
import { newControllerRef, getControllerOf } from "../replicaset/controllerRef.ts";
import { DeprecatedRollbackTo, MAX_REV_HISTORY_LENGTH_IN_CHARS, RevisionAnnotation } from "./annotations.ts";
import type { SyncSession } from "./client.ts";
import {
  progressingOf,
  replicaSetCounts,
  rolloutBudgets,
  type RolloutWait,
  type ScaleStep,
} from "./decision.ts";
import {
  FoundNewRSReason,
  MinimumReplicasAvailable,
  MinimumReplicasUnavailable,
  NewRSReason,
  PausedDeployReason,
  ResumedDeployReason,
  TimedOutReason,
  getDeploymentCondition,
  newDeploymentCondition,
  setDeploymentCondition,
} from "./conditions.ts";
import * as msg from "./messages.ts";
import {
  byRevision,
  bySizeNewer,
  bySizeOlder,
  equalIgnoreHash,
  byCreationTimestamp,
  filterActiveReplicaSets,
  findActiveOrLatest,
  findNewReplicaSet,
  findNewReplicaSetInOrder,
  getActualReplicaCountForReplicaSets,
  getAvailableReplicaCountForReplicaSets,
  getDesiredReplicasAnnotation,
  getProportion,
  getReadyReplicaCountForReplicaSets,
  getReplicaCountForReplicaSets,
  hasProgressDeadline,
  hasRevisionHistoryLimit,
  isRollingUpdate,
  isSaturated,
  maxRevision,
  maxSurge,
  maxUnavailable,
  newRSNewReplicas,
  newReplicaSetAnnotationsSettled,
  replicasAnnotationsNeedUpdate,
  setDeploymentRevision,
  setNewReplicaSetAnnotations,
  setReplicasAnnotations,
} from "./util.ts";
import { dict } from "../../../k8s/safeKeys.ts";

/** Why a scale step was taken, for the trace: the step's name and everything it was computed from. */
export interface ScaleReason {
  step: ScaleStep;
  inputs: Record<string, unknown>;
}

/**
 * scaleReplicaSet: write the new size and stamp desired-replicas / max-replicas (replicas and
 * replicas + maxSurge). The size change is reported as the event
 * "Scaled up replica set web-6b4467b546 to 4 from 1"; an annotation-only write is silent.
 */
export function scaleReplicaSet(
  s: SyncSession,
  rs: ReplicaSet,
  newScale: number,
  d: Deployment,
  why?: ScaleReason,
): { scaled: boolean; rs: ReplicaSet } {
  const sizeNeedsUpdate = rs.spec.replicas !== newScale;
  const desired = d.spec.replicas;
  const max = d.spec.replicas + maxSurge(d);
  if (!sizeNeedsUpdate && !replicasAnnotationsNeedUpdate(rs, desired, max)) return { scaled: false, rs };
  const oldScale = rs.spec.replicas;
  const copy = deepClone(rs);
  copy.spec.replicas = newScale;
  setReplicasAnnotations(copy, desired, max);
  const updated = s.updateReplicaSet(copy, true);
  if (!sizeNeedsUpdate) return { scaled: false, rs: updated };
  const direction = oldScale < newScale ? "up" : "down";
  s.event(
    "Normal",
    "ScalingReplicaSet",
    msg.scaledReplicaSet(direction, rs.metadata.name, newScale, oldScale),
  );
  s.decide(
    `scale-${direction}`,
    `${why?.step ?? "scale"}: ${rs.metadata.name} ${oldScale} → ${newScale}`,
    Object.assign(
      { replicaSet: rs.metadata.name, from: oldScale, to: newScale, step: why?.step ?? "scale" },
      why?.inputs,
    ),
  );
  return { scaled: true, rs: updated };
}

/** scaleReplicaSetAndRecordEvent: only when the size differs. */
export function scaleReplicaSetAndRecordEvent(
  s: SyncSession,
  rs: ReplicaSet,
  newScale: number,
  d: Deployment,
  why?: ScaleReason,
): { scaled: boolean; rs: ReplicaSet } {
  if (rs.spec.replicas === newScale) return { scaled: false, rs };
  return scaleReplicaSet(s, rs, newScale, d, why);
}

// ------------------------------------------------------------------ new ReplicaSet and revisions

export interface AllReplicaSets {
  newRS: ReplicaSet | undefined;
  oldRSs: ReplicaSet[];
  /** Set when the new ReplicaSet could not be created (a hash collision; the sync stops). */
  error?: string;
  /**
   * The new ReplicaSet existed and nothing was written or changed on the Deployment: asked
   * again before anything is written, getAllReplicaSetsAndSyncRevision gives the same answer.
   */
  quiet?: boolean;
}

/**
 * getAllReplicaSetsAndSyncRevision: the new ReplicaSet (created when asked and missing) with
 * its revision brought up to date, and every old one.
 */
export function getAllReplicaSetsAndSyncRevision(
  s: SyncSession,
  d: Deployment,
  rsList: readonly ReplicaSet[],
  createIfNotExisted: boolean,
): AllReplicaSets {
  const current = s.current(rsList);
  // FindOldReplicaSets and getNewReplicaSet each ask FindNewReplicaSet of the same list: asked once.
  const sorted = current.length > 1 ? [...current].sort(byCreationTimestamp) : current;
  const existing = findNewReplicaSetInOrder(d, sorted);
  const oldRSs =
    existing === undefined ? [...sorted] : sorted.filter((rs) => rs.metadata.name !== existing.metadata.name);
  const created = getNewReplicaSet(s, d, current, oldRSs, createIfNotExisted, existing);
  if ("error" in created) return { newRS: undefined, oldRSs, error: created.error };
  return { newRS: created.rs, oldRSs, quiet: created.quiet === true };
}

/**
 * Go's `rsCopy := existingNewRS.DeepCopy()` for the parts getNewReplicaSet may change: its own
 * metadata, annotations and spec objects (keys in the same order), the rest shared with the
 * stored ReplicaSet. Nothing downstream changes a ReplicaSet in place (a write sends a deep
 * copy, client.ts forWrite; a scale copies first), and both calls of every Deployment sync
 * (the scaling check, then the rollout) made a deep copy of the whole ReplicaSet, its pod
 * template included, to find in most syncs that nothing needed writing.
 */
function annotatableCopy(rs: ReplicaSet): ReplicaSet {
  const metadata = copyWith(rs.metadata, { annotations: copyWith(rs.metadata.annotations ?? {}, {}) });
  return copyWith(rs, { metadata, spec: copyWith(rs.spec, {}) });
}

/**
 * getNewReplicaSet. For an existing new ReplicaSet: copy the Deployment's annotations, raise its
 * revision to max(old revisions) + 1 (keeping the previous number in revision-history after a
 * rollback), align minReadySeconds — and if that needed a write, stop there: the Deployment's
 * own revision follows on the next sync. Otherwise copy the RS revision to the Deployment and
 * add Progressing/FoundNewReplicaSet if no Progressing condition exists yet.
 *
 * When none exists and `create` is set, create `<deployment>-<pod-template-hash>` already sized
 * by NewRSNewReplicas, with revision max + 1, and record Progressing/NewReplicaSetCreated plus
 * the event "Scaled up replica set <rs> to <n>" (n > 0). A name taken by a ReplicaSet with
 * another template is a hash collision: bump status.collisionCount and try again next sync.
 */
export function getNewReplicaSet(
  s: SyncSession,
  d: Deployment,
  rsList: readonly ReplicaSet[],
  oldRSs: readonly ReplicaSet[],
  createIfNotExisted: boolean,
  /** FindNewReplicaSet of rsList, when the caller has it already. */
  existing: ReplicaSet | undefined = findNewReplicaSet(d, rsList),
): { rs: ReplicaSet | undefined; quiet?: boolean } | { error: string } {
  const newRevision = String(maxRevision(oldRSs) + 1);

  if (existing !== undefined) {
    // Annotated as it is (the usual case), the ReplicaSet itself stands for Go's copy.
    const settled =
      existing.spec.minReadySeconds === d.spec.minReadySeconds &&
      newReplicaSetAnnotationsSettled(d, existing, newRevision);
    const copy = settled ? existing : annotatableCopy(existing);
    if (!settled) {
      const annotationsUpdated = setNewReplicaSetAnnotations(
        d,
        copy,
        newRevision,
        true,
        MAX_REV_HISTORY_LENGTH_IN_CHARS,
      );
      const minReadyNeedsUpdate = copy.spec.minReadySeconds !== d.spec.minReadySeconds;
      if (annotationsUpdated || minReadyNeedsUpdate) {
        copy.spec.minReadySeconds = d.spec.minReadySeconds;
        return { rs: s.updateReplicaSet(copy) };
      }
    }
    let needsUpdate = setDeploymentRevision(d, copy.metadata.annotations?.[RevisionAnnotation] ?? "");
    if (hasProgressDeadline(d) && getDeploymentCondition(d.status, "Progressing") === undefined) {
      setDeploymentCondition(
        d.status,
        newDeploymentCondition(
          "Progressing",
          "True",
          FoundNewRSReason,
          msg.foundNewReplicaSet(copy.metadata.name),
          s.now,
        ),
      );
      needsUpdate = true;
    }
    if (needsUpdate) s.updateDeploymentStatus();
    return { rs: copy, quiet: !needsUpdate };
  }

  if (!createIfNotExisted) return { rs: undefined };

  const template = deepClone(d.spec.template);
  const hash = computeHash(d.spec.template, d.status.collisionCount);
  template.metadata = {
    ...template.metadata,
    labels: { ...(d.spec.template.metadata?.labels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash },
  };
  const selector = deepClone(d.spec.selector);
  selector.matchLabels = { ...(selector.matchLabels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash };
  const name = `${d.metadata.name}-${hash}`;
  const newRS: ReplicaSet = {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: {
      name,
      ...(d.metadata.namespace !== undefined ? { namespace: d.metadata.namespace } : {}),
      creationTimestamp: s.now,
      labels: { ...(template.metadata.labels ?? {}) },
      ownerReferences: [newControllerRef("apps/v1", "Deployment", d.metadata)],
    },
    spec: { replicas: 0, minReadySeconds: d.spec.minReadySeconds, selector, template },
    status: { replicas: 0 },
  };
  const count = newRSNewReplicas(d, [...oldRSs, newRS], newRS);
  if (typeof count !== "number") return { error: count.error };
  newRS.spec.replicas = count;
  setNewReplicaSetAnnotations(d, newRS, newRevision, false, MAX_REV_HISTORY_LENGTH_IN_CHARS);

  const taken = s.lookupReplicaSet(name);
  if (taken !== undefined) {
    const ref = getControllerOf(taken.metadata);
    const ours =
      ref !== undefined &&
      ref.kind === "Deployment" &&
      (ref.uid && d.metadata.uid ? ref.uid === d.metadata.uid : ref.name === d.metadata.name);
    if (!(ours && equalIgnoreHash(d.spec.template, taken.spec.template))) {
      const before = d.status.collisionCount ?? 0;
      d.status.collisionCount = before + 1;
      s.updateDeploymentStatus();
      s.decide(
        "hash-collision",
        `ReplicaSet ${name} exists with another template: collisionCount ${before} → ${before + 1}`,
        { replicaSet: name, collisionCount: before + 1 },
      );
      return { error: `replicasets.apps "${name}" already exists` };
    }
    // A slow cache in Kubernetes; here the store is never stale, but keep the rule: it is ours.
    return { rs: taken };
  }

  const created = s.createReplicaSet(newRS);
  s.decide(
    "create-rs",
    `Created new ReplicaSet ${name} with ${count} replicas (revision ${newRevision})`,
    Object.assign(
      { replicaSet: name, replicas: count, revision: Number(newRevision), podTemplateHash: hash },
      rolloutBudgets(d),
      { maxTotalPods: d.spec.replicas + maxSurge(d), allPods: getReplicaCountForReplicaSets(oldRSs) },
    ),
  );
  if (count > 0) s.event("Normal", "ScalingReplicaSet", msg.scaledUpNewReplicaSet(name, count));
  let needsUpdate = setDeploymentRevision(d, newRevision);
  if (hasProgressDeadline(d)) {
    setDeploymentCondition(
      d.status,
      newDeploymentCondition("Progressing", "True", NewRSReason, msg.createdNewReplicaSet(name), s.now),
    );
    needsUpdate = true;
  }
  if (needsUpdate) s.updateDeploymentStatus();
  return { rs: created };
}

// ------------------------------------------------------------------ scaling events

/**
 * isScalingEvent: some active ReplicaSet's desired-replicas annotation differs from
 * spec.replicas — someone (`kubectl scale`, an HPA) changed the size, not the template.
 */
export function isScalingEvent(
  s: SyncSession,
  d: Deployment,
  rsList: readonly ReplicaSet[],
): { scaling: boolean; error?: string; all?: AllReplicaSets } {
  const all = getAllReplicaSetsAndSyncRevision(s, d, rsList, false);
  const { newRS, oldRSs, error } = all;
  if (error !== undefined) return { scaling: false, error };
  // The active ones of oldRSs and then newRS, in that order (FilterActiveReplicaSets).
  for (let i = 0; i <= oldRSs.length; i++) {
    const rs = i < oldRSs.length ? oldRSs[i] : newRS;
    if (rs === undefined || rs.spec.replicas <= 0) continue;
    const desired = getDesiredReplicasAnnotation(rs);
    if (desired === undefined) continue;
    if (desired !== d.spec.replicas) return { scaling: true, all };
  }
  return { scaling: false, all };
}

/**
 * scale: apply a change of spec.replicas.
 * 1. One active ReplicaSet (or none: the new one, else the newest old one) takes it all.
 * 2. A saturated new ReplicaSet means the old ones go to 0.
 * 3. RollingUpdate: distribute replicas + maxSurge − (current total) over the active
 *    ReplicaSets in proportion to their size (getProportion), largest first — newest first among
 *    equals when growing, oldest first when shrinking — and give the rounding leftover to the
 *    first. Recreate does nothing here.
 * Worked example (TestScale "proportional scaling: 5 → 3"): new 2, old 3, max-replicas 5, surge
 * 0: toAdd = 3 − 5 = −2; old (larger) round(3·3/5) − 3 = −1 → 2; new round(2·3/5) − 2 = −1 → 1.
 */
export function scale(
  s: SyncSession,
  d: Deployment,
  newRS: ReplicaSet | undefined,
  oldRSs: readonly ReplicaSet[],
): void {
  const activeOrLatest = findActiveOrLatest(newRS, oldRSs);
  if (activeOrLatest !== undefined) {
    if (activeOrLatest.spec.replicas === d.spec.replicas) return;
    scaleReplicaSetAndRecordEvent(s, activeOrLatest, d.spec.replicas, d, {
      step: "scale (single active ReplicaSet)",
      inputs: rolloutBudgets(d),
    });
    return;
  }
  if (isSaturated(d, newRS)) {
    for (const old of filterActiveReplicaSets(oldRSs)) {
      scaleReplicaSetAndRecordEvent(s, old, 0, d, {
        step: "scale (new ReplicaSet saturated)",
        inputs: rolloutBudgets(d),
      });
    }
    return;
  }
  if (!isRollingUpdate(d)) return;

  const allRSs = filterActiveReplicaSets([...oldRSs, newRS]);
  const allRSsReplicas = getReplicaCountForReplicaSets(allRSs);
  const allowedSize = d.spec.replicas > 0 ? d.spec.replicas + maxSurge(d) : 0;
  const toAdd = allowedSize - allRSsReplicas;
  if (toAdd > 0) allRSs.sort(bySizeNewer);
  else if (toAdd < 0) allRSs.sort(bySizeOlder);

  let added = 0;
  const nameToSize = new Map<string, number>();
  const proportions: Record<string, number> = dict();
  for (const rs of allRSs) {
    if (toAdd !== 0) {
      const proportion = getProportion(rs, d, toAdd, added);
      proportions[rs.metadata.name] = proportion;
      nameToSize.set(rs.metadata.name, rs.spec.replicas + proportion);
      added += proportion;
    } else nameToSize.set(rs.metadata.name, rs.spec.replicas);
  }
  const inputs = Object.assign(rolloutBudgets(d), {
    allowedSize,
    currentTotal: allRSsReplicas,
    toAdd,
    proportions,
    leftover: toAdd - added,
  });
  allRSs.forEach((rs, i) => {
    const name = rs.metadata.name;
    if (i === 0 && toAdd !== 0)
      nameToSize.set(name, Math.max(0, (nameToSize.get(name) ?? 0) + toAdd - added));
    scaleReplicaSet(s, rs, nameToSize.get(name) ?? rs.spec.replicas, d, {
      step: "proportional scaling",
      inputs,
    });
  });
}

// ------------------------------------------------------------------ paused / scaling sync

/** getRollbackTo: the legacy rollback revision, or undefined (missing, empty or not an integer). */
export function getRollbackTo(d: Deployment): number | undefined {
  const v = d.metadata.annotations?.[DeprecatedRollbackTo];
  if (v === undefined || v === "" || !/^[+-]?[0-9]+$/.test(v)) return undefined;
  return Number.parseInt(v, 10);
}

/**
 * sync: reconcile a scaling event or a paused Deployment — proportional scaling, history
 * cleanup while paused (and no rollback pending), then the status.
 */
export function sync(
  s: SyncSession,
  d: Deployment,
  rsList: readonly ReplicaSet[],
  /** What getAllReplicaSetsAndSyncRevision answers now, when already known (index.ts). */
  known?: AllReplicaSets,
): void {
  const { newRS, oldRSs, error } = known ?? getAllReplicaSetsAndSyncRevision(s, d, rsList, false);
  if (error !== undefined) return;
  scale(s, d, newRS, oldRSs);
  if (d.spec.paused) recordPausedWait(s, d, newRS, oldRSs);
  if (d.spec.paused && getRollbackTo(d) === undefined) cleanupDeployment(s, oldRSs, d);
  syncDeploymentStatus(s, [...oldRSs, newRS], newRS, d);
}

/** syncStatusOnly: a Deployment being deleted only gets its status refreshed. */
export function syncStatusOnly(s: SyncSession, d: Deployment, rsList: readonly ReplicaSet[]): void {
  const { newRS, oldRSs, error } = getAllReplicaSetsAndSyncRevision(s, d, rsList, false);
  if (error !== undefined) return;
  syncDeploymentStatus(s, [...oldRSs, newRS], newRS, d);
}

/**
 * checkPausedConditions: with a progress deadline, mark Progressing Unknown/DeploymentPaused
 * on pause and Unknown/DeploymentResumed on resume (fresh lastUpdateTime, so paused time does
 * not count toward the deadline) — but never over ProgressDeadlineExceeded.
 */
export function checkPausedConditions(s: SyncSession, d: Deployment): void {
  if (!hasProgressDeadline(d)) return;
  const cond = getDeploymentCondition(d.status, "Progressing");
  if (cond !== undefined && cond.reason === TimedOutReason) return;
  const pausedCondExists = cond !== undefined && cond.reason === PausedDeployReason;
  if (d.spec.paused && !pausedCondExists) {
    setDeploymentCondition(
      d.status,
      newDeploymentCondition("Progressing", "Unknown", PausedDeployReason, msg.deploymentPaused, s.now),
    );
  } else if (!d.spec.paused && pausedCondExists) {
    setDeploymentCondition(
      d.status,
      newDeploymentCondition("Progressing", "Unknown", ResumedDeployReason, msg.deploymentResumed, s.now),
    );
  } else return;
  s.updateDeploymentStatus();
}

// ------------------------------------------------------------------ history cleanup

/**
 * cleanupDeployment: keep at most revisionHistoryLimit old ReplicaSets. The oldest revisions
 * beyond the limit are candidates; a candidate still holding pods (spec or status), not yet
 * observed at its generation, or already being deleted is skipped — not replaced by a newer one.
 * Example (TestDeploymentController_cleanupDeploymentOrder): revisions 1 (1 replica), 2, 3 with
 * limit 1 → candidates revisions 1 and 2 → 1 is skipped, only 2 is deleted.
 */
export function cleanupDeployment(s: SyncSession, oldRSs: readonly ReplicaSet[], d: Deployment): void {
  if (!hasRevisionHistoryLimit(d)) return;
  const cleanable = oldRSs.filter((rs) => rs !== undefined && rs.metadata.deletionTimestamp === undefined);
  const diff = cleanable.length - d.spec.revisionHistoryLimit;
  if (diff <= 0) return;
  const sorted = [...cleanable].sort(byRevision);
  for (let i = 0; i < diff; i++) {
    const rs = sorted[i];
    if (
      (rs.status.replicas ?? 0) !== 0 ||
      rs.spec.replicas !== 0 ||
      (rs.metadata.generation ?? 0) > (rs.status.observedGeneration ?? 0) ||
      rs.metadata.deletionTimestamp !== undefined
    )
      continue;
    s.deleteReplicaSet(rs.metadata.name);
    s.decide(
      "cleanup",
      `Deleted old ReplicaSet ${rs.metadata.name} (revisionHistoryLimit ${d.spec.revisionHistoryLimit})`,
      {
        replicaSet: rs.metadata.name,
        revision: rs.metadata.annotations?.[RevisionAnnotation] ?? null,
        revisionHistoryLimit: d.spec.revisionHistoryLimit,
        oldReplicaSets: cleanable.length,
      },
    );
  }
}

// ------------------------------------------------------------------ status

/**
 * calculateStatus: the Deployment's counts from its ReplicaSets — replicas, ready and available
 * sum the RS statuses, updatedReplicas is the new RS's status.replicas, and unavailableReplicas
 * = max(0, Σ spec.replicas − available) (spec, not status: pods still to be created count as
 * unavailable). Available is True when available ≥ replicas − maxUnavailable.
 * Example: replicas 10, maxUnavailable 2, old RS 8 available + new RS 5 spec/0 available →
 * unavailable 13 − 8 = 5, Available True (8 ≥ 8).
 */
export function calculateStatus(
  allRSs: readonly (ReplicaSet | undefined)[],
  newRS: ReplicaSet | undefined,
  d: Deployment,
  now: number,
): DeploymentStatus {
  const available = getAvailableReplicaCountForReplicaSets(allRSs);
  const total = getReplicaCountForReplicaSets(allRSs);
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation ?? 0,
    replicas: getActualReplicaCountForReplicaSets(allRSs),
    updatedReplicas: getActualReplicaCountForReplicaSets([newRS]),
    readyReplicas: getReadyReplicaCountForReplicaSets(allRSs),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, total - available),
    conditions: [...(d.status.conditions ?? [])],
  };
  if (d.status.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
  if (available >= d.spec.replicas - maxUnavailable(d)) {
    setDeploymentCondition(
      status,
      newDeploymentCondition("Available", "True", MinimumReplicasAvailable, msg.minimumAvailability, now),
    );
  } else {
    setDeploymentCondition(
      status,
      newDeploymentCondition(
        "Available",
        "False",
        MinimumReplicasUnavailable,
        msg.noMinimumAvailability,
        now,
      ),
    );
  }
  return status;
}

/**
 * reflect.DeepEqual of two statuses, with Go's zero values for absent fields. The fields are
 * compared as their JSON texts would be (the comparison was of JSON texts): a number that is
 * not finite reads as null there, as an absent value does, and nothing else is equal to null.
 */
export function statusEqual(a: DeploymentStatus, b: DeploymentStatus): boolean {
  if (
    !sameJson(a.observedGeneration ?? 0, b.observedGeneration ?? 0) ||
    !sameJson(a.replicas ?? 0, b.replicas ?? 0) ||
    !sameJson(a.updatedReplicas ?? 0, b.updatedReplicas ?? 0) ||
    !sameJson(a.readyReplicas ?? 0, b.readyReplicas ?? 0) ||
    !sameJson(a.availableReplicas ?? 0, b.availableReplicas ?? 0) ||
    !sameJson(a.unavailableReplicas ?? 0, b.unavailableReplicas ?? 0) ||
    !sameJson(a.collisionCount ?? null, b.collisionCount ?? null)
  )
    return false;
  const ca = a.conditions ?? [];
  const cb = b.conditions ?? [];
  if (ca.length !== cb.length) return false;
  for (let i = 0; i < ca.length; i++) {
    const x = ca[i];
    const y = cb[i];
    if (
      !sameJson(x.type, y.type) ||
      !sameJson(x.status, y.status) ||
      !sameJson(x.reason, y.reason) ||
      !sameJson(x.message, y.message) ||
      !sameJson(x.lastUpdateTime, y.lastUpdateTime) ||
      !sameJson(x.lastTransitionTime, y.lastTransitionTime)
    )
      return false;
  }
  return true;
}

/**
 * Whether two values of a status field (numbers, strings, absent) have the same text as
 * entries of a JSON array: undefined, null, NaN and ±Infinity all write `null`; −0 writes `0`.
 */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const nullA = a === undefined || a === null || (typeof a === "number" && !Number.isFinite(a));
  const nullB = b === undefined || b === null || (typeof b === "number" && !Number.isFinite(b));
  if (nullA || nullB) return nullA && nullB;
  if (typeof a === "object" && typeof b === "object") return JSON.stringify(a) === JSON.stringify(b);
  return false;
}

/** syncDeploymentStatus: write the calculated status when it differs. */
export function syncDeploymentStatus(
  s: SyncSession,
  allRSs: readonly (ReplicaSet | undefined)[],
  newRS: ReplicaSet | undefined,
  d: Deployment,
): void {
  const next = calculateStatus(allRSs, newRS, d, s.now);
  if (statusEqual(d.status, next)) return;
  d.status = next;
  s.updateDeploymentStatus();
}

/**
 * The "rollout-wait" decision of a paused Deployment whose template is not fully rolled out
 * (no ReplicaSet for it yet, or old ones still hold pods): a pause stops every rollout step.
 */
function recordPausedWait(
  s: SyncSession,
  d: Deployment,
  newRS: ReplicaSet | undefined,
  oldRSs: readonly ReplicaSet[],
): void {
  const active = filterActiveReplicaSets(oldRSs);
  if (newRS !== undefined && active.length === 0) return;
  const inputs: RolloutWait = Object.assign(
    rolloutBudgets(d),
    { waitingFor: "paused" as const },
    newRS ? { newReplicaSet: replicaSetCounts(newRS) } : undefined,
    {
      oldReplicaSets: active.map(replicaSetCounts),
      progressing: progressingOf(d),
      progressDeadlineSeconds: d.spec.progressDeadlineSeconds,
    },
  );
  s.decide(
    "rollout-wait",
    newRS ? "wait: paused mid-rollout" : "wait: paused; the new template has no ReplicaSet yet",
    inputs as unknown as Record<string, unknown>,
  );
}
