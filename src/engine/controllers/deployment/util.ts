/**
 * The Deployment controller's pure arithmetic and bookkeeping, named after the functions of
 * pkg/controller/deployment/util/deployment_util.go (v1.28) and the ReplicaSet sort orders
 * of pkg/controller/controller_utils.go. Nothing here reads a clock or writes anything.
 */
import { deepClone } from "../../../k8s/clone.ts";
import type {
  Deployment,
  DeploymentStatus,
  IntOrString,
  PodTemplateSpec,
  ReplicaSet,
  Time,
} from "../../../k8s/types.ts";
import { getScaledValueFromIntOrPercent, isIntOrStringError } from "../../../k8s/intstr.ts";
import { POD_TEMPLATE_HASH_LABEL, templateEqualIgnoringHash } from "../../../k8s/hash.ts";
import { isZeroTime } from "../replicaset/pods.ts";
import {
  DesiredReplicasAnnotation,
  MaxReplicasAnnotation,
  RevisionAnnotation,
  RevisionHistoryAnnotation,
  skipCopyAnnotation,
} from "./annotations.ts";
import { NewRSAvailableReason, TimedOutReason, getDeploymentCondition } from "./conditions.ts";
import { parseInt64, revision } from "../../../k8s/kinds/deployment/annotations.ts";

/** math.MaxInt32: as progressDeadlineSeconds or revisionHistoryLimit it means "none". */
export const MAX_INT32 = 2147483647;

// ------------------------------------------------------------------ fenceposts

export interface Fenceposts {
  surge: number;
  unavailable: number;
  error?: string;
}

/**
 * ResolveFenceposts: maxSurge rounds a percentage UP, maxUnavailable rounds DOWN, both of
 * `desired`; an unset value is 0; when both come out 0, maxUnavailable becomes 1 "on the theory
 * that surge might not work due to quota". Worked examples:
 * - 10 desired, 39%/39% → surge ceil(3.9) = 4, unavailable floor(3.9) = 3;
 * - 2 desired, surge 0%, unavailable 1% → 0 and floor(0.02) = 0 → unavailable 1: old(−1), then new(+1);
 * - 0 desired, 0%/0% → 0, 1;
 * - "urg" (no %) → error, 0, 0.
 */
export function resolveFenceposts(
  maxSurge: IntOrString | undefined | null,
  maxUnavailable: IntOrString | undefined | null,
  desired: number,
): Fenceposts {
  const surge = getScaledValueFromIntOrPercent(maxSurge ?? 0, desired, true);
  if (isIntOrStringError(surge)) return { surge: 0, unavailable: 0, error: surge.message };
  let unavailable = getScaledValueFromIntOrPercent(maxUnavailable ?? 0, desired, false);
  if (isIntOrStringError(unavailable)) return { surge: 0, unavailable: 0, error: unavailable.message };
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

export const isRollingUpdate = (d: Deployment): boolean => d.spec.strategy.type === "RollingUpdate";

/** MaxSurge: the resolved surge for RollingUpdate, 0 for Recreate. Example: 25% of 10 → 3. */
export function maxSurge(d: Deployment): number {
  if (!isRollingUpdate(d)) return 0;
  return fencepostsOf(d).surge;
}

/**
 * The last fenceposts resolved, with what they were resolved from: a sync asks for them half a
 * dozen times (the budgets of every decision, the status, each scale) of the same strategy, and
 * each time parsed the percentages again. Only values that are not objects are kept, so equal
 * inputs are the same inputs.
 */
let lastFenceposts:
  | {
      surge: IntOrString | undefined | null;
      unavailable: IntOrString | undefined | null;
      desired: number;
      resolved: Fenceposts;
    }
  | undefined;

function fencepostsOf(d: Deployment): Fenceposts {
  const ru = d.spec.strategy.rollingUpdate ?? {};
  const surge = ru.maxSurge;
  const unavailable = ru.maxUnavailable;
  const desired = d.spec.replicas;
  const last = lastFenceposts;
  if (
    last !== undefined &&
    last.surge === surge &&
    last.unavailable === unavailable &&
    last.desired === desired
  )
    return last.resolved;
  const resolved = resolveFenceposts(surge, unavailable, desired);
  if (typeof surge !== "object" && typeof unavailable !== "object")
    lastFenceposts = { surge, unavailable, desired, resolved };
  return resolved;
}

/**
 * MaxUnavailable: the resolved value, capped at replicas; 0 for Recreate or replicas 0.
 * Examples: 10 replicas, 50% → 5; 5 replicas, 100% → 5; 5 replicas, 10 → 5; surge 0 and 0% → 1.
 */
export function maxUnavailable(d: Deployment): number {
  if (!isRollingUpdate(d) || !d.spec.replicas) return 0;
  return Math.min(fencepostsOf(d).unavailable, d.spec.replicas);
}

/** MinAvailable: replicas − MaxUnavailable for RollingUpdate, 0 for Recreate. Example: 10 replicas, 60% → 10 − 6 = 4. */
export function minAvailable(d: Deployment): number {
  if (!isRollingUpdate(d)) return 0;
  return d.spec.replicas - maxUnavailable(d);
}

/**
 * NewRSNewReplicas: how big the new ReplicaSet may be now. RollingUpdate: fill the surge budget
 * (replicas + maxSurge, maxSurge rounded up on its own — ResolveFenceposts is not used, so with
 * surge 0 nothing scales up before old pods go) counting every ReplicaSet's spec, never beyond
 * replicas. Recreate: replicas.
 * Worked example: replicas 10, maxSurge 3, old RS at 10, new at 0 → min(13 − 10, 10 − 0) = 3;
 * after the old RS went to 8: min(13 − 11, 10 − 3) = 2 → 5.
 */
export function newRSNewReplicas(
  d: Deployment,
  allRSs: readonly (ReplicaSet | undefined)[],
  newRS: ReplicaSet,
): number | { error: string } {
  if (d.spec.strategy.type === "Recreate") return d.spec.replicas;
  if (d.spec.strategy.type !== "RollingUpdate")
    return { error: `deployment type ${d.spec.strategy.type} isn't supported` };
  const surge = getScaledValueFromIntOrPercent(
    d.spec.strategy.rollingUpdate?.maxSurge,
    d.spec.replicas,
    true,
  );
  if (isIntOrStringError(surge)) return { error: surge.message };
  const current = getReplicaCountForReplicaSets(allRSs);
  const maxTotal = d.spec.replicas + surge;
  if (current >= maxTotal) return newRS.spec.replicas;
  const scaleUp = Math.min(maxTotal - current, d.spec.replicas - newRS.spec.replicas);
  return newRS.spec.replicas + scaleUp;
}

// ------------------------------------------------------------------ counts

const present = (rss: readonly (ReplicaSet | undefined)[]): ReplicaSet[] =>
  rss.filter((rs): rs is ReplicaSet => rs !== undefined);

/** GetReplicaCountForReplicaSets: the sum of spec.replicas. */
export function getReplicaCountForReplicaSets(rss: readonly (ReplicaSet | undefined)[]): number {
  let n = 0;
  for (let i = 0; i < rss.length; i++) {
    const rs = rss[i];
    if (rs !== undefined) n += rs.spec.replicas;
  }
  return n;
}

/** GetActualReplicaCountForReplicaSets: the sum of status.replicas. */
export function getActualReplicaCountForReplicaSets(rss: readonly (ReplicaSet | undefined)[]): number {
  let n = 0;
  for (let i = 0; i < rss.length; i++) {
    const rs = rss[i];
    if (rs !== undefined) n += rs.status.replicas ?? 0;
  }
  return n;
}

/** GetReadyReplicaCountForReplicaSets: the sum of status.readyReplicas. */
export function getReadyReplicaCountForReplicaSets(rss: readonly (ReplicaSet | undefined)[]): number {
  let n = 0;
  for (let i = 0; i < rss.length; i++) {
    const rs = rss[i];
    if (rs !== undefined) n += rs.status.readyReplicas ?? 0;
  }
  return n;
}

/** GetAvailableReplicaCountForReplicaSets: the sum of status.availableReplicas. */
export function getAvailableReplicaCountForReplicaSets(rss: readonly (ReplicaSet | undefined)[]): number {
  let n = 0;
  for (let i = 0; i < rss.length; i++) {
    const rs = rss[i];
    if (rs !== undefined) n += rs.status.availableReplicas ?? 0;
  }
  return n;
}

/** FilterActiveReplicaSets: the ReplicaSets with spec.replicas > 0. */
export const filterActiveReplicaSets = (rss: readonly (ReplicaSet | undefined)[]): ReplicaSet[] =>
  present(rss).filter((rs) => rs.spec.replicas > 0);

// ------------------------------------------------------------------ orders

const creationOf = (rs: ReplicaSet): number =>
  isZeroTime(rs.metadata.creationTimestamp)
    ? Number.NEGATIVE_INFINITY
    : (rs.metadata.creationTimestamp as Time);

/** ReplicaSetsByCreationTimestamp: oldest first (a zero timestamp is oldest), then by name. */
export function byCreationTimestamp(a: ReplicaSet, b: ReplicaSet): number {
  const ta = creationOf(a);
  const tb = creationOf(b);
  if (ta === tb) return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
  return ta < tb ? -1 : 1;
}

/** ReplicaSetsBySizeOlder: largest first; equal sizes oldest first (proportional scale-down). */
export function bySizeOlder(a: ReplicaSet, b: ReplicaSet): number {
  if (a.spec.replicas === b.spec.replicas) return byCreationTimestamp(a, b);
  return b.spec.replicas - a.spec.replicas;
}

/** ReplicaSetsBySizeNewer: largest first; equal sizes newest first (proportional scale-up). */
export function bySizeNewer(a: ReplicaSet, b: ReplicaSet): number {
  if (a.spec.replicas === b.spec.replicas) return byCreationTimestamp(b, a);
  return b.spec.replicas - a.spec.replicas;
}

/**
 * ReplicaSetsByRevision: ascending revision; equal (or unparseable) revisions fall back to
 * creation time, then name. A missing revision reads as 0, so it sorts first.
 */
export function byRevision(a: ReplicaSet, b: ReplicaSet): number {
  const ra = revision(a);
  const rb = revision(b);
  if (ra === undefined || rb === undefined || ra === rb) return byCreationTimestamp(a, b);
  return ra - rb;
}

// ------------------------------------------------------------------ revisions

/** Revision: the revision annotation (src/k8s/kinds/deployment/annotations.ts). */
export { revision };

/** MaxRevision: the highest revision, skipping unparseable ones; 0 for none. */
export function maxRevision(rss: readonly (ReplicaSet | undefined)[]): number {
  let max = 0;
  for (const rs of present(rss)) {
    const v = revision(rs);
    if (v !== undefined && v > max) max = v;
  }
  return max;
}

/** LastRevision: the second-highest revision (what `rollout undo` goes back to). Example: 1, 3, 2 → 2. */
export function lastRevision(rss: readonly (ReplicaSet | undefined)[]): number {
  let max = 0;
  let secMax = 0;
  for (const rs of present(rss)) {
    const v = revision(rs);
    if (v === undefined) continue;
    if (v >= max) {
      secMax = max;
      max = v;
    } else if (v > secMax) secMax = v;
  }
  return secMax;
}

/** SetDeploymentRevision: true when the Deployment's revision annotation changed. */
export function setDeploymentRevision(d: Deployment, rev: string): boolean {
  d.metadata.annotations ??= {};
  if (d.metadata.annotations[RevisionAnnotation] === rev) return false;
  d.metadata.annotations[RevisionAnnotation] = rev;
  return true;
}

/**
 * copyDeploymentAnnotationsToReplicaSet: every Deployment annotation except annotationsToSkip
 * (so `kubernetes.io/change-cause` follows the template into its ReplicaSet).
 */
export function copyDeploymentAnnotationsToReplicaSet(d: Deployment, rs: ReplicaSet): boolean {
  rs.metadata.annotations ??= {};
  let changed = false;
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (skipCopyAnnotation(k) || rs.metadata.annotations[k] === v) continue;
    rs.metadata.annotations[k] = v;
    changed = true;
  }
  return changed;
}

/**
 * SetNewReplicaSetAnnotations: copy the Deployment's annotations, raise the revision to
 * newRevision when it is lower, and — when the ReplicaSet already had a revision (a rollback
 * to it) — append the old one to revision-history, dropping the oldest entries beyond
 * revHistoryLimitInChars. A ReplicaSet about to be created also gets desired/max replicas.
 * Worked example with a 5-character limit, revisions 11, 12, 13, 14 in turn: history
 * "" → "11" → "11,12" → "12,13" (adding "13" to "11,12" would make 8 characters; dropping
 * "11" leaves 5).
 */
export function setNewReplicaSetAnnotations(
  d: Deployment,
  rs: ReplicaSet,
  newRevision: string,
  exists: boolean,
  revHistoryLimitInChars: number,
): boolean {
  let changed = copyDeploymentAnnotationsToReplicaSet(d, rs);
  const annotations = (rs.metadata.annotations ??= {});
  const oldRevision = annotations[RevisionAnnotation];
  const hadRevision = oldRevision !== undefined;
  let oldRevisionInt = 0;
  if (hadRevision && oldRevision !== "") {
    const parsed = parseInt64(oldRevision);
    if (parsed === undefined) return false;
    oldRevisionInt = parsed;
  }
  const newRevisionInt = parseInt64(newRevision);
  if (newRevisionInt === undefined) return false;
  if (oldRevisionInt < newRevisionInt) {
    annotations[RevisionAnnotation] = newRevision;
    changed = true;
  }
  if (hadRevision && oldRevisionInt < newRevisionInt) {
    const history = annotations[RevisionHistoryAnnotation] ?? "";
    const oldRevisions = history.split(",");
    if (oldRevisions[0].length === 0) {
      annotations[RevisionHistoryAnnotation] = oldRevision;
    } else {
      let totalLen = history.length + oldRevision.length + 1;
      let start = 0;
      while (totalLen > revHistoryLimitInChars && start < oldRevisions.length) {
        totalLen = totalLen - oldRevisions[start].length - 1;
        start++;
      }
      if (totalLen <= revHistoryLimitInChars)
        annotations[RevisionHistoryAnnotation] = [...oldRevisions.slice(start), oldRevision].join(",");
    }
  }
  if (!exists && setReplicasAnnotations(rs, d.spec.replicas, d.spec.replicas + maxSurge(d))) changed = true;
  return changed;
}

/**
 * Whether SetNewReplicaSetAnnotations would leave an existing ReplicaSet (`exists`) as it is and
 * answer false: it has annotations, each of the Deployment's that is copied is there already,
 * and its revision is not below newRevision (or one of the two does not parse, where the
 * function stops). Most syncs find the new ReplicaSet so, and need no copy of it to annotate.
 */
export function newReplicaSetAnnotationsSettled(d: Deployment, rs: ReplicaSet, newRevision: string): boolean {
  const annotations = rs.metadata.annotations;
  if (annotations === undefined || annotations === null) return false;
  const own = d.metadata.annotations;
  if (own !== undefined && own !== null)
    for (const k in own)
      if (Object.hasOwn(own, k) && !skipCopyAnnotation(k) && annotations[k] !== own[k]) return false;
  const oldRevision = annotations[RevisionAnnotation];
  let oldRevisionInt = 0;
  if (oldRevision !== undefined && oldRevision !== "") {
    const parsed = parseInt64(oldRevision);
    if (parsed === undefined) return true;
    oldRevisionInt = parsed;
  }
  const newRevisionInt = parseInt64(newRevision);
  return newRevisionInt === undefined || oldRevisionInt >= newRevisionInt;
}

/** SetReplicasAnnotations: stamp desired-replicas and max-replicas; true when either changed. */
export function setReplicasAnnotations(
  rs: ReplicaSet,
  desiredReplicas: number,
  maxReplicas: number,
): boolean {
  const annotations = (rs.metadata.annotations ??= {});
  let updated = false;
  if (annotations[DesiredReplicasAnnotation] !== String(desiredReplicas)) {
    annotations[DesiredReplicasAnnotation] = String(desiredReplicas);
    updated = true;
  }
  if (annotations[MaxReplicasAnnotation] !== String(maxReplicas)) {
    annotations[MaxReplicasAnnotation] = String(maxReplicas);
    updated = true;
  }
  return updated;
}

/** ReplicasAnnotationsNeedUpdate: would SetReplicasAnnotations change anything? (No annotations at all → yes.) */
export function replicasAnnotationsNeedUpdate(
  rs: ReplicaSet,
  desiredReplicas: number,
  maxReplicas: number,
): boolean {
  const annotations = rs.metadata.annotations;
  if (annotations === undefined || annotations === null) return true;
  return (
    annotations[DesiredReplicasAnnotation] !== String(desiredReplicas) ||
    annotations[MaxReplicasAnnotation] !== String(maxReplicas)
  );
}

/** getIntFromAnnotation (strconv.Atoi): undefined when missing or not an integer. */
function intAnnotation(rs: ReplicaSet, key: string): number | undefined {
  const v = rs.metadata.annotations?.[key];
  return v === undefined ? undefined : parseInt64(v);
}

export const getDesiredReplicasAnnotation = (rs: ReplicaSet): number | undefined =>
  intAnnotation(rs, DesiredReplicasAnnotation);
export const getMaxReplicasAnnotation = (rs: ReplicaSet): number | undefined =>
  intAnnotation(rs, MaxReplicasAnnotation);

/**
 * IsSaturated: the new ReplicaSet has all the Deployment's replicas in spec, in its
 * desired-replicas annotation, and available. A new RS at full size with 0 available is not
 * saturated, so proportional scaling still runs.
 */
export function isSaturated(d: Deployment, rs: ReplicaSet | undefined): boolean {
  if (rs === undefined) return false;
  const desired = getDesiredReplicasAnnotation(rs);
  if (desired === undefined) return false;
  return (
    rs.spec.replicas === d.spec.replicas &&
    desired === d.spec.replicas &&
    (rs.status.availableReplicas ?? 0) === d.spec.replicas
  );
}

// ------------------------------------------------------------------ finding ReplicaSets

/**
 * EqualIgnoreHash's answers per pair of template objects. A sync asks it of every ReplicaSet's
 * template several times (FindNewReplicaSet from FindOldReplicaSets and from getNewReplicaSet,
 * in isScalingEvent and again in the rollout); a stored template is never changed in place and
 * the Deployment's own copy is only ever replaced whole (setFromReplicaSetTemplate), so the
 * same two objects always give the same answer.
 */
const equalIgnoreHashMemo = new WeakMap<PodTemplateSpec, WeakMap<PodTemplateSpec, boolean>>();

/** EqualIgnoreHash: templates equal once pod-template-hash is removed from both. */
export function equalIgnoreHash(a: PodTemplateSpec, b: PodTemplateSpec): boolean {
  let against = equalIgnoreHashMemo.get(a);
  if (against === undefined) equalIgnoreHashMemo.set(a, (against = new WeakMap()));
  let equal = against.get(b);
  if (equal === undefined)
    against.set(b, (equal = sameTree(withoutHash(a), withoutHash(b)) || templateEqualIgnoringHash(a, b)));
  return equal;
}

/**
 * The template as EqualIgnoreHash compares it (hash.ts): the pod-template-hash label removed,
 * every other key in place.
 */
function withoutHash(t: PodTemplateSpec): PodTemplateSpec {
  const labels = { ...(t.metadata?.labels ?? {}) };
  delete labels[POD_TEMPLATE_HASH_LABEL];
  return { ...t, metadata: { ...t.metadata, labels } };
}

/**
 * Whether two JSON trees are the same: the same keys, arrays of the same length, equal
 * strings, booleans and finite numbers. Semantic equality (hash.ts) holds for every such pair
 * — an empty map against an empty map, a quantity against the same text — so a template that
 * is a copy of the other (a new ReplicaSet's, each write's copy of a ReplicaSet) is found equal
 * without the semantic walk, which copies the path at every node; any other pair (NaN, which
 * is equal to nothing, among them) is left to it.
 */
function sameTree(a: unknown, b: unknown): boolean {
  if (typeof a === "number") return a === b && Number.isFinite(a);
  if (typeof a !== "object" || a === null) return a === b;
  if (typeof b !== "object" || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    if (a.length !== other.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameTree(a[i], other[i])) return false;
    return true;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = Object.keys(ao);
  if (keys.length !== Object.keys(bo).length) return false;
  for (const k of keys) if (!Object.hasOwn(bo, k) || !sameTree(ao[k], bo[k])) return false;
  return true;
}

/**
 * FindNewReplicaSet: the oldest ReplicaSet (creation time, then name) whose template equals the
 * Deployment's ignoring the hash label — "oldest" because after some upgrades two may match
 * (kubernetes#40415).
 */
export function findNewReplicaSet(d: Deployment, rsList: readonly ReplicaSet[]): ReplicaSet | undefined {
  return findNewReplicaSetInOrder(d, rsList.length > 1 ? [...rsList].sort(byCreationTimestamp) : rsList);
}

/** FindNewReplicaSet of a list already in creation order (byCreationTimestamp). */
export function findNewReplicaSetInOrder(
  d: Deployment,
  sorted: readonly ReplicaSet[],
): ReplicaSet | undefined {
  for (const rs of sorted) if (equalIgnoreHash(rs.spec.template, d.spec.template)) return rs;
  return undefined;
}

/**
 * FindOldReplicaSets: every ReplicaSet but the new one (`all`), and those of them with
 * spec.replicas ≠ 0 (`withReplicas`), in creation order.
 */
export function findOldReplicaSets(
  d: Deployment,
  rsList: readonly ReplicaSet[],
): { withReplicas: ReplicaSet[]; all: ReplicaSet[] } {
  const sorted = [...rsList].sort(byCreationTimestamp);
  const newRS = findNewReplicaSet(d, sorted);
  const all = sorted.filter((rs) => newRS === undefined || rs.metadata.name !== newRS.metadata.name);
  return { withReplicas: all.filter((rs) => rs.spec.replicas !== 0), all };
}

/**
 * FindActiveOrLatest: the one active ReplicaSet if exactly one is active; with none active, the
 * new ReplicaSet or else the newest old one; with several active, undefined.
 */
export function findActiveOrLatest(
  newRS: ReplicaSet | undefined,
  oldRSs: readonly ReplicaSet[],
): ReplicaSet | undefined {
  if (newRS === undefined && oldRSs.length === 0) return undefined;
  const newestFirst = [...oldRSs].sort((a, b) => byCreationTimestamp(b, a));
  const active = filterActiveReplicaSets([...newestFirst, newRS]);
  if (active.length === 0) return newRS ?? newestFirst[0];
  if (active.length === 1) return active[0];
  return undefined;
}

// ------------------------------------------------------------------ proportional scaling

/** RoundToInt32: math.Round, halves away from zero (2.5 → 3, −2.5 → −3). */
export const roundHalfAwayFromZero = (x: number): number => Math.sign(x) * Math.round(Math.abs(x));

/**
 * getReplicaSetFraction: how many replicas this ReplicaSet gains (or loses) when the Deployment's
 * maximum (replicas + maxSurge) changes, in proportion to its share of the previous maximum
 * (its max-replicas annotation, falling back to status.replicas). Scaling to 0 takes everything.
 * Example: 10 → 50 replicas, surge 3 → 6: an RS of 5 with max-replicas 13 → round(5 × 56 / 13) − 5
 * = round(21.54) − 5 = 17.
 */
export function getReplicaSetFraction(rs: ReplicaSet, d: Deployment): number {
  if (d.spec.replicas === 0) return -rs.spec.replicas;
  const deploymentMaxReplicas = d.spec.replicas + maxSurge(d);
  let before = getMaxReplicasAnnotation(rs);
  if (before === undefined || before === 0) {
    before = d.status.replicas ?? 0;
    if (before === 0) return 0;
  }
  return roundHalfAwayFromZero((rs.spec.replicas * deploymentMaxReplicas) / before) - rs.spec.replicas;
}

/**
 * GetProportion: the RS's fraction, clamped so that the running total never passes toAdd
 * (min when scaling up, max when scaling down); 0 for an empty RS or once all is distributed.
 */
export function getProportion(
  rs: ReplicaSet | undefined,
  d: Deployment,
  toAdd: number,
  added: number,
): number {
  if (rs === undefined || rs.spec.replicas === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = getReplicaSetFraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

// ------------------------------------------------------------------ status predicates

/** HasProgressDeadline: set and not MaxInt32. */
export const hasProgressDeadline = (d: Deployment): boolean =>
  d.spec.progressDeadlineSeconds !== undefined &&
  d.spec.progressDeadlineSeconds !== null &&
  d.spec.progressDeadlineSeconds !== MAX_INT32;

/** HasRevisionHistoryLimit: set and not MaxInt32. */
export const hasRevisionHistoryLimit = (d: Deployment): boolean =>
  d.spec.revisionHistoryLimit !== undefined &&
  d.spec.revisionHistoryLimit !== null &&
  d.spec.revisionHistoryLimit !== MAX_INT32;

/**
 * DeploymentComplete: updated == replicas == available == spec.replicas and the generation
 * observed. 5 replicas with 4 available (even if maxUnavailable is 1) is not complete.
 */
export function deploymentComplete(d: Deployment, status: DeploymentStatus): boolean {
  const r = d.spec.replicas;
  return (
    (status.updatedReplicas ?? 0) === r &&
    (status.replicas ?? 0) === r &&
    (status.availableReplicas ?? 0) === r &&
    (status.observedGeneration ?? 0) >= (d.metadata.generation ?? 0)
  );
}

/**
 * DeploymentProgressing: compared with the Deployment's current status, more updated pods,
 * fewer old pods (replicas − updated), more ready or more available pods.
 * Example: 10 total with 4 updated → 8 total with 8 updated is progress (more updated, fewer old).
 */
export function deploymentProgressing(d: Deployment, status: DeploymentStatus): boolean {
  const old = d.status;
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (status.replicas ?? 0) - (status.updatedReplicas ?? 0);
  return (
    (status.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (status.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (status.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  );
}

/**
 * DeploymentTimedOut: the Progressing condition's lastUpdateTime + progressDeadlineSeconds is
 * strictly before now. Never after a completed rollout (reason NewReplicaSetAvailable); always
 * once ProgressDeadlineExceeded was reported. Example: deadline 10 s, last update 00:01:11,
 * now 00:01:20 → 9 s → not timed out.
 */
export function deploymentTimedOut(d: Deployment, status: DeploymentStatus, now: Time): boolean {
  if (!hasProgressDeadline(d)) return false;
  const cond = getDeploymentCondition(status, "Progressing");
  if (cond === undefined) return false;
  if (cond.reason === NewRSAvailableReason) return false;
  if (cond.reason === TimedOutReason) return true;
  const from = isZeroTime(cond.lastUpdateTime) ? Number.NEGATIVE_INFINITY : cond.lastUpdateTime;
  return from + d.spec.progressDeadlineSeconds < now;
}

// ------------------------------------------------------------------ rollback helpers

/** SetFromReplicaSetTemplate: the Deployment takes the RS's template, minus the hash label. */
export function setFromReplicaSetTemplate(d: Deployment, template: PodTemplateSpec): void {
  const t = deepClone(template);
  if (t.metadata?.labels) delete t.metadata.labels[POD_TEMPLATE_HASH_LABEL];
  d.spec.template = t;
}

/** SetDeploymentAnnotationsTo: keep the Deployment's skip-list annotations, take every other one from the RS. */
export function setDeploymentAnnotationsTo(d: Deployment, rollbackToRS: ReplicaSet): void {
  const next: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (skipCopyAnnotation(k)) next[k] = v;
  for (const [k, v] of Object.entries(rollbackToRS.metadata.annotations ?? {}))
    if (!skipCopyAnnotation(k)) next[k] = v;
  d.metadata.annotations = next;
}
