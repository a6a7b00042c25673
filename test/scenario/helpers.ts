/** Hand-built traces and AST nodes for the scenario tests (no parser, no engine). */
import type { Span } from "../../src/dsl/ast.ts";
import type { DeploymentSummary, HPASummary, Point, Trace } from "../../src/engine/trace.ts";
import type { KubeEvent } from "../../src/k8s/types.ts";

export const span = (line = 1, col = 1, length = 1, offset = 0): Span => ({
  offset,
  length,
  line,
  col,
  endLine: line,
  endCol: col + length,
});

export function deployment(over: Partial<DeploymentSummary> = {}): DeploymentSummary {
  return {
    replicas: 1,
    pods: 1,
    ready: 1,
    available: 1,
    updated: 1,
    unavailable: 0,
    images: { app: "nginx:1" },
    revision: 1,
    paused: false,
    complete: true,
    conditions: [],
    exists: true,
    ...over,
  };
}

export function hpa(over: Partial<HPASummary> = {}): HPASummary {
  return {
    target: "Deployment/web",
    minReplicas: 1,
    maxReplicas: 10,
    currentReplicas: 1,
    desiredReplicas: 1,
    metrics: [{ name: "cpu", current: 0, target: 70, unit: "%" }],
    conditions: [],
    lastScaleTime: undefined,
    exists: true,
    ...over,
  };
}

/** A trace whose Deployment "web" takes the given spec.replicas values at the given times. */
export function replicasTrace(steps: [number, number][], end: number, extra: Partial<Trace> = {}): Trace {
  const pts: Point<DeploymentSummary>[] = steps.map(([t, r]) => ({
    t,
    value: deployment({ replicas: r, pods: r, ready: r, available: r, updated: r }),
  }));
  return {
    end,
    series: { Deployment: { web: pts }, ReplicaSet: {}, HorizontalPodAutoscaler: {}, Pod: {} },
    events: [],
    decisions: [],
    load: {},
    ...extra,
  };
}

export function event(
  time: number,
  reason: string,
  message: string,
  kind: KubeEvent["involvedObject"]["kind"] = "HorizontalPodAutoscaler",
  name = "web",
): KubeEvent {
  return {
    time,
    type: "Normal",
    reason,
    message,
    involvedObject: { kind, name },
    source: "horizontal-pod-autoscaler",
  };
}
