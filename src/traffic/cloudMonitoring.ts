/**
 * Google Cloud Monitoring time series (projects.timeSeries.list, as the API Explorer or
 * `curl …/v3/projects/P/timeSeries?filter=…` saves it; a bare list of time series too) —
 *
 *     {"timeSeries": [{"metric": {"type": "loadbalancing.googleapis.com/https/request_count",
 *                                 "labels": {"response_code": "200"}},
 *                      "resource": {"type": "https_lb_rule", "labels": {"url_map_name": "web"}},
 *                      "metricKind": "DELTA", "valueType": "INT64",
 *                      "points": [{"interval": {"startTime": "2024-06-05T14:01:00Z",
 *                                               "endTime": "2024-06-05T14:02:00Z"},
 *                                  "value": {"int64Value": "5604"}}, …]}]}
 *
 * The API lists points newest first: they are read in time order, each at its interval's end,
 * the first becoming the statement's time. A value is an int64Value (a string, as JSON carries
 * 64-bit integers), a doubleValue or a boolValue. Request traffic is requests per second: a
 * DELTA point (a count over its interval: an HTTPS load balancer's request_count aligned with
 * ALIGN_DELTA) is divided by its interval's length (5604 over 60 s → 93.4/s); a GAUGE (ALIGN_RATE
 * gives one) is a rate already. A CUMULATIVE series (a running total) or a distribution cannot
 * be replayed as it is: the message says which aligner gives a number per point. Several series:
 * `series LABEL="VALUE"` picks by the metric's and the resource's labels, `sum` adds them up,
 * else the first (a warning), as for Prometheus (series.ts).
 */
import { jsonRange, type JsonPath } from "./jsonPositions.ts";
import { trafficMessages, type ValueUnit } from "./messages.ts";
import { errorAt, optionRefusal, type ReadProblem, type ReadResult } from "./problems.ts";
import { RowErrors } from "./rowErrors.ts";
import type { LabelMatch } from "./prometheus.ts";
import { chooseSeries, replayedSeries, type Labels } from "./series.ts";
import { parseTime } from "./timestamp.ts";
import { parseValue, valueProblem } from "./values.ts";

type Obj = Record<string, unknown>;
const isObject = (x: unknown): x is Obj => typeof x === "object" && x !== null && !Array.isArray(x);

const isTimeSeries = (x: unknown): boolean => isObject(x) && Array.isArray(x.points);

/** A timeSeries.list answer (`timeSeries`), or the list of time series alone. */
export const isCloudMonitoringAnswer = (root: unknown): boolean =>
  (isObject(root) && Array.isArray(root.timeSeries)) ||
  (Array.isArray(root) && root.length > 0 && root.every(isTimeSeries));

const labelsOf = (s: Obj): Labels => ({
  ...(isObject(s.resource) && isObject(s.resource.labels) ? s.resource.labels : {}),
  ...(isObject(s.metric) && isObject(s.metric.labels) ? s.metric.labels : {}),
});

export function readCloudMonitoring(
  text: string,
  root: unknown,
  opts: { unit: ValueUnit; series?: readonly LabelMatch[]; sum?: boolean; column?: string },
): ReadResult {
  if (opts.column !== undefined)
    return optionRefusal(trafficMessages.optionNotForExport("column", "cloudMonitoring"), "column");
  const at = (path: JsonPath): { offset: number; length: number } => jsonRange(text, path);
  const prefix: JsonPath = Array.isArray(root) ? [] : ["timeSeries"];
  const list = (Array.isArray(root) ? root : (root as Obj).timeSeries) as unknown[];
  if (list.length === 0) return { problems: [errorAt(trafficMessages.noSamples(), 0, 0)] };
  const all = list.map((s) => (isObject(s) ? s : {}));
  const picked = chooseSeries(all.map(labelsOf), opts, at([...prefix, 0]));
  if ("problem" in picked) return { problems: [picked.problem] };
  const problems: ReadProblem[] = [...picked.problems];
  const rowErrors = new RowErrors(problems);
  const fail = rowErrors.fail;
  const absolute: { t: number[]; v: number[] }[] = [];
  for (const index of picked.chosen) {
    const s = all[index];
    const base: JsonPath = [...prefix, index];
    if (s.metricKind === "CUMULATIVE") {
      const r = at([...base, "metricKind"]);
      fail(errorAt(trafficMessages.notAScalarPoint("CUMULATIVE (running total)"), r.offset, r.length));
      continue;
    }
    const delta = s.metricKind === "DELTA" && opts.unit === "requests";
    const samples: { seconds: number; value: number; j: number }[] = [];
    (Array.isArray(s.points) ? s.points : []).forEach((raw: unknown, j: number) => {
      const path: JsonPath = [...base, "points", j];
      const point = isObject(raw) ? raw : {};
      const interval = isObject(point.interval) ? point.interval : {};
      const end = typeof interval.endTime === "string" ? parseTime(interval.endTime) : undefined;
      if (end === undefined || end.kind !== "timestamp") {
        const r = at([...path, "interval", "endTime"]);
        fail(
          errorAt(trafficMessages.badTime(String(interval.endTime ?? "")), r.offset, Math.max(1, r.length)),
        );
        return;
      }
      const value = isObject(point.value) ? point.value : {};
      const raw2 =
        value.int64Value ??
        value.doubleValue ??
        (value.boolValue === undefined ? undefined : Number(value.boolValue));
      if (raw2 === undefined) {
        const r = at([...path, "value"]);
        const what = value.distributionValue !== undefined ? "distribution" : "non-numeric";
        fail(errorAt(trafficMessages.notAScalarPoint(what), r.offset, r.length));
        return;
      }
      const parsed = parseValue(String(raw2), opts.unit);
      if ("problem" in parsed) {
        const r = at([...path, "value"]);
        const m = valueProblem(parsed.problem, String(raw2), opts.unit);
        fail(errorAt(m, r.offset, r.length));
        return;
      }
      const start = typeof interval.startTime === "string" ? parseTime(interval.startTime) : undefined;
      const length = start === undefined ? 0 : end.seconds - start.seconds;
      samples.push({
        seconds: end.seconds,
        value: delta && length > 0 ? parsed.value / length : parsed.value,
        j,
      });
    });
    samples.sort((a, b) => a.seconds - b.seconds || a.j - b.j);
    for (let i = 1; i < samples.length; i++)
      if (samples[i].seconds === samples[i - 1].seconds) {
        const r = at([...base, "points", samples[i].j, "interval", "endTime"]);
        const time = String(((all[index].points as Obj[])[samples[i].j].interval as Obj).endTime);
        fail(errorAt(trafficMessages.timeNotIncreasing(time, time), r.offset, r.length));
      }
    absolute.push({ t: samples.map((x) => x.seconds), v: samples.map((x) => x.value) });
  }
  rowErrors.close();
  return replayedSeries(absolute, problems);
}
