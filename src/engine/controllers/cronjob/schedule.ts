/**
 * When a CronJob's Jobs are due (pkg/controller/cronjob/utils.go mostRecentScheduleTime,
 * nextScheduleTime, nextScheduleTimeDuration), over the run's clock read as Unix seconds
 * (t = 0 is 2024-01-01T00:00:00Z, src/k8s/time.ts).
 *
 * The earliest time considered is the last schedule time, or the CronJob's creation; with
 * startingDeadlineSeconds, no earlier than now less the deadline. The most recent activation
 * after it and not after now is due. The number of activations missed is estimated as upstream
 * estimates it (the gap between the first two activations, into the time elapsed): over 100 is
 * "many" (the event TooManyMissedTimes), and a schedule whose first two activations are less
 * than a second apart, or which never comes (February 31st), is an error (InvalidSchedule).
 */
import { nextActivation, type Schedule } from "../../../k8s/kinds/cronJob/schedule.ts";
import type { Zone } from "../../../k8s/kinds/cronJob/timeZone.ts";

export type Missed = "none" | "few" | "many";

export interface MostRecent {
  earliest: number;
  mostRecent?: number;
  missed: Missed;
  error?: string;
}

/** What the computation reads of a CronJob, in Unix seconds. */
export interface ScheduleState {
  created: number;
  lastSchedule?: number;
  startingDeadlineSeconds?: number;
}

const TOO_CLOSE = "time difference between two schedules is less than 1 second";

/** mostRecentScheduleTime. */
export function mostRecentScheduleTime(
  cj: ScheduleState,
  now: number,
  sched: Schedule,
  zone: Zone,
  includeStartingDeadline: boolean,
): MostRecent {
  let earliest = cj.lastSchedule ?? cj.created;
  const missed: Missed = "none";
  if (includeStartingDeadline && cj.startingDeadlineSeconds !== undefined) {
    const deadline = now - cj.startingDeadlineSeconds;
    if (deadline > earliest) earliest = deadline;
  }
  const next = (t: number): number | undefined => nextActivation(sched, t, zone);
  const t1 = next(earliest);
  if (t1 !== undefined && now < t1) return { earliest, missed };
  const t2 = t1 === undefined ? undefined : next(t1);
  if (t1 !== undefined && t2 !== undefined && now < t2) return { earliest, mostRecent: t1, missed };
  if (t1 === undefined || t2 === undefined || Math.round(t2 - t1) < 1)
    return { earliest, missed, error: TOO_CLOSE };
  const between = Math.round(t2 - t1);
  const elapsed = Math.trunc(now - t1);
  const count = Math.floor(elapsed / between) + 1;
  // One interval further back than the estimate, so that an uneven schedule
  // ("30 6-16/4 * * 1-5") still finds its latest activation by walking forward.
  const potentialEarliest = t1 + (count - 2) * between;
  let mostRecent: number | undefined;
  for (let t = next(potentialEarliest); t !== undefined && t <= now; t = next(t)) mostRecent = t;
  const many: Missed = count > 100 ? "many" : count > 0 ? "few" : "none";
  return mostRecent === undefined ? { earliest, missed: many } : { earliest, mostRecent, missed: many };
}

/**
 * nextScheduleTimeDuration: seconds from now to the activation after the most recent one (or
 * after the earliest time, when none is due). Upstream pads it with 100 ms against clock skew
 * between machines; the run has one clock, and the Job it creates is stamped in whole seconds
 * either way. Undefined when the schedule never comes again.
 */
export function nextScheduleIn(
  cj: ScheduleState,
  now: number,
  sched: Schedule,
  zone: Zone,
): number | undefined {
  const r = mostRecentScheduleTime(cj, now, sched, zone, false);
  let from: number;
  if (r.error !== undefined) from = now;
  else if (r.mostRecent === undefined) from = r.missed === "none" ? r.earliest : now;
  else from = r.mostRecent;
  const next = nextActivation(sched, from, zone);
  return next === undefined ? undefined : next - now;
}

/** nextScheduleTime: the activation due now, if any (with startingDeadlineSeconds), and how many were missed. */
export function dueScheduleTime(
  cj: ScheduleState,
  now: number,
  sched: Schedule,
  zone: Zone,
): { due?: number; missed: Missed; error?: string } {
  const r = mostRecentScheduleTime(cj, now, sched, zone, true);
  if (r.mostRecent === undefined || r.mostRecent > now)
    return { missed: "none", ...(r.error !== undefined ? { error: r.error } : {}) };
  return { due: r.mostRecent, missed: r.missed, ...(r.error !== undefined ? { error: r.error } : {}) };
}
