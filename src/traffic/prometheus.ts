/**
 * Prometheus range-query answers (GET /api/v1/query_range, "Expression queries" in the
 * Prometheus HTTP API docs):
 *
 *     {"status": "success", "data": {"resultType": "matrix", "result": [
 *       {"metric": {"__name__": "…", "job": "api", "pod": "web-1"},
 *        "values": [[1709510400, "118.2"], [1709510460, "121"], …]}, …]}}
 *
 * The `data` object alone is read too. Sample times are Unix seconds; the first sample of
 * the replayed series becomes the statement's time. Values are strings; "NaN" and "±Inf"
 * cannot be replayed and are errors.
 *
 * Several series: `series LABEL="VALUE" …` picks the one whose labels match all the given
 * ones, `sum` adds up every (matching) series as step functions; otherwise the first series
 * is replayed, with a warning. Example: an answer for rate(http_requests_total[5m]) with a
 * series per pod and `sum` → the workload's total request rate.
 */
import { own } from "../k8s/safeKeys.ts";
import { isAzureMonitorAnswer, readAzureMonitor } from "./azureMonitor.ts";
import { isElasticsearchAnswer, readElasticsearch } from "./elasticsearch.ts";
import { isCloudMonitoringAnswer, readCloudMonitoring } from "./cloudMonitoring.ts";
import { isCloudWatchAnswer, readCloudWatch } from "./cloudwatch.ts";
import { isMetricDataAnswer, readMetricData } from "./cloudwatchMetricData.ts";
import { isDatadogAnswer, readDatadog } from "./datadog.ts";
import { jsonRange, jsonSyntaxError, type JsonPath } from "./jsonPositions.ts";
import { trafficMessages, type ValueUnit } from "./messages.ts";
import { errorAt, type ReadProblem, type ReadResult } from "./problems.ts";
import { RowErrors } from "./rowErrors.ts";
import { parseValue, valueProblem } from "./values.ts";
import { replayedSeries } from "./series.ts";

export interface LabelMatch {
  name: string;
  value: string;
}

export interface PrometheusOptions {
  unit: ValueUnit;
  series?: readonly LabelMatch[];
  sum?: boolean;
  /** CloudWatch: the statistic to replay. */
  column?: string;
}

interface Series {
  metric?: Record<string, unknown>;
  values?: unknown;
}

const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === "object" && x !== null && !Array.isArray(x);

/** `http_requests_total{job="api", pod="web-1"}`, as Prometheus prints a series. */
export function seriesText(metric: Record<string, unknown> | undefined): string {
  const labels = Object.entries(metric ?? {}).filter(([k]) => k !== "__name__");
  const name = typeof metric?.__name__ === "string" ? metric.__name__ : "";
  return `${name}{${labels.map(([k, v]) => `${k}="${String(v)}"`).join(", ")}}`;
}

const matchText = (m: readonly LabelMatch[]): string => m.map((x) => `${x.name}="${x.value}"`).join(" ");

/**
 * The series as told apart: only the labels whose values differ among them (all of them when
 * none do). Example: three pods × two codes → `{code="200", pod="a"}`, … rather than every
 * label of every series.
 */
export function distinguishingTexts(metrics: readonly (Record<string, unknown> | undefined)[]): string[] {
  const names = [...new Set(metrics.flatMap((m) => Object.keys(m ?? {})))].filter((k) => k !== "__name__");
  const differing = names.filter((k) => new Set(metrics.map((m) => String(own(m, k) ?? ""))).size > 1);
  if (differing.length === 0) return metrics.map(seriesText);
  return metrics.map((m) => `{${differing.map((k) => `${k}="${String(own(m, k) ?? "")}"`).join(", ")}}`);
}

/** The other JSON answers read here, told by their shape. */
export type JsonAnswer = "cloudwatch" | "datadog" | "cloudMonitoring" | "azureMonitor" | "elasticsearch";

export function readPrometheus(text: string, opts: PrometheusOptions): ReadResult & { answer?: JsonAnswer } {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (e) {
    const at = jsonSyntaxError(text) ?? { offset: 0, message: e instanceof Error ? e.message : String(e) };
    return { problems: [errorAt(trafficMessages.jsonSyntax(at.message), at.offset, 1)] };
  }
  // CloudWatch's GetMetricStatistics answer is JSON too (cloudwatch.ts)…
  if (isCloudWatchAnswer(root))
    return { ...readCloudWatch(text, root as Record<string, unknown>, opts), answer: "cloudwatch" };
  // …and so is its GetMetricData answer (cloudwatchMetricData.ts).
  if (isMetricDataAnswer(root))
    return { ...readMetricData(text, root as Record<string, unknown>, opts), answer: "cloudwatch" };
  // Datadog's and Cloud Monitoring's query answers (datadog.ts, cloudMonitoring.ts).
  if (isDatadogAnswer(root))
    return { ...readDatadog(text, root as Record<string, unknown>, opts), answer: "datadog" };
  if (isCloudMonitoringAnswer(root))
    return { ...readCloudMonitoring(text, root, opts), answer: "cloudMonitoring" };
  // Azure Monitor's Metrics - List answer (azureMonitor.ts).
  if (isAzureMonitorAnswer(root))
    return { ...readAzureMonitor(text, root as Record<string, unknown>, opts), answer: "azureMonitor" };
  // An Elasticsearch/OpenSearch search answer's date_histogram (elasticsearch.ts).
  if (isElasticsearchAnswer(root))
    return { ...readElasticsearch(text, root as Record<string, unknown>, opts), answer: "elasticsearch" };
  const at = (path: JsonPath): { offset: number; length: number } => jsonRange(text, path);
  const whole = { offset: 0, length: 0 };
  if (isObject(root) && root.status === "error")
    return {
      problems: [
        errorAt(
          trafficMessages.prometheusError(String(root.errorType ?? "error"), String(root.error ?? "")),
          whole.offset,
          whole.length,
        ),
      ],
    };
  const prefix: JsonPath = isObject(root) && isObject(root.data) ? ["data"] : [];
  const data = prefix.length > 0 ? (root as { data: unknown }).data : root;
  if (!isObject(data) || data.resultType === undefined) {
    const range = at(prefix);
    return {
      problems: [
        errorAt(trafficMessages.notMatrix("no resultType"), range.offset, Math.min(1, range.length)),
      ],
    };
  }
  if (data.resultType !== "matrix") {
    const range = at([...prefix, "resultType"]);
    return {
      problems: [
        errorAt(
          trafficMessages.notMatrix(`resultType ${JSON.stringify(data.resultType)}`),
          range.offset,
          range.length,
        ),
      ],
    };
  }
  const result = data.result;
  if (!Array.isArray(result)) {
    const range = at([...prefix, "result"]);
    return {
      problems: [errorAt(trafficMessages.badSample("`result` is not a list"), range.offset, range.length)],
    };
  }
  if (result.length === 0) {
    const range = at([...prefix, "result"]);
    return { problems: [errorAt(trafficMessages.noSeries(), range.offset, range.length)] };
  }

  // Which series to replay.
  const problems: ReadProblem[] = [];
  const all = result.map((s: unknown, index) => ({ index, series: (isObject(s) ? s : {}) as Series }));
  let chosen = all;
  if (opts.series && opts.series.length > 0) {
    const wanted = opts.series;
    chosen = all.filter(({ series }) =>
      // Own labels only: a `series constructor="x"` names a label, not Object's (safeKeys.ts).
      wanted.every((m) => String(own(series.metric, m.name) ?? "") === m.value),
    );
    if (chosen.length === 0)
      return {
        problems: [
          {
            message: trafficMessages.noSeriesMatch(
              matchText(wanted),
              distinguishingTexts(all.map(({ series }) => series.metric)),
            ),
            severity: "error",
            at: { option: "series" },
          },
        ],
      };
    if (chosen.length > 1 && !opts.sum)
      return {
        problems: [
          {
            message: trafficMessages.ambiguousSeries(
              matchText(wanted),
              distinguishingTexts(chosen.map(({ series }) => series.metric)),
            ),
            severity: "error",
            at: { option: "series" },
          },
        ],
      };
  } else if (all.length > 1 && !opts.sum) {
    const range = at([...prefix, "result", 0, "metric"]);
    problems.push({
      message: trafficMessages.severalSeries(
        all.length,
        distinguishingTexts(all.map(({ series }) => series.metric))[0],
      ),
      severity: "warning",
      at: range,
    });
    chosen = [all[0]];
  }

  // Each chosen series as absolute samples.
  const rowErrors = new RowErrors(problems);
  const fail = rowErrors.fail;
  const absolute: { t: number[]; v: number[] }[] = [];
  for (const { index, series } of chosen) {
    const base: JsonPath = [...prefix, "result", index];
    const t: number[] = [];
    const v: number[] = [];
    if (!Array.isArray(series.values)) {
      const range = at(base);
      fail(
        errorAt(
          trafficMessages.badSample("the series has no `values` list"),
          range.offset,
          Math.min(1, range.length),
        ),
      );
      continue;
    }
    series.values.forEach((sample: unknown, j: number) => {
      const path: JsonPath = [...base, "values", j];
      if (!Array.isArray(sample) || sample.length !== 2 || typeof sample[0] !== "number") {
        const range = at(path);
        fail(
          errorAt(trafficMessages.badSample('expected [UNIX_SECONDS, "VALUE"]'), range.offset, range.length),
        );
        return;
      }
      const time = sample[0];
      if (t.length > 0 && time <= t[t.length - 1]) {
        const range = at([...path, 0]);
        fail(
          errorAt(
            trafficMessages.timeNotIncreasing(String(time), String(t[t.length - 1])),
            range.offset,
            range.length,
          ),
        );
        return;
      }
      const raw = String(sample[1]);
      const parsed = parseValue(raw, opts.unit);
      if ("problem" in parsed) {
        const range = at([...path, 1]);
        const m =
          parsed.problem === "nan"
            ? trafficMessages.notANumberSample(raw)
            : valueProblem(parsed.problem, raw, opts.unit);
        fail(errorAt(m, range.offset, range.length));
        return;
      }
      t.push(time);
      v.push(parsed.value);
    });
    absolute.push({ t, v });
  }
  rowErrors.close();
  return replayedSeries(absolute, problems);
}
