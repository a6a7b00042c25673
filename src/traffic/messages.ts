/**
 * What reading a traffic file says, in one catalogue with stable codes (RC6xxx: data files;
 * the k6 and CloudWatch readers' RC4102–RC4107, and the JMeter, Gatling, access-log, Datadog and
 * Cloud Monitoring readers' RC4111–RC4119, Grafana's series-as-rows export's RC4130–RC4131, CloudWatch get-metric-data's RC4133–RC4136, Azure Monitor's, InfluxDB's and VictoriaMetrics' RC4137–RC4141, from the ranges their rounds were given).
 * Each message is a small function of its inputs; the wording follows the rest of the
 * language (src/dsl/messages.ts): lower case, no final period, a hint that says what to write.
 * test/traffic/read.test.ts checks that the codes are unique.
 */
import { quote, type MessageText } from "../dsl/messages.ts";
import { MAX_ROW_ERRORS } from "./problems.ts";
import { timeKindText, type TimeKind } from "./timestamp.ts";

/** What a file's values are, for messages: "requests per second". */
export type ValueUnit = "requests" | "cpu" | "metric";

const unitWords: Record<ValueUnit, string> = {
  requests: "a number of requests per second",
  cpu: "a CPU amount",
  metric: "a metric value",
};

const unitHints: Record<ValueUnit, string> = {
  requests: "write a number such as 120 or 87.5",
  cpu: "write cores (1.5, 0.25) or millicores (250m), as Prometheus' rate(container_cpu_usage_seconds_total) gives cores",
  metric: "write a number (42, 0.5) or a quantity (500m, 2k, 50Mi)",
};

const timeHint =
  "write seconds from the statement's time (90), Unix epoch seconds (1709510400) or milliseconds (1709510400000), an RFC 3339 timestamp (2024-03-04T10:00:00Z) or 2024-03-04 10:00:00";

/** A number, a space, then a unit: `78.0 req/s`, `1.20 K req/s`, `12.5 ms`. */
const FORMATTED_VALUE = /^[+-]?(?:\d[\d,]*(?:\.\d*)?|\.\d+)\s+\S.*$/;

const list = (items: readonly string[], max = 6): string =>
  items.length <= max ? items.join(", ") : `${items.slice(0, max).join(", ")}, … (${items.length} in all)`;

/** Azure Monitor's aggregation types (the Metrics - List API's `aggregation`), lower case. */
export const AZURE_AGGREGATIONS: readonly string[] = ["average", "count", "maximum", "minimum", "total"];

/** The exports whose options are their own (RC4107), by how a message names them. */
export type CountedFormat = "k6" | "jmeter" | "gatling" | "accessLog";
export type ExportFormat = CountedFormat | "k6Json" | "cloudwatch" | "datadog" | "cloudMonitoring";

const exportNames: Record<ExportFormat, string> = {
  k6: "k6's CSV output",
  k6Json: "k6's JSON output",
  cloudwatch: "a CloudWatch get-metric-statistics answer (one metric)",
  jmeter: "JMeter's results (a JTL)",
  gatling: "Gatling's simulation.log",
  accessLog: "an access log",
  datadog: "a Datadog query answer",
  cloudMonitoring: "a Cloud Monitoring timeSeries answer",
};

const exportOptionHints: Record<ExportFormat, string> = {
  k6: 'leave it out (the http_reqs samples are counted), or count another Counter with `column "NAME"`',
  k6Json:
    'leave it out (the http_reqs points are counted); count another Counter with `column "NAME"`, or some requests by their tags with `series status="200"`',
  cloudwatch: 'leave it out, or pick a statistic with `column "Average"`',
  jmeter:
    'leave it out (every sample is counted), or count some with `series label="NAME"` (any column of the header)',
  gatling: "leave it out: every REQUEST line is counted",
  accessLog: "leave it out: every request line is counted",
  datadog: 'leave it out, or pick a series by its tags with `series TAG="VALUE"`, or add them up with `sum`',
  cloudMonitoring:
    'leave it out, or pick a time series by its labels with `series LABEL="VALUE"`, or add them up with `sum`',
};

/** A message template that knows its code (as src/dsl/messages.ts's `def`). */
function def<A extends unknown[]>(
  code: string,
  build: (...args: A) => { message: string; hint?: string },
): ((...args: A) => MessageText) & { readonly code: string } {
  const template = (...args: A): MessageText => {
    const { message, hint } = build(...args);
    return hint === undefined ? { code, message } : { code, message, hint };
  };
  return Object.assign(template, { code });
}

export const trafficMessages = {
  noDelimiter: def("RC6001", () => ({
    message: "expected a time and a value separated by a comma, a tab or a semicolon",
    hint: "each row is `time,value`, e.g. `2024-03-04 10:00:00,120`",
  })),
  badTime: def("RC6002", (text: string) => ({
    message: `cannot read ${quote(text)} as a time`,
    hint: timeHint,
  })),
  badValue: def("RC6003", (text: string, unit: ValueUnit) => ({
    message: `cannot read ${quote(text)} as ${unitWords[unit]}`,
    // `78.0 req/s`, `1.20 K req/s`: a unit after a space is Grafana's display formatting.
    hint: FORMATTED_VALUE.test(text.trim())
      ? `${unitHints[unit]}; a unit after the number is what Grafana's CSV export writes with "Formatted data" on: download it again with that option off (Inspect → Data → Data options)`
      : unitHints[unit],
  })),
  negativeValue: def("RC6004", (text: string, unit: ValueUnit) => ({
    message: `${quote(text)} is negative; ${unitWords[unit]} cannot be`,
  })),
  timeNotIncreasing: def("RC6005", (text: string, previous: string, line?: number) => ({
    message: `time goes backwards: ${quote(text)} comes after ${quote(previous)}${line === undefined ? "" : ` (line ${line})`}`,
    hint: "rows must be in time order, each later than the one before",
  })),
  mixedTimes: def("RC6006", (kind: TimeKind, first: TimeKind) => ({
    message: `this time is ${timeKindText[kind]}, but the first row's is ${timeKindText[first]}`,
    hint: "write every time in the file the same way",
  })),
  missingValue: def("RC6007", (columns: number) => ({
    message: `expected a time and a value, found ${columns === 1 ? "one column" : `${columns} columns`}`,
    hint: "each row is `time,value`",
  })),
  noSamples: def("RC6008", () => ({
    message: "the file holds no samples",
    hint: "each row is `time,value`; a header row and lines starting with # are skipped",
  })),
  unknownColumn: def(
    "RC6009",
    (name: string, columns: readonly string[], suggestion: string | undefined) => ({
      message: `no column named "${name}" in the file's header`,
      hint:
        suggestion !== undefined
          ? `did you mean \`${suggestion}\`? (columns: ${list(columns)})`
          : `columns: ${list(columns)}`,
    }),
  ),
  columnWithoutHeader: def("RC6010", () => ({
    message: "`column` names a column of the header, and this file has no header row",
    hint: "add a header row (`time,requests`) or leave `column` out to replay the second column",
  })),
  severalColumns: def("RC6011", (used: string, count: number) => ({
    message: `the file has ${count} value columns; replaying the first, ${used}`,
    hint: 'pick one with `column "NAME"`, or add them up with `sum`',
  })),
  jsonSyntax: def("RC6012", (detail: string, lines?: "k6") => ({
    message: `not valid JSON: ${detail}`,
    hint:
      lines === "k6"
        ? "k6's JSON output is an object per line (--out json=FILE); a last line cut short by a stopped run can be deleted"
        : "save the answer of Prometheus' /api/v1/query_range as it came",
  })),
  notMatrix: def("RC6013", (found: string) => ({
    message: `expected a Prometheus range-query answer (resultType: matrix), found ${found}`,
    hint: "export /api/v1/query_range?query=…&start=…&end=…&step=…; an instant query has one sample per series",
  })),
  prometheusError: def("RC6014", (errorType: string, error: string) => ({
    message: `the file is a Prometheus error answer (${errorType}): ${error}`,
  })),
  noSeries: def("RC6015", () => ({
    message: "the answer holds no series (result is empty)",
    hint: "check the query and its time range",
  })),
  severalSeries: def("RC6016", (count: number, used: string) => ({
    message: `the answer holds ${count} series; replaying the first, ${used}`,
    hint: 'pick one with `series LABEL="VALUE"`, or add them up with `sum`',
  })),
  noSeriesMatch: def("RC6017", (wanted: string, available: readonly string[]) => ({
    message: `no series has ${wanted}`,
    hint: `the series: ${list(available, 4)}`,
  })),
  ambiguousSeries: def("RC6018", (wanted: string, matching: readonly string[]) => ({
    message: `${matching.length} series have ${wanted}: ${list(matching, 3)}`,
    hint: "name another label to pick one, or add `sum` to add them up",
  })),
  badSample: def("RC6019", (detail: string) => ({
    message: `not a sample: ${detail}`,
    hint: 'a matrix sample is [UNIX_SECONDS, "VALUE"], as Prometheus writes it',
  })),
  optionNotForFormat: def("RC6020", (option: string, format: "csv" | "prometheus") => ({
    message:
      format === "csv"
        ? `\`${option}\` picks a series of a Prometheus answer, and this file is CSV`
        : `\`${option}\` picks a column of a CSV file, and this file is a Prometheus answer`,
    hint:
      format === "csv" ? 'use `column "NAME"` for a CSV column' : 'use `series LABEL="VALUE"` for a series',
  })),
  negativeTime: def("RC6021", (text: string) => ({
    message: `${quote(text)} is before the statement's time`,
    hint: "times in seconds count from the statement's time: 0 or later",
  })),
  notANumberSample: def("RC6022", (text: string) => ({
    message: `the sample's value is ${quote(text)}, which cannot be replayed`,
    hint: "Prometheus writes NaN for 0/0 and ±Inf for overflows: remove the sample, or fix the query",
  })),
  k6NotRequests: def("RC4102", (unit: ValueUnit, output: "CSV" | "JSON" = "CSV") => ({
    message: `the file is k6's ${output} output, whose samples count requests; it cannot be read as ${unitWords[unit]}`,
    hint: "replay it as request traffic: `load requests file \"…\"` (each second's http_reqs samples are that second's rate)",
  })),
  k6NoSamples: def(
    "RC4103",
    (metric: string, metrics: readonly string[], output: "CSV" | "JSON" = "CSV") => ({
      message: `k6's ${output} output holds no ${metric} samples`,
      hint:
        metrics.length > 0
          ? `the file's metrics: ${list(metrics)}; count another Counter with \`column "NAME"\``
          : `run k6 with --out ${output.toLowerCase()}=FILE and save the whole file`,
    }),
  ),
  cloudWatchStatistics: def("RC4104", (used: string, all: readonly string[]) => ({
    message: `the datapoints hold ${all.length} statistics (${all.join(", ")}); replaying the first, ${used}`,
    hint: 'pick one with `column "NAME"`, e.g. `column "Average"`',
  })),
  cloudWatchUnknownStatistic: def("RC4105", (name: string, all: readonly string[]) => ({
    message: `no statistic named "${name}" in the datapoints`,
    hint: `the datapoints hold: ${list(all)}; aws cloudwatch get-metric-statistics --statistics ${name} exports it`,
  })),
  cloudWatchOnePeriod: def("RC4106", (statistic: string, buckets?: "elasticsearch") =>
    buckets === undefined
      ? {
          message: `a ${statistic} of a Count is requests per period, and one datapoint does not tell the period`,
          hint: "export at least two periods (the --start-time/--end-time span over two --period), or replay a Count/Second metric",
        }
      : {
          message: "a doc_count is requests per bucket, and one bucket does not tell the bucket's length",
          hint: 'search a range of at least two buckets, or add a rate sub-aggregation ("rps": {"rate": {"unit": "second"}}) and read it with `column "rps"`',
        },
  ),
  optionNotForExport: def("RC4107", (option: "series" | "sum" | "column", format: ExportFormat) => ({
    message: `\`${option}\` ${option === "series" ? "picks a series of a Prometheus answer" : option === "sum" ? "adds up series or columns" : "picks a column"}, and this file is ${exportNames[format]}`,
    hint: exportOptionHints[format],
  })),
  countedNotRequests: def("RC4111", (format: CountedFormat, unit: ValueUnit) => ({
    message: `the file is ${exportNames[format]}, a line per request; it cannot be read as ${unitWords[unit]}`,
    hint: "replay it as request traffic: `load requests file \"…\"` (each second's requests are that second's rate)",
  })),
  jmeterUnknownColumn: def("RC4112", (name: string, columns: readonly string[]) => ({
    message: `\`series\` names the column "${name}", and the file's header has none`,
    hint: `the columns: ${list(columns)}; e.g. \`series label="GET /api/cart"\` or \`series success="true"\``,
  })),
  noRequestMatches: def("RC4113", (wanted: string, column: string, values: readonly string[]) => ({
    message: `no request in the file has ${wanted}`,
    hint: `the file's ${column} values: ${list(values.map((v) => `"${v}"`))}`,
  })),
  xmlResults: def("RC4114", () => ({
    message: "the file is XML: JMeter's XML results (<testResults>) are not read",
    hint: "save them as CSV, JMeter's default: `jmeter -n -t plan.jmx -l results.jtl` (jmeter.save.saveservice.output_format=csv)",
  })),
  skippedLogLines: def("RC4115", (count: number, line: number) => ({
    message: `${count} line${count === 1 ? " is" : "s are"} not access-log lines and left out (the first: line ${line})`,
    hint: 'only lines in the common or combined log format are counted (`HOST - USER [05/Jun/2024:14:00:00 +0000] "GET / HTTP/1.1" 200 …`); the others are the server\'s own messages',
  })),
  binaryFile: def("RC4116", () => ({
    message: "the file is not text (it holds NUL bytes)",
    hint: "traffic files are CSV, JSON or text logs; Gatling 3.12 and later write simulation.log in a binary format, which only Gatling reads: export the rate from the system under test's monitoring instead",
  })),
  prometheusExposition: def("RC4117", () => ({
    message:
      "the file is a Prometheus exposition (one scrape of /metrics: each counter at one instant), not samples over time",
    hint: "export a range query instead: /api/v1/query_range?query=sum(rate(http_requests_total[1m]))&start=…&end=…&step=60",
  })),
  notAScalarPoint: def("RC4118", (what: string) => ({
    message: `a ${what} value cannot be replayed`,
    hint: "ask for one number per point: aggregate with ALIGN_RATE or ALIGN_MEAN (a distribution with ALIGN_PERCENTILE_99…) and a cross-series reducer",
  })),
  datadogError: def("RC4119", (error: string) => ({
    message: `the file is a Datadog error answer: ${error}`,
    hint: 'save the answer of a query that succeeded (status "ok")',
  })),
  unknownSeriesName: def(
    "RC4130",
    (name: string, series: readonly string[], suggestion: string | undefined) => ({
      message: `no series named "${name}" in the file's Series column`,
      hint:
        suggestion !== undefined
          ? `did you mean \`${suggestion}\`? (series: ${list(series)})`
          : `series: ${list(series)}`,
    }),
  ),
  severalSeriesRows: def("RC4131", (used: string, count: number) => ({
    message: `the file has ${count} series (a row per point, Grafana's "Series as rows"); replaying the first, "${used}"`,
    hint: 'pick one with `column "NAME"` (its name in the Series column), or add them up with `sum`',
  })),
  metricDataUnsaid: def("RC4133", () => ({
    message:
      "the file is a CloudWatch get-metric-data answer, which does not say what its values are: a count per period or a rate",
    hint: 'say the statistic the query asked for: `column "Sum"` for a count per period (an ALB\'s RequestCount: replayed per second over the period, the step between timestamps), `column "Average"` for a rate already (a Count/Second metric, or metric math such as m1/PERIOD(m1))',
  })),
  metricDataStatistic: def("RC4134", (name: string) => ({
    message: `"${name}" is not a CloudWatch statistic; in a get-metric-data answer \`column\` says which statistic the values are`,
    hint: 'write the Stat of the query: `column "Sum"`, "SampleCount", "Average", "Minimum", "Maximum" or a percentile such as "p99"; pick a query\'s result with `series Id="…"`',
  })),
  metricDataFailed: def("RC4135", (status: string, detail: string) => ({
    message: `the query's result is ${status}${detail === "" ? "" : `: ${detail}`}; it holds nothing to replay`,
    hint:
      status === "Forbidden" ? "export with credentials allowed cloudwatch:GetMetricData" : "export it again",
  })),
  metricDataPartial: def("RC4136", () => ({
    message:
      "the result is PartialData: CloudWatch has more datapoints than the file holds (a NextToken was left)",
    hint: "let the aws CLI page through them (leave out --max-items and --no-paginate), or narrow --start-time/--end-time",
  })),
  azureAggregations: def("RC4137", (used: string, all: readonly string[]) => ({
    message: `the data points hold ${all.length} aggregations (${all.join(", ")}); replaying the first, ${used}`,
    hint: 'pick one with `column "Total"` (a count per interval, replayed per second) or `column "Average"`',
  })),
  unknownAggregation: def(
    "RC4138",
    (name: string, all: readonly string[], format: "azureMonitor" | "elasticsearch") => ({
      message: `no aggregation named "${name}" in the ${format === "azureMonitor" ? "data points" : "buckets"}`,
      hint:
        format === "elasticsearch"
          ? all.length > 0
            ? `the buckets' sub-aggregations: ${list(all)}; leave \`column\` out to replay doc_count per second`
            : "the buckets hold no sub-aggregation with a value; leave `column` out to replay doc_count per second"
          : AZURE_AGGREGATIONS.includes(name.toLowerCase())
            ? `the data points hold: ${list(all)}; az monitor metrics list --aggregation ${name} exports it`
            : `Azure Monitor's aggregations are Average, Count, Maximum, Minimum and Total; the data points hold: ${list(all)}`,
    }),
  ),
  azureMetricError: def("RC4139", (metric: string, code: string, detail: string) => ({
    message: `the metric ${metric} was not read: ${code}${detail === "" ? "" : `: ${detail}`}`,
    hint: "check the metric's name and namespace (az monitor metrics list-definitions --resource …) and export it again",
  })),
  influxError: def("RC4140", (error: string) => ({
    message: `the file is a Flux query's error: ${error}`,
    hint: "save the annotated CSV of a query that succeeded (influx query --raw, or the Data Explorer's CSV download)",
  })),
  victoriaBadLine: def("RC4141", (detail: string) => ({
    message: `not a line of /api/v1/export: ${detail}`,
    hint: 'each line is one series, {"metric":{…},"values":[…],"timestamps":[…]}, as VictoriaMetrics writes it',
  })),
  moreRowErrors: def("RC6023", (count: number) => ({
    message: `${count} more row${count === 1 ? "" : "s"} cannot be read (the first ${MAX_ROW_ERRORS} are shown)`,
  })),
} as const;
