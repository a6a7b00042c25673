/**
 * The shared time axis. Traces are in simulated seconds; people read rollouts and
 * autoscaling in clock form, so the axis is labelled "m:ss" (runs up to an hour) or "h:mm"
 * (longer runs), with ticks on round steps (15 s, 30 s, 1 min, 5 min, …) rather than
 * Vega's decimal ticks (which would put a tick at 0:50, 1:40, …).
 */
import type { Time } from "../k8s/types.ts";

/** The clock styles the axis uses. */
export const ClockStyle = { "m:ss": 1, "h:mm": 1 } as const;
export type ClockStyle = keyof typeof ClockStyle;

/** Tick steps in seconds, smallest first; the first that yields at most `maxTicks` ticks wins. */
export const TICK_STEPS = [
  1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400,
] as const;

/** Runs longer than this are labelled in hours and minutes. */
export const HOUR_STYLE_FROM: Time = 3600;

export function clockStyle(end: Time): ClockStyle {
  return end > HOUR_STYLE_FROM ? "h:mm" : "m:ss";
}

/**
 * A time in seconds as the axis labels it. Examples: 0 → "0:00", 75 → "1:15", 600 → "10:00";
 * in "h:mm" style 5400 → "1:30". Fractions of a second are shown only when present
 * (2.5 → "0:02.5"), since pod startup and shutdown can be sub-second.
 */
export function formatClock(t: Time, style: ClockStyle = "m:ss"): string {
  if (style === "h:mm") {
    const minutes = Math.floor(t / 60);
    return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, "0")}`;
  }
  const whole = Math.floor(t);
  const frac = Math.round((t - whole) * 1000) / 1000;
  const sec = String(whole % 60).padStart(2, "0") + (frac > 0 ? String(frac).slice(1) : "");
  return `${Math.floor(whole / 60)}:${sec}`;
}

/**
 * Tick values from 0 to `end` on the smallest round step giving at most `maxTicks` ticks.
 * Example: end 600 (10 min), maxTicks 11 → step 60 → 0, 60, …, 600.
 */
export function tickValues(end: Time, maxTicks = 11): number[] {
  const span = Math.max(end, 1);
  const step =
    TICK_STEPS.find((s) => span / s + 1 <= maxTicks) ?? Math.ceil(span / (maxTicks - 1) / 86400) * 86400;
  const ticks: number[] = [];
  for (let v = 0; v <= span + 1e-9; v += step) ticks.push(v);
  return ticks;
}

/** The Vega expression that turns an axis value (seconds) into the same label as `formatClock`. */
export function clockLabelExpr(style: ClockStyle): string {
  return style === "h:mm"
    ? "floor(datum.value / 3600) + ':' + format(floor(datum.value / 60) % 60, '02d')"
    : "floor(datum.value / 60) + ':' + format(floor(datum.value) % 60, '02d')";
}

/** The x encoding every time chart shares: seconds on a fixed [0, end] domain, clock labels. */
export function timeX(end: Time, opts: { title?: boolean; maxTicks?: number } = {}) {
  const style = clockStyle(end);
  return {
    field: "t",
    type: "quantitative" as const,
    scale: { domain: [0, Math.max(end, 1)], nice: false, zero: true },
    axis: {
      title: opts.title === false ? null : `time (${style})`,
      values: tickValues(end, opts.maxTicks),
      labelExpr: clockLabelExpr(style),
      grid: true,
      gridOpacity: 0.5,
    },
  };
}
