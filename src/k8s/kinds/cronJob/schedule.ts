/**
 * A CronJob's schedule as kube-controller-manager and the API server read it:
 * github.com/robfig/cron/v3 ParseStandard (parser.go: five fields — minute, hour, day of
 * month, month, day of week — or a descriptor) and SpecSchedule.Next / ConstantDelaySchedule
 * (spec.go, constantdelay.go), with the library's own error texts, which the API server
 * returns as they are (`spec.schedule: Invalid value: "61 * * * *": end of range (61) above
 * maximum (59): 61`).
 *
 * Fields: `*` and `?` (any), `N`, `N-M`, `A,B`, steps `*\/S`, `N-M/S` and `N/S` (N to the
 * field's maximum), month names JAN–DEC and weekday names SUN–SAT in any case. Descriptors:
 * @yearly/@annually, @monthly, @weekly, @daily/@midnight, @hourly, and `@every DURATION` (a Go
 * duration, rounded down to the second, at least one second: ParseStandard accepts it, and so
 * does the API server). A schedule whose day of month and day of week are both restricted
 * (neither starts with `*` or `?`) runs on a day that matches either (dayMatches); a step of
 * `*` other than 1 counts as restricted. A `TZ=` or `CRON_TZ=` prefix is parsed (the
 * controller adds `TZ=<spec.timeZone>` itself); the API server refuses it in spec.schedule.
 */
import { zoneOf, type Zone } from "./timeZone.ts";

/** One field: the values it allows, and whether it was written as a bare star (starBit). */
interface Field {
  readonly allows: readonly boolean[];
  readonly star: boolean;
}

export interface SpecSchedule {
  readonly kind: "spec";
  readonly second: Field;
  readonly minute: Field;
  readonly hour: Field;
  readonly dom: Field;
  readonly month: Field;
  readonly dow: Field;
  /** A `TZ=` prefix's zone; without one, the zone of the time asked about (the controller's: UTC). */
  readonly zone?: Zone;
}

export interface EverySchedule {
  readonly kind: "every";
  /** Whole seconds, at least 1. */
  readonly delay: number;
}

export type Schedule = SpecSchedule | EverySchedule;

export type ParsedSchedule = { schedule: Schedule } | { error: string };

interface Bounds {
  min: number;
  max: number;
  names?: Readonly<Record<string, number>>;
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

const MINUTES: Bounds = { min: 0, max: 59 };
const HOURS: Bounds = { min: 0, max: 23 };
const DOM: Bounds = { min: 1, max: 31 };
const MONTH: Bounds = {
  min: 1,
  max: 12,
  names: Object.fromEntries(MONTHS.map((m, i) => [m, i + 1])),
};
const DOW: Bounds = { min: 0, max: 6, names: Object.fromEntries(DAYS.map((d, i) => [d, i])) };

class ParseError extends Error {}

function bits(min: number, max: number, step: number): boolean[] {
  const out: boolean[] = Array.from({ length: 64 }, () => false);
  for (let i = min; i <= max; i += step) out[i] = true;
  return out;
}

const all = (r: Bounds): Field => ({ allows: bits(r.min, r.max, 1), star: true });
const only = (v: number): Field => ({ allows: bits(v, v, 1), star: false });

/**
 * strconv.Atoi's view of a number: an optional sign and decimal digits; its error as
 * mustParseInt wraps it. Example: "x" → `failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax`.
 */
function parseInt10(expr: string): number {
  if (!/^[+-]?\d+$/.test(expr))
    throw new ParseError(
      `failed to parse int from ${expr}: strconv.Atoi: parsing ${JSON.stringify(expr)}: invalid syntax`,
    );
  const big = BigInt(expr.replace(/^\+/, ""));
  if (big > 2n ** 63n - 1n || big < -(2n ** 63n))
    throw new ParseError(
      `failed to parse int from ${expr}: strconv.Atoi: parsing ${JSON.stringify(expr)}: value out of range`,
    );
  if (big < 0n) throw new ParseError(`negative number (${big}) not allowed: ${expr}`);
  return Number(big);
}

function intOrName(expr: string, r: Bounds): number {
  const named = r.names?.[expr.toLowerCase()];
  return named ?? parseInt10(expr);
}

/** getRange: `number | number "-" number [ "/" number ]`, or a star with an optional step. */
function range(expr: string, r: Bounds, into: boolean[]): boolean {
  const rangeAndStep = expr.split("/");
  const lowAndHigh = rangeAndStep[0].split("-");
  const single = lowAndHigh.length === 1;
  let start: number;
  let end: number;
  let star = false;
  if (lowAndHigh[0] === "*" || lowAndHigh[0] === "?") {
    start = r.min;
    end = r.max;
    star = true;
  } else {
    start = intOrName(lowAndHigh[0], r);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = intOrName(lowAndHigh[1], r);
    else throw new ParseError(`too many hyphens: ${expr}`);
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    step = parseInt10(rangeAndStep[1]);
    if (single) end = r.max;
    if (step > 1) star = false;
  } else if (rangeAndStep.length > 2) throw new ParseError(`too many slashes: ${expr}`);
  if (start < r.min) throw new ParseError(`beginning of range (${start}) below minimum (${r.min}): ${expr}`);
  if (end > r.max) throw new ParseError(`end of range (${end}) above maximum (${r.max}): ${expr}`);
  if (start > end)
    throw new ParseError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) throw new ParseError(`step of range should be a positive number: ${expr}`);
  for (let i = start; i <= end; i += step) into[i] = true;
  return star;
}

/** getField: a comma-separated list of ranges (empty items skipped, as strings.FieldsFunc skips them). */
function field(text: string, r: Bounds): Field {
  const allows: boolean[] = Array.from({ length: 64 }, () => false);
  let star = false;
  for (const expr of text.split(",").filter((e) => e !== "")) if (range(expr, r, allows)) star = true;
  return { allows, star };
}

/** Go's strings.Fields: split around runs of white space. */
const goFields = (s: string): string[] => s.split(/[\s\u0085\u00a0]+/u).filter((f) => f !== "");

/** fmt's %s of a []string: "[a b c]". */
const goStrings = (xs: readonly string[]): string => `[${xs.join(" ")}]`;

const UNITS: Readonly<Record<string, number>> = {
  ns: 1e-9,
  us: 1e-6,
  µs: 1e-6,
  μs: 1e-6,
  ms: 1e-3,
  s: 1,
  m: 60,
  h: 3600,
};

/**
 * time.ParseDuration, in seconds: `[-+]` then one or more `<decimal><unit>` (ns, us, µs, ms,
 * s, m, h); "0" alone is zero. Its errors are Go's: `time: invalid duration "x"`, `time:
 * missing unit in duration "1"`, `time: unknown unit "d" in duration "1d"`.
 */
export function parseGoDuration(text: string): number | { error: string } {
  const quoted = JSON.stringify(text);
  let s = text;
  let sign = 1;
  if (s.startsWith("-") || s.startsWith("+")) {
    if (s[0] === "-") sign = -1;
    s = s.slice(1);
  }
  if (s === "0") return 0;
  if (s === "") return { error: `time: invalid duration ${quoted}` };
  let total = 0;
  while (s !== "") {
    const num = /^(\d*)(\.(\d*))?/.exec(s)!;
    if (num[0] === "" || num[0] === "." || (num[1] === "" && (num[3] ?? "") === ""))
      return { error: `time: invalid duration ${quoted}` };
    s = s.slice(num[0].length);
    const unit = /^[^\d.]*/.exec(s)![0];
    if (unit === "") return { error: `time: missing unit in duration ${quoted}` };
    const scale = UNITS[unit];
    if (scale === undefined)
      return { error: `time: unknown unit ${JSON.stringify(unit)} in duration ${quoted}` };
    s = s.slice(unit.length);
    total += Number(`${num[1] || "0"}.${num[3] ?? "0"}`) * scale;
  }
  return sign * total;
}

/** parseDescriptor: the macros, and `@every DURATION`. */
function descriptor(spec: string, zone: Zone | undefined): Schedule {
  const at = (f: Partial<Omit<SpecSchedule, "kind" | "zone">>): SpecSchedule => ({
    kind: "spec",
    second: only(0),
    minute: only(0),
    hour: only(0),
    dom: all(DOM),
    month: all(MONTH),
    dow: all(DOW),
    ...f,
    ...(zone ? { zone } : {}),
  });
  switch (spec) {
    case "@yearly":
    case "@annually":
      return at({ dom: only(1), month: only(1) });
    case "@monthly":
      return at({ dom: only(1) });
    case "@weekly":
      return at({ dow: only(0) });
    case "@daily":
    case "@midnight":
      return at({});
    case "@hourly":
      return at({ hour: all(HOURS) });
  }
  const every = "@every ";
  if (spec.startsWith(every)) {
    const d = parseGoDuration(spec.slice(every.length));
    if (typeof d !== "number") throw new ParseError(`failed to parse duration ${spec}: ${d.error}`);
    // Every: below a second is a second; fractions of a second are dropped.
    return { kind: "every", delay: d < 1 ? 1 : Math.floor(d) };
  }
  throw new ParseError(`unrecognized descriptor: ${spec}`);
}

/**
 * cron.ParseStandard. Examples: "0 3 * * *" → 03:00 every day; "*\/15 9-17 * * MON-FRI" →
 * every quarter hour of working hours; "60 * * * *" → { error: "end of range (60) above
 * maximum (59): 60" }; "* * * *" → { error: "expected exactly 5 fields, found 4: [* * * *]" }.
 */
export function parseSchedule(text: string): ParsedSchedule {
  try {
    if (text.length === 0) throw new ParseError("empty spec string");
    let spec = text;
    let zone: Zone | undefined;
    if (spec.startsWith("TZ=") || spec.startsWith("CRON_TZ=")) {
      const space = spec.indexOf(" ");
      const name = spec.slice(spec.indexOf("=") + 1, space === -1 ? spec.length : space);
      const z = zoneOf(name);
      if ("error" in z) throw new ParseError(`provided bad location ${name}: ${z.error}`);
      zone = z.zone;
      spec = space === -1 ? "" : spec.slice(space).trim();
    }
    if (spec.startsWith("@")) return { schedule: descriptor(spec, zone) };
    const fields = goFields(spec);
    if (fields.length !== 5)
      throw new ParseError(`expected exactly 5 fields, found ${fields.length}: ${goStrings(fields)}`);
    return {
      schedule: {
        kind: "spec",
        second: only(0),
        minute: field(fields[0], MINUTES),
        hour: field(fields[1], HOURS),
        dom: field(fields[2], DOM),
        month: field(fields[3], MONTH),
        dow: field(fields[4], DOW),
        ...(zone ? { zone } : {}),
      },
    };
  } catch (e) {
    if (e instanceof ParseError) return { error: e.message };
    throw e;
  }
}

/* ----- Next: SpecSchedule.Next over wall-clock fields in a zone ----- */

/** A moment (Unix seconds) with its wall clock in a zone, as Go's time.Time in a Location. */
interface Wall {
  unix: number;
  year: number;
  month: number; // 1–12
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number; // 0 = Sunday
}

function wall(unix: number, zone: Zone): Wall {
  const d = new Date((unix + zone.offsetAt(unix)) * 1000);
  return {
    unix,
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    weekday: d.getUTCDay(),
  };
}

/**
 * time.Date: the wall-clock fields (normalised: month 13 is next January) in a zone, to a
 * moment. The zone's offset is looked up at the wall time read as UTC, then again at the moment
 * that gives when that one lies in another offset (a wall time a DST change skips or repeats
 * lands as Go lands it).
 */
function date(y: number, mo: number, d: number, h: number, mi: number, s: number, zone: Zone): Wall {
  const local = Date.UTC(y, mo - 1, d, h, mi, s) / 1000;
  let offset = zone.offsetAt(local);
  if (offset !== 0) {
    const again = zone.offsetAt(local - offset);
    if (again !== offset) offset = again;
  }
  return wall(local - offset, zone);
}

function dayMatches(s: SpecSchedule, t: Wall): boolean {
  const domMatch = s.dom.allows[t.day];
  const dowMatch = s.dow.allows[t.weekday];
  if (s.dom.star || s.dow.star) return domMatch && dowMatch;
  return domMatch || dowMatch;
}

/**
 * The first activation strictly after `unix` (Unix seconds), or undefined when none comes
 * within five years (Go's zero time: "59 23 31 2 *", February 31st, never comes).
 * `defaultZone` stands for the location of the time asked about (time.Local in the schedule).
 */
export function nextActivation(sched: Schedule, unix: number, defaultZone: Zone): number | undefined {
  if (sched.kind === "every") return Math.floor(unix) + sched.delay;
  const s = sched;
  const zone = s.zone ?? defaultZone;
  let t = wall(Math.floor(unix) + 1, zone);
  let added = false;
  const yearLimit = t.year + 5;
  wrap: for (;;) {
    if (t.year > yearLimit) return undefined;
    while (!s.month.allows[t.month]) {
      if (!added) {
        added = true;
        t = date(t.year, t.month, 1, 0, 0, 0, zone);
      }
      t = date(t.year, t.month + 1, t.day, t.hour, t.minute, t.second, zone);
      if (t.month === 1) continue wrap;
    }
    while (!dayMatches(s, t)) {
      if (!added) {
        added = true;
        t = date(t.year, t.month, t.day, 0, 0, 0, zone);
      }
      t = date(t.year, t.month, t.day + 1, t.hour, t.minute, t.second, zone);
      // Midnight a DST change skips or repeats: back to the day's start.
      if (t.hour !== 0) t = wall(t.unix + (t.hour > 12 ? 24 - t.hour : -t.hour) * 3600, zone);
      if (t.day === 1) continue wrap;
    }
    while (!s.hour.allows[t.hour]) {
      if (!added) {
        added = true;
        t = date(t.year, t.month, t.day, t.hour, 0, 0, zone);
      }
      t = wall(t.unix + 3600, zone);
      if (t.hour === 0) continue wrap;
    }
    while (!s.minute.allows[t.minute]) {
      if (!added) {
        added = true;
        t = wall(Math.floor(t.unix / 60) * 60, zone);
      }
      t = wall(t.unix + 60, zone);
      if (t.minute === 0) continue wrap;
    }
    while (!s.second.allows[t.second]) {
      if (!added) {
        added = true;
        t = wall(Math.floor(t.unix), zone);
      }
      t = wall(t.unix + 1, zone);
      if (t.second === 0) continue wrap;
    }
    return t.unix;
  }
}
