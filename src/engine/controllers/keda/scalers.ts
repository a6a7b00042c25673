/**
 * The KEDA scalers Replicast reads a value for: what each trigger puts in the HPA KEDA writes
 * (its GetMetricSpecForScaling) and what it answers at a poll or at the HPA's query (its
 * GetMetricsAndActivity), from kedacore/keda pkg/scalers:
 *
 * - `cpu`, `memory` (cpu_memory_scaler.go): a Resource metric, or ContainerResource with
 *   `containerName`; the trigger's `metricType` (or the older `metadata.type`) Utilization →
 *   averageUtilization, AverageValue → averageValue, of `metadata.value`. No activity: the scale
 *   loop skips a metric spec that is not External (scale_handler.go getScalerState).
 * - `prometheus` (prometheus_scaler.go): External `s<index>-prometheus`, target the `threshold`
 *   in milli (GetMetricTargetMili) as AverageValue, or Value with `metricType: Value`; active
 *   when the value is above `activationThreshold` (default 0). An empty result reads 0 while
 *   `ignoreNullValues` is true (its default), and is an error otherwise.
 * - `cron` (cron_scaler.go): External `s<index>-cron-<timezone>-<start>-<end>` (spaces dropped,
 *   `*` → x, `/` → Sl, `?` → Qm, then NormalizeString), target 1; the value is
 *   `desiredReplicas` inside the window and 1 outside it. Inside means the next end comes no
 *   later than the next start (both strictly after now, in the trigger's timezone).
 *
 * What the query `query` of a prometheus trigger returns is the language's `load metric NAME`
 * (docs/autoscaling.md §5): NAME is the trigger's `metricName` when it sets one (KEDA before
 * 2.12 named the metric after it; later versions ignore it), else the generated
 * `s<index>-prometheus`. The value is the load's at the query, summed over the namespace's
 * workloads that carry it, whatever their pods: a scale-from-zero query reads an exporter
 * outside the target (a queue, an ingress), which still answers at zero replicas.
 *
 * Any other trigger type is stored but reads no value: an External `s<index>-<type>` whose
 * query fails (KEDA's own name may carry a suffix, `s0-rabbitmq-<queue>`), and an error at each
 * poll.
 */
import { parseSchedule, nextActivation, type Schedule } from "../../../k8s/kinds/cronJob/schedule.ts";
import { zoneOf, type Zone } from "../../../k8s/kinds/cronJob/timeZone.ts";
import { obj, str, type Obj } from "../../../k8s/kinds/stored/fields.ts";
import { formatMilli } from "../../../k8s/quantity.ts";
import { EPOCH_MS } from "../../../k8s/time.ts";
import type { Time } from "../../../k8s/types.ts";

/** What a poll or a query reads of `load metric NAME` in a namespace, in milli (undefined: no such load). */
export type LoadMetric = (namespace: string, name: string, now: Time) => number | undefined;

/** One trigger as the scale handler builds it. */
export interface Scaler {
  /** The trigger's type, as status.triggersTypes lists it. */
  type: string;
  /** The HPA metric spec (autoscaling/v2 MetricSpec). */
  metricSpec: Obj;
  /** The External metric's name; undefined for cpu and memory. */
  externalName?: string;
  /**
   * GetMetricsAndActivity at `now`: the value (in units, not milli) and whether the trigger is
   * active, or the scaler's error. Undefined for cpu and memory (no activity).
   */
  read?(
    namespace: string,
    now: Time,
    load: LoadMetric,
  ): { value: number; active: boolean } | { error: string };
}

/** A trigger that cannot be built: KEDA's error text. */
export interface ScalerError {
  error: string;
}

/** pkg/util/normalize_string.go NormalizeString: characters a metric name cannot carry become dashes. */
export function normalizeString(s: string): string {
  return s.replace(/[/.:%()" <>]/g, "-");
}

/** GenerateMetricNameWithIndex (scalers/scaler.go). */
const metricName = (index: number, name: string): string => `s${index}-${name}`;

/** GetMetricTarget / GetMetricTargetMili: AverageValue (the default) or Value of a milli amount. */
function target(metricType: string, milli: number): Obj {
  return metricType === "Value"
    ? { type: "Value", value: formatMilli(milli) }
    : { type: "AverageValue", averageValue: formatMilli(milli) };
}

/** GetMetricTargetType: the trigger's metricType; Utilization is refused for an External metric. */
function externalMetricType(trigger: Obj): string | ScalerError {
  const t = str(trigger.metricType);
  if (t === "Utilization")
    return {
      error:
        "'Utilization' metric type is unsupported for external metrics, allowed values are 'Value' or 'AverageValue'",
    };
  return t === "" ? "AverageValue" : t;
}

function parseFloatField(meta: Obj, field: string): number | ScalerError | undefined {
  const v = meta[field];
  if (v === undefined || v === "") return undefined;
  const n = Number(v);
  if (!Number.isFinite(n))
    return { error: `error parsing ${field}: strconv.ParseFloat: parsing "${str(v)}": invalid syntax` };
  return n;
}

function resourceScaler(type: string, trigger: Obj, meta: Obj): Scaler | ScalerError {
  const metricType = str(trigger.metricType) || str(meta.type);
  if (metricType === "") return { error: "no type given" };
  const value = str(meta.value);
  if (value === "") return { error: "no value given" };
  let t: Obj;
  if (metricType === "Utilization") {
    const n = Number.parseInt(value, 10);
    if (!/^-?\d+$/.test(value)) return { error: `strconv.ParseInt: parsing "${value}": invalid syntax` };
    t = { type: "Utilization", averageUtilization: n };
  } else if (metricType === "AverageValue") t = { type: "AverageValue", averageValue: value };
  else return { error: `unsupported metric type, allowed values are 'Utilization' or 'AverageValue'` };
  const container = str(meta.containerName);
  const metricSpec =
    container === ""
      ? { type: "Resource", resource: { name: type, target: t } }
      : { type: "ContainerResource", containerResource: { name: type, container, target: t } };
  return { type, metricSpec };
}

function prometheusScaler(index: number, trigger: Obj, meta: Obj): Scaler | ScalerError {
  if (str(meta.serverAddress) === "") return { error: "no serverAddress given" };
  if (str(meta.query) === "") return { error: "no query given" };
  const threshold = parseFloatField(meta, "threshold");
  if (threshold === undefined) return { error: "no threshold given" };
  if (typeof threshold !== "number") return threshold;
  const activation = parseFloatField(meta, "activationThreshold") ?? 0;
  if (typeof activation !== "number") return activation;
  const metricType = externalMetricType(trigger);
  if (typeof metricType !== "string") return metricType;
  const ignoreNull = str(meta.ignoreNullValues).toLowerCase() !== "false";
  const name = metricName(index, normalizeString("prometheus"));
  const loadName = str(meta.metricName) || name;
  return {
    type: "prometheus",
    externalName: name,
    metricSpec: {
      type: "External",
      external: { metric: { name }, target: target(metricType, Math.round(threshold * 1000)) },
    },
    read(namespace, now, load) {
      const milli = load(namespace, loadName, now);
      if (milli === undefined && !ignoreNull)
        return { error: `prometheus metrics 'prometheus' target may be lost, the result is empty` };
      const value = (milli ?? 0) / 1000;
      return { value, active: value > activation };
    },
  };
}

/** parseCronTimeFormat. */
const cronTimeFormat = (s: string): string =>
  s.replaceAll(" ", "").replaceAll("*", "x").replaceAll("/", "Sl").replaceAll("?", "Qm");

/** The run's clock (t = 0 is 2024-01-01T00:00:00Z) as Unix seconds. */
const EPOCH_S = EPOCH_MS / 1000;

function cronScaler(index: number, trigger: Obj, meta: Obj): Scaler | ScalerError {
  const tz = str(meta.timezone);
  const start = str(meta.start);
  const end = str(meta.end);
  const desired = Number(str(meta.desiredReplicas));
  if (tz === "") return { error: 'missing required parameter "timezone" in [triggerMetadata]' };
  if (start === "") return { error: 'missing required parameter "start" in [triggerMetadata]' };
  if (end === "") return { error: 'missing required parameter "end" in [triggerMetadata]' };
  // cronMetadata.Validate: a five-field schedule (no descriptors), start ≠ end, desiredReplicas set.
  const parse = (text: string, which: string): Schedule | ScalerError => {
    const p = text.startsWith("@") ? { error: `unrecognized descriptor: ${text}` } : parseSchedule(text);
    return "error" in p ? { error: `error parsing ${which} schedule: ${p.error}` } : p.schedule;
  };
  const startSched = parse(start, "start");
  if ("error" in startSched) return startSched;
  const endSched = parse(end, "end");
  if ("error" in endSched) return endSched;
  if (start === end) return { error: "start and end can not have exactly same time input" };
  if (!Number.isInteger(desired) || desired === 0) return { error: "no desiredReplicas specified" };
  const zone = zoneOf(tz);
  const metricType = externalMetricType(trigger);
  if (typeof metricType !== "string") return metricType;
  const name = metricName(
    index,
    normalizeString(`cron-${tz}-${cronTimeFormat(start)}-${cronTimeFormat(end)}`),
  );
  return {
    type: "cron",
    externalName: name,
    metricSpec: { type: "External", external: { metric: { name }, target: target(metricType, 1000) } },
    read(_namespace, now) {
      if ("error" in zone) return { error: `unable to load timezone: ${zone.error}` };
      const active = cronActive(startSched, endSched, zone.zone, EPOCH_S + now);
      return { value: active ? desired : 1, active };
    },
  };
}

/** Inside the window: the next end comes no later than the next start (cron_scaler.go GetMetricsAndActivity). */
export function cronActive(start: Schedule, end: Schedule, zone: Zone, unix: number): boolean {
  const nextStart = nextActivation(start, unix, zone);
  const nextEnd = nextActivation(end, unix, zone);
  if (nextEnd === undefined) return false;
  return nextStart === undefined || nextEnd <= nextStart;
}

/** A trigger type no scaler here reads: stored, its metric fails. */
function unreadScaler(index: number, type: string): Scaler {
  const name = metricName(index, normalizeString(type));
  return {
    type,
    externalName: name,
    metricSpec: { type: "External", external: { metric: { name }, target: target("AverageValue", 1000) } },
    read: () => ({ error: `the ${type} scaler reads no value in the simulated cluster` }),
  };
}

/** buildScaler (scale_handler.go): the trigger at `index`, or why KEDA cannot build it. */
export function buildScaler(index: number, raw: unknown): Scaler | ScalerError {
  const trigger = obj(raw);
  const type = str(trigger.type);
  const meta = obj(trigger.metadata);
  switch (type) {
    case "cpu":
    case "memory":
      return resourceScaler(type, trigger, meta);
    case "prometheus":
      return prometheusScaler(index, trigger, meta);
    case "cron":
      return cronScaler(index, trigger, meta);
    default:
      return unreadScaler(index, type);
  }
}
