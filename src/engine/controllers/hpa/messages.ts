/**
 * Condition reasons and messages of the HPA controller, worded exactly as
 * pkg/controller/podautoscaler/horizontal.go words them. Every limit the normalization
 * applies comes back as one of these reason/message pairs.
 */

/** A reason with its message, as the normalization stages return them. */
export interface ReasonMessage {
  reason: string;
  message: string;
}

/** ScalingLimited reasons (convertDesiredReplicasWithRules / …WithBehaviorRate). */
export const DESIRED_WITHIN_RANGE: ReasonMessage = {
  reason: "DesiredWithinRange",
  message: "the desired count is within the acceptable range",
};
export const TOO_MANY_REPLICAS: ReasonMessage = {
  reason: "TooManyReplicas",
  message: "the desired replica count is more than the maximum replica count",
};
export const TOO_FEW_REPLICAS: ReasonMessage = {
  reason: "TooFewReplicas",
  message: "the desired replica count is less than the minimum replica count",
};
export const SCALE_UP_LIMIT: ReasonMessage = {
  reason: "ScaleUpLimit",
  message: "the desired replica count is increasing faster than the maximum scale rate",
};
export const SCALE_DOWN_LIMIT: ReasonMessage = {
  reason: "ScaleDownLimit",
  message: "the desired replica count is decreasing faster than the maximum scale rate",
};

/** AbleToScale reasons set by the stabilization stage. */
export const SCALE_UP_STABILIZED: ReasonMessage = {
  reason: "ScaleUpStabilized",
  message: "recent recommendations were lower than current one, applying the lowest recent recommendation",
};
export const SCALE_DOWN_STABILIZED: ReasonMessage = {
  reason: "ScaleDownStabilized",
  message: "recent recommendations were higher than current one, applying the highest recent recommendation",
};
export const READY_FOR_NEW_SCALE: ReasonMessage = {
  reason: "ReadyForNewScale",
  message: "recommended size matches current size",
};

/** AbleToScale reasons of the scale subresource round trip. */
export const SUCCEEDED_GET_SCALE: ReasonMessage = {
  reason: "SucceededGetScale",
  message: "the HPA controller was able to get the target's current scale",
};
export const failedGetScale = (err: string): ReasonMessage => ({
  reason: "FailedGetScale",
  message: `the HPA controller was unable to get the target's current scale: ${err}`,
});
export const succeededRescale = (replicas: number): ReasonMessage => ({
  reason: "SucceededRescale",
  message: `the HPA controller was able to update the target scale to ${replicas}`,
});
export const failedUpdateScale = (err: string): ReasonMessage => ({
  reason: "FailedUpdateScale",
  message: `the HPA controller was unable to update the target scale: ${err}`,
});

/** ScalingActive reasons. */
export const validMetricFound = (metricName: string): ReasonMessage => ({
  reason: "ValidMetricFound",
  message: `the HPA was able to successfully calculate a replica count from ${metricName}`,
});
export const SCALING_DISABLED: ReasonMessage = {
  reason: "ScalingDisabled",
  message: "scaling is disabled since the replica count of the target is zero",
};
export const unableToCompute = (reason: string, err: string): ReasonMessage => ({
  reason,
  message: `the HPA was unable to compute the replica count: ${err}`,
});
export const MISSING_SELECTOR: ReasonMessage = {
  reason: "InvalidSelector",
  message: "the HPA target's scale is missing a selector",
};

/** Event messages (reason is the event reason). */
export const successfulRescaleEvent = (replicas: number, reason: string): string =>
  `New size: ${replicas}; reason: ${reason}`;
export const failedRescaleEvent = (replicas: number, reason: string, err: string): string =>
  `New size: ${replicas}; reason: ${reason}; error: ${err}`;
export const invalidMetricsError = (invalid: number, total: number, first: string): string =>
  `invalid metrics (${invalid} invalid out of ${total}), first error is: ${first}`;

/** The component name events carry (`kubectl describe` shows it under From). */
export const HPA_EVENT_SOURCE = "horizontal-pod-autoscaler";
