/**
 * A sample's value as the engine takes it, by what the file describes:
 * - requests: requests per second, a plain number (`120`, `87.5`, `1.2e3`; `120/s` too);
 * - cpu: cores as Prometheus' rate(container_cpu_usage_seconds_total[…]) gives them (`0.25`)
 *   or a Kubernetes CPU quantity (`250m`), in millicores: `0.25` → 250;
 * - metric: a number or a Kubernetes quantity, in milli-units as the metrics APIs carry
 *   them: `42` → 42000, `500m` → 500, `2k` → 2000000.
 * Plain numbers keep their fraction (a rate of 0.0123 cores is 12.3 millicores); suffixed
 * quantities go through resource.Quantity's MilliValue (src/k8s/quantity.ts).
 */
import { isQuantityError, parseQuantity } from "../k8s/quantity.ts";
import { trafficMessages, type ValueUnit } from "./messages.ts";
import type { MessageText } from "../dsl/messages.ts";

const PLAIN = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

export type ParsedValue = { value: number } | { problem: "bad" | "negative" | "nan" };

export function parseValue(raw: string, unit: ValueUnit): ParsedValue {
  const text = raw.trim();
  if (/^[+-]?(?:nan|inf|infinity)$/i.test(text)) return { problem: "nan" };
  let value: number | undefined;
  if (unit === "requests") {
    const m = /^(.*?)(?:\/s)?$/.exec(text)!;
    value = PLAIN.test(m[1]) ? Number(m[1]) : undefined;
  } else if (PLAIN.test(text)) {
    value = Number(text) * 1000;
  } else {
    const q = parseQuantity(text);
    value = isQuantityError(q) ? undefined : q.milliValue();
  }
  if (value === undefined || !Number.isFinite(value)) return { problem: "bad" };
  if (value < 0 && unit !== "metric") return { problem: "negative" };
  return { value };
}

/** What a reader says of a value `parseValue` refused (a NaN or ±Inf as any other unreadable value). */
export function valueProblem(problem: "bad" | "negative" | "nan", raw: string, unit: ValueUnit): MessageText {
  return problem === "negative"
    ? trafficMessages.negativeValue(raw, unit)
    : trafficMessages.badValue(raw, unit);
}
