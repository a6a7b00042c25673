/**
 * What one HPA sync records in the trace: the `inputs` of its Decision (controller "hpa",
 * action "scale" or "hpa-sync"), stage by stage as reconcileAutoscaler in horizontal.go runs
 * them — each metric's value, ratio and proposal (with the pods set aside), the max over the
 * metrics (prenormalizedDesiredReplicas), the stabilization window (stabilizedRecommendation),
 * the rate limit or the legacy cap, min/max, the count written (desiredReplicas) and the
 * events the sync emitted. The explainer (src/explain) reads these numbers and never
 * recomputes one, so an explanation is what the controller did, not a second opinion.
 *
 * Fields are optional because a sync stops early (FailedGetScale, a short-circuit on
 * min/max/zero, metrics that cannot be computed) and records only what it got to.
 */
import type { MetricSpec, MetricStatus, MetricTarget, MetricValueStatus } from "../../../k8s/types.ts";
import type { PolicyLimit } from "./normalize.ts";
import type { CalcExplain, Tolerances } from "./replicaCalc.ts";

/** One spec.metrics entry as the sync computed it (computeReplicasForMetric). */
export interface HpaMetricDecision {
  type: MetricSpec["type"];
  /** Set when the metric could not be computed (the error upstream returns). */
  error?: string;
  /** The metric's name as upstream words it: "cpu resource utilization (percentage of request)". */
  name?: string;
  /** Its target as the spec gives it. */
  target?: MetricTarget;
  /** Its current value as the status reports it (averageUtilization, averageValue or value). */
  current?: MetricValueStatus;
  proposal?: number;
  ratio?: number;
  withinTolerance?: boolean;
  calculation?: CalcExplain;
}

/** normalizeDesiredReplicas (no behavior): the 5-minute max, then min, max and the 2×/4 cap. */
export interface HpaLegacyNormalization {
  path: "legacy";
  stabilization: {
    windowSeconds: number;
    /** The stored recommendations inside the window (age in seconds). */
    window: { recommendation: number; age: number }[];
    stabilizedRecommendation: number;
    /** AbleToScale's reason: ScaleDownStabilized when the window raised the proposal, else ReadyForNewScale. */
    reason: string;
  };
  limit: { scaleUpLimit: number; reason: string; message: string };
  desiredReplicas: number;
}

/** normalizeDesiredReplicasWithBehaviors: the windows, then the policies and min/max. */
export interface HpaBehaviorNormalization {
  path: "behavior";
  stabilization: {
    scaleUpWindowSeconds: number;
    scaleDownWindowSeconds: number;
    window: { recommendation: number; age: number; inUpWindow: boolean; inDownWindow: boolean }[];
    upRecommendation: number;
    downRecommendation: number;
    stabilizedRecommendation: number;
    reason: string;
  };
  rate: {
    limit?: number;
    policyLimit?: number;
    selectPolicy?: string;
    policies?: PolicyLimit[];
    reason: string;
    message: string;
  };
  desiredReplicas: number;
}

export type HpaNormalization = HpaLegacyNormalization | HpaBehaviorNormalization;

/** An event the sync recorded (SuccessfulRescale, FailedComputeMetricsReplicas, …). */
export interface HpaSyncEvent {
  type: "Normal" | "Warning";
  reason: string;
  message: string;
}

export interface HpaSyncDecision {
  /** "Deployment/web" */
  target?: string;
  /** scale.spec.replicas, the size the HPA scales from. */
  currentReplicas?: number;
  statusReplicas?: number;
  minReplicas?: number;
  maxReplicas?: number;
  selector?: string;
  tolerances?: Tolerances;
  podsSelected?: number;
  metrics?: HpaMetricDecision[];
  /** The error FailedComputeMetricsReplicas reports (some or every metric failed). */
  metricsError?: string;
  /**
   * Some metrics failed and the valid ones' largest proposal (this) was below spec.replicas:
   * the controller does not act on it — no scale-down on partial metrics (horizontal.go,
   * computeReplicasForMetrics, since about v1.26).
   */
  refusedProposal?: number;
  /** Why the metrics were not computed: zero replicas, or current outside [min, max]. */
  shortCircuit?: string;
  prenormalizedDesiredReplicas?: number;
  metricName?: string;
  normalization?: HpaNormalization;
  desiredReplicas?: number;
  rescale?: boolean;
  rescaleReason?: string;
  /**
   * The API refused the scale write (horizontal.go: FailedRescale, AbleToScale False
   * FailedUpdateScale): `desiredReplicas` was wanted, `currentReplicas` stays.
   */
  scaleError?: string;
  events?: HpaSyncEvent[];
}

/** A metric's target, from its spec entry. */
export function metricTargetOf(spec: MetricSpec): MetricTarget | undefined {
  return (spec.resource ?? spec.containerResource ?? spec.pods ?? spec.object ?? spec.external)?.target;
}

/** A metric's current value, from its status entry. */
export function metricCurrentOf(status: MetricStatus): MetricValueStatus | undefined {
  return (status.resource ?? status.containerResource ?? status.pods ?? status.object ?? status.external)
    ?.current;
}
