/**
 * CloudWatch GetMetricData answers (`aws cloudwatch get-metric-data --metric-data-queries
 * file://queries.json --start-time … --end-time … --output json`):
 *
 *     {"MetricDataResults": [{"Id": "requests", "Label": "RequestCount",
 *       "Timestamps": ["2024-06-05T14:29:00+00:00", "2024-06-05T14:28:00+00:00", …],
 *       "Values": [5520.0, 5604.0, …], "StatusCode": "Complete"}], "Messages": []}
 *
 * Each result is one query's: timestamps newest first (ScanBy's default, TimestampDescending;
 * read in time order either way) beside their values, and nothing else — no unit, no period,
 * no statistic, which the query held. The aws CLI pages through NextToken itself and joins
 * the pages' results, so one Id may come in several results: they are one series. A result
 * whose StatusCode is PartialData has more pages than the file holds (a warning); InternalError
 * and Forbidden hold nothing to replay (an error).
 *
 * What the values are is said in the scenario, as the query said it: `column "Sum"` (or
 * `"SampleCount"`) is a count per period — an ALB's RequestCount — replayed as requests per
 * second over the period, the smallest step between timestamps, as for get-metric-statistics
 * (cloudwatch.ts); any other statistic (`"Average"`, `"Maximum"`, `"p99"`) is read as it is —
 * a Count/Second metric, or metric math that is a rate already (m1/PERIOD(m1)). Request
 * traffic without `column` is refused (RC4133): a count per minute read as a rate is sixty
 * times the traffic. A CPU or metric file's values are read as they are.
 *
 * Several results (queries): `series Id="…"` or `series Label="…"` picks one, `sum` adds them
 * up, else the first (a warning), as for Prometheus (series.ts).
 */
import { jsonRange, type JsonPath } from "./jsonPositions.ts";
import { trafficMessages, type ValueUnit } from "./messages.ts";
import { errorAt, type ReadProblem, type ReadResult } from "./problems.ts";
import type { LabelMatch } from "./prometheus.ts";
import { RowErrors } from "./rowErrors.ts";
import { chooseSeries, replayedSeries, type Labels } from "./series.ts";
import { parseTime } from "./timestamp.ts";
import { parseValue, valueProblem } from "./values.ts";

type Obj = Record<string, unknown>;
const isObject = (x: unknown): x is Obj => typeof x === "object" && x !== null && !Array.isArray(x);

/** A GetMetricData answer: an object with a `MetricDataResults` list. */
export const isMetricDataAnswer = (root: unknown): boolean =>
  isObject(root) && Array.isArray(root.MetricDataResults);

/** The statistics a MetricStat names (CloudWatch's Statistics page): their case, or undefined. */
const NAMED = ["Sum", "SampleCount", "Average", "Minimum", "Maximum", "IQM"];
const PERCENTILE = /^(p|tm|wm|tc|ts|pr)(\d{1,2}(\.\d+)?|100)$|^(TM|WM|TC|TS|PR)\(.*\)$/i;
function statisticOf(column: string): string | undefined {
  const named = NAMED.find((s) => s.toLowerCase() === column.toLowerCase());
  if (named !== undefined) return named;
  return PERCENTILE.test(column) ? column : undefined;
}

/** One query's series: its results (pages) joined, in file order. */
interface Query {
  labels: Labels;
  results: number[];
}

export function readMetricData(
  text: string,
  root: Obj,
  opts: { unit: ValueUnit; column?: string; sum?: boolean; series?: readonly LabelMatch[] },
): ReadResult {
  const at = (path: JsonPath): { offset: number; length: number } => jsonRange(text, path);
  const statistic = opts.column === undefined ? undefined : statisticOf(opts.column);
  if (opts.column !== undefined && statistic === undefined)
    return {
      problems: [
        {
          message: trafficMessages.metricDataStatistic(opts.column),
          severity: "error",
          at: { option: "column" },
        },
      ],
    };
  if (opts.unit === "requests" && statistic === undefined)
    return {
      problems: [{ message: trafficMessages.metricDataUnsaid(), severity: "error", at: { option: "file" } }],
    };

  const results = (root.MetricDataResults as unknown[]).map((r) => (isObject(r) ? r : {}));
  if (results.length === 0) {
    const r = at(["MetricDataResults"]);
    return { problems: [errorAt(trafficMessages.noSamples(), r.offset, r.length)] };
  }
  // The pages of one query (the same Id) are one series.
  const queries: Query[] = [];
  results.forEach((r, index) => {
    const id = String(r.Id ?? "");
    const known = queries.find((q) => q.labels.Id === id);
    if (known) known.results.push(index);
    else queries.push({ labels: { Id: id, Label: String(r.Label ?? "") }, results: [index] });
  });
  const picked = chooseSeries(
    queries.map((q) => q.labels),
    opts,
    at(["MetricDataResults", 0, "Id"]),
  );
  if ("problem" in picked) return { problems: [picked.problem] };
  const problems: ReadProblem[] = [...picked.problems];
  const rowErrors = new RowErrors(problems);
  const fail = rowErrors.fail;
  const perPeriod = opts.unit === "requests" && (statistic === "Sum" || statistic === "SampleCount");
  const absolute: { t: number[]; v: number[] }[] = [];
  for (const q of picked.chosen.map((i) => queries[i])) {
    const samples: { seconds: number; value: number; index: number; j: number; text: string }[] = [];
    for (const index of q.results) {
      const r = results[index];
      const base: JsonPath = ["MetricDataResults", index];
      const status = r.StatusCode;
      if (status === "InternalError" || status === "Forbidden") {
        const range = at([...base, "StatusCode"]);
        const messages = Array.isArray(r.Messages) ? r.Messages : [];
        const detail = messages.map((m) => (isObject(m) ? String(m.Value ?? m.Code ?? "") : "")).join("; ");
        fail(errorAt(trafficMessages.metricDataFailed(String(status), detail), range.offset, range.length));
        continue;
      }
      if (status === "PartialData") {
        const range = at([...base, "StatusCode"]);
        problems.push({ message: trafficMessages.metricDataPartial(), severity: "warning", at: range });
      }
      const times = Array.isArray(r.Timestamps) ? r.Timestamps : [];
      const values = Array.isArray(r.Values) ? r.Values : [];
      if (times.length !== values.length) {
        const range = at([...base, "Values"]);
        fail(
          errorAt(
            trafficMessages.badSample(
              `the result has ${times.length} Timestamps and ${values.length} Values; each timestamp has its value`,
            ),
            range.offset,
            Math.max(1, range.length),
          ),
        );
        continue;
      }
      times.forEach((raw: unknown, j: number) => {
        const time = typeof raw === "string" ? parseTime(raw) : undefined;
        if (time === undefined || time.kind !== "timestamp") {
          const range = at([...base, "Timestamps", j]);
          fail(errorAt(trafficMessages.badTime(String(raw ?? "")), range.offset, Math.max(1, range.length)));
          return;
        }
        const parsed = parseValue(String(values[j]), opts.unit);
        if ("problem" in parsed) {
          const range = at([...base, "Values", j]);
          fail(
            errorAt(valueProblem(parsed.problem, String(values[j]), opts.unit), range.offset, range.length),
          );
          return;
        }
        samples.push({ seconds: time.seconds, value: parsed.value, index, j, text: String(raw) });
      });
    }
    samples.sort((a, b) => a.seconds - b.seconds || a.index - b.index || a.j - b.j);
    for (let i = 1; i < samples.length; i++)
      if (samples[i].seconds === samples[i - 1].seconds) {
        const range = at(["MetricDataResults", samples[i].index, "Timestamps", samples[i].j]);
        fail(
          errorAt(
            trafficMessages.timeNotIncreasing(samples[i].text, samples[i].text),
            range.offset,
            range.length,
          ),
        );
      }
    // A count per period becomes a rate: over the period, the smallest step between timestamps.
    let per = 1;
    if (perPeriod && samples.length > 0) {
      if (samples.length < 2) {
        const range = at(["MetricDataResults", samples[0].index, "Values", samples[0].j]);
        fail(errorAt(trafficMessages.cloudWatchOnePeriod(statistic!), range.offset, range.length));
        continue;
      }
      per = Infinity;
      for (let i = 1; i < samples.length; i++)
        per = Math.min(per, samples[i].seconds - samples[i - 1].seconds);
    }
    absolute.push({ t: samples.map((s) => s.seconds), v: samples.map((s) => s.value / per) });
  }
  rowErrors.close();
  return replayedSeries(absolute, problems);
}
