/**
 * InfluxDB's annotated CSV: a Flux query's answer as `influx query --raw` prints it, the HTTP
 * API's /api/v2/query returns it (dialect annotations group, datatype, default) and the Data
 * Explorer's "CSV" download saves it (InfluxDB docs, "Annotated CSV"):
 *
 *     #group,false,false,true,true,false,false,true,true,true
 *     #datatype,string,long,dateTime:RFC3339,dateTime:RFC3339,dateTime:RFC3339,double,string,string,string
 *     #default,_result,,,,,,,,
 *     ,result,table,_start,_stop,_time,_value,_field,_measurement,host
 *     ,,0,2024-06-05T14:00:00Z,2024-06-05T15:00:00Z,2024-06-05T14:01:00Z,118.5,rps,nginx,web-1
 *
 * The first column is the annotations'; the header follows them. A row belongs to the table its
 * `result` and `table` columns name (an empty cell takes the `#default` annotation's value); a
 * blank line ends a block, and the next block brings its own annotations and header. Each table
 * is a series: its `_time` and `_value` (`column "NAME"` reads another column, such as a field
 * after `pivot()`), read as they are — a query that counts per window (`aggregateWindow(every:
 * 1m, fn: sum)`) gives requests per window, so ask for a rate (`derivative(unit: 1s,
 * nonNegative: true)`). Tables are told apart by their group key (the `#group` true columns,
 * without `_start` and `_stop`; every other column when the file has no annotations):
 * `series host="web-1"` picks one, `sum` adds them up, else the first (a warning), as for
 * Prometheus (series.ts). A Flux error (a table of `error` and `reference`) is refused with it.
 *
 * Example: tables 0 (host web-1) and 1 (host web-2) with `sum` → their values added up per time.
 */
import { suggest } from "../text/suggest.ts";
import { splitRow, type Cell } from "./csv.ts";
import { trafficMessages, type ValueUnit } from "./messages.ts";
import { errorAt, type ReadProblem, type ReadResult } from "./problems.ts";
import type { LabelMatch } from "./prometheus.ts";
import { RowErrors } from "./rowErrors.ts";
import { RowTimes, isGap, type PreviousTime } from "./rowTimes.ts";
import { chooseSeries, replayedSeries, type Labels } from "./series.ts";
import { parseValue, valueProblem } from "./values.ts";

const ANNOTATION = /^#(?:group|datatype|default),/;

/** The first line is an annotation, or the header of a file saved without them. */
export function isInfluxCsv(text: string): boolean {
  const first = /^[\uFEFF\s]*([^\r\n]*)/.exec(text.slice(0, 4096))?.[1] ?? "";
  return ANNOTATION.test(first) || /^,result,table(?:,|$)/.test(first);
}

/** Columns that are no series' label: the annotations', the table's id and the query's range. */
const NOT_LABELS = new Set(["", "table", "_start", "_stop", "_time", "_value"]);

interface Table {
  labels: Labels;
  t: number[];
  v: number[];
  previous?: PreviousTime;
  at: { offset: number; length: number };
}

export function readInflux(
  text: string,
  opts: { unit: ValueUnit; series?: readonly LabelMatch[]; sum?: boolean; column?: string },
): ReadResult {
  const problems: ReadProblem[] = [];
  const rowErrors = new RowErrors(problems);
  const fail = rowErrors.fail;
  const rowTimes = new RowTimes(fail);
  const tables = new Map<string, Table>();
  const wanted = opts.column ?? "_value";

  let group: Cell[] | undefined;
  let defaults: Cell[] | undefined;
  let header: { names: string[]; time: number; value: number; error: number; labels: number[] } | undefined;

  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (let line = 1; start <= text.length; line++) {
    const nl = text.indexOf("\n", start);
    let end = nl === -1 ? text.length : nl;
    if (end > start && text[end - 1] === "\r") end--;
    const lineStart = start;
    start = nl === -1 ? text.length + 1 : nl + 1;
    if (text.slice(lineStart, end).trim() === "") {
      // A blank line ends the block: the next brings its own annotations and header.
      header = undefined;
      group = defaults = undefined;
      continue;
    }
    const cells = splitRow(text, lineStart, end, ",");
    const first = cells[0].text;
    if (first.startsWith("#")) {
      if (first === "#group") group = cells;
      else if (first === "#default") defaults = cells;
      header = undefined;
      continue;
    }
    if (header === undefined) {
      const names = cells.map((c) => c.text);
      const error = names.indexOf("error");
      const time = names.indexOf("_time");
      let value = names.indexOf(wanted);
      if (value < 0) value = names.findIndex((n) => n.toLowerCase() === wanted.toLowerCase());
      if (error < 0 && (time < 0 || value < 0)) {
        const columns = names.filter((n) => n !== "");
        const missing = time < 0 ? "_time" : wanted;
        const message = trafficMessages.unknownColumn(missing, columns, suggest(missing, columns));
        return {
          problems: [
            opts.column !== undefined && missing === wanted
              ? { message, severity: "error", at: { option: "column" } }
              : errorAt(message, cells[0].offset, end - cells[0].offset),
          ],
        };
      }
      const labels = names
        .map((n, i) => i)
        .filter((i) =>
          group !== undefined
            ? group[i]?.text === "true" && !NOT_LABELS.has(names[i])
            : !NOT_LABELS.has(names[i]),
        )
        .filter((i) => i !== value);
      header = { names, time, value, error, labels };
      continue;
    }
    const cell = (i: number): Cell => {
      const c = cells[i] ?? { text: "", offset: end };
      return c.text === "" && defaults?.[i] !== undefined && defaults[i].text !== ""
        ? { text: defaults[i].text, offset: c.offset }
        : c;
    };
    if (header.error >= 0) {
      const c = cell(header.error);
      return {
        problems: [errorAt(trafficMessages.influxError(c.text), c.offset, Math.max(1, c.text.length))],
      };
    }
    const result = cell(header.names.indexOf("result")).text;
    const key = `${result}\u0000${cell(header.names.indexOf("table")).text}`;
    let table = tables.get(key);
    if (table === undefined) {
      const labels: Labels = {};
      for (const i of header.labels) labels[header.names[i]] = cell(i).text;
      table = { labels, t: [], v: [], at: { offset: cells[0].offset, length: end - cells[0].offset } };
      tables.set(key, table);
    }
    const timeCell = cell(header.time);
    const time = rowTimes.read(timeCell, table.previous);
    if (time === undefined) continue;
    table.previous = { seconds: time.seconds, text: timeCell.text, line };
    const valueCell = cell(header.value);
    if (isGap(valueCell)) continue;
    const parsed = parseValue(valueCell.text, opts.unit);
    if ("problem" in parsed) {
      const m = valueProblem(parsed.problem, valueCell.text, opts.unit);
      fail(errorAt(m, valueCell.offset, Math.max(1, valueCell.text.length)));
      continue;
    }
    table.t.push(time.seconds);
    table.v.push(parsed.value);
  }
  rowErrors.close();
  const all = [...tables.values()];
  if (all.length === 0) return { problems: [...problems, errorAt(trafficMessages.noSamples(), 0, 0)] };
  const picked = chooseSeries(
    all.map((t) => t.labels),
    opts,
    all[0].at,
  );
  if ("problem" in picked) return { problems: [picked.problem] };
  return replayedSeries(
    picked.chosen.map((i) => all[i]),
    [...problems, ...picked.problems],
  );
}
