/**
 * The time column of a tabular export, read row by row: every row's time must parse, be of the
 * kind the first row's was (offsets, epoch seconds or milliseconds, timestamps), not be a
 * negative offset, and come after the previous point's. The CSV reader keeps one previous
 * point for the file; Grafana's "Series as rows" keeps one per series.
 */
import type { MessageText } from "../dsl/messages.ts";
import { trafficMessages } from "./messages.ts";
import { errorAt, type ReadProblem } from "./problems.ts";
import { parseTime, type ParsedTime, type TimeKind } from "./timestamp.ts";

interface Cell {
  text: string;
  offset: number;
}

/** A point's time as the ordering message names it. */
export interface PreviousTime {
  seconds: number;
  text: string;
  line: number;
}

/** An empty cell or Grafana's `null`: a gap, which holds the value before it. */
export const isGap = (cell: Cell): boolean => cell.text === "" || cell.text.toLowerCase() === "null";

export class RowTimes {
  /** The first row's kind, which every later row must share. */
  kind: TimeKind | undefined;

  constructor(private readonly fail: (p: ReadProblem) => void) {}

  /** The cell's time, or undefined once the row has failed with the reason. */
  read(cell: Cell, previous: PreviousTime | undefined): ParsedTime | undefined {
    const time = parseTime(cell.text);
    const at = (message: MessageText) => this.fail(errorAt(message, cell.offset, cell.text.length));
    if (time === undefined) {
      this.fail(errorAt(trafficMessages.badTime(cell.text), cell.offset, Math.max(1, cell.text.length)));
      return undefined;
    }
    this.kind ??= time.kind;
    if (time.kind !== this.kind) return void at(trafficMessages.mixedTimes(time.kind, this.kind));
    if (time.kind === "offset" && time.seconds < 0) return void at(trafficMessages.negativeTime(cell.text));
    if (previous !== undefined && time.seconds <= previous.seconds)
      return void at(trafficMessages.timeNotIncreasing(cell.text, previous.text, previous.line));
    return time;
  }
}
