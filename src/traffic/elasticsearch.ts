/**
 * An Elasticsearch (or OpenSearch) search answer with a `date_histogram` aggregation, as `curl
 * -XPOST 'es:9200/nginx-access/_search' -d @per-minute.json` or Kibana's Inspect → Response
 * saves it (the Elasticsearch reference, "Date histogram aggregation"):
 *
 *     {"took": 38, "hits": {"total": {"value": 10000, "relation": "gte"}, "hits": []},
 *      "aggregations": {"per_minute": {"buckets": [
 *        {"key_as_string": "2024-06-05T14:00:00.000Z", "key": 1717596000000, "doc_count": 5520,
 *         "rps": {"value": 92.0}}, …]}}}
 *
 * A bucket's `key` is its start in epoch milliseconds; the first bucket becomes the statement's
 * time. Its `doc_count` — the access-log lines in it — is requests per bucket: request traffic
 * is that over the bucket's length (the smallest step between keys; a single bucket does not
 * tell it). `column "NAME"` reads a sub-aggregation's `value` instead, as it is (a `rate`
 * aggregation with `"unit": "second"` is requests per second already; a null value is a gap).
 * A `terms` aggregation around the histogram (`by host`) gives a series per term: `series
 * host="web-1"` picks one (the terms aggregation's name, the bucket's key), `sum` adds them up,
 * else the first (a warning), as for Prometheus (series.ts). Kibana's `rawResponse` wrapper is
 * read too.
 */
import { jsonRange, type JsonPath } from "./jsonPositions.ts";
import { trafficMessages, type ValueUnit } from "./messages.ts";
import { errorAt, type ReadProblem, type ReadResult } from "./problems.ts";
import type { LabelMatch } from "./prometheus.ts";
import { RowErrors } from "./rowErrors.ts";
import { chooseSeries, replayedSeries, type Labels } from "./series.ts";
import { parseValue, valueProblem } from "./values.ts";

type Obj = Record<string, unknown>;
const isObject = (x: unknown): x is Obj => typeof x === "object" && x !== null && !Array.isArray(x);

/** A search answer (or Kibana's inspected one) with aggregations. */
export const isElasticsearchAnswer = (root: unknown): boolean =>
  isObject(root) &&
  (isObject(root.aggregations) || (isObject(root.rawResponse) && isObject(root.rawResponse.aggregations)));

/** A date_histogram's buckets: each a numeric `key` (epoch ms) with its `doc_count`. */
const isDateBuckets = (x: unknown): x is Obj[] =>
  Array.isArray(x) &&
  x.length > 0 &&
  x.every((b) => isObject(b) && typeof b.key === "number" && typeof b.doc_count === "number");

interface Series {
  labels: Labels;
  buckets: Obj[];
  path: JsonPath;
}

/** The aggregation's date histograms: its own, or one per bucket of a terms aggregation around one. */
function histograms(aggs: Obj, path: JsonPath): Series[] {
  for (const [name, agg] of Object.entries(aggs)) {
    if (!isObject(agg) || !Array.isArray(agg.buckets)) continue;
    const buckets = agg.buckets;
    const nested: Series[] = [];
    buckets.forEach((b: unknown, i) => {
      if (!isObject(b)) return;
      for (const [inner, sub] of Object.entries(b))
        if (isObject(sub) && isDateBuckets(sub.buckets)) {
          nested.push({
            labels: { [name]: String(b.key) },
            buckets: sub.buckets,
            path: [...path, name, "buckets", i, inner, "buckets"],
          });
          return;
        }
    });
    if (nested.length > 0) return nested;
    if (isDateBuckets(buckets)) return [{ labels: {}, buckets, path: [...path, name, "buckets"] }];
  }
  return [];
}

export function readElasticsearch(
  text: string,
  root: Obj,
  opts: { unit: ValueUnit; series?: readonly LabelMatch[]; sum?: boolean; column?: string },
): ReadResult {
  const at = (path: JsonPath): { offset: number; length: number } => jsonRange(text, path);
  const inspected = !isObject(root.aggregations);
  const aggs = (inspected ? (root.rawResponse as Obj).aggregations : root.aggregations) as Obj;
  const all = histograms(aggs, inspected ? ["rawResponse", "aggregations"] : ["aggregations"]);
  if (all.length === 0) {
    const r = at(inspected ? ["rawResponse", "aggregations"] : ["aggregations"]);
    return { problems: [errorAt(trafficMessages.noSamples(), r.offset, Math.min(1, r.length))] };
  }
  const picked = chooseSeries(
    all.map((s) => s.labels),
    opts,
    at(all[0].path),
  );
  if ("problem" in picked) return { problems: [picked.problem] };
  const chosen = picked.chosen.map((i) => all[i]);
  const column = opts.column;
  if (column !== undefined) {
    const named = new Set<string>();
    for (const s of chosen)
      for (const b of s.buckets)
        for (const [k, v] of Object.entries(b)) if (isObject(v) && "value" in v) named.add(k);
    if (!named.has(column))
      return {
        problems: [
          {
            message: trafficMessages.unknownAggregation(column, [...named], "elasticsearch"),
            severity: "error",
            at: { option: "column" },
          },
        ],
      };
  }
  const problems: ReadProblem[] = [...picked.problems];
  const rowErrors = new RowErrors(problems);
  const fail = rowErrors.fail;
  const absolute: { t: number[]; v: number[] }[] = [];
  for (const s of chosen) {
    // doc_count as request traffic: per second over the bucket's length.
    const perBucket = column === undefined && opts.unit === "requests";
    let length = Infinity;
    for (let k = 1; k < s.buckets.length; k++)
      length = Math.min(length, ((s.buckets[k].key as number) - (s.buckets[k - 1].key as number)) / 1000);
    if (perBucket && !(length > 0 && length < Infinity)) {
      const r = at(s.path);
      const message =
        length <= 0
          ? trafficMessages.timeNotIncreasing(String(s.buckets[1].key), String(s.buckets[0].key))
          : trafficMessages.cloudWatchOnePeriod("doc_count", "elasticsearch");
      fail(errorAt(message, r.offset, Math.min(1, r.length)));
      continue;
    }
    const t: number[] = [];
    const v: number[] = [];
    s.buckets.forEach((b, j) => {
      const ms = b.key as number;
      if (t.length > 0 && ms / 1000 <= t[t.length - 1]) {
        const r = at([...s.path, j, "key"]);
        fail(
          errorAt(
            trafficMessages.timeNotIncreasing(String(ms), String(t[t.length - 1] * 1000)),
            r.offset,
            r.length,
          ),
        );
        return;
      }
      const sub = column === undefined ? undefined : b[column];
      const raw = column === undefined ? b.doc_count : isObject(sub) ? sub.value : undefined;
      if (raw === null || raw === undefined) return;
      const parsed = parseValue(String(raw), opts.unit);
      if ("problem" in parsed) {
        const r = at(column === undefined ? [...s.path, j, "doc_count"] : [...s.path, j, column, "value"]);
        fail(errorAt(valueProblem(parsed.problem, String(raw), opts.unit), r.offset, r.length));
        return;
      }
      t.push(ms / 1000);
      v.push(perBucket ? parsed.value / length : parsed.value);
    });
    absolute.push({ t, v });
  }
  rowErrors.close();
  return replayedSeries(absolute, problems);
}
