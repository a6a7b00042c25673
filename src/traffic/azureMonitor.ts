/**
 * Azure Monitor metrics, as `az monitor metrics list --resource … --metric Requests --interval PT1M
 * --aggregation Total --output json` saves them (the Metrics - List REST answer, "Response"):
 *
 *     {"cost": 59, "interval": "PT1M", "namespace": "Microsoft.Web/sites", "timespan": "…/…",
 *      "value": [{"name": {"value": "Requests", "localizedValue": "Requests"}, "unit": "Count",
 *                 "errorCode": "Success", "type": "Microsoft.Insights/metrics",
 *                 "timeseries": [{"metadatavalues": [{"name": {"value": "Instance"}, "value": "web-0"}],
 *                                 "data": [{"timeStamp": "2024-06-05T14:00:00+00:00", "total": 5520.0}, …]}]}]}
 *
 * A data point holds one field per aggregation asked for (average, count, maximum, minimum,
 * total); a point with none of them had no data published and is a gap (the value before it
 * holds, as Grafana's Azure Monitor data source reads it as null). The only aggregation is
 * replayed, or `column "Total"`'s (else the first, with a warning). A `total` of a metric whose
 * unit is Count (App Service's Requests, Application Gateway's TotalRequests) is requests per
 * interval: request traffic is that over the answer's `interval` (an ISO 8601 duration, PT1M →
 * 60 s; the smallest step between points when it is missing). Any other aggregation or unit
 * (CountPerSecond, an average) is read as it is. Several time series — the metrics of
 * `--metric A B`, or one per dimension value with `--filter "Instance eq '*'"` — are told apart by
 * `metric` (the metric's name) and their dimensions: `series Instance="web-0"` picks one, `sum`
 * adds them up, else the first (a warning), as for Prometheus (series.ts).
 */
import { jsonRange, type JsonPath } from "./jsonPositions.ts";
import { AZURE_AGGREGATIONS, trafficMessages, type ValueUnit } from "./messages.ts";
import { errorAt, type ReadProblem, type ReadResult } from "./problems.ts";
import { RowErrors } from "./rowErrors.ts";
import type { LabelMatch } from "./prometheus.ts";
import { chooseSeries, replayedSeries, type Labels } from "./series.ts";
import { parseTime } from "./timestamp.ts";
import { parseValue, valueProblem } from "./values.ts";

type Obj = Record<string, unknown>;
const isObject = (x: unknown): x is Obj => typeof x === "object" && x !== null && !Array.isArray(x);

/** A Metrics - List answer: a `value` list of metrics, each with its `timeseries`. */
export const isAzureMonitorAnswer = (root: unknown): boolean =>
  isObject(root) &&
  Array.isArray(root.value) &&
  root.value.length > 0 &&
  root.value.every((m) => isObject(m) && (Array.isArray(m.timeseries) || m.errorCode !== undefined));

/** `PT1M`, `PT1H`, `P1D`: an ISO 8601 duration in seconds (the API's intervals), else undefined. */
export function isoDurationSeconds(text: unknown): number | undefined {
  if (typeof text !== "string") return undefined;
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text);
  if (m === null || text === "P" || text.endsWith("T")) return undefined;
  const seconds =
    Number(m[1] ?? 0) * 86400 + Number(m[2] ?? 0) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
  return seconds > 0 ? seconds : undefined;
}

const nameOf = (x: unknown): string =>
  isObject(x) ? String(x.value ?? x.localizedValue ?? "") : typeof x === "string" ? x : "";

interface Series {
  labels: Labels;
  unit: string;
  data: unknown[];
  path: JsonPath;
}

export function readAzureMonitor(
  text: string,
  root: Obj,
  opts: { unit: ValueUnit; series?: readonly LabelMatch[]; sum?: boolean; column?: string },
): ReadResult {
  const at = (path: JsonPath): { offset: number; length: number } => jsonRange(text, path);
  const metrics = root.value as Obj[];
  const all: Series[] = [];
  for (const [i, metric] of metrics.entries()) {
    const name = nameOf(metric.name);
    if (metric.errorCode !== undefined && metric.errorCode !== "Success") {
      const r = at(["value", i, "errorCode"]);
      const detail = typeof metric.errorMessage === "string" ? metric.errorMessage : "";
      return {
        problems: [
          errorAt(
            trafficMessages.azureMetricError(name, String(metric.errorCode), detail),
            r.offset,
            r.length,
          ),
        ],
      };
    }
    const timeseries = Array.isArray(metric.timeseries) ? metric.timeseries : [];
    timeseries.forEach((ts: unknown, j) => {
      const s = isObject(ts) ? ts : {};
      const labels: Labels = { metric: name };
      for (const d of Array.isArray(s.metadatavalues) ? s.metadatavalues : [])
        if (isObject(d)) labels[nameOf(d.name)] = d.value;
      const data = Array.isArray(s.data) ? s.data : [];
      all.push({ labels, unit: String(metric.unit ?? ""), data, path: ["value", i, "timeseries", j] });
    });
  }
  if (all.length === 0) return { problems: [errorAt(trafficMessages.noSamples(), 0, 0)] };
  const picked = chooseSeries(
    all.map((s) => s.labels),
    opts,
    at(all[0].path),
  );
  if ("problem" in picked) return { problems: [picked.problem] };
  const chosen = picked.chosen.map((i) => all[i]);

  // The aggregations the points hold, in the order the first point holding any lists them.
  const present: string[] = [];
  for (const s of chosen)
    for (const p of s.data)
      if (isObject(p))
        for (const key of Object.keys(p))
          if (AZURE_AGGREGATIONS.includes(key) && !present.includes(key)) present.push(key);
  const problems: ReadProblem[] = [...picked.problems];
  let aggregation = present[0];
  if (opts.column !== undefined) {
    aggregation = opts.column.toLowerCase();
    if (!present.includes(aggregation))
      return {
        problems: [
          {
            message: trafficMessages.unknownAggregation(opts.column, present, "azureMonitor"),
            severity: "error",
            at: { option: "column" },
          },
        ],
      };
  } else if (present.length > 1) {
    const first = chosen[0].data.findIndex((p) => isObject(p) && aggregation in p);
    problems.push({
      message: trafficMessages.azureAggregations(aggregation, present),
      severity: "warning",
      at: at([...chosen[0].path, "data", Math.max(0, first)]),
    });
  }
  if (aggregation === undefined)
    return { problems: [...problems, errorAt(trafficMessages.noSamples(), 0, 0)] };

  const rowErrors = new RowErrors(problems);
  const fail = rowErrors.fail;
  const absolute: { t: number[]; v: number[] }[] = [];
  for (const s of chosen) {
    const perInterval = opts.unit === "requests" && aggregation === "total" && s.unit === "Count";
    const t: number[] = [];
    const v: number[] = [];
    let previous: { seconds: number; text: string } | undefined;
    s.data.forEach((raw: unknown, j: number) => {
      const path: JsonPath = [...s.path, "data", j];
      const point = isObject(raw) ? raw : {};
      // Ranges only for errors: jsonRange reads the whole text.
      const stamp = String(point.timeStamp ?? "");
      const time = typeof point.timeStamp === "string" ? parseTime(stamp) : undefined;
      if (time === undefined || time.kind !== "timestamp") {
        const r = at([...path, "timeStamp"]);
        fail(errorAt(trafficMessages.badTime(stamp), r.offset, Math.max(1, r.length)));
        return;
      }
      if (previous !== undefined && time.seconds <= previous.seconds) {
        const r = at([...path, "timeStamp"]);
        fail(errorAt(trafficMessages.timeNotIncreasing(stamp, previous.text), r.offset, r.length));
        return;
      }
      previous = { seconds: time.seconds, text: stamp };
      const value = point[aggregation];
      if (value === undefined || value === null) return;
      const parsed = parseValue(String(value), opts.unit);
      if ("problem" in parsed) {
        const rv = at([...path, aggregation]);
        fail(errorAt(valueProblem(parsed.problem, String(value), opts.unit), rv.offset, rv.length));
        return;
      }
      t.push(time.seconds);
      v.push(parsed.value);
    });
    if (perInterval) {
      const interval = isoDurationSeconds(root.interval) ?? smallestStep(t);
      if (interval !== undefined) for (let k = 0; k < v.length; k++) v[k] /= interval;
    }
    absolute.push({ t, v });
  }
  rowErrors.close();
  return replayedSeries(absolute, problems);
}

function smallestStep(t: readonly number[]): number | undefined {
  let step: number | undefined;
  for (let k = 1; k < t.length; k++) step = Math.min(step ?? Infinity, t[k] - t[k - 1]);
  return step;
}
