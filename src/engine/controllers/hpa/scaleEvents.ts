/**
 * The scale-event bookkeeping the behavior policies count against (horizontal.go:
 * storeScaleEvent, markScaleEventsOutdated, getLongestPolicyPeriod, getReplicasChangePerPeriod).
 *
 * - Up and down events are kept apart; each holds a positive replica change and a time.
 * - Before storing, events older than the direction's longest policy period are flagged
 *   outdated, and the new event overwrites the LAST outdated slot (else it is appended), so the
 *   lists never shrink.
 * - A policy period counts events strictly newer than now − period.
 *
 * Example: up-events [8 @ −29 s, 6 @ −59 s, 7 @ −61 s, 9 @ −61 s], longest period 60 s, store +5:
 * 7 and 9 become outdated, 9's slot (the last) takes the 5 → [8, 6, 7(outdated), 5].
 */
import type { HorizontalPodAutoscalerBehavior, HPAScalingRules, Time } from "../../../k8s/types.ts";

export interface TimestampedScaleEvent {
  /** Absolute value, non-negative. */
  replicaChange: number;
  timestamp: Time;
  outdated: boolean;
}

export interface ScaleEvents {
  up: TimestampedScaleEvent[];
  down: TimestampedScaleEvent[];
}

/** A period counts an event strictly newer than now − period (an event exactly at the edge is out). */
const inPeriod = (e: TimestampedScaleEvent, cutoff: Time): boolean => e.timestamp > cutoff;

/** The sum of replica changes strictly within the last `periodSeconds`. */
export function getReplicasChangePerPeriod(
  periodSeconds: number,
  events: readonly TimestampedScaleEvent[],
  now: Time,
): number {
  const cutoff = now - periodSeconds;
  let replicas = 0;
  for (const e of events) if (inPeriod(e, cutoff)) replicas += e.replicaChange;
  return replicas;
}

/**
 * The events getReplicasChangePerPeriod sums, for the trace: each one's change and age.
 * Example: period 60 s, events +4 @ −30 s and +2 @ −60 s → [{ change 4, age 30 }].
 */
export function scaleEventsInPeriod(
  periodSeconds: number,
  events: readonly TimestampedScaleEvent[],
  now: Time,
): { replicaChange: number; age: number }[] {
  const cutoff = now - periodSeconds;
  return events
    .filter((e) => inPeriod(e, cutoff))
    .map((e) => ({ replicaChange: e.replicaChange, age: now - e.timestamp }));
}

export function getLongestPolicyPeriod(rules: HPAScalingRules | undefined): number {
  let longest = 0;
  for (const p of rules?.policies ?? []) if (p.periodSeconds > longest) longest = p.periodSeconds;
  return longest;
}

/** A copy with every event older than the longest period flagged outdated. */
export function markScaleEventsOutdated(
  events: readonly TimestampedScaleEvent[],
  longestPolicyPeriod: number,
  now: Time,
): TimestampedScaleEvent[] {
  const cutoff = now - longestPolicyPeriod;
  return events.map((e) => (e.timestamp < cutoff ? { ...e, outdated: true } : { ...e }));
}

function store(
  events: readonly TimestampedScaleEvent[],
  rules: HPAScalingRules | undefined,
  change: number,
  now: Time,
) {
  const marked = markScaleEventsOutdated(events, getLongestPolicyPeriod(rules), now);
  let oldIndex = -1;
  marked.forEach((e, i) => {
    if (e.outdated) oldIndex = i;
  });
  const ev: TimestampedScaleEvent = { replicaChange: change, timestamp: now, outdated: false };
  if (oldIndex >= 0) marked[oldIndex] = ev;
  else marked.push(ev);
  return marked;
}

/**
 * storeScaleEvent after a successful rescale from prev to next. Without behavior nothing is
 * stored (the legacy path never reads the events).
 */
export function storeScaleEvent(
  behavior: HorizontalPodAutoscalerBehavior | undefined,
  events: ScaleEvents,
  prevReplicas: number,
  newReplicas: number,
  now: Time,
): ScaleEvents {
  if (!behavior) return events;
  if (newReplicas > prevReplicas)
    return { up: store(events.up, behavior.scaleUp, newReplicas - prevReplicas, now), down: events.down };
  return { up: events.up, down: store(events.down, behavior.scaleDown, prevReplicas - newReplicas, now) };
}
