/**
 * Grafana's "Export CSV" with "Series as rows" (its default, the graph panel's export before
 * Grafana 7's inspector; public/app/core/utils/file_export.ts convertSeriesListToCsv): a row
 * per data point, every point of the first series, then of the next —
 *
 *     "Series";"Time";"Value"
 *     "storefront-7d9c8b6f5-abcde";"2024-06-05T16:00:00+02:00";40
 *     "storefront-7d9c8b6f5-fghij";"2024-06-05T16:00:00+02:00";41
 *
 * Times are the browser's local time with its offset (`YYYY-MM-DDTHH:mm:ssZ`); a gap is
 * `null`, and holds the value before it, as in any CSV. The series are told apart as a
 * "series joined" file's columns are: `column "NAME"` picks one, `sum` adds them up,
 * otherwise the first is replayed, with a warning. The file's earliest time is the
 * statement's time, for every series alike.
 *
 * Example: a's points at 0 and 60 s and b's at 0 s, with `sum` → t = [0, 60], v = [a0 + b0, a60 + b0].
 */
import { sumSignals, type Signal } from "../engine/workload/signal.ts";
import { suggest } from "../text/suggest.ts";
import { trafficMessages, type ValueUnit } from "./messages.ts";
import { errorAt, type ReadProblem, type ReadResult } from "./problems.ts";
import { RowErrors } from "./rowErrors.ts";
import { RowTimes, isGap, type PreviousTime } from "./rowTimes.ts";
import { parseValue, valueProblem } from "./values.ts";

interface Row {
  cells: { text: string; offset: number }[];
  line: number;
  end: number;
}

/** The header convertSeriesListToCsv writes. */
export const isGrafanaRowsHeader = (header: readonly string[]): boolean =>
  header.length === 3 && header[0] === "Series" && header[1] === "Time" && header[2] === "Value";

interface Points {
  t: number[];
  v: number[];
  last?: PreviousTime;
}

/** `rows` are the data rows, the header left out. */
export function readGrafanaRows(
  rows: readonly Row[],
  opts: { unit: ValueUnit; column?: string; sum?: boolean },
): ReadResult {
  const problems: ReadProblem[] = [];
  const rowErrors = new RowErrors(problems);
  const fail = rowErrors.fail;
  const series = new Map<string, Points>();
  const rowTimes = new RowTimes(fail);
  for (const row of rows) {
    const [nameCell, timeCell, valueCell] = row.cells;
    if (timeCell === undefined || valueCell === undefined) {
      fail(errorAt(trafficMessages.missingValue(row.cells.length), row.end, 0));
      continue;
    }
    let points = series.get(nameCell.text);
    if (points === undefined) series.set(nameCell.text, (points = { t: [], v: [] }));
    const time = rowTimes.read(timeCell, points.last);
    if (time === undefined) continue;
    points.last = { seconds: time.seconds, text: timeCell.text, line: row.line };
    const text = valueCell.text;
    if (isGap(valueCell)) continue;
    const parsed = parseValue(text, opts.unit);
    if ("problem" in parsed) {
      fail(
        errorAt(valueProblem(parsed.problem, text, opts.unit), valueCell.offset, Math.max(1, text.length)),
      );
      continue;
    }
    points.t.push(time.seconds);
    points.v.push(parsed.value);
  }
  rowErrors.close();
  if (problems.length > 0) return { problems };

  const names = [...series.keys()];
  let chosen = names;
  if (opts.column !== undefined) {
    const wanted = opts.column;
    const name =
      names.find((n) => n === wanted) ?? names.find((n) => n.toLowerCase() === wanted.toLowerCase());
    if (name === undefined) {
      const message = trafficMessages.unknownSeriesName(wanted, names, suggest(wanted, names));
      return { problems: [{ message, severity: "error", at: { option: "column" } }] };
    }
    chosen = [name];
  } else if (!opts.sum && names.length > 1) {
    const first = rows[0].cells[0];
    problems.push({
      message: trafficMessages.severalSeriesRows(names[0], names.length),
      severity: "warning",
      at: { offset: first.offset, length: first.text.length },
    });
    chosen = [names[0]];
  }
  const picked = chosen.map((n) => series.get(n)!).filter((p) => p.t.length > 0);
  if (picked.length === 0) return { problems: [...problems, errorAt(trafficMessages.noSamples(), 0, 0)] };
  // Offsets count from the statement; absolute times from the file's earliest point.
  const zero =
    rowTimes.kind === "offset"
      ? 0
      : Math.min(...[...series.values()].filter((p) => p.t.length > 0).map((p) => p.t[0]));
  const signals: Signal[] = picked.map((p) => ({ t: p.t.map((x) => x - zero), v: p.v }));
  return { signal: signals.length === 1 ? signals[0] : sumSignals(signals), problems };
}
