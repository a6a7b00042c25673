/**
 * k6's CSV output (`k6 run --out csv=results.csv`, k6's "CSV" output docs): a row per metric
 * sample, not per time step —
 *
 *     metric_name,timestamp,metric_value,check,error,error_code,expected_response,group,method,…
 *     http_reqs,1717596000,1.000000,,,,true,,GET,https://shop.example.dev/api/cart,…
 *     http_req_duration,1717596000,54.381556,,,,true,,GET,…
 *
 * Every request is one `http_reqs` sample of value 1 (a Counter), so a second's request rate
 * is the sum of that second's samples; a second without one served none (0, not the rate
 * before it), and after the last sample the test is over. `column "NAME"` counts another
 * Counter (`iterations`). Timestamps are k6's default Unix seconds (or its other time formats
 * that timestamp.ts reads: milliseconds, RFC 3339); the first second is the statement's time.
 *
 * Example: three http_reqs rows at 1717596000 and one at 1717596002 → t = [0, 1, 2, 3],
 * v = [3, 0, 1, 0].
 */
import { trafficMessages, type ValueUnit } from "./messages.ts";
import { errorAt, optionRefusal, type ReadProblem, type ReadResult } from "./problems.ts";
import { RowErrors } from "./rowErrors.ts";
import { PerSecond } from "./perSecond.ts";
import { parseTime } from "./timestamp.ts";

export interface K6Row {
  cells: { text: string; offset: number }[];
  line: number;
  end: number;
}

/** k6's header: metric_name, timestamp, metric_value, then the tags. */
export const isK6Header = (header: readonly string[]): boolean =>
  header[0] === "metric_name" && header[1] === "timestamp" && header[2] === "metric_value";

const COUNT = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** `rows` are the file's rows, the header first. */
export function readK6(
  rows: readonly K6Row[],
  opts: { unit: ValueUnit; column?: string; sum?: boolean },
): ReadResult {
  const head = rows[0].cells[0];
  if (opts.unit !== "requests")
    return { problems: [errorAt(trafficMessages.k6NotRequests(opts.unit), head.offset, head.text.length)] };
  if (opts.sum) return optionRefusal(trafficMessages.optionNotForExport("sum", "k6"), "sum");
  const metric = opts.column ?? "http_reqs";
  const perSecond = new PerSecond();
  const metrics = new Set<string>();
  const problems: ReadProblem[] = [];
  const rowErrors = new RowErrors(problems);
  const fail = rowErrors.fail;
  for (let i = 1; i < rows.length; i++) {
    const cells = rows[i].cells;
    const name = cells[0]?.text ?? "";
    metrics.add(name);
    if (name !== metric) continue;
    const timeCell = cells[1];
    const time = timeCell === undefined ? undefined : parseTime(timeCell.text);
    if (timeCell === undefined || time === undefined || time.kind === "offset") {
      const at = timeCell ?? cells[0];
      fail(errorAt(trafficMessages.badTime(at.text), at.offset, Math.max(1, at.text.length)));
      continue;
    }
    const valueCell = cells[2];
    if (valueCell === undefined || !COUNT.test(valueCell.text)) {
      const at = valueCell ?? timeCell;
      fail(errorAt(trafficMessages.badValue(at.text, "requests"), at.offset, Math.max(1, at.text.length)));
      continue;
    }
    perSecond.add(time.seconds, Number(valueCell.text));
  }
  rowErrors.close();
  if (problems.length > 0) return { problems };
  if (perSecond.size === 0) {
    const message = trafficMessages.k6NoSamples(metric, [...metrics]);
    return {
      problems: [
        opts.column === undefined
          ? errorAt(message, head.offset, head.text.length)
          : { message, severity: "error", at: { option: "column" } },
      ],
    };
  }
  // k6 flushes its samples in batches, not always in time order: PerSecond sorts them.
  return { signal: perSecond.signal(), problems };
}
