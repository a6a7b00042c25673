/**
 * The times a traffic file may carry in its first column, read without the host's clock or
 * time zone (Date.UTC only), so a file reads the same everywhere:
 *
 * - seconds from the load statement's time: `0`, `60`, `90.5`;
 * - Unix epoch seconds, as Prometheus' HTTP API and many exporters write them: any number
 *   from 1e9 (2001-09-09) on, e.g. `1709510400`;
 * - Unix epoch milliseconds, as Grafana's CSV export without "Formatted data" and Datadog's
 *   API write them: any number from 1e12 (the same instant, 2001-09-09) on, e.g.
 *   `1709510400000` — as seconds it would be the year 33658, and read so it stretched a
 *   half-hour export over weeks;
 * - RFC 3339 timestamps, `2024-03-04T10:00:00Z`, `2024-03-04T10:00:00.250+01:00`;
 * - spreadsheet and pandas timestamps, `2024-03-04 10:00:00` (seconds and fraction optional),
 *   and bare dates `2024-03-04`. Without a zone they are read as UTC: only differences
 *   between rows matter.
 *
 * Timestamps and epoch seconds are absolute: the first row becomes the statement's time.
 */

export type TimeKind = "offset" | "epoch" | "epochMillis" | "timestamp";

export interface ParsedTime {
  kind: TimeKind;
  /** Seconds: an offset, or seconds since the Unix epoch. */
  seconds: number;
}

/** Numbers from this on are epoch seconds, not offsets (2001-09-09T01:46:40Z). */
export const EPOCH_SECONDS_FROM = 1e9;
/** Numbers from this on are epoch milliseconds (the same instant as EPOCH_SECONDS_FROM). */
export const EPOCH_MILLISECONDS_FROM = 1e12;

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;

const daysIn = (year: number, month: number): number =>
  [
    31,
    year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28,
    31,
    30,
    31,
    30,
    31,
    31,
    30,
    31,
    30,
    31,
  ][month - 1];

/** Seconds east of UTC of a zone suffix: `Z` → 0, `+01:00` → 3600, `-0530` → −19800. */
function zoneOffset(zone: string | undefined): number | undefined {
  if (zone === undefined || zone === "Z" || zone === "z") return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!m) return undefined;
  const hours = Number(m[2]);
  const minutes = Number(m[3] ?? "0");
  if (hours > 23 || minutes > 59) return undefined;
  return (m[1] === "-" ? -1 : 1) * (hours * 3600 + minutes * 60);
}

/** A time cell, or undefined when it is none of the forms above. */
export function parseTime(text: string): ParsedTime | undefined {
  const s = text.trim();
  if (NUMBER.test(s)) {
    const n = Number(s);
    if (!Number.isFinite(n)) return undefined;
    if (n >= EPOCH_MILLISECONDS_FROM) return { kind: "epochMillis", seconds: n / 1000 };
    return { kind: n >= EPOCH_SECONDS_FROM ? "epoch" : "offset", seconds: n };
  }
  const m = TIMESTAMP.exec(s);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hour, minute, second] = [Number(m[4] ?? "0"), Number(m[5] ?? "0"), Number(m[6] ?? "0")];
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  // RFC 3339 allows second 60 (a leap second).
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  const zone = zoneOffset(m[8]);
  if (zone === undefined) return undefined;
  const fraction = m[7] === undefined ? 0 : Number(m[7]);
  const utc = Date.UTC(year, month - 1, day, hour, minute, second) / 1000;
  return { kind: "timestamp", seconds: utc + fraction - zone };
}

/** How a kind of time reads in a message. */
export const timeKindText: Record<TimeKind, string> = {
  offset: "seconds from the statement's time",
  epoch: "Unix epoch seconds",
  epochMillis: "Unix epoch milliseconds",
  timestamp: "a timestamp",
};
