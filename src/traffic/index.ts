/**
 * Traffic files: a monitoring export read into a Signal the engine replays (src/engine/workload/
 * signal.ts). Pure: the caller reads the file (through the scenario's FileHost) and places
 * the problems (src/scenario/trafficFiles.ts). The format comes from the text, not the name:
 * a JSON object is a Prometheus answer (or CloudWatch's by its `Datapoints` or
 * `MetricDataResults`, Datadog's by its `series` of `pointlist`s, Cloud Monitoring's by its
 * `timeSeries`, Azure Monitor's by its `value` of `timeseries`, Elasticsearch's by its
 * `aggregations`); JSON lines of `metric`, `values` and `timestamps` are VictoriaMetrics'
 * export, and of k6's `Metric`s and `Point`s its --out json; InfluxDB's annotated CSV is told
 * by its `#group`/`#datatype`/`#default` rows (or its `,result,table,` header); a log whose lines are
 * Gatling's records or requests in the common/combined log format is counted per second;
 * anything else is CSV/TSV (k6's output and JMeter's results by their headers). A binary file,
 * JMeter's XML results and a Prometheus exposition are refused with what to export instead.
 */
import { isAccessLog, readAccessLog } from "./accessLog.ts";
import { isInfluxCsv, readInflux } from "./influx.ts";
import { isK6Json, readK6Json } from "./k6Json.ts";
import { readCsv } from "./csv.ts";
import { isGatlingLog, readGatling } from "./gatling.ts";
import { trafficMessages, type ValueUnit } from "./messages.ts";
import { errorAt, type ReadResult } from "./problems.ts";
import { readPrometheus, type LabelMatch } from "./prometheus.ts";
import { isVictoriaExport, readVictoriaExport } from "./victoriaMetrics.ts";

export { trafficMessages, type ValueUnit } from "./messages.ts";
export type { ReadOption, ReadProblem, ReadResult } from "./problems.ts";
export type { LabelMatch } from "./prometheus.ts";

export type TrafficFormat =
  | "csv"
  | "prometheus"
  | "cloudwatch"
  | "datadog"
  | "cloudMonitoring"
  | "azureMonitor"
  | "elasticsearch"
  | "influx"
  | "victoriaMetrics"
  | "k6"
  | "jmeter"
  | "gatling"
  | "accessLog";

export interface TrafficOptions {
  unit: ValueUnit;
  /** Prometheus: the series whose labels match all of these. */
  series?: readonly LabelMatch[];
  /** CSV: the value column with this header. */
  column?: string;
  /** Add up every (selected) series or value column. */
  sum?: boolean;
}

/** The format as the text's start tells it (JSON answers and CSV headers are told apart later). */
type TextFormat =
  | "json"
  | "victoriaMetrics"
  | "k6"
  | "influx"
  | "csv"
  | "gatling"
  | "accessLog"
  | "binary"
  | "xml"
  | "exposition";

/** `# HELP`/`# TYPE` lines: the Prometheus text exposition format. */
const EXPOSITION = /^# (?:HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* /m;

function textFormat(text: string): TextFormat {
  if (text.slice(0, 4096).includes("\u0000")) return "binary";
  const start = /[^\s\uFEFF]/.exec(text);
  // VictoriaMetrics' export is JSON lines, a series each: one line alone is JSON too.
  if (start !== null && start[0] === "{" && isVictoriaExport(text)) return "victoriaMetrics";
  // So is k6's --out json: a Metric or Point object per line.
  if (start !== null && start[0] === "{" && isK6Json(text)) return "k6";
  if (start !== null && (start[0] === "{" || start[0] === "[")) return "json";
  if (start !== null && start[0] === "<" && /<testResults[\s>]/.test(text.slice(0, 4096))) return "xml";
  if (isInfluxCsv(text)) return "influx";
  if (isGatlingLog(text)) return "gatling";
  if (EXPOSITION.test(text.slice(0, 4096))) return "exposition";
  if (isAccessLog(text)) return "accessLog";
  return "csv";
}

/** A JSON object or list is a Prometheus answer; anything else is CSV/TSV. */
export function trafficFormat(text: string): TrafficFormat {
  const format = textFormat(text);
  return format === "json"
    ? "prometheus"
    : format === "gatling" ||
        format === "accessLog" ||
        format === "influx" ||
        format === "victoriaMetrics" ||
        format === "k6"
      ? format
      : "csv";
}

export function readTraffic(text: string, opts: TrafficOptions): ReadResult & { format: TrafficFormat } {
  const format = textFormat(text);
  switch (format) {
    case "json": {
      const { answer, ...read } = readPrometheus(text, opts);
      return { format: answer ?? "prometheus", ...read };
    }
    case "victoriaMetrics":
      return { format, ...readVictoriaExport(text, opts) };
    case "influx":
      return { format, ...readInflux(text, opts) };
    case "k6":
      return { format, ...readK6Json(text, opts) };
    case "gatling":
      return { format, ...readGatling(text, opts) };
    case "accessLog":
      return { format, ...readAccessLog(text, opts) };
    case "binary":
      // At the statement: a binary file has no line to show.
      return {
        format: "csv",
        problems: [{ message: trafficMessages.binaryFile(), severity: "error", at: { option: "file" } }],
      };
    case "xml":
      return { format: "csv", problems: [errorAt(trafficMessages.xmlResults(), 0, 0)] };
    case "exposition":
      return { format: "csv", problems: [errorAt(trafficMessages.prometheusExposition(), 0, 0)] };
    case "csv": {
      const { jmeter, ...read } = readCsv(text, opts);
      return { format: jmeter ? "jmeter" : "csv", ...read };
    }
  }
}
