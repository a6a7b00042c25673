/**
 * Datadog metric query answers, saved from the API (GET /api/v1/query, a dashboard widget's
 * "Download as JSON") —
 *
 *     {"status": "ok", "res_type": "time_series", "query": "sum:trace.http.request.hits{service:web}.as_rate()",
 *      "series": [{"metric": "trace.http.request.hits", "tag_set": ["pod_name:web-1"], "interval": 20,
 *                  "expression": "…", "pointlist": [[1717596000000.0, 118.2], [1717596020000.0, null], …]}]}
 *
 * and the v2 timeseries answer (POST /api/v2/query/timeseries: `data.attributes` with `times`
 * and a `values` list per series, tagged by `group_tags`). Times are epoch milliseconds; the
 * first point becomes the statement's time; a null point is a gap (the value before it holds).
 * A query `.as_count()` gives requests per interval, replayed as requests per second over the
 * series' interval; `.as_rate()` (a rate metric's default) is a rate already. Several series
 * (a query grouped `by {pod_name}`): `series pod_name="web-1"` picks one by its tags, `sum`
 * adds them up, else the first (a warning), as for Prometheus (series.ts).
 */
import { jsonRange, type JsonPath } from "./jsonPositions.ts";
import { trafficMessages, type ValueUnit } from "./messages.ts";
import { errorAt, optionRefusal, type ReadProblem, type ReadResult } from "./problems.ts";
import { RowErrors } from "./rowErrors.ts";
import type { LabelMatch } from "./prometheus.ts";
import { chooseSeries, replayedSeries, type Labels } from "./series.ts";
import { parseValue, valueProblem } from "./values.ts";

type Obj = Record<string, unknown>;
const isObject = (x: unknown): x is Obj => typeof x === "object" && x !== null && !Array.isArray(x);

/** A v1 answer (`series` of `pointlist`s, or an error status with `res_type`) or a v2 one. */
export function isDatadogAnswer(root: unknown): boolean {
  if (!isObject(root)) return false;
  if (Array.isArray(root.series) && (root.res_type !== undefined || root.from_date !== undefined))
    return true;
  if (Array.isArray(root.series) && root.series.some((s) => isObject(s) && Array.isArray(s.pointlist)))
    return true;
  const data = root.data;
  return isObject(data) && data.type === "timeseries_response" && isObject(data.attributes);
}

interface Series {
  labels: Labels;
  /** [epoch ms, value or null] with the JSON path of each point's value. */
  points: { ms: unknown; value: unknown; path: JsonPath }[];
  /** Seconds per point of an `.as_count()` query, else 1. */
  per: number;
  path: JsonPath;
}

/** `pod_name:web-1` tags as labels; a tag without a value is its own name. */
function tagLabels(tags: unknown): Labels {
  const labels: Labels = {};
  if (Array.isArray(tags))
    for (const t of tags) {
      const s = String(t);
      const colon = s.indexOf(":");
      if (colon < 0) labels[s] = "";
      else labels[s.slice(0, colon)] = s.slice(colon + 1);
    }
  return labels;
}

function seriesOf(root: Obj): Series[] {
  if (Array.isArray(root.series))
    return root.series.map((raw, i) => {
      const s = isObject(raw) ? raw : {};
      const expression = `${String(s.expression ?? "")} ${String(root.query ?? "")}`;
      const counted = /\.as_count\(\)/.test(expression) && typeof s.interval === "number" && s.interval > 0;
      const list = Array.isArray(s.pointlist) ? s.pointlist : [];
      return {
        labels: tagLabels(s.tag_set),
        points: list.map((p: unknown, j) => ({
          ms: Array.isArray(p) ? p[0] : undefined,
          value: Array.isArray(p) ? p[1] : undefined,
          path: ["series", i, "pointlist", j],
        })),
        per: counted ? (s.interval as number) : 1,
        path: ["series", i],
      };
    });
  const attributes = (root.data as Obj).attributes as Obj;
  const times = Array.isArray(attributes.times) ? attributes.times : [];
  const values = Array.isArray(attributes.values) ? attributes.values : [];
  const series = Array.isArray(attributes.series) ? attributes.series : [];
  return series.map((raw, i) => {
    const column = Array.isArray(values[i]) ? (values[i] as unknown[]) : [];
    return {
      labels: tagLabels(isObject(raw) ? raw.group_tags : undefined),
      points: times.map((ms: unknown, j) => ({
        ms,
        value: column[j],
        path: ["data", "attributes", "values", i, j],
      })),
      per: 1,
      path: ["data", "attributes", "series", i],
    };
  });
}

export function readDatadog(
  text: string,
  root: Obj,
  opts: { unit: ValueUnit; series?: readonly LabelMatch[]; sum?: boolean; column?: string },
): ReadResult {
  if (opts.column !== undefined)
    return optionRefusal(trafficMessages.optionNotForExport("column", "datadog"), "column");
  const at = (path: JsonPath): { offset: number; length: number } => jsonRange(text, path);
  if (root.status === "error" || (Array.isArray(root.errors) && root.errors.length > 0)) {
    const error = root.error ?? (Array.isArray(root.errors) ? root.errors.join("; ") : "");
    return { problems: [errorAt(trafficMessages.datadogError(String(error)), 0, 0)] };
  }
  const all = seriesOf(root);
  if (all.length === 0) return { problems: [errorAt(trafficMessages.noSamples(), 0, 0)] };
  const picked = chooseSeries(
    all.map((s) => s.labels),
    opts,
    at(all[0].path),
  );
  if ("problem" in picked) return { problems: [picked.problem] };
  const problems: ReadProblem[] = [...picked.problems];
  const rowErrors = new RowErrors(problems);
  const fail = rowErrors.fail;
  const absolute: { t: number[]; v: number[] }[] = [];
  for (const index of picked.chosen) {
    const s = all[index];
    const t: number[] = [];
    const v: number[] = [];
    for (const p of s.points) {
      if (typeof p.ms !== "number") {
        const r = at(p.path);
        fail(errorAt(trafficMessages.badTime(String(p.ms ?? "")), r.offset, Math.max(1, r.length)));
        continue;
      }
      if (p.value === null || p.value === undefined) continue; // a gap
      const seconds = p.ms / 1000;
      if (t.length > 0 && seconds <= t[t.length - 1]) {
        const r = at(p.path);
        fail(
          errorAt(
            trafficMessages.timeNotIncreasing(String(p.ms), String(t[t.length - 1] * 1000)),
            r.offset,
            r.length,
          ),
        );
        continue;
      }
      const parsed = parseValue(String(p.value), opts.unit);
      if ("problem" in parsed) {
        const r = at(p.path);
        const m = valueProblem(parsed.problem, String(p.value), opts.unit);
        fail(errorAt(m, r.offset, r.length));
        continue;
      }
      t.push(seconds);
      v.push(opts.unit === "requests" ? parsed.value / s.per : parsed.value);
    }
    absolute.push({ t, v });
  }
  rowErrors.close();
  return replayedSeries(absolute, problems);
}
