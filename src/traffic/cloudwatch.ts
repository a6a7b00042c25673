/**
 * CloudWatch answers (`aws cloudwatch get-metric-statistics … --output json`, the
 * GetMetricStatistics API):
 *
 *     {"Label": "RequestCount", "Datapoints": [
 *       {"Timestamp": "2024-06-05T14:14:00+00:00", "Sum": 5604.0, "Unit": "Count"}, …]}
 *
 * The API returns the datapoints in no particular order: they are read in time order, the
 * first becoming the statement's time; a period with no data has no datapoint (the value
 * before it holds, as in any traffic file). Each datapoint carries the statistics asked for
 * (Sum, Average, Maximum, Minimum, SampleCount, and ExtendedStatistics such as p99): one is
 * replayed — the only one, or `column "NAME"`'s, else the first with a warning.
 *
 * Request traffic is requests per second: a Sum (or SampleCount) of a Count metric — an ALB's
 * RequestCount, API Gateway's Count — is requests per period, so it is divided by the period,
 * the smallest step between datapoints (5604 over 60 s → 93.4/s); a Count/Second metric is a
 * rate already. Other units are read as they are.
 */
import type { Signal } from "../engine/workload/signal.ts";
import { jsonRange, type JsonPath } from "./jsonPositions.ts";
import { trafficMessages, type ValueUnit } from "./messages.ts";
import { errorAt, optionRefusal, type ReadProblem, type ReadResult } from "./problems.ts";
import { RowErrors } from "./rowErrors.ts";
import { parseTime } from "./timestamp.ts";
import { parseValue, valueProblem } from "./values.ts";

const STATISTICS = ["Sum", "Average", "Maximum", "Minimum", "SampleCount"] as const;

type Obj = Record<string, unknown>;
const isObject = (x: unknown): x is Obj => typeof x === "object" && x !== null && !Array.isArray(x);

/** A GetMetricStatistics answer: an object with a `Datapoints` list. */
export const isCloudWatchAnswer = (root: unknown): boolean =>
  isObject(root) && Array.isArray(root.Datapoints);

/** The statistics a datapoint carries, in the API's order, then its extended ones (p99, tm90). */
function statisticsOf(dp: Obj): string[] {
  const own = STATISTICS.filter((s) => typeof dp[s] === "number");
  const extended = isObject(dp.ExtendedStatistics) ? Object.keys(dp.ExtendedStatistics) : [];
  return [...own, ...extended];
}

function statisticValue(dp: Obj, name: string): unknown {
  if ((STATISTICS as readonly string[]).includes(name)) return dp[name];
  return isObject(dp.ExtendedStatistics) ? dp.ExtendedStatistics[name] : undefined;
}

export function readCloudWatch(
  text: string,
  root: Obj,
  opts: { unit: ValueUnit; column?: string; sum?: boolean; series?: readonly unknown[] },
): ReadResult {
  const optionError = (option: "series" | "sum"): ReadResult =>
    optionRefusal(trafficMessages.optionNotForExport(option, "cloudwatch"), option);
  if (opts.series !== undefined && opts.series.length > 0) return optionError("series");
  if (opts.sum) return optionError("sum");
  const at = (path: JsonPath): { offset: number; length: number } => jsonRange(text, path);
  const datapoints = root.Datapoints as unknown[];
  if (datapoints.length === 0) {
    const r = at(["Datapoints"]);
    return { problems: [errorAt(trafficMessages.noSamples(), r.offset, r.length)] };
  }

  // Which statistic: the column asked for, the only one, or the first (a warning).
  const problems: ReadProblem[] = [];
  const seen: string[] = [];
  for (const dp of datapoints)
    if (isObject(dp)) for (const s of statisticsOf(dp)) if (!seen.includes(s)) seen.push(s);
  let statistic: string;
  if (opts.column !== undefined) {
    const wanted = opts.column.toLowerCase();
    const found = seen.find((s) => s.toLowerCase() === wanted);
    if (found === undefined)
      return {
        problems: [
          {
            message: trafficMessages.cloudWatchUnknownStatistic(opts.column, seen),
            severity: "error",
            at: { option: "column" },
          },
        ],
      };
    statistic = found;
  } else {
    if (seen.length === 0) {
      const r = at(["Datapoints", 0]);
      return {
        problems: [
          errorAt(trafficMessages.badSample("the datapoint holds no statistic"), r.offset, r.length),
        ],
      };
    }
    statistic = seen[0];
    if (seen.length > 1)
      problems.push({
        message: trafficMessages.cloudWatchStatistics(statistic, seen),
        severity: "warning",
        at: at(["Datapoints", 0]),
      });
  }

  const rowErrors = new RowErrors(problems);
  const fail = rowErrors.fail;
  const samples: { seconds: number; value: number; index: number }[] = [];
  let unit: unknown;
  datapoints.forEach((dp, index) => {
    const path: JsonPath = ["Datapoints", index];
    if (!isObject(dp)) {
      const r = at(path);
      fail(errorAt(trafficMessages.badSample("a datapoint is an object"), r.offset, r.length));
      return;
    }
    const time = typeof dp.Timestamp === "string" ? parseTime(dp.Timestamp) : undefined;
    if (time === undefined || time.kind !== "timestamp") {
      const r = at([...path, "Timestamp"]);
      fail(errorAt(trafficMessages.badTime(String(dp.Timestamp ?? "")), r.offset, Math.max(1, r.length)));
      return;
    }
    const raw = statisticValue(dp, statistic);
    if (raw === undefined) return; // this datapoint lacks the statistic: a gap
    const parsed = parseValue(String(raw), opts.unit);
    if ("problem" in parsed) {
      const r = at(statistic in dp ? [...path, statistic] : [...path, "ExtendedStatistics", statistic]);
      const m = valueProblem(parsed.problem, String(raw), opts.unit);
      fail(errorAt(m, r.offset, r.length));
      return;
    }
    unit ??= dp.Unit;
    samples.push({ seconds: time.seconds, value: parsed.value, index });
  });
  samples.sort((a, b) => a.seconds - b.seconds || a.index - b.index);
  for (let i = 1; i < samples.length; i++)
    if (samples[i].seconds === samples[i - 1].seconds) {
      const r = at(["Datapoints", samples[i].index, "Timestamp"]);
      const text = String((datapoints[samples[i].index] as Obj).Timestamp);
      fail(errorAt(trafficMessages.timeNotIncreasing(text, text), r.offset, r.length));
    }
  rowErrors.close();
  if (problems.some((p) => p.severity === "error")) return { problems };
  if (samples.length === 0) return { problems: [...problems, errorAt(trafficMessages.noSamples(), 0, 0)] };

  // A count per period becomes a rate: over the period, the smallest step between datapoints.
  let per = 1;
  if (opts.unit === "requests" && unit === "Count" && (statistic === "Sum" || statistic === "SampleCount")) {
    if (samples.length < 2) {
      const r = at(["Datapoints", samples[0].index]);
      return {
        problems: [...problems, errorAt(trafficMessages.cloudWatchOnePeriod(statistic), r.offset, r.length)],
      };
    }
    per = Infinity;
    for (let i = 1; i < samples.length; i++) per = Math.min(per, samples[i].seconds - samples[i - 1].seconds);
  }
  const zero = samples[0].seconds;
  const signal: Signal = { t: samples.map((s) => s.seconds - zero), v: samples.map((s) => s.value / per) };
  return { signal, problems };
}
