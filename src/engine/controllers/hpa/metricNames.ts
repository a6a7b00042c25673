/**
 * How the HPA controller names a metric in its ValidMetricFound message and in the rescale
 * reason of the SuccessfulRescale event (horizontal.go, computeStatusFor*Metric), and the
 * rescale reasons themselves.
 *
 * Example: a Resource cpu Utilization metric is "cpu resource utilization (percentage of
 * request)", so a scale-up reads "New size: 5; reason: cpu resource utilization (percentage of
 * request) above target".
 */
import type { LabelSelector, MetricSpec } from "../../../k8s/types.ts";

/** Go's `%+v` of a *metav1.LabelSelector, as upstream prints it into metric names. */
export function goLabelSelector(sel: LabelSelector | undefined): string {
  if (!sel) return "<nil>";
  const labels = sel.matchLabels
    ? "map[" +
      Object.keys(sel.matchLabels)
        .sort()
        .map((k) => `${k}:${sel.matchLabels![k]}`)
        .join(" ") +
      "]"
    : "map[]";
  const exprs = (sel.matchExpressions ?? [])
    .map((e) => `{Key:${e.key} Operator:${e.operator} Values:[${(e.values ?? []).join(" ")}]}`)
    .join(" ");
  return `&LabelSelector{MatchLabels:${labels},MatchExpressions:[]LabelSelectorRequirement{${exprs}},}`;
}

/** The metric's name in messages, or undefined for a metric that has no valid target. */
export function metricDisplayName(spec: MetricSpec): string {
  switch (spec.type) {
    case "Resource":
      return spec.resource!.target.type === "Utilization"
        ? `${spec.resource!.name} resource utilization (percentage of request)`
        : `${spec.resource!.name} resource`;
    case "ContainerResource":
      return spec.containerResource!.target.type === "Utilization"
        ? `${spec.containerResource!.name} container resource utilization (percentage of request)`
        : `${spec.containerResource!.name} resource`;
    case "Pods":
      return `pods metric ${spec.pods!.metric.name}`;
    case "Object":
      // Upstream quirk: the per-pod (AverageValue) object metric reuses the external label.
      return spec.object!.target.type === "Value"
        ? `${spec.object!.describedObject.kind} metric ${spec.object!.metric.name}`
        : `external metric ${spec.object!.metric.name}(${goLabelSelector(spec.object!.metric.selector)})`;
    case "External":
      return `external metric ${spec.external!.metric.name}(${goLabelSelector(spec.external!.metric.selector)})`;
    default:
      return String((spec as { type: unknown }).type);
  }
}

/** Rescale reasons (the `reason: …` part of SuccessfulRescale). */
export const aboveTarget = (metricName: string): string => `${metricName} above target`;
export const ALL_METRICS_BELOW_TARGET = "All metrics below target";
export const ABOVE_MAX_REPLICAS = "Current number of replicas above Spec.MaxReplicas";
export const BELOW_MIN_REPLICAS = "Current number of replicas below Spec.MinReplicas";
