/**
 * JMeter's results in CSV (`jmeter -n -t plan.jmx -l results.jtl`, the default
 * jmeter.save.saveservice.output_format=csv with print_field_names=true): a row per sample —
 *
 *     timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,…
 *     1717596000123,245,GET /api/cart,200,OK,Thread Group 1-1,text,true,,1542,312,10,10,…
 *
 * Every sample is one request, so a second's rate is its number of rows (perSecond.ts). The
 * timeStamp is epoch milliseconds (timestamp_format=ms), the sample's start or end as
 * sampleresult.timestamp.start says; threads write concurrently, so rows are not in time
 * order. A Transaction Controller's own row (responseMessage "Number of samples in
 * transaction : …") adds up samples already counted: it is left out. `series COLUMN="VALUE"`
 * counts only the rows whose named columns all hold those values (`series label="GET
 * /api/cart"`, `series success="true"`).
 *
 * Example: three samples in the first second and one in the next → t = [0, 1, 2], v = [3, 1, 0].
 */
import { trafficMessages, type ValueUnit } from "./messages.ts";
import { MAX_ROW_ERRORS, errorAt, optionRefusal, type ReadProblem, type ReadResult } from "./problems.ts";
import type { LabelMatch } from "./prometheus.ts";
import { PerSecond } from "./perSecond.ts";
import { parseTime } from "./timestamp.ts";

export interface JMeterRow {
  cells: { text: string; offset: number }[];
  line: number;
  end: number;
}

/** JMeter's CSV header: timeStamp first, with elapsed and label among the fields saved. */
export const isJMeterHeader = (header: readonly string[]): boolean =>
  header[0] === "timeStamp" && header.includes("elapsed") && header.includes("label");

/** The responseMessage of a Transaction Controller's parent sample (TransactionController.java). */
const TRANSACTION = "Number of samples in transaction";

const optionError = (option: "column" | "sum"): ReadResult =>
  optionRefusal(trafficMessages.optionNotForExport(option, "jmeter"), option);

/** `rows` are the file's rows, the header first. */
export function readJMeter(
  rows: readonly JMeterRow[],
  opts: { unit: ValueUnit; series?: readonly LabelMatch[]; column?: string; sum?: boolean },
): ReadResult {
  const head = rows[0].cells[0];
  if (opts.unit !== "requests")
    return {
      problems: [
        errorAt(trafficMessages.countedNotRequests("jmeter", opts.unit), head.offset, head.text.length),
      ],
    };
  if (opts.column !== undefined) return optionError("column");
  if (opts.sum) return optionError("sum");
  const header = rows[0].cells.map((c) => c.text);
  const wanted = (opts.series ?? []).map((m) => ({ ...m, index: header.indexOf(m.name) }));
  const unknown = wanted.find((m) => m.index < 0);
  if (unknown !== undefined)
    return {
      problems: [
        {
          message: trafficMessages.jmeterUnknownColumn(unknown.name, header),
          severity: "error",
          at: { option: "series" },
        },
      ],
    };
  const message = header.indexOf("responseMessage");
  const perSecond = new PerSecond();
  const problems: ReadProblem[] = [];
  const seen = new Set<string>();
  let errors = 0;
  for (let i = 1; i < rows.length; i++) {
    const cells = rows[i].cells;
    if (message >= 0 && cells[message]?.text.startsWith(TRANSACTION)) continue;
    if (wanted.length > 0) {
      if (seen.size < 100) seen.add(cells[wanted[0].index]?.text ?? "");
      if (!wanted.every((m) => cells[m.index]?.text === m.value)) continue;
    }
    const cell = cells[0];
    const time = parseTime(cell.text);
    if (time === undefined || time.kind === "offset") {
      errors++;
      if (errors <= MAX_ROW_ERRORS)
        problems.push(
          errorAt(trafficMessages.badTime(cell.text), cell.offset, Math.max(1, cell.text.length)),
        );
      continue;
    }
    perSecond.add(time.seconds);
  }
  if (errors > MAX_ROW_ERRORS)
    problems.push(errorAt(trafficMessages.moreRowErrors(errors - MAX_ROW_ERRORS), 0, 0));
  if (problems.length > 0) return { problems };
  if (perSecond.size === 0) {
    if (wanted.length === 0) return { problems: [errorAt(trafficMessages.noSamples(), 0, 0)] };
    const text = wanted.map((m) => `${m.name}="${m.value}"`).join(" ");
    return {
      problems: [
        {
          message: trafficMessages.noRequestMatches(text, wanted[0].name, [...seen]),
          severity: "error",
          at: { option: "series" },
        },
      ],
    };
  }
  return { signal: perSecond.signal(), problems };
}
