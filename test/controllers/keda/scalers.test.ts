/**
 * KEDA's scalers and the HPA it writes (src/engine/controllers/keda): the metric names and
 * targets of kedacore/keda pkg/scalers (cpu_memory_scaler.go, prometheus_scaler.go,
 * cron_scaler.go GetMetricSpecForScaling), the cron window of cron_scaler.go
 * GetMetricsAndActivity, and controllers/keda/hpa.go newHPAForScaledObject.
 */
import { describe, expect, it } from "vitest";
import {
  deepDerivative,
  hpaUpdate,
  newHPAForScaledObject,
} from "../../../src/engine/controllers/keda/hpa.ts";
import {
  buildScaler,
  cronActive,
  normalizeString,
  type Scaler,
} from "../../../src/engine/controllers/keda/scalers.ts";
import { parseSchedule, type Schedule } from "../../../src/k8s/kinds/cronJob/schedule.ts";
import { UTC, zoneOf } from "../../../src/k8s/kinds/cronJob/timeZone.ts";
import type { KubeObject } from "../../../src/k8s/types.ts";

const scaler = (index: number, trigger: unknown): Scaler => {
  const s = buildScaler(index, trigger);
  if ("error" in s) throw new Error(s.error);
  return s;
};
const sched = (text: string): Schedule => {
  const p = parseSchedule(text);
  if ("error" in p) throw new Error(p.error);
  return p.schedule;
};
/** Unix seconds of a UTC wall time on 2024-01-01 (a Monday). */
const at = (h: number, m = 0) => Date.UTC(2024, 0, 1, h, m) / 1000;

describe("the metric each trigger puts in KEDA's HPA", () => {
  it("cpu and memory: a Resource metric of the trigger's metricType, ContainerResource with containerName", () => {
    expect(
      scaler(0, { type: "cpu", metricType: "Utilization", metadata: { value: "60" } }).metricSpec,
    ).toEqual({
      type: "Resource",
      resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 60 } },
    });
    // The older metadata.type is read when metricType is absent.
    expect(
      scaler(1, { type: "memory", metadata: { type: "AverageValue", value: "200Mi", containerName: "app" } })
        .metricSpec,
    ).toEqual({
      type: "ContainerResource",
      containerResource: {
        name: "memory",
        container: "app",
        target: { type: "AverageValue", averageValue: "200Mi" },
      },
    });
    expect(buildScaler(0, { type: "cpu", metadata: { value: "60" } })).toEqual({ error: "no type given" });
  });

  it("prometheus: External s<index>-prometheus, the threshold in milli, AverageValue unless metricType Value", () => {
    const meta = { serverAddress: "http://prom:9090", query: "sum(up)", threshold: "2.5" };
    expect(scaler(1, { type: "prometheus", metadata: meta }).metricSpec).toEqual({
      type: "External",
      external: {
        metric: { name: "s1-prometheus" },
        target: { type: "AverageValue", averageValue: "2500m" },
      },
    });
    expect(scaler(0, { type: "prometheus", metricType: "Value", metadata: meta }).metricSpec).toMatchObject({
      external: { target: { type: "Value", value: "2500m" } },
    });
    expect(buildScaler(0, { type: "prometheus", metricType: "Utilization", metadata: meta })).toEqual({
      error:
        "'Utilization' metric type is unsupported for external metrics, allowed values are 'Value' or 'AverageValue'",
    });
    expect(buildScaler(0, { type: "prometheus", metadata: { serverAddress: "x", query: "q" } })).toEqual({
      error: "no threshold given",
    });
  });

  it("prometheus reads `load metric NAME`: the trigger's metricName, else the generated name; activation above activationThreshold", () => {
    const loads: Record<string, number> = { orders: 3000, "s0-prometheus": 500 };
    const load = (_ns: string, name: string) => loads[name];
    const base = {
      serverAddress: "http://prom:9090",
      query: "sum(x)",
      threshold: "10",
      activationThreshold: "1",
    };
    const named = scaler(0, { type: "prometheus", metadata: { ...base, metricName: "orders" } });
    expect(named.read!("default", 0, load)).toEqual({ value: 3, active: true });
    const generated = scaler(0, { type: "prometheus", metadata: base });
    // 0.5 is not above activationThreshold 1.
    expect(generated.read!("default", 0, load)).toEqual({ value: 0.5, active: false });
    // No such load: an empty result reads 0 (ignoreNullValues defaults to true), or is an error.
    const missing = { ...base, metricName: "nothing" };
    expect(scaler(0, { type: "prometheus", metadata: missing }).read!("default", 0, load)).toEqual({
      value: 0,
      active: false,
    });
    expect(
      scaler(0, { type: "prometheus", metadata: { ...missing, ignoreNullValues: "false" } }).read!(
        "default",
        0,
        load,
      ),
    ).toEqual({ error: "prometheus metrics 'prometheus' target may be lost, the result is empty" });
  });

  it("cron: s<index>-cron-<timezone>-<start>-<end> as parseCronTimeFormat and NormalizeString write it, target 1", () => {
    const cron = scaler(2, {
      type: "cron",
      metadata: {
        timezone: "America/New_York",
        start: "*/30 8 * * 1-5",
        end: "0 18 * * 1-5",
        desiredReplicas: "7",
      },
    });
    expect(cron.metricSpec).toEqual({
      type: "External",
      external: {
        metric: { name: "s2-cron-America-New_York-xSl308xx1-5-018xx1-5" },
        target: { type: "AverageValue", averageValue: "1" },
      },
    });
    expect(normalizeString('a/b.c:d%e(f)g"h i<j>k')).toBe("a-b-c-d-e-f-g-h-i-j-k");
    // cronMetadata.Validate.
    const bad = (metadata: Record<string, string>) => buildScaler(0, { type: "cron", metadata });
    const m = { timezone: "UTC", start: "0 8 * * *", end: "0 18 * * *", desiredReplicas: "3" };
    expect(bad({ ...m, end: "0 8 * * *" })).toEqual({
      error: "start and end can not have exactly same time input",
    });
    expect(bad({ ...m, desiredReplicas: "0" })).toEqual({ error: "no desiredReplicas specified" });
    expect(bad({ ...m, start: "61 8 * * *" })).toEqual({
      error: "error parsing start schedule: end of range (61) above maximum (59): 61",
    });
  });

  it("cron's window: active while the next end comes no later than the next start, desiredReplicas inside and 1 outside", () => {
    const start = sched("0 8 * * *");
    const end = sched("0 18 * * *");
    expect(cronActive(start, end, UTC, at(7, 59))).toBe(false);
    expect(cronActive(start, end, UTC, at(8, 0))).toBe(true);
    expect(cronActive(start, end, UTC, at(17, 59))).toBe(true);
    expect(cronActive(start, end, UTC, at(18, 0))).toBe(false);
    // A window across midnight (22:00 to 06:00).
    const nightStart = sched("0 22 * * *");
    const nightEnd = sched("0 6 * * *");
    expect(cronActive(nightStart, nightEnd, UTC, at(23))).toBe(true);
    expect(cronActive(nightStart, nightEnd, UTC, at(3))).toBe(true);
    expect(cronActive(nightStart, nightEnd, UTC, at(12))).toBe(false);
    // In the trigger's timezone: 08:00 in Paris is 07:00 UTC in January.
    const paris = zoneOf("Europe/Paris");
    if ("error" in paris) throw new Error(paris.error);
    expect(cronActive(start, end, paris.zone, at(7, 30))).toBe(true);
    const cron = scaler(0, {
      type: "cron",
      metadata: { timezone: "Europe/Paris", start: "0 8 * * *", end: "0 18 * * *", desiredReplicas: "5" },
    });
    // The run's clock: t = 0 is 2024-01-01T00:00:00Z.
    expect(cron.read!("default", at(7, 30) - at(0), () => undefined)).toEqual({ value: 5, active: true });
    expect(cron.read!("default", at(20) - at(0), () => undefined)).toEqual({ value: 1, active: false });
  });

  it("another trigger type is stored and reads no value: External s<index>-<type>", () => {
    const s = scaler(3, { type: "rabbitmq", metadata: { queueName: "q", value: "20" } });
    expect(s.externalName).toBe("s3-rabbitmq");
    expect("error" in s.read!("default", 0, () => undefined)).toBe(true);
  });
});

describe("the HPA KEDA writes (hpa.go newHPAForScaledObject)", () => {
  const so = {
    apiVersion: "keda.sh/v1alpha1",
    kind: "ScaledObject",
    metadata: {
      name: "web",
      namespace: "shop",
      uid: "u-1",
      labels: { team: "a" },
      annotations: { note: "x" },
    },
    spec: {
      scaleTargetRef: { name: "web" },
      minReplicaCount: 0,
      triggers: [],
      advanced: {
        horizontalPodAutoscalerConfig: { behavior: { scaleDown: { stabilizationWindowSeconds: 60 } } },
      },
    },
  } as unknown as KubeObject;
  const target = { apiVersion: "apps/v1", kind: "Deployment", name: "web" };
  const scalers = [
    scaler(0, { type: "prometheus", metadata: { serverAddress: "s", query: "q", threshold: "5" } }),
    scaler(1, { type: "cpu", metricType: "Utilization", metadata: { value: "70" } }),
  ];

  it("names, labels, owner, min 1 for minReplicaCount 0, max 100, metrics sorted by type with the ScaledObject's selector", () => {
    const hpa = newHPAForScaledObject(so, target, scalers, undefined) as unknown as Record<string, unknown>;
    expect(hpa).toEqual({
      apiVersion: "autoscaling/v2",
      kind: "HorizontalPodAutoscaler",
      metadata: {
        name: "keda-hpa-web",
        namespace: "shop",
        labels: {
          "app.kubernetes.io/name": "keda-hpa-web",
          "app.kubernetes.io/version": "2.16.1",
          "app.kubernetes.io/part-of": "web",
          "app.kubernetes.io/managed-by": "keda-operator",
          team: "a",
        },
        annotations: { note: "x" },
        ownerReferences: [
          {
            apiVersion: "keda.sh/v1alpha1",
            kind: "ScaledObject",
            name: "web",
            uid: "u-1",
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec: {
        scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" },
        minReplicas: 1,
        maxReplicas: 100,
        metrics: [
          {
            type: "External",
            external: {
              metric: {
                name: "s0-prometheus",
                selector: { matchLabels: { "scaledobject.keda.sh/name": "web" } },
              },
              target: { type: "AverageValue", averageValue: "5" },
            },
          },
          {
            type: "Resource",
            resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } },
          },
        ],
        behavior: { scaleDown: { stabilizationWindowSeconds: 60 } },
      },
    });
  });

  it("paused-replicas N: min and max N, at least 1", () => {
    const spec = (n: number) =>
      (newHPAForScaledObject(so, target, scalers, n) as unknown as { spec: object }).spec;
    expect(spec(3)).toMatchObject({ minReplicas: 3, maxReplicas: 3 });
    expect(spec(0)).toMatchObject({ minReplicas: 1, maxReplicas: 1 });
  });

  it("updates only when the wanted spec is not derived from the stored one (the API server's defaults do not count)", () => {
    const wanted = newHPAForScaledObject(so, target, scalers, undefined);
    const stored = structuredClone(wanted) as unknown as { spec: { behavior: object } };
    stored.spec.behavior = {
      scaleDown: { stabilizationWindowSeconds: 60, selectPolicy: "Max" },
      scaleUp: {},
    };
    expect(hpaUpdate(wanted, stored as unknown as KubeObject)).toBeUndefined();
    expect(deepDerivative({ a: 1, b: [] }, { a: 1, b: [2], c: 3 })).toBe(true);
    expect(deepDerivative({ a: 1 }, { a: 2 })).toBe(false);
    const changed = structuredClone(stored) as unknown as { spec: { maxReplicas: number } };
    changed.spec.maxReplicas = 50;
    expect(hpaUpdate(wanted, changed as unknown as KubeObject)).toMatchObject({ spec: { maxReplicas: 100 } });
  });
});
