/**
 * CSV and TSV traffic files: one sample per row, `time,value`.
 *
 * - The delimiter is the first row's: a tab, else a comma, else a semicolon (spreadsheets in
 *   locales with a decimal comma write `;`). Fields may be double-quoted, `""` inside quotes
 *   is a quote (RFC 4180); a field never spans lines.
 * - A first line `sep=;` (Excel's dialect line) names the delimiter and is no row.
 * - Grafana's "Series as rows" export (`"Series";"Time";"Value"`) is a row per point:
 *   grafanaRows.ts.
 * - Blank lines and lines starting with `#` are skipped. The first row is a header when its
 *   time cell is not a time and its value cell is not a value (`time,value`,
 *   `"Time","http_requests"` as Grafana exports it).
 * - More than one value column (Grafana's "series joined by time"): `column "NAME"` picks one
 *   by its header, `sum` adds them up; otherwise the first is replayed, with a warning.
 * - An empty cell (or `null`) is a gap: the previous value holds, as between any two rows.
 * - Every time in a file is of one kind (timestamp.ts): offsets from the statement's time,
 *   or absolute times whose first row becomes the statement's time. Times strictly increase.
 *
 * Example: "time,value\n0,100\n60,250\n" → t = [0, 60], v = [100, 250].
 */
import { sumSignals, type Signal } from "../engine/workload/signal.ts";
import { suggest } from "../text/suggest.ts";
import { trafficMessages, type ValueUnit } from "./messages.ts";
import { errorAt, type ReadProblem, type ReadResult } from "./problems.ts";
import { RowErrors } from "./rowErrors.ts";
import { isGrafanaRowsHeader, readGrafanaRows } from "./grafanaRows.ts";
import { isJMeterHeader, readJMeter } from "./jmeter.ts";
import { isK6Header, readK6 } from "./k6.ts";
import type { LabelMatch } from "./prometheus.ts";
import { RowTimes, isGap, type PreviousTime } from "./rowTimes.ts";
import { parseTime } from "./timestamp.ts";
import { parseValue, valueProblem } from "./values.ts";

export interface CsvOptions {
  unit: ValueUnit;
  column?: string;
  sum?: boolean;
  /** JMeter's results: the rows whose columns hold these values. */
  series?: readonly LabelMatch[];
}

export interface Cell {
  text: string;
  offset: number;
}

interface Row {
  cells: Cell[];
  /** 1-based line number. */
  line: number;
  /** Offset just past the row's last character. */
  end: number;
}

/** Split one line into cells, with each cell's trimmed text and offset. */
export function splitRow(text: string, start: number, end: number, delimiter: string): Cell[] {
  const cells: Cell[] = [];
  let i = start;
  for (;;) {
    while (i < end && (text[i] === " " || (text[i] === "\t" && delimiter !== "\t"))) i++;
    if (text[i] === '"') {
      let value = "";
      let j = i + 1;
      while (j < end) {
        if (text[j] === '"' && text[j + 1] === '"') {
          value += '"';
          j += 2;
        } else if (text[j] === '"') break;
        else value += text[j++];
      }
      cells.push({ text: value, offset: i + 1 });
      i = j + 1;
      while (i < end && text[i] !== delimiter) i++;
    } else {
      let j = i;
      while (j < end && text[j] !== delimiter) j++;
      const raw = text.slice(i, j);
      const trimmed = raw.trimEnd();
      cells.push({ text: trimmed, offset: i });
      i = j;
    }
    if (i >= end) return cells;
    i++; // the delimiter
  }
}

/** Every content row: blank lines and `#` comments skipped; "\r\n" line ends work. */
function contentLines(text: string): { start: number; end: number; line: number }[] {
  const out: { start: number; end: number; line: number }[] = [];
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (let line = 1; start <= text.length; line++) {
    const nl = text.indexOf("\n", start);
    let end = nl === -1 ? text.length : nl;
    if (end > start && text[end - 1] === "\r") end--;
    const body = text.slice(start, end).trim();
    if (body !== "" && !body.startsWith("#")) out.push({ start, end, line });
    if (nl === -1) break;
    start = nl + 1;
  }
  return out;
}

/**
 * Excel's `sep=X` first line (Grafana's file_export.ts formatSpecialHeader writes `sep=;` for its
 * "Excel CSV dialect"; Excel reads the delimiter from it and shows no such row).
 */
const SEP_LINE = /^\s*sep=([,;\t|])\s*$/;

export function readCsv(text: string, opts: CsvOptions): ReadResult & { jmeter?: true } {
  const problems: ReadProblem[] = [];
  const lines = contentLines(text);
  // Excel's dialect line, `sep=;`, names the delimiter (Grafana's "Excel CSV dialect" writes it).
  const sep = lines.length > 0 ? SEP_LINE.exec(text.slice(lines[0].start, lines[0].end)) : null;
  if (sep) lines.shift();
  if (lines.length === 0) return { problems: [errorAt(trafficMessages.noSamples(), 0, 0)] };
  const first = text.slice(lines[0].start, lines[0].end);
  const delimiter =
    sep?.[1] ?? (first.includes("\t") ? "\t" : first.includes(",") ? "," : first.includes(";") ? ";" : "");
  if (delimiter === "") {
    const l = lines[0];
    return { problems: [errorAt(trafficMessages.noDelimiter(), l.start, l.end - l.start)] };
  }
  const rows: Row[] = lines.map((l) => ({
    cells: splitRow(text, l.start, l.end, delimiter),
    line: l.line,
    end: l.end,
  }));

  const head = rows[0];
  const looksLikeHeader =
    parseTime(head.cells[0].text) === undefined &&
    (head.cells.length < 2 || "problem" in parseValue(head.cells[1].text, opts.unit));
  const header = looksLikeHeader ? head.cells.map((c) => c.text) : undefined;
  // k6's output is a row per sample, not per time: counted per second (k6.ts).
  if (header !== undefined && isK6Header(header)) return readK6(rows, opts);
  // So are JMeter's results (jmeter.ts).
  if (header !== undefined && isJMeterHeader(header)) return { ...readJMeter(rows, opts), jmeter: true };
  // Grafana's "Series as rows": a row per point, the series named in its first column.
  if (header !== undefined && isGrafanaRowsHeader(header)) return readGrafanaRows(rows.slice(1), opts);
  let data = looksLikeHeader ? rows.slice(1) : rows;
  // Locust's stats history (`--csv=PREFIX` writes PREFIX_stats_history.csv): a row per interval
  // with the whole run's "Aggregated" figures — and, with --csv-full-history, a row per
  // endpoint at the same time. Its rate is the Requests/s column of the Aggregated rows.
  const locustName = header === undefined ? -1 : locustNameColumn(header);
  if (locustName >= 0) data = data.filter((r) => r.cells[locustName]?.text === "Aggregated");
  const wanted = locustName >= 0 ? (opts.column ?? "Requests/s") : opts.column;
  if (data.length === 0) return { problems: [errorAt(trafficMessages.noSamples(), 0, 0)] };

  // Which value columns to replay.
  const width = header?.length ?? data[0].cells.length;
  let columns = Array.from({ length: Math.max(1, width - 1) }, (_, k) => k + 1);
  if (wanted !== undefined) {
    if (!header) return { problems: [{ ...optionError(trafficMessages.columnWithoutHeader()) }] };
    const names = header.slice(1);
    let k = names.indexOf(wanted);
    if (k < 0) k = names.findIndex((n) => n.toLowerCase() === wanted.toLowerCase());
    if (k < 0)
      return {
        problems: [optionError(trafficMessages.unknownColumn(wanted, names, suggest(wanted, names)))],
      };
    columns = [k + 1];
  } else if (!opts.sum && columns.length > 1) {
    const name = header?.[1] !== undefined && header[1] !== "" ? `"${header[1]}"` : "column 2";
    problems.push({
      message: trafficMessages.severalColumns(name, columns.length),
      severity: "warning",
      at: header ? { offset: head.cells[1].offset, length: head.cells[1].text.length } : { option: "column" },
    });
    columns = [1];
  }

  const times: number[] = [];
  const perColumn = columns.map(() => ({ t: [] as number[], v: [] as number[] }));
  let previous: PreviousTime | undefined;
  const rowErrors = new RowErrors(problems);
  const fail = rowErrors.fail;
  const rowTimes = new RowTimes(fail);

  for (const row of data) {
    const timeCell = row.cells[0];
    const time = rowTimes.read(timeCell, previous);
    if (time === undefined) continue;
    if (row.cells.length < 2) {
      fail(errorAt(trafficMessages.missingValue(row.cells.length), row.end, 0));
      continue;
    }
    previous = { seconds: time.seconds, text: timeCell.text, line: row.line };
    times.push(time.seconds);
    columns.forEach((col, k) => {
      const cell = row.cells[col];
      if (cell === undefined || isGap(cell)) return;
      const parsed = parseValue(cell.text, opts.unit);
      if ("problem" in parsed) {
        const m = valueProblem(parsed.problem, cell.text, opts.unit);
        fail(errorAt(m, cell.offset, Math.max(1, cell.text.length)));
        return;
      }
      perColumn[k].t.push(time.seconds);
      perColumn[k].v.push(parsed.value);
    });
  }
  rowErrors.close();
  if (problems.some((p) => p.severity === "error")) return { problems };
  if (times.length === 0) return { problems: [...problems, errorAt(trafficMessages.noSamples(), 0, 0)] };

  const zero = rowTimes.kind === "offset" ? 0 : times[0];
  const signals: Signal[] = perColumn.map((c) => ({ t: c.t.map((x) => x - zero), v: c.v }));
  return { signal: signals.length === 1 ? signals[0] : sumSignals(signals), problems };
}

/** The Name column of a Locust stats history header (Timestamp, User Count, Type, Name, Requests/s, …), else -1. */
function locustNameColumn(header: readonly string[]): number {
  const is = header[0] === "Timestamp" && header.includes("User Count") && header.includes("Requests/s");
  return is ? header.indexOf("Name") : -1;
}

const optionError = (message: ReadProblem["message"]): ReadProblem => ({
  message,
  severity: "error",
  at: { option: "column" },
});
