/**
 * VictoriaMetrics' native JSON export (`curl http://vm:8428/api/v1/export -d 'match[]=…' >
 * export.jsonl`, VictoriaMetrics docs "How to export time series"): a line per series, its raw
 * samples —
 *
 *     {"metric":{"__name__":"http_requests_total","job":"web","instance":"10.0.0.7:8080"},
 *      "values":[118204,119310,…],"timestamps":[1717596000000,1717596015000,…]}
 *
 * Timestamps are epoch milliseconds. A series may span several lines (`max_rows_per_line`
 * splits it): its lines are joined and its samples read in time order, one per timestamp.
 * Raw samples are what the scrape stored, so a counter holds a running total: a series named
 * `…_total` (Prometheus' naming convention for counters; OpenMetrics requires the suffix), or a
 * histogram's or summary's `…_count`/`…_sum`, is replayed as its rate between samples, as
 * rate() takes it — each sample's increase over the one before divided by the seconds between
 * them, at the later sample's time; a drop is a restart, whose new value is the increase. So
 * `http_requests_total` becomes requests per second and `container_cpu_usage_seconds_total`
 * cores. Any other series is a gauge, read as it is. Several series: `series LABEL="VALUE"` picks
 * by the metric's labels (`__name__` too), `sum` adds them up, else the first (a warning), as for
 * Prometheus (series.ts).
 *
 * Example: a counter at 1000, 1600, 2500 at 0 s, 60 s, 120 s → 10/s from 60 s, 15/s from 120 s.
 */
import { jsonLines } from "./jsonLines.ts";
import { trafficMessages, type ValueUnit } from "./messages.ts";
import { errorAt, type ReadProblem, type ReadResult } from "./problems.ts";
import type { LabelMatch } from "./prometheus.ts";
import { RowErrors } from "./rowErrors.ts";
import { chooseSeries, replayedSeries, type Labels } from "./series.ts";
import { parseValue, valueProblem } from "./values.ts";

type Obj = Record<string, unknown>;
const isObject = (x: unknown): x is Obj => typeof x === "object" && x !== null && !Array.isArray(x);

const LINE_START = /^[\uFEFF\s]*\{\s*"metric"\s*:/;

/** The first line of the file is an export line: a `metric` object, then `values` and `timestamps`. */
export function isVictoriaExport(text: string): boolean {
  if (!LINE_START.test(text.slice(0, 64))) return false;
  const first = /^[\uFEFF\s]*([^\n]*)/.exec(text)![1];
  try {
    const line: unknown = JSON.parse(first);
    return isObject(line) && Array.isArray(line.values) && Array.isArray(line.timestamps);
  } catch {
    return false;
  }
}

/** A counter's samples by Prometheus' naming conventions ("Metric and label naming"). */
export const isCounterName = (name: unknown): boolean =>
  typeof name === "string" && /_(?:total|count|sum)$/.test(name);

interface Series {
  labels: Labels;
  samples: Map<number, { value: unknown; offset: number; length: number }>;
  at: { offset: number; length: number };
}

export function readVictoriaExport(
  text: string,
  opts: { unit: ValueUnit; series?: readonly LabelMatch[]; sum?: boolean },
): ReadResult {
  const problems: ReadProblem[] = [];
  const bySeries = new Map<string, Series>();
  for (const read of jsonLines(text)) {
    const at = { offset: read.offset, length: read.length };
    if ("syntaxError" in read)
      return { problems: [errorAt(trafficMessages.victoriaBadLine(read.syntaxError), at.offset, at.length)] };
    const line = read.value;
    const values = isObject(line) ? line.values : undefined;
    const timestamps = isObject(line) ? line.timestamps : undefined;
    if (!isObject(line) || !isObject(line.metric) || !Array.isArray(values) || !Array.isArray(timestamps))
      return {
        problems: [
          errorAt(
            trafficMessages.victoriaBadLine("expected `metric`, `values` and `timestamps`"),
            at.offset,
            at.length,
          ),
        ],
      };
    if (values.length !== timestamps.length)
      return {
        problems: [
          errorAt(
            trafficMessages.victoriaBadLine(
              `${values.length} values and ${timestamps.length} timestamps; each value needs its timestamp`,
            ),
            at.offset,
            at.length,
          ),
        ],
      };
    const metric = line.metric;
    // The same labels in any order are one series.
    const key = JSON.stringify(
      Object.keys(metric)
        .sort()
        .map((k) => [k, metric[k]]),
    );
    const series = bySeries.get(key) ?? { labels: metric, samples: new Map(), at };
    bySeries.set(key, series);
    timestamps.forEach((ms, k) => {
      // Later lines win a timestamp both hold: one sample per timestamp, as the export's deduplication keeps.
      if (typeof ms === "number") series.samples.set(ms, { value: values[k], ...at });
      else series.samples.set(NaN, { value: ms, ...at });
    });
  }
  const all = [...bySeries.values()];
  if (all.length === 0) return { problems: [errorAt(trafficMessages.noSamples(), 0, 0)] };
  const picked = chooseSeries(
    all.map((s) => s.labels),
    opts,
    all[0].at,
  );
  if ("problem" in picked) return { problems: [picked.problem] };
  problems.push(...picked.problems);
  const rowErrors = new RowErrors(problems);
  const fail = rowErrors.fail;
  const absolute: { t: number[]; v: number[] }[] = [];
  for (const index of picked.chosen) {
    const s = all[index];
    if (s.samples.has(NaN)) {
      const bad = s.samples.get(NaN)!;
      fail(errorAt(trafficMessages.badTime(String(bad.value)), bad.offset, bad.length));
      continue;
    }
    const times = [...s.samples.keys()].sort((a, b) => a - b);
    const raw: number[] = [];
    for (const ms of times) {
      const sample = s.samples.get(ms)!;
      const n = typeof sample.value === "number" ? sample.value : Number.NaN;
      if (!Number.isFinite(n))
        fail(errorAt(trafficMessages.notANumberSample(String(sample.value)), sample.offset, sample.length));
      raw.push(n);
    }
    if (raw.some((n) => !Number.isFinite(n))) continue;
    const counter = isCounterName(s.labels.__name__);
    const t: number[] = [];
    const v: number[] = [];
    for (let k = counter ? 1 : 0; k < times.length; k++) {
      // rate(): a drop is a counter reset, after which the whole new value is the increase.
      const value = counter
        ? (raw[k] >= raw[k - 1] ? raw[k] - raw[k - 1] : raw[k]) / ((times[k] - times[k - 1]) / 1000)
        : raw[k];
      const parsed = parseValue(String(value), opts.unit);
      if ("problem" in parsed) {
        const sample = s.samples.get(times[k])!;
        fail(errorAt(valueProblem(parsed.problem, String(value), opts.unit), sample.offset, sample.length));
        continue;
      }
      t.push(times[k] / 1000);
      v.push(parsed.value);
    }
    absolute.push({ t, v });
  }
  rowErrors.close();
  return replayedSeries(absolute, problems);
}
