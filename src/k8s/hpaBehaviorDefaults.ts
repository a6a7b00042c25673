/**
 * API defaulting of `spec.behavior` (autoscaling/v2 and v2beta2), as
 * pkg/apis/autoscaling/v2/defaults.go does it (GenerateScaleUpRules, GenerateScaleDownRules,
 * SetDefaults_HorizontalPodAutoscalerBehavior).
 *
 * Rules (docs/kubernetes/hpa-semantics.md §7.1):
 * - Defaulting runs only when `behavior` is set: an HPA without behavior stays on the
 *   legacy path (§8), which is *not* the same as the default behavior.
 * - Each field is taken from the user's rules when set, else from the default. A given
 *   `policies` list replaces the default list entirely (it is never merged).
 * - scaleDown.stabilizationWindowSeconds stays unset: the controller substitutes its
 *   `--horizontal-pod-autoscaler-downscale-stabilization` flag (300 s) at reconcile time.
 *
 * Example: `behavior: { scaleUp: { policies: [{ type: Percent, value: 7, periodSeconds: 60 }] } }`
 * defaults to scaleUp `{ stabilizationWindowSeconds: 0, selectPolicy: Max, policies: [Percent 7/60s] }`
 * and scaleDown `{ selectPolicy: Max, policies: [Percent 100/15s] }`.
 */
import type { HorizontalPodAutoscalerBehavior, HPAScalingPolicy, HPAScalingRules } from "./types.ts";

/** Upstream's scaleUpLimitPercent / scaleUpLimitMinimumPods / scaleUpPeriod. */
const SCALE_UP_DEFAULT_POLICIES: readonly HPAScalingPolicy[] = [
  { type: "Pods", value: 4, periodSeconds: 15 },
  { type: "Percent", value: 100, periodSeconds: 15 },
];
/** Upstream's scaleDownLimitPercent / scaleDownPeriod. */
const SCALE_DOWN_DEFAULT_POLICIES: readonly HPAScalingPolicy[] = [
  { type: "Percent", value: 100, periodSeconds: 15 },
];

function copyPolicies(p: readonly HPAScalingPolicy[]): HPAScalingPolicy[] {
  return p.map((x) => ({ ...x }));
}

/** GenerateScaleUpRules: window 0, selectPolicy Max, policies [Pods 4/15s, Percent 100/15s]. */
export function generateScaleUpRules(given?: HPAScalingRules): HPAScalingRules {
  const rules: HPAScalingRules = {
    stabilizationWindowSeconds: given?.stabilizationWindowSeconds ?? 0,
    selectPolicy: given?.selectPolicy ?? "Max",
    policies: copyPolicies(given?.policies ?? SCALE_UP_DEFAULT_POLICIES),
  };
  if (given?.tolerance !== undefined) rules.tolerance = given.tolerance;
  return rules;
}

/** GenerateScaleDownRules: window left unset (the controller's flag), selectPolicy Max, policies [Percent 100/15s]. */
export function generateScaleDownRules(given?: HPAScalingRules): HPAScalingRules {
  const rules: HPAScalingRules = {
    selectPolicy: given?.selectPolicy ?? "Max",
    policies: copyPolicies(given?.policies ?? SCALE_DOWN_DEFAULT_POLICIES),
  };
  if (given?.stabilizationWindowSeconds !== undefined && given.stabilizationWindowSeconds !== null)
    rules.stabilizationWindowSeconds = given.stabilizationWindowSeconds;
  if (given?.tolerance !== undefined) rules.tolerance = given.tolerance;
  return rules;
}

/**
 * SetDefaults_HorizontalPodAutoscalerBehavior: `undefined` stays `undefined` (the legacy
 * path); otherwise both directions are filled, a missing one entirely from the defaults.
 */
export function defaultHPABehavior(
  b: HorizontalPodAutoscalerBehavior | undefined,
): HorizontalPodAutoscalerBehavior | undefined {
  if (b === undefined || b === null) return undefined;
  return { scaleUp: generateScaleUpRules(b.scaleUp), scaleDown: generateScaleDownRules(b.scaleDown) };
}
