/**
 * From the max-of-metrics proposal to the replica count the HPA writes, as horizontal.go
 * normalizes it. Two paths (docs/kubernetes/hpa-semantics.md §7, §8):
 *
 * - behavior path (`spec.behavior` set): stabilizeRecommendationWithBehaviors, then
 *   convertDesiredReplicasWithBehaviorRate (policies, min/max);
 * - legacy path (no behavior): stabilizeRecommendation (max over the downscale window), then
 *   convertDesiredReplicasWithRules (min, max and the 2×/4 scale-up cap of issue #32304).
 *
 * The stages are named as upstream names them: prenormalizedDesiredReplicas →
 * stabilizedRecommendation → desiredReplicas. Each stage returns { replicas, reason, message }.
 * Nothing here reads a clock or mutates its inputs: stored lists come back as new lists.
 */
import type { HPAScalingPolicy, HPAScalingRules, Time } from "../../../k8s/types.ts";
import {
  DESIRED_WITHIN_RANGE,
  READY_FOR_NEW_SCALE,
  SCALE_DOWN_LIMIT,
  SCALE_DOWN_STABILIZED,
  SCALE_UP_LIMIT,
  SCALE_UP_STABILIZED,
  TOO_FEW_REPLICAS,
  TOO_MANY_REPLICAS,
  type ReasonMessage,
} from "./messages.ts";
import {
  getReplicasChangePerPeriod,
  scaleEventsInPeriod,
  type TimestampedScaleEvent,
} from "./scaleEvents.ts";

export interface TimestampedRecommendation {
  recommendation: number;
  timestamp: Time;
}

export interface Normalized extends ReasonMessage {
  replicas: number;
}

const MAX_INT32 = 2147483647;
const MIN_INT32 = -2147483648;

// ------------------------------------------------------------------ behavior path

export interface StabilizationResult extends Normalized {
  /** Lowest recommendation in the scale-up window (with the proposal). */
  upRecommendation: number;
  /** Highest recommendation in the scale-down window (with the proposal). */
  downRecommendation: number;
  /** The window's contents that were considered, for the explainer. */
  window: { recommendation: number; age: number; inUpWindow: boolean; inDownWindow: boolean }[];
  /** The stored list after recording the raw proposal. */
  recommendations: TimestampedRecommendation[];
}

/**
 * stabilizeRecommendationWithBehaviors: clamp current into [min of the up-window, max of the
 * down-window] (both windows include the proposal; entries exactly at a window's edge are
 * out), then record the raw proposal, overwriting the last entry that is outside both windows.
 *
 * Example: current 4, proposal 2, down-window 300 s holding {5 @ −100 s, 3 @ −200 s}, up-window
 * 0 → upRec = 2, downRec = max(2, 5, 3) = 5 → clamp(4, 2, 5) = 4: ScaleDownStabilized.
 */
export function stabilizeRecommendationWithBehaviors(args: {
  now: Time;
  currentReplicas: number;
  desiredReplicas: number;
  scaleUpWindowSeconds: number;
  scaleDownWindowSeconds: number;
  recommendations: readonly TimestampedRecommendation[];
}): StabilizationResult {
  const { now, desiredReplicas } = args;
  let upRecommendation = desiredReplicas;
  let downRecommendation = desiredReplicas;
  const upCutoff = now - args.scaleUpWindowSeconds;
  const downCutoff = now - args.scaleDownWindowSeconds;
  let oldIndex = -1;
  const window: StabilizationResult["window"] = [];
  args.recommendations.forEach((rec, i) => {
    const inUp = rec.timestamp > upCutoff;
    const inDown = rec.timestamp > downCutoff;
    if (inUp) upRecommendation = Math.min(rec.recommendation, upRecommendation);
    if (inDown) downRecommendation = Math.max(rec.recommendation, downRecommendation);
    if (rec.timestamp < upCutoff && rec.timestamp < downCutoff) oldIndex = i;
    if (inUp || inDown)
      window.push({
        recommendation: rec.recommendation,
        age: now - rec.timestamp,
        inUpWindow: inUp,
        inDownWindow: inDown,
      });
  });
  let recommendation = args.currentReplicas;
  if (recommendation < upRecommendation) recommendation = upRecommendation;
  if (recommendation > downRecommendation) recommendation = downRecommendation;

  // A recommendation is never changed in place: a copy of the list, not of its entries.
  const recommendations = [...args.recommendations];
  const entry = { recommendation: desiredReplicas, timestamp: now };
  if (oldIndex >= 0) recommendations[oldIndex] = entry;
  else recommendations.push(entry);

  const rm =
    recommendation === desiredReplicas
      ? READY_FOR_NEW_SCALE
      : desiredReplicas >= args.currentReplicas
        ? SCALE_UP_STABILIZED
        : SCALE_DOWN_STABILIZED;
  return { replicas: recommendation, ...rm, upRecommendation, downRecommendation, window, recommendations };
}

/** One policy's proposal, for the explainer. */
export interface PolicyLimit {
  policy: HPAScalingPolicy;
  periodStartReplicas: number;
  addedInPeriod: number;
  removedInPeriod: number;
  /** The scale events the period counted (positive changes, age in seconds), up and down. */
  counted: { up: ScaleEventInPeriod[]; down: ScaleEventInPeriod[] };
  limit: number;
}

export type ScaleEventInPeriod = ReturnType<typeof scaleEventsInPeriod>[number];

function policyLimits(
  direction: "up" | "down",
  currentReplicas: number,
  upEvents: readonly TimestampedScaleEvent[],
  downEvents: readonly TimestampedScaleEvent[],
  rules: HPAScalingRules,
  now: Time,
): PolicyLimit[] {
  return (rules.policies ?? []).map((policy) => {
    const added = getReplicasChangePerPeriod(policy.periodSeconds, upEvents, now);
    const removed = getReplicasChangePerPeriod(policy.periodSeconds, downEvents, now);
    const start = currentReplicas - added + removed;
    let limit: number;
    if (direction === "up") {
      // Rounded up so a small percentage still adds a pod (else the target could never grow).
      limit = policy.type === "Pods" ? start + policy.value : Math.ceil(start * (1 + policy.value / 100));
    } else {
      limit = policy.type === "Pods" ? start - policy.value : Math.trunc(start * (1 - policy.value / 100));
    }
    const counted = {
      up: scaleEventsInPeriod(policy.periodSeconds, upEvents, now),
      down: scaleEventsInPeriod(policy.periodSeconds, downEvents, now),
    };
    return {
      policy,
      periodStartReplicas: start,
      addedInPeriod: added,
      removedInPeriod: removed,
      counted,
      limit,
    };
  });
}

/** Every scale-up policy's limit (before selectPolicy), for the explainer. */
export const scaleUpPolicyLimits = (
  currentReplicas: number,
  upEvents: readonly TimestampedScaleEvent[],
  downEvents: readonly TimestampedScaleEvent[],
  rules: HPAScalingRules,
  now: Time,
): PolicyLimit[] => policyLimits("up", currentReplicas, upEvents, downEvents, rules, now);

/** Every scale-down policy's limit (before selectPolicy), for the explainer. */
export const scaleDownPolicyLimits = (
  currentReplicas: number,
  upEvents: readonly TimestampedScaleEvent[],
  downEvents: readonly TimestampedScaleEvent[],
  rules: HPAScalingRules,
  now: Time,
): PolicyLimit[] => policyLimits("down", currentReplicas, upEvents, downEvents, rules, now);

/**
 * calculateScaleUpLimitWithScalingRules: per policy, from the replica count at the period's
 * start (current − added + removed within the period): Pods → start + value, Percent →
 * ceil(start × (1 + value/100)); Max picks the largest, Min the smallest, Disabled → current.
 * Example: current 1, [Pods 2/60 s, Percent 50/60 s], Min → min(3, ceil(1.5) = 2) = 2.
 * The product is float64, as upstream's: Percent 10 from 100 gives ceil(110.00000000000001) = 111.
 */
export function calculateScaleUpLimitWithScalingRules(
  currentReplicas: number,
  upEvents: readonly TimestampedScaleEvent[],
  downEvents: readonly TimestampedScaleEvent[],
  rules: HPAScalingRules,
  now: Time,
): number {
  if (rules.selectPolicy === "Disabled") return currentReplicas;
  const limits = scaleUpPolicyLimits(currentReplicas, upEvents, downEvents, rules, now).map((l) => l.limit);
  return rules.selectPolicy === "Min" ? Math.min(MAX_INT32, ...limits) : Math.max(MIN_INT32, ...limits);
}

/**
 * calculateScaleDownLimitWithBehaviors: Pods → start − value, Percent → trunc(start ×
 * (1 − value/100)); Max (the biggest change) picks the smallest, Min the largest.
 * Example: current 5, [Pods 2/60 s, Percent 50/60 s], Min → max(3, trunc(2.5) = 2) = 3.
 */
export function calculateScaleDownLimitWithBehaviors(
  currentReplicas: number,
  upEvents: readonly TimestampedScaleEvent[],
  downEvents: readonly TimestampedScaleEvent[],
  rules: HPAScalingRules,
  now: Time,
): number {
  if (rules.selectPolicy === "Disabled") return currentReplicas;
  const limits = scaleDownPolicyLimits(currentReplicas, upEvents, downEvents, rules, now).map((l) => l.limit);
  return rules.selectPolicy === "Min" ? Math.max(MIN_INT32, ...limits) : Math.min(MAX_INT32, ...limits);
}

export interface RateResult extends Normalized {
  /** The policy limit after flooring/capping at current (undefined when desired = current). */
  limit?: number;
  policies?: PolicyLimit[];
  /** The direction's selectPolicy that picked `limit` among the policies (undefined when desired = current). */
  selectPolicy?: NonNullable<HPAScalingRules["selectPolicy"]>;
  /** The limit selectPolicy picked, before it was floored (scale-up) or capped (scale-down) at current. */
  policyLimit?: number;
}

/**
 * convertDesiredReplicasWithBehaviorRate: a scale-up is capped by min(maxReplicas, policy
 * limit ≥ current), a scale-down floored by max(minReplicas, policy limit ≤ current); an
 * unchanged count passes untouched (min/max were handled before the metrics).
 * Example: current 5, desired 20, max 8, default policies (Pods 4, Percent 100 per 15 s) →
 * limit max(9, 10) = 10 > max 8 → 8, TooManyReplicas.
 */
export function convertDesiredReplicasWithBehaviorRate(args: {
  now: Time;
  currentReplicas: number;
  desiredReplicas: number;
  minReplicas: number;
  maxReplicas: number;
  scaleUp: HPAScalingRules;
  scaleDown: HPAScalingRules;
  scaleUpEvents: readonly TimestampedScaleEvent[];
  scaleDownEvents: readonly TimestampedScaleEvent[];
}): RateResult {
  const { currentReplicas: cur, desiredReplicas: want, now } = args;
  if (want > cur) {
    let limit = calculateScaleUpLimitWithScalingRules(
      cur,
      args.scaleUpEvents,
      args.scaleDownEvents,
      args.scaleUp,
      now,
    );
    const policies = scaleUpPolicyLimits(cur, args.scaleUpEvents, args.scaleDownEvents, args.scaleUp, now);
    const policyLimit = limit;
    // No further scale-up until the period's events age out.
    if (limit < cur) limit = cur;
    const [cap, rm] =
      args.maxReplicas > limit ? [limit, SCALE_UP_LIMIT] : [args.maxReplicas, TOO_MANY_REPLICAS];
    const selectPolicy = args.scaleUp.selectPolicy ?? "Max";
    if (want > cap) return { replicas: cap, ...rm, limit, policies, selectPolicy, policyLimit };
    return { replicas: want, ...DESIRED_WITHIN_RANGE, limit, policies, selectPolicy, policyLimit };
  }
  if (want < cur) {
    let limit = calculateScaleDownLimitWithBehaviors(
      cur,
      args.scaleUpEvents,
      args.scaleDownEvents,
      args.scaleDown,
      now,
    );
    const policies = scaleDownPolicyLimits(
      cur,
      args.scaleUpEvents,
      args.scaleDownEvents,
      args.scaleDown,
      now,
    );
    const policyLimit = limit;
    if (limit > cur) limit = cur;
    const [floor, rm] =
      args.minReplicas < limit ? [limit, SCALE_DOWN_LIMIT] : [args.minReplicas, TOO_FEW_REPLICAS];
    const selectPolicy = args.scaleDown.selectPolicy ?? "Max";
    if (want < floor) return { replicas: floor, ...rm, limit, policies, selectPolicy, policyLimit };
    return { replicas: want, ...DESIRED_WITHIN_RANGE, limit, policies, selectPolicy, policyLimit };
  }
  return { replicas: want, ...DESIRED_WITHIN_RANGE };
}

// ------------------------------------------------------------------ legacy path

/**
 * A legacy window entry of the sync's decision record, one frozen object per recommendation
 * and age: a steady HPA lists the same twenty at every sync (every 15 s over a 300 s window),
 * and the record keeps every sync's list to the end of the run. Readers only read it.
 */
const windowEntries = new Map<number, Map<number, Readonly<{ recommendation: number; age: number }>>>();
let windowEntryCount = 0;

function windowEntry(recommendation: number, age: number): { recommendation: number; age: number } {
  let byRecommendation = windowEntries.get(age);
  if (!byRecommendation) {
    // A bound on what a long-lived process (a notebook) keeps.
    if (windowEntryCount >= 65536) {
      windowEntries.clear();
      windowEntryCount = 0;
      windows.clear();
      windowCount = 0;
    }
    windowEntries.set(age, (byRecommendation = new Map()));
  }
  let entry = byRecommendation.get(recommendation);
  if (!entry) {
    byRecommendation.set(recommendation, (entry = Object.freeze({ recommendation, age })));
    windowEntryCount++;
  }
  return entry;
}

type WindowEntry = Readonly<{ recommendation: number; age: number }>;

/**
 * The legacy windows recorded so far, frozen, by a hash of their recommendations and ages in
 * order (windowHash), a few each: the stored list's entries are overwritten in place of the
 * stalest, so a steady HPA's window comes round in the same order every 21 syncs (300 s at
 * 15 s), not at the next one, and each sync's decision kept a list of its own to the end of
 * the run. A hash finds the one candidate a quiet sync compares, where the first entry's
 * candidates were several, each compared entry by entry.
 */
const windows = new Map<number, (readonly WindowEntry[])[]>();
let windowCount = 0;
const WINDOWS_PER_HASH = 8;

/** One step of windowHash: an entry's recommendation and age (whole part) into the hash. */
const mixEntry = (h: number, recommendation: number, age: number): number =>
  Math.imul(Math.imul(h ^ recommendation, 0x01000193) ^ age, 0x01000193);

/**
 * stabilizeRecommendation (legacy): the max of the proposal and every stored recommendation
 * not older than the window (an entry exactly at the edge still counts), then record the
 * proposal over the last stale entry, else append.
 * Example: window 300 s, history {5 @ −100 s, 7 @ −400 s}, proposal 3 → max(3, 5) = 5, and
 * the entry at −400 s is replaced by 3.
 */
export function stabilizeRecommendation(args: {
  now: Time;
  windowSeconds: number;
  desiredReplicas: number;
  recommendations: readonly TimestampedRecommendation[];
}): {
  replicas: number;
  recommendations: TimestampedRecommendation[];
  window: { recommendation: number; age: number }[];
} {
  const now = args.now;
  const cutoff = now - args.windowSeconds;
  let max = args.desiredReplicas;
  let oldIndex = -1;
  let first = -1;
  let inWindow = 0;
  // windowHash of the window's entries, in the same pass.
  let hash = 0x811c9dc5;
  const recs = args.recommendations;
  for (let i = 0; i < recs.length; i++) {
    const rec = recs[i];
    if (rec.timestamp < cutoff) oldIndex = i;
    else {
      if (first < 0) first = i;
      inWindow++;
      if (rec.recommendation > max) max = rec.recommendation;
      hash = mixEntry(hash, rec.recommendation, now - rec.timestamp);
    }
  }
  // A recommendation is never changed in place: a copy of the list, not of its entries.
  const recommendations = recs.slice();
  const entry = { recommendation: args.desiredReplicas, timestamp: now };
  if (oldIndex >= 0) recommendations[oldIndex] = entry;
  else recommendations.push(entry);
  return { replicas: max, recommendations, window: windowOf(recs, cutoff, now, first, inWindow, hash) };
}

/**
 * The window of the recommendations not older than `cutoff` (`inWindow` of them, the first at
 * `first`), as their interned entries in the list's order: a window recorded before with the
 * same recommendations and ages (found by `hash`, then compared by value) is that object.
 * A hash is only where to look: the comparison decides, so two windows that share a hash
 * are each found as themselves.
 */
function windowOf(
  recs: readonly TimestampedRecommendation[],
  cutoff: Time,
  now: Time,
  first: number,
  inWindow: number,
  hash: number,
): { recommendation: number; age: number }[] {
  let candidates = windows.get(hash);
  if (candidates !== undefined)
    for (let k = 0; k < candidates.length; k++) {
      const c = candidates[k];
      if (c.length === inWindow && sameWindow(c, recs, cutoff, now, first)) return c as WindowEntry[];
    }
  // Made at its length (the stabilization counted the entries): pushes onto an empty array
  // grow its backing store twice for a window of 21, to 40 slots.
  const window = new Array<WindowEntry>(inWindow);
  let k = 0;
  for (let i = Math.max(first, 0); i < recs.length; i++) {
    const rec = recs[i];
    if (rec.timestamp >= cutoff) window[k++] = windowEntry(rec.recommendation, now - rec.timestamp);
  }
  // (A timestamp that compares neither way, NaN, is counted in but not taken: no hole is left.)
  if (k < inWindow) window.length = k;
  // windowEntry may have cleared the windows (its bound): look the list up again.
  candidates = windows.get(hash);
  if (candidates === undefined) {
    // A bound on what a long-lived process (a notebook) keeps.
    if (windowCount >= 4096) {
      windows.clear();
      windowCount = 0;
    }
    windows.set(hash, (candidates = []));
  }
  if (candidates.length < WINDOWS_PER_HASH) {
    candidates.push(Object.freeze(window));
    windowCount++;
  }
  return window;
}

/** Whether a recorded window holds the in-window recommendations' values in order. */
function sameWindow(
  c: readonly WindowEntry[],
  recs: readonly TimestampedRecommendation[],
  cutoff: Time,
  now: Time,
  first: number,
): boolean {
  let k = 0;
  for (let i = Math.max(first, 0); i < recs.length; i++) {
    const rec = recs[i];
    if (rec.timestamp < cutoff) continue;
    const e = c[k++];
    if (e.recommendation !== rec.recommendation || e.age !== now - rec.timestamp) return false;
  }
  return true;
}

/** calculateScaleUpLimit: trunc(max(factor × current, minimum)); production 2 and 4. */
export const calculateScaleUpLimit = (currentReplicas: number, factor: number, minimum: number): number =>
  Math.trunc(Math.max(factor * currentReplicas, minimum));

/**
 * convertDesiredReplicasWithRules (legacy): below min → min (TooFewReplicas); above
 * min(max, scale-up cap) → that bound (ScaleUpLimit or TooManyReplicas); else unchanged.
 * Example: current 3, desired 10, max 20, factor 2 → cap max(6, 4) = 6 → 6, ScaleUpLimit.
 */
export function convertDesiredReplicasWithRules(
  currentReplicas: number,
  desiredReplicas: number,
  minReplicas: number,
  maxReplicas: number,
  scaleUpLimitFactor: number,
  scaleUpLimitMinimum: number,
): Normalized {
  const scaleUpLimit = calculateScaleUpLimit(currentReplicas, scaleUpLimitFactor, scaleUpLimitMinimum);
  const [maximum, rm] =
    maxReplicas > scaleUpLimit ? [scaleUpLimit, SCALE_UP_LIMIT] : [maxReplicas, TOO_MANY_REPLICAS];
  if (desiredReplicas < minReplicas) return { replicas: minReplicas, ...TOO_FEW_REPLICAS };
  if (desiredReplicas > maximum) return { replicas: maximum, ...rm };
  return { replicas: desiredReplicas, ...DESIRED_WITHIN_RANGE };
}
