/**
 * How the trace summarises a HorizontalPodAutoscaler: replicas, each metric's current value
 * against its target, conditions; and the quantities expectations read from it
 * (docs/language.md § Expectations: replicas/current, desired, utilization, metric, condition).
 */
import { isQuantityError, parseQuantity } from "../../quantity.ts";
import type {
  HorizontalPodAutoscaler,
  MetricSpec,
  MetricStatus,
  MetricTarget,
  MetricValueStatus,
  Time,
} from "../../types.ts";
import type { Summarizer } from "../descriptor.ts";
import { conditionQuantity, conditionSummaries, type ConditionSummary } from "../summaries.ts";

export interface HPAMetricSummary {
  /** Human name, e.g. "cpu", "memory", "pods/qps". */
  name: string;
  /** Current value in the target's unit (percent for Utilization; plain units otherwise); null before metrics exist. */
  current: number | null;
  target: number;
  unit: "%" | "";
}

export interface HPASummary {
  /** "Deployment/name" */
  target: string;
  minReplicas: number;
  maxReplicas: number;
  currentReplicas: number;
  desiredReplicas: number;
  metrics: HPAMetricSummary[];
  conditions: ConditionSummary[];
  lastScaleTime: Time | undefined;
  exists: boolean;
}

function hpaSummary(hpa: HorizontalPodAutoscaler, gone = false): HPASummary {
  const ref = hpa.spec.scaleTargetRef;
  const current = hpa.status?.currentMetrics ?? [];
  return {
    target: `${ref.kind}/${ref.name}`,
    minReplicas: hpa.spec.minReplicas ?? 1,
    maxReplicas: hpa.spec.maxReplicas,
    currentReplicas: hpa.status?.currentReplicas ?? 0,
    desiredReplicas: hpa.status?.desiredReplicas ?? 0,
    metrics: (hpa.spec.metrics ?? []).map((m) => metricSummary(m, current)),
    conditions: conditionSummaries(hpa.status?.conditions),
    lastScaleTime: hpa.status?.lastScaleTime,
    exists: !gone,
  };
}

interface MetricView {
  name: string;
  target: MetricTarget | undefined;
  /** Finds this metric's entry among status.currentMetrics. */
  matches: (s: MetricStatus) => MetricValueStatus | undefined;
}

function metricView(m: MetricSpec): MetricView {
  switch (m.type) {
    case "Resource":
      return {
        name: m.resource?.name ?? "",
        target: m.resource?.target,
        matches: (s) =>
          s.type === "Resource" && s.resource?.name === m.resource?.name ? s.resource?.current : undefined,
      };
    case "ContainerResource":
      return {
        name: `${m.containerResource?.container ?? ""}/${m.containerResource?.name ?? ""}`,
        target: m.containerResource?.target,
        matches: (s) =>
          s.type === "ContainerResource" &&
          s.containerResource?.name === m.containerResource?.name &&
          s.containerResource?.container === m.containerResource?.container
            ? s.containerResource?.current
            : undefined,
      };
    case "Pods":
      return {
        name: `pods/${m.pods?.metric.name ?? ""}`,
        target: m.pods?.target,
        matches: (s) =>
          s.type === "Pods" && s.pods?.metric.name === m.pods?.metric.name ? s.pods?.current : undefined,
      };
    case "Object":
      return {
        name: `${m.object?.describedObject.kind ?? ""}/${m.object?.describedObject.name ?? ""}/${m.object?.metric.name ?? ""}`,
        target: m.object?.target,
        matches: (s) =>
          s.type === "Object" &&
          s.object?.metric.name === m.object?.metric.name &&
          s.object?.describedObject.name === m.object?.describedObject.name
            ? s.object?.current
            : undefined,
      };
    case "External":
      return {
        name: `external/${m.external?.metric.name ?? ""}`,
        target: m.external?.target,
        matches: (s) =>
          s.type === "External" && s.external?.metric.name === m.external?.metric.name
            ? s.external?.current
            : undefined,
      };
  }
}

/** A quantity as a plain number ("500m" → 0.5, "1Gi" → 1073741824); null when absent or unparsable. */
function quantityNumber(q: string | undefined): number | null {
  if (q === undefined) return null;
  const parsed = parseQuantity(q);
  return isQuantityError(parsed) ? null : parsed.milliValue() / 1000;
}

function metricSummary(m: MetricSpec, current: readonly MetricStatus[]): HPAMetricSummary {
  const view = metricView(m);
  const t = view.target;
  let cur: MetricValueStatus | undefined;
  for (const s of current) {
    cur = view.matches(s);
    if (cur) break;
  }
  if (t?.type === "Utilization") {
    return {
      name: view.name,
      current: cur?.averageUtilization ?? null,
      target: t.averageUtilization ?? 0,
      unit: "%",
    };
  }
  if (t?.type === "AverageValue") {
    return {
      name: view.name,
      current: quantityNumber(cur?.averageValue),
      target: quantityNumber(t.averageValue) ?? 0,
      unit: "",
    };
  }
  return {
    name: view.name,
    current: quantityNumber(cur?.value),
    target: quantityNumber(t?.value) ?? 0,
    unit: "",
  };
}

const fmt = (n: number): string => String(Math.round(n * 1000) / 1000);

export const hpaSummarizer: Summarizer<HorizontalPodAutoscaler, HPASummary> = {
  summarize: (hpa, gone) => hpaSummary(hpa, gone),
  quantities: {
    replicas: { read: (s) => s.currentReplicas },
    current: { read: (s) => s.currentReplicas },
    desired: { read: (s) => s.desiredReplicas },
    utilization: {
      read: (s) => (s.metrics.length > 0 ? (s.metrics[0].current ?? undefined) : undefined),
      show: (v) => (v === undefined ? "<unknown>" : `${fmt(v as number)}%`),
    },
    metric: {
      // `metric http_requests` names the HPA's "pods/http_requests" too: its source prefix is optional.
      read: (s, q) =>
        s.metrics.find((m) => m.name === q.name || m.name.endsWith(`/${q.name}`))?.current ?? undefined,
      name: (q) => `metric ${q.name}`,
      show: (v) => (v === undefined ? "<unknown>" : fmt(v as number)),
    },
    // The value is "Status/Reason" so the report shows both; expectations compare the parts.
    condition: conditionQuantity(),
  },
};
