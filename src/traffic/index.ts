/**
 * Traffic files: a monitoring export read into a Signal the engine replays (src/engine/workload/
 * signal.ts). Pure: the caller reads the file (through the scenario's FileHost) and places
 * the problems (src/scenario/trafficFiles.ts). The format comes from the text, not the name:
 * a JSON object is a Prometheus answer (or CloudWatch's, by its `Datapoints`), anything else
 * CSV/TSV (k6's output by its header).
 */
import { readCsv } from "./csv.ts";
import type { ValueUnit } from "./messages.ts";
import type { ReadResult } from "./problems.ts";
import { readPrometheus, type LabelMatch } from "./prometheus.ts";

export { trafficMessages, type ValueUnit } from "./messages.ts";
export type { ReadOption, ReadProblem, ReadResult } from "./problems.ts";
export type { LabelMatch } from "./prometheus.ts";

export type TrafficFormat = "csv" | "prometheus" | "cloudwatch";

export interface TrafficOptions {
  unit: ValueUnit;
  /** Prometheus: the series whose labels match all of these. */
  series?: readonly LabelMatch[];
  /** CSV: the value column with this header. */
  column?: string;
  /** Add up every (selected) series or value column. */
  sum?: boolean;
}

/** A JSON object or list is a Prometheus answer; anything else is CSV/TSV. */
export function trafficFormat(text: string): TrafficFormat {
  const start = /[^\s\uFEFF]/.exec(text);
  return start !== null && (start[0] === "{" || start[0] === "[") ? "prometheus" : "csv";
}

export function readTraffic(text: string, opts: TrafficOptions): ReadResult & { format: TrafficFormat } {
  const format = trafficFormat(text);
  if (format === "prometheus") {
    const { cloudWatch, ...read } = readPrometheus(text, opts);
    return { format: cloudWatch ? "cloudwatch" : format, ...read };
  }
  return { format, ...readCsv(text, opts) };
}
