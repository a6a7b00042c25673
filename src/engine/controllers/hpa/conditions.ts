/**
 * HPA status conditions, set as setConditionInList in horizontal.go does: a condition keeps
 * its place in the list, and its lastTransitionTime changes only when its status changes
 * (a new reason or message alone keeps the old time).
 *
 * Example: AbleToScale True/ReadyForNewScale at t=30 then True/SucceededRescale at t=45 keeps
 * lastTransitionTime 30; a later False/FailedGetScale at t=60 moves it to 60.
 */
import type { ConditionStatus, HorizontalPodAutoscalerCondition, Time } from "../../../k8s/types.ts";
import type { ReasonMessage } from "./messages.ts";

export type HPAConditionType = HorizontalPodAutoscalerCondition["type"];

/** A new list with the condition set (the input is not changed). */
export function setCondition(
  list: readonly HorizontalPodAutoscalerCondition[] | undefined,
  type: HPAConditionType,
  status: ConditionStatus,
  rm: ReasonMessage,
  now: Time,
): HorizontalPodAutoscalerCondition[] {
  // A copy of the list and of the condition set; the others are shared, never changed in place.
  const out = list ? [...list] : [];
  const at = out.findIndex((c) => c.type === type);
  if (at < 0) {
    out.push({ type, status, reason: rm.reason, message: rm.message, lastTransitionTime: now });
    return out;
  }
  const existing = { ...out[at] };
  if (existing.status !== status) existing.lastTransitionTime = now;
  existing.status = status;
  existing.reason = rm.reason;
  existing.message = rm.message;
  out[at] = existing;
  return out;
}
