// A CronJob's schedule as github.com/robfig/cron/v3 reads it (parser.go ParseStandard, getRange,
// parseDescriptor; spec.go SpecSchedule.Next and dayMatches; constantdelay.go), which both the
// API server's validation (pkg/apis/batch/validation validateScheduleFormat) and the CronJob
// controller use; and when the controller finds an activation due (pkg/controller/cronjob/utils.go
// mostRecentScheduleTime, nextScheduleTimeDuration).
import { describe, expect, it } from "vitest";
import { mostRecentScheduleTime, nextScheduleIn } from "../../src/engine/controllers/cronjob/schedule.ts";
import { jobName } from "../../src/engine/controllers/cronjob/jobs.ts";
import {
  nextActivation,
  parseGoDuration,
  parseSchedule,
  type Schedule,
} from "../../src/k8s/kinds/cronJob/schedule.ts";
import { UTC, rfc3339In, zoneOf, type Zone } from "../../src/k8s/kinds/cronJob/timeZone.ts";

const unix = (iso: string): number => Date.parse(iso) / 1000;
const iso = (u: number | undefined): string | undefined =>
  u === undefined ? undefined : new Date(u * 1000).toISOString().replace(".000Z", "Z");

function sched(text: string): Schedule {
  const p = parseSchedule(text);
  if ("error" in p) throw new Error(p.error);
  return p.schedule;
}

function zone(name: string): Zone {
  const z = zoneOf(name);
  if ("error" in z) throw new Error(z.error);
  return z.zone;
}

describe("parsing a schedule (cron.ParseStandard)", () => {
  // The texts are the library's own errors, which the API server returns as they are.
  it.each([
    ["60 * * * *", "end of range (60) above maximum (59): 60"],
    ["* 24 * * *", "end of range (24) above maximum (23): 24"],
    ["* * 0 * *", "beginning of range (0) below minimum (1): 0"],
    ["* * * 13 *", "end of range (13) above maximum (12): 13"],
    ["* * * * 7", "end of range (7) above maximum (6): 7"],
    ["5-3 * * * *", "beginning of range (5) beyond end of range (3): 5-3"],
    ["*/0 * * * *", "step of range should be a positive number: */0"],
    ["*/-1 * * * *", "negative number (-1) not allowed: -1"],
    ["1-2-3 * * * *", "too many hyphens: 1-2-3"],
    ["*/2/3 * * * *", "too many slashes: */2/3"],
    ["x * * * *", 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax'],
    ["* * * * funday", 'failed to parse int from funday: strconv.Atoi: parsing "funday": invalid syntax'],
    ["* * * *", "expected exactly 5 fields, found 4: [* * * *]"],
    ["0 0 0/1 * * ?", "expected exactly 5 fields, found 6: [0 0 0/1 * * ?]"],
    ["", "empty spec string"],
    ["@reboot", "unrecognized descriptor: @reboot"],
    ["@every", "unrecognized descriptor: @every"],
    ["@every 1d", 'failed to parse duration @every 1d: time: unknown unit "d" in duration "1d"'],
    ["@every soon", 'failed to parse duration @every soon: time: invalid duration "soon"'],
    ["@every 10", 'failed to parse duration @every 10: time: missing unit in duration "10"'],
  ])("%j is refused: %s", (text, error) => {
    expect(parseSchedule(text)).toEqual({ error });
  });

  it.each([
    "0 3 * * *",
    "*/15 9-17 * * MON-FRI",
    "0 0 1 jan,Jul *",
    "30 6-16/4 * * 1-5",
    "0 0 ? * sun",
    "0,30 * * * *",
    "@yearly",
    "@annually",
    "@monthly",
    "@weekly",
    "@daily",
    "@midnight",
    "@hourly",
    "@every 1h30m",
  ])("%j is accepted", (text) => {
    expect(parseSchedule(text)).toHaveProperty("schedule");
  });

  it("reads Go durations for @every, rounded down to whole seconds, at least one", () => {
    expect(parseGoDuration("1h30m")).toBe(5400);
    expect(parseGoDuration("1.5h")).toBe(5400);
    expect(parseGoDuration("250ms")).toBe(0.25);
    expect(sched("@every 90s")).toEqual({ kind: "every", delay: 90 });
    expect(sched("@every 1500ms")).toEqual({ kind: "every", delay: 1 });
    expect(sched("@every 200ms")).toEqual({ kind: "every", delay: 1 });
  });
});

describe("the next activation (SpecSchedule.Next), in UTC", () => {
  // 2024-01-01, the run's t = 0, is a Monday.
  it.each([
    ["0 3 * * *", "2024-01-01T00:00:00Z", "2024-01-01T03:00:00Z"],
    ["0 3 * * *", "2024-01-01T03:00:00Z", "2024-01-02T03:00:00Z"],
    ["*/5 * * * *", "2024-01-01T00:00:00Z", "2024-01-01T00:05:00Z"],
    ["*/5 * * * *", "2024-01-01T00:04:59.5Z", "2024-01-01T00:05:00Z"],
    ["*/15 9-17 * * MON-FRI", "2024-01-05T17:45:00Z", "2024-01-08T09:00:00Z"],
    // Day of month and day of week both restricted: either matches (the 5th is a Friday).
    ["0 0 13 * FRI", "2024-01-01T00:00:00Z", "2024-01-05T00:00:00Z"],
    ["0 0 13 * *", "2024-01-01T00:00:00Z", "2024-01-13T00:00:00Z"],
    // "1-7 * 1" is not "the first Monday": any of days 1–7, or any Monday.
    ["0 0 1-7 * 1", "2024-01-07T00:00:00Z", "2024-01-08T00:00:00Z"],
    ["0 0 1-7 * 1", "2024-01-08T00:00:00Z", "2024-01-15T00:00:00Z"],
    // A step on the star restricts the field: "*" and "*/2" of weekdays differ.
    ["0 0 * * */2", "2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z"],
    ["0 0 1 jan,Jul *", "2024-01-01T00:00:00Z", "2024-07-01T00:00:00Z"],
    ["0 0 29 2 *", "2024-01-01T00:00:00Z", "2024-02-29T00:00:00Z"],
    ["30 6-16/4 * * 1-5", "2024-01-01T15:00:00Z", "2024-01-02T06:30:00Z"],
    ["@hourly", "2024-01-01T00:00:00Z", "2024-01-01T01:00:00Z"],
    ["@daily", "2024-01-01T12:00:00Z", "2024-01-02T00:00:00Z"],
    ["@weekly", "2024-01-01T00:00:00Z", "2024-01-07T00:00:00Z"],
    ["@monthly", "2024-01-01T00:00:00Z", "2024-02-01T00:00:00Z"],
    ["@yearly", "2024-01-01T00:00:00Z", "2025-01-01T00:00:00Z"],
    ["@every 90m", "2024-01-01T00:00:30Z", "2024-01-01T01:30:30Z"],
  ])("%j after %s is %s", (text, from, want) => {
    expect(iso(nextActivation(sched(text), unix(from), UTC))).toBe(want);
  });

  it("never comes for February 31st (Go's zero time after five years)", () => {
    expect(nextActivation(sched("59 23 31 2 *"), unix("2024-01-01T00:00:00Z"), UTC)).toBeUndefined();
  });
});

describe("time zones (spec.timeZone, time.LoadLocation)", () => {
  it("fires at the zone's wall clock: 03:00 in Paris is 02:00Z in winter, 01:00Z in summer", () => {
    const paris = zone("Europe/Paris");
    expect(iso(nextActivation(sched("0 3 * * *"), unix("2024-01-01T00:00:00Z"), paris))).toBe(
      "2024-01-01T02:00:00Z",
    );
    expect(iso(nextActivation(sched("0 3 * * *"), unix("2024-07-01T00:00:00Z"), paris))).toBe(
      "2024-07-01T01:00:00Z",
    );
  });

  it("skips a wall time the spring DST change skips (02:30 on 2024-03-31 in Paris), as robfig/cron does", () => {
    const paris = zone("Europe/Paris");
    expect(iso(nextActivation(sched("30 2 * * *"), unix("2024-03-30T12:00:00Z"), paris))).toBe(
      "2024-04-01T00:30:00Z",
    );
  });

  it("writes RFC 3339 in the zone, Z where the offset is zero", () => {
    expect(rfc3339In(unix("2024-01-01T02:00:00Z"), zone("Europe/Paris"))).toBe("2024-01-01T03:00:00+01:00");
    expect(rfc3339In(unix("2024-07-01T01:00:00Z"), zone("Europe/Paris"))).toBe("2024-07-01T03:00:00+02:00");
    expect(rfc3339In(unix("2024-01-01T05:00:00Z"), zone("America/New_York"))).toBe(
      "2024-01-01T00:00:00-05:00",
    );
    expect(rfc3339In(unix("2024-01-01T03:00:00Z"), UTC)).toBe("2024-01-01T03:00:00Z");
  });

  it("knows what Go's LoadLocation knows: case matters, made-up names are unknown", () => {
    expect(zoneOf("Mars/Olympus")).toEqual({ error: "unknown time zone Mars/Olympus" });
    expect(zoneOf("europe/paris")).toEqual({ error: "unknown time zone europe/paris" });
    expect(zoneOf("UTC")).toEqual({ zone: UTC });
  });
});

describe("the activation due (mostRecentScheduleTime) and the wake-up after it", () => {
  const every5 = sched("*/5 * * * *");
  const created = unix("2024-01-01T00:00:00Z");

  it("is none before the first activation, and the wake-up is at it", () => {
    const now = unix("2024-01-01T00:03:00Z");
    expect(mostRecentScheduleTime({ created }, now, every5, UTC, true)).toEqual({
      earliest: created,
      missed: "none",
    });
    expect(nextScheduleIn({ created }, now, every5, UTC)).toBe(120);
  });

  it("is the latest of several missed activations, counted as upstream estimates them", () => {
    const now = unix("2024-01-01T00:17:00Z");
    const r = mostRecentScheduleTime({ created }, now, every5, UTC, true);
    expect(iso(r.mostRecent)).toBe("2024-01-01T00:15:00Z");
    expect(r.missed).toBe("few");
  });

  it("with startingDeadlineSeconds, looks no further back than the deadline", () => {
    const now = unix("2024-01-01T00:17:00Z");
    const r = mostRecentScheduleTime({ created, startingDeadlineSeconds: 60 }, now, every5, UTC, true);
    expect(r.mostRecent).toBeUndefined();
  });

  it("counts over 100 missed activations as many (TooManyMissedTimes)", () => {
    const now = unix("2024-01-01T02:00:00Z");
    const r = mostRecentScheduleTime({ created }, now, sched("* * * * *"), UTC, true);
    expect(r.missed).toBe("many");
    expect(iso(r.mostRecent)).toBe("2024-01-01T02:00:00Z");
  });

  it("reports a schedule that never comes as an error", () => {
    const r = mostRecentScheduleTime({ created }, created + 60, sched("59 23 31 2 *"), UTC, true);
    expect(r.error).toBe("time difference between two schedules is less than 1 second");
  });

  it("names a Job after its scheduled time in minutes since the epoch (getJobName)", () => {
    expect(jobName("backup", unix("2024-01-01T03:00:00Z"))).toBe("backup-28401300");
  });
});
