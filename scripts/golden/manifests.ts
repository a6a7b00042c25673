/**
 * Manifests for the golden corpus, written the ways real repositories write them: kubectl's
 * unindented sequences or indented ones, small maps (labels, requests, selectors) in block or
 * flow style, quantities in their usual spellings. Objects are built as plain data in the
 * field order people write (apiVersion, kind, metadata, spec) and printed with `yaml`.
 */
import { Document, isMap, isScalar, visit } from "yaml";
import type { Random } from "./random.ts";

type Obj = Record<string, unknown>;

export interface YamlStyle {
  /** `- name: x` under its key (kubectl's style) or indented two spaces (Helm's). */
  indentSeq: boolean;
  /** Labels, selectors, requests and limits as `{ a: b }`. */
  flowMaps: boolean;
}

export const randomStyle = (r: Random): YamlStyle => ({ indentSeq: r.chance(0.4), flowMaps: r.chance(0.5) });

const FLOW_KEYS = new Set(["labels", "matchLabels", "requests", "limits", "selector", "scaleTargetRef"]);

/** One or more objects as a multi-document YAML stream. */
export function toYaml(objects: readonly Obj[], style: YamlStyle): string {
  return objects
    .map((o) => {
      const doc = new Document(o);
      if (style.flowMaps)
        visit(doc, {
          Pair(_, pair) {
            if (isScalar(pair.key) && FLOW_KEYS.has(String(pair.key.value)) && isMap(pair.value))
              pair.value.flow = true;
          },
        });
      return doc.toString({ indentSeq: style.indentSeq, lineWidth: 0 });
    })
    .join("---\n");
}

export interface ContainerSpec {
  name: string;
  image: string;
  requests?: { cpu?: string; memory?: string };
  limits?: { cpu?: string; memory?: string };
  port?: number;
  readinessProbe?: { initialDelaySeconds?: number; periodSeconds?: number; successThreshold?: number };
  command?: string[];
}

export interface DeploymentSpec {
  name: string;
  replicas?: number;
  labels?: Record<string, string>;
  containers: ContainerSpec[];
  strategy?:
    | { type: "Recreate" }
    | { type?: "RollingUpdate"; maxSurge?: number | string; maxUnavailable?: number | string };
  minReadySeconds?: number;
  progressDeadlineSeconds?: number;
  revisionHistoryLimit?: number;
  terminationGracePeriodSeconds?: number;
  paused?: boolean;
}

function container(c: ContainerSpec): Obj {
  const out: Obj = { name: c.name, image: c.image };
  if (c.command) out.command = c.command;
  if (c.port !== undefined) out.ports = [{ containerPort: c.port }];
  const resources: Obj = {};
  if (c.requests) resources.requests = { ...c.requests };
  if (c.limits) resources.limits = { ...c.limits };
  if (Object.keys(resources).length > 0) out.resources = resources;
  if (c.readinessProbe)
    out.readinessProbe = { httpGet: { path: "/healthz", port: c.port ?? 8080 }, ...c.readinessProbe };
  return out;
}

export function deployment(d: DeploymentSpec): Obj {
  const labels = d.labels ?? { app: d.name };
  const spec: Obj = {};
  if (d.replicas !== undefined) spec.replicas = d.replicas;
  if (d.minReadySeconds !== undefined) spec.minReadySeconds = d.minReadySeconds;
  if (d.progressDeadlineSeconds !== undefined) spec.progressDeadlineSeconds = d.progressDeadlineSeconds;
  if (d.revisionHistoryLimit !== undefined) spec.revisionHistoryLimit = d.revisionHistoryLimit;
  if (d.paused) spec.paused = true;
  if (d.strategy) {
    if (d.strategy.type === "Recreate") spec.strategy = { type: "Recreate" };
    else {
      const s = d.strategy;
      const rollingUpdate: Obj = {};
      if (s.maxSurge !== undefined) rollingUpdate.maxSurge = s.maxSurge;
      if (s.maxUnavailable !== undefined) rollingUpdate.maxUnavailable = s.maxUnavailable;
      spec.strategy = {
        ...(s.type ? { type: s.type } : {}),
        ...(Object.keys(rollingUpdate).length > 0 ? { rollingUpdate } : {}),
      };
    }
  }
  spec.selector = { matchLabels: { ...labels } };
  const podSpec: Obj = {};
  if (d.terminationGracePeriodSeconds !== undefined)
    podSpec.terminationGracePeriodSeconds = d.terminationGracePeriodSeconds;
  podSpec.containers = d.containers.map(container);
  spec.template = { metadata: { labels: { ...labels } }, spec: podSpec };
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: d.name, labels: { ...labels } },
    spec,
  };
}

export function service(name: string, app: string, type?: "ClusterIP" | "NodePort"): Obj {
  const spec: Obj = {};
  if (type) spec.type = type;
  spec.selector = { app };
  spec.ports = [{ protocol: "TCP", port: 80, targetPort: 8080 }];
  return { apiVersion: "v1", kind: "Service", metadata: { name, labels: { app } }, spec };
}

export function configMap(name: string, data: Record<string, string>): Obj {
  return { apiVersion: "v1", kind: "ConfigMap", metadata: { name }, data };
}

const targetRef = (deploymentName: string): Obj => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  name: deploymentName,
});

/** autoscaling/v1: one CPU target, or none (the API server's default, 80%). */
export function hpaV1(
  name: string,
  target: string,
  min: number | undefined,
  max: number,
  cpuPercent: number | undefined,
  annotations?: Record<string, string>,
): Obj {
  const spec: Obj = { scaleTargetRef: targetRef(target) };
  if (min !== undefined) spec.minReplicas = min;
  spec.maxReplicas = max;
  if (cpuPercent !== undefined) spec.targetCPUUtilizationPercentage = cpuPercent;
  const metadata: Obj = { name };
  if (annotations) metadata.annotations = annotations;
  return { apiVersion: "autoscaling/v1", kind: "HorizontalPodAutoscaler", metadata, spec };
}

/**
 * A metric the corpus autoscales on, independent of the API version that spells it.
 * `value` is a quantity string (or a percentage for Utilization).
 */
export type MetricChoice =
  | { type: "Resource"; resource: "cpu" | "memory"; target: "Utilization"; value: number }
  | { type: "Resource"; resource: "cpu" | "memory"; target: "AverageValue"; value: string }
  | {
      type: "ContainerResource";
      resource: "cpu";
      container: string;
      target: "Utilization";
      value: number;
    }
  | { type: "Pods"; metric: string; target: "AverageValue"; value: string }
  | {
      type: "Object";
      metric: string;
      object: { kind: string; name: string; apiVersion: string };
      target: "Value" | "AverageValue";
      value: string;
    }
  | {
      type: "External";
      metric: string;
      selector?: Record<string, string>;
      target: "Value" | "AverageValue";
      value: string;
    };

/** The autoscaling/v2beta2 and v2 spelling of a metric. */
export function metricV2(m: MetricChoice): Obj {
  const target = (type: string, value: number | string): Obj =>
    type === "Utilization"
      ? { type, averageUtilization: value }
      : type === "Value"
        ? { type, value }
        : { type, averageValue: value };
  switch (m.type) {
    case "Resource":
      return { type: "Resource", resource: { name: m.resource, target: target(m.target, m.value) } };
    case "ContainerResource":
      return {
        type: "ContainerResource",
        containerResource: { name: m.resource, container: m.container, target: target(m.target, m.value) },
      };
    case "Pods":
      return { type: "Pods", pods: { metric: { name: m.metric }, target: target(m.target, m.value) } };
    case "Object":
      return {
        type: "Object",
        object: { describedObject: m.object, metric: { name: m.metric }, target: target(m.target, m.value) },
      };
    case "External":
      return {
        type: "External",
        external: {
          metric: m.selector ? { name: m.metric, selector: { matchLabels: m.selector } } : { name: m.metric },
          target: target(m.target, m.value),
        },
      };
  }
}

/** The autoscaling/v2beta1 spelling (targetAverageUtilization, metricName, targetValue…). */
export function metricV2beta1(m: MetricChoice): Obj {
  switch (m.type) {
    case "Resource":
      return {
        type: "Resource",
        resource:
          m.target === "Utilization"
            ? { name: m.resource, targetAverageUtilization: m.value }
            : { name: m.resource, targetAverageValue: m.value },
      };
    case "ContainerResource":
      return {
        type: "ContainerResource",
        containerResource: { name: m.resource, container: m.container, targetAverageUtilization: m.value },
      };
    case "Pods":
      return { type: "Pods", pods: { metricName: m.metric, targetAverageValue: m.value } };
    case "Object":
      return {
        type: "Object",
        object:
          m.target === "Value"
            ? { target: m.object, metricName: m.metric, targetValue: m.value }
            : { target: m.object, metricName: m.metric, targetValue: m.value, averageValue: m.value },
      };
    case "External": {
      const ext: Obj = { metricName: m.metric };
      if (m.selector) ext.metricSelector = { matchLabels: m.selector };
      if (m.target === "Value") ext.targetValue = m.value;
      else ext.targetAverageValue = m.value;
      return { type: "External", external: ext };
    }
  }
}

export interface ScalingRulesSpec {
  stabilizationWindowSeconds?: number;
  selectPolicy?: "Max" | "Min" | "Disabled";
  policies?: { type: "Pods" | "Percent"; value: number; periodSeconds: number }[];
}

export interface BehaviorSpec {
  scaleUp?: ScalingRulesSpec;
  scaleDown?: ScalingRulesSpec;
}

export function hpaV2(
  apiVersion: "autoscaling/v2" | "autoscaling/v2beta2" | "autoscaling/v2beta1",
  name: string,
  target: string,
  min: number | undefined,
  max: number,
  metrics: readonly MetricChoice[],
  behavior?: BehaviorSpec,
): Obj {
  const spec: Obj = { scaleTargetRef: targetRef(target) };
  if (min !== undefined) spec.minReplicas = min;
  spec.maxReplicas = max;
  if (metrics.length > 0)
    spec.metrics = metrics.map(apiVersion === "autoscaling/v2beta1" ? metricV2beta1 : metricV2);
  if (behavior && apiVersion !== "autoscaling/v2beta1") spec.behavior = behavior;
  return { apiVersion, kind: "HorizontalPodAutoscaler", metadata: { name }, spec };
}
